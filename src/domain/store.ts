// What the domain needs from persistence. The SQLite implementation lives in src/store;
// commands see only this port, and every command runs inside one store transaction.
import type {
  Account,
  Assignment,
  AssignmentStatus,
  Bonus,
  DomainEvent,
  Hit,
  HitStatus,
  HitType,
  HitLayout,
  HitView,
  Page,
  UploadedFile,
  Worker,
} from "./records";
import type { DeliveryAttempt, DeliveryCursor, NotificationDelivery } from "./records";
import type {
  MessageKind,
  NewReviewEntry,
  NotificationSetting,
  OutboxMessage,
  QualificationRequest,
  QualificationStatus,
  QualificationType,
  ReviewEntry,
  ReviewLevel,
  StoredEvent,
  TestNotification,
  WorkerBlock,
  WorkerHistory,
  WorkerQualification,
} from "./records";

export interface PageRequest {
  /** Cursor from a previous page: items after it are returned. */
  after?: number;
  limit: number;
}

export interface DueItem {
  kind: "abandon" | "autoApprove" | "expire";
  id: string;
  atMs: number;
}

export interface Store {
  transaction<T>(fn: () => T): T;

  getAccountByKey(accessKeyId: string): Account | undefined;
  putAccount(account: Account): void;

  getHitType(id: string): HitType | undefined;
  findHitType(requesterId: string, fingerprint: string): HitType | undefined;
  insertHitType(type: HitType, fingerprint: string): void;

  getHit(id: string): HitView | undefined;
  insertHit(hit: Omit<Hit, "seq">): void;
  updateHit(id: string, patch: Partial<Omit<Hit, "id" | "seq">>): void;
  listHits(requesterId: string, page: PageRequest, filter?: { status?: HitStatus; hitTypeId?: string }): Page<HitView>;

  getAssignment(id: string): Assignment | undefined;
  insertAssignment(assignment: Omit<Assignment, "seq">): void;
  updateAssignment(id: string, patch: Partial<Omit<Assignment, "id" | "seq">>): void;
  listAssignments(hitId: string, statuses: AssignmentStatus[], page: PageRequest): Page<Assignment>;
  /** The worker's assignment on a HIT that is in progress or was submitted, if any. */
  findLiveAssignment(hitId: string, workerId: string): Assignment | undefined;

  /** The earliest deadline at or before `nowMs`, if any. */
  nextDue(nowMs: number): DueItem | undefined;

  getHitLayout(id: string): HitLayout | undefined;
  putHitLayout(layout: HitLayout): void;

  getUploadedFile(assignmentId: string, questionIdentifier: string): UploadedFile | undefined;
  putUploadedFile(file: UploadedFile): void;

  getWorker(id: string): Worker | undefined;
  insertWorker(worker: Worker): void;
  listWorkers(): Worker[];

  insertBonus(bonus: Omit<Bonus, "seq">): void;
  listBonuses(requesterId: string, filter: { hitId?: string; assignmentId?: string }, page: PageRequest): Page<Bonus>;

  /** Idempotency tokens: returns the reference stored with a token younger than `sinceMs`. */
  findToken(requesterId: string, scope: string, token: string, sinceMs: number): string | undefined;
  putToken(requesterId: string, scope: string, token: string, ref: string, atMs: number): void;

  insertEvent(event: DomainEvent): void;

  // ---- Qualifications, blocks, messages, notification settings, review policies ----

  getAccount(requesterId: string): Account | undefined;
  updateWorkerAttributes(workerId: string, attributes: Record<string, unknown>): void;
  workerHistory(workerId: string): WorkerHistory;
  /** Whether the requester has approved or rejected an assignment of the worker. */
  hasReviewedWorkOf(requesterId: string, workerId: string): boolean;

  getQualificationType(id: string): QualificationType | undefined;
  /** The requester's live (not deleted) type with this name. */
  findQualificationTypeByName(requesterId: string, name: string): QualificationType | undefined;
  insertQualificationType(type: Omit<QualificationType, "seq">): void;
  updateQualificationType(id: string, patch: Partial<Omit<QualificationType, "id" | "seq">>): void;
  /**
   * Live types in creation order: the caller's own (any status) and, unless `ownedOnly`, other requesters'
   * active ones; each of `terms` must occur (case-insensitively) in the name, description or keywords.
   */
  listQualificationTypes(filter: { callerId: string; ownedOnly: boolean; terms: string[] }, page: PageRequest): Page<QualificationType>;

  getWorkerQualification(qualificationTypeId: string, workerId: string): WorkerQualification | undefined;
  /** Inserts or replaces the worker's qualification of that type. */
  putWorkerQualification(qualification: Omit<WorkerQualification, "seq">): void;
  listWorkerQualifications(qualificationTypeId: string, status: QualificationStatus | undefined, page: PageRequest): Page<WorkerQualification>;

  getQualificationRequest(id: string): QualificationRequest | undefined;
  insertQualificationRequest(request: Omit<QualificationRequest, "seq">): void;
  updateQualificationRequest(id: string, patch: Partial<Omit<QualificationRequest, "id" | "seq">>): void;
  /** The worker's most recent request for the type, whatever its status. */
  latestQualificationRequest(qualificationTypeId: string, workerId: string): QualificationRequest | undefined;
  listPendingQualificationRequests(requesterId: string, qualificationTypeId: string | undefined, page: PageRequest): Page<QualificationRequest>;

  /** The requester's live HITs whose HIT type has a requirement on the qualification type. */
  listHitsForQualificationType(requesterId: string, qualificationTypeId: string, page: PageRequest): Page<HitView>;

