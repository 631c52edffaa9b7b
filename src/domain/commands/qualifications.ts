// Qualification types and the qualifications workers hold (MODERN-API.md §2.3, §2.8, §2.11, §2.13, §2.18, §2.19,
// §2.23, §2.25, §2.29, §2.39, §4). Types are public: any requester may read them, list other requesters' active
// ones and require them in HITs; only the owner may change them or grant, revoke and read scores.
import type { Ctx, RequesterCtx } from "../context";
import { eligibility, systemQualificationValue, SYSTEM_QUALIFICATION_NAMES, type Eligibility, type QualificationValue, type WorkerAttributes } from "../eligibility";
import { DomainError, errors } from "../errors";
import { newEntityId } from "../ids";
import { checkAnswerKeyAgainstTest, parseAnswerKey, parseQuestionFormTest } from "../questions/question";
import type { HitView, Page, QualificationStatus, QualificationType, QualificationTypeStatus, Worker, WorkerQualification } from "../records";
import type { PageRequest } from "../store";
import { SYSTEM_QUALIFICATIONS, isSystemQualification } from "../system-qualifications";
import { sendMessage } from "./notify";

const MAX_DESCRIPTION = 2000;
const MAX_KEYWORDS = 1000;
const MAX_SECONDS = 31_536_000;
/** Qualifications granted without a value (AssociateQualificationWithWorker, AcceptQualificationRequest) get 1. */
export const DEFAULT_QUALIFICATION_VALUE = 1;

// ---- System types ----

/** MTurk's launch day: the creation time the system types report. */
const SYSTEM_CREATED_MS = Date.UTC(2005, 10, 2);

const SYSTEM_DESCRIPTIONS: Record<keyof typeof SYSTEM_QUALIFICATIONS, [name: string, description: string]> = {
  Masters: ["Masters", "Workers who have demonstrated a high degree of success in performing a wide range of HITs across a large number of Requesters."],
  NumberHITsApproved: ["Worker_NumberHITsApproved", "The number of the Worker's submitted assignments that have been approved."],
  Locale: ["Worker_Locale", "The location of the Worker, as given in the Worker's mailing address: a country and optionally a subdivision."],
  Adult: ["Worker_Adult", "The Worker has agreed to work on HITs that may contain potentially explicit or offensive content (1)."],
  PercentAssignmentsApproved: [
    "Worker_PercentAssignmentsApproved",
    "The percentage of the Worker's reviewed assignments that were approved; 100 until the Worker has submitted 100 assignments.",
  ],
  PercentAssignmentsSubmitted: ["Worker_PercentAssignmentsSubmitted", "The percentage of the Worker's accepted assignments that were submitted."],
  PercentAssignmentsAbandoned: ["Worker_PercentAssignmentsAbandoned", "The percentage of the Worker's accepted assignments that were abandoned."],
  PercentAssignmentsReturned: ["Worker_PercentAssignmentsReturned", "The percentage of the Worker's accepted assignments that were returned."],
  PercentAssignmentsRejected: ["Worker_PercentAssignmentsRejected", "The percentage of the Worker's reviewed assignments that were rejected."],
};

/** The system types, as records owned by no requester. */
export const SYSTEM_TYPES: readonly QualificationType[] = (Object.keys(SYSTEM_QUALIFICATIONS) as Array<keyof typeof SYSTEM_QUALIFICATIONS>).map((key, i) => ({
  id: SYSTEM_QUALIFICATIONS[key],
  seq: i + 1,
  requesterId: "",
  name: SYSTEM_DESCRIPTIONS[key][0],
  description: SYSTEM_DESCRIPTIONS[key][1],
  status: "Active",
  autoGranted: false,
  createdMs: SYSTEM_CREATED_MS,
}));

export const isRequestable = (type: QualificationType): boolean => !isSystemQualification(type.id);

// ---- Looking types up ----

/** A system type or a live custom type, of any requester. */
function readableType(ctx: Ctx, id: string, missing: () => DomainError): QualificationType {
  const system = SYSTEM_TYPES.find((t) => t.id === id);
  if (system) return system;
  const type = ctx.store.getQualificationType(id);
  if (!type || type.deletedMs !== undefined) throw missing();
  return type;
}

/** A live custom type of the caller. A system type or another requester's type is refused, not hidden. */
function ownType(ctx: RequesterCtx, id: string, missing: () => DomainError): QualificationType {
  const type = readableType(ctx, id, missing);
  if (type.requesterId !== ctx.requester.requesterId) throw errors.notQualificationTypeOwner(id);
  return type;
}

const typeMissing = (id: string) => () => errors.qualificationTypeDoesNotExist(id);

