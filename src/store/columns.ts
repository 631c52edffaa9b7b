// Field ↔ column mapping for the records, so each table is described once.

type Kind = "plain" | "bool" | "json";
export type Columns<T> = ReadonlyArray<readonly [keyof T & string, string, Kind?]>;

export function toRow<T>(columns: Columns<T>, record: Partial<T>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [field, column, kind] of columns) {
    if (!(field in record)) continue;
    const value = record[field];
    row[column] = value === undefined ? null : kind === "bool" ? (value ? 1 : 0) : kind === "json" ? JSON.stringify(value) : value;
  }
  return row;
}

export function fromRow<T>(columns: Columns<T>, row: Record<string, unknown>, prefix = ""): T {
  const record: Record<string, unknown> = {};
  for (const [field, column, kind] of columns) {
    const value = row[prefix + column];
    if (value === null || value === undefined) continue;
    record[field] = kind === "bool" ? value === 1 : kind === "json" ? JSON.parse(value as string) : value;
  }
  return record as T;
}
