// Requester statistics of the legacy API (GetRequesterStatistic, GetRequesterWorkerStatistic; LEGACY-API.md §2.5,
// §6), computed from the state: the requester's HITs, assignments, bonuses and review-policy results. Fees follow
// MODERN-API.md §8 (20% with a $0.01 minimum, 40% on HITs with 10 or more assignments, 5% more for Masters).
//
// Periods: OneDay is the current UTC day (Count N: the N days ending today, one point each, oldest first);
// SevenDays and ThirtyDays the trailing 7 and 30 days; LifeToDate everything. Flow statistics count what
// happened in the period; point-in-time statistics (NumberHITsAssignable, NumberHITsReviewable,
// NumberAssignmentsAvailable, NumberAssignmentsPending and the Estimated* liabilities) are the state now,
// whatever the period, and NumberHITsAssignable answers only for LifeToDate, as documented.
import type { RequesterCtx } from "../context";
import { DomainError } from "../errors";
import { availableAssignments } from "../hit-state";
import type { Assignment, HitView, ReviewEntry } from "../records";
import { SYSTEM_QUALIFICATIONS } from "../system-qualifications";

export const REQUESTER_STATISTICS = [
  "NumberHITsAssignable",
  "NumberHITsReviewable",
  "NumberHITsCreated",
  "NumberHITsCompleted",
  "TotalRewardPayout",
  "TotalRewardFeePayout",
  "TotalFeePayout",
  "TotalRewardAndFeePayout",
  "TotalBonusPayout",
  "TotalBonusFeePayout",
  "EstimatedFeeLiability",
  "EstimatedRewardLiability",
  "EstimatedTotalLiability",
  "NumberAssignmentsAvailable",
  "NumberAssignmentsAccepted",
  "NumberAssignmentsPending",
  "NumberAssignmentsApproved",
  "NumberAssignmentsRejected",
  "NumberAssignmentsReturned",
  "NumberAssignmentsAbandoned",
  "AverageRewardAmount",
  "PercentAssignmentsApproved",
  "PercentAssignmentsRejected",
  "NumberKnownAnswersCorrect",
  "NumberKnownAnswersIncorrect",
  "NumberKnownAnswersEvaluated",
  "PercentKnownAnswersCorrect",
  "NumberPluralityAnswersCorrect",
  "NumberPluralityAnswersIncorrect",
  "NumberPluralityAnswersEvaluated",
  "PercentPluralityAnswersCorrect",
] as const;
export type RequesterStatistic = (typeof REQUESTER_STATISTICS)[number];

/** The statistics GetRequesterWorkerStatistic answers (per MTurkR's catalogue). */
export const WORKER_STATISTICS = [
  "NumberAssignmentsApproved",
  "NumberAssignmentsRejected",
  "PercentAssignmentsApproved",
  "PercentAssignmentsRejected",
  "NumberKnownAnswersCorrect",
  "NumberKnownAnswersIncorrect",
  "NumberKnownAnswersEvaluated",
  "PercentKnownAnswersCorrect",
  "NumberPluralityAnswersCorrect",
  "NumberPluralityAnswersIncorrect",
  "NumberPluralityAnswersEvaluated",
  "PercentPluralityAnswersCorrect",
] as const satisfies readonly RequesterStatistic[];

export const TIME_PERIODS = ["OneDay", "SevenDays", "ThirtyDays", "LifeToDate"] as const;
export type TimePeriod = (typeof TIME_PERIODS)[number];

export const MAX_COUNT = 365;

export interface DataPoint {
  /** Start of the day the point is reported for (UTC midnight). */
  dateMs: number;
  value: number;
  /** LongValue or DoubleValue. */
  type: "Long" | "Double";
}

const DAY_MS = 24 * 3600 * 1000;

const SNAPSHOT = new Set<RequesterStatistic>([
  "NumberHITsAssignable",
  "NumberHITsReviewable",
  "NumberAssignmentsAvailable",
  "NumberAssignmentsPending",
  "EstimatedFeeLiability",
  "EstimatedRewardLiability",
  "EstimatedTotalLiability",
]);

