// HIT operations of the legacy API whose rules differ from the modern ones (LEGACY-API.md §6): DisableHIT,
// ExtendHIT (relative increments), ForceExpireHIT, DisposeHIT (Reviewable only) and ChangeHITTypeOfHIT (same
// reward). Each runs in the one transaction of its command.
import type { RequesterCtx } from "../context";
import { raise } from "../context";
import { DomainError, errors } from "../errors";
import type { HitView } from "../records";
import { approve } from "./assignments";
import { ownHit, updateHit } from "./hit-lookup";
import { addAssignments, changeHitType, deleteHit, updateExpiration } from "./hits";
import { ownHitType } from "./hit-types";

const DAY_MS = 24 * 3600 * 1000;

/** Limits of the legacy ExtendHIT (LEGACY-API.md §2.8). */
export const EXTEND_LIMITS = {
  maxAssignmentsIncrement: { min: 1, max: 1_000_000_000 },
  expirationIncrementS: { min: 3600, max: 31_536_000 },
} as const;

function liveHit(ctx: RequesterCtx, hitId: string): HitView {
  const hit = ownHit(ctx, hitId);
  if (hit.status === "Disposed") throw errors.invalidHitState("Disposed", "Assignable, Unassignable, Reviewable, Reviewing");
  return hit;
}

/**
 * DisableHIT: takes the HIT off the marketplace, approves every submitted assignment that is not yet reviewed,
 * and disposes of the HIT. Assignments still in progress are approved when they are submitted
 * (submitAssignment approves at once on a Disposed HIT). A Reviewable or Reviewing HIT is disposed with
 * DisposeHIT instead.
 */
export function disableHit(ctx: RequesterCtx, hitId: string): void {
  const hit = ownHit(ctx, hitId);
  if (hit.status !== "Assignable" && hit.status !== "Unassignable") throw errors.invalidHitState(hit.status, "Assignable, Unassignable");
  for (;;) {
    const { items } = ctx.store.listAssignments(hit.id, ["Submitted"], { limit: 100 });
    if (items.length === 0) break;
    for (const assignment of items) approve(ctx, assignment, ctx.store.getHit(hit.id)!, ctx.now);
  }
  const current = ctx.store.getHit(hit.id)!;
  ctx.store.updateHit(hit.id, { status: "Disposed", expired: true, expirationMs: Math.min(current.expirationMs, ctx.now), reviewing: false });
  raise(ctx, "HITDisposed", current, ctx.now);
}

export interface ExtendInput {
  maxAssignmentsIncrement?: number;
  expirationIncrementS?: number;
  uniqueRequestToken?: string;
}

/**
 * ExtendHIT: more assignments and/or a later expiration, relative to the HIT as it is now: an expired HIT gets
 * now + increment, a live one its old expiration + increment. One HITExtended event; all or nothing. The rule
 * that a HIT with fewer than 10 assignments cannot reach 10 or more applies (it is the service's, in both APIs).
 */
export function extendHit(ctx: RequesterCtx, hitId: string, input: ExtendInput): void {
  const { maxAssignmentsIncrement: more, expirationIncrementS: seconds } = input;
  if (more === undefined && seconds === undefined) {
    throw new DomainError(
      "ParameterValidationError",
      "AWS.MissingParameters",
      "Your request is missing required parameters. Required parameters include MaxAssignmentsIncrement or ExpirationIncrementInSeconds.",
    );
  }
  checkRange("MaxAssignmentsIncrement", more, EXTEND_LIMITS.maxAssignmentsIncrement);
  checkRange("ExpirationIncrementInSeconds", seconds, EXTEND_LIMITS.expirationIncrementS);
  const hit = liveHit(ctx, hitId);
  if (input.uniqueRequestToken !== undefined) {
    const earlier = ctx.store.findToken(hit.requesterId, "ExtendHIT", input.uniqueRequestToken, ctx.now - DAY_MS);
    if (earlier) {
      throw errors.request(
        "AWS.MechanicalTurk.RequestAlreadyProcessed",
        `The request with UniqueRequestToken "${input.uniqueRequestToken}" has already been processed (HIT ${earlier}).`,
      );
    }
    ctx.store.putToken(hit.requesterId, "ExtendHIT", input.uniqueRequestToken, hit.id, ctx.now);
  }
  // addAssignments raises HITExtended; an expiration-only extension raises it here.
  if (more !== undefined) addAssignments(ctx, hit.id, more);
  if (seconds !== undefined) {
    const current = ctx.store.getHit(hit.id)!;
    const expirationMs = (current.expired ? ctx.now : current.expirationMs) + seconds * 1000;
    if (more === undefined) raise(ctx, "HITExtended", current, ctx.now);
    updateHit(ctx, current, { expirationMs, expired: false }, ctx.now);
  }
}

function checkRange(name: string, value: number | undefined, range: { min: number; max: number }): void {
  if (value !== undefined && (value < range.min || value > range.max)) {
    throw new DomainError(
      "ParameterValidationError",
      "AWS.ParameterOutOfRange",
      `The value ${value} is invalid for ${name}. Valid values range from ${range.min} to ${range.max}.`,
    );
  }
}

/** ForceExpireHIT: the HIT expires now, as at its natural expiry; workers who accepted it may still submit. */
export function forceExpireHit(ctx: RequesterCtx, hitId: string): void {
  updateExpiration(ctx, hitId, ctx.now);
}

/**
 * DisposeHIT: like DeleteHIT, but only for a Reviewable HIT (the legacy documentation's rule; DeleteHIT also
 * takes a Reviewing one), whose submissions are all approved or rejected.
 */
export function disposeHit(ctx: RequesterCtx, hitId: string): void {
  const hit = ownHit(ctx, hitId);
  if (hit.status !== "Reviewable") throw errors.invalidHitState(hit.status, "Reviewable");
  deleteHit(ctx, hitId);
}

/** ChangeHITTypeOfHIT: like UpdateHITTypeOfHIT, but the new HIT type must pay the same reward. */
export function changeHitTypeOfHit(ctx: RequesterCtx, hitId: string, hitTypeId: string): void {
  const hit = ownHit(ctx, hitId);
  const type = ownHitType(ctx, hitTypeId);
  if (hit.status !== "Disposed" && type.reward !== hit.type.reward) {
    throw errors.invalidParameter("HITTypeId", hitTypeId, `Its reward (${type.reward}) differs from the HIT's (${hit.type.reward}); the new HIT type must have the same reward.`);
  }
  changeHitType(ctx, hitId, hitTypeId);
}
