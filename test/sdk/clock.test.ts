// Deadlines on the emulator clock, observed through the real @aws-sdk/client-mturk: HIT expiry,
// abandonment, auto-approval, and the control API's clock (MODERN-API.md §3.1, §3.2). The clock is
// frozen and moved by hand; nothing here waits on wall time.
import { CreateHITCommand, GetAssignmentCommand, GetHITCommand, type CreateHITCommandInput, type HIT } from "@aws-sdk/client-mturk";
import { T0, accept, advance, expectError, hitInput, newWorker, secs, submit, useEmu } from "../helpers/emu";

const t = useEmu({ frozenAt: T0 });

const createHit = async (overrides: Record<string, unknown> = {}): Promise<HIT> =>
  (await t.sdk.send(new CreateHITCommand(hitInput(overrides) as CreateHITCommandInput))).HIT!;
const getHit = async (HITId: string): Promise<HIT> => (await t.sdk.send(new GetHITCommand({ HITId }))).HIT!;
const getAssignment = async (AssignmentId: string) => (await t.sdk.send(new GetAssignmentCommand({ AssignmentId }))).Assignment!;
const counters = async (HITId: string) => {
  const h = await getHit(HITId);
  return [h.HITStatus, h.NumberOfAssignmentsPending, h.NumberOfAssignmentsAvailable];
};


describe("HIT expiry", () => {
  it("happens exactly LifetimeInSeconds after creation", async () => {
    const hit = await createHit({ LifetimeInSeconds: 3600 });
    expect(secs(hit.Expiration)).toBe(T0 + 3600);
    await advance(t, 3599);
    expect((await getHit(hit.HITId!)).HITStatus).toBe("Assignable");
    const worker = await newWorker(t);
    const early = await t.control("POST", `/_emu/workers/${worker}/accept`, { HITId: hit.HITId });
    expect(early.status).toBe(200); // still acceptable one second before expiry
    await t.ctl("POST", `/_emu/assignments/${early.body.AssignmentId}/return`);
    await advance(t, 1);
    const expired = await getHit(hit.HITId!);
    expect(expired.HITStatus).toBe("Reviewable");
    expect(secs(expired.Expiration)).toBe(T0 + 3600);
    const late = await t.control("POST", `/_emu/workers/${await newWorker(t)}/accept`, { HITId: hit.HITId });
    expect([late.status, late.body.code]).toEqual([409, "HITNotAvailable"]);
  });
});

describe("abandonment", () => {
  it("happens exactly AssignmentDurationInSeconds after acceptance and frees the slot", async () => {
    const hit = (await createHit({ MaxAssignments: 1, AssignmentDurationInSeconds: 600 })).HITId!;
    const { AssignmentId } = await accept(t, hit);
    expect(await counters(hit)).toEqual(["Unassignable", 1, 0]);
    await advance(t, 599);
    expect(await counters(hit)).toEqual(["Unassignable", 1, 0]);
    await advance(t, 1);
    expect(await counters(hit)).toEqual(["Assignable", 0, 1]);

    const late = await t.control("POST", `/_emu/assignments/${AssignmentId}/submit`, { Answers: { answer: "too late" } });
    expect([late.status, late.body.code]).toEqual([409, "AssignmentNotInProgress"]);
    await expectError(t.sdk.send(new GetAssignmentCommand({ AssignmentId })), "RequestError", "AWS.MechanicalTurk.AssignmentDoesNotExist");
    // The freed slot can be taken again.
    await accept(t, hit);
    expect(await counters(hit)).toEqual(["Unassignable", 1, 0]);
  });

  it("after expiry turns an Unassignable HIT Reviewable", async () => {
    const hit = (await createHit({ MaxAssignments: 2, LifetimeInSeconds: 600, AssignmentDurationInSeconds: 1200 })).HITId!;
    await accept(t, hit);
    await advance(t, 600);
    expect(await counters(hit)).toEqual(["Unassignable", 1, expect.any(Number)]);
    await advance(t, 599);
    expect((await getHit(hit)).HITStatus).toBe("Unassignable");
    await advance(t, 1);
    const after = await getHit(hit);
    expect([after.HITStatus, after.NumberOfAssignmentsPending]).toEqual(["Reviewable", 0]);
  });

  it("lets a worker who accepted before expiry submit after it", async () => {
    const hit = (await createHit({ MaxAssignments: 1, LifetimeInSeconds: 600, AssignmentDurationInSeconds: 1200 })).HITId!;
    const { AssignmentId } = await accept(t, hit);
    await advance(t, 900);
    await submit(t, AssignmentId);
    expect((await getHit(hit)).HITStatus).toBe("Reviewable");
    expect(secs((await getAssignment(AssignmentId)).SubmitTime)).toBe(T0 + 900);
  });
});

