import type { Ctx, RequesterCtx } from "../context";
import { raise } from "../context";
import { errors } from "../errors";
import type { Assignment, AssignmentStatus, Bonus, HitView, Page } from "../records";
import type { PageRequest } from "../store";
import { ownHit, updateHit } from "./hit-lookup";
import { normaliseReward } from "./hit-types";

const DAY_MS = 24 * 3600 * 1000;
const OVERRIDE_WINDOW_MS = 30 * DAY_MS;
const REVIEWED: AssignmentStatus[] = ["Submitted", "Approved", "Rejected"];
// ASCII 0-8, 11, 12 and 14-31 are refused in feedback; tab, newline and carriage return are fine.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/**
 * The requester sees an assignment only once it is submitted, and only on its own live HITs:
 * anything else answers like a missing assignment (or a missing HIT, once the HIT is deleted).
 */
export function visibleAssignment(ctx: RequesterCtx, assignmentId: string): { assignment: Assignment; hit: HitView } {
  const assignment = ctx.store.getAssignment(assignmentId);
  if (!assignment || assignment.requesterId !== ctx.requester.requesterId || !REVIEWED.includes(assignment.status)) {
    throw errors.assignmentDoesNotExist(assignmentId);
  }
  const hit = ctx.store.getHit(assignment.hitId)!;
  if (hit.status === "Disposed") throw errors.hitDoesNotExist(hit.id);
  return { assignment, hit };
}

export const getAssignment = visibleAssignment;

export function listAssignmentsForHit(
  ctx: RequesterCtx,
  hitId: string,
  statuses: AssignmentStatus[] | undefined,
  page: PageRequest,
): Page<Assignment> {
  const hit = ownHit(ctx, hitId);
  if (hit.status === "Disposed") throw errors.hitDoesNotExist(hitId);
  return ctx.store.listAssignments(hit.id, statuses?.length ? statuses : REVIEWED, page);
}

export function approveAssignment(ctx: RequesterCtx, assignmentId: string, feedback: string | undefined, overrideRejection: boolean): void {
  checkFeedback(feedback);
  const { assignment, hit } = visibleAssignment(ctx, assignmentId);
  const overriding = overrideRejection && assignment.status === "Rejected";
  if (assignment.status !== "Submitted" && !overriding) {
    throw errors.invalidAssignmentState(overrideRejection ? "Submitted, Rejected" : "Submitted");
  }
  if (overriding && ctx.now - assignment.submitMs! > OVERRIDE_WINDOW_MS) {
    throw errors.request(
      "AWS.MechanicalTurk.InvalidAssignmentState",
      "A rejection can only be overridden within 30 days of the assignment's submission.",
    );
  }
  approve(ctx, assignment, hit, ctx.now, feedback);
}

/** Approves a submitted (or, overriding, a rejected) assignment at `at`. Also used for auto-approval. */
export function approve(ctx: Ctx, assignment: Assignment, hit: HitView, at: number, feedback?: string): void {
  ctx.store.updateAssignment(assignment.id, {
    status: "Approved",
    approvalMs: at,
    rejectionMs: undefined,
    requesterFeedback: feedback ?? assignment.requesterFeedback,
  });
  if (assignment.status === "Submitted") updateHit(ctx, hit, { submitted: hit.submitted - 1, completed: hit.completed + 1 }, at);
  raise(ctx, "AssignmentApproved", hit, at, assignment);
}

/** RequesterFeedback is required by the modern API (its schema), optional in the legacy one. */
export function rejectAssignment(ctx: RequesterCtx, assignmentId: string, feedback: string | undefined): void {
  checkFeedback(feedback);
  const { assignment, hit } = visibleAssignment(ctx, assignmentId);
  if (assignment.status !== "Submitted") throw errors.invalidAssignmentState("Submitted");
  ctx.store.updateAssignment(assignment.id, { status: "Rejected", rejectionMs: ctx.now, requesterFeedback: feedback });
  updateHit(ctx, hit, { submitted: hit.submitted - 1, completed: hit.completed + 1 }, ctx.now);
  raise(ctx, "AssignmentRejected", hit, ctx.now, assignment);
}

function checkFeedback(feedback: string | undefined): void {
  if (feedback !== undefined && CONTROL_CHARS.test(feedback)) {
    throw errors.invalidParameter("RequesterFeedback", feedback, "It must not contain ASCII control characters.");
  }
}

export interface BonusInput {
  workerId: string;
  assignmentId: string;
  amount: string;
  reason: string;
  uniqueRequestToken?: string;
}

export function sendBonus(ctx: RequesterCtx, input: BonusInput): void {
  const requesterId = ctx.requester.requesterId;
  if (input.uniqueRequestToken !== undefined) {
    const earlier = ctx.store.findToken(requesterId, "SendBonus", input.uniqueRequestToken, ctx.now - DAY_MS);
    if (earlier) {
      throw errors.request(
        "AWS.MechanicalTurk.RequestAlreadyProcessed",
        `The request with UniqueRequestToken "${input.uniqueRequestToken}" has already been processed (bonus for assignment ${earlier}).`,
      );
    }
  }
  const { assignment, hit } = visibleAssignment(ctx, input.assignmentId);
  if (assignment.workerId !== input.workerId) throw errors.invalidParameter("WorkerId", input.workerId);
  const amount = normaliseReward(input.amount);
  if (/^0+\.00$/.test(amount)) throw errors.invalidParameter("BonusAmount", input.amount, "A bonus must be greater than 0.00.");
  ctx.store.insertBonus({
    requesterId,
    workerId: input.workerId,
    assignmentId: assignment.id,
    hitId: hit.id,
    amount,
    reason: input.reason,
    grantMs: ctx.now,
  });
  if (input.uniqueRequestToken !== undefined) {
    ctx.store.putToken(requesterId, "SendBonus", input.uniqueRequestToken, assignment.id, ctx.now);
  }
}

export function listBonusPayments(
  ctx: RequesterCtx,
  filter: { hitId?: string; assignmentId?: string },
  page: PageRequest,
): Page<Bonus> {
  if (filter.hitId === undefined && filter.assignmentId === undefined) {
    throw errors.parameter("Either HITId or AssignmentId must be specified.");
  }
  if (filter.hitId !== undefined) ownHit(ctx, filter.hitId);
  if (filter.assignmentId !== undefined) visibleAssignment(ctx, filter.assignmentId);
  return ctx.store.listBonuses(ctx.requester.requesterId, filter, page);
}

/** Where a worker's upload for a FileUploadAnswer question can be fetched from, for 60 seconds. */
export function fileUploadUrl(ctx: RequesterCtx, assignmentId: string, questionIdentifier: string): { expiresMs: number } {
  const { assignment } = visibleAssignment(ctx, assignmentId);
  if (!ctx.store.getUploadedFile(assignment.id, questionIdentifier)) {
    throw errors.invalidParameter("QuestionIdentifier", questionIdentifier, "No file was uploaded for this question.");
  }
  return { expiresMs: ctx.now + 60_000 };
}
