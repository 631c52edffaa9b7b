// Running the review policies on the emulator's events: ScoreMyKnownAnswers when an assignment is submitted,
// SimplePlurality when its HIT becomes Reviewable (MODERN-API.md §7). Their actions go through the requester's
// own commands (approve, reject, add assignments, extend the expiration) as the HIT's requester, at the time of
// the event; each result and action is recorded for ListReviewPolicyResultsForHIT. A refused action (e.g. the
// assignment was already rejected) is recorded as Failed with the command's TurkErrorCode.
import { approveAssignment, rejectAssignment } from "../commands/assignments";
import { addAssignments, updateExpiration } from "../commands/hits";
import type { Ctx, RequesterCtx } from "../context";
import { DomainError } from "../errors";
import { newEntityId } from "../ids";
import { storedAnswers } from "../questions/answers";
import type { Account, Assignment, HitView, ReviewActionStatus, ReviewLevel } from "../records";
import { readKnownAnswers, readPlurality, type Extension, type KnownAnswersConfig } from "./parameters";
import { plurality, scoreKnownAnswers } from "./scoring";

const INVALID_STATE = "AWS.MechanicalTurk.InvalidAssignmentState";
/** Enough for every assignment of a HIT: review works on whole HITs. */
const ALL = { limit: 1_000_000 };

/** Records the results and actions of one run of a policy. */
class Review {
  readonly actionId = newEntityId();

  constructor(
    private readonly ctx: RequesterCtx,
    readonly hit: HitView,
    readonly level: ReviewLevel,
  ) {}

  result(subjectId: string, subjectType: "Assignment" | "HIT", key: string, value: string | number, questionId?: string): void {
    this.ctx.store.insertReviewEntry({
      kind: "result",
      hitId: this.hit.id,
      level: this.level,
      actionId: this.actionId,
      subjectId,
      subjectType,
      questionId,
      key,
      value: String(value),
    });
  }

  action(actionName: string, targetId: string, targetType: "Assignment" | "HIT", status: ReviewActionStatus, result: string, errorCode?: string, actionId = newEntityId()): void {
    this.ctx.store.insertReviewEntry({
      kind: "action",
      hitId: this.hit.id,
      level: this.level,
      actionId,
      actionName,
      targetId,
      targetType,
      status,
      completeMs: this.ctx.now,
      result,
      errorCode,
    });
  }

  /** Runs a command; a DomainError becomes a Failed action. */
  attempt(actionName: string, targetId: string, targetType: "Assignment" | "HIT", success: string, command: () => void): boolean {
    try {
      command();
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const result = err.turkErrorCode === INVALID_STATE ? `${targetType} was in an invalid state for this operation.` : err.message;
      this.action(actionName, targetId, targetType, "Failed", result, err.turkErrorCode ?? err.kind);
      return false;
    }
    this.action(actionName, targetId, targetType, "Succeeded", success);
    return true;
  }

  approve(assignmentId: string, reason: string | undefined): void {
    if (this.ctx.store.getAssignment(assignmentId)!.status === "Approved") return this.action("approve", assignmentId, "Assignment", "Succeeded", "Already approved");
    this.attempt("approve", assignmentId, "Assignment", "Approved", () => approveAssignment(this.ctx, assignmentId, reason, false));
  }

  reject(assignmentId: string, reason: string | undefined): void {
    if (this.ctx.store.getAssignment(assignmentId)!.status === "Rejected") return this.action("reject", assignmentId, "Assignment", "Succeeded", "Already rejected");
    // Without a RejectReason the assignment gets no RequesterFeedback (rejectAssignment tolerates undefined).
    this.attempt("reject", assignmentId, "Assignment", "Rejected", () => rejectAssignment(this.ctx, assignmentId, reason as string));
  }

  /**
   * Adds one assignment while the HIT has fewer than ExtendMaximumAssignments, and keeps it available for at
   * least ExtendMinimumTimeInSeconds. A HIT with fewer than 10 assignments is never taken to 10 (the command
   * refuses, and the action fails).
   */
  extend(extension: Extension): boolean {
    const hit = this.ctx.store.getHit(this.hit.id)!;
    if (hit.maxAssignments >= extension.maxAssignments) return false;
    const added = this.attempt("extend", hit.id, "HIT", "Extended by one assignment", () => {
      addAssignments(this.ctx, hit.id, 1);
      const until = this.ctx.now + extension.minTimeS * 1000;
      // The expiration moves only forward, by at least the service's minimum increment of 60 s.
      if (extension.minTimeS > 0 && until - hit.expirationMs >= 60_000) updateExpiration(this.ctx, hit.id, until);
    });
    return added;
  }
}

/** The requester of the HIT, acting at `at`. */
function asRequesterOf(ctx: Ctx, hit: HitView, at: number): RequesterCtx {
  const requester: Account = ctx.store.getAccount(hit.requesterId) ?? { requesterId: hit.requesterId, accessKeyId: "", awsAccountId: "", createdMs: 0 };
  return { store: ctx.store, now: at, requester };
}


/**
 * After a submission: the HIT's assignment policy reviews the assignment; then, if the submission made the HIT
 * Reviewable and it still is (an extension may have reopened it), the HIT policy reviews the HIT.
 */
