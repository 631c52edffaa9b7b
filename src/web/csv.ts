// CSV for the batch-results download. csv-stringify is not installed (only csv-parse is), so this is the
// smallest correct RFC 4180 writer: every field quoted (as MTurk's batch CSVs are), quotes doubled, CRLF
// line ends. Quoting every field also keeps commas, quotes and line breaks inside answers intact.
export function toCsv(columns: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (fields: readonly string[]) => fields.map((f) => `"${f.replace(/"/g, '""')}"`).join(",");
  return [line(columns), ...rows.map(line)].map((l) => `${l}\r\n`).join("");
}
