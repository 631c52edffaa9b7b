// Security checks:
// - every modern operation that takes an id, called by account B on account A's object, answers exactly as it
//   answers for an object that does not exist (or PermissionDenied, for the owner-only qualification operations
//   docs/FIDELITY.md lists), and A's objects are unchanged afterwards. The operations come from the generated
//   operation table, so a new operation with an id member fails here until it has a case;
// - a signature outside the 5-minute window is refused ("Signature expired", "not yet current");
// - the control API refuses clients that are not on this machine unless started with --control-from-anywhere.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OPERATION_NAMES, type OperationName } from "../../src/api/generated/operations";
import { INPUT_SCHEMAS } from "../../src/api/generated/schemas";
import { newCustomerId, newEntityId } from "../../src/domain/ids";
import { startTestEmu, type TestEmu } from "../helpers/emu";
import { CREDENTIALS, api, hitInput, send, type Answer } from "./helpers";

const ACCOUNT_B = { accessKeyId: "AKIAROBUSTNESSBBBBBB", secretAccessKey: "robustness/secret/key/of/account/B0000000" };

let dir: string;
let t: TestEmu;
let target: { url: string; host: string };

const asA = (operation: string, input: unknown) => api(target, operation, input, { credentials: CREDENTIALS });
const asB = (operation: string, input: unknown) => api(target, operation, input, { credentials: ACCOUNT_B });
async function ok<T = any>(answer: Promise<Answer>): Promise<T> {
  const res = await answer;
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status} ${res.text}`);
  return res.json;
}

/** A's objects, and B's own HIT and HIT type for the cases that mix the two. */
interface Ids {
  hit: string;
  assignment: string;
  hitType: string;
  qualificationType: string;
  qualificationRequest: string;
  worker: string;
  hitB: string;
  hitTypeB: string;
}
let ids: Ids;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mturk-emu-security-"));
  const credentialsFile = join(dir, "credentials.json");
  writeFileSync(credentialsFile, JSON.stringify([ACCOUNT_B]));
  t = await startTestEmu({ credentialsFile });
  target = { url: t.url, host: new URL(t.url).host };

  // Account A: a qualification type with a pending request, a HIT requiring it (for ListHITsForQualificationType),
  // a HIT with a submitted assignment and a bonus, a HIT type, a worker A blocks.
  const qualificationType = (await ok(asA("CreateQualificationType", { Name: "A's type", Description: "d", QualificationTypeStatus: "Active" })))
    .QualificationType.QualificationTypeId;
  const worker = (await t.ctl("POST", "/_emu/workers", {})).WorkerId;
  const requester = (await t.ctl("POST", "/_emu/workers", {})).WorkerId;
  const qualificationRequest = (await t.ctl("POST", `/_emu/workers/${requester}/qualification-requests`, { QualificationTypeId: qualificationType }))
    .QualificationRequestId;
  await ok(asA("CreateHIT", hitInput({ QualificationRequirements: [{ QualificationTypeId: qualificationType, Comparator: "Exists", ActionsGuarded: "Accept" }] })));
  const hit = (await ok(asA("CreateHIT", hitInput({ MaxAssignments: 3, AutoApprovalDelayInSeconds: 86400 })))).HIT.HITId;
  const { AssignmentId: assignment } = await t.ctl("POST", `/_emu/workers/${worker}/accept`, { HITId: hit });
  await t.ctl("POST", `/_emu/assignments/${assignment}/submit`, { Answers: { answer: "a" } });
  const other = (await t.ctl("POST", `/_emu/workers/${(await t.ctl("POST", "/_emu/workers", {})).WorkerId}/accept`, { HITId: hit })).AssignmentId;
  await t.ctl("POST", `/_emu/assignments/${other}/submit`, { Answers: { answer: "b" } });
  await ok(asA("ApproveAssignment", { AssignmentId: other }));
  await ok(asA("SendBonus", { WorkerId: worker, AssignmentId: assignment, BonusAmount: "0.50", Reason: "thanks", UniqueRequestToken: "a-bonus" }));
  const hitType = (await ok(asA("CreateHITType", { Title: "A's type", Description: "d", Reward: "0.10", AssignmentDurationInSeconds: 60 }))).HITTypeId;
  await ok(asA("CreateWorkerBlock", { WorkerId: worker, Reason: "A's block" }));

  const hitB = (await ok(asB("CreateHIT", hitInput()))).HIT.HITId;
  const hitTypeB = (await ok(asB("CreateHITType", { Title: "B's type", Description: "d", Reward: "0.10", AssignmentDurationInSeconds: 60 }))).HITTypeId;
  ids = { hit, assignment, hitType, qualificationType, qualificationRequest, worker, hitB, hitTypeB };
});

afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

// ---- Cross-account access ----

type Expectation =
  /** Exactly the answer for an object that does not exist (the id in the message aside). */
  | "missing"
  /** RequestError AWS.MechanicalTurk.PermissionDenied: docs/FIDELITY.md, "Owner-only qualification operations". */
  | "permission"
  /** Public by design (docs/FIDELITY.md, "Qualification type visibility"): checked by `check`. */
  | "public"
  /** Workers are shared; what is per account is checked by `check`. */
  | "per-account";

interface Case {
  operation: OperationName;
  /** The id members this case gives another account's (or a missing) value. */
  members: string[];
  input: (ids: Ids) => Record<string, unknown>;
  expect: Expectation;
  check?: (answer: Answer) => void | Promise<void>;
}

/** Members that hold ids; HITLayoutId is not account-scoped (layouts are defined through the control API for every account). */
const ID_MEMBERS = ["HITId", "AssignmentId", "HITTypeId", "QualificationTypeId", "QualificationRequestId", "WorkerId", "WorkerIds"];

const future = () => Math.floor(Date.now() / 1000) + 7200;
const CASES: Case[] = [
  { operation: "AcceptQualificationRequest", members: ["QualificationRequestId"], input: (i) => ({ QualificationRequestId: i.qualificationRequest }), expect: "missing" },
  { operation: "RejectQualificationRequest", members: ["QualificationRequestId"], input: (i) => ({ QualificationRequestId: i.qualificationRequest, Reason: "no" }), expect: "missing" },
  { operation: "ApproveAssignment", members: ["AssignmentId"], input: (i) => ({ AssignmentId: i.assignment }), expect: "missing" },
  { operation: "RejectAssignment", members: ["AssignmentId"], input: (i) => ({ AssignmentId: i.assignment, RequesterFeedback: "no" }), expect: "missing" },
  { operation: "GetAssignment", members: ["AssignmentId"], input: (i) => ({ AssignmentId: i.assignment }), expect: "missing" },
  { operation: "GetFileUploadURL", members: ["AssignmentId"], input: (i) => ({ AssignmentId: i.assignment, QuestionIdentifier: "answer" }), expect: "missing" },
  { operation: "SendBonus", members: ["AssignmentId", "WorkerId"], input: (i) => ({ WorkerId: i.worker, AssignmentId: i.assignment, BonusAmount: "1.00", Reason: "r" }), expect: "missing" },
  { operation: "ListBonusPayments", members: ["HITId"], input: (i) => ({ HITId: i.hit }), expect: "missing" },
  { operation: "ListBonusPayments", members: ["AssignmentId"], input: (i) => ({ AssignmentId: i.assignment }), expect: "missing" },
  { operation: "GetHIT", members: ["HITId"], input: (i) => ({ HITId: i.hit }), expect: "missing" },
  { operation: "DeleteHIT", members: ["HITId"], input: (i) => ({ HITId: i.hit }), expect: "missing" },
  { operation: "ListAssignmentsForHIT", members: ["HITId"], input: (i) => ({ HITId: i.hit }), expect: "missing" },
  { operation: "ListReviewPolicyResultsForHIT", members: ["HITId"], input: (i) => ({ HITId: i.hit }), expect: "missing" },
  { operation: "CreateAdditionalAssignmentsForHIT", members: ["HITId"], input: (i) => ({ HITId: i.hit, NumberOfAdditionalAssignments: 1 }), expect: "missing" },
  { operation: "UpdateExpirationForHIT", members: ["HITId"], input: (i) => ({ HITId: i.hit, ExpireAt: future() }), expect: "missing" },
  { operation: "UpdateHITReviewStatus", members: ["HITId"], input: (i) => ({ HITId: i.hit, Revert: false }), expect: "missing" },
  { operation: "UpdateHITTypeOfHIT", members: ["HITId"], input: (i) => ({ HITId: i.hit, HITTypeId: i.hitTypeB }), expect: "missing" },
  { operation: "UpdateHITTypeOfHIT", members: ["HITTypeId"], input: (i) => ({ HITId: i.hitB, HITTypeId: i.hitType }), expect: "missing" },
  { operation: "CreateHITWithHITType", members: ["HITTypeId"], input: (i) => ({ HITTypeId: i.hitType, LifetimeInSeconds: 3600, Question: hitInput().Question }), expect: "missing" },
  { operation: "UpdateNotificationSettings", members: ["HITTypeId"], input: (i) => ({ HITTypeId: i.hitType, Active: false }), expect: "missing" },
  { operation: "ListReviewableHITs", members: ["HITTypeId"], input: (i) => ({ HITTypeId: i.hitType }), expect: "missing" },
  { operation: "UpdateQualificationType", members: ["QualificationTypeId"], input: (i) => ({ QualificationTypeId: i.qualificationType, Description: "B was here" }), expect: "permission" },
  { operation: "DeleteQualificationType", members: ["QualificationTypeId"], input: (i) => ({ QualificationTypeId: i.qualificationType }), expect: "permission" },
  // The worker is shared; what B must not touch is the qualification A gave (or could give) it.
  { operation: "AssociateQualificationWithWorker", members: ["QualificationTypeId", "WorkerId"], input: (i) => ({ QualificationTypeId: i.qualificationType, WorkerId: i.worker, IntegerValue: 1 }), expect: "permission" },
  { operation: "DisassociateQualificationFromWorker", members: ["QualificationTypeId", "WorkerId"], input: (i) => ({ QualificationTypeId: i.qualificationType, WorkerId: i.worker }), expect: "permission" },
  { operation: "GetQualificationScore", members: ["QualificationTypeId", "WorkerId"], input: (i) => ({ QualificationTypeId: i.qualificationType, WorkerId: i.worker }), expect: "permission" },
  { operation: "ListWorkersWithQualificationType", members: ["QualificationTypeId"], input: (i) => ({ QualificationTypeId: i.qualificationType }), expect: "permission" },
  { operation: "ListQualificationRequests", members: ["QualificationTypeId"], input: (i) => ({ QualificationTypeId: i.qualificationType }), expect: "permission" },
  {
    operation: "GetQualificationType",
    members: ["QualificationTypeId"],
    input: (i) => ({ QualificationTypeId: i.qualificationType }),
    expect: "public",
    check: async (answer) => expect(answer.json).toEqual((await asA("GetQualificationType", { QualificationTypeId: ids.qualificationType })).json),
  },
  {
    operation: "ListHITsForQualificationType",
    members: ["QualificationTypeId"],
    input: (i) => ({ QualificationTypeId: i.qualificationType }),
    expect: "public",
    // B may ask which of *its* HITs require A's public type; A's own HIT requiring it is not among them.
    check: (answer) => expect([answer.status, answer.json.NumResults, answer.json.HITs]).toEqual([200, 0, []]),
  },
  {
    operation: "CreateWorkerBlock",
    members: ["WorkerId"],
    input: (i) => ({ WorkerId: i.worker, Reason: "B's own block" }),
    expect: "per-account",
    check: async (answer) => {
      expect(answer.status).toBe(200);
      const blocksA = (await asA("ListWorkerBlocks", {})).json.WorkerBlocks;
      expect(blocksA).toEqual([{ WorkerId: ids.worker, Reason: "A's block" }]);
    },
  },
  {
    operation: "DeleteWorkerBlock",
    members: ["WorkerId"],
    input: (i) => ({ WorkerId: i.worker }),
    expect: "per-account",
    check: async (answer) => {
      // B removes its own block (if any); A's block on the same worker stays.
      expect(answer.status).toBe(200);
      expect((await asA("ListWorkerBlocks", {})).json.WorkerBlocks).toEqual([{ WorkerId: ids.worker, Reason: "A's block" }]);
      expect((await asB("ListWorkerBlocks", {})).json.WorkerBlocks ?? []).toEqual([]);
    },
  },
  {
    operation: "NotifyWorkers",
    members: ["WorkerIds"],
    input: (i) => ({ Subject: "s", MessageText: "m", WorkerIds: [i.worker] }),
    expect: "per-account",
    // The worker has worked for A (approved and rejected work is what lets a requester write), never for B: for B
    // it is like any worker it never dealt with.
    check: async (answer) => {
      const stranger = (await t.ctl("POST", "/_emu/workers", {})).WorkerId;
      const forStranger = await asB("NotifyWorkers", { Subject: "s", MessageText: "m", WorkerIds: [stranger] });
      expect(normalise(answer, [ids.worker])).toEqual(normalise(forStranger, [stranger]));
    },
  },
];

/** What a client can tell from an answer, with the ids it names and the server time in messages masked. */
function normalise(answer: Answer, idsInAnswer: string[]): unknown {
  let text = answer.text;
  for (const id of idsInAnswer) text = text.split(id).join("<id>");
  const body = JSON.parse(text);
  for (const key of ["Message", "message"]) if (typeof body[key] === "string") body[key] = body[key].replace(/ \(\d+\)$/, "");
  return { status: answer.status, body };
}

const missingIdFor = (member: string) => (member === "WorkerId" ? newCustomerId() : newEntityId());

describe("another account's objects", () => {
  it("every modern operation taking an id has a case for each of its id members", () => {
    const uncovered: string[] = [];
    for (const operation of OPERATION_NAMES) {
      const members = Object.keys((INPUT_SCHEMAS[operation] as { properties?: object }).properties ?? {}).filter((m) => ID_MEMBERS.includes(m));
      for (const member of members) {
        if (!CASES.some((c) => c.operation === operation && c.members.includes(member))) uncovered.push(`${operation}.${member}`);
      }
    }
    expect(uncovered).toEqual([]);
  });

  let before: unknown;
  const viewOfA = async () => ({
    hit: (await asA("GetHIT", { HITId: ids.hit })).json,
    assignment: (await asA("GetAssignment", { AssignmentId: ids.assignment })).json,
    assignments: (await asA("ListAssignmentsForHIT", { HITId: ids.hit })).json,
    bonuses: (await asA("ListBonusPayments", { HITId: ids.hit })).json,
    qualificationType: (await asA("GetQualificationType", { QualificationTypeId: ids.qualificationType })).json,
    requests: (await asA("ListQualificationRequests", { QualificationTypeId: ids.qualificationType })).json,
    qualified: (await asA("ListWorkersWithQualificationType", { QualificationTypeId: ids.qualificationType })).json,
    reviewable: (await asA("ListReviewableHITs", { HITTypeId: ids.hitType })).json,
    hits: (await asA("ListHITs", {})).json.HITs.map((h: { HITId: string; HITTypeId: string; HITStatus: string; MaxAssignments: number; Expiration: number }) => [
      h.HITId,
      h.HITTypeId,
      h.HITStatus,
      h.MaxAssignments,
      h.Expiration,
    ]),
    blocks: (await asA("ListWorkerBlocks", {})).json,
  });
  beforeAll(async () => {
    before = await viewOfA();
  });

  it.each(CASES.map((c) => [`${c.operation} (${c.members.join(", ")})`, c] as const))("%s", async (_name, c) => {
    const foreign = c.input(ids);
    const answer = await asB(c.operation, foreign);
    switch (c.expect) {
      case "missing": {
        const member = c.members[0];
        const missingId = missingIdFor(member);
        const missing = await asB(c.operation, { ...foreign, [member]: missingId });
        expect(normalise(answer, [foreign[member] as string])).toEqual(normalise(missing, [missingId]));
        break;
      }
      case "permission":
        expect([answer.status, answer.json.__type, answer.json.TurkErrorCode]).toEqual([400, "RequestError", "AWS.MechanicalTurk.PermissionDenied"]);
        break;
      default:
        await c.check!(answer);
    }
  });

  it("left every one of A's objects as it was", async () => {
    expect(await viewOfA()).toEqual(before);
  });
});

// ---- Signatures outside the skew window ----

describe("signature replay", () => {
  it("refuses a request signed 6 minutes ago: Signature expired", async () => {
    const res = await api(target, "GetAccountBalance", {}, { nowMs: Date.now() - 6 * 60_000 });
    expect([res.status, res.json.__type]).toEqual([400, "InvalidSignatureException"]);
    expect(res.json.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z/);
  });

  it("refuses a request signed 6 minutes ahead: Signature not yet current", async () => {
    const res = await api(target, "GetAccountBalance", {}, { nowMs: Date.now() + 6 * 60_000 });
    expect([res.status, res.json.__type]).toEqual([400, "InvalidSignatureException"]);
    expect(res.json.message).toMatch(/^Signature not yet current/);
  });

  it("refuses a write signed 6 minutes ago without performing it", async () => {
    const hitsBefore = (await asA("ListHITs", { MaxResults: 100 })).json.NumResults;
    const res = await api(target, "CreateHIT", hitInput(), { nowMs: Date.now() - 6 * 60_000 });
    expect(res.json.__type).toBe("InvalidSignatureException");
    expect((await asA("ListHITs", { MaxResults: 100 })).json.NumResults).toBe(hitsBefore);
  });

  it("still accepts a request signed 4 minutes ago", async () => {
    expect((await api(target, "GetAccountBalance", {}, { nowMs: Date.now() - 4 * 60_000 })).status).toBe(200);
  });
});

// ---- The control API and non-loopback clients ----

describe("the control API from another machine", () => {
  /** A server in front of the emulator's app that makes every request look as if it came from `address`. */
  async function through(emu: TestEmu, address: string): Promise<{ base: string; server: Server }> {
    const server = createServer((req, res) => {
      Object.defineProperty(req.socket, "remoteAddress", { value: address, configurable: true });
      emu.emu.app(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
  }
  const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

  it.each(["203.0.113.7", "10.0.0.2", "::ffff:192.168.1.9", "2001:db8::1", "::ffff:128.0.0.1"])("refuses %s on every endpoint, reset included", async (address) => {
    const hitsBefore = (await asA("ListHITs", { MaxResults: 100 })).json.NumResults;
    const { base, server } = await through(t, address);
    try {
      for (const [method, path, body] of [
        ["GET", "/_emu/health"],
        ["GET", "/_emu/state"],
        ["POST", "/_emu/reset", "{}"],
        ["POST", "/_emu/workers", "{}"],
        ["POST", "/_emu/clock", '{"advanceSeconds": 86400}'],
        ["POST", "/_emu/seed", "{}"],
        ["GET", "/_emu/requests"],
      ] as const) {
        const res = await send(base, { method, path, headers: { "content-type": "application/json", connection: "close" }, body });
        expect([path, res.status, res.json]).toEqual([path, 403, { code: "Forbidden", message: expect.stringMatching(/loopback/) }]);
      }
    } finally {
      await close(server);
    }
    // Nothing was reset, nothing created.
    expect((await asA("ListHITs", { MaxResults: 100 })).json.NumResults).toBe(hitsBefore);
  });

  it("answers another machine when started with --control-from-anywhere", async () => {
    const open = await startTestEmu({ controlFromAnywhere: true });
    const { base, server } = await through(open, "203.0.113.7");
    try {
      expect((await send(base, { method: "GET", path: "/_emu/health", headers: { connection: "close" } })).status).toBe(200);
    } finally {
      await close(server);
      await open.close();
    }
  });
});