const DOUBLE = new Set<RequesterStatistic>([
  "TotalRewardPayout",
  "TotalRewardFeePayout",
  "TotalFeePayout",
  "TotalRewardAndFeePayout",
  "TotalBonusPayout",
  "TotalBonusFeePayout",
  "EstimatedFeeLiability",
  "EstimatedRewardLiability",
  "EstimatedTotalLiability",
  "AverageRewardAmount",
  "PercentAssignmentsApproved",
  "PercentAssignmentsRejected",
  "PercentKnownAnswersCorrect",
  "PercentPluralityAnswersCorrect",
]);

const invalid = (name: string, value: string, why: string) =>
  new DomainError("ParameterValidationError", "AWS.MechanicalTurk.InvalidParameterValue", `The value "${value}" is not valid for the parameter ${name}. ${why}`);

export interface StatisticQuery {
  statistic: RequesterStatistic;
  period: TimePeriod;
  count?: number;
}

export function requesterStatistic(ctx: RequesterCtx, query: StatisticQuery): DataPoint[] {
  return compute(ctx, query, undefined);
}

export function requesterWorkerStatistic(ctx: RequesterCtx, workerId: string, query: StatisticQuery): DataPoint[] {
  if (!(WORKER_STATISTICS as readonly string[]).includes(query.statistic)) {
    throw invalid("Statistic", query.statistic, `Worker statistics are ${WORKER_STATISTICS.join(", ")}.`);
  }
  if (!ctx.store.getWorker(workerId)) throw invalid("WorkerId", workerId, "There is no such worker.");
  return compute(ctx, query, workerId);
}

interface Window {
  dateMs: number;
  from: number;
  to: number;
}

function compute(ctx: RequesterCtx, query: StatisticQuery, workerId: string | undefined): DataPoint[] {
  const { statistic, period } = query;
  const count = query.count ?? 1;
  if (count < 1 || count > MAX_COUNT) {
    throw new DomainError("ParameterValidationError", "AWS.ParameterOutOfRange", `The value ${count} is invalid for Count. Valid values range from 1 to ${MAX_COUNT}.`);
  }
  if (count > 1 && period !== "OneDay") throw invalid("Count", String(count), "Count can only be used with the TimePeriod OneDay.");
  if (statistic === "NumberHITsAssignable" && period !== "LifeToDate") {
    throw invalid("TimePeriod", period, "NumberHITsAssignable is only available for the TimePeriod LifeToDate.");
  }
  const facts = new Facts(ctx, workerId);
  const today = Math.floor(ctx.now / DAY_MS) * DAY_MS;
  const windows: Window[] = [];
  if (SNAPSHOT.has(statistic)) windows.push({ dateMs: today, from: -Infinity, to: Infinity });
  else if (period === "OneDay") {
    for (let k = count - 1; k >= 0; k--) windows.push({ dateMs: today - k * DAY_MS, from: today - k * DAY_MS, to: today - (k - 1) * DAY_MS });
  } else if (period === "LifeToDate") windows.push({ dateMs: today, from: -Infinity, to: Infinity });
  else windows.push({ dateMs: today, from: ctx.now - (period === "SevenDays" ? 7 : 30) * DAY_MS, to: Infinity });
  const type = DOUBLE.has(statistic) ? "Double" : "Long";
  return windows.map((w) => ({ dateMs: w.dateMs, type, value: facts.value(statistic, w) }));
}

// ---- Money, in cents ----

const cents = (amount: string): number => {
  const [whole, fraction = ""] = amount.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0").slice(0, 2));
};

/** Half-up to the cent, at least one cent on anything paid. */
function fee(amountCents: number, percent: number): number {
  if (amountCents <= 0) return 0;
  return Math.max(1, Math.floor((amountCents * percent + 50) / 100));
}

function rewardFeePercent(hit: HitView): number {
  const masters = hit.type.qualificationRequirements.some((r) => r.QualificationTypeId === SYSTEM_QUALIFICATIONS.Masters);
  return (hit.maxAssignments >= 10 ? 40 : 20) + (masters ? 5 : 0);
}

const BONUS_FEE_PERCENT = 20;

// ---- The facts statistics are computed from ----

const inWindow = (ms: number | undefined, w: Window): boolean => ms !== undefined && ms >= w.from && ms < w.to;

class Facts {
  private readonly hits: HitView[];
  private readonly hitsById: Map<string, HitView>;
  private readonly assignments: Assignment[];
  private reviews?: Array<{ entry: ReviewEntry; atMs: number | undefined }>;

