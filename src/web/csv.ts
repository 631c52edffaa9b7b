// CSV for the batch-results download: every field quoted, as MTurk's batch CSVs are, CRLF line ends.
import { stringify } from "csv-stringify/sync";

export function toCsv(columns: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return stringify([columns, ...rows] as string[][], { quoted: true, record_delimiter: "windows" });
}
