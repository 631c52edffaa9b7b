// Who may discover, preview and accept a HIT: QualificationRequirements evaluated against what a worker has
// (MODERN-API.md §4.1, §4.2). Pure: the facts are gathered by the caller (commands/qualifications.ts), so the
// control API, acceptHit and the worker site all judge with this one function.
import type { Locale, QualificationRequirement, WorkerHistory } from "./records";
import { SYSTEM_QUALIFICATIONS } from "./system-qualifications";

/** A worker's value of one qualification type. */
export interface QualificationValue {
  integerValue?: number;
  localeValue?: Locale;
}

export interface WorkerFacts {
  /** The worker's value of each qualification type a requirement names; absent when the worker does not have it. */
  values: ReadonlyMap<string, QualificationValue>;
  /** How each type is named in reasons ("Locale", a custom type's Name). */
  names: ReadonlyMap<string, string>;
  /** The HIT's requester has blocked the worker. */
  blocked: boolean;
}

export type ActionsGuarded = "Accept" | "PreviewAndAccept" | "DiscoverPreviewAndAccept";

export interface FailedRequirement {
  /** Absent for a block. */
  requirement?: QualificationRequirement;
  guards: ActionsGuarded;
  /** What is required, e.g. "Locale = US" or "NumberHITsApproved ≥ 5". */
  reason: string;
  /** What the worker has, e.g. "3" or "no such qualification". */
  actual: string;
}

export interface Eligibility {
  discover: boolean;
  preview: boolean;
  accept: boolean;
  failed: FailedRequirement[];
}

/** The deprecated RequiredToPreview means PreviewAndAccept; without either, a requirement guards Accept only. */
export function guardedActions(r: QualificationRequirement): ActionsGuarded {
  if (r.ActionsGuarded) return r.ActionsGuarded as ActionsGuarded;
  return r.RequiredToPreview ? "PreviewAndAccept" : "Accept";
}

/**
 * A worker may perform an action when every requirement guarding it is met (and, to accept, when the
 * requester has not blocked them). Discover ⊂ Preview ⊂ Accept: whatever guards discovery guards the rest.
 */
export function eligibility(facts: WorkerFacts, requirements: readonly QualificationRequirement[]): Eligibility {
  const failed: FailedRequirement[] = [];
  if (facts.blocked) failed.push({ guards: "Accept", reason: "not blocked by the requester", actual: "blocked" });
  for (const requirement of requirements) {
    const value = facts.values.get(requirement.QualificationTypeId);
    if (meetsRequirement(value, requirement)) continue;
    const name = facts.names.get(requirement.QualificationTypeId) ?? requirement.QualificationTypeId;
    failed.push({ requirement, guards: guardedActions(requirement), reason: describeRequirement(requirement, name), actual: describeValue(value) });
  }
  const guarded = new Set(failed.map((f) => f.guards));
  return {
    discover: !guarded.has("DiscoverPreviewAndAccept"),
    preview: !guarded.has("DiscoverPreviewAndAccept") && !guarded.has("PreviewAndAccept"),
    accept: failed.length === 0,
    failed,
  };
}

/**
 * Every comparator but DoesNotExist needs the worker to have the qualification: NotEqualTo and NotIn are not
 * met by a worker without it. A locale requirement without a Subdivision matches every subdivision of the country.
 */
