import * as qualifications from "../../domain/commands/qualifications";
import * as requests from "../../domain/commands/qualification-requests";
import type { ApiCtx } from "../context";
import { fromQualificationTypeInput, toHIT, toQualification, toQualificationRequest, toQualificationType } from "../convert";
import type * as S from "../generated/shapes";
import { pageRequest, pageResult } from "../pagination";

export const qualificationHandlers = {
  CreateQualificationType: (api: ApiCtx, input: S.CreateQualificationTypeRequest): S.CreateQualificationTypeResponse => ({
    QualificationType: toQualificationType(
      api.domain.asRequester(api.requester, (ctx) =>
        qualifications.createQualificationType(ctx, fromQualificationTypeInput(input)),
      ),
    ),
  }),

  GetQualificationType: (api: ApiCtx, input: S.GetQualificationTypeRequest): S.GetQualificationTypeResponse => ({
    QualificationType: toQualificationType(api.domain.asRequester(api.requester, (ctx) => qualifications.getQualificationType(ctx, input.QualificationTypeId))),
  }),

  UpdateQualificationType: (api: ApiCtx, input: S.UpdateQualificationTypeRequest): S.UpdateQualificationTypeResponse => ({
    QualificationType: toQualificationType(
      api.domain.asRequester(api.requester, (ctx) =>
        qualifications.updateQualificationType(ctx, input.QualificationTypeId, {
          description: input.Description,
          status: input.QualificationTypeStatus,
          test: input.Test,
          answerKey: input.AnswerKey,
          testDurationS: input.TestDurationInSeconds,
          retryDelayS: input.RetryDelayInSeconds,
          autoGranted: input.AutoGranted,
          autoGrantedValue: input.AutoGrantedValue,
        }),
      ),
    ),
  }),

  DeleteQualificationType: (api: ApiCtx, input: S.DeleteQualificationTypeRequest): S.DeleteQualificationTypeResponse => {
    api.domain.asRequester(api.requester, (ctx) => qualifications.deleteQualificationType(ctx, input.QualificationTypeId));
    return {};
  },

  ListQualificationTypes: (api: ApiCtx, input: S.ListQualificationTypesRequest): S.ListQualificationTypesResponse => {
    const query = { query: input.Query, mustBeRequestable: input.MustBeRequestable, mustBeOwnedByCaller: input.MustBeOwnedByCaller ?? false };
    const scope = `ListQualificationTypes:${JSON.stringify(query)}`;
    const page = api.domain.asRequester(api.requester, (ctx) => qualifications.listQualificationTypes(ctx, query, pageRequest(scope, input)));
    const { items, ...rest } = pageResult(scope, page, toQualificationType);
    return { ...rest, QualificationTypes: items };
  },

  AssociateQualificationWithWorker: (api: ApiCtx, input: S.AssociateQualificationWithWorkerRequest): S.AssociateQualificationWithWorkerResponse => {
    api.domain.asRequester(api.requester, (ctx) =>
      qualifications.associateQualification(ctx, {
        typeId: input.QualificationTypeId,
        workerId: input.WorkerId,
        integerValue: input.IntegerValue,
        sendNotification: input.SendNotification,
      }),
    );
    return {};
  },

  DisassociateQualificationFromWorker: (
    api: ApiCtx,
    input: S.DisassociateQualificationFromWorkerRequest,
  ): S.DisassociateQualificationFromWorkerResponse => {
    api.domain.asRequester(api.requester, (ctx) =>
      qualifications.disassociateQualification(ctx, { typeId: input.QualificationTypeId, workerId: input.WorkerId, reason: input.Reason }),
    );
    return {};
  },

  GetQualificationScore: (api: ApiCtx, input: S.GetQualificationScoreRequest): S.GetQualificationScoreResponse => ({
    Qualification: toQualification(
      api.domain.asRequester(api.requester, (ctx) => qualifications.getQualificationScore(ctx, input.QualificationTypeId, input.WorkerId)),
    ),
  }),

  ListWorkersWithQualificationType: (
    api: ApiCtx,
    input: S.ListWorkersWithQualificationTypeRequest,
  ): S.ListWorkersWithQualificationTypeResponse => {
    const scope = `ListWorkersWithQualificationType:${input.QualificationTypeId}:${input.Status ?? ""}`;
    const page = api.domain.asRequester(api.requester, (ctx) =>
      qualifications.listWorkersWithQualificationType(ctx, input.QualificationTypeId, input.Status, pageRequest(scope, input)),
    );
    const { items, ...rest } = pageResult(scope, page, toQualification);
    return { ...rest, Qualifications: items };
  },

  ListHITsForQualificationType: (api: ApiCtx, input: S.ListHITsForQualificationTypeRequest): S.ListHITsForQualificationTypeResponse => {
    const scope = `ListHITsForQualificationType:${input.QualificationTypeId}`;
    const page = api.domain.asRequester(api.requester, (ctx) =>
      qualifications.listHitsForQualificationType(ctx, input.QualificationTypeId, pageRequest(scope, input)),
    );
    const { items, ...rest } = pageResult(scope, page, toHIT);
    return { ...rest, HITs: items };
  },

  ListQualificationRequests: (api: ApiCtx, input: S.ListQualificationRequestsRequest): S.ListQualificationRequestsResponse => {
    const scope = `ListQualificationRequests:${input.QualificationTypeId ?? ""}`;
    const page = api.domain.asRequester(api.requester, (ctx) =>
      requests.listQualificationRequests(ctx, input.QualificationTypeId, pageRequest(scope, input)),
    );
    const { items, ...rest } = pageResult(scope, page, toQualificationRequest);
    return { ...rest, QualificationRequests: items };
  },

  AcceptQualificationRequest: (api: ApiCtx, input: S.AcceptQualificationRequestRequest): S.AcceptQualificationRequestResponse => {
    api.domain.asRequester(api.requester, (ctx) => requests.acceptQualificationRequest(ctx, input.QualificationRequestId, input.IntegerValue));
    return {};
  },

  RejectQualificationRequest: (api: ApiCtx, input: S.RejectQualificationRequestRequest): S.RejectQualificationRequestResponse => {
    api.domain.asRequester(api.requester, (ctx) => requests.rejectQualificationRequest(ctx, input.QualificationRequestId, input.Reason));
    return {};
  },
};
