// Messages to workers: NotifyWorkers (MODERN-API.md §2.30) and the e-mails qualification changes send. Nothing
// leaves the emulator: every message that would be e-mailed is kept in the outbox (GET /_emu/outbox).
import type { Ctx, RequesterCtx } from "../context";
import { errors } from "../errors";
import type { MessageKind } from "../records";

export function sendMessage(ctx: RequesterCtx, message: { workerId: string; kind: MessageKind; subject: string; messageText: string }): void {
  ctx.store.insertOutboxMessage({ ...message, requesterId: ctx.requester.requesterId, sentMs: ctx.now });
}

export interface NotifyFailure {
  workerId: string;
  code: "SoftFailure" | "HardFailure";
  message: string;
}

/**
 * Sends one message to each worker (a worker named twice gets it once). Per-worker problems are returned, not
 * thrown: a worker the sandbox does not know is a HardFailure; a worker whose work the requester has never
 * approved or rejected is a SoftFailure, because the service only e-mails workers who have worked for the
 * requester (and could later).
 */
export function notifyWorkers(ctx: RequesterCtx, input: { subject: string; messageText: string; workerIds: string[] }): NotifyFailure[] {
  if (input.subject.trim() === "") throw errors.invalidParameter("Subject", input.subject, "The message needs a subject.");
  if (input.messageText.trim() === "") throw errors.invalidParameter("MessageText", input.messageText, "The message needs a text.");
  if (input.workerIds.length === 0) throw errors.parameter("WorkerIds must name at least one worker (at most 100).");
  const failures: NotifyFailure[] = [];
  for (const workerId of new Set(input.workerIds)) {
    const problem = undeliverable(ctx, workerId);
    if (problem) {
      failures.push({ workerId, ...problem });
      continue;
    }
    sendMessage(ctx, { workerId, kind: "NotifyWorkers", subject: input.subject, messageText: input.messageText });
  }
  return failures;
}

function undeliverable(ctx: RequesterCtx, workerId: string): Omit<NotifyFailure, "workerId"> | undefined {
  if (!ctx.store.getWorker(workerId)) return { code: "HardFailure", message: `Worker ${workerId} does not exist.` };
  if (!ctx.store.hasReviewedWorkOf(ctx.requester.requesterId, workerId)) {
    return {
      code: "SoftFailure",
      message: `Worker ${workerId} has not done any work for you: you can notify only workers whose assignments you have approved or rejected.`,
    };
  }
  return undefined;
}

export const listOutbox = (ctx: Ctx, filter: { workerId?: string; kind?: MessageKind }) => ctx.store.listOutboxMessages(filter);
