// Assignments through the real @aws-sdk/client-mturk, with workers played through the control API:
// GetAssignment, ListAssignmentsForHIT, Approve/Reject/OverrideRejection, HIT counters, bonuses,
// GetFileUploadURL and the control API's worker refusals (MODERN-API.md §2.2, §2.15, §2.16, §2.20, §2.21, §2.31, §2.33, §3.2).
import {
  ApproveAssignmentCommand,
  CreateHITCommand,
  GetAssignmentCommand,
  GetFileUploadURLCommand,
  GetHITCommand,
  ListAssignmentsForHITCommand,
  ListBonusPaymentsCommand,
  RejectAssignmentCommand,
  SendBonusCommand,
  type AssignmentStatus,
  type CreateHITCommandInput,
  type HIT,
  type RejectAssignmentCommandInput,
} from "@aws-sdk/client-mturk";
import { T0, accept, acceptAndSubmit, advance, expectError, hitInput, newWorker, secs, submit, useEmu } from "../helpers/emu";

const ANSWERS_NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd";
const DAY = 24 * 3600;

const t = useEmu({ frozenAt: T0 });

const createHit = async (overrides: Record<string, unknown> = {}): Promise<string> =>
  (await t.sdk.send(new CreateHITCommand(hitInput(overrides) as CreateHITCommandInput))).HIT!.HITId!;
const getHit = async (HITId: string): Promise<HIT> => (await t.sdk.send(new GetHITCommand({ HITId }))).HIT!;
const getAssignment = async (AssignmentId: string) => (await t.sdk.send(new GetAssignmentCommand({ AssignmentId }))).Assignment!;
const approve = (AssignmentId: string, more: { RequesterFeedback?: string; OverrideRejection?: boolean } = {}) =>
  t.sdk.send(new ApproveAssignmentCommand({ AssignmentId, ...more }));
const reject = (AssignmentId: string, RequesterFeedback = "Not what was asked") =>
  t.sdk.send(new RejectAssignmentCommand({ AssignmentId, RequesterFeedback }));
const bonus = (input: { WorkerId: string; AssignmentId: string; BonusAmount?: string; UniqueRequestToken?: string }) =>
  t.sdk.send(new SendBonusCommand({ BonusAmount: "1", Reason: "Great work", ...input }));
const listAssignments = (HITId: string, more: { AssignmentStatuses?: AssignmentStatus[]; MaxResults?: number; NextToken?: string } = {}) =>
  t.sdk.send(new ListAssignmentsForHITCommand({ HITId, ...more }));
/** [status, pending, available, completed] of a HIT. */
const counters = async (HITId: string) => {
  const h = await getHit(HITId);
  return [h.HITStatus, h.NumberOfAssignmentsPending, h.NumberOfAssignmentsAvailable, h.NumberOfAssignmentsCompleted];
};


describe("GetAssignment", () => {
  it("returns the submitted assignment with its answer and times, and its HIT", async () => {
    const hit = await createHit({ AssignmentDurationInSeconds: 600, AutoApprovalDelayInSeconds: 3600 });
    const { WorkerId, AssignmentId } = await accept(t, hit);
    await advance(t, 100);
    await submit(t, AssignmentId, { answer: "cat" });

    const out = await t.sdk.send(new GetAssignmentCommand({ AssignmentId }));
    const a = out.Assignment!;
    expect(a).toMatchObject({ AssignmentId, WorkerId, HITId: hit, AssignmentStatus: "Submitted" });
    expect(secs(a.AcceptTime)).toBe(T0);
    expect(secs(a.SubmitTime)).toBe(T0 + 100);
    expect(secs(a.AutoApprovalTime)).toBe(secs(a.SubmitTime)! + 3600);
    expect(secs(a.Deadline)).toBe(secs(a.AcceptTime)! + 600);
    expect(a.ApprovalTime).toBeUndefined();
    expect(a.RejectionTime).toBeUndefined();
    expect(a.RequesterFeedback).toBeUndefined();
    expect(a.Answer).toContain(`<QuestionFormAnswers xmlns="${ANSWERS_NS}">`);
    expect(a.Answer).toMatch(/<Answer><QuestionIdentifier>answer<\/QuestionIdentifier><FreeText>cat<\/FreeText><\/Answer>/);
    expect(out.HIT).toMatchObject({ HITId: hit, HITStatus: "Assignable", NumberOfAssignmentsPending: 0, NumberOfAssignmentsAvailable: 1 });

    await advance(t, 50);
    await approve(AssignmentId, { RequesterFeedback: "Thanks!" });
    const approved = await getAssignment(AssignmentId);
    expect(approved).toMatchObject({ AssignmentStatus: "Approved", RequesterFeedback: "Thanks!" });
    expect(secs(approved.ApprovalTime)).toBe(T0 + 150);
  });

  it("does not show an accepted but unsubmitted assignment", async () => {
    const { AssignmentId } = await accept(t, await createHit());
    await expectError(
      t.sdk.send(new GetAssignmentCommand({ AssignmentId })),
      "RequestError",
      "AWS.MechanicalTurk.AssignmentDoesNotExist",
      new RegExp(`^Assignment ${AssignmentId} does not exist\\. \\(\\d{13}\\)$`),
    );
  });
});

