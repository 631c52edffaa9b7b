// What workers do. The control API plays workers through these; the worker site will too.
import type { Ctx } from "../context";
import { raise } from "../context";
import { DomainError } from "../errors";
import { newCustomerId, newEntityId } from "../ids";
import { buildAnswerXml, parseAnswerXml, type AnswerFields } from "../questions/answers";
import { parseQuestion } from "../questions/question";
import type { Assignment, HitView, Worker } from "../records";
import { approve } from "./assignments";
import { updateHit } from "./hit-lookup";
import { workerAttributesProblem } from "../eligibility";
import { onAssignmentSubmitted } from "../review-policies/run";
import { hitEligibility } from "./qualifications";

const WORKER_ID = /^A[A-Z0-9]{1,63}$/;

/** A refusal of a worker action, with a stable code for the control API and the worker site. */
export class WorkerActionError extends DomainError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super("RequestError", undefined, message);
  }
}

/** Creates a worker; for an existing one, the attributes given are merged into its attributes. */
export function createWorker(ctx: Ctx, input: { workerId?: string; attributes?: Record<string, unknown> }): Worker {
  const id = input.workerId ?? newCustomerId();
  if (!WORKER_ID.test(id)) throw new WorkerActionError("InvalidWorkerId", `WorkerId "${id}" must match ^A[A-Z0-9]+$ (at most 64 characters).`);
  const problem = workerAttributesProblem(input.attributes ?? {});
  if (problem) throw new WorkerActionError("InvalidWorkerAttribute", problem);
  const existing = ctx.store.getWorker(id);
  if (existing) {
    if (!input.attributes || Object.keys(input.attributes).length === 0) return existing;
    ctx.store.updateWorkerAttributes(id, { ...existing.attributes, ...input.attributes });
    return ctx.store.getWorker(id)!;
  }
  const worker: Worker = { id, createdMs: ctx.now, attributes: input.attributes ?? {} };
  ctx.store.insertWorker(worker);
  return worker;
}

export function getWorker(ctx: Ctx, workerId: string): Worker {
  const worker = ctx.store.getWorker(workerId);
  if (!worker) throw new WorkerActionError("WorkerNotFound", `Worker ${workerId} does not exist.`);
  return worker;
}

export function acceptHit(ctx: Ctx, workerId: string, hitId: string): Assignment {
  const worker = getWorker(ctx, workerId);
  const hit = ctx.store.getHit(hitId);
  if (!hit || hit.status === "Disposed") throw new WorkerActionError("HITNotFound", `HIT ${hitId} does not exist.`);
  if (ctx.store.findLiveAssignment(hit.id, workerId)) {
    throw new WorkerActionError("AlreadyAccepted", `Worker ${workerId} has already accepted or submitted HIT ${hit.id}.`);
  }
  if (hit.status !== "Assignable") {
    const why = hit.expired ? "it has expired" : "no assignments are available";
    throw new WorkerActionError("HITNotAvailable", `HIT ${hit.id} cannot be accepted: ${why} (status ${hit.status}).`);
  }
  checkEligible(ctx, worker, hit);
  const assignment: Assignment = {
    id: newEntityId(),
    seq: 0,
    hitId: hit.id,
    workerId,
    requesterId: hit.requesterId,
    status: "Accepted",
    acceptMs: ctx.now,
    deadlineMs: ctx.now + hit.type.assignmentDurationS * 1000,
  };
  ctx.store.insertAssignment(assignment);
  updateHit(ctx, hit, { pending: hit.pending + 1 }, ctx.now);
  raise(ctx, "AssignmentAccepted", hit, ctx.now, assignment);
  return ctx.store.getAssignment(assignment.id)!;
}

/** Answers by QuestionIdentifier, or form fields as posted ([name, value] pairs, in order), or a whole document. */
export type SubmittedAnswer = { answers: AnswerFields } | { answerXml: string };

