// Errors in the JSON 1.1 wire format: `__type` in the body (what both SDKs read), MTurk errors with
// a capitalised Message ending in the server time in epoch milliseconds, as the real service does.
import { DomainError } from "../../domain/errors";
import { SerializationError } from "../../api/validate";
import { AuthError } from "../auth/sigv4";

export interface WireError {
  status: number;
  body: Record<string, string>;
  /** Not a refusal but a bug: worth logging. */
  internal?: boolean;
}

/** A protocol-level refusal that is not an MTurk error (unknown target, bad content type, …). */
export class ProtocolError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export function toWireError(err: unknown, nowMs: number): WireError {
  if (err instanceof DomainError) {
    const body: Record<string, string> = { __type: err.kind, Message: `${err.message} (${nowMs})` };
    if (err.turkErrorCode) body.TurkErrorCode = err.turkErrorCode;
    return { status: err.kind === "ServiceFault" ? 500 : 400, body };
  }
  if (err instanceof AuthError) return { status: err.type === "MissingAuthenticationTokenException" ? 403 : 400, body: { __type: err.type, message: err.message } };
  if (err instanceof SerializationError) return { status: 400, body: { __type: "SerializationException", Message: err.message } };
  if (err instanceof ProtocolError) return { status: err.status, body: { __type: err.type, message: err.message } };
  return {
    internal: true,
    status: 500,
    body: {
      __type: "ServiceFault",
      Message: `We encountered an internal error. Please try again. (${nowMs})`,
      TurkErrorCode: "AWS.MechanicalTurk.InternalError",
    },
  };
}