describe("ListAssignmentsForHIT", () => {
  it("lists submitted, approved and rejected assignments, filters by status and paginates", async () => {
    const hit = await createHit({ MaxAssignments: 5 });
    const [a, b, c] = [await acceptAndSubmit(t, hit), await acceptAndSubmit(t, hit), await acceptAndSubmit(t, hit)];
    await accept(t, hit); // in progress: never listed
    await approve(a.AssignmentId);
    await reject(b.AssignmentId);
    const ids = async (more: Parameters<typeof listAssignments>[1] = {}) =>
      ((await listAssignments(hit, more)).Assignments ?? []).map((x) => x.AssignmentId).sort();

    expect(await ids()).toEqual([a, b, c].map((x) => x.AssignmentId).sort());
    expect(await ids({ AssignmentStatuses: ["Submitted"] })).toEqual([c.AssignmentId]);
    expect(await ids({ AssignmentStatuses: ["Approved", "Rejected"] })).toEqual([a.AssignmentId, b.AssignmentId].sort());
    expect(await ids({ AssignmentStatuses: ["Rejected"] })).toEqual([b.AssignmentId]);

    const page1 = await listAssignments(hit, { MaxResults: 2 });
    expect(page1.NumResults).toBe(2);
    expect(page1.NextToken).toBeDefined();
    const page2 = await listAssignments(hit, { MaxResults: 2, NextToken: page1.NextToken });
    expect(page2.NumResults).toBe(1);
    expect(page2.NextToken).toBeUndefined();
    const paged = [...page1.Assignments!, ...page2.Assignments!].map((x) => x.AssignmentId).sort();
    expect(paged).toEqual(await ids());
    const statuses = Object.fromEntries([...page1.Assignments!, ...page2.Assignments!].map((x) => [x.AssignmentId, x.AssignmentStatus]));
    expect(statuses).toEqual({ [a.AssignmentId]: "Approved", [b.AssignmentId]: "Rejected", [c.AssignmentId]: "Submitted" });
  });
});