export function submitAssignment(ctx: Ctx, assignmentId: string, answer: SubmittedAnswer, workerId?: string): Assignment {
  const { assignment, hit } = inProgress(ctx, assignmentId, workerId);
  let xml: string;
  if ("answerXml" in answer) {
    parseAnswerXml(answer.answerXml);
    xml = answer.answerXml;
  } else {
    const question = parseQuestion(hit.question);
    xml = buildAnswerXml(answer.answers, question);
  }
  const autoApprovalMs = ctx.now + hit.type.autoApprovalDelayS * 1000;
  ctx.store.updateAssignment(assignment.id, { status: "Submitted", submitMs: ctx.now, autoApprovalMs, answer: xml });
  const after = updateHit(ctx, hit, { pending: hit.pending - 1, submitted: hit.submitted + 1 }, ctx.now, { deferReview: true });
  raise(ctx, "AssignmentSubmitted", hit, ctx.now, assignment);
  const submitted = ctx.store.getAssignment(assignment.id)!;
  // A zero auto-approval delay approves on submission, and so does a HIT disabled (legacy DisableHIT) while
  // this assignment was in progress.
  if (autoApprovalMs <= ctx.now || hit.status === "Disposed") approve(ctx, submitted, { ...hit, ...after }, ctx.now);
  // Review policies run last: the assignment's, then the HIT's if this submission made the HIT Reviewable.
  onAssignmentSubmitted(ctx, assignment.id, after.status === "Reviewable" && hit.status !== "Reviewable" && hit.status !== "Reviewing");
  return ctx.store.getAssignment(assignment.id)!;
}

export function returnAssignment(ctx: Ctx, assignmentId: string, workerId?: string): Assignment {
  const { assignment, hit } = inProgress(ctx, assignmentId, workerId);
  end(ctx, assignment, hit, "Returned", ctx.now);
  return ctx.store.getAssignment(assignment.id)!;
}

/** Ends an assignment as if its duration had run out. Also how the clock abandons assignments. */
export function abandonAssignment(ctx: Ctx, assignmentId: string, workerId?: string): Assignment {
  const { assignment, hit } = inProgress(ctx, assignmentId, workerId);
  end(ctx, assignment, hit, "Abandoned", ctx.now);
  return ctx.store.getAssignment(assignment.id)!;
}

export function end(ctx: Ctx, assignment: Assignment, hit: HitView, status: "Returned" | "Abandoned", at: number): void {
  ctx.store.updateAssignment(assignment.id, { status, endedMs: at });
  updateHit(ctx, hit, { pending: hit.pending - 1 }, at);
  raise(ctx, status === "Returned" ? "AssignmentReturned" : "AssignmentAbandoned", hit, at, assignment);
}

/** Refuses a worker the HIT's requester has blocked, or who does not meet a requirement guarding Accept. */
function checkEligible(ctx: Ctx, worker: Worker, hit: HitView): void {
  const { accept, failed } = hitEligibility(ctx, worker, hit);
  if (accept) return;
  if (failed.some((f) => f.requirement === undefined)) {
    throw new WorkerActionError("WorkerBlocked", `Worker ${worker.id} is blocked by the requester of HIT ${hit.id} and cannot accept it.`);
  }
  const reasons = failed.map((f) => `${f.reason} (worker has ${f.actual})`).join("; ");
  throw new WorkerActionError("QualificationRequirementNotMet", `Worker ${worker.id} does not meet the qualification requirements of HIT ${hit.id}: ${reasons}.`);
}

function inProgress(ctx: Ctx, assignmentId: string, workerId?: string): { assignment: Assignment; hit: HitView } {
  const assignment = ctx.store.getAssignment(assignmentId);
  // A worker asking about someone else's assignment learns nothing more than about a missing one.
  if (!assignment || (workerId !== undefined && assignment.workerId !== workerId)) {
    throw new WorkerActionError("AssignmentNotFound", `Assignment ${assignmentId} does not exist.`);
  }
  if (assignment.status !== "Accepted") {
    throw new WorkerActionError(
      "AssignmentNotInProgress",
      `Assignment ${assignmentId} is ${assignment.status.toLowerCase()}; only an accepted assignment can be submitted or returned.`,
    );
  }
  return { assignment, hit: ctx.store.getHit(assignment.hitId)! };
}
