// The arithmetic of the review policies (MODERN-API.md §7), pure: known-answer scores and plurality agreement.
// Scores are whole percentages rounded down (the documentation's example shows 2 of 3 as 66).
import type { ParsedAnswer } from "../questions/answers";
import type { KnownAnswersConfig, PluralityConfig } from "./parameters";

/** Answers longer than this are ignored by SimplePlurality. */
const MAX_PLURALITY_ANSWER = 256;

const percent = (part: number, whole: number): number => Math.floor((part * 100) / whole);

/** What a worker answered to one question, trimmed: the free text, or the selections (with any other-text). */
function answerValues(answer: ParsedAnswer | undefined): { free?: string; selections?: string[] } | undefined {
  if (!answer) return undefined;
  if (answer.FreeText !== undefined) return { free: answer.FreeText.trim() };
  if (answer.SelectionIdentifiers !== undefined || answer.OtherSelectionText !== undefined) {
    const selections = [...(answer.SelectionIdentifiers ?? []), ...(answer.OtherSelectionText === undefined ? [] : [answer.OtherSelectionText])];
    return { selections: selections.map((s) => s.trim()) };
  }
  return undefined;
}

const sameSet = (a: string[], b: string[]): boolean => {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
};

export interface KnownAnswerScore {
  questions: Array<{ questionId: string; correct: boolean }>;
  /** 0–100. */
  score: number;
}

/**
 * Each known answer is matched exactly after trimming whitespace (case and punctuation count): free text must
 * equal one of the key's values; selections must be exactly the key's set of values. An unanswered question is
 * wrong.
 */
export function scoreKnownAnswers(config: KnownAnswersConfig, answers: readonly ParsedAnswer[]): KnownAnswerScore {
  const questions = config.answerKey.map(({ questionId, values }) => {
    const given = answerValues(answers.find((a) => a.QuestionIdentifier === questionId));
    const correct = given === undefined ? false : given.free !== undefined ? values.includes(given.free) : sameSet(given.selections!, values);
    return { questionId, correct };
  });
  return { questions, score: percent(questions.filter((q) => q.correct).length, questions.length) };
}

/** One comparable value per answer: free text, or the sorted selections joined with "|"; undefined when ignored. */
function pluralityValue(answer: ParsedAnswer | undefined): string | undefined {
  const given = answerValues(answer);
  if (!given) return undefined;
  const value = given.free ?? [...new Set(given.selections)].sort().join("|");
  return value === "" || value.length > MAX_PLURALITY_ANSWER ? undefined : value;
}

export interface QuestionAgreement {
  questionId: string;
  /** The most frequent answer, when one answer is more frequent than every other. */
  pluralityAnswer?: string;
  /** Share of the answers that are the plurality answer (0–100); absent when nobody answered. */
  level?: number;
  /** There is a plurality answer and its level reaches QuestionAgreementThreshold. */
  agreed: boolean;
}

export interface WorkerAgreement {
  assignmentId: string;
  /** Per question with an agreed answer: whether this worker gave it. */
  agreements: Array<{ questionId: string; agreed: boolean }>;
  /** Share of the agreed questions the worker answered with the agreed answer; absent when no question agreed. */
  score?: number;
}

export interface PluralityOutcome {
  questions: QuestionAgreement[];
  /** Share of the questions with an agreed answer (0–100). */
  hitScore: number;
  workers: WorkerAgreement[];
}

/** SimplePlurality over the assignments being considered (the caller drops the disregarded ones). */
export function plurality(config: PluralityConfig, assignments: ReadonlyArray<{ assignmentId: string; answers: readonly ParsedAnswer[] }>): PluralityOutcome {
  const valueOf = (answers: readonly ParsedAnswer[], questionId: string) => pluralityValue(answers.find((a) => a.QuestionIdentifier === questionId));
  const questions = config.questionIds.map((questionId): QuestionAgreement => {
    const counts = new Map<string, number>();
    for (const { answers } of assignments) {
      const value = valueOf(answers, questionId);
      if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    if (total === 0) return { questionId, agreed: false };
    const top = Math.max(...counts.values());
    const leaders = [...counts.entries()].filter(([, n]) => n === top).map(([value]) => value);
    const level = percent(top, total);
    if (leaders.length > 1) return { questionId, level, agreed: false };
    return { questionId, pluralityAnswer: leaders[0], level, agreed: level >= config.agreementThreshold };
  });
  const agreed = questions.filter((q) => q.agreed);
  const workers = assignments.map(({ assignmentId, answers }): WorkerAgreement => {
    const agreements = agreed.map((q) => ({ questionId: q.questionId, agreed: valueOf(answers, q.questionId) === q.pluralityAnswer }));
    const matches = agreements.filter((a) => a.agreed).length;
    return { assignmentId, agreements, score: agreed.length === 0 ? undefined : percent(matches, agreed.length) };
  });
  return { questions, hitScore: percent(agreed.length, questions.length), workers };
}