export function meetsRequirement(value: QualificationValue | undefined, r: QualificationRequirement): boolean {
  if (r.Comparator === "DoesNotExist") return value === undefined;
  if (value === undefined) return false;
  if (r.Comparator === "Exists") return true;
  if (r.LocaleValues?.length) {
    const locale = value.localeValue;
    if (!locale) return false;
    const matches = r.LocaleValues.map((wanted) => wanted.Country === locale.Country && (wanted.Subdivision === undefined || wanted.Subdivision === locale.Subdivision));
    switch (r.Comparator) {
      case "EqualTo":
      case "In":
        return matches.some(Boolean);
      case "NotEqualTo":
      case "NotIn":
        return !matches.some(Boolean);
      default:
        return false;
    }
  }
  const actual = value.integerValue;
  const values = r.IntegerValues ?? [];
  if (actual === undefined) return false;
  const [first] = values;
  switch (r.Comparator) {
    case "LessThan":
      return actual < first;
    case "LessThanOrEqualTo":
      return actual <= first;
    case "GreaterThan":
      return actual > first;
    case "GreaterThanOrEqualTo":
      return actual >= first;
    case "EqualTo":
      return actual === first;
    case "NotEqualTo":
      return actual !== first;
    case "In":
      return values.includes(actual);
    case "NotIn":
      return !values.includes(actual);
    default:
      return false;
  }
}

const SYMBOLS: Record<string, string> = {
  LessThan: "<",
  LessThanOrEqualTo: "≤",
  GreaterThan: ">",
  GreaterThanOrEqualTo: "≥",
  EqualTo: "=",
  NotEqualTo: "≠",
  In: "in",
  NotIn: "not in",
};

const localeText = (l: Locale): string => (l.Subdivision ? `${l.Country}-${l.Subdivision}` : l.Country);

/** "Locale = US", "NumberHITsApproved ≥ 5", "Locale in (US, CA-QC)", "Masters exists". */
export function describeRequirement(r: QualificationRequirement, name: string): string {
  if (r.Comparator === "Exists") return `${name} exists`;
  if (r.Comparator === "DoesNotExist") return `${name} does not exist`;
  const values = r.LocaleValues?.length ? r.LocaleValues.map(localeText) : (r.IntegerValues ?? []).map(String);
  const symbol = SYMBOLS[r.Comparator] ?? r.Comparator;
  return r.Comparator === "In" || r.Comparator === "NotIn" ? `${name} ${symbol} (${values.join(", ")})` : `${name} ${symbol} ${values.join(", ")}`;
}

function describeValue(value: QualificationValue | undefined): string {
  if (value === undefined) return "no such qualification";
  if (value.localeValue) return localeText(value.localeValue);
  return value.integerValue === undefined ? "the qualification without a value" : String(value.integerValue);
}

// ---- Worker attributes (set through the control API) and system qualification values ----

/** What the control API lets a test declare about a worker; the rest of a worker's profile is its history. */
export interface WorkerAttributes {
  Locale?: Locale;
  Adult?: boolean;
  Masters?: boolean;
  /** Work done before this emulator saw the worker (e.g. for other requesters), added to its own history. */
  History?: PriorHistory;
}

export interface PriorHistory {
  Approved?: number;
  Rejected?: number;
  Returned?: number;
  Abandoned?: number;
}

const ATTRIBUTE_NAMES = ["Locale", "Adult", "Masters", "History"];
const HISTORY_NAMES = ["Approved", "Rejected", "Returned", "Abandoned"];

/** Why `attributes` are not valid worker attributes, or undefined when they are. */
export function workerAttributesProblem(attributes: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(attributes)) {
    switch (key) {
      case "Locale": {
        const problem = localeProblem(value);
        if (problem) return `Locale ${problem}`;
        break;
      }
      case "Adult":
      case "Masters":
        if (typeof value !== "boolean") return `${key} must be true or false.`;
        break;
      case "History": {
        const shape = `History must be {${HISTORY_NAMES.map((n) => `"${n}"?: n`).join(", ")}} with whole numbers from 0.`;
        if (typeof value !== "object" || value === null || Array.isArray(value)) return shape;
        for (const [name, count] of Object.entries(value)) {
          if (!HISTORY_NAMES.includes(name) || !Number.isSafeInteger(count) || (count as number) < 0) return shape;
        }
        break;
      }
      default:
        return `"${key}" is not a worker attribute; the attributes are ${ATTRIBUTE_NAMES.join(", ")}.`;
    }
  }
  return undefined;
}

