// Durability: the emulator runs as a child process on a database file and is killed with SIGKILL while a
// notification is pending (its destination unreachable); restarted on the same file with the destination up,
// it delivers the notification exactly once. A delivery a killed process left in flight (sent, not yet marked)
// is sent again: the documented at-least-once window.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateHITTypeCommand, CreateHITWithHITTypeCommand, MTurkClient, UpdateNotificationSettingsCommand } from "@aws-sdk/client-mturk";
import Database from "better-sqlite3";
import { CREDENTIALS, HTML_QUESTION } from "../helpers/emu";
import { createQueue, eventually, QueueReader, startMoto, type Moto } from "./helpers";

const ROOT = join(__dirname, "..", "..");
const MAIN = join(ROOT, "dist", "src", "cli", "main.js");

interface Child {
  url: string;
  process: ChildProcess;
  output: () => string;
}

async function startChild(db: string, ...flags: string[]): Promise<Child> {
  const env = { ...process.env, MTURK_EMU_LOG_LEVEL: "info" };
  const child = spawn(process.execPath, [join(ROOT, "bin", "mturk-emu.js"), "start", "--port", "0", "--db", db, ...flags], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const url = await eventually(() => /mturk-emu listening on (\S+)/.exec(output)?.[1], "the emulator to listen", 20_000).catch((err) => {
    throw new Error(`${(err as Error).message}\n${output}`);
  });
  return { url, process: child, output: () => output };
}

/** Adds what the child printed to a failure. */
async function withOutput<T>(child: Child, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- the emulator printed:\n${child.output()}`);
  }
}

async function kill9(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = new Promise((resolve) => child.process.once("exit", resolve));
  child.process.kill("SIGKILL");
  await exited;
}

let moto: Moto;
let dir: string;
const children: Child[] = [];

beforeAll(async () => {
  // `npm test` builds dist/ first; a bare `npx jest` may find it missing, or built before notification delivery.
  if (!existsSync(MAIN) || !existsSync(join(ROOT, "dist", "src", "notifications", "index.js"))) {
    const build = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "tsconfig.build.json")], { cwd: ROOT, encoding: "utf8" });
    if (!existsSync(MAIN)) throw new Error(`could not build dist/: ${build.stdout}${build.stderr}`);
  }
  moto = await startMoto();
  dir = mkdtempSync(join(tmpdir(), "mturk-emu-durability-"));
}, 180_000);
afterAll(async () => {
  for (const child of children) await kill9(child);
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const start = async (db: string, ...flags: string[]) => {
  const child = await startChild(db, ...flags);
  children.push(child);
  return child;
};
const notifications = async (url: string) => ((await (await fetch(`${url}/_emu/notifications`)).json()) as { Notifications: any[] }).Notifications;

test("killed with -9 while a notification is pending, restarted with the destination up: delivered exactly once", async () => {
  const db = join(dir, "pending.db");
  const queue = await createQueue(moto);
  // First life: SQS unreachable (nothing listens on port 9), retries a second apart.
  const first = await start(db, "--sqs-endpoint", "http://127.0.0.1:9", "--notification-retry-ms", "1000");
  const mturk = new MTurkClient({ endpoint: first.url, region: "us-east-1", credentials: CREDENTIALS, maxAttempts: 1 });
  const { HITTypeId } = await mturk.send(new CreateHITTypeCommand({ Title: "Durable", Description: "d", Reward: "0.10", AssignmentDurationInSeconds: 600 }));
  await mturk.send(
    new UpdateNotificationSettingsCommand({ HITTypeId, Active: true, Notification: { Destination: queue.url, Transport: "SQS", Version: "2006-05-05", EventTypes: ["HITCreated"] } }),
  );
  const { HIT } = await mturk.send(new CreateHITWithHITTypeCommand({ HITTypeId, LifetimeInSeconds: 3600, MaxAssignments: 1, Question: HTML_QUESTION }));
  mturk.destroy();
  const [pending] = await eventually(async () => {
    const all = await notifications(first.url);
    return all[0]?.Attempts.length >= 1 ? all : undefined;
  }, "a failed first attempt");
  expect(pending).toMatchObject({ Status: "Pending", Attempts: [{ Outcome: "Failed", Error: expect.stringContaining("ECONNREFUSED") }] });
  await kill9(first);

  // Second life on the same file, with the real (local) SQS.
  const second = await start(db, "--sqs-endpoint", moto.url, "--notification-retry-ms", "1000");
  const reader = new QueueReader(moto, queue.url);
  const [body] = await withOutput(second, () => reader.until((b) => b.length >= 1, "the HITCreated document after the restart", 20_000));
  const doc = JSON.parse(body);
  expect(doc).toMatchObject({ EventDocId: pending.Message.EventDocId, Events: [{ EventType: "HITCreated", HITId: HIT!.HITId, HITTypeId }] });
  const [delivered] = await withOutput(second, () =>
    eventually(async () => {
      const all = await notifications(second.url);
      return all[0]?.Status === "Delivered" ? all : undefined;
    }, "Delivered after the restart"),
  );
  expect(delivered.Attempts.map((a: any) => a.Outcome)).toEqual(["Failed", "Delivered"]);
  expect(await reader.quietFor(1500)).toEqual([]); // exactly once
  expect(second.output()).toContain(`notification ${doc.EventDocId} delivered to SQS ${queue.url}`);
  await kill9(second);
}, 90_000);

test("events recorded while delivery was off go out once it is on; a delivery left in flight by a killed process is sent again", async () => {
  const db = join(dir, "record-then-deliver.db");
  const queue = await createQueue(moto);
  const first = await start(db, "--notifications", "record");
  const mturk = new MTurkClient({ endpoint: first.url, region: "us-east-1", credentials: CREDENTIALS, maxAttempts: 1 });
  const { HITTypeId } = await mturk.send(new CreateHITTypeCommand({ Title: "Recorded", Description: "d", Reward: "0.10", AssignmentDurationInSeconds: 600 }));
  await mturk.send(
    new UpdateNotificationSettingsCommand({ HITTypeId, Active: true, Notification: { Destination: queue.url, Transport: "SQS", Version: "2006-05-05", EventTypes: ["HITCreated"] } }),
  );
  await mturk.send(new CreateHITWithHITTypeCommand({ HITTypeId, LifetimeInSeconds: 3600, MaxAssignments: 1, Question: HTML_QUESTION }));
  mturk.destroy();
  expect((await notifications(first.url)).map((n) => [n.Status, n.Attempts.length])).toEqual([["Pending", 0]]);
  await kill9(first);

  const second = await start(db, "--sqs-endpoint", moto.url);
  const reader = new QueueReader(moto, queue.url);
  await withOutput(second, () => reader.until((b) => b.length >= 1, "the recorded HITCreated document", 20_000));
  await withOutput(second, () => eventually(async () => ((await notifications(second.url))[0]?.Status === "Delivered" ? true : undefined), "Delivered"));
  expect(reader.bodies).toHaveLength(1);
  await kill9(second);

  // Simulate a kill between the send and its mark: the row is left Sending under a process that is gone.
  const sqlite = new Database(db);
  sqlite.prepare("UPDATE notification_deliveries SET status = 'Sending', claim = 'gone', claimed_ms = 0").run();
  sqlite.close();
  const third = await start(db, "--sqs-endpoint", moto.url);
  await withOutput(third, () => reader.until((b) => b.length >= 2, "the in-flight document, sent again", 20_000));
  expect(reader.bodies).toHaveLength(2);
  expect(JSON.parse(reader.bodies[1]).EventDocId).toBe(JSON.parse(reader.bodies[0]).EventDocId); // receivers de-duplicate on it
  expect(third.output()).toContain("1 notification(s) were being sent when the emulator last stopped: sending them again");
  expect(await reader.quietFor(1000)).toEqual([]);
  await kill9(third);
}, 90_000);