describe("approving and rejecting", () => {
  it("refuses approving twice with InvalidAssignmentState", async () => {
    const { AssignmentId } = await acceptAndSubmit(t, await createHit());
    await approve(AssignmentId);
    await expectError(
      approve(AssignmentId),
      "RequestError",
      "AWS.MechanicalTurk.InvalidAssignmentState",
      /^This operation can be called with a status of: Submitted \(\d{13}\)$/,
    );
  });

  it("requires RequesterFeedback to reject", async () => {
    const { AssignmentId } = await acceptAndSubmit(t, await createHit());
    // JS v3 does not check required members, so the request reaches the emulator without the member.
    await expectError(
      t.sdk.send(new RejectAssignmentCommand({ AssignmentId } as RejectAssignmentCommandInput)),
      "ParameterValidationError",
      undefined,
      "Value null at 'requesterFeedback' failed to satisfy constraint: Member must not be null.",
    );
    expect((await getAssignment(AssignmentId)).AssignmentStatus).toBe("Submitted");
  });

  it("rejects with feedback, and refuses rejecting an approved assignment", async () => {
    const hit = await createHit();
    const a = await acceptAndSubmit(t, hit);
    const b = await acceptAndSubmit(t, hit);
    await reject(a.AssignmentId, "Blank answer");
    const rejected = await getAssignment(a.AssignmentId);
    expect(rejected).toMatchObject({ AssignmentStatus: "Rejected", RequesterFeedback: "Blank answer" });
    expect(secs(rejected.RejectionTime)).toBe(T0);
    expect(rejected.ApprovalTime).toBeUndefined();

    await approve(b.AssignmentId);
    await expectError(reject(b.AssignmentId), "RequestError", "AWS.MechanicalTurk.InvalidAssignmentState", "This operation can be called with a status of: Submitted");
    expect((await getAssignment(b.AssignmentId)).AssignmentStatus).toBe("Approved");
  });

  it("approves a rejected assignment only with OverrideRejection", async () => {
    const { AssignmentId } = await acceptAndSubmit(t, await createHit());
    await reject(AssignmentId);
    await expectError(approve(AssignmentId), "RequestError", "AWS.MechanicalTurk.InvalidAssignmentState");
    await advance(t, 10);
    await approve(AssignmentId, { OverrideRejection: true, RequesterFeedback: "Sorry, my mistake" });
    const a = await getAssignment(AssignmentId);
    expect(a).toMatchObject({ AssignmentStatus: "Approved", RequesterFeedback: "Sorry, my mistake" });
    expect(secs(a.ApprovalTime)).toBe(T0 + 10);
  });

  it("refuses OverrideRejection more than 30 days after submission", async () => {
    const { AssignmentId } = await acceptAndSubmit(t, await createHit());
    await reject(AssignmentId);
    await advance(t, 31 * DAY);
    await expectError(approve(AssignmentId, { OverrideRejection: true }), "RequestError");
    expect((await getAssignment(AssignmentId)).AssignmentStatus).toBe("Rejected");
  });
});

describe("HIT counters", () => {
  it("follow an assignment cycle: accept, submit, approve, reject", async () => {
    const hit = await createHit({ MaxAssignments: 2 });
    expect(await counters(hit)).toEqual(["Assignable", 0, 2, 0]);
    const a = await accept(t, hit);
    expect(await counters(hit)).toEqual(["Assignable", 1, 1, 0]);
    const b = await accept(t, hit);
    expect(await counters(hit)).toEqual(["Unassignable", 2, 0, 0]);
    await submit(t, a.AssignmentId);
    // A submitted, unreviewed assignment counts as neither pending, available nor completed.
    expect(await counters(hit)).toEqual(["Unassignable", 1, 0, 0]);
    await submit(t, b.AssignmentId);
    expect(await counters(hit)).toEqual(["Reviewable", 0, 0, 0]);
    await approve(a.AssignmentId);
    expect(await counters(hit)).toEqual(["Reviewable", 0, 0, 1]);
    await reject(b.AssignmentId);
    expect(await counters(hit)).toEqual(["Reviewable", 0, 0, 2]);
  });
});

describe("SendBonus and ListBonusPayments", () => {
  it("records bonuses with normalised amounts, listed by HIT and by assignment", async () => {
    const hit = await createHit();
    const a = await acceptAndSubmit(t, hit);
    const b = await acceptAndSubmit(t, hit);
    await approve(a.AssignmentId);
    await bonus({ ...a, BonusAmount: "1.5" });
    await advance(t, 60);
    await bonus({ ...b, BonusAmount: "2" });

    const byHit = await t.sdk.send(new ListBonusPaymentsCommand({ HITId: hit }));
    expect(byHit.NumResults).toBe(2);
    expect(byHit.BonusPayments!.map((p) => [p.WorkerId, p.AssignmentId, p.BonusAmount, p.Reason, secs(p.GrantTime)])).toEqual([
      [a.WorkerId, a.AssignmentId, "1.50", "Great work", T0],
      [b.WorkerId, b.AssignmentId, "2.00", "Great work", T0 + 60],
    ]);
    const byAssignment = await t.sdk.send(new ListBonusPaymentsCommand({ AssignmentId: b.AssignmentId }));
    expect(byAssignment.BonusPayments!.map((p) => p.BonusAmount)).toEqual(["2.00"]);
  });

  it("refuses a WorkerId that does not match the assignment", async () => {
    const hit = await createHit();
    const { AssignmentId } = await acceptAndSubmit(t, hit);
    const stranger = await newWorker(t);
    await expectError(
      bonus({ WorkerId: stranger, AssignmentId }),
      "ParameterValidationError",
      undefined,
      new RegExp(`^The value "${stranger}" is not valid for the parameter WorkerId\\.`),
    );
    expect((await t.sdk.send(new ListBonusPaymentsCommand({ HITId: hit }))).NumResults).toBe(0);
  });

  it("refuses a bonus for an assignment still in progress", async () => {
    const ids = await accept(t, await createHit());
    await expectError(bonus(ids), "RequestError", "AWS.MechanicalTurk.AssignmentDoesNotExist", `Assignment ${ids.AssignmentId} does not exist.`);
  });

  it("refuses a repeated UniqueRequestToken", async () => {
    const hit = await createHit();
    const ids = await acceptAndSubmit(t, hit);
    await bonus({ ...ids, UniqueRequestToken: "bonus-1" });
    await expectError(bonus({ ...ids, UniqueRequestToken: "bonus-1" }), "RequestError");
    expect((await t.sdk.send(new ListBonusPaymentsCommand({ HITId: hit }))).NumResults).toBe(1);
  });

  it("ListBonusPayments wants a HITId or an AssignmentId", async () => {
    await expectError(t.sdk.send(new ListBonusPaymentsCommand({})), "ParameterValidationError", undefined, /HITId|AssignmentId/);
  });
});

