import type { Ctx, RequesterCtx } from "../context";
import { raise } from "../context";
import { errors } from "../errors";
import { deriveHitStatus } from "../hit-state";
import type { Hit, HitView } from "../records";
import { reviewHit } from "../review-policies/run";

/** Another requester's HIT answers exactly like a missing one. */
export function ownHit(ctx: RequesterCtx, hitId: string): HitView {
  const hit = ctx.store.getHit(hitId);
  if (!hit || hit.requesterId !== ctx.requester.requesterId) throw errors.hitDoesNotExist(hitId);
  return hit;
}

/**
 * Writes the counters and flags in `patch`, then settles the HIT's status as of `at`,
 * raising HITReviewable when the HIT becomes ready for review, and running its HIT review policy
 * then (unless `deferReview`: the caller runs it once its own work is done).
 */
export function updateHit(ctx: Ctx, hit: Hit, patch: Partial<Hit>, at: number, options: { deferReview?: boolean } = {}): Hit {
  const next = { ...hit, ...patch };
  const status = deriveHitStatus(next, next.expired);
  if (status !== "Reviewing" && status !== "Reviewable") next.reviewing = false;
  next.status = status;
  ctx.store.updateHit(hit.id, { ...patch, status, reviewing: next.reviewing });
  if (status === "Reviewable" && hit.status !== "Reviewable" && hit.status !== "Reviewing") {
    raise(ctx, "HITReviewable", next, at);
    if (next.hitReviewPolicy && !options.deferReview) {
      reviewHit(ctx, hit.id, at);
      return ctx.store.getHit(hit.id)!;
    }
  }
  return next;
}

/** Marks the HIT expired as of `at` (its expiration time, or now when expired early). */
export function expireHit(ctx: Ctx, hit: Hit, at: number): Hit {
  raise(ctx, "HITExpired", hit, at);
  return updateHit(ctx, hit, { expired: true, expirationMs: Math.min(hit.expirationMs, at) }, at);
}
