// The domain's records: what the store keeps and the commands work on. Times are epoch milliseconds.

export interface Locale {
  Country: string;
  Subdivision?: string;
}

export interface QualificationRequirement {
  QualificationTypeId: string;
  Comparator: string;
  IntegerValues?: number[];
  LocaleValues?: Locale[];
  RequiredToPreview?: boolean;
  ActionsGuarded?: string;
}

export interface ReviewPolicy {
  PolicyName: string;
  Parameters?: Array<{ Key?: string; Values?: string[]; MapEntries?: Array<{ Key?: string; Values?: string[] }> }>;
}

export interface Account {
  requesterId: string;
  accessKeyId: string;
  /** Absent for accounts made on the fly with authentication off. */
  secretAccessKey?: string;
  awsAccountId: string;
  createdMs: number;
}

export interface HitTypeProps {
  title: string;
  description: string;
  keywords?: string;
  reward: string;
  assignmentDurationS: number;
  autoApprovalDelayS: number;
  qualificationRequirements: QualificationRequirement[];
}

export interface HitType extends HitTypeProps {
  id: string;
  requesterId: string;
  groupId: string;
  createdMs: number;
}

export type HitStatus = "Assignable" | "Unassignable" | "Reviewable" | "Reviewing" | "Disposed";

export interface HitCounters {
  maxAssignments: number;
  /** Accepted and not yet submitted, returned or abandoned. */
  pending: number;
  /** Submitted and not yet approved or rejected. */
  submitted: number;
  /** Approved or rejected. */
  completed: number;
}

export interface Hit extends HitCounters {
  id: string;
  seq: number;
  requesterId: string;
  hitTypeId: string;
  question: string;
  requesterAnnotation?: string;
  hitLayoutId?: string;
  createdMs: number;
  expirationMs: number;
  status: HitStatus;
  /** Set by UpdateHITReviewStatus; shows as Reviewing while the HIT would otherwise be Reviewable. */
  reviewing: boolean;
  /** The expiry has been processed (events raised, status settled). */
  expired: boolean;
  assignmentReviewPolicy?: ReviewPolicy;
  hitReviewPolicy?: ReviewPolicy;
}

/** A HIT with the properties of its HIT type, as every read presents it. */
export interface HitView extends Hit {
  type: HitType;
}

/** A project template that HITLayoutId refers to; without a requester it is shared by all accounts. */
export interface HitLayout {
  id: string;
  requesterId?: string;
  template: string;
}

export type AssignmentStatus = "Accepted" | "Submitted" | "Approved" | "Rejected" | "Returned" | "Abandoned";

export interface Assignment {
  id: string;
  seq: number;
  hitId: string;
  workerId: string;
  requesterId: string;
  status: AssignmentStatus;
  acceptMs: number;
  deadlineMs: number;
  submitMs?: number;
  autoApprovalMs?: number;
  approvalMs?: number;
  rejectionMs?: number;
  endedMs?: number;
  answer?: string;
  requesterFeedback?: string;
}

export interface Worker {
  id: string;
  createdMs: number;
  attributes: Record<string, unknown>;
}

export interface Bonus {
  seq: number;
  requesterId: string;
  workerId: string;
  assignmentId: string;
  hitId: string;
  amount: string;
  reason: string;
  grantMs: number;
}

export interface UploadedFile {
  assignmentId: string;
  questionIdentifier: string;
  key: string;
  contentType: string;
  data: Buffer;
}

export type EventType =
  | "AssignmentAccepted"
  | "AssignmentAbandoned"
  | "AssignmentReturned"
  | "AssignmentSubmitted"
  | "AssignmentRejected"
  | "AssignmentApproved"
  | "HITCreated"
  | "HITExpired"
  | "HITReviewable"
  | "HITExtended"
  | "HITDisposed"
  | "Ping";

export interface DomainEvent {
  type: EventType;
  timeMs: number;
  requesterId: string;
  hitId: string;
  hitTypeId: string;
  assignmentId?: string;
  workerId?: string;
}

export interface Page<T> {
  items: T[];
  /** Cursor of the last item returned when more follow. */
  next?: number;
}
