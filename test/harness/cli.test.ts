// The mturk-emu CLI as a user runs it: `node bin/mturk-emu.js <subcommand> --endpoint <url>` child processes
// against an emulator started here. The CLI runs from dist/ (built by `npm test`; built here when missing).
import { execFile, execFileSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CreateHITCommand, GetAssignmentCommand, type CreateHITCommandInput } from "@aws-sdk/client-mturk";
import { T0, freezeAt, hitInput, startTestEmu, type TestEmu } from "../helpers/emu";

const ROOT = resolve(__dirname, "../..");
let t: TestEmu;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
/** Runs the CLI with a clean MTURK_EMU_* environment plus `env`; never throws on a non-zero exit. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("MTURK_EMU_")));
  return new Promise((done) => {
    execFile(process.execPath, ["bin/mturk-emu.js", ...args], { cwd: ROOT, env: { ...clean, ...env } }, (err, stdout, stderr) =>
      done({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}
/** A subcommand against the test emulator that must succeed. */
async function ok(...args: string[]): Promise<string> {
  const run = await cli([...args, "--endpoint", t.url]);
  if (run.code !== 0) throw new Error(`mturk-emu ${args.join(" ")} → ${run.code}: ${run.stderr}`);
  return run.stdout.trim();
}
/** A subcommand that must fail with exit code 1 and a one-line message matching `message`. */
async function refused(args: string[], message: RegExp) {
  const run = await cli(args);
  expect(run.code).toBe(1);
  expect(run.stdout).toBe("");
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
  expect(run.stderr).toMatch(/^mturk-emu: /);
  expect(run.stderr).toMatch(message);
}
const createHit = async () => (await t.sdk.send(new CreateHITCommand(hitInput() as CreateHITCommandInput))).HIT!.HITId!;

beforeAll(async () => {
  if (!existsSync(join(ROOT, "dist/src/cli/main.js"))) execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
  t = await startTestEmu();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.ctl("POST", "/_emu/reset");
});

describe("seed, reset, hits and status", () => {
  it("seed prints a summary, or the result with --json", async () => {
    expect(await ok("seed", "fixtures/test-world.json")).toBe("seeded 5 HITs, 4 assignments, 3 workers");
    await t.ctl("POST", "/_emu/reset");
    const result = JSON.parse(await ok("seed", "fixtures/test-survey.yaml", "--json"));
    expect(result).toEqual(expect.objectContaining({ workers: 2, assignments: 2, hits: { "old-survey": expect.any(String), "open-survey": expect.any(String) } }));
    expect((await t.ctl("GET", "/_emu/hits")).hits).toHaveLength(2);
  });

  it("reset empties the state", async () => {
    await createHit();
    expect(await ok("reset")).toBe("reset");
    expect((await t.ctl("GET", "/_emu/hits")).hits).toEqual([]);
  });

  it("hits prints a table with the HITIds, and JSON with --json", async () => {
    expect(await ok("hits")).toBe("no HITs");
    const hitId = await createHit();
    const table = (await ok("hits")).split("\n");
    expect(table[0]).toMatch(/^HITId\s+Status\s+Avail\s+Pend\s+Done\s+Max\s+Reward\s+Expires\s+Title$/);
    expect(table[1]).toMatch(new RegExp(`^${hitId}\\s+Assignable\\s+2\\s+0\\s+0\\s+2\\s+0\\.25\\s+\\S+Z\\s+Tag an image$`));
    const json = JSON.parse(await ok("hits", "--json"));
    expect(json).toEqual([expect.objectContaining({ HITId: hitId, HITStatus: "Assignable", AccessKeyId: t.emu.accounts.defaultKey })]);
  });

  it("status reports the endpoint, clock, HITs and workers", async () => {
    await freezeAt(t, T0);
    await createHit();
    await t.ctl("POST", "/_emu/workers", {});
    expect((await ok("status")).split("\n")).toEqual([`${t.url} ok`, `clock    ${new Date(T0 * 1000).toISOString()} (frozen)`, "HITs     1", "workers  1"]);
    expect(JSON.parse(await ok("status", "--json"))).toEqual({ endpoint: t.url, status: "ok", clock: { now: T0, frozen: true }, hits: 1, workers: 1 });
  });
});

describe("clock", () => {
  it("shows the clock", async () => {
    await freezeAt(t, T0);
    expect(await ok("clock")).toBe(`${new Date(T0 * 1000).toISOString()} (frozen)`);
    expect(JSON.parse(await ok("clock", "--json"))).toEqual({ now: T0, frozen: true });
  });

  it("advance 3d moves it 259200 s", async () => {
    await freezeAt(t, T0);
    expect(await ok("clock", "advance", "3d")).toBe(`${new Date((T0 + 259200) * 1000).toISOString()} (frozen)`);
    expect(await t.ctl("GET", "/_emu/clock")).toEqual({ now: T0 + 259200, frozen: true });
    await ok("clock", "advance", "1d12h");
    expect((await t.ctl("GET", "/_emu/clock")).now).toBe(T0 + 259200 + 129600);
  });

  it("set, freeze and unfreeze", async () => {
    expect(await ok("clock", "freeze")).toMatch(/\(frozen\)$/);
    expect((await t.ctl("GET", "/_emu/clock")).frozen).toBe(true);
    expect(await ok("clock", "set", "2030-01-01T00:00:00Z")).toBe("2030-01-01T00:00:00.000Z (frozen)");
    expect(await t.ctl("GET", "/_emu/clock")).toEqual({ now: Date.parse("2030-01-01T00:00:00Z") / 1000, frozen: true });
    expect(await ok("clock", "unfreeze")).not.toMatch(/frozen/);
    expect((await t.ctl("GET", "/_emu/clock")).frozen).toBe(false);
  });
});

