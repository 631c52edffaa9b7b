// Worker blocks and NotifyWorkers through the real @aws-sdk/client-mturk, with the messages read back from
// GET /_emu/outbox (MODERN-API.md §2.9, §2.12, §2.28, §2.30).
import {
  ApproveAssignmentCommand,
  CreateHITCommand,
  CreateWorkerBlockCommand,
  DeleteWorkerBlockCommand,
  ListWorkerBlocksCommand,
  NotifyWorkersCommand,
  RejectAssignmentCommand,
  type CreateHITCommandInput,
} from "@aws-sdk/client-mturk";
import { T0, accept, expectError, freezeAt, hitInput, newWorker, startTestEmu, submit, type TestEmu } from "../helpers/emu";

const OTHER = { accessKeyId: "AKIAOTHERREQUESTER03", secretAccessKey: "other-secret" };

let t: TestEmu;

const block = (WorkerId: string, Reason = "Low quality", client = t.sdk) => client.send(new CreateWorkerBlockCommand({ WorkerId, Reason }));
const listBlocks = (more: { MaxResults?: number; NextToken?: string } = {}, client = t.sdk) => client.send(new ListWorkerBlocksCommand(more));
const notify = (WorkerIds: string[], more: { Subject?: string; MessageText?: string } = {}) =>
  t.sdk.send(new NotifyWorkersCommand({ Subject: "New HITs", MessageText: "We posted more work you may like.", WorkerIds, ...more }));
const outbox = async (query = "") => (await t.ctl("GET", `/_emu/outbox${query}`)).Messages as any[];

/** A worker whose submission this requester approved (or rejected). */
async function workedFor(review: "approve" | "reject" = "approve"): Promise<string> {
  const hit = (await t.sdk.send(new CreateHITCommand(hitInput({ MaxAssignments: 1 }) as CreateHITCommandInput))).HIT!.HITId!;
  const { WorkerId, AssignmentId } = await accept(t, hit);
  await submit(t, AssignmentId);
  if (review === "approve") await t.sdk.send(new ApproveAssignmentCommand({ AssignmentId }));
  else await t.sdk.send(new RejectAssignmentCommand({ AssignmentId, RequesterFeedback: "Wrong" }));
  return WorkerId;
}

beforeAll(async () => {
  t = await startTestEmu({ auth: false });
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.ctl("POST", "/_emu/reset");
  await freezeAt(t, T0);
});

describe("worker blocks", () => {
  it("creates, lists page by page and deletes blocks, per requester", async () => {
    const workers = [await newWorker(t), await newWorker(t), await newWorker(t)];
    for (const w of workers) await block(w, `Reason for ${w}`);
    await block(workers[1], "A better reason"); // blocking again replaces the reason

    const page1 = await listBlocks({ MaxResults: 2 });
    expect(page1.NumResults).toBe(2);
    const page2 = await listBlocks({ MaxResults: 2, NextToken: page1.NextToken });
    expect(page2.NextToken).toBeUndefined();
    expect([...page1.WorkerBlocks!, ...page2.WorkerBlocks!]).toEqual([
      { WorkerId: workers[0], Reason: `Reason for ${workers[0]}` },
      { WorkerId: workers[1], Reason: "A better reason" },
      { WorkerId: workers[2], Reason: `Reason for ${workers[2]}` },
    ]);
    const other = t.client(OTHER);
    expect((await listBlocks({}, other)).WorkerBlocks).toEqual([]);
    other.destroy();

    await t.sdk.send(new DeleteWorkerBlockCommand({ WorkerId: workers[1], Reason: "Forgiven" }));
    expect((await listBlocks()).WorkerBlocks!.map((b) => b.WorkerId)).toEqual([workers[0], workers[2]]);
    // Not blocked (any more): still a success.
    await t.sdk.send(new DeleteWorkerBlockCommand({ WorkerId: workers[1] }));
  });

  it("refuses unknown workers and missing reasons", async () => {
    await expectError(block("A143XRCI1YXAFE"), "ParameterValidationError", undefined, /^The value "A143XRCI1YXAFE" is not valid for the parameter WorkerId\. \(\d{13}\)$/);
    await expectError(block("bad id"), "ParameterValidationError", undefined, 'The value "bad id" is not valid for the parameter WorkerId.');
    const w = await newWorker(t);
    await expectError(block(w, "  "), "ParameterValidationError", undefined, "parameter Reason");
    await expectError(
      t.sdk.send(new CreateWorkerBlockCommand({ WorkerId: w } as never)),
      "ParameterValidationError",
      undefined,
      "Value null at 'reason' failed to satisfy constraint: Member must not be null.",
    );
    await expectError(t.sdk.send(new DeleteWorkerBlockCommand({ WorkerId: "A143XRCI1YXAFE" })), "ParameterValidationError", undefined, /^WorkerId is invalid\. \(\d{13}\)$/);
  });
});

