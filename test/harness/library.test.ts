// The startEmulator library, used the way a user's own jest suite would use it: one emulator per file,
// the real SDK pointed at it, workers and the clock driven from JavaScript.
import {
  CreateHITCommand,
  GetAccountBalanceCommand,
  GetAssignmentCommand,
  GetHITCommand,
  ListHITsCommand,
  MTurkClient,
} from "@aws-sdk/client-mturk";
import { FixtureError, startEmulator, type RunningEmulator } from "../../src/index";

const QUESTION = `<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd"><ExternalURL>https://example.com/task</ExternalURL><FrameHeight>600</FrameHeight></ExternalQuestion>`;
const HIT = {
  Title: "Label a sentence",
  Description: "Pick the sentiment of one sentence",
  Reward: "0.20",
  AssignmentDurationInSeconds: 600,
  AutoApprovalDelayInSeconds: 3600,
  LifetimeInSeconds: 86400,
  MaxAssignments: 3,
  Question: QUESTION,
};

let emu: RunningEmulator;
let mturk: MTurkClient;

const createHit = async () => (await mturk.send(new CreateHITCommand(HIT))).HIT!.HITId!;
const hitIds = async () => ((await mturk.send(new ListHITsCommand({}))).HITs ?? []).map((h) => h.HITId);
const status = async (AssignmentId: string) => (await mturk.send(new GetAssignmentCommand({ AssignmentId }))).Assignment!.AssignmentStatus;

beforeAll(async () => {
  emu = await startEmulator();
  mturk = new MTurkClient({ endpoint: emu.url, region: emu.region, credentials: emu.credentials });
});
afterAll(async () => {
  mturk.destroy();
  await emu.stop();
});
beforeEach(() => emu.reset());

