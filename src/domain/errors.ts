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
  // Qualifications (MODERN-API.md §2.3, §2.8, §2.18, §9). Only the first two texts are the real service's.
  qualificationDoesNotExist: () =>
    request("AWS.MechanicalTurk.QualificationDoesNotExist", "You requested a Qualification that does not exist."),
  qualificationTypeAlreadyExists: () =>
    request(
      "AWS.MechanicalTurk.QualificationTypeAlreadyExists",
      "You have already created a QualificationType with this name. A QualificationType's name must be unique among all of the QualificationTypes created by the same user.",
    ),
  qualificationTypeDoesNotExist: (id: string) =>
    request("AWS.MechanicalTurk.QualificationTypeDoesNotExist", `QualificationType ${id} does not exist.`),
  notQualificationTypeOwner: (id: string) =>
    request("AWS.MechanicalTurk.PermissionDenied", `QualificationType ${id} belongs to another requester; only its owner can do this.`),
  qualificationRequestDoesNotExist: (id: string) =>
    request("AWS.MechanicalTurk.QualificationRequestDoesNotExist", `QualificationRequest ${id} does not exist.`),
  invalidQualificationRequestState: (id: string, status: string) =>
    request(
      "AWS.MechanicalTurk.InvalidQualificationRequestState",
      `QualificationRequest ${id} is ${status}; only a pending request can be accepted or rejected.`,
    ),
  /** A worker id the sandbox does not know (e.g. a production worker). */
  unknownWorker: (workerId: string) => invalidParameter(workerId, "WorkerId"),
};

function invalidParameter(value: string, name: string): DomainError {
  return parameter(`The value ${JSON.stringify(value)} is not valid for the parameter ${name}.`);
}
