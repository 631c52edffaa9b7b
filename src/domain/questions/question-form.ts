// QuestionForm: the 2005-10-01 XSD (question-schemas/2005-10-01/QuestionForm.xsd) as a table of allowed
// children, plus the rules the XSD cannot express. No local copy of the 2017-11-06 schema exists; it is the
// 2005-10-01 schema without FileUploadAnswer and Application (MODERN-API.md §5.1/§5.2), which is what we check.
import { NAMESPACES, QuestionFormVersion } from "./namespaces";
import {
  ElementType, SchemaContext, attributeNumber, child, childNumber, childText, children, elements, isBoolean, isInt,
  invalidDocument, isNonEmpty, isNonNegativeInteger, isOneOf, isPositiveInteger, one, oneOrMore, optional, schemaError, text,
  validateElement, zeroOrMore,
} from "./schema";
import { XmlElement, XmlSyntaxError, parseXmlDocument, textContent } from "./xml";

export type StyleSuggestion = "radiobutton" | "checkbox" | "list" | "dropdown" | "combobox" | "multichooser";

export interface FreeTextSpec {
  kind: "FreeText";
  constraints: {
    isNumeric?: { minValue?: number; maxValue?: number };
    length?: { minLength?: number; maxLength?: number };
    answerFormatRegexes: Array<{ regex: string; errorText?: string; flags?: string }>;
  };
  defaultText?: string;
  numberOfLinesSuggestion?: number;
}

export interface SelectionSpec {
  kind: "Selection";
  styleSuggestion?: StyleSuggestion;
  /** Defaults to 1 when absent (QuestionForm documentation). */
  minSelectionCount: number;
  /** Defaults to 1, or to MinSelectionCount when only that is given. */
  maxSelectionCount: number;
  /** `content` is the Text, Binary or FormattedContent element, kept for rendering. */
  selections: Array<{ identifier: string; content: XmlElement }>;
  /** Present when the worker may type an answer not in the list. */
  otherSelection?: FreeTextSpec;
}

export interface FileUploadSpec {
  kind: "FileUpload";
  minFileSizeInBytes: number;
  maxFileSizeInBytes: number;
}

export type AnswerSpec = FreeTextSpec | SelectionSpec | FileUploadSpec;

export interface FormQuestion {
  identifier: string;
  displayName?: string;
  isRequired: boolean;
  /** The QuestionContent element, kept as a tree for rendering. */
  content: XmlElement;
  answer: AnswerSpec;
}

/** Overviews and questions in document order, as a renderer must show them. */
export type FormItem = { kind: "Overview"; content: XmlElement } | { kind: "Question"; question: FormQuestion };

export interface QuestionFormDocument {
  kind: "QuestionForm";
  namespaceVersion: QuestionFormVersion;
  items: FormItem[];
  /** The questions of `items`, in order. */
  questions: FormQuestion[];
}

const isUrl = (value: string) => (/^(http|https):\/\/.*$/.test(value) ? undefined : "must be an http:// or https:// URL");
const fileSize = isPositiveInteger(2000000000);

const applicationParameter = elements(one({ Name: text() }), one({ Value: text() }));
const binary = elements(
  one({ MimeType: elements(one({ Type: text(isOneOf("image", "audio", "video")) }), optional({ SubType: text() })) }),
  one({ DataURL: text(isUrl) }),
  one({ AltText: text() }),
);
const application = elements(
  one({
    Flash: elements(
      one({ FlashMovieURL: text(isUrl) }), one({ Width: text() }), one({ Height: text() }),
      zeroOrMore({ ApplicationParameter: applicationParameter }),
    ),
    JavaApplet: elements(
      one({ AppletPath: text(isUrl) }), one({ AppletFilename: text() }), one({ Width: text() }), one({ Height: text() }),
      zeroOrMore({ ApplicationParameter: applicationParameter }),
    ),
  }),
);
const embeddedBinary = elements(
  one({ EmbeddedMimeType: elements(one({ Type: text() }), one({ SubType: text() })) }),
  one({ DataURL: text(isUrl) }), one({ AltText: text() }), one({ Width: text() }), one({ Height: text() }),
  zeroOrMore({ ApplicationParameter: applicationParameter }),
);
const content = elements(
  oneOrMore({
    Title: text(), Text: text(), List: elements(oneOrMore({ ListItem: text() })), FormattedContent: text(),
    Binary: binary, Application: application, EmbeddedBinary: embeddedBinary,
  }),
);
const freeTextAnswer = elements(
  optional({
    Constraints: elements(
      optional({ IsNumeric: { content: { kind: "empty" }, attributes: { minValue: { check: isInt }, maxValue: { check: isInt } } } }),
      optional({
        Length: {
          content: { kind: "empty" },
          attributes: { minLength: { check: isNonNegativeInteger }, maxLength: { check: isPositiveInteger() } },
        },
      }),
      zeroOrMore({
        AnswerFormatRegex: { content: { kind: "empty" }, attributes: { regex: { required: true }, errorText: {}, flags: {} } },
      }),
    ),
  }),
  optional({ DefaultText: text() }),
  optional({ NumberOfLinesSuggestion: text(isPositiveInteger()) }),
);
const selectionAnswer = elements(
  optional({ MinSelectionCount: text(isNonNegativeInteger) }),
  optional({ MaxSelectionCount: text(isPositiveInteger()) }),
  optional({ StyleSuggestion: text(isOneOf("radiobutton", "checkbox", "list", "dropdown", "combobox", "multichooser")) }),
  one({
    Selections: elements(
      oneOrMore({
        Selection: elements(
          one({ SelectionIdentifier: text(isNonEmpty) }),
          one({ Text: text(), Binary: binary, FormattedContent: text() }),
        ),
      }),
      optional({ OtherSelection: freeTextAnswer }),
    ),
  }),
);
const question = elements(
  one({ QuestionIdentifier: text(isNonEmpty) }),
  optional({ DisplayName: text() }),
  optional({ IsRequired: text(isBoolean) }),
  one({ QuestionContent: content }),
  one({
    AnswerSpecification: elements(
      one({
        FreeTextAnswer: freeTextAnswer,
        SelectionAnswer: selectionAnswer,
        FileUploadAnswer: elements(one({ MaxFileSizeInBytes: text(fileSize) }), one({ MinFileSizeInBytes: text(fileSize) })),
      }),
    ),
  }),
);
const QUESTION_FORM: ElementType = elements(oneOrMore({ Overview: content, Question: question }));

