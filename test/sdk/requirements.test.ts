// QualificationRequirements enforced on workers: acceptHit refuses unqualified or blocked workers, and
// GET /_emu/workers/{WorkerId}/hits/{HITId} says what a worker may do (MODERN-API.md §4.1, §4.2).
import {
  ApproveAssignmentCommand,
  AssociateQualificationWithWorkerCommand,
  CreateHITCommand,
  CreateQualificationTypeCommand,
  CreateWorkerBlockCommand,
  DeleteWorkerBlockCommand,
  DisassociateQualificationFromWorkerCommand,
  type CreateHITCommandInput,
  type QualificationRequirement,
} from "@aws-sdk/client-mturk";
import { T0, accept, expectError, freezeAt, hitInput, newWorker, startTestEmu, submit, type TestEmu } from "../helpers/emu";

const LOCALE = "00000000000000000071";
const NUMBER_APPROVED = "00000000000000000040";
const ADULT = "00000000000000000060";
const MASTERS = "2ARFPLSP75KLA8M8DH1HTEQVJT3SY6";
const PERCENT_APPROVED = "000000000000000000L0";
const OTHER = { accessKeyId: "AKIAOTHERREQUESTER02", secretAccessKey: "other-secret" };

let t: TestEmu;
let n = 0;

const createHit = async (QualificationRequirements: QualificationRequirement[], overrides: Record<string, unknown> = {}, client = t.sdk) =>
  (await client.send(new CreateHITCommand(hitInput({ QualificationRequirements, MaxAssignments: 5, ...overrides }) as CreateHITCommandInput))).HIT!.HITId!;
const createType = async (client = t.sdk, status: "Active" | "Inactive" = "Active") =>
  (await client.send(new CreateQualificationTypeCommand({ Name: `Skill ${++n}`, Description: "skill", QualificationTypeStatus: status }))).QualificationType!
    .QualificationTypeId!;
const grant = (QualificationTypeId: string, WorkerId: string, IntegerValue: number) =>
  t.sdk.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId, WorkerId, IntegerValue, SendNotification: false }));
const can = (workerId: string, hitId: string) => t.ctl("GET", `/_emu/workers/${workerId}/hits/${hitId}`);
const tryAccept = (workerId: string, hitId: string) => t.control("POST", `/_emu/workers/${workerId}/accept`, { HITId: hitId });
const worker = async (attributes: Record<string, unknown> = {}) => (await t.ctl("POST", "/_emu/workers", attributes)).WorkerId as string;

beforeAll(async () => {
  t = await startTestEmu({ auth: false });
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.ctl("POST", "/_emu/reset");
  await freezeAt(t, T0);
});

describe("a HIT requiring Locale = US and NumberHITsApproved ≥ 5", () => {
  it("is refused to a new worker and accepted by one with five approved assignments in the US", async () => {
    const hit = await createHit([
      { QualificationTypeId: LOCALE, Comparator: "EqualTo", LocaleValues: [{ Country: "US" }] },
      { QualificationTypeId: NUMBER_APPROVED, Comparator: "GreaterThanOrEqualTo", IntegerValues: [5] },
    ]);
    const newcomer = await newWorker(t);
    const refused = await tryAccept(newcomer, hit);
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      code: "QualificationRequirementNotMet",
      message: `Worker ${newcomer} does not meet the qualification requirements of HIT ${hit}: Locale = US (worker has no such qualification); NumberHITsApproved ≥ 5 (worker has 0).`,
    });
    expect(await can(newcomer, hit)).toMatchObject({ canDiscover: true, canPreview: true, canAccept: false, reasons: ["Locale = US", "NumberHITsApproved ≥ 5"] });

    // A worker in California builds a history of five approved assignments through real accepts and approvals.
    const veteran = await worker({ Locale: { Country: "US", Subdivision: "CA" } });
    const practice = await createHit([], { MaxAssignments: 1 });
    const practiceHits = [practice, ...(await Promise.all([1, 2, 3, 4].map(() => createHit([], { MaxAssignments: 1 }))))];
    for (const [i, practiceHit] of practiceHits.entries()) {
      const { AssignmentId } = await accept(t, practiceHit, veteran);
      await submit(t, AssignmentId);
      if (i < 4) await t.sdk.send(new ApproveAssignmentCommand({ AssignmentId }));
      if (i === 3) {
        const almost = await tryAccept(veteran, hit);
        expect(almost.body.message).toContain("NumberHITsApproved ≥ 5 (worker has 4)");
        expect(almost.body.message).not.toContain("Locale");
      }
      if (i === 4) await t.sdk.send(new ApproveAssignmentCommand({ AssignmentId }));
    }
    expect(await can(veteran, hit)).toMatchObject({ canDiscover: true, canPreview: true, canAccept: true, reasons: [] });
    const ok = await tryAccept(veteran, hit);
    expect(ok.status).toBe(200);
    expect(ok.body.AssignmentId).toMatch(/^[A-Z0-9]{30}$/);
    // A worker elsewhere with the same history is still refused, on the locale alone.
    const abroad = await worker({ Locale: { Country: "CA" } });
    expect((await can(abroad, hit)).reasons).toEqual(["Locale = US", "NumberHITsApproved ≥ 5"]);
  });

  it("counts a History declared at creation as work done before", async () => {
    const hit = await createHit([
      { QualificationTypeId: LOCALE, Comparator: "EqualTo", LocaleValues: [{ Country: "US" }] },
      { QualificationTypeId: NUMBER_APPROVED, Comparator: "GreaterThanOrEqualTo", IntegerValues: [5] },
    ]);
    const seasoned = await worker({ Locale: { Country: "US" }, History: { Approved: 5 } });
    expect(await can(seasoned, hit)).toMatchObject({ canAccept: true, reasons: [] });
    const green = await worker({ Locale: { Country: "US" }, History: { Approved: 4 } });
    expect((await can(green, hit)).reasons).toEqual(["NumberHITsApproved ≥ 5"]);
  });
});