export function onAssignmentSubmitted(ctx: Ctx, assignmentId: string, hitBecameReviewable: boolean): void {
  const assignment = ctx.store.getAssignment(assignmentId)!;
  const hit = ctx.store.getHit(assignment.hitId)!;
  if (hit.assignmentReviewPolicy) reviewAssignment(asRequesterOf(ctx, hit, ctx.now), hit, assignment, readKnownAnswers(hit.assignmentReviewPolicy));
  if (hitBecameReviewable && ctx.store.getHit(hit.id)!.status === "Reviewable") reviewHit(ctx, hit.id, ctx.now);
}

function reviewAssignment(ctx: RequesterCtx, hit: HitView, assignment: Assignment, config: KnownAnswersConfig): void {
  const review = new Review(ctx, hit, "Assignment");
  const { questions, score } = scoreKnownAnswers(config, storedAnswers(assignment.answer));
  for (const q of questions) review.result(assignment.id, "Assignment", "KnownAnswerCorrect", q.correct ? 1 : 0, q.questionId);
  review.result(assignment.id, "Assignment", "KnownAnswerScore", score);
  const correct = questions.filter((q) => q.correct).length;
  const known = questions.length === 1 ? "one known answer" : `${questions.length} known answers`;
  review.action("review", assignment.id, "Assignment", "Succeeded", `Reviewed ${known}; ${correct}/${questions.length} correct`, undefined, review.actionId);
  if (config.approveAtLeast !== undefined && score >= config.approveAtLeast) review.approve(assignment.id, config.approveReason);
  else if (config.rejectBelow !== undefined && score < config.rejectBelow) review.reject(assignment.id, config.rejectReason);
  if (config.extend && score < config.extend.below) review.extend(config.extend);
}

/**
 * SimplePlurality over the HIT's submitted, approved and rejected assignments (rejected ones disregarded when the
 * policy says so, and those whose known-answer score is too low, scored with the HIT's assignment policy).
 * When the HIT agreement is too low the HIT is extended and approvals wait for the next review; otherwise
 * workers are approved or rejected on their agreement scores, each assignment once.
 */
export function reviewHit(ctx: Ctx, hitId: string, at: number): void {
  const hit = ctx.store.getHit(hitId)!;
  if (!hit.hitReviewPolicy) return;
  const config = readPlurality(hit.hitReviewPolicy);
  const requesterCtx = asRequesterOf(ctx, hit, at);
  const knownAnswers = hit.assignmentReviewPolicy ? readKnownAnswers(hit.assignmentReviewPolicy) : undefined;
  const considered = ctx.store
    .listAssignments(hit.id, ["Submitted", "Approved", "Rejected"], ALL)
    .items.filter((a) => !(config.disregardRejected && a.status === "Rejected"))
    .map((a) => ({ assignmentId: a.id, answers: storedAnswers(a.answer) }))
    .filter(
      (a) =>
        config.disregardKnownAnswerScoreBelow === undefined ||
        !knownAnswers ||
        scoreKnownAnswers(knownAnswers, a.answers).score >= config.disregardKnownAnswerScoreBelow,
    );
  const outcome = plurality(config, considered);
  const review = new Review(requesterCtx, hit, "HIT");
  for (const q of outcome.questions) {
    if (q.pluralityAnswer !== undefined) review.result(hit.id, "HIT", "PluralityAnswer", q.pluralityAnswer, q.questionId);
    if (q.level !== undefined) review.result(hit.id, "HIT", "PluralityLevel", q.level, q.questionId);
  }
  review.result(hit.id, "HIT", "HITAgreementScore", outcome.hitScore);
  for (const worker of outcome.workers) {
    for (const a of worker.agreements) review.result(worker.assignmentId, "Assignment", "AgreedWithPlurality", a.agreed ? 1 : 0, a.questionId);
    if (worker.score !== undefined) review.result(worker.assignmentId, "Assignment", "WorkerAgreementScore", worker.score);
  }
  const agreed = outcome.questions.filter((q) => q.agreed).length;
  const summary = `Reviewed ${considered.length} assignment${considered.length === 1 ? "" : "s"}; ${agreed}/${outcome.questions.length} questions agreed`;
  review.action("review", hit.id, "HIT", "Succeeded", summary, undefined, review.actionId);
  if (config.extend && outcome.hitScore < config.extend.below && review.extend(config.extend)) return;
  const decided = decidedAssignments(ctx, hit.id);
  for (const worker of outcome.workers) {
    if (worker.score === undefined || decided.has(worker.assignmentId)) continue;
    if (config.approveAtLeast !== undefined && worker.score >= config.approveAtLeast) review.approve(worker.assignmentId, config.approveReason);
    else if (config.rejectBelow !== undefined && worker.score < config.rejectBelow) review.reject(worker.assignmentId, config.rejectReason);
  }
}

/** Assignments an earlier run of the HIT policy already approved or rejected (or tried to). */
function decidedAssignments(ctx: Ctx, hitId: string): Set<string> {
  const entries = ctx.store.listReviewEntries(hitId, { levels: ["HIT"], kinds: ["action"] }, ALL).items;
  return new Set(entries.flatMap((e) => (e.kind === "action" && (e.actionName === "approve" || e.actionName === "reject") ? [e.targetId] : [])));
}
