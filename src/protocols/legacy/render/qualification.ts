// QualificationType, Qualification and QualificationRequest (WSDL order).
import type { QualificationRequest, QualificationType } from "../../../domain/records";
import type { Locale } from "../../../domain/records";
import { locale } from "./hit";
import { dateTime, el, leaf, type XChild, type XNode } from "./xml";

export function qualificationTypeChildren(type: QualificationType, requestable: boolean): XChild[] {
  return [
    leaf("QualificationTypeId", type.id),
    leaf("CreationTime", dateTime(type.createdMs)),
    leaf("Name", type.name),
    leaf("Description", type.description),
    leaf("Keywords", type.keywords),
    leaf("QualificationTypeStatus", type.status),
    leaf("Test", type.test),
    leaf("TestDurationInSeconds", type.testDurationS),
    leaf("AnswerKey", type.answerKey),
    leaf("RetryDelayInSeconds", type.retryDelayS),
    leaf("IsRequestable", requestable),
    leaf("AutoGranted", type.autoGranted),
    leaf("AutoGrantedValue", type.autoGranted ? (type.autoGrantedValue ?? 1) : type.autoGrantedValue),
  ];
}

export const qualificationTypeElement = (type: QualificationType, requestable: boolean): XNode =>
  el("QualificationType", qualificationTypeChildren(type, requestable));

export interface QualificationView {
  qualificationTypeId: string;
  workerId: string;
  grantMs: number;
  integerValue?: number;
  localeValue?: Locale;
  status: string;
}

export function qualificationChildren(q: QualificationView): XChild[] {
  return [
    leaf("QualificationTypeId", q.qualificationTypeId),
    leaf("SubjectId", q.workerId),
    leaf("GrantTime", dateTime(q.grantMs)),
    leaf("IntegerValue", q.integerValue),
    q.localeValue && locale(q.localeValue),
    leaf("Status", q.status),
  ];
}

export const qualificationElement = (q: QualificationView): XNode => el("Qualification", qualificationChildren(q));

export const qualificationRequestElement = (r: QualificationRequest): XNode =>
  el(
    "QualificationRequest",
    leaf("QualificationRequestId", r.id),
    leaf("QualificationTypeId", r.qualificationTypeId),
    leaf("SubjectId", r.workerId),
    leaf("Test", r.test),
    leaf("Answer", r.answer),
    leaf("SubmitTime", dateTime(r.submitMs)),
  );
