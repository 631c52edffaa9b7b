// QuestionFormAnswers: building the Answer document the real service returns for an assignment or a
// qualification test, and reading one back (question-schemas/2005-10-01/QuestionFormAnswers.xsd).
import { errors } from "../errors";
import { AnswerFields, AnswerValue, ParsedAnswer, groupFields, isUploadedFile, shapeAnswer } from "./answer-validation";
import { NAMESPACES } from "./namespaces";
import { QuestionFormDocument } from "./question-form";
import type { ParsedQuestion } from "./question";
import {
  child, childText, children, elements, invalidDocument, isNonEmpty, isPositiveInteger, one, optional, schemaError, text,
  validateDocument, zeroOrMore,
} from "./schema";
import { XmlElement, parseXml, textContent } from "./xml";

export { validateAnswers } from "./answer-validation";
export type { AnswerFields, AnswerInput, AnswerValue, ParsedAnswer, UploadedFile } from "./answer-validation";

/**
 * The QuestionFormAnswers document for `answers`, byte for byte in the real service's format: one line, an
 * ASCII declaration, non-ASCII characters as numeric character references.
 *
 * With a QuestionForm, answers follow the form's question order; selection questions record
 * SelectionIdentifiers (a value that is not a selection becomes OtherSelectionText when the question allows
 * it), and unknown QuestionIdentifiers, missing required answers and values of the wrong shape throw a
 * ParameterValidationError. Unanswered optional questions get no Answer. Constraints are not enforced here
 * (see validateAnswers).
 *
 * Without a QuestionForm (ExternalQuestion, HTMLQuestion) every field becomes a FreeText answer, in the
 * order given, empty values included. A field posted several times (e.g. a group of checkboxes) becomes one
 * Answer whose values are joined with "|": the real service's handling of repeated names is undocumented,
 * and one Answer per QuestionIdentifier keeps the document easy to consume.
 */
export function buildAnswerXml(answers: AnswerFields, question?: ParsedQuestion): string {
  const fields = groupFields(answers);
  return serialize(question?.kind === "QuestionForm" ? formAnswers(fields, question) : freeTextAnswers(fields));
}

function freeTextAnswers(fields: Array<[string, AnswerValue]>): ParsedAnswer[] {
  return fields.map(([QuestionIdentifier, value]) => {
    if (isUploadedFile(value)) {
      throw errors.parameter(`The answer "${QuestionIdentifier}" is a file upload, which only a QuestionForm FileUploadAnswer question can take.`);
    }
    return { QuestionIdentifier, FreeText: Array.isArray(value) ? value.join("|") : value };
  });
}

function formAnswers(fields: Array<[string, AnswerValue]>, form: QuestionFormDocument): ParsedAnswer[] {
  const values = new Map(fields);
  const unknown = [...values.keys()].find((name) => !form.questions.some((q) => q.identifier === name));
  if (unknown !== undefined) {
    throw errors.parameter(`There is no question with the QuestionIdentifier "${unknown}" in the QuestionForm.`);
  }
  return form.questions.flatMap((question) => {
    const { answer, problem } = shapeAnswer(question, values.get(question.identifier));
    if (problem) throw errors.parameter(`The answer to question "${question.identifier}" is not valid: ${problem}`);
    return answer ? [answer] : [];
  });
}

// Written by hand: the document is flat, and building it through xmlbuilder2's DOM cost more than the rest of
// a submission. The output is xmlbuilder2's byte for byte (test/unit/answer-xml.test.ts compares them): text
// escapes &, < and >; an element with an empty text is <X></X>; a root without answers is self-closing.
function serialize(answers: ParsedAnswer[]): string {
  let xml = `<?xml version="1.0" encoding="ASCII"?><QuestionFormAnswers xmlns="${NAMESPACES.questionFormAnswers}"`;
  if (answers.length === 0) return `${xml}/>`;
  xml += ">";
  const add = (name: string, value: string) => {
    xml += `<${name}>${escapeText(xmlCharacters(value))}</${name}>`;
  };
  for (const answer of answers) {
    xml += "<Answer>";
    add("QuestionIdentifier", answer.QuestionIdentifier);
    if (answer.FreeText !== undefined) add("FreeText", answer.FreeText);
    answer.SelectionIdentifiers?.forEach((id) => add("SelectionIdentifier", id));
    if (answer.OtherSelectionText !== undefined) add("OtherSelectionText", answer.OtherSelectionText);
    if (answer.UploadedFileSizeInBytes !== undefined) add("UploadedFileSizeInBytes", String(answer.UploadedFileSizeInBytes));
    if (answer.UploadedFileKey !== undefined) add("UploadedFileKey", answer.UploadedFileKey);
    xml += "</Answer>";
  }
  return asciiOnly(`${xml}</QuestionFormAnswers>`);
}

