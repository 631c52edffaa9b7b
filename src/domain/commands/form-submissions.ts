// What a worker submits on the worker site: a QuestionForm (with its uploaded files), a qualification test,
// or the form of an ExternalQuestion/HTMLQuestion page posted to /mturk/externalSubmit. Constraints are
// checked here, with validateAnswers, before anything is recorded; recording is submitAssignment's and
// requestQualification's, the same commands the control API uses.
import type { Ctx } from "../context";
import { newEntityId } from "../ids";
import { validateAnswers, type AnswerInput, type AnswerValue } from "../questions/answers";
import { parseQuestion, parseQuestionFormTest, type QuestionFormDocument } from "../questions/question";
import type { Assignment, QualificationRequest } from "../records";
import { requestQualification } from "./qualification-requests";
import { ASSIGNMENT_ID_NOT_AVAILABLE, workerAssignment } from "./worker-views";
import { submitAssignment, WorkerActionError } from "./workers";

/** A file posted for a FileUploadAnswer question. */
export interface UploadInput {
  questionIdentifier: string;
  contentType: string;
  data: Buffer;
}

export interface FormInput {
  /** [QuestionIdentifier, value] pairs as posted; a name repeats for several selections. */
  fields: ReadonlyArray<readonly [string, string]>;
  /** Files actually chosen (a file input left empty is not one). */
  files: readonly UploadInput[];
}

/** Either the command's result, or the problems to show next to each question (nothing was recorded). */
export type FormOutcome<T> = { ok: true; result: T } | { ok: false; problems: Record<string, string[]> };

/** Problems with the answers, by QuestionIdentifier; empty when they can be recorded. */
function check(form: QuestionFormDocument, answers: AnswerInput): Record<string, string[]> {
  return validateAnswers(form, answers);
}

function answerRecord(input: FormInput, uploads: Map<string, { key: string; file: UploadInput }>): AnswerInput {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of input.fields) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  const entries: Array<[string, AnswerValue]> = [...grouped].map(([name, values]) => [name, values.length === 1 ? values[0] : values]);
  for (const [questionIdentifier, { key, file }] of uploads) entries.push([questionIdentifier, { sizeInBytes: file.data.length, key }]);
  return Object.fromEntries(entries);
}

/** Each posted file gets the key its Answer records (UploadedFileKey). A file input left empty is no file. */
function postedFiles(input: FormInput): Map<string, { key: string; file: UploadInput }> {
  return new Map(input.files.map((file) => [file.questionIdentifier, { key: newEntityId(), file }]));
}

/**
 * Submits the worker's answers to their QuestionForm assignment. When any answer breaks a constraint nothing is
 * recorded and the problems are returned; otherwise the uploaded files are stored (GetFileUploadURL serves them)
 * and the assignment is submitted.
 */
export function submitQuestionForm(ctx: Ctx, workerId: string, assignmentId: string, input: FormInput): FormOutcome<Assignment> {
  const { assignment, hit } = workerAssignment(ctx, workerId, assignmentId);
  if (assignment.status !== "Accepted") {
    throw new WorkerActionError("AssignmentNotInProgress", `Assignment ${assignmentId} is ${assignment.status.toLowerCase()}; only an accepted assignment can be submitted.`);
  }
  const question = parseQuestion(hit.question);
  if (question.kind !== "QuestionForm") {
    throw new WorkerActionError("NotAQuestionForm", `HIT ${hit.id} is an ${question.kind}: its page submits to /mturk/externalSubmit.`);
  }
  const uploads = postedFiles(input);
  const answers = answerRecord(input, uploads);
  const problems = check(question, answers);
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  for (const [questionIdentifier, { key, file }] of uploads) {
    ctx.store.putUploadedFile({ assignmentId: assignment.id, questionIdentifier, key, contentType: file.contentType, data: file.data });
  }
  return { ok: true, result: submitAssignment(ctx, assignment.id, { answers }, workerId) };
}

/**
 * A worker asks for a qualification, answering its test if it has one. The answers are checked against the
 * test's constraints first; a test cannot take uploaded files (there is no assignment to keep them with).
 */
export function submitQualificationRequest(ctx: Ctx, workerId: string, typeId: string, input: FormInput): FormOutcome<QualificationRequest> {
  const type = ctx.store.getQualificationType(typeId);
  if (!type?.test) return { ok: true, result: requestQualification(ctx, workerId, typeId, undefined) };
  const form = parseQuestionFormTest(type.test);
  const uploads = postedFiles(input);
  if (uploads.size > 0) {
    return { ok: false, problems: Object.fromEntries([...uploads.keys()].map((id) => [id, ["Qualification tests cannot take uploaded files."]])) };
  }
  const answers = answerRecord(input, uploads);
  const problems = check(form, answers);
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, result: requestQualification(ctx, workerId, typeId, { answers }) };
}

/** Fields a task page cannot answer with: MTurk fills them in or ignores them (MODERN-API.md §5.3). */
export const RESERVED_FIELDS = new Set(["assignmentId", "hitId", "workerId", "turkSubmitTo"]);

/**
 * POST /mturk/externalSubmit: the form of an ExternalQuestion or HTMLQuestion page. `assignmentId` names the
 * assignment; every other field but the reserved ones becomes a FreeText answer (buildAnswerXml). When the
 * browser is signed in as a worker (`workerId`), the assignment must be theirs.
 */
export function submitExternalForm(ctx: Ctx, workerId: string | undefined, fields: ReadonlyArray<readonly [string, string]>): Assignment {
  const assignmentId = fields.find(([name]) => name === "assignmentId")?.[1]?.trim() ?? "";
  if (assignmentId === "") {
    throw new WorkerActionError(
      "MissingAssignmentId",
      "The form has no assignmentId field, so it cannot be matched to an assignment. A task page must post the assignmentId it was given in its URL (for example with a hidden input filled by turkSetAssignmentID()).",
    );
  }
  if (assignmentId === ASSIGNMENT_ID_NOT_AVAILABLE) {
    throw new WorkerActionError("HITNotAccepted", "You are previewing this HIT: accept it before submitting. The answers of a preview are discarded.");
  }
  const assignment = ctx.store.getAssignment(assignmentId);
  if (!assignment || (workerId !== undefined && assignment.workerId !== workerId)) {
    throw new WorkerActionError("AssignmentNotFound", `Assignment ${assignmentId} does not exist or is not one of your assignments.`);
  }
  const answers = fields.filter(([name]) => !RESERVED_FIELDS.has(name));
  return submitAssignment(ctx, assignment.id, { answers }, assignment.workerId);
}
