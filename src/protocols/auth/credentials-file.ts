// Loads requester access keys from the files people already have: the IAM credentials.csv
// download, the legacy root rootkey.csv, or a JSON array written by hand.
import { readFileSync } from "node:fs";

export interface AccessKeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

export function loadCredentialsFile(path: string): AccessKeyPair[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw problem(path, `cannot be read (${(err as Error).message})`);
  }
  // Excel and the AWS console save CSV with a UTF-8 byte order mark.
  text = text.replace(/^\uFEFF/, "");
  if (text.trim() === "") throw problem(path, "is empty");

  const pairs = /^\s*[[{]/.test(text)
    ? fromJson(path, text)
    : /^\s*AWSAccessKeyId\s*=/m.test(text)
      ? fromRootKey(path, text)
      : fromCsv(path, text);
  if (pairs.length === 0) throw problem(path, "contains no access keys");
  return pairs;
}

function problem(path: string, what: string): Error {
  // Callers print this as a single line, so embedded parser messages must not break it.
  return new Error(`Credentials file ${path} ${what}`.replace(/\s*[\r\n]+\s*/g, " "));
}

function pair(path: string, where: string, accessKeyId: unknown, secretAccessKey: unknown): AccessKeyPair {
  const key = typeof accessKeyId === "string" ? accessKeyId.trim() : "";
  const secret = typeof secretAccessKey === "string" ? secretAccessKey.trim() : "";
  if (key === "") throw problem(path, `has no access key ID in ${where}`);
  if (secret === "") throw problem(path, `has no secret access key in ${where}`);
  return { accessKeyId: key, secretAccessKey: secret };
}

function fromJson(path: string, text: string): AccessKeyPair[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw problem(path, `is not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(data)) {
    throw problem(path, 'must hold a JSON array of { "accessKeyId", "secretAccessKey" } objects');
  }
  return data.map((entry, i) => {
    const e = (typeof entry === "object" && entry !== null ? entry : {}) as Record<string, unknown>;
    return pair(path, `entry ${i}`, e.accessKeyId ?? e.AccessKeyId, e.secretAccessKey ?? e.SecretAccessKey);
  });
}

// rootkey.csv is not CSV despite its name: it holds "Name=value" lines.
function fromRootKey(path: string, text: string): AccessKeyPair[] {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf("=");
    if (eq > 0) values.set(line.slice(0, eq).trim(), line.slice(eq + 1));
  }
  return [pair(path, "its AWSAccessKeyId=/AWSSecretKey= lines", values.get("AWSAccessKeyId"), values.get("AWSSecretKey"))];
}

function fromCsv(path: string, text: string): AccessKeyPair[] {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // csv-parse is loaded only when a credentials file is given.
    records = (require("csv-parse/sync") as typeof import("csv-parse/sync")).parse(text, {
      info: true,
      trim: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as typeof records;
  } catch (err) {
    throw problem(path, `is not valid CSV (${(err as Error).message})`);
  }
  const [header, ...rows] = records;
  // Match "Access key ID" / "Secret access key" loosely: IAM has changed their spelling before.
  const column = (name: string) =>
    header?.record.findIndex((title) => title.toLowerCase().replace(/[^a-z]/g, "") === name) ?? -1;
  const keyColumn = column("accesskeyid");
  const secretColumn = column("secretaccesskey");
  if (keyColumn < 0 || secretColumn < 0) {
    throw problem(
      path,
      "has an unknown format: expected an IAM credentials.csv with 'Access key ID' and 'Secret access key' columns, a rootkey.csv with AWSAccessKeyId=/AWSSecretKey= lines, or a JSON array",
    );
  }
  return rows.map(({ record, info }) => pair(path, `line ${info.lines}`, record[keyColumn], record[secretColumn]));
}
