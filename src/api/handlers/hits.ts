import * as hits from "../../domain/commands/hits";
import { registerHitType } from "../../domain/commands/hit-types";
import type { ApiCtx } from "../context";
import { fromHITInput, fromHITTypeInput, toHIT } from "../convert";
import type * as S from "../generated/shapes";
import { pageRequest, pageResult } from "../pagination";

export const hitHandlers = {
  CreateHITType: (api: ApiCtx, input: S.CreateHITTypeRequest): S.CreateHITTypeResponse => ({
    HITTypeId: api.domain.asRequester(api.requester, (ctx) => registerHitType(ctx, fromHITTypeInput(input))).id,
  }),

  CreateHIT: (api: ApiCtx, input: S.CreateHITRequest): S.CreateHITResponse => ({
    HIT: toHIT(api.domain.asRequester(api.requester, (ctx) => hits.createHit(ctx, { type: fromHITTypeInput(input), ...fromHITInput(input) }))),
  }),

  CreateHITWithHITType: (api: ApiCtx, input: S.CreateHITWithHITTypeRequest): S.CreateHITWithHITTypeResponse => ({
    HIT: toHIT(api.domain.asRequester(api.requester, (ctx) => hits.createHit(ctx, { type: { hitTypeId: input.HITTypeId }, ...fromHITInput(input) }))),
  }),

  GetHIT: (api: ApiCtx, input: S.GetHITRequest): S.GetHITResponse => ({
    HIT: toHIT(api.domain.asRequester(api.requester, (ctx) => hits.getHit(ctx, input.HITId))),
  }),

  ListHITs: (api: ApiCtx, input: S.ListHITsRequest): S.ListHITsResponse => {
    const scope = "ListHITs";
    const page = api.domain.asRequester(api.requester, (ctx) => hits.listHits(ctx, pageRequest(scope, input)));
    const { items, ...rest } = pageResult(scope, page, toHIT);
    return { ...rest, HITs: items };
  },

  ListReviewableHITs: (api: ApiCtx, input: S.ListReviewableHITsRequest): S.ListReviewableHITsResponse => {
    const scope = `ListReviewableHITs:${input.Status ?? "Reviewable"}:${input.HITTypeId ?? ""}`;
    const page = api.domain.asRequester(api.requester, (ctx) =>
      hits.listReviewableHits(ctx, { status: input.Status, hitTypeId: input.HITTypeId }, pageRequest(scope, input)),
    );
    const { items, ...rest } = pageResult(scope, page, toHIT);
    return { ...rest, HITs: items };
  },

  UpdateExpirationForHIT: (api: ApiCtx, input: S.UpdateExpirationForHITRequest): S.UpdateExpirationForHITResponse => {
    api.domain.asRequester(api.requester, (ctx) => hits.updateExpiration(ctx, input.HITId, Math.round(input.ExpireAt * 1000)));
    return {};
  },

  UpdateHITReviewStatus: (api: ApiCtx, input: S.UpdateHITReviewStatusRequest): S.UpdateHITReviewStatusResponse => {
    api.domain.asRequester(api.requester, (ctx) => hits.updateReviewStatus(ctx, input.HITId, input.Revert ?? false));
    return {};
  },

  UpdateHITTypeOfHIT: (api: ApiCtx, input: S.UpdateHITTypeOfHITRequest): S.UpdateHITTypeOfHITResponse => {
    api.domain.asRequester(api.requester, (ctx) => hits.changeHitType(ctx, input.HITId, input.HITTypeId));
    return {};
  },

  CreateAdditionalAssignmentsForHIT: (
    api: ApiCtx,
    input: S.CreateAdditionalAssignmentsForHITRequest,
  ): S.CreateAdditionalAssignmentsForHITResponse => {
    api.domain.asRequester(api.requester, (ctx) =>
      hits.addAssignments(ctx, input.HITId, input.NumberOfAdditionalAssignments, input.UniqueRequestToken),
    );
    return {};
  },

  DeleteHIT: (api: ApiCtx, input: S.DeleteHITRequest): S.DeleteHITResponse => {
    api.domain.asRequester(api.requester, (ctx) => hits.deleteHit(ctx, input.HITId));
    return {};
  },
};