const REMOVED_IN_2017 = new Set(["FileUploadAnswer", "Application"]);

/** Validates a QuestionForm root (name already checked) and extracts its questions. */
export function readQuestionForm(root: XmlElement, version: QuestionFormVersion, parameter: string): QuestionFormDocument {
  const context: SchemaContext = {
    parameter,
    namespace: NAMESPACES.questionForm[version],
    refuse: (name, path) =>
      version === "2017-11-06" && REMOVED_IN_2017.has(name)
        ? `${path}: ${name} is not allowed in the 2017-11-06 QuestionForm schema (it was removed on 2017-12-12).`
        : undefined,
  };
  validateElement(root, QUESTION_FORM, "QuestionForm", context);
  const items: FormItem[] = [];
  const seen = new Map<string, string>();
  let questionIndex = 0;
  let overviewIndex = 0;
  for (const element of root.children) {
    if (element.kind !== "element") continue;
    if (element.name === "Overview") {
      overviewIndex += 1;
      checkFormattedContent(element, `QuestionForm/Overview[${overviewIndex}]`, true, parameter);
      items.push({ kind: "Overview", content: element });
      continue;
    }
    questionIndex += 1;
    const path = `QuestionForm/Question[${questionIndex}]`;
    const parsed = readQuestion(element, path, parameter);
    const earlier = seen.get(parsed.identifier);
    if (earlier) {
      throw invalidDocument(
        parameter,
        `${path} has the QuestionIdentifier "${parsed.identifier}", which ${earlier} already uses; QuestionIdentifiers must be unique.`,
      );
    }
    seen.set(parsed.identifier, path);
    items.push({ kind: "Question", question: parsed });
  }
  if (questionIndex === 0) throw schemaError(parameter, "QuestionForm must contain at least one Question.");
  const questions = items.flatMap((item) => (item.kind === "Question" ? [item.question] : []));
  return { kind: "QuestionForm", namespaceVersion: version, items, questions };
}

function readQuestion(element: XmlElement, path: string, parameter: string): FormQuestion {
  const content = child(element, "QuestionContent")!;
  checkFormattedContent(content, `${path}/QuestionContent`, true, parameter);
  const specification = child(element, "AnswerSpecification")!;
  const answerPath = `${path}/AnswerSpecification`;
  const freeText = child(specification, "FreeTextAnswer");
  const selection = child(specification, "SelectionAnswer");
  const upload = child(specification, "FileUploadAnswer");
  const answer = freeText
    ? readFreeText(freeText, `${answerPath}/FreeTextAnswer`, parameter)
    : selection
      ? readSelection(selection, `${answerPath}/SelectionAnswer`, parameter)
      : readFileUpload(upload!, `${answerPath}/FileUploadAnswer`, parameter);
  const isRequired = childText(element, "IsRequired");
  return {
    identifier: childText(element, "QuestionIdentifier")!,
    displayName: childText(element, "DisplayName"),
    isRequired: isRequired === "true" || isRequired === "1",
    content,
    answer,
  };
}

