// State that outlives the process, concurrent workers, and the `mturk-emu start` command.
//
// The CLI runs from dist/ (bin/mturk-emu.js requires dist/src/cli/main.js). `npm test` builds first; when this
// file is run on its own and dist/ is missing, beforeAll below runs `npm run build` itself. A dist/ left over
// from an older build is used as it is: run `npm test` (or `npm run build`) to test the current sources.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import {
  CreateHITCommand,
  CreateHITTypeCommand,
  GetAssignmentCommand,
  GetHITCommand,
  ListHITsCommand,
  type CreateHITCommandInput,
} from "@aws-sdk/client-mturk";
import { acceptAndSubmit, hitInput, newWorker, startTestEmu, type TestEmu } from "../helpers/emu";

const ROOT = resolve(__dirname, "../..");
const BIN = join(ROOT, "bin/mturk-emu.js");
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mturk-emu-persist-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("restart on the same database file", () => {
  it("keeps HITs, HIT types, accounts and assignments", async () => {
    const db = join(dir, "restart.db");
    const typeInput = { Title: "Persisted", Description: "d", Reward: "0.10", AssignmentDurationInSeconds: 300 };
    let t = await startTestEmu({ db });
    const hit = (await t.sdk.send(new CreateHITCommand(hitInput({ RequesterAnnotation: "keep me" }) as CreateHITCommandInput))).HIT!;
    const { AssignmentId } = await acceptAndSubmit(t, hit.HITId!, { answer: "persisted answer" });
    const { HITTypeId } = await t.sdk.send(new CreateHITTypeCommand(typeInput));
    const hitBefore = (await t.sdk.send(new GetHITCommand({ HITId: hit.HITId }))).HIT;
    const assignmentBefore = await t.sdk.send(new GetAssignmentCommand({ AssignmentId }));
    await t.close();

    t = await startTestEmu({ db });
    try {
      expect((await t.sdk.send(new GetHITCommand({ HITId: hit.HITId }))).HIT).toEqual(hitBefore);
      const assignmentAfter = await t.sdk.send(new GetAssignmentCommand({ AssignmentId }));
      expect(assignmentAfter.Assignment).toEqual(assignmentBefore.Assignment);
      expect(assignmentAfter.HIT).toEqual(assignmentBefore.HIT);
      expect(assignmentAfter.Assignment!.Answer).toContain("persisted answer");
      expect((await t.sdk.send(new ListHITsCommand({}))).HITs!.map((h) => h.HITId)).toEqual([hit.HITId]);
      expect((await t.sdk.send(new CreateHITTypeCommand(typeInput))).HITTypeId).toBe(HITTypeId);
    } finally {
      await t.close();
    }
  });
});

describe("concurrent accepts", () => {
  let t: TestEmu;
  beforeAll(async () => {
    t = await startTestEmu({ db: join(dir, "race.db") });
  });
  afterAll(() => t.close());

  it("let exactly MaxAssignments of 20 simultaneous workers in", async () => {
    const hit = (await t.sdk.send(new CreateHITCommand(hitInput({ MaxAssignments: 5 }) as CreateHITCommandInput))).HIT!;
    const workers = await Promise.all(Array.from({ length: 20 }, (_, i) => newWorker(t, `ARACE${String(i).padStart(4, "0")}`)));
    const results = await Promise.all(workers.map((w) => t.control("POST", `/_emu/workers/${w}/accept`, { HITId: hit.HITId })));
    const accepted = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    expect(accepted).toHaveLength(5);
    expect(refused).toHaveLength(15);
    expect(new Set(accepted.map((r) => r.body.AssignmentId)).size).toBe(5);
    for (const r of refused) expect([r.status, r.body.code]).toEqual([409, "HITNotAvailable"]);
    const after = (await t.sdk.send(new GetHITCommand({ HITId: hit.HITId }))).HIT!;
    expect([after.HITStatus, after.NumberOfAssignmentsPending, after.NumberOfAssignmentsAvailable, after.NumberOfAssignmentsCompleted]).toEqual([
      "Unassignable",
      5,
      0,
      0,
    ]);
  });
});

describe("mturk-emu start", () => {
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    if (!existsSync(join(ROOT, "dist/src/cli/main.js"))) await promisify(execFile)("npm", ["run", "build"], { cwd: ROOT, timeout: 180_000 });
  }, 200_000);

  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  });

  /** Runs the CLI; resolves on the first stdout line (still running) or on exit. */
  function start(args: string[]): Promise<{ child: ChildProcess; stdout: string; stderr: string; code: number | null }> {
    // Settings come from the flags only: no MTURK_EMU_* variables of the caller's shell.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("MTURK_EMU_")));
    const child = spawn(process.execPath, [BIN, "start", ...args], { cwd: dir, env });
    children.push(child);
    let stdout = "";
    let stderr = "";
    return new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`mturk-emu ${args.join(" ")}: no output in 20 s (stderr: ${stderr})`)), 20_000);
      child.stdout!.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes("\n")) {
          clearTimeout(timer);
          done({ child, stdout, stderr, code: null });
        }
      });
      child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      // "close" comes after the output streams are drained.
      child.on("close", (code) => {
        clearTimeout(timer);
        done({ child, stdout, stderr, code });
      });
    });
  }

  const oneLine = (text: string) => {
    expect(text.trim()).not.toBe("");
    expect(text.trim().split("\n")).toHaveLength(1);
  };

  it("prints one line with its URL and serves the health check and the API", async () => {
    const { child, stdout, code } = await start(["--port", "0", "--db", join(dir, "cli.db")]);
    expect(code).toBeNull();
    oneLine(stdout);
    const match = /^mturk-emu listening on (http:\/\/127\.0\.0\.1:(\d+))\n$/.exec(stdout);
    expect(match).not.toBeNull();
    const url = match![1];
    expect(Number(match![2])).toBeGreaterThan(0);
    const health = await fetch(`${url}/_emu/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });

    const exited = new Promise<number | null>((done) => child.on("exit", (c) => done(c)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("exits non-zero with a one-line reason when the port is busy", async () => {
    const blocker = net.createServer();
    await new Promise<void>((done) => blocker.listen(0, "127.0.0.1", () => done()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const { code, stdout, stderr } = await start(["--port", String(port), "--db", ":memory:"]);
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      expect(stdout).toBe("");
      oneLine(stderr);
      expect(stderr).toContain(String(port));
      expect(stderr).toMatch(/in use/);
    } finally {
      blocker.close();
    }
  });

  it("exits non-zero with a one-line reason when the database cannot be opened", async () => {
    const { code, stdout, stderr } = await start(["--port", "0", "--db", "/nonexistent-dir/x.db"]);
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(stdout).toBe("");
    oneLine(stderr);
    expect(stderr).toContain("/nonexistent-dir/x.db");
  });

  it("exits non-zero on a bad flag value", async () => {
    const { code, stdout, stderr } = await start(["--port", "0", "--db", ":memory:", "--auth", "maybe"]);
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(stdout).toBe("");
    expect(stderr).toMatch(/--auth/);
    expect(stderr).toContain("maybe");
  });
});
