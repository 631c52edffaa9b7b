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

export class Accounts {
  readonly defaultKey = DEFAULT_CREDENTIALS.accessKeyId;

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
    return this.store.getAccountByKey(accessKeyId)?.secretAccessKey;
  }

  /** The account behind a key that authentication has already accepted. */
  forKey(accessKeyId: string): Account | undefined {
    const account = this.store.getAccountByKey(accessKeyId);
    if (account || this.authEnabled) return account;
    return this.store.transaction(() => this.ensure(accessKeyId, undefined));
  }

  list(): Account[] {
    return this.store.listAccounts();
  }

  private ensure(accessKeyId: string, secretAccessKey: string | undefined): Account {
    const existing = this.store.getAccountByKey(accessKeyId);
    const account: Account = existing
      ? { ...existing, secretAccessKey: secretAccessKey ?? existing.secretAccessKey }
      : { requesterId: newCustomerId(), accessKeyId, secretAccessKey, awsAccountId: newAwsAccountId(), createdMs: this.now() };
    this.store.putAccount(account);
    return account;
  }
}
