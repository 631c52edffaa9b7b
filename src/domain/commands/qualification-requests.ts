// Qualification requests: a worker asks for a qualification (taking its test, if it has one); the type's owner
// accepts or rejects the ones that wait (MODERN-API.md §2.1, §2.24, §2.32, §4.3).
import type { Ctx, RequesterCtx } from "../context";
import { errors } from "../errors";
import { newEntityId } from "../ids";
import { buildAnswerXml, parseAnswerXml } from "../questions/answers";
import { parseAnswerKey, parseQuestionFormTest, scoreAnswerKey } from "../questions/question";
import type { Page, QualificationRequest, QualificationType } from "../records";
import type { PageRequest } from "../store";
import { isSystemQualification } from "../system-qualifications";
import { sendMessage } from "./notify";
import { DEFAULT_QUALIFICATION_VALUE, grantQualification, ownQualificationType } from "./qualifications";
import { getWorker, WorkerActionError, type SubmittedAnswer } from "./workers";

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * A worker requests a qualification. With an AnswerKey the test is graded at once and the qualification granted
 * with the score; an AutoGranted type grants AutoGrantedValue (default 1) at once; otherwise the request waits
 * for the owner. The test's TestDurationInSeconds is not enforced: the answers arrive with the request.
 */
export function requestQualification(ctx: Ctx, workerId: string, typeId: string, answer: SubmittedAnswer | undefined): QualificationRequest {
  getWorker(ctx, workerId);
  const type = requestableType(ctx, typeId);
  if (type.test !== undefined && !answer) throw errors.parameter(`The QualificationType ${type.id} has a Test: give its answers (Answers or AnswerXml).`);
  if (type.test === undefined && answer) throw errors.parameter(`The QualificationType ${type.id} has no Test, so a request for it takes no answers.`);
  checkRetry(ctx, type, workerId);
  let answerXml: string | undefined;
  let score: number | undefined;
  if (type.test !== undefined && answer) {
    const form = parseQuestionFormTest(type.test);
    answerXml = "answerXml" in answer ? answer.answerXml : buildAnswerXml(answer.answers, form);
    const parsed = parseAnswerXml(answerXml);
    if (type.answerKey !== undefined) score = scoreAnswerKey(parseAnswerKey(type.answerKey), parsed);
  }
  const grantValue = type.autoGranted ? (type.autoGrantedValue ?? DEFAULT_QUALIFICATION_VALUE) : score;
  const granted = type.autoGranted || score !== undefined;
  const request: Omit<QualificationRequest, "seq"> = {
    id: newEntityId(),
    qualificationTypeId: type.id,
    requesterId: type.requesterId,
    workerId,
    test: type.test,
    answer: answerXml,
    submitMs: ctx.now,
    status: granted ? "Granted" : "Pending",
    integerValue: granted ? grantValue : undefined,
    resolvedMs: granted ? ctx.now : undefined,
  };
  ctx.store.insertQualificationRequest(request);
  if (granted) grantQualification(ctx, type.id, workerId, grantValue);
  return ctx.store.getQualificationRequest(request.id)!;
}

function requestableType(ctx: Ctx, typeId: string): QualificationType {
  if (isSystemQualification(typeId)) {
    throw new WorkerActionError("NotRequestable", `The QualificationType ${typeId} is a system qualification: it is not requestable, the service assigns it.`);
  }
  const type = ctx.store.getQualificationType(typeId);
  if (!type || type.deletedMs !== undefined) throw new WorkerActionError("QualificationTypeNotFound", `QualificationType ${typeId} does not exist.`);
  if (type.status !== "Active") {
    throw new WorkerActionError("QualificationTypeInactive", `The QualificationType ${typeId} is Inactive: workers cannot request it.`);
  }
  return type;
}

/** Without RetryDelayInSeconds a worker may request a type once, ever; with it, again once the delay has passed. */
function checkRetry(ctx: Ctx, type: QualificationType, workerId: string): void {
  const last = ctx.store.latestQualificationRequest(type.id, workerId);
  if (!last) return;
  if (last.status === "Pending") {
    throw new WorkerActionError("RequestPending", `Worker ${workerId} already has a pending request (${last.id}) for the QualificationType ${type.id}.`);
  }
  if (type.retryDelayS === undefined) {
    throw new WorkerActionError(
      "RetryNotAllowed",
      `Worker ${workerId} has already requested the QualificationType ${type.id}, which does not allow retries (no RetryDelayInSeconds).`,
    );
  }
  const again = last.submitMs + type.retryDelayS * 1000;
  if (ctx.now < again) {
    throw new WorkerActionError(
      "RetryTooSoon",
      `Worker ${workerId} may request the QualificationType ${type.id} again at ${iso(again)} (RetryDelayInSeconds ${type.retryDelayS} after the last request).`,
    );
  }
}

/** Pending requests for the caller's types, optionally of one type (which must be the caller's). */
export function listQualificationRequests(ctx: RequesterCtx, typeId: string | undefined, page: PageRequest): Page<QualificationRequest> {
  if (typeId !== undefined) ownQualificationType(ctx, typeId);
  return ctx.store.listPendingQualificationRequests(ctx.requester.requesterId, typeId, page);
}

/** Another requester's request answers like a missing one. */
function pendingRequest(ctx: RequesterCtx, id: string): { request: QualificationRequest; type: QualificationType } {
  const request = ctx.store.getQualificationRequest(id);
  if (!request || request.requesterId !== ctx.requester.requesterId) throw errors.qualificationRequestDoesNotExist(id);
  if (request.status !== "Pending") throw errors.invalidQualificationRequestState(id, request.status);
  return { request, type: ctx.store.getQualificationType(request.qualificationTypeId)! };
}

export function acceptQualificationRequest(ctx: RequesterCtx, id: string, integerValue: number | undefined): void {
  const { request, type } = pendingRequest(ctx, id);
  const value = integerValue ?? DEFAULT_QUALIFICATION_VALUE;
  ctx.store.updateQualificationRequest(request.id, { status: "Granted", integerValue: value, resolvedMs: ctx.now });
  grantQualification(ctx, type.id, request.workerId, value);
  sendMessage(ctx, {
    workerId: request.workerId,
    kind: "QualificationGranted",
    subject: `Your request for the Qualification "${type.name}" was granted`,
    messageText: `Your request for the Qualification "${type.name}" was granted with the value ${value}.`,
  });
}

export function rejectQualificationRequest(ctx: RequesterCtx, id: string, reason: string | undefined): void {
  const { request, type } = pendingRequest(ctx, id);
  ctx.store.updateQualificationRequest(request.id, { status: "Rejected", reason, resolvedMs: ctx.now });
  sendMessage(ctx, {
    workerId: request.workerId,
    kind: "QualificationRequestRejected",
    subject: `Your request for the Qualification "${type.name}" was rejected`,
    messageText: `Your request for the Qualification "${type.name}" was rejected.${reason ? ` Reason: ${reason}` : ""}`,
  });
}
