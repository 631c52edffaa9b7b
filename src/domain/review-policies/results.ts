// ListReviewPolicyResultsForHIT (MODERN-API.md §2.26): the recorded results and actions of a HIT's policies.
import { ownHit } from "../commands/hit-lookup";
import type { RequesterCtx } from "../context";
import type { HitView, Page, ReviewEntry, ReviewLevel } from "../records";
import type { PageRequest } from "../store";

export interface ReviewResultsQuery {
  /** Default: both levels. */
  levels?: ReviewLevel[];
  retrieveResults: boolean;
  retrieveActions: boolean;
}

/** The HIT and one page of its review entries (results and actions in the order they were recorded). */
export function listReviewPolicyResults(ctx: RequesterCtx, hitId: string, query: ReviewResultsQuery, page: PageRequest): { hit: HitView; entries: Page<ReviewEntry> } {
  const hit = ownHit(ctx, hitId);
  const levels = query.levels?.length ? query.levels : (["Assignment", "HIT"] as ReviewLevel[]);
  const kinds: Array<ReviewEntry["kind"]> = [...(query.retrieveResults ? ["result" as const] : []), ...(query.retrieveActions ? ["action" as const] : [])];
  const entries = kinds.length ? ctx.store.listReviewEntries(hit.id, { levels, kinds }, page) : { items: [] };
  return { hit, entries };
}