it("listens on a free local port with the default account", async () => {
  expect(emu.url).toBe(`http://127.0.0.1:${emu.port}`);
  expect(emu.port).toBeGreaterThan(0);
  expect(emu.region).toBe("us-east-1");
  expect((await mturk.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe("10000.00");
});

it("plays a worker and auto-approves when the clock passes the delay", async () => {
  emu.clock.freeze();
  const hitId = await createHit();
  const workerId = emu.workers.create();
  expect(workerId).toMatch(/^A[A-Z0-9]+$/);
  const assignmentId = emu.workers.accept(workerId, hitId);
  expect((await mturk.send(new GetHITCommand({ HITId: hitId }))).HIT!.NumberOfAssignmentsPending).toBe(1);

  const submitted = emu.workers.submit(assignmentId, { sentiment: "positive" });
  expect(submitted.status).toBe("Submitted");
  const { Assignment } = await mturk.send(new GetAssignmentCommand({ AssignmentId: assignmentId }));
  expect(Assignment).toEqual(expect.objectContaining({ WorkerId: workerId, AssignmentStatus: "Submitted" }));
  expect(Assignment!.Answer).toContain("<QuestionIdentifier>sentiment</QuestionIdentifier><FreeText>positive</FreeText>");

  emu.clock.advance(3599);
  expect(await status(assignmentId)).toBe("Submitted");
  emu.clock.advance(1);
  expect(await status(assignmentId)).toBe("Approved");
  expect((await mturk.send(new GetAssignmentCommand({ AssignmentId: assignmentId }))).Assignment!.ApprovalTime!.getTime()).toBe(emu.clock.now());
});

it("returns and abandons assignments, and takes a worker id and attributes", async () => {
  const hitId = await createHit();
  expect(emu.workers.create({ WorkerId: "ALIBWORKER1", Locale: { Country: "DE" } })).toBe("ALIBWORKER1");
  expect(emu.workers.return(emu.workers.accept("ALIBWORKER1", hitId)).status).toBe("Returned");
  expect(emu.workers.abandon(emu.workers.accept(emu.workers.create(), hitId)).status).toBe("Abandoned");
  const answerXml = `<QuestionFormAnswers xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd"><Answer><QuestionIdentifier>s</QuestionIdentifier><FreeText>neutral</FreeText></Answer></QuestionFormAnswers>`;
  const a = emu.workers.accept(emu.workers.create(), hitId);
  expect(emu.workers.submit(a, { AnswerXml: answerXml }).status).toBe("Submitted");
  expect((await mturk.send(new GetAssignmentCommand({ AssignmentId: a }))).Assignment!.Answer).toContain("<FreeText>neutral</FreeText>");
  expect(() => emu.workers.accept("ANOSUCHWORKER", hitId)).toThrow(/ANOSUCHWORKER/);
});

it("moves, sets, freezes and unfreezes the clock", async () => {
  emu.clock.set(new Date("2031-05-01T12:00:00Z"));
  emu.clock.freeze();
  expect(emu.clock.now()).toBe(Date.parse("2031-05-01T12:00:00Z"));
  emu.clock.advance(90);
  expect(emu.clock.now()).toBe(Date.parse("2031-05-01T12:01:30Z"));
  emu.clock.set(Date.parse("2031-06-01T00:00:00Z"));
  expect((await mturk.send(new CreateHITCommand(HIT))).HIT!.CreationTime!.toISOString()).toBe("2031-06-01T00:00:00.000Z");
  emu.clock.unfreeze();
  expect(emu.clock.now()).toBeGreaterThanOrEqual(Date.parse("2031-06-01T00:00:00Z"));
});

it("reset empties the state and puts the clock back on wall time", async () => {
  emu.clock.set(Date.parse("2035-01-01T00:00:00Z"));
  await createHit();
  emu.reset();
  expect(await hitIds()).toEqual([]);
  expect(Math.abs(emu.clock.now() - Date.now())).toBeLessThan(60_000);
  expect((await mturk.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe("10000.00");
});

it("seeds fixtures from an object or YAML text, and refuses a bad one with FixtureError", async () => {
  const result = emu.seed({ workers: [{ WorkerId: "ASEEDLIB" }], hits: [{ ref: "one", ...HIT, CreatedAt: -120, Assignments: [{ WorkerId: "ASEEDLIB", Status: "Submitted", AcceptedAt: -60, SubmittedAt: -30 }] }] });
  expect(result).toEqual({ workers: 1, qualificationTypes: {}, layouts: 0, hitTypes: {}, hits: { one: expect.any(String) }, assignments: 1 });
  expect(await hitIds()).toEqual([result.hits.one]);
  const yaml = emu.seed(`hits:\n  - ref: two\n    Title: From YAML\n    Description: d\n    Reward: "0.01"\n    AssignmentDurationInSeconds: 60\n    LifetimeInSeconds: 600\n    Question: '${QUESTION}'\n`);
  expect((await mturk.send(new GetHITCommand({ HITId: yaml.hits.two }))).HIT!.Title).toBe("From YAML");

  let error: unknown;
  try {
    emu.seed({ hits: [{ ...HIT, Reward: "free" }] });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(FixtureError);
  expect((error as Error).message).toMatch(/^hits\[0\]\.Reward/);
  expect(await hitIds()).toHaveLength(2);
});

it("snapshots and restores the state and the clock", async () => {
  emu.clock.freeze();
  const kept = await createHit();
  const at = emu.clock.now();
  emu.snapshot("one-hit");
  await createHit();
  emu.clock.advance(86400);
  emu.restore("one-hit");
  expect(await hitIds()).toEqual([kept]);
  expect(emu.clock.now()).toBe(at);
  expect(() => emu.restore("no-such-snapshot")).toThrow(/no-such-snapshot/);
});

it("injects faults and records the requests", async () => {
  const rule = emu.faults.add({ operation: "CreateHIT", effect: "throttle", count: 1 });
  expect(rule).toEqual(expect.objectContaining({ id: expect.any(String), fired: 0 }));
  const out = await mturk.send(new CreateHITCommand(HIT)); // default retries ride out one throttle
  expect(out.$metadata.attempts).toBe(2);
  expect(emu.requests({ operation: "CreateHIT" }).slice(-2).map((r) => [r.status, r.error, r.fault])).toEqual([
    [400, "ThrottlingException", rule.id],
    [200, undefined, undefined],
  ]);

  emu.faults.add({ effect: "serviceFault" });
  emu.faults.clear();
  expect((await mturk.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe("10000.00");
  expect(emu.requests().at(-1)).toEqual(expect.objectContaining({ operation: "GetAccountBalance", status: 200, protocol: "json" }));
});

it("starts with a seed and stops listening on stop()", async () => {
  const other = await startEmulator({ seed: { workers: [{ WorkerId: "ASTARTSEED" }] } });
  expect(other.port).not.toBe(emu.port);
  const res = await fetch(`${other.url}/_emu/workers`);
  expect(((await res.json()) as any).workers.map((w: any) => w.WorkerId)).toEqual(["ASTARTSEED"]);
  await other.stop();
  await expect(fetch(`${other.url}/_emu/health`)).rejects.toThrow();
});
