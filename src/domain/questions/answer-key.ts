// AnswerKey (question-schemas/2005-10-01/AnswerKey.xsd) and automatic scoring of qualification tests
// (MODERN-API.md §4.3).
import { NAMESPACES } from "./namespaces";
import { QuestionFormDocument } from "./question-form";
import {
  child, childNumber, childText, children, elements, invalidDocument, isDouble, isInt, isNonEmpty, checkSize, one,
  oneOrMore, optional, text, validateDocument,
} from "./schema";
import { XmlElement, parseXml, textContent } from "./xml";

export type QualificationValueMapping =
  | { kind: "PercentageMapping"; maximumSummedScore: number }
  | { kind: "ScaleMapping"; summedScoreMultiplier: number }
  | {
      kind: "RangeMapping";
      ranges: Array<{ inclusiveLowerBound: number; inclusiveUpperBound: number; qualificationValue: number }>;
      outOfRangeQualificationValue: number;
    };

export interface AnswerKey {
  questions: Array<{
    identifier: string;
    options: Array<{ selectionIdentifiers: string[]; answerScore: number }>;
    /** Score when no option matches; 0 when the key does not give one. */
    defaultScore: number;
  }>;
  mapping?: QualificationValueMapping;
}

const ANSWER_KEY = elements(
  oneOrMore({
    Question: elements(
      one({ QuestionIdentifier: text(isNonEmpty) }),
      oneOrMore({ AnswerOption: elements(oneOrMore({ SelectionIdentifier: text() }), one({ AnswerScore: text(isInt) })) }),
      optional({ DefaultScore: text(isInt) }),
    ),
  }),
  optional({
    QualificationValueMapping: elements(
      one({
        PercentageMapping: elements(one({ MaximumSummedScore: text(isInt) })),
        ScaleMapping: elements(one({ SummedScoreMultiplier: text(isDouble) })),
        RangeMapping: elements(
          oneOrMore({
            SummedScoreRange: elements(
              one({ InclusiveLowerBound: text(isInt) }), one({ InclusiveUpperBound: text(isInt) }), one({ QualificationValue: text(isInt) }),
            ),
          }),
          one({ OutOfRangeQualificationValue: text(isInt) }),
        ),
      }),
    ),
  }),
);

export function parseAnswerKey(xml: string): AnswerKey {
  checkSize("AnswerKey", xml);
  const root = parseXml(xml, "AnswerKey");
  validateDocument(root, "AnswerKey", ANSWER_KEY, { parameter: "AnswerKey", namespace: NAMESPACES.answerKey });
  const seen = new Set<string>();
  const questions = children(root, "Question").map((question, i) => {
    const path = `AnswerKey/Question[${i + 1}]`;
    const identifier = childText(question, "QuestionIdentifier")!;
    if (seen.has(identifier)) throw invalidDocument("AnswerKey", `${path} repeats the QuestionIdentifier "${identifier}".`);
    seen.add(identifier);
    const options = children(question, "AnswerOption").map((option) => ({
      selectionIdentifiers: children(option, "SelectionIdentifier").map((s) => textContent(s).trim()),
      answerScore: childNumber(option, "AnswerScore")!,
    }));
    const signatures = options.map((option) => selectionSignature(option.selectionIdentifiers));
    const repeated = signatures.findIndex((signature, j) => signatures.indexOf(signature) !== j);
    if (repeated >= 0) {
      throw invalidDocument("AnswerKey", `${path}/AnswerOption[${repeated + 1}] has the same SelectionIdentifiers as an earlier AnswerOption.`);
    }
    return { identifier, options, defaultScore: childNumber(question, "DefaultScore") ?? 0 };
  });
  const mapping = child(root, "QualificationValueMapping");
  return { questions, mapping: mapping && readMapping(mapping) };
}