/** The caller's own live type, for operations on one type (QualificationTypeDoesNotExist when missing). */
export const ownQualificationType = (ctx: RequesterCtx, id: string): QualificationType => ownType(ctx, id, typeMissing(id));

/** The sandbox knows only its own workers: others are a ParameterValidationError on WorkerId. */
export function knownWorker(ctx: Ctx, workerId: string): Worker {
  const worker = ctx.store.getWorker(workerId);
  if (!worker) throw errors.unknownWorker(workerId);
  return worker;
}

// ---- Qualification types ----

export interface QualificationTypeInput {
  name: string;
  description: string;
  keywords?: string;
  status: QualificationTypeStatus;
  retryDelayS?: number;
  test?: string;
  answerKey?: string;
  testDurationS?: number;
  autoGranted?: boolean;
  autoGrantedValue?: number;
}

export function createQualificationType(ctx: RequesterCtx, input: QualificationTypeInput): QualificationType {
  if (input.name.trim() === "") throw errors.invalidParameter("Name", input.name, "A QualificationType needs a name.");
  checkDescription(input.description);
  if (input.keywords !== undefined && input.keywords.length > MAX_KEYWORDS) {
    throw errors.invalidParameter("Keywords", input.keywords, `It must be at most ${MAX_KEYWORDS} characters long.`);
  }
  checkDelays(input);
  if (input.test === undefined) {
    if (input.testDurationS !== undefined) throw errors.parameter("TestDurationInSeconds can only be given with a Test.");
    if (input.answerKey !== undefined) throw errors.parameter("An AnswerKey can only be given with the Test it grades.");
  } else {
    if (input.testDurationS === undefined) throw errors.parameter("A Test needs TestDurationInSeconds: how long a worker has to complete it.");
    if (input.autoGranted) throw errors.parameter("A QualificationType with a Test cannot be AutoGranted.");
    checkTest(input.test, input.answerKey);
  }
  const requesterId = ctx.requester.requesterId;
  if (ctx.store.findQualificationTypeByName(requesterId, input.name)) throw errors.qualificationTypeAlreadyExists();
  const type: Omit<QualificationType, "seq"> = {
    id: newEntityId(),
    requesterId,
    name: input.name,
    description: input.description,
    keywords: input.keywords,
    status: input.status,
    test: input.test,
    testDurationS: input.testDurationS,
    answerKey: input.answerKey,
    retryDelayS: input.retryDelayS,
    autoGranted: input.autoGranted ?? false,
    autoGrantedValue: input.autoGrantedValue,
    createdMs: ctx.now,
  };
  ctx.store.insertQualificationType(type);
  return ctx.store.getQualificationType(type.id)!;
}

function checkDescription(description: string): void {
  if (description.trim() === "") throw errors.invalidParameter("Description", description, "A QualificationType needs a description.");
  if (description.length > MAX_DESCRIPTION) {
    throw errors.invalidParameter("Description", description, `It must be at most ${MAX_DESCRIPTION} characters long.`);
  }
}

function checkDelays(input: { retryDelayS?: number; testDurationS?: number }): void {
  if (input.retryDelayS !== undefined && (input.retryDelayS < 0 || input.retryDelayS > MAX_SECONDS)) {
    throw errors.outOfRange("RetryDelayInSeconds", input.retryDelayS, 0, MAX_SECONDS);
  }
  if (input.testDurationS !== undefined && (input.testDurationS < 1 || input.testDurationS > MAX_SECONDS)) {
    throw errors.outOfRange("TestDurationInSeconds", input.testDurationS, 1, MAX_SECONDS);
  }
}

/** The Test must be a valid QuestionForm, and an AnswerKey a valid key for it (MODERN-API.md §4.3). */
function checkTest(test: string, answerKey: string | undefined): void {
  const form = parseQuestionFormTest(test);
  if (answerKey !== undefined) checkAnswerKeyAgainstTest(parseAnswerKey(answerKey), form);
}

export const getQualificationType = (ctx: Ctx, id: string): QualificationType => readableType(ctx, id, typeMissing(id));

export interface QualificationTypeUpdate {
  description?: string;
  status?: QualificationTypeStatus;
  test?: string;
  answerKey?: string;
  testDurationS?: number;
  retryDelayS?: number;
  autoGranted?: boolean;
  autoGrantedValue?: number;
}

/**
 * Name and Keywords never change. A Test is replaced whole: Test and TestDurationInSeconds together, with the
 * AnswerKey (omitting it removes the key, so requests then wait for review); a test cannot be removed, and a
 * type with a test cannot be AutoGranted. Retries can be enabled or their delay changed, never disabled.
 */
