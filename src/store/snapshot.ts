// Whole-state copies for snapshots and dumps. Tables are found in the schema, so tables added by
// later migrations are covered without listing them here.
import type Database from "better-sqlite3";

export type TableRows = Record<string, Array<Record<string, unknown>>>;

/** Every table but the accounts (which survive resets and restores) and SQLite's own. */
export function stateTables(db: Database.Database): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'accounts'").all() as Array<{ name: string }>;
  return rows.map((r) => r.name);
}

export function readTables(db: Database.Database): TableRows {
  return Object.fromEntries(stateTables(db).map((table) => [table, db.prepare(`SELECT * FROM ${table}`).all() as Array<Record<string, unknown>>]));
}

/** Replaces the state with `tables`, children after parents so foreign keys hold. */
export function writeTables(db: Database.Database, tables: TableRows): void {
  db.pragma("defer_foreign_keys = ON");
  for (const table of stateTables(db)) db.exec(`DELETE FROM ${table}`);
  for (const [table, rows] of Object.entries(tables)) {
    for (const row of rows) {
      const names = Object.keys(row);
      db.prepare(`INSERT INTO ${table} (${names.join(", ")}) VALUES (${names.map((n) => "@" + n).join(", ")})`).run(row);
    }
  }
}

/** The state split by owner: rows of tables with a requester_id go to that requester, the rest are shared. */
export function readTablesByRequester(db: Database.Database): { shared: TableRows; byRequester: Map<string, TableRows> } {
  const shared: TableRows = {};
  const byRequester = new Map<string, TableRows>();
  for (const [table, rows] of Object.entries(readTables(db))) {
    const owned = (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).some((c) => c.name === "requester_id");
    for (const row of rows) {
      const owner = owned ? (row.requester_id as string | null) : null;
      const target = owner === null ? shared : byRequester.get(owner) ?? byRequester.set(owner, {}).get(owner)!;
      (target[table] ??= []).push(row);
    }
  }
  return { shared, byRequester };
}
