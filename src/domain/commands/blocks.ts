// Worker blocks (MODERN-API.md §2.9, §2.12, §2.28): a blocked worker cannot accept the requester's HITs.
import type { RequesterCtx } from "../context";
import { errors } from "../errors";
import type { Page, WorkerBlock } from "../records";
import type { PageRequest } from "../store";
import { knownWorker } from "./qualifications";

/** Blocking a blocked worker again replaces the reason. */
export function createWorkerBlock(ctx: RequesterCtx, workerId: string, reason: string): void {
  knownWorker(ctx, workerId);
  if (reason.trim() === "") throw errors.invalidParameter("Reason", reason, "Give the worker a reason for the block.");
  ctx.store.putWorkerBlock({ requesterId: ctx.requester.requesterId, workerId, reason, createdMs: ctx.now });
}

/** Unblocking a worker who is not blocked succeeds; an unknown worker does not. */
export function deleteWorkerBlock(ctx: RequesterCtx, workerId: string): void {
  if (!ctx.store.getWorker(workerId)) throw errors.parameter("WorkerId is invalid.");
  ctx.store.deleteWorkerBlock(ctx.requester.requesterId, workerId);
}

export function listWorkerBlocks(ctx: RequesterCtx, page: PageRequest): Page<WorkerBlock> {
  return ctx.store.listWorkerBlocks(ctx.requester.requesterId, page);
}