  getWorkerBlock(requesterId: string, workerId: string): WorkerBlock | undefined;
  /** Inserts the block, or replaces the reason of an existing one. */
  putWorkerBlock(block: Omit<WorkerBlock, "seq">): void;
  deleteWorkerBlock(requesterId: string, workerId: string): void;
  listWorkerBlocks(requesterId: string, page: PageRequest): Page<WorkerBlock>;

  insertOutboxMessage(message: Omit<OutboxMessage, "seq">): void;
  listOutboxMessages(filter: { workerId?: string; kind?: MessageKind }): OutboxMessage[];

  /** Seq of the last event recorded, 0 when there is none. */
  lastEventSeq(): number;
  insertNotificationSetting(setting: Omit<NotificationSetting, "seq">): void;
  currentNotificationSetting(hitTypeId: string): NotificationSetting | undefined;
  /** Every version of every HIT type's settings, oldest first. */
  listNotificationSettings(): NotificationSetting[];
  insertTestNotification(test: Omit<TestNotification, "seq">): void;

  insertReviewEntry(entry: NewReviewEntry): void;
  listReviewEntries(hitId: string, filter: { levels: ReviewLevel[]; kinds: Array<ReviewEntry["kind"]> }, page: PageRequest): Page<ReviewEntry>;

  // ---- Legacy API: sorted, numbered pages and whole-account reads ----

  /** One window of the requester's HITs (every status but Disposed unless `statuses` says), sorted, and how many match. */
  searchHits(requesterId: string, filter: { statuses?: HitStatus[]; hitTypeId?: string }, order: SortSpec<HitSortProperty>, window: WindowRequest): SortedWindow<HitView>;
  searchAssignments(hitId: string, statuses: AssignmentStatus[], order: SortSpec<AssignmentSortProperty>, window: WindowRequest): SortedWindow<Assignment>;
  /** Every HIT the requester ever created, Disposed ones included, in creation order. */
  listRequesterHits(requesterId: string): HitView[];
  /** Every assignment on the requester's HITs, whatever its status, in acceptance order. */
  listRequesterAssignments(requesterId: string): Assignment[];

  // ---- Worker site and requester console ----

  /** Every Assignable HIT of every requester, in creation order: what the worker site searches. */
  listAssignableHits(): HitView[];
  /** The worker's assignments, whatever their status, in acceptance order. */
  listWorkerAssignments(workerId: string): Assignment[];
  /** Bonuses paid to the worker by any requester, in grant order. */
  listWorkerBonuses(workerId: string): Bonus[];
  /** The qualifications the worker holds or held (Revoked), of every type, in grant order. */
  listQualificationsOfWorker(workerId: string): WorkerQualification[];
  /** The worker's qualification requests, of every type and status, oldest first. */
  listQualificationRequestsOfWorker(workerId: string): QualificationRequest[];
  /** Remembers the HITLayoutParameters a HIT was created with, in order. */
  putHitLayoutParameters(hitId: string, parameters: ReadonlyArray<{ Name: string; Value: string }>): void;
  /** The HITLayoutParameters of a HIT made from a layout; empty otherwise. */
  getHitLayoutParameters(hitId: string): Array<{ Name: string; Value: string }>;

  // ---- Notification delivery (src/notifications) ----

  listEventsAfter(seq: number, limit?: number): StoredEvent[];
  listTestNotificationsAfter(seq: number): TestNotification[];
  getDeliveryCursor(): DeliveryCursor;
  setDeliveryCursor(cursor: DeliveryCursor): void;
  /** Records a delivery unless one with the same docId exists; whether it was recorded. */
  insertDelivery(delivery: Omit<NotificationDelivery, "seq">): boolean;
  getDelivery(docId: string): NotificationDelivery | undefined;
  /** Marks up to `limit` Pending deliveries due at `nowMs` as Sending under `claim`, oldest first, and returns them. */
  claimDueDeliveries(nowMs: number, limit: number, claim: string): NotificationDelivery[];
  /** Marks one delivery as Sending under `claim` whatever its status; false when there is none. */
  claimDelivery(docId: string, claim: string, nowMs: number): boolean;
  /**
   * Records an attempt of a delivery still held under `claim` and gives it its next state (attempts + 1);
   * false, recording nothing, when the claim was lost (a reset, a restore).
   */
  finishDeliveryAttempt(
    seq: number,
    claim: string,
    attempt: Omit<DeliveryAttempt, "seq" | "deliverySeq">,
    next: { status: "Pending" | "Delivered" | "Failed"; nextAttemptMs: number },
  ): boolean;
  /** Gives a Sending delivery back (Pending, same attempts) without recording an attempt. */
  releaseDelivery(seq: number, claim: string): void;
  /** Gives back every Sending delivery not claimed under `except`, or whose claim is older than `olderThanMs`; how many. */
  releaseStaleDeliveries(except: string, olderThanMs: number): number;
  listDeliveries(): NotificationDelivery[];
  listDeliveryAttempts(): DeliveryAttempt[];
}

// ---- Legacy API paging (numbered pages over a sorted list) ----

export type HitSortProperty = "Title" | "Reward" | "Expiration" | "CreationTime" | "Enumeration";
export type AssignmentSortProperty = "AcceptTime" | "SubmitTime" | "Answer" | "AssignmentStatus";

export interface SortSpec<P> {
  property: P;
  descending: boolean;
}

export interface WindowRequest {
  offset: number;
  limit: number;
}

export interface SortedWindow<T> {
  items: T[];
  /** How many items match in all. */
  total: number;
}
