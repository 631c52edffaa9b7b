// Starts a private emulator on an ephemeral port with an in-memory database, and the clients
// the tests drive it with: the real @aws-sdk/client-mturk and a small control-API client.
import { MTurkClient } from "@aws-sdk/client-mturk";
import { DEFAULT_CONFIG, type Config } from "../../src/config";
import { Emulator } from "../../src/emulator";
import { DEFAULT_CREDENTIALS } from "../../src/protocols/auth/accounts";

export const CREDENTIALS = DEFAULT_CREDENTIALS;

export interface TestEmu {
  emu: Emulator;
  url: string;
  sdk: MTurkClient;
  client(credentials: { accessKeyId: string; secretAccessKey: string }, options?: { maxAttempts?: number }): MTurkClient;
  control<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Control call that must succeed. */
  ctl<T = any>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startTestEmu(overrides: Partial<Config> = {}): Promise<TestEmu> {
  // Notifications are only recorded unless a test asks for delivery (test/notifications): nothing leaves this machine.
  const emu = new Emulator({ ...DEFAULT_CONFIG, port: 0, db: ":memory:", logLevel: "silent", notificationDelivery: false, ...overrides });
  const url = await emu.listen();
  const client = (credentials: { accessKeyId: string; secretAccessKey: string }, options: { maxAttempts?: number } = {}) =>
    new MTurkClient({ endpoint: url, region: "us-east-1", credentials, maxAttempts: options.maxAttempts ?? 1 });
  const sdk = client(CREDENTIALS);
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(url + path, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const ctl = async (method: string, path: string, body?: unknown) => {
    const res = await control(method, path, body);
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  return {
    emu,
    url,
    sdk,
    client,
    control,
    ctl,
    close: async () => {
      sdk.destroy();
      await emu.close();
    },
  };
}

export const HTML_QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<!DOCTYPE html><html><body><form name="mturk_form" method="post" action="https://workersandbox.mturk.com/mturk/externalSubmit"><input type="hidden" name="assignmentId" value=""/><input name="answer"/></form></body></html>]]></HTMLContent><FrameHeight>450</FrameHeight></HTMLQuestion>`;

export const EXTERNAL_QUESTION = `<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd"><ExternalURL>https://example.com/task?id=1</ExternalURL><FrameHeight>600</FrameHeight></ExternalQuestion>`;

/** A minimal CreateHIT input; override what a test cares about. */
export function hitInput(overrides: Record<string, unknown> = {}) {
  return {
    Title: "Tag an image",
    Description: "Look at an image and type one word",
    Reward: "0.25",
    AssignmentDurationInSeconds: 600,
    LifetimeInSeconds: 3600,
    MaxAssignments: 2,
    Question: HTML_QUESTION,
    ...overrides,
  };
}

// ---- Shared helpers for the SDK suites (test/sdk) ----

/** A fixed instant for frozen-clock tests: 2030-03-17T17:46:40Z, whole seconds so times compare exactly. */
export const T0 = 1_900_000_000;

/** Freezes the emulator clock at `epochS` (whole seconds). */
export async function freezeAt(t: TestEmu, epochS: number = T0): Promise<void> {
  await t.ctl("POST", "/_emu/clock", { freeze: true });
  await t.ctl("POST", "/_emu/clock", { set: epochS });
}

export const advance = (t: TestEmu, seconds: number) => t.ctl("POST", "/_emu/clock", { advanceSeconds: seconds });

/** Epoch seconds of an SDK timestamp. */
export const secs = (d: Date | undefined): number | undefined => (d === undefined ? undefined : d.getTime() / 1000);

/**
 * Awaits a call that must fail and checks the SDK error: `name` is the wire `__type`, `code` the TurkErrorCode,
 * `message` a substring or pattern of the Message. Returns the error for further checks.
 */
export async function expectError(call: Promise<unknown>, name: string, code?: string, message?: string | RegExp): Promise<any> {
  let error: any;
  try {
    await call;
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new Error(`expected ${name}${code ? ` (${code})` : ""}, but the call succeeded`);
  expect({ name: error.name, code: error.TurkErrorCode }).toEqual({ name, code: code ?? error.TurkErrorCode });
  if (typeof message === "string") expect(error.message).toContain(message);
  else if (message) expect(error.message).toMatch(message);
  return error;
}

/** Registers a worker (a fresh id unless given) and returns its id. */
export async function newWorker(t: TestEmu, workerId?: string): Promise<string> {
  return (await t.ctl("POST", "/_emu/workers", workerId === undefined ? {} : { WorkerId: workerId })).WorkerId;
}

/** A new worker accepts the HIT; returns both ids. */
export async function accept(t: TestEmu, hitId: string, workerId?: string): Promise<{ WorkerId: string; AssignmentId: string }> {
  const WorkerId = workerId ?? (await newWorker(t));
  const { AssignmentId } = await t.ctl("POST", `/_emu/workers/${WorkerId}/accept`, { HITId: hitId });
  return { WorkerId, AssignmentId };
}

export async function submit(t: TestEmu, assignmentId: string, answers: Record<string, string | string[]> = { answer: "cat" }) {
  return t.ctl("POST", `/_emu/assignments/${assignmentId}/submit`, { Answers: answers });
}

/** A new worker accepts the HIT and submits at once. */
export async function acceptAndSubmit(t: TestEmu, hitId: string, answers?: Record<string, string | string[]>) {
  const ids = await accept(t, hitId);
  await submit(t, ids.AssignmentId, answers);
  return ids;
}

/**
 * One emulator for the whole test file, reset before each test (and its clock frozen at `frozenAt`
 * when given). The returned object is filled in by beforeAll, so tests use it as they would a TestEmu.
 */
export function useEmu(options: { frozenAt?: number; config?: Partial<Config> } = {}): TestEmu {
  const t = {} as TestEmu;
  beforeAll(async () => {
    Object.assign(t, await startTestEmu(options.config));
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.ctl("POST", "/_emu/reset");
    if (options.frozenAt !== undefined) await freezeAt(t, options.frozenAt);
  });
  return t;
}
