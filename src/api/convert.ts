// Between the model's shapes and domain records. Outputs: times become epoch seconds; absent members stay absent.
import { availableAssignments } from "../domain/hit-state";
import type { Assignment as AssignmentRecord, Bonus, HitTypeProps, HitView, QualificationRequirement as Requirement } from "../domain/records";
import type { Assignment, BonusPayment, CreateHITTypeRequest, HIT, QualificationRequirement } from "./generated/shapes";

/** The service's default: 30 days. */
const DEFAULT_AUTO_APPROVAL_DELAY_S = 2_592_000;

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
