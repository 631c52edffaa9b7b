// Every /_emu control endpoint over HTTP against a listening emulator: health, reset, clock, state dump,
// snapshots, workers and their actions, layouts, seed, fixture schema, HIT listing, request log, faults,
// uploaded files, and the loopback-only rule.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CreateHITCommand, GetAccountBalanceCommand, GetHITCommand, ListHITsCommand, type CreateHITCommandInput } from "@aws-sdk/client-mturk";
import { isLoopback } from "../../src/app";
import { T0, accept, freezeAt, hitInput, newWorker, startTestEmu, submit, type TestEmu } from "../helpers/emu";

let t: TestEmu;

const createHit = async (overrides: Record<string, unknown> = {}) => (await t.sdk.send(new CreateHITCommand(hitInput(overrides) as CreateHITCommandInput))).HIT!;
const hitIds = async () => ((await t.sdk.send(new ListHITsCommand({}))).HITs ?? []).map((h) => h.HITId);
/** A refusal: the status and the {code, message} body, message checked against `message`. */
async function refused(method: string, path: string, body: unknown, status: number, message?: RegExp) {
  const res = await t.control(method, path, body);
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ code: expect.any(String), message: expect.any(String) });
  if (message) expect(res.body.message).toMatch(message);
  return res.body as { code: string; message: string };
}

beforeAll(async () => {
  t = await startTestEmu();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.ctl("POST", "/_emu/reset");
  await t.ctl("DELETE", "/_emu/faults");
  await t.ctl("DELETE", "/_emu/requests");
});

