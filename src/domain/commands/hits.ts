import type { RequesterCtx } from "../context";
import { raise } from "../context";
import { errors } from "../errors";
import { newEntityId } from "../ids";
import { applyHitLayout } from "../questions/layout";
import { parseQuestion } from "../questions/question";
import type { HitStatus, HitType, HitTypeProps, HitView, Page, ReviewPolicy } from "../records";
import type { PageRequest } from "../store";
import { expireHit, ownHit, updateHit } from "./hit-lookup";
import { ownHitType, registerHitType } from "./hit-types";
import { usesDeletedQualificationType } from "../qualification-requirements";
import { checkReviewPolicies } from "../review-policies/parameters";

const DAY_MS = 24 * 3600 * 1000;
const MAX_EXTENSION_S = 31_536_000;

export interface CreateHitInput {
  /** New HIT-type properties (CreateHIT) or an existing HIT type (CreateHITWithHITType). */
  type: HitTypeProps | { hitTypeId: string };
  lifetimeS: number;
  maxAssignments: number;
  question?: string;
  layout?: { id: string; parameters: Array<{ Name: string; Value: string }> };
  requesterAnnotation?: string;
  uniqueRequestToken?: string;
  assignmentReviewPolicy?: ReviewPolicy;
  hitReviewPolicy?: ReviewPolicy;
}

export function createHit(ctx: RequesterCtx, input: CreateHitInput): HitView {
  const requesterId = ctx.requester.requesterId;
  if (input.uniqueRequestToken !== undefined) {
    const existing = ctx.store.findToken(requesterId, "CreateHIT", input.uniqueRequestToken, ctx.now - DAY_MS);
    if (existing) {
      throw errors.request(
        "AWS.MechanicalTurk.HitAlreadyExists",
        `The HIT with ID "${existing}" already exists. It was created earlier with the same UniqueRequestToken.`,
      );
    }
  }
  const question = resolveQuestion(ctx, input);
  const type = "hitTypeId" in input.type ? usableHitType(ctx, input.type.hitTypeId) : registerHitType(ctx, input.type);
  checkReviewPolicies(input.assignmentReviewPolicy, input.hitReviewPolicy);
  const hit = {
    id: newEntityId(),
    requesterId,
    hitTypeId: type.id,
    question,
    requesterAnnotation: input.requesterAnnotation,
    hitLayoutId: input.layout?.id,
    createdMs: ctx.now,
    expirationMs: ctx.now + input.lifetimeS * 1000,
    maxAssignments: input.maxAssignments,
    pending: 0,
    submitted: 0,
    completed: 0,
    status: "Assignable" as const,
    reviewing: false,
    expired: false,
    assignmentReviewPolicy: input.assignmentReviewPolicy,
    hitReviewPolicy: input.hitReviewPolicy,
  };
  ctx.store.insertHit(hit);
  // Kept for the requester console's batch-results CSV (its Input.* columns).
  if (input.layout && input.layout.parameters.length > 0) ctx.store.putHitLayoutParameters(hit.id, input.layout.parameters);
  raise(ctx, "HITCreated", hit, ctx.now);
  if (input.uniqueRequestToken !== undefined) {
    ctx.store.putToken(requesterId, "CreateHIT", input.uniqueRequestToken, hit.id, ctx.now);
  }
  return ctx.store.getHit(hit.id)!;
}

function resolveQuestion(ctx: RequesterCtx, input: CreateHitInput): string {
  if ((input.question === undefined) === (input.layout === undefined)) {
    throw errors.parameter("Provide either a Question or a HITLayoutId, but not both.");
  }
  if (input.question !== undefined) {
    parseQuestion(input.question);
    return input.question;
  }
  const layout = ctx.store.getHitLayout(input.layout!.id);
  if (!layout || (layout.requesterId !== undefined && layout.requesterId !== ctx.requester.requesterId)) {
    throw errors.request("AWS.MechanicalTurk.HITLayoutDoesNotExist", `HIT layout ${input.layout!.id} does not exist.`);
  }
  const question = applyHitLayout(layout.template, input.layout!.parameters);
  parseQuestion(question);
  return question;
}

export const getHit = (ctx: RequesterCtx, hitId: string): HitView => ownHit(ctx, hitId);

export function listHits(ctx: RequesterCtx, page: PageRequest): Page<HitView> {
  return ctx.store.listHits(ctx.requester.requesterId, page);
}

export function listReviewableHits(
  ctx: RequesterCtx,
  filter: { status?: "Reviewable" | "Reviewing"; hitTypeId?: string },
  page: PageRequest,
): Page<HitView> {
  const status: HitStatus = filter.status ?? "Reviewable";
  return ctx.store.listHits(ctx.requester.requesterId, page, { status, hitTypeId: filter.hitTypeId });
}

