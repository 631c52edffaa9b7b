import type { Domain } from "../domain/domain";
import type { Account } from "../domain/records";

/** What an operation handler gets from the front end that called it. */
export interface ApiCtx {
  domain: Domain;
  requester: Account;
  /** Where this emulator is reached from the caller's side, for URLs it hands out. */
  baseUrl: string;
}