describe("comparators on a custom qualification", () => {
  it.each([
    ["LessThan", [5], 4, 5],
    ["LessThanOrEqualTo", [5], 5, 6],
    ["GreaterThan", [5], 6, 5],
    ["GreaterThanOrEqualTo", [5], 5, 4],
    ["EqualTo", [5], 5, 6],
    ["NotEqualTo", [5], 6, 5],
    ["In", [1, 5, 9], 9, 2],
    ["NotIn", [1, 5, 9], 2, 9],
  ])("%s %j admits %d and refuses %d", async (Comparator, IntegerValues, good, bad) => {
    const type = await createType();
    const hit = await createHit([{ QualificationTypeId: type, Comparator: Comparator as never, IntegerValues: IntegerValues as number[] }]);
    const [yes, no, none] = [await newWorker(t), await newWorker(t), await newWorker(t)];
    await grant(type, yes, good as number);
    await grant(type, no, bad as number);
    expect((await can(yes, hit)).canAccept).toBe(true);
    expect((await can(no, hit)).canAccept).toBe(false);
    expect((await can(none, hit)).canAccept).toBe(false);
    expect((await tryAccept(no, hit)).body.code).toBe("QualificationRequirementNotMet");
    expect((await tryAccept(yes, hit)).status).toBe(200);
  });

  it("Exists and DoesNotExist look only at having the qualification; a revoked one is not had", async () => {
    const type = await createType();
    const exists = await createHit([{ QualificationTypeId: type, Comparator: "Exists" }]);
    const absent = await createHit([{ QualificationTypeId: type, Comparator: "DoesNotExist" }]);
    const [holder, stranger] = [await newWorker(t), await newWorker(t)];
    await grant(type, holder, 0);
    expect([(await can(holder, exists)).canAccept, (await can(holder, absent)).canAccept]).toEqual([true, false]);
    expect([(await can(stranger, exists)).canAccept, (await can(stranger, absent)).canAccept]).toEqual([false, true]);
    await t.sdk.send(new DisassociateQualificationFromWorkerCommand({ QualificationTypeId: type, WorkerId: holder }));
    expect([(await can(holder, exists)).canAccept, (await can(holder, absent)).canAccept]).toEqual([false, true]);
  });
});

describe("system qualifications in requirements", () => {
  it("matches locales by country, or by subdivision when one is given", async () => {
    const ny = await worker({ Locale: { Country: "US", Subdivision: "NY" } });
    const ca = await worker({ Locale: { Country: "US", Subdivision: "CA" } });
    const de = await worker({ Locale: { Country: "DE" } });
    const locale = (Comparator: string, ...LocaleValues: Array<{ Country: string; Subdivision?: string }>) =>
      createHit([{ QualificationTypeId: LOCALE, Comparator: Comparator as never, LocaleValues }]);
    const admitted = async (hit: string) => (await Promise.all([ny, ca, de].map(async (w) => (await can(w, hit)).canAccept))).map(Number);
    expect(await admitted(await locale("EqualTo", { Country: "US" }))).toEqual([1, 1, 0]);
    expect(await admitted(await locale("EqualTo", { Country: "US", Subdivision: "CA" }))).toEqual([0, 1, 0]);
    expect(await admitted(await locale("NotEqualTo", { Country: "US", Subdivision: "CA" }))).toEqual([1, 0, 1]);
    expect(await admitted(await locale("In", { Country: "DE" }, { Country: "US", Subdivision: "NY" }))).toEqual([1, 0, 1]);
    expect(await admitted(await locale("NotIn", { Country: "DE" }, { Country: "GB" }))).toEqual([1, 1, 0]);
  });

  it("reads Adult and Masters from the worker's attributes, and the approval rate from its history", async () => {
    const adultMaster = await worker({ Adult: true, Masters: true });
    const minor = await worker({ Adult: false });
    const adult = await createHit([{ QualificationTypeId: ADULT, Comparator: "EqualTo", IntegerValues: [1] }]);
    const masters = await createHit([{ QualificationTypeId: MASTERS, Comparator: "Exists" }]);
    const rate = await createHit([{ QualificationTypeId: PERCENT_APPROVED, Comparator: "GreaterThanOrEqualTo", IntegerValues: [95] }]);
    expect([(await can(adultMaster, adult)).canAccept, (await can(minor, adult)).canAccept]).toEqual([true, false]);
    expect([(await can(adultMaster, masters)).canAccept, (await can(minor, masters)).canAccept]).toEqual([true, false]);
    expect((await can(minor, masters)).reasons).toEqual(["Masters exists"]);
    expect((await can(minor, rate)).canAccept).toBe(true); // fewer than 100 submitted: 100%
  });
});