function localeProblem(value: unknown): string | undefined {
  const shape = 'must be {"Country": "US", "Subdivision"?: "CA"} (ISO 3166 codes).';
  if (typeof value !== "object" || value === null || Array.isArray(value)) return shape;
  const { Country, Subdivision, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length) return `has the unknown member "${Object.keys(rest)[0]}"; it ${shape}`;
  if (typeof Country !== "string" || !/^[A-Z]{2}$/.test(Country)) return `Country must be a two-letter ISO 3166 code such as "US"; Locale ${shape}`;
  if (Subdivision !== undefined && (typeof Subdivision !== "string" || !/^[A-Z0-9]{1,3}$/.test(Subdivision))) {
    return `Subdivision must be an ISO 3166-2 subdivision code such as "CA".`;
  }
  return undefined;
}

/** The short names reasons use for system types ("Locale", "NumberHITsApproved"). */
export const SYSTEM_QUALIFICATION_NAMES: ReadonlyMap<string, string> = new Map(Object.entries(SYSTEM_QUALIFICATIONS).map(([name, id]) => [id, name]));

/** Below this many submitted assignments a worker's approval rate counts as 100%. */
const APPROVAL_RATE_THRESHOLD = 100;

const percent = (part: number, whole: number): number => Math.floor((part * 100) / whole);

/**
 * The value of a system qualification for a worker, from its attributes and history (over all requesters),
 * or undefined when the worker does not have it. Percentages are whole numbers, rounded down.
 */
export function systemQualificationValue(typeId: string, attributes: WorkerAttributes, ownHistory: WorkerHistory): QualificationValue | undefined {
  const history = withPriorHistory(ownHistory, attributes.History);
  const reviewed = history.approved + history.rejected;
  switch (typeId) {
    case SYSTEM_QUALIFICATIONS.Masters:
      return attributes.Masters ? { integerValue: 1 } : undefined;
    case SYSTEM_QUALIFICATIONS.Adult:
      return attributes.Adult === undefined ? undefined : { integerValue: attributes.Adult ? 1 : 0 };
    case SYSTEM_QUALIFICATIONS.Locale:
      return attributes.Locale ? { localeValue: attributes.Locale } : undefined;
    case SYSTEM_QUALIFICATIONS.NumberHITsApproved:
      return { integerValue: history.approved };
    case SYSTEM_QUALIFICATIONS.PercentAssignmentsApproved:
      return { integerValue: history.submitted < APPROVAL_RATE_THRESHOLD || reviewed === 0 ? 100 : percent(history.approved, reviewed) };
    case SYSTEM_QUALIFICATIONS.PercentAssignmentsRejected:
      return { integerValue: reviewed === 0 ? 0 : percent(history.rejected, reviewed) };
    case SYSTEM_QUALIFICATIONS.PercentAssignmentsSubmitted:
      return { integerValue: history.ended === 0 ? 100 : percent(history.submitted, history.ended) };
    case SYSTEM_QUALIFICATIONS.PercentAssignmentsAbandoned:
      return { integerValue: history.ended === 0 ? 0 : percent(history.abandoned, history.ended) };
    case SYSTEM_QUALIFICATIONS.PercentAssignmentsReturned:
      return { integerValue: history.ended === 0 ? 0 : percent(history.returned, history.ended) };
    default:
      return undefined;
  }
}

/** Prior work counts as submitted (when reviewed) and ended, like the worker's own. */
function withPriorHistory(history: WorkerHistory, prior: PriorHistory = {}): WorkerHistory {
  const [approved, rejected, returned, abandoned] = [prior.Approved ?? 0, prior.Rejected ?? 0, prior.Returned ?? 0, prior.Abandoned ?? 0];
  return {
    ended: history.ended + approved + rejected + returned + abandoned,
    submitted: history.submitted + approved + rejected,
    approved: history.approved + approved,
    rejected: history.rejected + rejected,
    returned: history.returned + returned,
    abandoned: history.abandoned + abandoned,
  };
}