describe("worker", () => {
  it("create, accept, submit and return", async () => {
    const hitId = await createHit();
    expect(JSON.parse(await ok("worker", "create", "--id", "AWORKERX", "--json"))).toEqual({ WorkerId: "AWORKERX" });
    expect(await ok("worker", "create", "--id", "AWORKERY", "--locale", "US-CA")).toBe("AWORKERY");
    expect((await t.ctl("GET", "/_emu/workers/AWORKERY")).Locale).toEqual({ Country: "US", Subdivision: "CA" });

    const assignmentId = await ok("worker", "accept", "AWORKERX", hitId);
    expect(assignmentId).toMatch(/^[A-Z0-9]{30}$/);
    expect(await ok("worker", "submit", assignmentId, "-a", "q=v", "-a", "colour=red", "-a", "colour=blue")).toBe(`${assignmentId} Submitted`);
    const { Assignment } = await t.sdk.send(new GetAssignmentCommand({ AssignmentId: assignmentId }));
    expect(Assignment!.Answer).toContain("<Answer><QuestionIdentifier>q</QuestionIdentifier><FreeText>v</FreeText></Answer>");
    expect(Assignment!.Answer).toContain("<QuestionIdentifier>colour</QuestionIdentifier><FreeText>red|blue</FreeText>");

    const second = await ok("worker", "accept", "AWORKERY", hitId);
    expect(await ok("worker", "return", second)).toBe(`${second} Returned`);
  });
});

describe("exit codes", () => {
  it("is 1 with a one-line message on a refusal", async () => {
    await t.ctl("POST", "/_emu/workers", { WorkerId: "AREFUSED" });
    await refused(["worker", "accept", "AREFUSED", "3NOSUCHHIT0000000000000000000A", "--endpoint", t.url], /HITNotFound/);
  });

  it("is 1 with 'cannot reach' on an unreachable endpoint", async () => {
    await refused(["status", "--endpoint", "http://127.0.0.1:9"], /cannot reach the emulator at http:\/\/127\.0\.0\.1:9/);
  });

  it("is 1 on a bad duration, a bad time and a missing file", async () => {
    await freezeAt(t, T0);
    await refused(["clock", "advance", "soon", "--endpoint", t.url], /"soon" is not a duration/);
    await refused(["clock", "set", "tomorrow", "--endpoint", t.url], /not an ISO 8601 time/);
    await refused(["seed", "fixtures/test-no-such-file.json", "--endpoint", t.url], /cannot read/);
    expect(await t.ctl("GET", "/_emu/clock")).toEqual({ now: T0, frozen: true });
  });

  it("is 1 with the path when a seed is refused", async () => {
    const bad = `hits:\n  - LifetimeInSeconds: 60\n    Reward: abc\n`;
    const file = join(tmpdir(), `mturk-emu-bad-${process.pid}.yaml`);
    writeFileSync(file, bad);
    try {
      await refused(["seed", file, "--endpoint", t.url], /InvalidFixture: hits\[0\]\.Reward/);
    } finally {
      rmSync(file, { force: true });
    }
  });
});

describe("help", () => {
  const COMMANDS = ["start", "seed", "reset", "clock", "worker", "worker create", "worker accept", "worker submit", "worker return", "hits", "status"];
  it.concurrent.each(COMMANDS)(
    "%s --help shows an Example section",
    async (command) => {
      const run = await cli([...command.split(" "), "--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: mturk-emu /);
      expect(run.stdout).toMatch(/\nExamples?:\n\s+\$ mturk-emu /);
    },
  );
});

describe("start --print-config", () => {
  it("takes the port from MTURK_EMU_PORT, and flags over the environment", async () => {
    const fromEnv = await cli(["start", "--print-config"], { MTURK_EMU_PORT: "7001", MTURK_EMU_DB: ":memory:" });
    expect(fromEnv.code).toBe(0);
    expect(JSON.parse(fromEnv.stdout)).toEqual(expect.objectContaining({ port: 7001, db: ":memory:", host: "127.0.0.1", auth: true }));
    const flags = await cli(["start", "--print-config", "--port", "7002", "--auth", "off"], { MTURK_EMU_PORT: "7001", MTURK_EMU_AUTH: "on" });
    expect(JSON.parse(flags.stdout)).toEqual(expect.objectContaining({ port: 7002, auth: false }));
    const defaults = await cli(["start", "--print-config"]);
    expect(JSON.parse(defaults.stdout)).toEqual(expect.objectContaining({ port: 8443, db: "mturk-emu.db" }));
  });

  it("refuses a bad port from the environment", async () => {
    const run = await cli(["start", "--print-config"], { MTURK_EMU_PORT: "http" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/0 to 65535/);
  });
});
