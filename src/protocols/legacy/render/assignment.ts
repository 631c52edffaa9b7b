// Assignment and BonusPayment (WSDL order). The Answer is the QuestionFormAnswers document as text (escaped by
// the serialiser), which boto 2 parses again into `.answers`. RequesterFeedback needs AssignmentFeedback.
import type { Assignment, Bonus } from "../../../domain/records";
import { price } from "./price";
import { dateTime, el, leaf, type XChild, type XNode } from "./xml";

export function assignmentChildren(a: Assignment, groups: ReadonlySet<string>): XChild[] {
  return [
    leaf("AssignmentId", a.id),
    leaf("WorkerId", a.workerId),
    leaf("HITId", a.hitId),
    leaf("AssignmentStatus", a.status),
    leaf("AutoApprovalTime", dateTime(a.autoApprovalMs)),
    leaf("AcceptTime", dateTime(a.acceptMs)),
    leaf("SubmitTime", dateTime(a.submitMs)),
    leaf("ApprovalTime", dateTime(a.approvalMs)),
    leaf("RejectionTime", dateTime(a.rejectionMs)),
    leaf("Deadline", dateTime(a.deadlineMs)),
    leaf("Answer", a.answer),
    groups.has("AssignmentFeedback") && leaf("RequesterFeedback", a.requesterFeedback),
  ];
}

export const assignmentElement = (a: Assignment, groups: ReadonlySet<string>): XNode => el("Assignment", assignmentChildren(a, groups));

export const bonusElement = (b: Bonus): XNode =>
  el(
    "BonusPayment",
    leaf("WorkerId", b.workerId),
    price("BonusAmount", b.amount),
    leaf("AssignmentId", b.assignmentId),
    leaf("Reason", b.reason),
    leaf("GrantTime", dateTime(b.grantMs)),
  );