describe("ActionsGuarded", () => {
  it("decides what an unqualified worker may discover, preview and accept; all requirements guarding an action must be met", async () => {
    const type = await createType();
    const w = await newWorker(t);
    await grant(type, w, 1);
    const unmet = { QualificationTypeId: type, Comparator: "GreaterThan" as const, IntegerValues: [5] };
    const met = { QualificationTypeId: type, Comparator: "EqualTo" as const, IntegerValues: [1] };
    const actions = async (requirements: QualificationRequirement[]) => {
      const r = await can(w, await createHit(requirements));
      return [r.canDiscover, r.canPreview, r.canAccept];
    };
    expect(await actions([unmet])).toEqual([true, true, false]);
    expect(await actions([{ ...unmet, ActionsGuarded: "Accept" }])).toEqual([true, true, false]);
    expect(await actions([{ ...unmet, ActionsGuarded: "PreviewAndAccept" }])).toEqual([true, false, false]);
    expect(await actions([{ ...unmet, RequiredToPreview: true }])).toEqual([true, false, false]);
    expect(await actions([{ ...unmet, ActionsGuarded: "DiscoverPreviewAndAccept" }])).toEqual([false, false, false]);
    expect(await actions([{ ...met, ActionsGuarded: "DiscoverPreviewAndAccept" }, unmet])).toEqual([true, true, false]);
    const detail = await can(w, await createHit([{ ...unmet, ActionsGuarded: "PreviewAndAccept" }]));
    expect(detail.failed).toEqual([
      { QualificationTypeId: type, Comparator: "GreaterThan", ActionsGuarded: "PreviewAndAccept", Requirement: `Skill ${n} > 5`, WorkerHas: "1" },
    ]);
  });

  it("refuses RequiredToPreview together with ActionsGuarded", async () => {
    await expectError(
      createHit([{ QualificationTypeId: MASTERS, Comparator: "Exists", RequiredToPreview: true, ActionsGuarded: "Accept" }]),
      "ParameterValidationError",
      undefined,
      "RequiredToPreview is deprecated and cannot be combined with ActionsGuarded.",
    );
  });
});

describe("which qualification types a requirement may name", () => {
  it("takes another requester's active type, but not an inactive, deleted or unknown one", async () => {
    const other = t.client(OTHER);
    try {
      const theirs = await createType(other);
      const hit = await createHit([{ QualificationTypeId: theirs, Comparator: "Exists" }]);
      expect(hit).toMatch(/^[A-Z0-9]{30}$/);
      const inactive = await createType(t.sdk, "Inactive");
      await expectError(
        createHit([{ QualificationTypeId: inactive, Comparator: "Exists" }]),
        "RequestError",
        "AWS.MechanicalTurk.InvalidQualificationTypeState",
        "is Inactive",
      );
      await expectError(
        createHit([{ QualificationTypeId: "3NOSUCHTYPE0000000000000000000", Comparator: "Exists" }]),
        "RequestError",
        "AWS.MechanicalTurk.QualificationDoesNotExist",
        "You requested a Qualification that does not exist.",
      );
    } finally {
      other.destroy();
    }
  });
});

describe("worker blocks and the eligibility endpoint", () => {
  it("a blocked worker cannot accept the requester's HITs until unblocked", async () => {
    const hit = await createHit([]);
    const w = await newWorker(t);
    await t.sdk.send(new CreateWorkerBlockCommand({ WorkerId: w, Reason: "Spam" }));
    expect(await can(w, hit)).toMatchObject({ canDiscover: true, canPreview: true, canAccept: false, reasons: ["not blocked by the requester"] });
    const refused = await tryAccept(w, hit);
    expect(refused).toEqual({ status: 409, body: { code: "WorkerBlocked", message: `Worker ${w} is blocked by the requester of HIT ${hit} and cannot accept it.` } });
    await t.sdk.send(new DeleteWorkerBlockCommand({ WorkerId: w }));
    expect((await tryAccept(w, hit)).status).toBe(200);
  });

  it("answers 404 for an unknown worker or HIT", async () => {
    const hit = await createHit([]);
    expect((await t.control("GET", `/_emu/workers/ANOBODY/hits/${hit}`)).body.code).toBe("WorkerNotFound");
    expect((await t.control("GET", `/_emu/workers/${await newWorker(t)}/hits/3NOHIT000000000000000000000000`)).status).toBe(404);
  });
});
