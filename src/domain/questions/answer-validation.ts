// Checking a worker's answers against a QuestionForm. Two levels: a "shape" problem (an answer that cannot be
// recorded at all, e.g. an unknown selection) stops buildAnswerXml; constraint problems (length, regex,
// counts…) are only reported by validateAnswers, because the real service records answers as submitted
// and leaves enforcing constraints to the worker-facing form. Messages are worker-facing.
import type { FileUploadSpec, FormQuestion, FreeTextSpec, QuestionFormDocument, SelectionSpec } from "./question-form";

export interface UploadedFile {
  sizeInBytes: number;
  key: string;
}

export type AnswerValue = string | string[] | UploadedFile;
export type AnswerInput = Record<string, AnswerValue>;
/** A Record, or form fields as posted: [name, value] pairs in order, names possibly repeated. */
export type AnswerFields = AnswerInput | ReadonlyArray<readonly [string, string]>;

/** One Answer of a QuestionFormAnswers document. */
export interface ParsedAnswer {
  QuestionIdentifier: string;
  FreeText?: string;
  SelectionIdentifiers?: string[];
  OtherSelectionText?: string;
  UploadedFileSizeInBytes?: number;
  UploadedFileKey?: string;
}

const REQUIRED_MESSAGE = "This question requires an answer.";

/** Fields in first-seen order; a name posted several times collects its values into an array. */
export function groupFields(fields: AnswerFields): Array<[string, AnswerValue]> {
  if (!Array.isArray(fields)) return Object.entries(fields as AnswerInput);
  const grouped = new Map<string, string[]>();
  for (const [name, value] of fields as ReadonlyArray<readonly [string, string]>) {
    grouped.set(name, [...(grouped.get(name) ?? []), value]);
  }
  return [...grouped].map(([name, values]) => [name, values.length === 1 ? values[0] : values]);
}

/**
 * Turns one question's raw value into the Answer to record: `answer` is undefined when the question was left
 * unanswered (allowed unless required); `problem` says why the value cannot be recorded.
 */
export function shapeAnswer(question: FormQuestion, value: AnswerValue | undefined): { answer?: ParsedAnswer; problem?: string } {
  if (value === undefined || isBlank(value)) return question.isRequired ? { problem: REQUIRED_MESSAGE } : {};
  const QuestionIdentifier = question.identifier;
  const spec = question.answer;
  if (spec.kind === "FileUpload") {
    if (!isUploadedFile(value)) return { problem: "This question takes an uploaded file." };
    return { answer: { QuestionIdentifier, UploadedFileSizeInBytes: value.sizeInBytes, UploadedFileKey: value.key } };
  }
  if (isUploadedFile(value)) return { problem: "This question does not take a file." };
  if (spec.kind === "FreeText") {
    if (Array.isArray(value)) return { problem: "This question takes a single text answer." };
    return { answer: { QuestionIdentifier, FreeText: value } };
  }
  const chosen = [...new Set((Array.isArray(value) ? value : [value]).filter((v) => v.trim() !== ""))];
  const known = new Set(spec.selections.map((s) => s.identifier));
  const others = chosen.filter((v) => !known.has(v));
  if (others.length > 0 && !spec.otherSelection) return { problem: `${JSON.stringify(others[0])} is not one of the choices.` };
  if (others.length > 1) return { problem: "Only one answer other than the listed choices is allowed." };
  const answer: ParsedAnswer = { QuestionIdentifier, SelectionIdentifiers: chosen.filter((v) => known.has(v)) };
  if (others.length === 1) answer.OtherSelectionText = others[0];
  return { answer };
}

/**
 * Every problem with `fields` as an answer to `form`, by QuestionIdentifier (a field that matches no question
 * is reported under its own name). An empty object means the answers are acceptable.
 */
export function validateAnswers(form: QuestionFormDocument, fields: AnswerFields): Record<string, string[]> {
  const values = new Map(groupFields(fields));
  const problems: Record<string, string[]> = {};
  for (const name of values.keys()) {
    if (!form.questions.some((q) => q.identifier === name)) problems[name] = ["There is no question with this identifier."];
  }
  for (const question of form.questions) {
    const { answer, problem } = shapeAnswer(question, values.get(question.identifier));
    const messages = problem ? [problem] : answer ? constraintProblems(question.answer, answer) : [];
    if (messages.length > 0) problems[question.identifier] = messages;
  }
  return problems;
}

function constraintProblems(spec: FreeTextSpec | SelectionSpec | FileUploadSpec, answer: ParsedAnswer): string[] {
  switch (spec.kind) {
    case "FreeText":
      return freeTextProblems(spec, answer.FreeText!);
    case "Selection": {
      const count = answer.SelectionIdentifiers!.length + (answer.OtherSelectionText === undefined ? 0 : 1);
      const messages: string[] = [];
      if (count < spec.minSelectionCount) messages.push(`Select at least ${plural(spec.minSelectionCount, "choice")}.`);
      if (count > spec.maxSelectionCount) messages.push(`Select at most ${plural(spec.maxSelectionCount, "choice")}.`);
      if (answer.OtherSelectionText !== undefined) messages.push(...freeTextProblems(spec.otherSelection!, answer.OtherSelectionText));
      return messages;
    }
    case "FileUpload": {
      const size = answer.UploadedFileSizeInBytes!;
      const messages: string[] = [];
      if (!(Number.isInteger(size) && size >= spec.minFileSizeInBytes && size <= spec.maxFileSizeInBytes)) {
        messages.push(`The file must be between ${spec.minFileSizeInBytes} and ${spec.maxFileSizeInBytes} bytes.`);
      }
      if (answer.UploadedFileKey === "") messages.push("The uploaded file has no key.");
      return messages;
    }
  }
}

function freeTextProblems(spec: FreeTextSpec, text: string): string[] {
  const { isNumeric, length, answerFormatRegexes } = spec.constraints;
  const messages: string[] = [];
  if (isNumeric) {
    const number = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text.trim()) ? Number(text.trim()) : NaN;
    const { minValue: min, maxValue: max } = isNumeric;
    if (Number.isNaN(number)) messages.push("The answer must be a number.");
    else if (min !== undefined && max !== undefined && (number < min || number > max)) messages.push(`The answer must be a number from ${min} to ${max}.`);
    else if (min !== undefined && number < min) messages.push(`The answer must be at least ${min}.`);
    else if (max !== undefined && number > max) messages.push(`The answer must be at most ${max}.`);
  }
  const characters = [...text].length;
  if (length?.minLength !== undefined && characters < length.minLength) {
    messages.push(`The answer must be at least ${plural(length.minLength, "character")} long.`);
  }
  if (length?.maxLength !== undefined && characters > length.maxLength) {
    messages.push(`The answer must be at most ${plural(length.maxLength, "character")} long.`);
  }
  for (const { regex, flags, errorText } of answerFormatRegexes) {
    if (!new RegExp(regex, flags).test(text)) messages.push(errorText ?? "The answer is not in the required format.");
  }
  return messages;
}

function isBlank(value: AnswerValue): boolean {
  if (typeof value === "string") return value.trim() === "";
  return Array.isArray(value) && value.every((v) => v.trim() === "");
}

export function isUploadedFile(value: AnswerValue): value is UploadedFile {
  return typeof value === "object" && !Array.isArray(value);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
