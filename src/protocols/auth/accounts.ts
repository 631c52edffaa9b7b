// Access keys → requester accounts. Every access key is its own requester.
import { newAwsAccountId, newCustomerId } from "../../domain/ids";
import type { Account } from "../../domain/records";
import type { SqliteStore } from "../../store/sqlite-store";
import type { AccessKeyPair } from "./credentials-file";

/** The example key pair of the AWS documentation, which works out of the box. */
export const DEFAULT_CREDENTIALS: AccessKeyPair = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

/** At most this many accounts are remembered in memory (with auth off, every new key is an account). */
const CACHE_LIMIT = 1000;

export class Accounts {
  readonly defaultKey = DEFAULT_CREDENTIALS.accessKeyId;
  // Every signed call looks its key up twice (secret, then account): remembered after the first read.
  private readonly byKey = new Map<string, Account>();

  constructor(
    private readonly store: SqliteStore,
    /** With authentication off, any key is accepted unverified and gets an account on first use. */
    readonly authEnabled: boolean,
    private readonly now: () => number,
  ) {}

  /** Registers key pairs, keeping the requester id of keys already known. */
  register(pairs: AccessKeyPair[]): void {
    this.store.transaction(() => pairs.forEach((pair) => this.ensure(pair.accessKeyId, pair.secretAccessKey)));
  }

  secretFor(accessKeyId: string): string | undefined {
    return this.lookup(accessKeyId)?.secretAccessKey;
  }

  /** The account behind a key that authentication has already accepted. */
  forKey(accessKeyId: string): Account | undefined {
    const account = this.lookup(accessKeyId);
    if (account || this.authEnabled) return account;
    return this.store.transaction(() => this.ensure(accessKeyId, undefined));
  }

  list(): Account[] {
    return this.store.listAccounts();
  }

  private lookup(accessKeyId: string): Account | undefined {
    const cached = this.byKey.get(accessKeyId);
    if (cached) return cached;
    const account = this.store.getAccountByKey(accessKeyId);
    // Only committed rows are remembered: inside a transaction the row may still be rolled back.
    if (account && !this.store.db.inTransaction) {
      if (this.byKey.size >= CACHE_LIMIT) this.byKey.clear();
      this.byKey.set(accessKeyId, account);
    }
    return account;
  }

  private ensure(accessKeyId: string, secretAccessKey: string | undefined): Account {
    this.byKey.delete(accessKeyId);
    const existing = this.store.getAccountByKey(accessKeyId);
    const account: Account = existing
      ? { ...existing, secretAccessKey: secretAccessKey ?? existing.secretAccessKey }
      : { requesterId: newCustomerId(), accessKeyId, secretAccessKey, awsAccountId: newAwsAccountId(), createdMs: this.now() };
    this.store.putAccount(account);
    return account;
  }
}
