// Between the model's shapes and domain records. Outputs: times become epoch seconds; absent members stay absent.
import { availableAssignments } from "../domain/hit-state";
import type { Assignment as AssignmentRecord, Bonus, HitTypeProps, HitView, QualificationRequirement as Requirement, ReviewPolicy } from "../domain/records";
import type { QualificationTypeInput } from "../domain/commands/qualifications";
import type { CreateHitInput } from "../domain/commands/hits";
import { DEFAULT_AUTO_APPROVAL_DELAY_S } from "../domain/commands/hit-types";
import type { Assignment, BonusPayment, CreateHITTypeRequest, CreateHITWithHITTypeRequest, CreateQualificationTypeRequest, HIT, QualificationRequirement } from "./generated/shapes";
import { isRequestable, type QualificationScore } from "../domain/commands/qualifications";
import type {
  EventType,
  NotificationSpec,
  QualificationRequest as QualificationRequestRecord,
  QualificationType as QualificationTypeRecord,
  ReviewAction as ReviewActionRecord,
  ReviewResult as ReviewResultRecord,
  WorkerBlock as WorkerBlockRecord,
} from "../domain/records";
import type {
  NotificationSpecification,
  Qualification,
  QualificationRequest,
  QualificationType,
  ReviewActionDetail,
  ReviewResultDetail,
  WorkerBlock,
} from "./generated/shapes";


export function fromQualificationTypeInput(input: CreateQualificationTypeRequest): QualificationTypeInput {
  return {
    name: input.Name,
    description: input.Description,
    keywords: input.Keywords,
    status: input.QualificationTypeStatus,
    retryDelayS: input.RetryDelayInSeconds,
    test: input.Test,
    answerKey: input.AnswerKey,
    testDurationS: input.TestDurationInSeconds,
    autoGranted: input.AutoGranted,
    autoGrantedValue: input.AutoGrantedValue,
  };
}

/** The HIT's own properties of CreateHIT / CreateHITWithHITType (the HIT type's are read separately). */
export function fromHITInput(input: Omit<CreateHITWithHITTypeRequest, "HITTypeId">): Omit<CreateHitInput, "type"> {
  return {
    lifetimeS: input.LifetimeInSeconds,
    maxAssignments: input.MaxAssignments ?? 1,
    question: input.Question,
    layout: input.HITLayoutId === undefined ? undefined : { id: input.HITLayoutId, parameters: input.HITLayoutParameters ?? [] },
    requesterAnnotation: input.RequesterAnnotation,
    uniqueRequestToken: input.UniqueRequestToken,
    assignmentReviewPolicy: input.AssignmentReviewPolicy as ReviewPolicy | undefined,
    hitReviewPolicy: input.HITReviewPolicy as ReviewPolicy | undefined,
  };
}

export function fromHITTypeInput(input: CreateHITTypeRequest): HitTypeProps {
  return {
    title: input.Title,
    description: input.Description,
    keywords: input.Keywords,
    reward: input.Reward,
    assignmentDurationS: input.AssignmentDurationInSeconds,
    autoApprovalDelayS: input.AutoApprovalDelayInSeconds ?? DEFAULT_AUTO_APPROVAL_DELAY_S,
    qualificationRequirements: (input.QualificationRequirements ?? []) as Requirement[],
  };
}

const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);

export function toHIT(hit: HitView): HIT {
  const t = hit.type;
  return {
    HITId: hit.id,
    HITTypeId: t.id,
    HITGroupId: t.groupId,
    HITLayoutId: hit.hitLayoutId,
    CreationTime: seconds(hit.createdMs),
    Title: t.title,
    Description: t.description,
    Question: hit.question,
    Keywords: t.keywords,
    HITStatus: hit.status,
    MaxAssignments: hit.maxAssignments,
    Reward: t.reward,
    AutoApprovalDelayInSeconds: t.autoApprovalDelayS,
    Expiration: seconds(hit.expirationMs),
    AssignmentDurationInSeconds: t.assignmentDurationS,
    RequesterAnnotation: hit.requesterAnnotation,
    QualificationRequirements: t.qualificationRequirements as QualificationRequirement[],
    HITReviewStatus: "NotReviewed",
    NumberOfAssignmentsPending: hit.pending,
    NumberOfAssignmentsAvailable: availableAssignments(hit),
    NumberOfAssignmentsCompleted: hit.completed,
  };
}

