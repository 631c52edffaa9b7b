import type { Account, DomainEvent, EventType, Hit } from "./records";
import type { Store } from "./store";

/** What every command gets: the store (inside its transaction) and the one instant the command runs at. */
export interface Ctx {
  store: Store;
  now: number;
}

export interface RequesterCtx extends Ctx {
  requester: Account;
}

export function raise(
  ctx: Ctx,
  type: EventType,
  hit: Pick<Hit, "id" | "requesterId" | "hitTypeId">,
  at: number,
  assignment?: { id: string; workerId: string },
): void {
  const event: DomainEvent = {
    type,
    timeMs: at,
    requesterId: hit.requesterId,
    hitId: hit.id,
    hitTypeId: hit.hitTypeId,
    assignmentId: assignment?.id,
    workerId: assignment?.workerId,
  };
  ctx.store.insertEvent(event);
}
