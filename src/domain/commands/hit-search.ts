// Sorted, numbered pages of HITs and assignments, as the legacy SearchHITs, GetReviewableHITs and
// GetAssignmentsForHIT return them (LEGACY-API.md §2.7, §6): a window of the sorted list plus the total count.
// Ties (and Enumeration) follow creation order, so pages are stable.
import type { RequesterCtx } from "../context";
import { errors } from "../errors";
import type { Assignment, AssignmentStatus, HitStatus, HitView } from "../records";
import type { AssignmentSortProperty, HitSortProperty, SortSpec, SortedWindow, WindowRequest } from "../store";
import { ownHit } from "./hit-lookup";

const REVIEWED: AssignmentStatus[] = ["Submitted", "Approved", "Rejected"];

/** Every live (not disposed) HIT of the requester. */
export function searchHits(ctx: RequesterCtx, order: SortSpec<HitSortProperty>, window: WindowRequest): SortedWindow<HitView> {
  return ctx.store.searchHits(ctx.requester.requesterId, {}, order, window);
}

/** HITs in the given review states (default Reviewable), optionally of one HIT type. */
export function searchReviewableHits(
  ctx: RequesterCtx,
  filter: { statuses: Array<"Reviewable" | "Reviewing">; hitTypeId?: string },
  order: SortSpec<HitSortProperty>,
  window: WindowRequest,
): SortedWindow<HitView> {
  const statuses: HitStatus[] = filter.statuses.length ? filter.statuses : ["Reviewable"];
  return ctx.store.searchHits(ctx.requester.requesterId, { statuses, hitTypeId: filter.hitTypeId }, order, window);
}

/** The HIT's submitted, approved and rejected assignments (or those of the given statuses). */
export function searchAssignmentsForHit(
  ctx: RequesterCtx,
  hitId: string,
  statuses: AssignmentStatus[],
  order: SortSpec<AssignmentSortProperty>,
  window: WindowRequest,
): SortedWindow<Assignment> {
  const hit = ownHit(ctx, hitId);
  if (hit.status === "Disposed") throw errors.hitDoesNotExist(hitId);
  return ctx.store.searchAssignments(hit.id, statuses.length ? statuses : REVIEWED, order, window);
}
