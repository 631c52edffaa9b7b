// Legacy errors and where they go (LEGACY-API.md §3.1). Everything is HTTP 200 with an XML body:
// - request-level errors (the envelope, authentication, the operation name, throttling) sit in
//   OperationRequest/Errors and no result element follows;
// - operation-level errors (parameters, and every refusal of a domain command) sit in the result element's
//   Request/Errors with IsValid=False.
// Messages end in " (<epoch ms>)" as the real service's did.
import { DomainError } from "../../domain/errors";

export interface ErrorData {
  key: string;
  value: string;
}

/** An error in the legacy wire vocabulary. */
export class LegacyError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly data: ErrorData[] = [],
    /** HTTP status: 200 except for throttling and internal faults. */
    readonly status = 200,
  ) {
    super(message);
    this.name = "LegacyError";
  }
}

/** A failure of the request as a whole: rendered in OperationRequest/Errors. */
export class RequestLevelError extends LegacyError {}

export const legacyErrors = {
  missing: (name: string) =>
    new LegacyError("AWS.MissingParameters", `Your request is missing required parameters. Required parameters include ${name}.`),
  invalid: (name: string, value: string, why?: string) =>
    new LegacyError(
      "AWS.MechanicalTurk.InvalidParameterValue",
      `The value "${value}" is not valid for the parameter ${name}.${why ? ` ${why}` : ""}`,
      [{ key: name, value }],
    ),
  outOfRange: (name: string, value: string | number, min: number, max: number) =>
    new LegacyError("AWS.ParameterOutOfRange", `The value ${value} is invalid for ${name}. Valid values range from ${min} to ${max}.`, [
      { key: name, value: String(value) },
    ]),
  notSupported: (operation: string, why: string) =>
    new LegacyError("AWS.MechanicalTurk.OperationNotSupported", `The operation ${operation} is not supported by mturk-emu: ${why}`),
};

export interface WireLegacyError {
  code: string;
  message: string;
  data: ErrorData[];
  status: number;
  /** A bug rather than a refusal: worth logging. */
  internal?: boolean;
}

/**
 * Any error a legacy call can raise, in legacy terms. Domain errors keep their TurkErrorCode; the domain's
 * parameter errors (which have none on the JSON wire) get the legacy codes for the same situations.
 */
export function toLegacyError(err: unknown, nowMs: number): WireLegacyError {
  const stamp = (message: string) => `${message} (${nowMs})`;
  if (err instanceof LegacyError) return { code: err.code, message: stamp(err.message), data: err.data, status: err.status };
  if (err instanceof DomainError) {
    return { code: err.turkErrorCode ?? parameterCode(err), message: stamp(err.message), data: [], status: 200 };
  }
  return { code: "AWS.MechanicalTurk.InternalError", message: stamp("We encountered an internal error. Please try again."), data: [], status: 200, internal: true };
}

function parameterCode(err: DomainError): string {
  if (err.kind === "ServiceFault") return "AWS.MechanicalTurk.InternalError";
  if (err.message.startsWith("Value null at")) return "AWS.MissingParameters";
  if (/Valid values range from/.test(err.message)) return "AWS.ParameterOutOfRange";
  return "AWS.MechanicalTurk.InvalidParameterValue";
}
