// The JavaScript/TypeScript library: a private emulator per test file in one line.
//
//   const emu = await startEmulator();             // ephemeral port, in-memory database
//   const mturk = new MTurkClient({ endpoint: emu.url, region: emu.region, credentials: emu.credentials });
//   ...
//   await emu.stop();
import { DEFAULT_CONFIG, type Config } from "./config";
import * as workerCommands from "./domain/commands/workers";
import type { AnswerInput } from "./domain/questions/answers";
import type { Assignment } from "./domain/records";
import { Emulator } from "./emulator";
import type { FaultRule, FaultRuleInput } from "./harness/faults";
import type { SeedResult } from "./harness/fixtures/load";
import type { RequestEntry } from "./harness/request-log";
import { DEFAULT_CREDENTIALS } from "./protocols/auth/accounts";

export { Emulator } from "./emulator";
export type { Config } from "./config";
export type { Fixture } from "./harness/fixtures/types";
export { FixtureError, type SeedResult } from "./harness/fixtures/load";

export interface StartOptions extends Partial<Config> {
  /** A fixture to load before the emulator answers: JSON/YAML text or an object. */
  seed?: string | object;
}

export interface RunningEmulator {
  /** The endpoint to give an SDK, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** Any region works; this one is what the SDK examples use. */
  region: string;
  /** The default requester account's key pair. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  stop(): Promise<void>;
  /** Empties the state (accounts stay) and puts the clock back to wall time. */
  reset(): void;
  seed(fixture: string | object): SeedResult;
  snapshot(name: string): void;
  restore(name: string): void;
  clock: {
    /** Emulator time, epoch milliseconds. */
    now(): number;
    advance(seconds: number): void;
    set(time: Date | number): void;
    freeze(): void;
    unfreeze(): void;
  };
  workers: {
    create(attributes?: { WorkerId?: string; [name: string]: unknown }): string;
    accept(workerId: string, hitId: string): string;
    submit(assignmentId: string, answers: AnswerInput | { AnswerXml: string }): Assignment;
    return(assignmentId: string): Assignment;
    abandon(assignmentId: string): Assignment;
  };
  faults: { add(rule: FaultRuleInput): FaultRule; clear(): void };
  requests(filter?: { operation?: string }): RequestEntry[];
  /** The emulator itself, for what the helpers above do not cover. */
  emulator: Emulator;
}

export async function startEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const { seed, ...overrides } = options;
  const emulator = new Emulator({ ...DEFAULT_CONFIG, port: 0, db: ":memory:", logLevel: "silent", ...overrides });
  if (seed !== undefined) emulator.seed(seed);
  const url = await emulator.listen();
  const { domain } = emulator;
  return {
    url,
    port: emulator.port,
    region: "us-east-1",
    credentials: { ...DEFAULT_CREDENTIALS },
    stop: () => emulator.close(),
    reset: () => emulator.reset(),
    seed: (fixture) => emulator.seed(fixture),
    snapshot: (name) => void emulator.snapshot(name),
    restore: (name) => {
      if (!emulator.restore(name)) throw new Error(`No snapshot is named "${name}".`);
    },
    clock: {
      now: () => domain.clock.now(),
      advance: (seconds) => domain.clock.advance(seconds * 1000),
      set: (time) => domain.clock.set(typeof time === "number" ? time : time.getTime()),
      freeze: () => domain.clock.freeze(true),
      unfreeze: () => domain.clock.freeze(false),
    },
    workers: {
      create: ({ WorkerId, ...attributes } = {}) => domain.run((ctx) => workerCommands.createWorker(ctx, { workerId: WorkerId, attributes })).id,
      accept: (workerId, hitId) => domain.run((ctx) => workerCommands.acceptHit(ctx, workerId, hitId)).id,
      submit: (assignmentId, answers) =>
        domain.run((ctx) =>
          workerCommands.submitAssignment(ctx, assignmentId, typeof answers.AnswerXml === "string" ? { answerXml: answers.AnswerXml } : { answers: answers as AnswerInput }),
        ),
      return: (assignmentId) => domain.run((ctx) => workerCommands.returnAssignment(ctx, assignmentId)),
      abandon: (assignmentId) => domain.run((ctx) => workerCommands.abandonAssignment(ctx, assignmentId)),
    },
    faults: { add: (rule) => emulator.faults.add(rule), clear: () => emulator.faults.clear() },
    requests: (filter) => emulator.requestLog.list(filter),
    emulator,
  };
}
