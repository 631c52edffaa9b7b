// What the worker site shows a worker: the HIT groups they may discover, a HIT to preview, their own
// assignments, and their dashboard. Reads only; eligibility is judged by hitEligibility (eligibility.ts), the
// same rule acceptHit enforces.
import type { Ctx } from "../context";
import {
  describeRequirement, guardedActions, systemQualificationValue, SYSTEM_QUALIFICATION_NAMES, type Eligibility, type WorkerAttributes,
} from "../eligibility";
import { availableAssignments } from "../hit-state";
import type {
  Assignment, AssignmentStatus, Bonus, HitView, OutboxMessage, QualificationRequest, QualificationRequirement, QualificationType, Worker,
} from "../records";
import { SYSTEM_QUALIFICATIONS, isSystemQualification } from "../system-qualifications";
import { hitEligibility } from "./qualifications";
import { getWorker, WorkerActionError } from "./workers";

/** The value a preview frame gets as assignmentId (MODERN-API.md §5.3). */
export const ASSIGNMENT_ID_NOT_AVAILABLE = "ASSIGNMENT_ID_NOT_AVAILABLE";

// ---- Money: rewards are normalised decimal strings ("0.25"); sums are done in cents ----

export const cents = (amount: string): number => {
  const [whole, fraction = ""] = amount.split(".");
  return Number(whole) * 100 + Number((fraction + "00").slice(0, 2));
};
export const dollars = (c: number): string => `$${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;

// ---- Requirements as a worker reads them ----

export interface RequirementView {
  /** "Locale = US", "NumberHITsApproved ≥ 5". */
  text: string;
  guards: "Accept" | "PreviewAndAccept" | "DiscoverPreviewAndAccept";
}

function typeName(ctx: Ctx, typeId: string): string {
  return SYSTEM_QUALIFICATION_NAMES.get(typeId) ?? ctx.store.getQualificationType(typeId)?.name ?? typeId;
}

export function describeRequirements(ctx: Ctx, requirements: readonly QualificationRequirement[]): RequirementView[] {
  return requirements.map((r) => ({ text: describeRequirement(r, typeName(ctx, r.QualificationTypeId)), guards: guardedActions(r) }));
}

/**
 * A visitor who has not signed in has no qualifications: requirements guarding discovery hide the HIT from
 * them, requirements guarding preview stop the preview, and nobody anonymous can accept.
 */
function anonymousEligibility(ctx: Ctx, hit: HitView): Eligibility {
  const failed = hit.type.qualificationRequirements.map((requirement) => ({
    requirement,
    guards: guardedActions(requirement),
    reason: describeRequirement(requirement, typeName(ctx, requirement.QualificationTypeId)),
    actual: "not signed in",
  }));
  const guarded = new Set(failed.map((f) => f.guards));
  return {
    discover: !guarded.has("DiscoverPreviewAndAccept"),
    preview: !guarded.has("DiscoverPreviewAndAccept") && !guarded.has("PreviewAndAccept"),
    accept: false,
    failed,
  };
}

/** How the worker (or an anonymous visitor: undefined) stands with the HIT. */
export function workerEligibility(ctx: Ctx, worker: Worker | undefined, hit: HitView): Eligibility {
  return worker ? hitEligibility(ctx, worker, hit) : anonymousEligibility(ctx, hit);
}

// ---- HIT groups ----

export type HitGroupSort = "reward" | "created" | "available" | "title";

export interface HitGroupQuery {
  /** Words that must each occur (case-insensitively) in the title, description or keywords. */
  search?: string;
  sort?: HitGroupSort;
  descending?: boolean;
}

export interface HitGroupView {
  groupId: string;
  hitTypeId: string;
  requesterId: string;
  title: string;
  description: string;
  keywords?: string;
  reward: string;
  assignmentDurationS: number;
  /** The newest HIT's creation time. */
  createdMs: number;
  /** The latest expiration of the group's available HITs. */
  expirationMs: number;
  /** HITs of the group this worker could take (Assignable, not already accepted or submitted by them). */
  hitsAvailable: number;
  /** Assignments left on those HITs. */
  assignmentsAvailable: number;
  requirements: RequirementView[];
  eligibility: Eligibility;
}

/**
 * The HIT groups on offer: Assignable HITs grouped by HITGroupId, without the HITs the worker already has
 * (accepted or submitted), and without groups whose requirements hide them from this worker
 * (ActionsGuarded DiscoverPreviewAndAccept).
 */
export function listHitGroups(ctx: Ctx, workerId: string | undefined, query: HitGroupQuery = {}): HitGroupView[] {
  const worker = workerId === undefined ? undefined : getWorker(ctx, workerId);
  const terms = (query.search ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<string, { hits: HitView[] }>();
  for (const hit of ctx.store.listAssignableHits()) {
    const t = hit.type;
    const text = `${t.title} ${t.description} ${t.keywords ?? ""}`.toLowerCase();
    if (!terms.every((term) => text.includes(term))) continue;
    if (worker && ctx.store.findLiveAssignment(hit.id, worker.id)) continue;
    const group = groups.get(t.groupId) ?? groups.set(t.groupId, { hits: [] }).get(t.groupId)!;
    group.hits.push(hit);
  }
  const views: HitGroupView[] = [];
  for (const [groupId, { hits }] of groups) {
    const first = hits[0];
    const eligibility = workerEligibility(ctx, worker, first);
    if (!eligibility.discover) continue;
    views.push({
      groupId,
      hitTypeId: first.type.id,
      requesterId: first.requesterId,
      title: first.type.title,
      description: first.type.description,
      keywords: first.type.keywords,
      reward: first.type.reward,
      assignmentDurationS: first.type.assignmentDurationS,
      createdMs: Math.max(...hits.map((h) => h.createdMs)),
      expirationMs: Math.max(...hits.map((h) => h.expirationMs)),
      hitsAvailable: hits.length,
      assignmentsAvailable: hits.reduce((sum, h) => sum + availableAssignments(h), 0),
      requirements: describeRequirements(ctx, first.type.qualificationRequirements),
      eligibility,
    });
  }
  const sort = query.sort ?? "created";
  const key = (g: HitGroupView): number | string =>
    sort === "reward" ? cents(g.reward) : sort === "available" ? g.hitsAvailable : sort === "title" ? g.title.toLowerCase() : g.createdMs;
  const descending = query.descending ?? sort !== "title";
  views.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const order = x < y ? -1 : x > y ? 1 : a.createdMs - b.createdMs || a.groupId.localeCompare(b.groupId);
    return descending ? -order : order;
  });
  return views;
}

// ---- Previewing a HIT ----

export interface HitPreview {
  hit: HitView;
  requirements: RequirementView[];
  eligibility: Eligibility;
  /** The worker's own assignment on the HIT that is still in progress, if any. */
  inProgress?: Assignment;
}

const hidden = (id: string) => new WorkerActionError("HITNotFound", `There is no HIT ${id} available to you: it does not exist, has expired or has been taken.`);

/**
 * The HIT to preview: a given HIT, or the first HIT of a group the worker can still take. A HIT hidden from the
 * worker answers like a missing one; one whose preview is guarded is refused with the requirements not met.
 */
export function previewHit(ctx: Ctx, workerId: string | undefined, target: { hitId: string } | { groupId: string }): HitPreview {
  const worker = workerId === undefined ? undefined : getWorker(ctx, workerId);
  let hit: HitView | undefined;
  if ("hitId" in target) {
    hit = ctx.store.getHit(target.hitId);
    if (!hit || hit.status === "Disposed") throw hidden(target.hitId);
  } else {
    const candidates = ctx.store.listAssignableHits().filter((h) => h.type.groupId === target.groupId);
    if (candidates.length === 0) {
      throw new WorkerActionError("HITNotFound", `There are no HITs available in the group ${target.groupId}: it does not exist, or its HITs have expired or been taken.`);
    }
    hit = candidates.find((h) => !worker || !ctx.store.findLiveAssignment(h.id, worker.id));
    if (!hit) throw new WorkerActionError("NoMoreHITs", `You have already accepted or submitted every available HIT of the group ${target.groupId}.`);
  }
  const eligibility = workerEligibility(ctx, worker, hit);
  if (!eligibility.discover) throw hidden("hitId" in target ? target.hitId : target.groupId);
  if (!eligibility.preview) {
    const reasons = eligibility.failed.filter((f) => f.guards !== "Accept").map((f) => `${f.reason} (you have: ${f.actual})`);
    throw new WorkerActionError(
      "PreviewNotAllowed",
      `${worker ? "You do not meet" : "Sign in: visitors do not meet"} the qualification requirements to preview this HIT: ${reasons.join("; ")}.`,
    );
  }
  const live = worker ? ctx.store.findLiveAssignment(hit.id, worker.id) : undefined;
  return {
    hit,
    requirements: describeRequirements(ctx, hit.type.qualificationRequirements),
    eligibility,
    inProgress: live?.status === "Accepted" ? live : undefined,
  };
}

// ---- A worker's own assignment ----

/** Another worker's assignment answers exactly like a missing one. */
export function workerAssignment(ctx: Ctx, workerId: string, assignmentId: string): { assignment: Assignment; hit: HitView } {
  const assignment = ctx.store.getAssignment(assignmentId);
  if (!assignment || assignment.workerId !== workerId) {
    throw new WorkerActionError("AssignmentNotFound", `Assignment ${assignmentId} does not exist or is not one of your assignments.`);
  }
  return { assignment, hit: ctx.store.getHit(assignment.hitId)! };
}

/** Milliseconds left before the assignment is abandoned, on the emulator clock (0 once it is no longer in progress). */
export function timeLeftMs(ctx: Ctx, assignment: Assignment): number {
  return assignment.status === "Accepted" ? Math.max(0, assignment.deadlineMs - ctx.now) : 0;
}

// ---- The dashboard ----

export interface DashboardAssignment {
  assignment: Assignment;
  hitId: string;
  groupId: string;
  title: string;
  reward: string;
  requesterId: string;
}

export interface DashboardQualification {
  typeId: string;
  name: string;
  /** "1", "85", "US-CA", or "" for a qualification without a value. */
  value: string;
  status: "Granted" | "Revoked";
  grantMs?: number;
  system: boolean;
}

export interface WorkerDashboard {
  worker: Worker;
  assignments: DashboardAssignment[];
  counts: Record<AssignmentStatus, number>;
  earnings: { approved: string; pending: string; bonuses: string; total: string };
  bonuses: Array<Bonus & { title?: string }>;
  qualifications: DashboardQualification[];
  requests: Array<QualificationRequest & { typeName: string }>;
  messages: OutboxMessage[];
}

export function workerDashboard(ctx: Ctx, workerId: string): WorkerDashboard {
  const worker = getWorker(ctx, workerId);
  const counts: Record<AssignmentStatus, number> = { Accepted: 0, Submitted: 0, Approved: 0, Rejected: 0, Returned: 0, Abandoned: 0 };
  let approved = 0;
  let pending = 0;
  const assignments = ctx.store
    .listWorkerAssignments(worker.id)
    .reverse()
    .map((assignment): DashboardAssignment => {
      const hit = ctx.store.getHit(assignment.hitId)!;
      counts[assignment.status] += 1;
      if (assignment.status === "Approved") approved += cents(hit.type.reward);
      if (assignment.status === "Submitted") pending += cents(hit.type.reward);
      return { assignment, hitId: hit.id, groupId: hit.type.groupId, title: hit.type.title, reward: hit.type.reward, requesterId: hit.requesterId };
    });
  const bonuses = ctx.store.listWorkerBonuses(worker.id).map((b) => ({ ...b, title: ctx.store.getHit(b.hitId)?.type.title }));
  const bonusCents = bonuses.reduce((sum, b) => sum + cents(b.amount), 0);
  return {
    worker,
    assignments,
    counts,
    earnings: { approved: dollars(approved), pending: dollars(pending), bonuses: dollars(bonusCents), total: dollars(approved + bonusCents) },
    bonuses,
    qualifications: [...systemQualifications(ctx, worker), ...customQualifications(ctx, worker)],
    requests: ctx.store.listQualificationRequestsOfWorker(worker.id).map((r) => ({ ...r, typeName: typeName(ctx, r.qualificationTypeId) })),
    messages: ctx.store.listOutboxMessages({ workerId: worker.id }).reverse(),
  };
}

function systemQualifications(ctx: Ctx, worker: Worker): DashboardQualification[] {
  const history = ctx.store.workerHistory(worker.id);
  return Object.values(SYSTEM_QUALIFICATIONS).flatMap((typeId) => {
    const value = systemQualificationValue(typeId, worker.attributes as WorkerAttributes, history);
    if (!value) return [];
    const shown = value.localeValue
      ? [value.localeValue.Country, value.localeValue.Subdivision].filter(Boolean).join("-")
      : String(value.integerValue ?? "");
    return [{ typeId, name: SYSTEM_QUALIFICATION_NAMES.get(typeId) ?? typeId, value: shown, status: "Granted" as const, system: true }];
  });
}

function customQualifications(ctx: Ctx, worker: Worker): DashboardQualification[] {
  return ctx.store.listQualificationsOfWorker(worker.id).map((q) => ({
    typeId: q.qualificationTypeId,
    name: typeName(ctx, q.qualificationTypeId),
    value: q.integerValue === undefined ? "" : String(q.integerValue),
    status: q.status,
    grantMs: q.grantMs,
    system: false,
  }));
}

// ---- Qualification types a worker can request ----

export interface RequestableType {
  type: QualificationType;
  /** What the worker holds of it, if anything. */
  held?: DashboardQualification;
  latest?: QualificationRequest;
  /** Whether a request may be made now; otherwise `why` says why not. */
  canRequest: boolean;
  why?: string;
}

/** Active custom types of every requester, with where the worker stands on each. */
export function listRequestableTypes(ctx: Ctx, workerId: string | undefined, search?: string): RequestableType[] {
  const worker = workerId === undefined ? undefined : getWorker(ctx, workerId);
  const terms = (search ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const types: QualificationType[] = [];
  let after: number | undefined;
  do {
    const page = ctx.store.listQualificationTypes({ callerId: "", ownedOnly: false, terms }, { after, limit: 100 });
    types.push(...page.items);
    after = page.next;
  } while (after !== undefined);
  return types.map((type) => requestable(ctx, worker, type));
}

/** One requestable type for the worker; system types and deleted or inactive types answer like missing ones. */
export function requestableType(ctx: Ctx, workerId: string | undefined, typeId: string): RequestableType {
  const worker = workerId === undefined ? undefined : getWorker(ctx, workerId);
  const type = isSystemQualification(typeId) ? undefined : ctx.store.getQualificationType(typeId);
  if (!type || type.deletedMs !== undefined || type.status !== "Active") {
    throw new WorkerActionError("QualificationTypeNotFound", `There is no requestable Qualification type ${typeId}.`);
  }
  return requestable(ctx, worker, type);
}

function requestable(ctx: Ctx, worker: Worker | undefined, type: QualificationType): RequestableType {
  if (!worker) return { type, canRequest: false, why: "Sign in to request this Qualification." };
  const held = customQualifications(ctx, worker).find((q) => q.typeId === type.id);
  const latest = ctx.store.latestQualificationRequest(type.id, worker.id);
  let why: string | undefined;
  if (latest?.status === "Pending") why = "Your request is waiting for the requester's review.";
  else if (latest && type.retryDelayS === undefined) why = "You have already requested this Qualification, and it cannot be requested again.";
  else if (latest && ctx.now < latest.submitMs + type.retryDelayS! * 1000) {
    why = `You may request it again after ${new Date(latest.submitMs + type.retryDelayS! * 1000).toISOString()}.`;
  }
  return { type, held, latest, canRequest: why === undefined, why };
}
