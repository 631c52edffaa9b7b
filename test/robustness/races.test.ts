// Races at the HTTP level, against the emulator as a child process: calls that arrive together must leave the
// state one of the outcomes a serial order would give, never a mix of two.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { api, control, ensureBuilt, hitInput, mulberry32, startChild, type Answer, type Child } from "./helpers";

let dir: string;
let emu: Child;

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "mturk-emu-races-"));
  emu = await startChild(join(dir, "races.db"));
}, 200_000);

afterAll(async () => {
  await emu?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Row = Record<string, unknown>;
/** The default account's rows of one table, from GET /_emu/state. */
async function rows(table: string): Promise<Row[]> {
  const state = (await control(emu, "GET", "/_emu/state")).json;
  const account = state.accounts.find((a: { accessKeyId: string }) => a.accessKeyId === "AKIAIOSFODNN7EXAMPLE");
  return account.tables[table] ?? [];
}

async function createHit(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await api(emu, "CreateHIT", hitInput(overrides));
  expect(res.status).toBe(200);
  return res.json.HIT.HITId;
}

async function newWorker(): Promise<string> {
  const res = await control(emu, "POST", "/_emu/workers", {});
  expect(res.status).toBe(200);
  return res.json.WorkerId;
}

const statuses = (answers: Answer[]) => answers.map((a) => a.status).sort();

describe("accepting", () => {
  it("lets exactly 10 of 50 workers arriving at once into a HIT with 10 assignments", async () => {
    const hitId = await createHit({ MaxAssignments: 10 });
    const workers = await Promise.all(Array.from({ length: 50 }, newWorker));
    const answers = await Promise.all(workers.map((w) => control(emu, "POST", `/_emu/workers/${w}/accept`, { HITId: hitId })));
    const accepted = answers.filter((a) => a.status === 200);
    expect(accepted).toHaveLength(10);
    expect(new Set(accepted.map((a) => a.json.AssignmentId)).size).toBe(10);
    for (const refused of answers.filter((a) => a.status !== 200)) expect([refused.status, refused.json.code]).toEqual([409, "HITNotAvailable"]);

    expect((await rows("assignments")).filter((a) => a.hit_id === hitId)).toHaveLength(10);
    const hit = (await api(emu, "GetHIT", { HITId: hitId })).json.HIT;
    expect([hit.HITStatus, hit.NumberOfAssignmentsPending, hit.NumberOfAssignmentsAvailable]).toEqual(["Unassignable", 10, 0]);
  });

  it("gives one worker accepting the same HIT 10 times at once one assignment", async () => {
    const hitId = await createHit({ MaxAssignments: 5 });
    const worker = await newWorker();
    const answers = await Promise.all(Array.from({ length: 10 }, () => control(emu, "POST", `/_emu/workers/${worker}/accept`, { HITId: hitId })));
    expect(statuses(answers)).toEqual([200, ...Array(9).fill(409)]);
    for (const refused of answers.filter((a) => a.status !== 200)) expect(refused.json.code).toBe("AlreadyAccepted");
    expect((await rows("assignments")).filter((a) => a.hit_id === hitId)).toHaveLength(1);
  });
});

describe("approving while the clock auto-approves", () => {
  const DELAY_S = 3600;
  const random = mulberry32(8);

  it.each(Array.from({ length: 12 }, (_, round) => round))("round %i: one outcome, one AssignmentApproved event", async (round) => {
    const hitId = await createHit({ AutoApprovalDelayInSeconds: DELAY_S, LifetimeInSeconds: 30 * 86400 });
    const worker = await newWorker();
    const { AssignmentId } = (await control(emu, "POST", `/_emu/workers/${worker}/accept`, { HITId: hitId })).json;
    expect((await control(emu, "POST", `/_emu/assignments/${AssignmentId}/submit`, { Answers: { answer: "x" } })).status).toBe(200);

    // Both at once, each after a random 0-2 ms, so either may reach the emulator first; the advance passes the
    // auto-approval deadline.
    const jitter = () => new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 3)));
    const [approved, advanced] = await Promise.all([
      jitter().then(() => api(emu, "ApproveAssignment", { AssignmentId, RequesterFeedback: `round ${round}` })),
      jitter().then(() => control(emu, "POST", "/_emu/clock", { advanceSeconds: DELAY_S + 1 })),
    ]);
    expect(advanced.status).toBe(200);
    // Approved by the call, or auto-approved first so that the call finds it no longer Submitted.
    if (approved.status !== 200) expect([approved.status, approved.json.TurkErrorCode]).toEqual([400, "AWS.MechanicalTurk.InvalidAssignmentState"]);

    const assignment = (await api(emu, "GetAssignment", { AssignmentId })).json.Assignment;
    expect(assignment.AssignmentStatus).toBe("Approved");
    const events = (await rows("events")).filter((e) => e.assignment_id === AssignmentId && e.type === "AssignmentApproved");
    expect(events).toHaveLength(1);
    const hit = (await api(emu, "GetHIT", { HITId: hitId })).json.HIT;
    expect([hit.NumberOfAssignmentsCompleted, hit.NumberOfAssignmentsPending]).toEqual([1, 0]);
  });

  it("rejecting while the clock auto-approves also ends in one outcome", async () => {
    const hitId = await createHit({ AutoApprovalDelayInSeconds: DELAY_S, LifetimeInSeconds: 30 * 86400 });
    const worker = await newWorker();
    const { AssignmentId } = (await control(emu, "POST", `/_emu/workers/${worker}/accept`, { HITId: hitId })).json;
    await control(emu, "POST", `/_emu/assignments/${AssignmentId}/submit`, { Answers: { answer: "x" } });
    const [rejected] = await Promise.all([
      api(emu, "RejectAssignment", { AssignmentId, RequesterFeedback: "no" }),
      control(emu, "POST", "/_emu/clock", { advanceSeconds: DELAY_S + 1 }),
    ]);
    const status = (await api(emu, "GetAssignment", { AssignmentId })).json.Assignment.AssignmentStatus;
    expect(status).toBe(rejected.status === 200 ? "Rejected" : "Approved");
    const events = (await rows("events")).filter((e) => e.assignment_id === AssignmentId && /^Assignment(Approved|Rejected)$/.test(String(e.type)));
    expect(events.map((e) => e.type)).toEqual([status === "Rejected" ? "AssignmentRejected" : "AssignmentApproved"]);
  });
});

describe("UniqueRequestToken", () => {
  it("makes 20 simultaneous CreateHITs with one token create one HIT", async () => {
    const token = `race-${Date.now()}`;
    const annotation = `token race ${token}`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => api(emu, "CreateHIT", hitInput({ UniqueRequestToken: token, RequesterAnnotation: annotation }))));
    const created = answers.filter((a) => a.status === 200);
    expect(created).toHaveLength(1);
    for (const refused of answers.filter((a) => a.status !== 200)) {
      expect([refused.status, refused.json.__type, refused.json.TurkErrorCode]).toEqual([400, "RequestError", "AWS.MechanicalTurk.HitAlreadyExists"]);
      expect(refused.json.Message).toContain(created[0].json.HIT.HITId);
    }
    expect((await rows("hits")).filter((h) => h.requester_annotation === annotation)).toHaveLength(1);
  });
});