const TEXT_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const escapeText = (value: string): string => value.replace(/[&<>]/g, (char) => TEXT_ESCAPES[char]);

// Characters XML 1.0 cannot carry at all (control characters, lone surrogates) are dropped rather than
// failing a worker's submission over an invisible character.
function xmlCharacters(value: string): string {
  return value.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "");
}

// The declaration says ASCII, so everything else must be a character reference. CR is written as &#13;
// because a literal one would be read back as LF (XML end-of-line handling).
function asciiOnly(xml: string): string {
  return xml.replace(/[^\u0000-\u007F]|\r/gu, (char) => `&#${char.codePointAt(0)};`);
}

const QUESTION_FORM_ANSWERS = elements(
  // The XSD requires at least one Answer; zero is accepted because a form whose questions are all optional
  // can be submitted blank, and buildAnswerXml then produces an empty document.
  zeroOrMore({
    Answer: elements(
      one({ QuestionIdentifier: text(isNonEmpty) }),
      zeroOrMore({ SelectionIdentifier: text() }),
      optional({ OtherSelectionText: text() }),
      optional({ FreeText: text() }),
      optional({ UploadedFileSizeInBytes: text(isPositiveInteger()) }),
      optional({ UploadedFileKey: text() }),
    ),
  }),
);

/** Reads and validates a QuestionFormAnswers document, e.g. raw AnswerXml submitted by a test harness. */
/** The answers stored with an assignment; a document that no longer parses reads as no answers. */
export function storedAnswers(xml: string | undefined): ParsedAnswer[] {
  if (!xml) return [];
  try {
    return parseAnswerXml(xml);
  } catch {
    return [];
  }
}

export function parseAnswerXml(xml: string): ParsedAnswer[] {
  const root = parseXml(xml, "Answer");
  validateDocument(root, "QuestionFormAnswers", QUESTION_FORM_ANSWERS, { parameter: "Answer", namespace: NAMESPACES.questionFormAnswers });
  const seen = new Set<string>();
  return children(root, "Answer").map((element, i) => {
    const path = `QuestionFormAnswers/Answer[${i + 1}]`;
    const answer = readAnswer(element, path);
    if (seen.has(answer.QuestionIdentifier)) {
      throw invalidDocument("Answer", `${path} repeats the QuestionIdentifier "${answer.QuestionIdentifier}"; give one Answer per question.`);
    }
    seen.add(answer.QuestionIdentifier);
    return answer;
  });
}

// The XSD's choice (FreeText | SelectionIdentifier* OtherSelectionText? | UploadedFileSizeInBytes
// UploadedFileKey) is checked here; the table above only fixes the order.
function readAnswer(element: XmlElement, path: string): ParsedAnswer {
  const QuestionIdentifier = childText(element, "QuestionIdentifier")!;
  const freeText = child(element, "FreeText");
  const selections = children(element, "SelectionIdentifier");
  const other = child(element, "OtherSelectionText");
  const size = child(element, "UploadedFileSizeInBytes");
  const key = child(element, "UploadedFileKey");
  const kinds = [
    freeText && "FreeText",
    (selections.length > 0 || other) && "SelectionIdentifier/OtherSelectionText",
    (size || key) && "UploadedFileSizeInBytes/UploadedFileKey",
  ].filter(Boolean);
  if (kinds.length > 1) {
    throw schemaError("Answer", `${path} mixes ${kinds.join(" and ")}; an Answer holds exactly one kind of answer.`);
  }
  if (freeText) return { QuestionIdentifier, FreeText: textContent(freeText) };
  if (size || key) {
    if (!size || !key) throw schemaError("Answer", `${path} is missing ${size ? "UploadedFileKey" : "UploadedFileSizeInBytes"}.`);
    return { QuestionIdentifier, UploadedFileSizeInBytes: Number(textContent(size).trim()), UploadedFileKey: textContent(key).trim() };
  }
  const answer: ParsedAnswer = { QuestionIdentifier, SelectionIdentifiers: selections.map((s) => textContent(s).trim()) };
  if (other) answer.OtherSelectionText = textContent(other);
  return answer;
}
