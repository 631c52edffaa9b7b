// The requester website's batch results: one row per submitted, approved or rejected assignment, in the column
// layout of MTurk's "Batch_<id>_batch_results.csv" downloads. The requester console serialises it as CSV.
//
// Input.* columns: the HITLayoutParameters the HIT was created with (what a website batch's input CSV
// filled into its layout); for a HIT made from a Question, the RequesterAnnotation when it is a JSON object of
// plain values ({"image_url": "…"}). Answer.* columns: one per QuestionIdentifier (the form's questions in
// order for a QuestionForm, else in the order first seen); selections are joined with "|", an upload is its key.
import type { RequesterCtx } from "../context";
import { storedAnswers, type ParsedAnswer } from "../questions/answers";
import { parseQuestion } from "../questions/question";
import type { Assignment, HitView } from "../records";
import { ownHit } from "./hit-lookup";
import { javaDateString } from "./hits";

export interface BatchResults {
  columns: string[];
  rows: string[][];
}

const HIT_COLUMNS = [
  "HITId", "HITTypeId", "Title", "Description", "Keywords", "Reward", "CreationTime", "MaxAssignments", "RequesterAnnotation",
  "AssignmentDurationInSeconds", "AutoApprovalDelayInSeconds", "Expiration", "NumberOfSimilarHITs", "LifetimeInSeconds",
] as const;
const ASSIGNMENT_COLUMNS = [
  "AssignmentId", "WorkerId", "AssignmentStatus", "AcceptTime", "SubmitTime", "AutoApprovalTime", "ApprovalTime", "RejectionTime",
  "RequesterFeedback", "WorkTimeInSeconds", "LifetimeApprovalRate", "Last30DaysApprovalRate", "Last7DaysApprovalRate",
] as const;
const REVIEW_COLUMNS = ["Approve", "Reject"] as const;
const DAY_MS = 86_400_000;

const time = (ms: number | undefined): string => (ms === undefined ? "" : javaDateString(ms));

/** The requester's results, of one HIT, of one HIT type, or of all their live HITs. */
export function batchResults(ctx: RequesterCtx, filter: { hitId?: string; hitTypeId?: string } = {}): BatchResults {
  const hits = filter.hitId !== undefined
    ? [ownHit(ctx, filter.hitId)].filter((h) => h.status !== "Disposed")
    : ctx.store.listRequesterHits(ctx.requester.requesterId).filter((h) => h.status !== "Disposed" && (filter.hitTypeId === undefined || h.hitTypeId === filter.hitTypeId));
  const inputNames: string[] = [];
  const answerNames: string[] = [];
  const addName = (list: string[], name: string) => (list.includes(name) ? undefined : list.push(name));
  const work: Array<{ hit: HitView; inputs: Map<string, string>; assignment: Assignment; answers: Map<string, string> }> = [];
  const requesterAssignments = ctx.store.listRequesterAssignments(ctx.requester.requesterId);
  for (const hit of hits) {
    const inputs = hitInputs(ctx, hit);
    inputs.forEach((_, name) => addName(inputNames, name));
    const question = parseQuestion(hit.question);
    if (question.kind === "QuestionForm") question.questions.forEach((q) => addName(answerNames, q.identifier));
    for (const assignment of requesterAssignments) {
      if (assignment.hitId !== hit.id || !["Submitted", "Approved", "Rejected"].includes(assignment.status)) continue;
      const answers = new Map(storedAnswers(assignment.answer).map((a) => [a.QuestionIdentifier, answerText(a)]));
      answers.forEach((_, name) => addName(answerNames, name));
      work.push({ hit, inputs, assignment, answers });
    }
  }
  const columns = [...HIT_COLUMNS, ...ASSIGNMENT_COLUMNS, ...inputNames.map((n) => `Input.${n}`), ...answerNames.map((n) => `Answer.${n}`), ...REVIEW_COLUMNS];
  const rows = work.map(({ hit, inputs, assignment, answers }) => [
    hit.id,
    hit.hitTypeId,
    hit.type.title,
    hit.type.description,
    hit.type.keywords ?? "",
    `$${hit.type.reward}`,
    time(hit.createdMs),
    String(hit.maxAssignments),
    hit.requesterAnnotation ?? "",
    String(hit.type.assignmentDurationS),
    String(hit.type.autoApprovalDelayS),
    time(hit.expirationMs),
    "",
    String(Math.round((hit.expirationMs - hit.createdMs) / 1000)),
    assignment.id,
    assignment.workerId,
    assignment.status,
    time(assignment.acceptMs),
    time(assignment.submitMs),
    time(assignment.autoApprovalMs),
    time(assignment.approvalMs),
    time(assignment.rejectionMs),
    assignment.requesterFeedback ?? "",
    assignment.submitMs === undefined ? "" : String(Math.round((assignment.submitMs - assignment.acceptMs) / 1000)),
    approvalRate(requesterAssignments, assignment.workerId, undefined),
    approvalRate(requesterAssignments, assignment.workerId, ctx.now - 30 * DAY_MS),
    approvalRate(requesterAssignments, assignment.workerId, ctx.now - 7 * DAY_MS),
    ...inputNames.map((n) => inputs.get(n) ?? ""),
    ...answerNames.map((n) => answers.get(n) ?? ""),
    "",
    "",
  ]);
  return { columns, rows };
}

function hitInputs(ctx: RequesterCtx, hit: HitView): Map<string, string> {
  const parameters = ctx.store.getHitLayoutParameters(hit.id);
  if (parameters.length > 0) return new Map(parameters.map((p) => [p.Name, p.Value]));
  return annotationInputs(hit.requesterAnnotation);
}

/** A RequesterAnnotation that is a JSON object of strings, numbers and booleans; anything else gives no inputs. */
function annotationInputs(annotation: string | undefined): Map<string, string> {
  if (annotation === undefined || !annotation.trim().startsWith("{")) return new Map();
  try {
    const value: unknown = JSON.parse(annotation);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return new Map();
    const entries = Object.entries(value as Record<string, unknown>);
    if (!entries.every(([, v]) => ["string", "number", "boolean"].includes(typeof v))) return new Map();
    return new Map(entries.map(([k, v]) => [k, String(v)]));
  } catch {
    return new Map();
  }
}


/** One answer as one cell. */
export function answerText(answer: ParsedAnswer): string {
  if (answer.FreeText !== undefined) return answer.FreeText;
  if (answer.UploadedFileKey !== undefined) return answer.UploadedFileKey;
  return [...(answer.SelectionIdentifiers ?? []), ...(answer.OtherSelectionText === undefined ? [] : [answer.OtherSelectionText])].join("|");
}

/** "80% (4/5)": the worker's approved share of their reviewed work for this requester, since `sinceMs`. */
function approvalRate(assignments: readonly Assignment[], workerId: string, sinceMs: number | undefined): string {
  let approved = 0;
  let reviewed = 0;
  for (const a of assignments) {
    if (a.workerId !== workerId) continue;
    const at = a.status === "Approved" ? a.approvalMs : a.status === "Rejected" ? a.rejectionMs : undefined;
    if (at === undefined || (sinceMs !== undefined && at < sinceMs)) continue;
    reviewed += 1;
    if (a.status === "Approved") approved += 1;
  }
  return `${reviewed === 0 ? 0 : Math.floor((approved * 100) / reviewed)}% (${approved}/${reviewed})`;
}