  constructor(
    private readonly ctx: RequesterCtx,
    private readonly workerId: string | undefined,
  ) {
    const requesterId = ctx.requester.requesterId;
    this.hits = ctx.store.listRequesterHits(requesterId);
    this.hitsById = new Map(this.hits.map((h) => [h.id, h]));
    this.assignments = ctx.store.listRequesterAssignments(requesterId).filter((a) => workerId === undefined || a.workerId === workerId);
  }

  private rewardCents = (a: Assignment): number => cents(this.hitsById.get(a.hitId)!.type.reward);

  private approvedIn(w: Window): Assignment[] {
    return this.assignments.filter((a) => a.status === "Approved" && inWindow(a.approvalMs, w));
  }

  private rejectedIn(w: Window): Assignment[] {
    return this.assignments.filter((a) => a.status === "Rejected" && inWindow(a.rejectionMs, w));
  }

  private bonusesIn(w: Window): number[] {
    const bonuses: number[] = [];
    const requesterId = this.ctx.requester.requesterId;
    let after: number | undefined;
    for (;;) {
      const page = this.ctx.store.listBonuses(requesterId, {}, { after, limit: 500 });
      for (const b of page.items) if (inWindow(b.grantMs, w) && (this.workerId === undefined || b.workerId === this.workerId)) bonuses.push(cents(b.amount));
      if (page.next === undefined) return bonuses;
      after = page.next;
    }
  }

  private rewardPayout(w: Window): { reward: number; fee: number; count: number } {
    let reward = 0;
    let fees = 0;
    const approved = this.approvedIn(w);
    for (const a of approved) {
      const amount = this.rewardCents(a);
      reward += amount;
      fees += fee(amount, rewardFeePercent(this.hitsById.get(a.hitId)!));
    }
    return { reward, fee: fees, count: approved.length };
  }

  private bonusPayout(w: Window): { bonus: number; fee: number } {
    const bonuses = this.bonusesIn(w);
    return { bonus: bonuses.reduce((s, c) => s + c, 0), fee: bonuses.reduce((s, c) => s + fee(c, BONUS_FEE_PERCENT), 0) };
  }

  /** What approving all outstanding work would cost: open slots of live HITs, work in progress, submissions. */
  private liability(): { reward: number; fee: number } {
    let reward = 0;
    let fees = 0;
    for (const hit of this.hits) {
      if (hit.status === "Disposed") continue;
      const slots = (hit.expired ? 0 : availableAssignments(hit)) + hit.pending + hit.submitted;
      const amount = cents(hit.type.reward);
      reward += slots * amount;
      fees += slots * fee(amount, rewardFeePercent(hit));
    }
    return { reward, fee: fees };
  }

  /** Review-policy results about assignments, dated by the assignment's submission. */
  private reviewResults(key: string, w: Window): { correct: number; incorrect: number } {
    if (!this.reviews) {
      this.reviews = [];
      const assignments = new Map(this.assignments.map((a) => [a.id, a]));
      for (const hit of this.hits) {
        let after: number | undefined;
        for (;;) {
          const page = this.ctx.store.listReviewEntries(hit.id, { levels: ["Assignment", "HIT"], kinds: ["result"] }, { after, limit: 500 });
          for (const entry of page.items) {
            if (entry.kind !== "result" || entry.subjectType !== "Assignment") continue;
            const assignment = assignments.get(entry.subjectId);
            if (assignment) this.reviews.push({ entry, atMs: assignment.submitMs });
          }
          if (page.next === undefined) break;
          after = page.next;
        }
      }
    }
    let correct = 0;
    let incorrect = 0;
    for (const { entry, atMs } of this.reviews) {
      if (entry.kind !== "result" || entry.key !== key || !inWindow(atMs, w)) continue;
      if (entry.value === "1" || entry.value.toLowerCase() === "true") correct++;
      else incorrect++;
    }
    return { correct, incorrect };
  }