describe("GetFileUploadURL", () => {
  // An HTMLQuestion has no FileUploadAnswer, so no file exists for any question identifier: the emulator answers
  // ParameterValidationError naming QuestionIdentifier (the real service's text for this case is unknown).
  it("refuses a question without an uploaded file", async () => {
    const { AssignmentId } = await acceptAndSubmit(t, await createHit());
    await expectError(
      t.sdk.send(new GetFileUploadURLCommand({ AssignmentId, QuestionIdentifier: "answer" })),
      "ParameterValidationError",
      undefined,
      /QuestionIdentifier/,
    );
  });
});

describe("control API worker refusals", () => {
  it("refuses accepting the same HIT twice (409 AlreadyAccepted)", async () => {
    const hit = await createHit();
    const { WorkerId } = await accept(t, hit);
    const res = await t.control("POST", `/_emu/workers/${WorkerId}/accept`, { HITId: hit });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("AlreadyAccepted");
    expect(await counters(hit)).toEqual(["Assignable", 1, 1, 0]);
  });

  it("refuses accepting a full HIT (409)", async () => {
    const hit = await createHit({ MaxAssignments: 1 });
    await accept(t, hit);
    const res = await t.control("POST", `/_emu/workers/${await newWorker(t)}/accept`, { HITId: hit });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "HITNotAvailable", message: expect.any(String) });
  });

  it("answers 404 for an unknown assignment or HIT and 409 for an assignment no longer in progress", async () => {
    const unknown = await t.control("POST", "/_emu/assignments/3ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ/submit", { Answers: { answer: "x" } });
    expect([unknown.status, unknown.body.code]).toEqual([404, "AssignmentNotFound"]);
    const noHit = await t.control("POST", `/_emu/workers/${await newWorker(t)}/accept`, { HITId: "3ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ" });
    expect([noHit.status, noHit.body.code]).toEqual([404, "HITNotFound"]);
    const { AssignmentId } = await acceptAndSubmit(t, await createHit());
    const again = await t.control("POST", `/_emu/assignments/${AssignmentId}/submit`, { Answers: { answer: "x" } });
    expect([again.status, again.body.code]).toEqual([409, "AssignmentNotInProgress"]);
  });

  it("frees the slot of a returned assignment", async () => {
    const hit = await createHit({ MaxAssignments: 1 });
    const { AssignmentId } = await accept(t, hit);
    expect(await counters(hit)).toEqual(["Unassignable", 1, 0, 0]);
    const returned = await t.ctl("POST", `/_emu/assignments/${AssignmentId}/return`);
    expect(returned).toEqual({ AssignmentId, AssignmentStatus: "Returned" });
    expect(await counters(hit)).toEqual(["Assignable", 0, 1, 0]);
    const next = await accept(t, hit);
    expect(next.AssignmentId).not.toBe(AssignmentId);
    expect(await counters(hit)).toEqual(["Unassignable", 1, 0, 0]);
    await expectError(t.sdk.send(new GetAssignmentCommand({ AssignmentId })), "RequestError", "AWS.MechanicalTurk.AssignmentDoesNotExist");
  });
});