export function toAssignment(a: AssignmentRecord): Assignment {
  return {
    AssignmentId: a.id,
    WorkerId: a.workerId,
    HITId: a.hitId,
    AssignmentStatus: a.status as Assignment["AssignmentStatus"],
    AutoApprovalTime: seconds(a.autoApprovalMs),
    AcceptTime: seconds(a.acceptMs),
    SubmitTime: seconds(a.submitMs),
    ApprovalTime: seconds(a.approvalMs),
    RejectionTime: seconds(a.rejectionMs),
    Deadline: seconds(a.deadlineMs),
    Answer: a.answer,
    RequesterFeedback: a.requesterFeedback,
  };
}

export function toBonusPayment(b: Bonus): BonusPayment {
  return { WorkerId: b.workerId, BonusAmount: b.amount, AssignmentId: b.assignmentId, Reason: b.reason, GrantTime: seconds(b.grantMs) };
}

// ---- Qualifications, blocks, review policies ----

export function toQualificationType(t: QualificationTypeRecord): QualificationType {
  return {
    QualificationTypeId: t.id,
    CreationTime: seconds(t.createdMs),
    Name: t.name,
    Description: t.description,
    Keywords: t.keywords,
    QualificationTypeStatus: t.status,
    Test: t.test,
    TestDurationInSeconds: t.testDurationS,
    AnswerKey: t.answerKey,
    RetryDelayInSeconds: t.retryDelayS,
    IsRequestable: isRequestable(t),
    AutoGranted: t.autoGranted,
    // The default value is reported for auto-granted types; otherwise only a value the requester set.
    AutoGrantedValue: t.autoGranted ? (t.autoGrantedValue ?? 1) : t.autoGrantedValue,
  };
}

export function toQualification(q: QualificationScore): Qualification {
  return {
    QualificationTypeId: q.qualificationTypeId,
    WorkerId: q.workerId,
    GrantTime: seconds(q.grantMs),
    IntegerValue: q.integerValue,
    LocaleValue: q.localeValue,
    Status: q.status,
  };
}

export function toQualificationRequest(r: QualificationRequestRecord): QualificationRequest {
  return {
    QualificationRequestId: r.id,
    QualificationTypeId: r.qualificationTypeId,
    WorkerId: r.workerId,
    Test: r.test,
    Answer: r.answer,
    SubmitTime: seconds(r.submitMs),
  };
}

export const toWorkerBlock = (b: WorkerBlockRecord): WorkerBlock => ({ WorkerId: b.workerId, Reason: b.reason });

export function toReviewResult(r: ReviewResultRecord): ReviewResultDetail {
  return { ActionId: r.actionId, SubjectId: r.subjectId, SubjectType: r.subjectType, QuestionId: r.questionId, Key: r.key, Value: r.value };
}

export function toReviewAction(a: ReviewActionRecord): ReviewActionDetail {
  return {
    ActionId: a.actionId,
    ActionName: a.actionName,
    TargetId: a.targetId,
    TargetType: a.targetType,
    Status: a.status,
    CompleteTime: seconds(a.completeMs),
    Result: a.result,
    ErrorCode: a.errorCode,
  };
}

export function fromNotificationSpecification(n: NotificationSpecification): NotificationSpec {
  return { destination: n.Destination, transport: n.Transport, version: n.Version, eventTypes: n.EventTypes as EventType[] };
}