describe("NotifyWorkers", () => {
  it("reports an unknown worker as a failure and delivers to a known one", async () => {
    const known = await workedFor();
    const out = await notify([known, "A143XRCI1YXAFE"], { Subject: "Thanks!", MessageText: "More HITs tomorrow." });
    expect(out.NotifyWorkersFailureStatuses).toEqual([
      { NotifyWorkersFailureCode: "HardFailure", NotifyWorkersFailureMessage: "Worker A143XRCI1YXAFE does not exist.", WorkerId: "A143XRCI1YXAFE" },
    ]);
    const mail = await outbox(`?WorkerId=${known}`);
    expect(mail).toEqual([
      { WorkerId: known, Subject: "Thanks!", MessageText: "More HITs tomorrow.", SentTime: T0, RequesterId: expect.stringMatching(/^A[A-Z0-9]+$/), Kind: "NotifyWorkers" },
    ]);
    expect(await outbox("?WorkerId=A143XRCI1YXAFE")).toEqual([]);
  });

  it("delivers only to workers whose work the requester approved or rejected; others are a SoftFailure", async () => {
    const approved = await workedFor("approve");
    const rejected = await workedFor("reject");
    const stranger = await newWorker(t);
    const out = await notify([approved, stranger, rejected, approved]);
    expect(out.NotifyWorkersFailureStatuses).toEqual([
      { NotifyWorkersFailureCode: "SoftFailure", NotifyWorkersFailureMessage: expect.stringContaining("has not done any work for you"), WorkerId: stranger },
    ]);
    expect((await outbox("?Kind=NotifyWorkers")).map((m) => m.WorkerId)).toEqual([approved, rejected]);
  });

  it("answers an empty failure list when every message is delivered", async () => {
    const w = await workedFor();
    expect((await notify([w])).NotifyWorkersFailureStatuses).toEqual([]);
  });

  it("enforces the limits on workers, subject and text", async () => {
    const w = await workedFor();
    const many = Array.from({ length: 101 }, (_, i) => `A${String(i).padStart(12, "0")}`);
    await expectError(notify(many), "ParameterValidationError", undefined, 'The value "101" is not valid for the parameter WorkerIds.');
    await expectError(notify([w], { Subject: "s".repeat(201) }), "ParameterValidationError", undefined, "parameter Subject");
    await expectError(notify([w], { MessageText: "m".repeat(4097) }), "ParameterValidationError", undefined, "parameter MessageText");
    await expectError(notify([w], { Subject: " " }), "ParameterValidationError", undefined, "parameter Subject");
    await expectError(notify([]), "ParameterValidationError", undefined, "WorkerIds must name at least one worker");
    expect((await notify([w], { Subject: "s".repeat(200), MessageText: "m".repeat(4096) })).NotifyWorkersFailureStatuses).toEqual([]);
    expect(await outbox()).toHaveLength(1);
  });

  it("the outbox refuses an unknown Kind", async () => {
    expect((await t.control("GET", "/_emu/outbox?Kind=Spam")).status).toBe(400);
  });
});
