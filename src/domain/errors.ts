// Errors the domain raises. Each protocol front end renders them in its own wire format;
// the message never carries the "(epoch ms)" suffix, which is a JSON wire detail.

export type ErrorKind = "RequestError" | "ServiceFault" | "ParameterValidationError";

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly turkErrorCode: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = kind;
  }
}

const request = (code: string, message: string) => new DomainError("RequestError", code, message);
const parameter = (message: string) => new DomainError("ParameterValidationError", undefined, message);

export const errors = {
  hitDoesNotExist: (hitId: string) => request("AWS.MechanicalTurk.HITDoesNotExist", `Hit ${hitId} does not exist.`),
  assignmentDoesNotExist: (assignmentId: string) =>
    request("AWS.MechanicalTurk.AssignmentDoesNotExist", `Assignment ${assignmentId} does not exist.`),
  hitTypeDoesNotExist: (hitTypeId: string) =>
    request("AWS.MechanicalTurk.HITTypeDoesNotExist", `HIT type ${hitTypeId} does not exist.`),
  invalidAssignmentState: (allowed: string) =>
    request("AWS.MechanicalTurk.InvalidAssignmentState", `This operation can be called with a status of: ${allowed}`),
  invalidHitState: (current: string, allowed: string) =>
    request(
      "AWS.MechanicalTurk.InvalidHITState",
      `This HIT is currently in the state '${current}'.  This operation can be called with a status of: ${allowed}`,
    ),
  invalidParameter: (name: string, value: unknown, why?: string) =>
    parameter(`The value ${JSON.stringify(String(value))} is not valid for the parameter ${name}.${why ? ` ${why}` : ""}`),
  outOfRange: (name: string, value: number, min: number, max: number) =>
    parameter(`The value ${value} is invalid for ${name}. Valid values range from ${min} to ${max}.`),
  missing: (name: string) =>
    parameter(`Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null.`),
  request,
  parameter,
};
