// The requester's balance. In the sandbox it never changes: $10,000.00 available (MODERN-API.md §3.3), and the
// legacy OnHoldBalance was "not used, always 0" (LEGACY-API.md §6).
import type { RequesterCtx } from "../context";

export const SANDBOX_BALANCE = "10000.00";

export function accountBalance(_ctx: RequesterCtx): { available: string; onHold: string } {
  return { available: SANDBOX_BALANCE, onHold: "0.00" };
}