function readMapping(element: XmlElement): QualificationValueMapping {
  const path = "AnswerKey/QualificationValueMapping";
  const percentage = child(element, "PercentageMapping");
  if (percentage) {
    const maximumSummedScore = childNumber(percentage, "MaximumSummedScore")!;
    if (maximumSummedScore <= 0) {
      throw invalidDocument("AnswerKey", `${path}/PercentageMapping/MaximumSummedScore must be greater than 0, not ${maximumSummedScore}.`);
    }
    return { kind: "PercentageMapping", maximumSummedScore };
  }
  const scale = child(element, "ScaleMapping");
  if (scale) return { kind: "ScaleMapping", summedScoreMultiplier: childNumber(scale, "SummedScoreMultiplier")! };
  const range = child(element, "RangeMapping")!;
  const ranges = children(range, "SummedScoreRange").map((r, i) => {
    const inclusiveLowerBound = childNumber(r, "InclusiveLowerBound")!;
    const inclusiveUpperBound = childNumber(r, "InclusiveUpperBound")!;
    if (inclusiveLowerBound > inclusiveUpperBound) {
      throw invalidDocument(
        "AnswerKey",
        `${path}/RangeMapping/SummedScoreRange[${i + 1}] has InclusiveLowerBound ${inclusiveLowerBound} greater than InclusiveUpperBound ${inclusiveUpperBound}.`,
      );
    }
    return { inclusiveLowerBound, inclusiveUpperBound, qualificationValue: childNumber(r, "QualificationValue")! };
  });
  return { kind: "RangeMapping", ranges, outOfRangeQualificationValue: childNumber(range, "OutOfRangeQualificationValue")! };
}

/**
 * The qualification value a set of test answers earns: per key question, the AnswerScore of the option whose
 * SelectionIdentifiers exactly equal the selected ones (order ignored), else DefaultScore; the sum then goes
 * through the mapping. Percentage and scale results are rounded to the nearest integer (halves round up);
 * with overlapping ranges the first matching SummedScoreRange wins.
 */
export function scoreAnswerKey(
  key: AnswerKey,
  answers: ReadonlyArray<{ QuestionIdentifier: string; SelectionIdentifiers?: string[] }>,
): number {
  const selected = new Map(answers.map((a) => [a.QuestionIdentifier, selectionSignature(a.SelectionIdentifiers ?? [])]));
  const sum = key.questions.reduce((total, question) => {
    const answer = selected.get(question.identifier);
    const match = question.options.find((option) => selectionSignature(option.selectionIdentifiers) === answer);
    return total + (match ? match.answerScore : question.defaultScore);
  }, 0);
  const mapping = key.mapping;
  switch (mapping?.kind) {
    case undefined:
      return sum;
    case "PercentageMapping":
      return Math.round((sum * 100) / mapping.maximumSummedScore);
    case "ScaleMapping":
      return Math.round(sum * mapping.summedScoreMultiplier);
    case "RangeMapping": {
      const range = mapping.ranges.find((r) => sum >= r.inclusiveLowerBound && sum <= r.inclusiveUpperBound);
      return range ? range.qualificationValue : mapping.outOfRangeQualificationValue;
    }
  }
}

/**
 * Cross-checks an AnswerKey against the Test it grades: every key question must be a selection question of
 * the test and name only its selections, and an auto-graded test may not contain free-text or file-upload
 * questions (MODERN-API.md §4.3).
 */
export function checkAnswerKeyAgainstTest(key: AnswerKey, test: QuestionFormDocument): void {
  const ungradable = test.questions.find((q) => q.answer.kind !== "Selection");
  if (ungradable) {
    throw invalidDocument(
      "AnswerKey",
      `the Test question "${ungradable.identifier}" is a ${ungradable.answer.kind} question; a test graded by an AnswerKey may contain only selection questions.`,
    );
  }
  key.questions.forEach((keyQuestion, i) => {
    const path = `AnswerKey/Question[${i + 1}]`;
    const question = test.questions.find((q) => q.identifier === keyQuestion.identifier);
    if (!question || question.answer.kind !== "Selection") {
      throw invalidDocument("AnswerKey", `${path} refers to the QuestionIdentifier "${keyQuestion.identifier}", which is not a question in the Test.`);
    }
    const known = new Set(question.answer.selections.map((s) => s.identifier));
    const unknown = keyQuestion.options.flatMap((o) => o.selectionIdentifiers).find((id) => !known.has(id));
    if (unknown !== undefined) {
      throw invalidDocument(
        "AnswerKey",
        `${path} refers to the SelectionIdentifier "${unknown}", which is not a selection of the Test question "${keyQuestion.identifier}".`,
      );
    }
  });
}

// Order-insensitive identity of a set of selections ("exactly matching" ignores the order chosen).
function selectionSignature(ids: readonly string[]): string {
  return JSON.stringify([...new Set(ids)].sort());
}