/**
 * A time at or before now expires the HIT at once. A later time may only extend the expiration:
 * the service turns it into an increment of 60 s to 365 days over the current expiration.
 */
export function updateExpiration(ctx: RequesterCtx, hitId: string, expireAtMs: number): void {
  const hit = liveHit(ctx, hitId);
  if (expireAtMs <= ctx.now) {
    if (!hit.expired) expireHit(ctx, hit, ctx.now);
    return;
  }
  // The service de-duplicates extensions on the HIT and the new time, with a Java-formatted date.
  const token = `${hit.id}${javaDateString(expireAtMs)}`;
  if (ctx.store.findToken(hit.requesterId, "UpdateExpirationForHIT", token, ctx.now - DAY_MS)) {
    throw errors.request("AWS.MechanicalTurk.IdempotencyTokenAlreadyProcessed", `The idempotency token "${token}" has already been processed.`);
  }
  const incrementS = Math.floor((expireAtMs - hit.expirationMs) / 1000);
  if (incrementS < 60 || incrementS > MAX_EXTENSION_S) {
    throw errors.outOfRange("ExpirationIncrementInSeconds", incrementS, 60, MAX_EXTENSION_S);
  }
  ctx.store.putToken(hit.requesterId, "UpdateExpirationForHIT", token, hit.id, ctx.now);
  raise(ctx, "HITExtended", hit, ctx.now);
  updateHit(ctx, hit, { expirationMs: expireAtMs, expired: false }, ctx.now);
}

export function addAssignments(ctx: RequesterCtx, hitId: string, count: number, token?: string): void {
  const hit = liveHit(ctx, hitId);
  if (token !== undefined) {
    const earlier = ctx.store.findToken(hit.requesterId, "CreateAdditionalAssignmentsForHIT", token, ctx.now - DAY_MS);
    if (earlier) {
      throw errors.request(
        "AWS.MechanicalTurk.RequestAlreadyProcessed",
        `The request with UniqueRequestToken "${token}" has already been processed (HIT ${earlier}).`,
      );
    }
  }
  if (hit.maxAssignments < 10 && hit.maxAssignments + count >= 10) {
    throw errors.request(
      "AWS.MechanicalTurk.InvalidMaximumAssignmentsIncrease",
      `This HIT was created with fewer than 10 assignments (${hit.maxAssignments}) and cannot be extended to 10 or more (${hit.maxAssignments + count}).`,
    );
  }
  if (token !== undefined) ctx.store.putToken(hit.requesterId, "CreateAdditionalAssignmentsForHIT", token, hit.id, ctx.now);
  raise(ctx, "HITExtended", hit, ctx.now);
  updateHit(ctx, hit, { maxAssignments: hit.maxAssignments + count, reviewing: false }, ctx.now);
}

export function updateReviewStatus(ctx: RequesterCtx, hitId: string, revert: boolean): void {
  const hit = liveHit(ctx, hitId);
  const from = revert ? "Reviewing" : "Reviewable";
  if (hit.status !== from) throw errors.invalidHitState(hit.status, from);
  updateHit(ctx, hit, { reviewing: !revert }, ctx.now);
}

export function changeHitType(ctx: RequesterCtx, hitId: string, hitTypeId: string): void {
  const hit = liveHit(ctx, hitId);
  const type = usableHitType(ctx, hitTypeId);
  ctx.store.updateHit(hit.id, { hitTypeId: type.id });
}

/** Only a HIT under review with every submission approved or rejected can be deleted. */
export function deleteHit(ctx: RequesterCtx, hitId: string): void {
  const hit = ownHit(ctx, hitId);
  const allowed = "Reviewing, Reviewable";
  if ((hit.status !== "Reviewable" && hit.status !== "Reviewing") || hit.submitted > 0) {
    throw errors.invalidHitState(hit.status, allowed);
  }
  ctx.store.updateHit(hit.id, { status: "Disposed" });
  raise(ctx, "HITDisposed", hit, ctx.now);
}

/** The caller's HIT type, unless deleting a qualification type it requires deleted it too. */
function usableHitType(ctx: RequesterCtx, hitTypeId: string): HitType {
  const type = ownHitType(ctx, hitTypeId);
  if (usesDeletedQualificationType(ctx, type)) throw errors.hitTypeDoesNotExist(hitTypeId);
  return type;
}

function liveHit(ctx: RequesterCtx, hitId: string): HitView {
  const hit = ownHit(ctx, hitId);
  if (hit.status === "Disposed") throw errors.invalidHitState("Disposed", "Assignable, Unassignable, Reviewable, Reviewing");
  return hit;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** java.util.Date#toString in UTC: "Wed Jul 14 20:26:06 UTC 2021". */
export function javaDateString(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
