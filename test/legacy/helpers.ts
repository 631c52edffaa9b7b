// Drivers for the legacy API suites: real boto 2 (python3-boto) through child processes, and a hand-made REST
// client signing with the classic HMAC-SHA1(secret, "AWSMechanicalTurkRequester" + Operation + Timestamp).
import { execFile } from "node:child_process";
import { createHmac } from "node:crypto";
import { XMLParser } from "fast-xml-parser";
import { CREDENTIALS, type TestEmu } from "../helpers/emu";

export const PYTHON = "/usr/bin/python3";

const PRELUDE = (port: number, key: string, secret: string) => `
import json, sys
from boto.mturk.connection import MTurkConnection, MTurkRequestError
from boto.mturk.price import Price
from boto.mturk.question import ExternalQuestion, HTMLQuestion, QuestionForm, Question, QuestionContent, AnswerSpecification, FreeTextAnswer, Overview
from boto.mturk.qualification import Qualifications, PercentAssignmentsApprovedRequirement, LocaleRequirement, NumberHitsApprovedRequirement, Requirement
m = MTurkConnection(aws_access_key_id=${JSON.stringify(key)}, aws_secret_access_key=${JSON.stringify(secret)}, host='127.0.0.1', port=${port}, is_secure=False)
def out(value):
    print("@@RESULT@@" + json.dumps(value, default=str))
def fails(call):
    try:
        call()
    except MTurkRequestError as e:
        return {"status": e.status, "code": e.error_code, "message": e.error_message}
    return None
def attrs(obj, *names):
    return {n: getattr(obj, n, None) for n in names}
`;

/**
 * Runs a boto 2 snippet against the emulator and returns what it passed to out(). Asynchronous on purpose: the
 * emulator answers from this very process.
 */
export function boto<T = any>(t: TestEmu, code: string, credentials = CREDENTIALS): Promise<T> {
  const script = PRELUDE(t.emu.port, credentials.accessKeyId, credentials.secretAccessKey) + code;
  const env = { ...process.env };
  for (const name of ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]) delete env[name];
  return new Promise((resolve, reject) => {
    execFile(PYTHON, ["-c", script], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const line = stdout.split("\n").find((l) => l.startsWith("@@RESULT@@"));
      if (error || line === undefined) {
        reject(new Error(`boto snippet failed: ${error?.message ?? "no result"}\n${stderr}\n${stdout}`));
        return;
      }
      resolve(JSON.parse(line.slice("@@RESULT@@".length)));
    });
  });
}

export interface LegacyOptions {
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Timestamp as sent; default now, with milliseconds. */
  timestamp?: string;
  /** Replace the computed signature. */
  signature?: string;
  /** GET with everything in the query string instead of a form POST. */
  method?: "GET" | "POST";
  path?: string;
  omit?: string[];
}

export interface LegacyResponse {
  status: number;
  text: string;
  /** The parsed document, root element included. */
  doc: any;
}

export const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => ["Error", "HIT", "Assignment", "DataPoint", "Data", "QualificationType", "BonusPayment", "WorkerBlock", "Qualification", "QualificationRequest", "OperationInformation", "NotifyWorkersFailureStatus", "GetStatisticResult", "ReviewResult", "ReviewAction"].includes(name) });

export const sign = (secret: string, operation: string, timestamp: string): string =>
  createHmac("sha1", secret).update(`AWSMechanicalTurkRequester${operation}${timestamp}`).digest("base64");

/** A legacy REST call signed with the classic scheme. `params` may repeat names by passing arrays. */
export async function legacy(t: TestEmu, operation: string, params: Record<string, string | number | boolean | Array<string | number>> = {}, options: LegacyOptions = {}): Promise<LegacyResponse> {
  const credentials = options.credentials ?? CREDENTIALS;
  const timestamp = options.timestamp ?? new Date().toISOString();
  const form = new URLSearchParams();
  const common: Record<string, string> = {
    Service: "AWSMechanicalTurkRequester",
    AWSAccessKeyId: credentials.accessKeyId,
    Version: "2014-08-15",
    Operation: operation,
    Timestamp: timestamp,
    Signature: options.signature ?? sign(credentials.secretAccessKey, operation, timestamp),
  };
  for (const [key, value] of Object.entries(common)) if (!options.omit?.includes(key) && !(key in params)) form.append(key, value);
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, String(v));
  }
  const path = options.path ?? "/";
  const res =
    options.method === "GET"
      ? await fetch(`${t.url}${path}?${form}`)
      : await fetch(`${t.url}${path}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded; charset=UTF-8" }, body: form.toString() });
  const text = await res.text();
  return { status: res.status, text, doc: parser.parse(text) };
}

/** The one result element of a response document (HIT, <Op>Result, …). */
export function result(r: LegacyResponse, element: string): any {
  const root = Object.keys(r.doc).find((k) => k !== "?xml")!;
  const value = r.doc[root][element];
  return Array.isArray(value) ? value[0] : value;
}

export function rootOf(r: LegacyResponse): { name: string; body: any } {
  const name = Object.keys(r.doc).find((k) => k !== "?xml")!;
  return { name, body: r.doc[name] };
}

/** The first error of a response, wherever it is (request-level or result-level). */
export function firstError(r: LegacyResponse): { Code: string; Message: string; Data?: Array<{ Key: string; Value: string }> } | undefined {
  const match = /<Errors>.*<\/Errors>/.exec(r.text);
  if (!match) return undefined;
  return parser.parse(match[0]).Errors.Error[0];
}

/** A SOAP 1.1 call as a toolkit would make it (one Request element of `inner` XML), signed with the classic scheme. */
export async function soapCall(t: TestEmu, operation: string, inner: string, credentials = CREDENTIALS): Promise<{ status: number; text: string; body: any }> {
  const timestamp = new Date().toISOString();
  const envelope =
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
    `<${operation} xmlns="http://requester.mturk.amazonaws.com/doc/2014-08-15"><AWSAccessKeyId>${credentials.accessKeyId}</AWSAccessKeyId>` +
    `<Timestamp>${timestamp}</Timestamp><Signature>${sign(credentials.secretAccessKey, operation, timestamp)}</Signature><Request>${inner}</Request>` +
    `</${operation}></soap:Body></soap:Envelope>`;
  const res = await fetch(`${t.url}/?Service=AWSMechanicalTurkRequester`, {
    method: "POST",
    headers: { "content-type": "text/xml; charset=utf-8", soapaction: '"http://soap.amazon.com"' },
    body: envelope,
  });
  const text = await res.text();
  const doc = parser.parse(text);
  return { status: res.status, text, body: doc["soapenv:Envelope"]?.["soapenv:Body"]?.[`${operation}Response`] };
}

export const escapeXml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
