import type { ReviewAction, ReviewLevel, ReviewResult } from "../../domain/records";
import { listReviewPolicyResults } from "../../domain/review-policies/results";
import type { ApiCtx } from "../context";
import { toReviewAction, toReviewResult } from "../convert";
import type * as S from "../generated/shapes";
import { pageRequest, pageResult } from "../pagination";

/** Review reports can be long (a result per assignment and question), so a page holds 100 entries unless told. */
const DEFAULT_PAGE_SIZE = 100;

export const reviewPolicyHandlers = {
  /**
   * RetrieveResults and RetrieveActions default to true (as in the legacy GetReviewResultsForHIT). A report is
   * given for each requested level whose policy the HIT has; a page holds results and actions together.
   */
  ListReviewPolicyResultsForHIT: (api: ApiCtx, input: S.ListReviewPolicyResultsForHITRequest): S.ListReviewPolicyResultsForHITResponse => {
    const levels = [...new Set(input.PolicyLevels ?? [])].sort() as ReviewLevel[];
    const query = { levels, retrieveResults: input.RetrieveResults ?? true, retrieveActions: input.RetrieveActions ?? true };
    const scope = `ListReviewPolicyResultsForHIT:${input.HITId}:${JSON.stringify(query)}`;
    const { hit, entries } = api.domain.asRequester(api.requester, (ctx) =>
      listReviewPolicyResults(ctx, input.HITId, query, pageRequest(scope, { ...input, MaxResults: input.MaxResults ?? DEFAULT_PAGE_SIZE })),
    );
    const { NextToken } = pageResult(scope, entries, (e) => e);
    const wanted = (level: ReviewLevel) => levels.length === 0 || levels.includes(level);
    const report = (level: ReviewLevel): S.ReviewReport => {
      const mine = entries.items.filter((e) => e.level === level);
      return {
        ReviewResults: query.retrieveResults ? mine.filter((e): e is ReviewResult => e.kind === "result").map(toReviewResult) : undefined,
        ReviewActions: query.retrieveActions ? mine.filter((e): e is ReviewAction => e.kind === "action").map(toReviewAction) : undefined,
      };
    };
    const assignmentLevel = hit.assignmentReviewPolicy && wanted("Assignment");
    const hitLevel = hit.hitReviewPolicy && wanted("HIT");
    return {
      HITId: hit.id,
      AssignmentReviewPolicy: assignmentLevel ? { PolicyName: hit.assignmentReviewPolicy!.PolicyName } : undefined,
      HITReviewPolicy: hitLevel ? { PolicyName: hit.hitReviewPolicy!.PolicyName } : undefined,
      AssignmentReviewReport: assignmentLevel ? report("Assignment") : undefined,
      HITReviewReport: hitLevel ? report("HIT") : undefined,
      NextToken,
    };
  },
};