export function updateQualificationType(ctx: RequesterCtx, id: string, update: QualificationTypeUpdate): QualificationType {
  const type = ownType(ctx, id, typeMissing(id));
  if (update.description !== undefined) checkDescription(update.description);
  checkDelays(update);
  const patch: Partial<QualificationType> = {};
  if (update.test === undefined) {
    if (update.testDurationS !== undefined || update.answerKey !== undefined) {
      throw errors.parameter("To change TestDurationInSeconds or the AnswerKey, give the Test again with them.");
    }
  } else {
    if (update.testDurationS === undefined) throw errors.parameter("A Test needs TestDurationInSeconds: how long a worker has to complete it.");
    checkTest(update.test, update.answerKey);
    Object.assign(patch, { test: update.test, testDurationS: update.testDurationS, answerKey: update.answerKey });
  }
  const autoGranted = update.autoGranted ?? type.autoGranted;
  if (autoGranted && (patch.test ?? type.test) !== undefined) throw errors.parameter("A QualificationType with a Test cannot be AutoGranted.");
  if (update.description !== undefined) patch.description = update.description;
  if (update.status !== undefined) patch.status = update.status;
  if (update.retryDelayS !== undefined) patch.retryDelayS = update.retryDelayS;
  if (update.autoGranted !== undefined) patch.autoGranted = update.autoGranted;
  if (update.autoGrantedValue !== undefined) patch.autoGrantedValue = update.autoGrantedValue;
  ctx.store.updateQualificationType(type.id, patch);
  return ctx.store.getQualificationType(type.id)!;
}

/**
 * The type disappears at once (its name is free again); pending requests are rejected. Qualifications already
 * granted stay, so HITs that require the type keep working; new HITs and HIT types can no longer require it.
 */
export function deleteQualificationType(ctx: RequesterCtx, id: string): void {
  const type = ownType(ctx, id, typeMissing(id));
  ctx.store.updateQualificationType(type.id, { deletedMs: ctx.now });
  let pending;
  while ((pending = ctx.store.listPendingQualificationRequests(type.requesterId, type.id, { limit: 100 }).items).length > 0) {
    for (const request of pending) {
      ctx.store.updateQualificationRequest(request.id, { status: "Rejected", reason: "The Qualification type was deleted.", resolvedMs: ctx.now });
    }
  }
}

/** System types take cursors 1–9; a custom type's cursor is this plus its seq. */
const SYSTEM_CURSOR_SPAN = 100;

export interface QualificationTypeQuery {
  query?: string;
  mustBeRequestable: boolean;
  mustBeOwnedByCaller: boolean;
}

/**
 * System types first (unless requestable or own types are asked for), then custom types in creation order:
 * the caller's own in any status, other requesters' active ones. Query is a case-insensitive search: every
 * word must occur in the name, description or keywords.
 */
