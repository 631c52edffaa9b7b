// The one module of SQL: the domain's Store port on better-sqlite3.
import Database from "better-sqlite3";
import type { Account, Assignment, AssignmentStatus, Bonus, DomainEvent, Hit, HitLayout, HitStatus, HitType, HitView, Page, UploadedFile, Worker } from "../domain/records";
import type { DueItem, PageRequest, Store } from "../domain/store";
import { fromRow, toRow, type Columns } from "./columns";
import { MIGRATIONS } from "./migrations";
import { readTables, writeTables, type TableRows } from "./snapshot";
import { ACCOUNT, ASSIGNMENT, BONUS, EVENT, HIT, HIT_TYPE, UPLOADED_FILE, WORKER } from "./schema";

type Row = Record<string, unknown>;

/** Tables emptied by a reset; accounts survive it. */
const STATE_TABLES = ["events", "request_tokens", "uploaded_files", "bonuses", "assignments", "workers", "hits", "hit_layouts", "hit_types"];

export class SqliteStore implements Store {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  // HIT types never change once registered, so they are read once.
  private readonly hitTypes = new Map<string, HitType>();

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("busy_timeout = 5000");
    this.migrate();
  }

  private migrate(): void {
    const applied = this.db.pragma("user_version", { simple: true }) as number;
    if (applied > MIGRATIONS.length) {
      throw new Error(`the database was written by a newer mturk-emu (schema ${applied}, this version knows ${MIGRATIONS.length})`);
    }
    this.db.transaction(() => {
      MIGRATIONS.slice(applied).forEach((sql) => this.db.exec(sql));
      this.db.pragma(`user_version = ${MIGRATIONS.length}`);
    })();
  }

  close(): void {
    this.db.close();
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  reset(): void {
    this.transaction(() => STATE_TABLES.forEach((table) => this.db.exec(`DELETE FROM ${table}`)));
    this.hitTypes.clear();
  }

  snapshot(): TableRows {
    return this.transaction(() => readTables(this.db));
  }

  restore(tables: TableRows): void {
    this.transaction(() => writeTables(this.db, tables));
    this.hitTypes.clear();
  }

  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  private one<T>(columns: Columns<T>, text: string, ...args: unknown[]): T | undefined {
    const row = this.sql(text).get(...args) as Row | undefined;
    return row && fromRow(columns, row);
  }

  private insert<T>(table: string, columns: Columns<T>, record: Partial<T>, extra: Row = {}): void {
    const row = { ...toRow(columns, record), ...extra };
    const names = Object.keys(row);
    this.sql(`INSERT INTO ${table} (${names.join(", ")}) VALUES (${names.map((n) => "@" + n).join(", ")})`).run(row);
  }

  private update<T>(table: string, columns: Columns<T>, id: string, patch: Partial<T>): void {
    const row = toRow(columns, patch);
    const names = Object.keys(row);
    if (!names.length) return;
    this.sql(`UPDATE ${table} SET ${names.map((n) => `${n} = @${n}`).join(", ")} WHERE id = @__id`).run({ ...row, __id: id });
  }

  private page<T extends { seq: number }>(columns: Columns<T>, text: string, args: Row, page: PageRequest): Page<T> {
    const rows = this.sql(text).all({ ...args, after: page.after ?? 0, limit: page.limit + 1 }) as Row[];
    const items = rows.slice(0, page.limit).map((row) => fromRow(columns, row));
    return { items, next: rows.length > page.limit ? items[items.length - 1].seq : undefined };
  }

  getAccountByKey(accessKeyId: string): Account | undefined {
    return this.one(ACCOUNT, "SELECT * FROM accounts WHERE access_key_id = ?", accessKeyId);
  }

  putAccount(account: Account): void {
    const row = toRow(ACCOUNT, account);
    this.sql(
      `INSERT INTO accounts (requester_id, access_key_id, secret_access_key, aws_account_id, created_ms)
       VALUES (@requester_id, @access_key_id, @secret_access_key, @aws_account_id, @created_ms)
       ON CONFLICT (access_key_id) DO UPDATE SET secret_access_key = excluded.secret_access_key`,
    ).run(row);
  }

  listAccounts(): Account[] {
    return (this.sql("SELECT * FROM accounts ORDER BY created_ms").all() as Row[]).map((row) => fromRow(ACCOUNT, row));
  }

  getHitType(id: string): HitType | undefined {
    let type = this.hitTypes.get(id);
    if (!type) {
      type = this.one(HIT_TYPE, "SELECT * FROM hit_types WHERE id = ?", id);
      if (type) this.hitTypes.set(id, type);
    }
    return type;
  }

  findHitType(requesterId: string, fingerprint: string): HitType | undefined {
    return this.one(HIT_TYPE, "SELECT * FROM hit_types WHERE requester_id = ? AND fingerprint = ?", requesterId, fingerprint);
  }

  insertHitType(type: HitType, fingerprint: string): void {
    this.insert("hit_types", HIT_TYPE, type, { fingerprint });
  }

  private view(row: Row | undefined): HitView | undefined {
    if (!row) return undefined;
    const hit = fromRow(HIT, row);
    return { ...hit, type: this.getHitType(hit.hitTypeId)! };
  }

  getHit(id: string): HitView | undefined {
    return this.view(this.sql("SELECT * FROM hits WHERE id = ?").get(id) as Row | undefined);
  }

  insertHit(hit: Omit<Hit, "seq">): void {
    this.insert("hits", HIT, hit);
  }

  updateHit(id: string, patch: Partial<Omit<Hit, "id" | "seq">>): void {
    this.update("hits", HIT, id, patch);
  }

  listHits(requesterId: string, page: PageRequest, filter: { status?: HitStatus; hitTypeId?: string } = {}): Page<HitView> {
    const where = ["requester_id = @requesterId", "seq > @after"];
    if (filter.status) where.push("status = @status");
    else where.push("status <> 'Disposed'");
    if (filter.hitTypeId) where.push("hit_type_id = @hitTypeId");
    const text = `SELECT * FROM hits WHERE ${where.join(" AND ")} ORDER BY seq LIMIT @limit`;
    const rows = this.sql(text).all({ requesterId, status: filter.status, hitTypeId: filter.hitTypeId, after: page.after ?? 0, limit: page.limit + 1 }) as Row[];
    const items = rows.slice(0, page.limit).map((row) => this.view(row)!);
    return { items, next: rows.length > page.limit ? items[items.length - 1].seq : undefined };
  }

  getAssignment(id: string): Assignment | undefined {
    return this.one(ASSIGNMENT, "SELECT * FROM assignments WHERE id = ?", id);
  }

  insertAssignment(assignment: Omit<Assignment, "seq">): void {
    const { seq: _seq, ...record } = assignment as Assignment;
    this.insert("assignments", ASSIGNMENT, record);
  }

  updateAssignment(id: string, patch: Partial<Omit<Assignment, "id" | "seq">>): void {
    this.update("assignments", ASSIGNMENT, id, patch);
  }

  listAssignments(hitId: string, statuses: AssignmentStatus[], page: PageRequest): Page<Assignment> {
    const text = `SELECT * FROM assignments WHERE hit_id = @hitId AND status IN (SELECT value FROM json_each(@statuses))
                  AND seq > @after ORDER BY seq LIMIT @limit`;
    return this.page(ASSIGNMENT, text, { hitId, statuses: JSON.stringify(statuses) }, page);
  }

  findLiveAssignment(hitId: string, workerId: string): Assignment | undefined {
    return this.one(
      ASSIGNMENT,
      "SELECT * FROM assignments WHERE worker_id = ? AND hit_id = ? AND status NOT IN ('Returned', 'Abandoned')",
      workerId,
      hitId,
    );
  }

  nextDue(nowMs: number): DueItem | undefined {
    const candidates = [
      this.sql(
        "SELECT 'abandon' AS kind, id, deadline_ms AS atMs FROM assignments WHERE status = 'Accepted' AND deadline_ms <= ? ORDER BY deadline_ms LIMIT 1",
      ).get(nowMs),
      this.sql(
        "SELECT 'autoApprove' AS kind, id, auto_approval_ms AS atMs FROM assignments WHERE status = 'Submitted' AND auto_approval_ms <= ? ORDER BY auto_approval_ms LIMIT 1",
      ).get(nowMs),
      this.sql(
        "SELECT 'expire' AS kind, id, expiration_ms AS atMs FROM hits WHERE expired = 0 AND status <> 'Disposed' AND expiration_ms <= ? ORDER BY expiration_ms LIMIT 1",
      ).get(nowMs),
    ] as Array<DueItem | undefined>;
    return candidates.reduce<DueItem | undefined>((first, c) => (c && (!first || c.atMs < first.atMs) ? c : first), undefined);
  }

  getHitLayout(id: string): HitLayout | undefined {
    const row = this.sql("SELECT * FROM hit_layouts WHERE id = ?").get(id) as Row | undefined;
    return row && { id: row.id as string, template: row.template as string, requesterId: (row.requester_id as string | null) ?? undefined };
  }

  putHitLayout(layout: HitLayout): void {
    this.sql("INSERT OR REPLACE INTO hit_layouts (id, requester_id, template) VALUES (?, ?, ?)").run(layout.id, layout.requesterId ?? null, layout.template);
  }

  getUploadedFile(assignmentId: string, questionIdentifier: string): UploadedFile | undefined {
    return this.one(UPLOADED_FILE, "SELECT * FROM uploaded_files WHERE assignment_id = ? AND question_identifier = ?", assignmentId, questionIdentifier);
  }

  putUploadedFile(file: UploadedFile): void {
    this.sql("DELETE FROM uploaded_files WHERE assignment_id = ? AND question_identifier = ?").run(file.assignmentId, file.questionIdentifier);
    this.insert("uploaded_files", UPLOADED_FILE, file);
  }

  getWorker(id: string): Worker | undefined {
    return this.one(WORKER, "SELECT * FROM workers WHERE id = ?", id);
  }

  listWorkers(): Worker[] {
    return (this.sql("SELECT * FROM workers ORDER BY created_ms, id").all() as Row[]).map((row) => fromRow(WORKER, row));
  }

  insertWorker(worker: Worker): void {
    this.insert("workers", WORKER, worker);
  }

  insertBonus(bonus: Omit<Bonus, "seq">): void {
    this.insert("bonuses", BONUS, bonus);
  }

  listBonuses(requesterId: string, filter: { hitId?: string; assignmentId?: string }, page: PageRequest): Page<Bonus> {
    const where = ["requester_id = @requesterId", "seq > @after"];
    if (filter.hitId) where.push("hit_id = @hitId");
    if (filter.assignmentId) where.push("assignment_id = @assignmentId");
    const text = `SELECT * FROM bonuses WHERE ${where.join(" AND ")} ORDER BY seq LIMIT @limit`;
    return this.page(BONUS, text, { requesterId, hitId: filter.hitId, assignmentId: filter.assignmentId }, page);
  }

  findToken(requesterId: string, scope: string, token: string, sinceMs: number): string | undefined {
    const row = this.sql("SELECT ref FROM request_tokens WHERE requester_id = ? AND scope = ? AND token = ? AND created_ms > ?").get(
      requesterId,
      scope,
      token,
      sinceMs,
    ) as { ref: string } | undefined;
    return row?.ref;
  }

  putToken(requesterId: string, scope: string, token: string, ref: string, atMs: number): void {
    this.sql("INSERT OR REPLACE INTO request_tokens (requester_id, scope, token, ref, created_ms) VALUES (?, ?, ?, ?, ?)").run(
      requesterId,
      scope,
      token,
      ref,
      atMs,
    );
  }

  insertEvent(event: DomainEvent): void {
    this.insert("events", EVENT, event);
  }

  listEvents(): Array<DomainEvent & { seq: number }> {
    return (this.sql("SELECT * FROM events ORDER BY seq").all() as Row[]).map((row) => ({ ...fromRow(EVENT, row), seq: row.seq as number }));
  }
}