function readFreeText(element: XmlElement, path: string, parameter: string): FreeTextSpec {
  const constraints = child(element, "Constraints");
  const numeric = constraints && child(constraints, "IsNumeric");
  const length = constraints && child(constraints, "Length");
  const isNumeric = numeric && { minValue: attributeNumber(numeric, "minValue"), maxValue: attributeNumber(numeric, "maxValue") };
  const lengths = length && { minLength: attributeNumber(length, "minLength"), maxLength: attributeNumber(length, "maxLength") };
  checkRange(parameter, `${path}/Constraints/IsNumeric`, "minValue", isNumeric?.minValue, "maxValue", isNumeric?.maxValue);
  checkRange(parameter, `${path}/Constraints/Length`, "minLength", lengths?.minLength, "maxLength", lengths?.maxLength);
  const answerFormatRegexes = (constraints ? children(constraints, "AnswerFormatRegex") : []).map((regex, i) => {
    const spec = { regex: regex.attributes.regex, errorText: regex.attributes.errorText, flags: regex.attributes.flags };
    try {
      new RegExp(spec.regex, spec.flags);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw invalidDocument(parameter, `${path}/Constraints/AnswerFormatRegex[${i + 1}] is not a valid JavaScript regular expression: ${why}`);
    }
    return spec;
  });
  const defaultText = child(element, "DefaultText");
  return {
    kind: "FreeText",
    constraints: { isNumeric, length: lengths, answerFormatRegexes },
    defaultText: defaultText && textContent(defaultText),
    numberOfLinesSuggestion: childNumber(element, "NumberOfLinesSuggestion"),
  };
}

function readSelection(element: XmlElement, path: string, parameter: string): SelectionSpec {
  const selectionsElement = child(element, "Selections")!;
  const identifiers = new Set<string>();
  const selections = children(selectionsElement, "Selection").map((selection, i) => {
    const identifier = childText(selection, "SelectionIdentifier")!;
    const selectionPath = `${path}/Selections/Selection[${i + 1}]`;
    if (identifiers.has(identifier)) {
      throw invalidDocument(parameter, `${selectionPath} repeats the SelectionIdentifier "${identifier}"; SelectionIdentifiers must be unique within a question.`);
    }
    identifiers.add(identifier);
    const content = child(selection, "Text") ?? child(selection, "Binary") ?? child(selection, "FormattedContent")!;
    checkFormattedContent(selection, selectionPath, false, parameter);
    return { identifier, content };
  });
  const explicitMin = childNumber(element, "MinSelectionCount");
  const explicitMax = childNumber(element, "MaxSelectionCount");
  checkRange(parameter, path, "MinSelectionCount", explicitMin, "MaxSelectionCount", explicitMax);
  const other = child(selectionsElement, "OtherSelection");
  const minSelectionCount = explicitMin ?? 1;
  return {
    kind: "Selection",
    styleSuggestion: childText(element, "StyleSuggestion") as StyleSuggestion | undefined,
    minSelectionCount,
    maxSelectionCount: explicitMax ?? Math.max(1, minSelectionCount),
    selections,
    otherSelection: other && readFreeText(other, `${path}/Selections/OtherSelection`, parameter),
  };
}

function readFileUpload(element: XmlElement, path: string, parameter: string): FileUploadSpec {
  const minFileSizeInBytes = childNumber(element, "MinFileSizeInBytes")!;
  const maxFileSizeInBytes = childNumber(element, "MaxFileSizeInBytes")!;
  checkRange(parameter, path, "MinFileSizeInBytes", minFileSizeInBytes, "MaxFileSizeInBytes", maxFileSizeInBytes);
  return { kind: "FileUpload", minFileSizeInBytes, maxFileSizeInBytes };
}

function checkRange(parameter: string, path: string, minName: string, min: number | undefined, maxName: string, max: number | undefined): void {
  if (min !== undefined && max !== undefined && min > max) {
    throw invalidDocument(parameter, `${path} has ${minName} ${min} greater than ${maxName} ${max}.`);
  }
}

// FormattedContent is XHTML carried as text (usually CDATA). MTurk validates it against an XHTML subset
// (FormattedContentXHTMLSubset.xsd); without an XSD validator we check well-formedness, which is also what
// the renderer needs, here where the error can name the element.
function checkFormattedContent(container: XmlElement, path: string, indexed: boolean, parameter: string): void {
  children(container, "FormattedContent").forEach((formatted, i) => {
    try {
      parseXmlDocument(`<FormattedContent>${textContent(formatted)}</FormattedContent>`);
    } catch (e) {
      if (!(e instanceof XmlSyntaxError)) throw e;
      const where = `${path}/FormattedContent${indexed ? `[${i + 1}]` : ""}`;
      throw invalidDocument(parameter, `${where} is not well-formed XHTML: ${e.detail}`);
    }
  });
}

