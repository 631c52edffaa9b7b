import * as blocks from "../../domain/commands/blocks";
import { notifyWorkers } from "../../domain/commands/notify";
import type { ApiCtx } from "../context";
import { toWorkerBlock } from "../convert";
import type * as S from "../generated/shapes";
import { pageRequest, pageResult } from "../pagination";

export const workerHandlers = {
  CreateWorkerBlock: (api: ApiCtx, input: S.CreateWorkerBlockRequest): S.CreateWorkerBlockResponse => {
    api.domain.asRequester(api.requester, (ctx) => blocks.createWorkerBlock(ctx, input.WorkerId, input.Reason));
    return {};
  },

  DeleteWorkerBlock: (api: ApiCtx, input: S.DeleteWorkerBlockRequest): S.DeleteWorkerBlockResponse => {
    api.domain.asRequester(api.requester, (ctx) => blocks.deleteWorkerBlock(ctx, input.WorkerId));
    return {};
  },

  ListWorkerBlocks: (api: ApiCtx, input: S.ListWorkerBlocksRequest): S.ListWorkerBlocksResponse => {
    const scope = "ListWorkerBlocks";
    const page = api.domain.asRequester(api.requester, (ctx) => blocks.listWorkerBlocks(ctx, pageRequest(scope, input)));
    const { items, ...rest } = pageResult(scope, page, toWorkerBlock);
    return { ...rest, WorkerBlocks: items };
  },

  NotifyWorkers: (api: ApiCtx, input: S.NotifyWorkersRequest): S.NotifyWorkersResponse => {
    const failures = api.domain.asRequester(api.requester, (ctx) =>
      notifyWorkers(ctx, { subject: input.Subject, messageText: input.MessageText, workerIds: input.WorkerIds }),
    );
    return {
      NotifyWorkersFailureStatuses: failures.map((f) => ({ NotifyWorkersFailureCode: f.code, NotifyWorkersFailureMessage: f.message, WorkerId: f.workerId })),
    };
  },
};
