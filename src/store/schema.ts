import type { Account, Assignment, Bonus, DomainEvent, Hit, HitType, UploadedFile, Worker } from "../domain/records";
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