export function listQualificationTypes(ctx: RequesterCtx, q: QualificationTypeQuery, page: PageRequest): Page<QualificationType> {
  const terms = (q.query ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const after = page.after ?? 0;
  const found: Array<{ cursor: number; type: QualificationType }> = [];
  if (!q.mustBeRequestable && !q.mustBeOwnedByCaller) {
    SYSTEM_TYPES.forEach((type) => {
      const text = `${type.name} ${type.description}`.toLowerCase();
      if (type.seq > after && terms.every((term) => text.includes(term))) found.push({ cursor: type.seq, type });
    });
  }
  const custom = ctx.store.listQualificationTypes(
    { callerId: ctx.requester.requesterId, ownedOnly: q.mustBeOwnedByCaller, terms },
    { after: Math.max(0, after - SYSTEM_CURSOR_SPAN), limit: page.limit + 1 },
  );
  found.push(...custom.items.map((type) => ({ cursor: SYSTEM_CURSOR_SPAN + type.seq, type })));
  const items = found.slice(0, page.limit);
  return { items: items.map((i) => i.type), next: found.length > page.limit ? items[items.length - 1].cursor : undefined };
}

// ---- Workers' qualifications ----

/** Grants (or re-grants, or changes the value of) a worker's qualification. GrantTime changes unless it was already granted. */
export function grantQualification(ctx: Ctx, typeId: string, workerId: string, integerValue: number | undefined): void {
  const existing = ctx.store.getWorkerQualification(typeId, workerId);
  ctx.store.putWorkerQualification({
    qualificationTypeId: typeId,
    workerId,
    integerValue,
    status: "Granted",
    grantMs: existing?.status === "Granted" ? existing.grantMs : ctx.now,
  });
}

export interface AssociateInput {
  typeId: string;
  workerId: string;
  integerValue?: number;
  /** Defaults to true: the worker is told by e-mail (the outbox). */
  sendNotification?: boolean;
}

export function associateQualification(ctx: RequesterCtx, input: AssociateInput): void {
  const type = ownType(ctx, input.typeId, errors.qualificationDoesNotExist);
  knownWorker(ctx, input.workerId);
  const value = input.integerValue ?? DEFAULT_QUALIFICATION_VALUE;
  grantQualification(ctx, type.id, input.workerId, value);
  if (input.sendNotification ?? true) {
    sendMessage(ctx, {
      workerId: input.workerId,
      kind: "QualificationGranted",
      subject: `You have been granted the Qualification "${type.name}"`,
      messageText: `A requester has granted you the Qualification "${type.name}" with the value ${value}.`,
    });
  }
}

/** Revokes the qualification (Status Revoked, kept with its value). Revoking a revoked one changes nothing. */
export function disassociateQualification(ctx: RequesterCtx, input: { typeId: string; workerId: string; reason?: string }): void {
  const type = ownType(ctx, input.typeId, errors.qualificationDoesNotExist);
  knownWorker(ctx, input.workerId);
  const held = ctx.store.getWorkerQualification(type.id, input.workerId);
  if (!held) throw errors.qualificationDoesNotExist();
  if (held.status === "Revoked") return;
  ctx.store.putWorkerQualification({ ...held, status: "Revoked", revokedMs: ctx.now, reason: input.reason });
  sendMessage(ctx, {
    workerId: input.workerId,
    kind: "QualificationRevoked",
    subject: `Your Qualification "${type.name}" has been revoked`,
    messageText: `A requester has revoked your Qualification "${type.name}".${input.reason ? ` Reason: ${input.reason}` : ""}`,
  });
}

export type QualificationScore = Omit<WorkerQualification, "seq" | "revokedMs" | "reason">;

/**
 * The worker's qualification of the type. System types are computed for any requester; custom types only for
 * their owner, and a revoked qualification is returned with Status Revoked.
 */
export function getQualificationScore(ctx: RequesterCtx, typeId: string, workerId: string): QualificationScore {
  if (isSystemQualification(typeId)) {
    const worker = knownWorker(ctx, workerId);
    const value = systemValue(ctx, typeId, worker);
    if (!value) throw errors.qualificationDoesNotExist();
    return { qualificationTypeId: typeId, workerId, status: "Granted", grantMs: worker.createdMs, ...value };
  }
  const type = ownType(ctx, typeId, errors.qualificationDoesNotExist);
  knownWorker(ctx, workerId);
  const held = ctx.store.getWorkerQualification(type.id, workerId);
  if (!held) throw errors.qualificationDoesNotExist();
  return { qualificationTypeId: held.qualificationTypeId, workerId, status: held.status, grantMs: held.grantMs, integerValue: held.integerValue, localeValue: held.localeValue };
}

export function listWorkersWithQualificationType(
  ctx: RequesterCtx,
  typeId: string,
  status: QualificationStatus | undefined,
  page: PageRequest,
): Page<WorkerQualification> {
  const type = ownType(ctx, typeId, typeMissing(typeId));
  return ctx.store.listWorkerQualifications(type.id, status, page);
}

/** The caller's HITs that require the type (any requester's type, system types included). */
export function listHitsForQualificationType(ctx: RequesterCtx, typeId: string, page: PageRequest): Page<HitView> {
  const type = readableType(ctx, typeId, typeMissing(typeId));
  return ctx.store.listHitsForQualificationType(ctx.requester.requesterId, type.id, page);
}

// ---- Eligibility ----

function systemValue(ctx: Ctx, typeId: string, worker: Worker): QualificationValue | undefined {
  return systemQualificationValue(typeId, worker.attributes as WorkerAttributes, ctx.store.workerHistory(worker.id));
}

/** Who may discover, preview and accept the HIT, for a worker that exists. */
export function hitEligibility(ctx: Ctx, worker: Worker, hit: HitView): Eligibility {
  const values = new Map<string, QualificationValue>();
  const names = new Map<string, string>();
  for (const { QualificationTypeId: id } of hit.type.qualificationRequirements) {
    if (names.has(id)) continue;
    if (isSystemQualification(id)) {
      names.set(id, SYSTEM_QUALIFICATION_NAMES.get(id)!);
      const value = systemValue(ctx, id, worker);
      if (value) values.set(id, value);
      continue;
    }
    names.set(id, ctx.store.getQualificationType(id)?.name ?? id);
    const held = ctx.store.getWorkerQualification(id, worker.id);
    if (held?.status === "Granted") values.set(id, { integerValue: held.integerValue, localeValue: held.localeValue });
  }
  const blocked = ctx.store.getWorkerBlock(hit.requesterId, worker.id) !== undefined;
  return eligibility({ values, names, blocked }, hit.type.qualificationRequirements);
}
