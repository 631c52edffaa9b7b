// Parsing and validation of the Question parameter (CreateHIT) and the Test parameter (qualification types).
import { errors } from "../errors";
import { NAMESPACES, QuestionFormVersion } from "./namespaces";
import { QuestionFormDocument, readQuestionForm } from "./question-form";
import {
  ValueCheck, checkSize, child, childNumber, childText, elements, isNonEmpty, isNonNegativeInteger, one, schemaError, text,
  validateDocument, wrongNamespace,
} from "./schema";
import { XmlElement, parseXml, textContent } from "./xml";

export type { AnswerSpec, FileUploadSpec, FormItem, FormQuestion, FreeTextSpec, QuestionFormDocument, SelectionSpec, StyleSuggestion } from "./question-form";
export { parseAnswerKey, scoreAnswerKey, checkAnswerKeyAgainstTest } from "./answer-key";
export type { AnswerKey, QualificationValueMapping } from "./answer-key";

export interface ExternalQuestionDocument {
  kind: "ExternalQuestion";
  externalUrl: string;
  /** Pixels; 0 means the frame resizes automatically. */
  frameHeight: number;
}

export interface HtmlQuestionDocument {
  kind: "HTMLQuestion";
  htmlContent: string;
  /** Pixels; 0 means the frame resizes automatically. */
  frameHeight: number;
}

export type ParsedQuestion = ExternalQuestionDocument | HtmlQuestionDocument | QuestionFormDocument;

const isFrameHeight: ValueCheck = (value) =>
  isNonNegativeInteger(value) && "must be a non-negative integer (the frame height in pixels, or 0 to resize automatically)";

const EXTERNAL_QUESTION = elements(one({ ExternalURL: text(isNonEmpty) }), one({ FrameHeight: text(isFrameHeight) }));
const HTML_QUESTION = elements(one({ HTMLContent: text(isNonEmpty) }), one({ FrameHeight: text(isFrameHeight) }));

// The HITs of a batch usually share one Question (an ExternalQuestion URL, a template), and every submission
// reads its HIT's Question again, so the last few documents parsed are kept. They are frozen: callers share them.
const PARSED_LIMIT = 32;
const parsedQuestions = new Map<string, ParsedQuestion>();

/** Parses a CreateHIT Question: ExternalQuestion, HTMLQuestion or QuestionForm. Throws DomainErrors. */
export function parseQuestion(xml: string): ParsedQuestion {
  const known = parsedQuestions.get(xml);
  if (known) return known;
  const question = deepFreeze(readQuestion(xml));
  if (parsedQuestions.size >= PARSED_LIMIT) parsedQuestions.delete(parsedQuestions.keys().next().value!);
  parsedQuestions.set(xml, question);
  return question;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

function readQuestion(xml: string): ParsedQuestion {
  checkSize("Question", xml);
  const root = parseXml(xml, "Question");
  switch (root.name) {
    case "ExternalQuestion":
      return readExternalQuestion(root);
    case "HTMLQuestion":
      return readHtmlQuestion(root);
    case "QuestionForm":
      return readForm(root, "Question");
    default:
      throw schemaError("Question", `the root element must be ExternalQuestion, HTMLQuestion or QuestionForm, not ${root.name}.`);
  }
}

/** Parses a qualification Test, which must be a QuestionForm. */
export function parseQuestionFormTest(xml: string): QuestionFormDocument {
  checkSize("Test", xml);
  const root = parseXml(xml, "Test");
  if (root.name === "ExternalQuestion" || root.name === "HTMLQuestion") {
    throw schemaError("Test", `a Qualification test must be a QuestionForm; ${root.name} cannot be used in a Qualification test.`);
  }
  if (root.name !== "QuestionForm") throw schemaError("Test", `the root element must be QuestionForm, not ${root.name}.`);
  return readForm(root, "Test");
}

function readForm(root: XmlElement, parameter: string): QuestionFormDocument {
  const versions = Object.keys(NAMESPACES.questionForm) as QuestionFormVersion[];
  const version = versions.find((v) => NAMESPACES.questionForm[v] === root.namespace);
  if (!version) {
    throw schemaError(parameter, wrongNamespace("QuestionForm", root.namespace, versions.map((v) => NAMESPACES.questionForm[v])));
  }
  return readQuestionForm(root, version, parameter);
}

function readExternalQuestion(root: XmlElement): ExternalQuestionDocument {
  validateDocument(root, "ExternalQuestion", EXTERNAL_QUESTION, { parameter: "Question", namespace: NAMESPACES.externalQuestion });
  const externalUrl = childText(root, "ExternalURL")!;
  checkExternalUrl(externalUrl);
  return { kind: "ExternalQuestion", externalUrl, frameHeight: childNumber(root, "FrameHeight")! };
}

// The real service requires HTTPS. The emulator also accepts plain http:// to the local machine, because it
// exists for local development, where the task page usually runs on http://localhost. A deliberate difference.
function checkExternalUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw errors.invalidParameter("ExternalURL", url, "It must be an absolute https:// URL.");
  }
  if (parsed.protocol === "https:") return;
  if (parsed.protocol === "http:" && isLocalHost(parsed.hostname)) return;
  throw errors.invalidParameter("ExternalURL", url, "This URL must use the HTTPS protocol.");
}

function isLocalHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function readHtmlQuestion(root: XmlElement): HtmlQuestionDocument {
  validateDocument(root, "HTMLQuestion", HTML_QUESTION, { parameter: "Question", namespace: NAMESPACES.htmlQuestion });
  return { kind: "HTMLQuestion", htmlContent: textContent(child(root, "HTMLContent")!), frameHeight: childNumber(root, "FrameHeight")! };
}
