// Server-side AWS Signature Version 4 verification, on node:crypto only so the emulator needs
// no AWS SDK at runtime. The rules reproduce what botocore and the JS v3 SDK really sign
// (MODERN-API.md §1.2); the error texts are the ones AWS JSON front ends return.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export interface SignedRequest {
  method: string;
  /** Path as received on the wire (still percent-encoded), without the query string. */
  path: string;
  /** Raw query string without the leading "?"; usually empty. */
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type AuthErrorType =
  | "UnrecognizedClientException"
  | "InvalidSignatureException"
  | "MissingAuthenticationTokenException"
  | "IncompleteSignatureException";

export class AuthError extends Error {
  constructor(
    readonly type: AuthErrorType,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const ALGORITHM = "AWS4-HMAC-SHA256";
const TERMINATOR = "aws4_request";
const MAX_SKEW_MS = 5 * 60 * 1000;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const incomplete = (message: string) => new AuthError("IncompleteSignatureException", message);
const invalid = (message: string) => new AuthError("InvalidSignatureException", message);

export function parseAuthorization(header: string): ParsedAuthorization {
  const text = header.trim();
  const algorithm = text.split(" ", 1)[0];
  if (algorithm !== ALGORITHM) {
    throw incomplete(`Unsupported Authorization algorithm '${algorithm}'; only ${ALGORITHM} is accepted.`);
  }
  const params = new Map<string, string>();
  for (const part of text.slice(algorithm.length).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ["Credential", "SignedHeaders", "Signature"].filter((name) => !params.get(name));
  if (missing.length > 0) {
    throw incomplete(missing.map((name) => `Authorization header requires '${name}' parameter.`).join(" "));
  }

  const credential = params.get("Credential")!;
  const scope = credential.split("/");
  if (scope.length !== 5 || scope.some((part) => part === "")) {
    throw incomplete(
      `Credential must have the form <AccessKeyId>/<yyyymmdd>/<region>/<service>/${TERMINATOR}; got '${credential}'.`,
    );
  }
  const [accessKeyId, date, region, service, terminator] = scope;
  if (terminator !== TERMINATOR) {
    throw incomplete(`Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${terminator}'.`);
  }
  if (!/^\d{8}$/.test(date)) throw incomplete(`Credential scope date must be yyyymmdd; got '${date}'.`);

  const signedHeaders = params.get("SignedHeaders")!.split(";");
  if (signedHeaders.some((name) => name === "")) {
    throw incomplete(`SignedHeaders must be a ';'-separated list of header names; got '${params.get("SignedHeaders")}'.`);
  }
  const signature = params.get("Signature")!;
  if (!/^[0-9a-fA-F]{64}$/.test(signature)) throw incomplete("Signature must be 64 hexadecimal characters.");

  return { accessKeyId, date, region, service, signedHeaders, signature };
}

/**
 * Verifies the request's SigV4 signature and returns who signed it; throws AuthError otherwise.
 * Any region is accepted because boto3 users targeting the sandbox sign with region "sandbox".
 */
export function verifySigV4(
  req: SignedRequest,
  secretFor: (accessKeyId: string) => string | undefined,
  nowMs: number,
  opts: { service?: string } = {},
): { accessKeyId: string; region: string } {
  const service = opts.service ?? "mturk-requester";
  const authorization = headerValue(req.headers, "authorization");
  if (authorization === undefined) {
    throw new AuthError("MissingAuthenticationTokenException", "Missing Authentication Token");
  }
  const auth = parseAuthorization(authorization);

  const amzDate = headerValue(req.headers, "x-amz-date") ?? headerValue(req.headers, "date");
  if (amzDate === undefined) {
    throw incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  const requestMs = parseAmzDate(amzDate);
  if (amzDate.slice(0, 8) !== auth.date) {
    throw invalid(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (auth.service !== service) throw invalid(`Credential should be scoped to correct service: '${service}'.`);
  // Without host in the signature a captured request could be replayed against another endpoint.
  if (!auth.signedHeaders.includes("host")) throw incomplete("'Host' must be a 'SignedHeader' in the AWS Authorization.");

  if (requestMs < nowMs - MAX_SKEW_MS) {
    throw invalid(
      `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(nowMs - MAX_SKEW_MS)} (${formatAmzDate(nowMs)} - 5 min.)`,
    );
  }
  if (requestMs > nowMs + MAX_SKEW_MS) {
    throw invalid(
      `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(nowMs + MAX_SKEW_MS)} (${formatAmzDate(nowMs)} + 5 min.)`,
    );
  }

  const secret = secretFor(auth.accessKeyId);
  if (secret === undefined) {
    throw new AuthError("UnrecognizedClientException", "The security token included in the request is invalid.");
  }

  // botocore sends no x-amz-content-sha256, so the payload hash always comes from the body itself.
  const bodyHash = sha256Hex(req.body);
  const declaredHash = headerValue(req.headers, "x-amz-content-sha256");
  if (declaredHash !== undefined && declaredHash.trim().toLowerCase() !== bodyHash) {
    throw invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
  }

  const canonicalHeaders = auth.signedHeaders
    .map((name) => `${name}:${(headerValue(req.headers, name) ?? "").trim().replace(/\s+/g, " ")}\n`)
    .join("");
  const canonicalRequest = [
    req.method,
    canonicalUri(req.path),
    canonicalQuery(req.query),
    canonicalHeaders,
    auth.signedHeaders.join(";"),
    bodyHash,
  ].join("\n");
  const scope = `${auth.date}/${auth.region}/${auth.service}/${TERMINATOR}`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const expected = createHmac("sha256", signingKey(secret, auth.date, auth.region, auth.service))
    .update(stringToSign)
    .digest();

  if (!timingSafeEqual(expected, Buffer.from(auth.signature, "hex"))) {
    throw invalid(
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    );
  }
  return { accessKeyId: auth.accessKeyId, region: auth.region };
}

// Node lower-cases incoming header names, but callers building requests by hand may not.
function headerValue(headers: SignedRequest["headers"], name: string): string | undefined {
  let value = headers[name];
  if (value === undefined) {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
    if (key !== undefined) value = headers[key];
  }
  return Array.isArray(value) ? value.map((v) => v.trim()).join(",") : value;
}

function parseAmzDate(value: string): number {
  const m = AMZ_DATE.exec(value);
  if (m) {
    const [year, month, day, hours, minutes, seconds] = [+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]];
    const ms = Date.UTC(year, month, day, hours, minutes, seconds);
    // Date.UTC silently rolls 20260230 over into March (and years below 100 into the 1900s); reading the
    // fields back rejects such dates.
    const d = new Date(ms);
    if (
      d.getUTCFullYear() === year &&
      d.getUTCMonth() === month &&
      d.getUTCDate() === day &&
      d.getUTCHours() === hours &&
      d.getUTCMinutes() === minutes &&
      d.getUTCSeconds() === seconds
    ) {
      return ms;
    }
  }
  throw incomplete(`Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`);
}

function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}/, "").replace(/[-:]/g, "");
}

function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// Non-S3 SigV4 encodes the already percent-encoded wire path once more, segment by segment,
// which is what botocore and @smithy/signature-v4 both do.
function canonicalUri(path: string): string {
  return path === "" ? "/" : path.split("/").map(uriEncode).join("/");
}

function canonicalQuery(query: string): string {
  if (query === "") return "";
  const pairs = query
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const name = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? "" : pair.slice(eq + 1);
      return [uriEncode(safeDecode(name)), uriEncode(safeDecode(value))];
    });
  pairs.sort(([an, av], [bn, bv]) => (an !== bn ? (an < bn ? -1 : 1) : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join("&");
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// Deriving the key costs four HMACs per request; it only changes when the scope date rolls over,
// so a few entries cover every client. Insertion-order eviction keeps the map bounded.
const SIGNING_KEY_CACHE_SIZE = 64;
const signingKeys = new Map<string, Buffer>();

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const cacheKey = `${secret}\n${date}\n${region}\n${service}`;
  let key = signingKeys.get(cacheKey);
  if (key === undefined) {
    key = [date, region, service, TERMINATOR].reduce<Buffer>(
      (k, part) => createHmac("sha256", k).update(part).digest(),
      Buffer.from(`AWS4${secret}`, "utf8"),
    );
    if (signingKeys.size >= SIGNING_KEY_CACHE_SIZE) signingKeys.delete(signingKeys.keys().next().value!);
    signingKeys.set(cacheKey, key);
  }
  return key;
}