describe("auto-approval", () => {
  it("happens exactly AutoApprovalDelayInSeconds after submission", async () => {
    const hit = (await createHit({ AutoApprovalDelayInSeconds: 3600 })).HITId!;
    const { AssignmentId } = await accept(t, hit);
    await advance(t, 30);
    await submit(t, AssignmentId);
    await advance(t, 3599);
    const before = await getAssignment(AssignmentId);
    expect(before.AssignmentStatus).toBe("Submitted");
    expect(secs(before.AutoApprovalTime)).toBe(T0 + 30 + 3600);
    expect(before.ApprovalTime).toBeUndefined();
    await advance(t, 1);
    const after = await getAssignment(AssignmentId);
    expect(after.AssignmentStatus).toBe("Approved");
    expect(secs(after.ApprovalTime)).toBe(secs(after.AutoApprovalTime));
    expect(secs(after.ApprovalTime)).toBe(T0 + 30 + 3600);
    expect((await getHit(hit)).NumberOfAssignmentsCompleted).toBe(1);
  });

  it("with AutoApprovalDelayInSeconds 0 approves on submission", async () => {
    const hit = (await createHit({ AutoApprovalDelayInSeconds: 0, MaxAssignments: 1 })).HITId!;
    const { AssignmentId } = await accept(t, hit);
    await advance(t, 5);
    expect(await submit(t, AssignmentId)).toEqual({ AssignmentId, AssignmentStatus: "Approved" });
    const a = await getAssignment(AssignmentId);
    expect(a.AssignmentStatus).toBe("Approved");
    expect(secs(a.ApprovalTime)).toBe(T0 + 5);
    expect(secs(a.SubmitTime)).toBe(T0 + 5);
    const h = await getHit(hit);
    expect([h.HITStatus, h.NumberOfAssignmentsCompleted]).toEqual(["Reviewable", 1]);
  });
});

describe("the control clock", () => {
  it("reports, sets, advances, freezes and unfreezes", async () => {
    expect(await t.ctl("GET", "/_emu/clock")).toEqual({ now: T0, frozen: true });
    expect(await t.ctl("POST", "/_emu/clock", { set: T0 + 12_345 })).toEqual({ now: T0 + 12_345, frozen: true });
    expect(await advance(t, 5)).toEqual({ now: T0 + 12_350, frozen: true });
    expect(await t.ctl("GET", "/_emu/clock")).toEqual({ now: T0 + 12_350, frozen: true });
    const hit = await createHit({ LifetimeInSeconds: 60 });
    expect(secs(hit.CreationTime)).toBe(T0 + 12_350);

    const running = await t.ctl("POST", "/_emu/clock", { freeze: false });
    expect(running.frozen).toBe(false);
    expect(running.now).toBeGreaterThanOrEqual(T0 + 12_350);
    expect(running.now).toBeLessThan(T0 + 12_350 + 60);
  });

  it("refuses a body without advanceSeconds, set or freeze", async () => {
    const res = await t.control("POST", "/_emu/clock", { tick: 1 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("InvalidParameter");
    expect(await t.ctl("GET", "/_emu/clock")).toEqual({ now: T0, frozen: true });
  });

  it("is back on wall time after a reset", async () => {
    await t.ctl("POST", "/_emu/reset");
    const { now, frozen } = await t.ctl("GET", "/_emu/clock");
    expect(frozen).toBe(false);
    expect(Math.abs(now - Date.now() / 1000)).toBeLessThan(60);
  });
});
