import type { Account, Assignment, Bonus, DomainEvent, Hit, HitType, UploadedFile, Worker } from "../domain/records";
import type {
  NotificationSetting,
  OutboxMessage,
  QualificationRequest,
  QualificationType,
  ReviewAction,
  ReviewResult,
  TestNotification,
  WorkerBlock,
  WorkerQualification,
} from "../domain/records";
import type { DeliveryAttempt, NotificationDelivery } from "../domain/records";
import type { Columns } from "./columns";

export const ACCOUNT: Columns<Account> = [
  ["requesterId", "requester_id"],
  ["accessKeyId", "access_key_id"],
  ["secretAccessKey", "secret_access_key"],
  ["awsAccountId", "aws_account_id"],
  ["createdMs", "created_ms"],
];

export const HIT_TYPE: Columns<HitType> = [
  ["id", "id"],
  ["requesterId", "requester_id"],
  ["groupId", "group_id"],
  ["title", "title"],
  ["description", "description"],
  ["keywords", "keywords"],
  ["reward", "reward"],
  ["assignmentDurationS", "assignment_duration_s"],
  ["autoApprovalDelayS", "auto_approval_delay_s"],
  ["qualificationRequirements", "qualification_requirements", "json"],
  ["createdMs", "created_ms"],
];

export const HIT: Columns<Hit> = [
  ["seq", "seq"],
  ["id", "id"],
  ["requesterId", "requester_id"],
  ["hitTypeId", "hit_type_id"],
  ["question", "question"],
  ["requesterAnnotation", "requester_annotation"],
  ["hitLayoutId", "hit_layout_id"],
  ["createdMs", "created_ms"],
  ["expirationMs", "expiration_ms"],
  ["maxAssignments", "max_assignments"],
  ["pending", "pending"],
  ["submitted", "submitted"],
  ["completed", "completed"],
  ["status", "status"],
  ["reviewing", "reviewing", "bool"],
  ["expired", "expired", "bool"],
  ["assignmentReviewPolicy", "assignment_review_policy", "json"],
  ["hitReviewPolicy", "hit_review_policy", "json"],
];

export const ASSIGNMENT: Columns<Assignment> = [
  ["seq", "seq"],
  ["id", "id"],
  ["hitId", "hit_id"],
  ["workerId", "worker_id"],
  ["requesterId", "requester_id"],
  ["status", "status"],
  ["acceptMs", "accept_ms"],
  ["deadlineMs", "deadline_ms"],
  ["submitMs", "submit_ms"],
  ["autoApprovalMs", "auto_approval_ms"],
  ["approvalMs", "approval_ms"],
  ["rejectionMs", "rejection_ms"],
  ["endedMs", "ended_ms"],
  ["answer", "answer"],
  ["requesterFeedback", "requester_feedback"],
];

export const WORKER: Columns<Worker> = [
  ["id", "id"],
  ["createdMs", "created_ms"],
  ["attributes", "attributes", "json"],
];

export const BONUS: Columns<Bonus> = [
  ["seq", "seq"],
  ["requesterId", "requester_id"],
  ["workerId", "worker_id"],
  ["assignmentId", "assignment_id"],
  ["hitId", "hit_id"],
  ["amount", "amount"],
  ["reason", "reason"],
  ["grantMs", "grant_ms"],
];

export const UPLOADED_FILE: Columns<UploadedFile> = [
  ["assignmentId", "assignment_id"],
  ["questionIdentifier", "question_identifier"],
  ["key", "file_key"],
  ["contentType", "content_type"],
  ["data", "data"],
];

export const EVENT: Columns<DomainEvent> = [
  ["type", "type"],
  ["timeMs", "time_ms"],
  ["requesterId", "requester_id"],
  ["hitId", "hit_id"],
  ["hitTypeId", "hit_type_id"],
  ["assignmentId", "assignment_id"],
  ["workerId", "worker_id"],
];

// ---- Qualifications, blocks, messages, notification settings, review policies ----

export const QUALIFICATION_TYPE: Columns<QualificationType> = [
  ["seq", "seq"],
  ["id", "id"],
  ["requesterId", "requester_id"],
  ["name", "name"],
  ["description", "description"],
  ["keywords", "keywords"],
  ["status", "status"],
  ["test", "test"],
  ["testDurationS", "test_duration_s"],
  ["answerKey", "answer_key"],
  ["retryDelayS", "retry_delay_s"],
  ["autoGranted", "auto_granted", "bool"],
  ["autoGrantedValue", "auto_granted_value"],
  ["createdMs", "created_ms"],
  ["deletedMs", "deleted_ms"],
];