  value(statistic: RequesterStatistic, w: Window): number {
    const dollars = (c: number) => c / 100;
    const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part * 10000) / whole) / 100);
    switch (statistic) {
      case "NumberHITsAssignable":
        return this.hits.filter((h) => h.status === "Assignable").length;
      case "NumberHITsReviewable":
        return this.hits.filter((h) => h.status === "Reviewable").length;
      case "NumberHITsCreated":
        return this.hits.filter((h) => inWindow(h.createdMs, w)).length;
      case "NumberHITsCompleted":
        // A HIT is completed when its last assignment is approved or rejected.
        return this.hits.filter((h) => {
          if (h.completed < h.maxAssignments) return false;
          const done = this.assignments.filter((a) => a.hitId === h.id).map((a) => a.approvalMs ?? a.rejectionMs ?? -Infinity);
          return done.length > 0 && inWindow(Math.max(...done), w);
        }).length;
      case "TotalRewardPayout":
        return dollars(this.rewardPayout(w).reward);
      case "TotalRewardFeePayout":
        return dollars(this.rewardPayout(w).fee);
      case "TotalBonusPayout":
        return dollars(this.bonusPayout(w).bonus);
      case "TotalBonusFeePayout":
        return dollars(this.bonusPayout(w).fee);
      case "TotalFeePayout":
        return dollars(this.rewardPayout(w).fee + this.bonusPayout(w).fee);
      case "TotalRewardAndFeePayout": {
        const r = this.rewardPayout(w);
        const b = this.bonusPayout(w);
        return dollars(r.reward + r.fee + b.bonus + b.fee);
      }
      case "EstimatedRewardLiability":
        return dollars(this.liability().reward);
      case "EstimatedFeeLiability":
        return dollars(this.liability().fee);
      case "EstimatedTotalLiability": {
        const l = this.liability();
        return dollars(l.reward + l.fee);
      }
      case "NumberAssignmentsAvailable":
        return this.hits.filter((h) => h.status !== "Disposed" && !h.expired).reduce((s, h) => s + availableAssignments(h), 0);
      case "NumberAssignmentsAccepted":
        return this.assignments.filter((a) => inWindow(a.acceptMs, w)).length;
      case "NumberAssignmentsPending":
        // Submitted and waiting for the requester's review.
        return this.assignments.filter((a) => a.status === "Submitted").length;
      case "NumberAssignmentsApproved":
        return this.approvedIn(w).length;
      case "NumberAssignmentsRejected":
        return this.rejectedIn(w).length;
      case "NumberAssignmentsReturned":
        return this.assignments.filter((a) => a.status === "Returned" && inWindow(a.endedMs, w)).length;
      case "NumberAssignmentsAbandoned":
        return this.assignments.filter((a) => a.status === "Abandoned" && inWindow(a.endedMs, w)).length;
      case "AverageRewardAmount": {
        const { reward, count } = this.rewardPayout(w);
        return count === 0 ? 0 : Math.round(reward / count) / 100;
      }
      case "PercentAssignmentsApproved":
      case "PercentAssignmentsRejected": {
        const approved = this.approvedIn(w).length;
        const rejected = this.rejectedIn(w).length;
        return percent(statistic === "PercentAssignmentsApproved" ? approved : rejected, approved + rejected);
      }
      case "NumberKnownAnswersCorrect":
        return this.reviewResults("KnownAnswerCorrect", w).correct;
      case "NumberKnownAnswersIncorrect":
        return this.reviewResults("KnownAnswerCorrect", w).incorrect;
      case "NumberKnownAnswersEvaluated": {
        const r = this.reviewResults("KnownAnswerCorrect", w);
        return r.correct + r.incorrect;
      }
      case "PercentKnownAnswersCorrect": {
        const r = this.reviewResults("KnownAnswerCorrect", w);
        return percent(r.correct, r.correct + r.incorrect);
      }
      case "NumberPluralityAnswersCorrect":
        return this.reviewResults("AgreedWithPlurality", w).correct;
      case "NumberPluralityAnswersIncorrect":
        return this.reviewResults("AgreedWithPlurality", w).incorrect;
      case "NumberPluralityAnswersEvaluated": {
        const r = this.reviewResults("AgreedWithPlurality", w);
        return r.correct + r.incorrect;
      }
      case "PercentPluralityAnswersCorrect": {
        const r = this.reviewResults("AgreedWithPlurality", w);
        return percent(r.correct, r.correct + r.incorrect);
      }
    }
  }
}
