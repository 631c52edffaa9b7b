// Legacy HMAC-SHA1 signatures (LEGACY-API.md §1.3, §3.3, §4), on node:crypto only. Two schemes:
// - the classic one every SOAP and most REST clients use:
//     base64(HMAC-SHA1(secret, "AWSMechanicalTurkRequester" + Operation + Timestamp)),
//   over the Timestamp exactly as received (with or without milliseconds);
// - AWS query SignatureVersion 1, which boto 2 sends (SignatureVersion=1): every parameter but Signature,
//   sorted case-insensitively by name, concatenated as name+value without separators.
// Authentication failures are request-level errors: an unknown key is AWS.NotAuthorized, a wrong signature or
// a timestamp outside the skew window is AWS.BadClaimsSupplied with the string the server signed.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Account } from "../../domain/records";
import type { Accounts } from "../auth/accounts";
import { RequestLevelError } from "./errors";

export const SERVICE = "AWSMechanicalTurkRequester";
/** AWS's usual allowance; the legacy service's own is unknown (LEGACY-API.md §8). */
export const MAX_SKEW_MS = 15 * 60 * 1000;

export interface LegacyCredentials {
  operation: string;
  accessKeyId?: string;
  timestamp?: string;
  signature?: string;
  /** "1" selects SignatureVersion 1 (REST only). */
  signatureVersion?: string;
  /** For SignatureVersion 1: every parameter as received, Signature excluded. */
  pairs?: ReadonlyArray<readonly [string, string]>;
}

/** The string the classic scheme signs. */
export const classicStringToSign = (operation: string, timestamp: string): string => SERVICE + operation + timestamp;

/** The string SignatureVersion 1 signs: parameters sorted by lower-cased name (a stable sort), name+value each. */
export function sigV1StringToSign(pairs: ReadonlyArray<readonly [string, string]>): string {
  const signed = pairs.filter(([key]) => key !== "Signature");
  const sorted = signed
    .map((pair, i) => ({ pair, i, key: pair[0].toLowerCase() }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  return sorted.map(({ pair }) => pair[0] + pair[1]).join("");
}

export const hmacSha1 = (secret: string, text: string): string => createHmac("sha1", secret).update(text, "utf8").digest("base64");

/**
 * The account the request speaks for, or a RequestLevelError. `authEnabled` off (the --auth switch): any key is
 * accepted unverified and gets an account on first use, as on the JSON API.
 */
export function authenticate(accounts: Accounts, creds: LegacyCredentials, wallNowMs: number): Account {
  if (!creds.accessKeyId) throw missingParameters(["AWSAccessKeyId"]);
  if (!accounts.authEnabled) {
    const account = accounts.forKey(creds.accessKeyId);
    if (!account) throw notAuthorized();
    return account;
  }
  const secret = accounts.secretFor(creds.accessKeyId);
  const account = secret === undefined ? undefined : accounts.forKey(creds.accessKeyId);
  if (!account || secret === undefined) throw notAuthorized();
  const missing = [!creds.timestamp && "Timestamp", !creds.signature && "Signature"].filter((name): name is string => Boolean(name));
  if (missing.length) throw missingParameters(missing);
  const stringToSign = creds.signatureVersion === "1" ? sigV1StringToSign(creds.pairs ?? []) : classicStringToSign(creds.operation, creds.timestamp!);
  const expected = hmacSha1(secret, stringToSign);
  const sent = creds.signature!;
  const skewed = !withinSkew(creds.timestamp!, wallNowMs);
  if (skewed || !sameSignature(expected, sent)) throw badClaims(sent, stringToSign, wallNowMs);
  return account;
}

function withinSkew(timestamp: string, nowMs: number): boolean {
  const at = parseTimestamp(timestamp);
  return at !== undefined && Math.abs(at - nowMs) <= MAX_SKEW_MS;
}

/** xs:dateTime: "2026-11-22T10:08:05Z", with fractions, offsets, or (taken as UTC) no zone. */
export function parseTimestamp(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0);
  if (zone && zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Number.isFinite(ms) ? ms : undefined;
}

function sameSignature(expected: string, sent: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}

const missingParameters = (names: string[]) =>
  new RequestLevelError("AWS.MissingParameters", `Your request is missing required parameters. Required parameters include ${names.join(", ")}.`);

const notAuthorized = () =>
  new RequestLevelError("AWS.NotAuthorized", "The identity contained in the request is not authorized to use this AWSAccessKeyId");

/** The real service's wording (LEGACY-API.md §3.3), with the same three Data entries. */
function badClaims(sent: string, stringToSign: string, nowMs: number): RequestLevelError {
  const systemTime = new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, "Z");
  return new RequestLevelError(
    "AWS.BadClaimsSupplied",
    `The specified claims are invalid.   Based on your request, your signature should be generated using the following string: ${stringToSign}.  ` +
      `Check to make sure your system clock and timezone is not incorrect.  Our current system time: ${systemTime}. `,
    [
      { key: "CustomerSignature", value: sent },
      { key: "StringToSign", value: stringToSign },
      { key: "SystemTime", value: systemTime },
    ],
  );
}
