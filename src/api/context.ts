import type { RequesterCtx } from "../domain/context";
import type { Domain } from "../domain/domain";
import type { Account } from "../domain/records";

/** What an operation handler gets from the front end that called it. */
export interface ApiCtx {
  domain: Domain;
  requester: Account;
  /** Where this emulator is reached from the caller's side, for URLs it hands out. */
  baseUrl: string;
  /** Notification delivery (src/notifications): SendTestEventNotification sends at once through it. */
  notifications?: { sendTest(requester: Account, record: (ctx: RequesterCtx) => void): Promise<void> };
}
