// The operation table: every operation of the model, each a thin handler over domain commands.
import type { ApiCtx } from "./context";
import type { OperationName, OperationTypes } from "./generated/operations";
import { assignmentHandlers } from "./handlers/assignments";
import { hitHandlers } from "./handlers/hits";

export type Handler<K extends OperationName> = (api: ApiCtx, input: OperationTypes[K]["input"]) => OperationTypes[K]["output"];
export type Handlers = { [K in OperationName]: Handler<K> };

export const OPERATIONS: Partial<Handlers> = { ...hitHandlers, ...assignmentHandlers };
