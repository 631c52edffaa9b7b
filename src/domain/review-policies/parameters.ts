// The two review policies and their parameters (MODERN-API.md §7), read from the model's ReviewPolicy
// structure and checked at CreateHIT / CreateHITWithHITType: an unknown policy, an unknown or repeated
// parameter, a value of the wrong kind or out of range, a missing required parameter are all
// ParameterValidationErrors naming the policy and the parameter.
import { errors } from "../errors";
import type { ReviewPolicy } from "../records";

export const SCORE_MY_KNOWN_ANSWERS = "ScoreMyKnownAnswers/2011-09-01";
export const SIMPLE_PLURALITY = "SimplePlurality/2011-09-01";

export interface Extension {
  /** Extend when the score is below this. */
  below: number;
  /** Extensions stop once the HIT has this many assignments (MaxAssignments, the original ones included). */
  maxAssignments: number;
  /** After an extension the HIT stays available at least this long (0: the expiration is not moved). */
  minTimeS: number;
}

export interface KnownAnswersConfig {
  answerKey: Array<{ questionId: string; values: string[] }>;
  approveAtLeast?: number;
  approveReason?: string;
  rejectBelow?: number;
  rejectReason?: string;
  extend?: Extension;
}

export interface PluralityConfig {
  questionIds: string[];
  agreementThreshold: number;
  disregardRejected: boolean;
  disregardKnownAnswerScoreBelow?: number;
  extend?: Extension;
  approveAtLeast?: number;
  approveReason?: string;
  rejectBelow?: number;
  rejectReason?: string;
}

type Spec = { kind: "int"; min: number; max: number } | { kind: "bool" } | { kind: "text" } | { kind: "list"; max: number } | { kind: "map" };

const int = (min: number, max: number): Spec => ({ kind: "int", min, max });
const TEXT: Spec = { kind: "text" };
const MAX_TIME_S = 31_536_000;

const KNOWN_ANSWERS: Record<string, Spec> = {
  AnswerKey: { kind: "map" },
  ApproveIfKnownAnswerScoreIsAtLeast: int(0, 101),
  ApproveReason: TEXT,
  RejectIfKnownAnswerScoreIsLessThan: int(0, 101),
  RejectReason: TEXT,
  ExtendIfKnownAnswerScoreIsLessThan: int(0, 101),
  ExtendMaximumAssignments: int(2, 25),
  ExtendMinimumTimeInSeconds: int(60, MAX_TIME_S),
};

const PLURALITY: Record<string, Spec> = {
  QuestionIds: { kind: "list", max: 15 },
  QuestionAgreementThreshold: int(0, 100),
  DisregardAssignmentIfRejected: { kind: "bool" },
  DisregardAssignmentIfKnownAnswerScoreIsLessThan: int(0, 101),
  ExtendIfHITAgreementScoreIsLessThan: int(1, 100),
  ExtendMaximumAssignments: int(2, 25),
  ExtendMinimumTimeInSeconds: int(60, MAX_TIME_S),
  ApproveIfWorkerAgreementScoreIsAtLeast: int(0, 101),
  ApproveReason: TEXT,
  RejectIfWorkerAgreementScoreIsLessThan: int(0, 101),
  RejectReason: TEXT,
};

type Value = number | boolean | string | string[] | Array<{ questionId: string; values: string[] }>;

/** Checks both policies of a HIT; throws the first problem. */
export function checkReviewPolicies(assignmentPolicy: ReviewPolicy | undefined, hitPolicy: ReviewPolicy | undefined): void {
  if (assignmentPolicy) readKnownAnswers(assignmentPolicy);
  if (hitPolicy) readPlurality(hitPolicy);
}

export function readKnownAnswers(policy: ReviewPolicy): KnownAnswersConfig {
  const where = "AssignmentReviewPolicy";
  if (policy.PolicyName !== SCORE_MY_KNOWN_ANSWERS) {
    throw errors.invalidParameter(`${where}.PolicyName`, policy.PolicyName, `The assignment-level review policy is ${SCORE_MY_KNOWN_ANSWERS}.`);
  }
  const p = readParameters(policy, where, KNOWN_ANSWERS, ["AnswerKey"]);
  return {
    answerKey: p.AnswerKey as KnownAnswersConfig["answerKey"],
    approveAtLeast: p.ApproveIfKnownAnswerScoreIsAtLeast as number | undefined,
    approveReason: p.ApproveReason as string | undefined,
    rejectBelow: p.RejectIfKnownAnswerScoreIsLessThan as number | undefined,
    rejectReason: p.RejectReason as string | undefined,
    extend:
      p.ExtendIfKnownAnswerScoreIsLessThan === undefined
        ? undefined
        : {
            below: p.ExtendIfKnownAnswerScoreIsLessThan as number,
            maxAssignments: (p.ExtendMaximumAssignments as number | undefined) ?? 5,
            minTimeS: (p.ExtendMinimumTimeInSeconds as number | undefined) ?? 0,
          },
  };
}

