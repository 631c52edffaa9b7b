// Shared by the robustness suites: the emulator as a child process started by its own CLI (so it can be
// killed, measured and raced at the HTTP level), a SigV4 signer written independently of the emulator's
// verifier, and small JSON API / control API clients with a per-request timeout.
//
// The CLI runs from dist/ (bin/mturk-emu.js requires dist/src/cli/main.js): `npm test` builds first; when a
// suite runs on its own and dist/ is missing, ensureBuilt() builds it. A stale dist/ is used as it is.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createHash, createHmac } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

export const ROOT = resolve(__dirname, "../..");
const BIN = join(ROOT, "bin/mturk-emu.js");

export const CREDENTIALS = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
export const TARGET_PREFIX = "MTurkRequesterServiceV20170117";
/** Every request gets this long before the suite calls the emulator hung. */
export const REQUEST_TIMEOUT_MS = 10_000;

export async function ensureBuilt(): Promise<void> {
  if (!existsSync(join(ROOT, "dist/src/cli/main.js"))) await promisify(execFile)("npm", ["run", "build"], { cwd: ROOT, timeout: 180_000 });
}

export interface Child {
  url: string;
  host: string;
  pid: number;
  process: ChildProcess;
  /** Whatever the child wrote to stderr so far (crashes show here). */
  stderr(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves when it has exited. */
  stop(): Promise<void>;
  /** SIGKILL at once; resolves when it has exited. */
  kill9(): Promise<void>;
}

/** `mturk-emu start --port 0 --db <db>`; resolves once it printed its URL. */
export function startChild(db: string, args: string[] = []): Promise<Child> {
  // Settings come from the flags only: no MTURK_EMU_* variables of the caller's shell.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("MTURK_EMU_")));
  const child = spawn(process.execPath, [BIN, "start", "--port", "0", "--db", db, "--log-level", "silent", ...args], { cwd: ROOT, env });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const halt = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`mturk-emu start: no URL in 20 s (stderr: ${stderr})`));
    }, 20_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /mturk-emu listening on (http:\/\/(\S+))\n/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.removeAllListeners("data");
      child.stdout!.resume();
      done({
        url: match[1],
        host: match[2],
        pid: child.pid!,
        process: child,
        stderr: () => stderr,
        stop: () => {
          const force = setTimeout(() => child.kill("SIGKILL"), 5000);
          return halt("SIGTERM").finally(() => clearTimeout(force));
        },
        kill9: () => halt("SIGKILL"),
      });
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`mturk-emu start exited (${code ?? signal}) before printing its URL: ${stderr}`));
    });
  });
}

/** Resident set size of a running process in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) / 1024;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
export const amzDate = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}/, "").replace(/[-:]/g, "");

/** SigV4 headers for POST / with this body, signed at `nowMs` (default: now). */
export function signedHeaders(
  host: string,
  operation: string,
  body: string | Buffer,
  { nowMs = Date.now(), credentials = CREDENTIALS, contentType = "application/x-amz-json-1.1", target = `${TARGET_PREFIX}.${operation}` } = {},
): Record<string, string> {
  const date = amzDate(nowMs);
  const day = date.slice(0, 8);
  const headers: Record<string, string> = { "content-type": contentType, host, "x-amz-date": date, "x-amz-target": target };
  const names = Object.keys(headers).sort();
  const canonical = ["POST", "/", "", names.map((n) => `${n}:${headers[n]}\n`).join(""), names.join(";"), sha256(body)].join("\n");
  const scope = `${day}/us-east-1/mturk-requester/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", date, scope, sha256(canonical)].join("\n");
  let key: Buffer = Buffer.from(`AWS4${credentials.secretAccessKey}`);
  for (const part of [day, "us-east-1", "mturk-requester", "aws4_request"]) key = createHmac("sha256", key).update(part).digest();
  const signature = createHmac("sha256", key).update(toSign).digest("hex");
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`;
  return headers;
}

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  /** Raw text of the body. */
  text: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  json: T | undefined;
}

/** Any HTTP request, with the suite's timeout. */
export async function send(url: string, init: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  const res = await fetch(url + (init.path ?? "/"), {
    method: init.method ?? "POST",
    headers: init.headers,
    body: init.body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A signed JSON API call. */
export function api(child: Pick<Child, "url" | "host">, operation: string, input: unknown, options: Parameters<typeof signedHeaders>[3] = {}): Promise<Answer> {
  const body = JSON.stringify(input);
  return send(child.url, { headers: signedHeaders(child.host, operation, body, options), body });
}

/** A control API call. */
export function control(child: Pick<Child, "url">, method: string, path: string, body?: unknown): Promise<Answer> {
  return send(child.url, {
    method,
    path,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export const HTML_QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<!DOCTYPE html><html><body><form><input name="answer"/></form></body></html>]]></HTMLContent><FrameHeight>450</FrameHeight></HTMLQuestion>`;

export function hitInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Title: "Robustness",
    Description: "A HIT for the robustness suites",
    Reward: "0.25",
    AssignmentDurationInSeconds: 600,
    LifetimeInSeconds: 86400,
    MaxAssignments: 1,
    Question: HTML_QUESTION,
    ...overrides,
  };
}

/** A small seedable PRNG, so a failing run can be repeated exactly. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `tasks` with at most `limit` in flight. */
export async function pool<T>(limit: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}