export const WORKER_QUALIFICATION: Columns<WorkerQualification> = [
  ["seq", "seq"],
  ["qualificationTypeId", "qualification_type_id"],
  ["workerId", "worker_id"],
  ["integerValue", "integer_value"],
  ["localeValue", "locale_value", "json"],
  ["status", "status"],
  ["grantMs", "grant_ms"],
  ["revokedMs", "revoked_ms"],
  ["reason", "reason"],
];

export const QUALIFICATION_REQUEST: Columns<QualificationRequest> = [
  ["seq", "seq"],
  ["id", "id"],
  ["qualificationTypeId", "qualification_type_id"],
  ["requesterId", "requester_id"],
  ["workerId", "worker_id"],
  ["test", "test"],
  ["answer", "answer"],
  ["submitMs", "submit_ms"],
  ["status", "status"],
  ["integerValue", "integer_value"],
  ["reason", "reason"],
  ["resolvedMs", "resolved_ms"],
];

export const WORKER_BLOCK: Columns<WorkerBlock> = [
  ["seq", "seq"],
  ["requesterId", "requester_id"],
  ["workerId", "worker_id"],
  ["reason", "reason"],
  ["createdMs", "created_ms"],
];

export const OUTBOX_MESSAGE: Columns<OutboxMessage> = [
  ["seq", "seq"],
  ["workerId", "worker_id"],
  ["requesterId", "requester_id"],
  ["kind", "kind"],
  ["subject", "subject"],
  ["messageText", "message_text"],
  ["sentMs", "sent_ms"],
  ["recipient", "recipient"],
];

export const NOTIFICATION_SETTING: Columns<NotificationSetting> = [
  ["seq", "seq"],
  ["hitTypeId", "hit_type_id"],
  ["requesterId", "requester_id"],
  ["spec", "spec", "json"],
  ["active", "active", "bool"],
  ["updatedMs", "updated_ms"],
  ["afterEventSeq", "after_event_seq"],
];

export const TEST_NOTIFICATION: Columns<TestNotification> = [
  ["seq", "seq"],
  ["requesterId", "requester_id"],
  ["spec", "spec", "json"],
  ["eventType", "event_type"],
  ["timeMs", "time_ms"],
  ["afterEventSeq", "after_event_seq"],
];

export const REVIEW_RESULT: Columns<ReviewResult> = [
  ["seq", "seq"],
  ["kind", "kind"],
  ["hitId", "hit_id"],
  ["level", "level"],
  ["actionId", "action_id"],
  ["subjectId", "subject_id"],
  ["subjectType", "subject_type"],
  ["questionId", "question_id"],
  ["key", "result_key"],
  ["value", "result_value"],
];

export const REVIEW_ACTION: Columns<ReviewAction> = [
  ["seq", "seq"],
  ["kind", "kind"],
  ["hitId", "hit_id"],
  ["level", "level"],
  ["actionId", "action_id"],
  ["actionName", "action_name"],
  ["targetId", "target_id"],
  ["targetType", "target_type"],
  ["status", "status"],
  ["completeMs", "complete_ms"],
  ["result", "result"],
  ["errorCode", "error_code"],
];

// ---- Notification delivery ----

export const NOTIFICATION_DELIVERY: Columns<NotificationDelivery> = [
  ["seq", "seq"],
  ["docId", "doc_id"],
  ["requesterId", "requester_id"],
  ["destination", "destination"],
  ["transport", "transport"],
  ["document", "document"],
  ["status", "status"],
  ["attempts", "attempts"],
  ["nextAttemptMs", "next_attempt_ms"],
  ["claim", "claim"],
  ["claimedMs", "claimed_ms"],
  ["createdMs", "created_ms"],
];

export const DELIVERY_ATTEMPT: Columns<DeliveryAttempt> = [
  ["seq", "seq"],
  ["deliverySeq", "delivery_seq"],
  ["timeMs", "time_ms"],
  ["outcome", "outcome"],
  ["error", "error"],
];