export function readPlurality(policy: ReviewPolicy): PluralityConfig {
  const where = "HITReviewPolicy";
  if (policy.PolicyName !== SIMPLE_PLURALITY) {
    throw errors.invalidParameter(`${where}.PolicyName`, policy.PolicyName, `The HIT-level review policy is ${SIMPLE_PLURALITY}.`);
  }
  const p = readParameters(policy, where, PLURALITY, ["QuestionIds", "QuestionAgreementThreshold", "DisregardAssignmentIfRejected"]);
  if (p.ExtendIfHITAgreementScoreIsLessThan !== undefined) {
    const missing = ["ExtendMaximumAssignments", "ExtendMinimumTimeInSeconds"].find((key) => p[key] === undefined);
    if (missing) throw errors.parameter(`${where}: ${missing} is required with ExtendIfHITAgreementScoreIsLessThan.`);
  }
  return {
    questionIds: p.QuestionIds as string[],
    agreementThreshold: p.QuestionAgreementThreshold as number,
    disregardRejected: p.DisregardAssignmentIfRejected as boolean,
    disregardKnownAnswerScoreBelow: p.DisregardAssignmentIfKnownAnswerScoreIsLessThan as number | undefined,
    extend:
      p.ExtendIfHITAgreementScoreIsLessThan === undefined
        ? undefined
        : {
            below: p.ExtendIfHITAgreementScoreIsLessThan as number,
            maxAssignments: p.ExtendMaximumAssignments as number,
            minTimeS: p.ExtendMinimumTimeInSeconds as number,
          },
    approveAtLeast: p.ApproveIfWorkerAgreementScoreIsAtLeast as number | undefined,
    approveReason: p.ApproveReason as string | undefined,
    rejectBelow: p.RejectIfWorkerAgreementScoreIsLessThan as number | undefined,
    rejectReason: p.RejectReason as string | undefined,
  };
}

function readParameters(policy: ReviewPolicy, where: string, specs: Record<string, Spec>, required: string[]): Record<string, Value | undefined> {
  const values: Record<string, Value | undefined> = {};
  for (const [i, parameter] of (policy.Parameters ?? []).entries()) {
    const key = parameter.Key;
    const at = `${where}.Parameters.${i + 1}`;
    if (key === undefined || key === "") throw errors.parameter(`${at}: every parameter needs a Key.`);
    const spec = specs[key];
    if (!spec) {
      throw errors.invalidParameter(`${at}.Key`, key, `${policy.PolicyName} takes the parameters ${Object.keys(specs).join(", ")}.`);
    }
    if (key in values) throw errors.parameter(`${at}: the parameter ${key} is given twice.`);
    values[key] = readValue(parameter, spec, `${where} parameter ${key}`);
  }
  const missing = required.find((key) => values[key] === undefined);
  if (missing) throw errors.parameter(`${where}: ${policy.PolicyName} requires the parameter ${missing}.`);
  return values;
}

function readValue(parameter: NonNullable<ReviewPolicy["Parameters"]>[number], spec: Spec, what: string): Value {
  const list = parameter.Values ?? [];
  const entries = parameter.MapEntries ?? [];
  if (spec.kind === "map") {
    if (list.length) throw errors.parameter(`${what} takes MapEntries (QuestionIdentifier → answers), not Values.`);
    if (entries.length === 0) throw errors.parameter(`${what} needs at least one MapEntry.`);
    return entries.map((entry, i) => {
      const questionId = entry.Key?.trim();
      const answers = (entry.Values ?? []).map((v) => v.trim());
      if (!questionId) throw errors.parameter(`${what}: MapEntry ${i + 1} needs a Key (the QuestionIdentifier).`);
      if (answers.length === 0) throw errors.parameter(`${what}: MapEntry ${i + 1} (${questionId}) needs at least one value.`);
      return { questionId, values: answers };
    });
  }
  if (entries.length) throw errors.parameter(`${what} takes Values, not MapEntries.`);
  if (spec.kind === "list") {
    const ids = [...new Set(list.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean))];
    if (ids.length === 0 || ids.length > spec.max) throw errors.parameter(`${what} takes between 1 and ${spec.max} question identifiers.`);
    return ids;
  }
  if (list.length !== 1) throw errors.parameter(`${what} takes exactly one value.`);
  const raw = list[0].trim();
  switch (spec.kind) {
    case "text":
      return list[0];
    case "bool":
      if (!/^(true|false)$/i.test(raw)) throw errors.parameter(`${what} must be true or false, not "${raw}".`);
      return raw.toLowerCase() === "true";
    case "int": {
      if (!/^-?\d+$/.test(raw)) throw errors.parameter(`${what} must be a whole number, not "${raw}".`);
      const n = Number(raw);
      if (n < spec.min || n > spec.max) throw errors.outOfRange(what.replace(" parameter ", "."), n, spec.min, spec.max);
      return n;
    }
  }
}
