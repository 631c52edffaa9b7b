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
}