describe("health and reset", () => {
  it("reports health", async () => {
    expect(await t.control("GET", "/_emu/health")).toEqual({ status: 200, body: { status: "ok" } });
  });

  it("empties the state but keeps the accounts", async () => {
    await createHit();
    await newWorker(t, "ARESETME");
    expect(await t.ctl("POST", "/_emu/reset")).toEqual({ status: "ok" });
    expect(await hitIds()).toEqual([]);
    expect((await t.ctl("GET", "/_emu/workers")).workers).toEqual([]);
    // The default key pair still signs valid requests.
    expect((await t.sdk.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe("10000.00");
  });
});

describe("clock", () => {
  it("sets, advances, freezes and unfreezes", async () => {
    await freezeAt(t, T0);
    expect(await t.ctl("GET", "/_emu/clock")).toEqual({ now: T0, frozen: true });
    expect(await t.ctl("POST", "/_emu/clock", { advanceSeconds: 90 })).toEqual({ now: T0 + 90, frozen: true });
    expect(await t.ctl("POST", "/_emu/clock", { set: T0 + 1000 })).toEqual({ now: T0 + 1000, frozen: true });
    const running = await t.ctl("POST", "/_emu/clock", { freeze: false });
    expect(running.frozen).toBe(false);
    expect(running.now).toBeGreaterThanOrEqual(T0 + 1000);
  });

  it.each([
    [{}, /advanceSeconds/],
    [{ advanceSeconds: "ten" }, /advanceSeconds/],
    [{ set: "2030-01-01" }, /set/],
    [{ freeze: "yes" }, /freeze/],
  ])("refuses %j with 400 {code, message}", async (body, message) => {
    await freezeAt(t, T0);
    await refused("POST", "/_emu/clock", body, 400, message);
    expect(await t.ctl("GET", "/_emu/clock")).toEqual({ now: T0, frozen: true });
  });

  it("refuses a body that is not JSON", async () => {
    const res = await fetch(t.url + "/_emu/clock", { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).code).toBe("InvalidJson");
  });
});

describe("state", () => {
  it("holds the default account's HITs and the shared workers", async () => {
    const hit = await createHit();
    await newWorker(t, "ASTATEWORKER");
    const state = await t.ctl("GET", "/_emu/state");
    expect(state.clock).toEqual(expect.objectContaining({ frozen: false }));
    const account = state.accounts.find((a: any) => a.accessKeyId === t.emu.accounts.defaultKey);
    expect(account).toBeDefined();
    expect(account.secretAccessKey).toBeUndefined();
    expect(account.tables.hits.map((h: any) => h.id)).toEqual([hit.HITId]);
    expect(state.shared.workers.map((w: any) => w.id)).toEqual(["ASTATEWORKER"]);
  });

  it("includes layouts defined through the control API (they belong to no account)", async () => {
    await t.ctl("POST", "/_emu/layouts", { HITLayoutId: "STATELAYOUT", Template: "<p>${x}</p>" });
    const state = await t.ctl("GET", "/_emu/state");
    const everywhere = [...(state.shared.hit_layouts ?? []), ...state.accounts.flatMap((a: any) => a.tables.hit_layouts ?? [])];
    expect(everywhere.map((l: any) => l.id)).toEqual(["STATELAYOUT"]);
  });
});

describe("snapshot and restore", () => {
  it("puts back the HITs, workers and clock of the snapshot", async () => {
    await freezeAt(t, T0);
    const kept = await createHit();
    await newWorker(t, "AKEPT");
    const snap = await t.ctl("POST", "/_emu/snapshot", { name: "before" });
    expect(snap).toEqual({ name: "before", tables: expect.objectContaining({ hits: 1, workers: 1 }) });

    await createHit();
    await newWorker(t, "ALATER");
    await t.ctl("POST", "/_emu/clock", { advanceSeconds: 86400 });
    expect(await hitIds()).toHaveLength(2);

    expect(await t.ctl("POST", "/_emu/restore", { name: "before" })).toEqual({ name: "before", restored: true });
    expect(await hitIds()).toEqual([kept.HITId]);
    expect((await t.ctl("GET", "/_emu/workers")).workers.map((w: any) => w.WorkerId)).toEqual(["AKEPT"]);
    expect(await t.ctl("GET", "/_emu/clock")).toEqual({ now: T0, frozen: true });
  });

  it("answers 404 for an unknown name and 400 naming the field for a bad body", async () => {
    expect((await refused("POST", "/_emu/restore", { name: "never-taken" }, 404, /never-taken/)).code).toBe("SnapshotNotFound");
    await refused("POST", "/_emu/snapshot", { name: 42 }, 400, /name/);
    await refused("POST", "/_emu/snapshot", {}, 400, /name/);
    await refused("POST", "/_emu/restore", { name: "" }, 400, /name/);
  });
});

describe("workers and assignments", () => {
  it("creates, lists and gets workers; an unknown one is 404", async () => {
    const id = await newWorker(t, "AWORKERONE");
    const generated = await newWorker(t);
    expect(generated).toMatch(/^A[A-Z0-9]+$/);
    const { workers } = await t.ctl("GET", "/_emu/workers");
    expect(workers.map((w: any) => w.WorkerId).sort()).toEqual([id, generated].sort());
    expect(await t.ctl("GET", `/_emu/workers/${id}`)).toEqual(expect.objectContaining({ WorkerId: id, CreationTime: expect.any(Number) }));
    expect((await refused("GET", "/_emu/workers/ANOSUCHWORKER", undefined, 404)).code).toBe("WorkerNotFound");
    await refused("POST", "/_emu/workers", { WorkerId: 7 }, 400, /WorkerId/);
  });

  it("accept, submit, return and abandon move the assignment through its statuses", async () => {
    const hit = (await createHit({ MaxAssignments: 3 })).HITId!;
    const a = await accept(t, hit);
    expect(await submit(t, a.AssignmentId, { answer: "cat" })).toEqual({ AssignmentId: a.AssignmentId, AssignmentStatus: "Submitted" });
    const b = await accept(t, hit);
    expect(await t.ctl("POST", `/_emu/assignments/${b.AssignmentId}/return`)).toEqual({ AssignmentId: b.AssignmentId, AssignmentStatus: "Returned" });
    const c = await accept(t, hit);
    expect(await t.ctl("POST", `/_emu/assignments/${c.AssignmentId}/abandon`)).toEqual({ AssignmentId: c.AssignmentId, AssignmentStatus: "Abandoned" });
    const h = (await t.sdk.send(new GetHITCommand({ HITId: hit }))).HIT!;
    expect([h.NumberOfAssignmentsPending, h.NumberOfAssignmentsAvailable]).toEqual([0, 2]);

    expect((await refused("POST", `/_emu/workers/${a.WorkerId}/accept`, { HITId: "3NOSUCHHIT0000000000000000000A" }, 404)).code).toBe("HITNotFound");
    await refused("POST", `/_emu/workers/${a.WorkerId}/accept`, {}, 400, /HITId/);
    await refused("POST", `/_emu/assignments/${a.AssignmentId}/submit`, { Answers: "cat" }, 400, /Answers/);
  });
});

describe("layouts, seed and the fixture schema", () => {
  it("defines a layout that CreateHIT can use", async () => {
    const { HITLayoutId } = await t.ctl("POST", "/_emu/layouts", {
      HITLayoutId: "CTLLAYOUT1",
      Template: "<p>Tag ${image}</p><form><input name='tag'/></form>",
    });
    expect(HITLayoutId).toBe("CTLLAYOUT1");
    const { Question: _q, ...input } = hitInput();
    const hit = (await t.sdk.send(new CreateHITCommand({ ...input, HITLayoutId, HITLayoutParameters: [{ Name: "image", Value: "cat.png" }] }))).HIT!;
    expect(hit.HITLayoutId).toBe("CTLLAYOUT1");
    expect((await t.ctl("POST", "/_emu/layouts", { Template: "<p>x</p>" })).HITLayoutId).toMatch(/^[A-Z0-9]+$/);
    await refused("POST", "/_emu/layouts", { HITLayoutId: "lower-case", Template: "x" }, 400, /HITLayoutId/);
    await refused("POST", "/_emu/layouts", {}, 400, /Template/);
  });

  it("seeds a fixture and refuses an empty body", async () => {
    const fixture = { workers: [{ WorkerId: "ASEEDED" }], hits: [{ ref: "h", ...hitInput({ MaxAssignments: 1 }) }] };
    const result = await t.ctl("POST", "/_emu/seed", fixture);
    expect(result).toEqual(expect.objectContaining({ workers: 1, assignments: 0, hits: { h: expect.any(String) } }));
    expect(await hitIds()).toEqual([result.hits.h]);
    await refused("POST", "/_emu/seed", undefined, 400);
  });

  it("publishes the fixture JSON Schema", async () => {
    const schema = await t.ctl("GET", "/_emu/fixture-schema");
    expect(schema.type).toBe("object");
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(schema.properties.hits).toEqual(expect.objectContaining({ type: "array" }));
  });
});

describe("hits and requests", () => {
  it("lists the HITs of every account with their AccessKeyId", async () => {
    const other = { accessKeyId: "AKIAOTHERACCOUNT0001", secretAccessKey: "other-secret" };
    await t.ctl("POST", "/_emu/seed", { accounts: [other] });
    const mine = await createHit();
    const client = t.client(other);
    const theirs = (await client.send(new CreateHITCommand(hitInput() as CreateHITCommandInput))).HIT!;
    client.destroy();
    const { hits } = await t.ctl("GET", "/_emu/hits");
    const byId = Object.fromEntries(hits.map((h: any) => [h.HITId, h.AccessKeyId]));
    expect(byId).toEqual({ [mine.HITId!]: t.emu.accounts.defaultKey, [theirs.HITId!]: other.accessKeyId });
    expect(hits[0]).toEqual(expect.objectContaining({ Title: "Tag an image", HITStatus: "Assignable" }));
  });

  it("logs SDK calls, filters by operation and clears", async () => {
    await createHit();
    await t.sdk.send(new GetAccountBalanceCommand({}));
    const { requests } = await t.ctl("GET", "/_emu/requests?operation=CreateHIT");
    expect(requests).toEqual([
      expect.objectContaining({ protocol: "json", operation: "CreateHIT", status: 200, accessKeyId: t.emu.accounts.defaultKey, ms: expect.any(Number) }),
    ]);
    const all = (await t.ctl("GET", "/_emu/requests")).requests;
    expect(all.map((r: any) => r.operation)).toEqual(["CreateHIT", "GetAccountBalance"]);
    expect((await t.ctl("GET", `/_emu/requests?since=${all[0].seq}`)).requests.map((r: any) => r.operation)).toEqual(["GetAccountBalance"]);
    await t.ctl("DELETE", "/_emu/requests");
    expect((await t.ctl("GET", "/_emu/requests")).requests).toEqual([]);
  });
});

describe("faults", () => {
  it("adds, lists and clears rules; a bad effect is a 400 naming effect", async () => {
    const rule = await t.ctl("POST", "/_emu/faults", { operation: "CreateHIT", effect: "throttle", count: 2 });
    expect(rule).toEqual({ id: expect.any(String), operation: "CreateHIT", effect: "throttle", count: 2, fired: 0 });
    expect((await t.ctl("GET", "/_emu/faults")).faults).toEqual([rule]);
    expect(await t.ctl("DELETE", "/_emu/faults")).toEqual({ faults: [] });
    expect((await t.ctl("GET", "/_emu/faults")).faults).toEqual([]);

    await refused("POST", "/_emu/faults", { effect: "explode" }, 400, /effect/);
    await refused("POST", "/_emu/faults", { operation: "CreateHIT" }, 400, /effect/);
    await refused("POST", "/_emu/faults", { effect: "throttle", count: 0 }, 400, /count/);
    await refused("POST", "/_emu/faults", { effect: "throttle", colour: "red" }, 400, /colour/);
    expect((await t.ctl("GET", "/_emu/faults")).faults).toEqual([]);
  });
});

describe("files", () => {
  it("answers 404 for a missing upload and 403 for an expired URL", async () => {
    await freezeAt(t, T0);
    expect((await refused("GET", `/_emu/files/3NOASSIGNMENT/q1?expires=${T0 + 60}`, undefined, 404)).code).toBe("FileNotFound");
    expect((await refused("GET", `/_emu/files/3NOASSIGNMENT/q1?expires=${T0 - 1}`, undefined, 403)).code).toBe("UrlExpired");
    expect((await refused("GET", `/_emu/files/3NOASSIGNMENT/q1`, undefined, 403)).code).toBe("UrlExpired");
  });
});

describe("the loopback rule", () => {
  // Driven through the app itself, with the socket's remote address shadowed before express sees the
  // request, and through the pure isLoopback export.
  let server: Server;
  let pretend = "203.0.113.7";
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      Object.defineProperty(req.socket, "remoteAddress", { value: pretend, configurable: true });
      t.emu.app(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(["203.0.113.7", "10.0.0.2", "::ffff:192.168.1.9", "2001:db8::1"])("refuses the control API to %s with 403", async (address) => {
    pretend = address;
    const res = await fetch(base + "/_emu/health", { headers: { connection: "close" } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ code: "Forbidden", message: expect.stringMatching(/loopback/) });
  });

  it.each(["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])("answers %s", async (address) => {
    pretend = address;
    const res = await fetch(base + "/_emu/health", { headers: { connection: "close" } });
    expect(res.status).toBe(200);
  });

  it("answers anyone with controlFromAnywhere", async () => {
    const open = await startTestEmu({ controlFromAnywhere: true });
    const srv = createServer((req, res) => {
      Object.defineProperty(req.socket, "remoteAddress", { value: "203.0.113.7", configurable: true });
      open.emu.app(req, res);
    });
    await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(srv.address() as AddressInfo).port}/_emu/health`, { headers: { connection: "close" } });
      expect(res.status).toBe(200);
    } finally {
      await new Promise<void>((resolve) => srv.close(() => resolve()));
      await open.close();
    }
  });

  it("isLoopback accepts 127/8, ::1 and IPv4-mapped 127/8 only", () => {
    for (const address of ["127.0.0.1", "127.255.0.9", "::1", "::ffff:127.0.0.1"]) expect(isLoopback(address)).toBe(true);
    for (const address of ["10.0.0.1", "0.0.0.0", "::", "::ffff:10.0.0.1", "128.0.0.1", "1127.0.0.1", "127.0.0.1.example", "", undefined]) {
      expect(isLoopback(address)).toBe(false);
    }
  });
});
