import * as assignments from "../../domain/commands/assignments";
import type { AssignmentStatus } from "../../domain/records";
import type { ApiCtx } from "../context";
import { toAssignment, toBonusPayment, toHIT } from "../convert";
import type * as S from "../generated/shapes";
import { pageRequest, pageResult } from "../pagination";

/** The emulator's sandbox balance never changes, as in the real sandbox. */
const SANDBOX_BALANCE = "10000.00";

export const assignmentHandlers = {
  GetAccountBalance: (_api: ApiCtx, _input: S.GetAccountBalanceRequest): S.GetAccountBalanceResponse => ({
    AvailableBalance: SANDBOX_BALANCE,
  }),

  GetAssignment: (api: ApiCtx, input: S.GetAssignmentRequest): S.GetAssignmentResponse => {
    const { assignment, hit } = api.domain.asRequester(api.requester, (ctx) => assignments.getAssignment(ctx, input.AssignmentId));
    return { Assignment: toAssignment(assignment), HIT: toHIT(hit) };
  },

  ListAssignmentsForHIT: (api: ApiCtx, input: S.ListAssignmentsForHITRequest): S.ListAssignmentsForHITResponse => {
    const statuses = (input.AssignmentStatuses ?? []) as AssignmentStatus[];
    const scope = `ListAssignmentsForHIT:${input.HITId}:${[...statuses].sort().join(",")}`;
    const page = api.domain.asRequester(api.requester, (ctx) =>
      assignments.listAssignmentsForHit(ctx, input.HITId, statuses, pageRequest(scope, input)),
    );
    const { items, ...rest } = pageResult(scope, page, toAssignment);
    return { ...rest, Assignments: items };
  },

  ApproveAssignment: (api: ApiCtx, input: S.ApproveAssignmentRequest): S.ApproveAssignmentResponse => {
    api.domain.asRequester(api.requester, (ctx) =>
      assignments.approveAssignment(ctx, input.AssignmentId, input.RequesterFeedback, input.OverrideRejection ?? false),
    );
    return {};
  },

  RejectAssignment: (api: ApiCtx, input: S.RejectAssignmentRequest): S.RejectAssignmentResponse => {
    api.domain.asRequester(api.requester, (ctx) => assignments.rejectAssignment(ctx, input.AssignmentId, input.RequesterFeedback));
    return {};
  },

  SendBonus: (api: ApiCtx, input: S.SendBonusRequest): S.SendBonusResponse => {
    api.domain.asRequester(api.requester, (ctx) =>
      assignments.sendBonus(ctx, {
        workerId: input.WorkerId,
        assignmentId: input.AssignmentId,
        amount: input.BonusAmount,
        reason: input.Reason,
        uniqueRequestToken: input.UniqueRequestToken,
      }),
    );
    return {};
  },

  ListBonusPayments: (api: ApiCtx, input: S.ListBonusPaymentsRequest): S.ListBonusPaymentsResponse => {
    const scope = `ListBonusPayments:${input.HITId ?? ""}:${input.AssignmentId ?? ""}`;
    const page = api.domain.asRequester(api.requester, (ctx) =>
      assignments.listBonusPayments(ctx, { hitId: input.HITId, assignmentId: input.AssignmentId }, pageRequest(scope, input)),
    );
    const { items, ...rest } = pageResult(scope, page, toBonusPayment);
    return { ...rest, BonusPayments: items };
  },

  GetFileUploadURL: (api: ApiCtx, input: S.GetFileUploadURLRequest): S.GetFileUploadURLResponse => {
    const { expiresMs } = api.domain.asRequester(api.requester, (ctx) =>
      assignments.fileUploadUrl(ctx, input.AssignmentId, input.QuestionIdentifier),
    );
    const path = `/_emu/files/${input.AssignmentId}/${encodeURIComponent(input.QuestionIdentifier)}`;
    return { FileUploadURL: `${api.baseUrl}${path}?expires=${Math.floor(expiresMs / 1000)}` };
  },
};
