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

// ---- Qualifications, worker blocks, messages to workers, notification settings, review policies ----

export type QualificationTypeStatus = "Active" | "Inactive";

export interface QualificationType {
  id: string;
  seq: number;
  /** The requester who created it. */
  requesterId: string;
  name: string;
  description: string;
  keywords?: string;
  status: QualificationTypeStatus;
  test?: string;
  testDurationS?: number;
  answerKey?: string;
  /** Absent: a worker may request the qualification only once. */
  retryDelayS?: number;
  autoGranted: boolean;
  autoGrantedValue?: number;
  createdMs: number;
  /** Set by DeleteQualificationType: the type then answers like a missing one. */
  deletedMs?: number;
}

export type QualificationStatus = "Granted" | "Revoked";

/** A qualification a worker holds (or held: Revoked). One per worker and type. */
export interface WorkerQualification {
  seq: number;
  qualificationTypeId: string;
  workerId: string;
  integerValue?: number;
  localeValue?: Locale;
  status: QualificationStatus;
  grantMs: number;
  revokedMs?: number;
  /** The reason given when it was revoked. */
  reason?: string;
}

export type QualificationRequestStatus = "Pending" | "Granted" | "Rejected";

export interface QualificationRequest {
  id: string;
  seq: number;
  qualificationTypeId: string;
  /** Owner of the qualification type, who reviews the request. */
  requesterId: string;
  workerId: string;
  /** The Test as the worker saw it. */
  test?: string;
  /** The worker's QuestionFormAnswers. */
  answer?: string;
  submitMs: number;
  status: QualificationRequestStatus;
  integerValue?: number;
  reason?: string;
  resolvedMs?: number;
}

export interface WorkerBlock {
  seq: number;
  requesterId: string;
  workerId: string;
  reason: string;
  createdMs: number;
}

export type MessageKind = "NotifyWorkers" | "QualificationGranted" | "QualificationRevoked" | "QualificationRequestRejected" | "EventNotification";

/** A message the emulator would have e-mailed to a worker. */
export interface OutboxMessage {
  seq: number;
  workerId: string;
  requesterId: string;
  kind: MessageKind;
  subject: string;
  messageText: string;
  sentMs: number;
  /** The address e-mailed when it is not a worker's (EventNotification: the Email transport's Destination; workerId is ""). */
  recipient?: string;
}

/** REST and SOAP are the legacy API's (SetHITTypeNotification, version 2006-05-05); the JSON API refuses them. */
export type NotificationTransport = "Email" | "SQS" | "SNS" | "REST" | "SOAP";

export interface NotificationSpec {
  destination: string;
  transport: NotificationTransport;
  version: string;
  eventTypes: EventType[];
}

/**
 * One version of a HIT type's notification settings. Versions are kept so that each event is matched
 * with the settings in force when it happened: `afterEventSeq` is the last event recorded before it.
 */
export interface NotificationSetting {
  seq: number;
  hitTypeId: string;
  requesterId: string;
  spec?: NotificationSpec;
  active: boolean;
  updatedMs: number;
  afterEventSeq: number;
}

/** A SendTestEventNotification call, in the same event order as NotificationSetting. */
export interface TestNotification {
  seq: number;
  requesterId: string;
  spec: NotificationSpec;
  eventType: EventType;
  timeMs: number;
  afterEventSeq: number;
}

export interface StoredEvent extends DomainEvent {
  seq: number;
}

export type ReviewLevel = "Assignment" | "HIT";
export type ReviewActionStatus = "Intended" | "Succeeded" | "Failed" | "Cancelled";

export interface ReviewResult {
  kind: "result";
  seq: number;
  hitId: string;
  level: ReviewLevel;
  actionId: string;
  subjectId: string;
  subjectType: "Assignment" | "HIT";
  questionId?: string;
  key: string;
  value: string;
}

export interface ReviewAction {
  kind: "action";
  seq: number;
  hitId: string;
  level: ReviewLevel;
  actionId: string;
  actionName: string;
  targetId: string;
  targetType: "Assignment" | "HIT";
  status: ReviewActionStatus;
  completeMs?: number;
  result?: string;
  errorCode?: string;
}

export type ReviewEntry = ReviewResult | ReviewAction;
export type NewReviewEntry = Omit<ReviewResult, "seq"> | Omit<ReviewAction, "seq">;

/** What a worker has done, over all requesters: the history system qualifications are computed from. */
export interface WorkerHistory {
  /** Assignments ever accepted that have ended one way or another (not still in progress). */
  ended: number;
  /** Submitted, including those since approved or rejected. */
  submitted: number;
  approved: number;
  rejected: number;
  returned: number;
  abandoned: number;
}

// ---- Notification delivery (src/notifications): one row per document and destination, and its attempts ----

export type DeliveryStatus = "Pending" | "Sending" | "Delivered" | "Failed";

export interface NotificationDelivery {
  seq: number;
  /** The document's EventDocId: one delivery per document (a document has one destination). */
  docId: string;
  requesterId: string;
  destination: string;
  transport: NotificationTransport;
  /** The NotificationDocument (notification-documents.ts) as built when the delivery was recorded, as JSON. */
  document: string;
  status: DeliveryStatus;
  attempts: number;
  /** Wall-clock time of the next attempt while Pending. */
  nextAttemptMs: number;
  /** Who holds a Sending delivery, and since when (wall clock). */
  claim?: string;
  claimedMs?: number;
  createdMs: number;
}

export interface DeliveryAttempt {
  seq: number;
  deliverySeq: number;
  /** Wall clock. */
  timeMs: number;
  outcome: "Delivered" | "Failed";
  error?: string;
}

/** The last event and test notification turned into deliveries. */
export interface DeliveryCursor {
  eventSeq: number;
  testSeq: number;
}
