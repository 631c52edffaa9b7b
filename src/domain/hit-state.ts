// The HIT state machine, as one pure function of its counters, its expiry and its flags.
import type { Hit, HitCounters, HitStatus } from "./records";

export function availableAssignments(h: HitCounters): number {
  return Math.max(0, h.maxAssignments - h.pending - h.submitted - h.completed);
}

export function deriveHitStatus(h: Pick<Hit, keyof HitCounters | "reviewing" | "status">, expired: boolean): HitStatus {
  if (h.status === "Disposed") return "Disposed";
  const open = !expired && availableAssignments(h) > 0;
  if (open) return "Assignable";
  // Workers who accepted may finish after expiry; the HIT waits for them before review.
  if (h.pending > 0) return "Unassignable";
  return h.reviewing ? "Reviewing" : "Reviewable";
}
