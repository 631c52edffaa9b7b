// The operation table: every operation of the model, each a thin handler over domain commands.
import type { ApiCtx } from "./context";
import type { OperationName, OperationTypes } from "./generated/operations";
import { assignmentHandlers } from "./handlers/assignments";
import { hitHandlers } from "./handlers/hits";
import { notificationHandlers } from "./handlers/notifications";
import { qualificationHandlers } from "./handlers/qualifications";
import { reviewPolicyHandlers } from "./handlers/review-policies";
import { workerHandlers } from "./handlers/workers";

/** A handler answers at once; only one that waits for the outside world (SendTestEventNotification) returns a promise. */
export type Handler<K extends OperationName> = (api: ApiCtx, input: OperationTypes[K]["input"]) => OperationTypes[K]["output"] | Promise<OperationTypes[K]["output"]>;
export type Handlers = { [K in OperationName]: Handler<K> };

/** Exhaustive: an operation of the model without a handler does not compile. */
export const OPERATIONS: Handlers = {
  ...hitHandlers,
  ...assignmentHandlers,
  ...qualificationHandlers,
  ...workerHandlers,
  ...notificationHandlers,
  ...reviewPolicyHandlers,
};
