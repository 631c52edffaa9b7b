import type { RequesterCtx } from "../context";
import { errors } from "../errors";
import { newEntityId } from "../ids";
import { checkRequirements } from "../qualification-requirements";
import type { HitType, HitTypeProps } from "../records";

/** The service's default auto-approval delay: 30 days. */
export const DEFAULT_AUTO_APPROVAL_DELAY_S = 2_592_000;

/** Identical properties give the same HIT type (and so the same HITGroupId), as on the real service. */
export function registerHitType(ctx: RequesterCtx, props: HitTypeProps): HitType {
  checkRequirements(ctx, props.qualificationRequirements);
  const fingerprint = JSON.stringify([
    props.title,
    props.description,
    props.keywords ?? "",
    normaliseReward(props.reward),
    props.assignmentDurationS,
    props.autoApprovalDelayS,
    props.qualificationRequirements,
  ]);
  const requesterId = ctx.requester.requesterId;
  const existing = ctx.store.findHitType(requesterId, fingerprint);
  if (existing) return existing;
  const type: HitType = {
    ...props,
    reward: normaliseReward(props.reward),
    id: newEntityId(),
    groupId: newEntityId(),
    requesterId,
    createdMs: ctx.now,
  };
  ctx.store.insertHitType(type, fingerprint);
  return type;
}

export function ownHitType(ctx: RequesterCtx, hitTypeId: string): HitType {
  const type = ctx.store.getHitType(hitTypeId);
  if (!type || type.requesterId !== ctx.requester.requesterId) throw errors.hitTypeDoesNotExist(hitTypeId);
  return type;
}

/** The service echoes rewards with two decimals ("0.5" → "0.50"). */
export function normaliseReward(reward: string): string {
  const [whole, fraction = ""] = reward.split(".");
  return `${BigInt(whole)}.${fraction.padEnd(2, "0")}`;
}
