// Qualification types, workers' qualifications, system qualifications and qualification requests through the
// real @aws-sdk/client-mturk, with workers played through the control API (MODERN-API.md §2.1, §2.3, §2.8,
// §2.11, §2.13, §2.18, §2.19, §2.23–§2.25, §2.29, §2.32, §2.39, §4).
import {
  AcceptQualificationRequestCommand,
  AssociateQualificationWithWorkerCommand,
  CreateHITCommand,
  CreateHITTypeCommand,
  CreateHITWithHITTypeCommand,
  CreateQualificationTypeCommand,
  DeleteQualificationTypeCommand,
  DisassociateQualificationFromWorkerCommand,
  GetQualificationScoreCommand,
  GetQualificationTypeCommand,
  ListHITsForQualificationTypeCommand,
  ListQualificationRequestsCommand,
  ListQualificationTypesCommand,
  ListWorkersWithQualificationTypeCommand,
  RejectAssignmentCommand,
  ApproveAssignmentCommand,
  RejectQualificationRequestCommand,
  UpdateExpirationForHITCommand,
  DeleteHITCommand,
  UpdateQualificationTypeCommand,
  type CreateHITCommandInput,
  type CreateQualificationTypeCommandInput,
  type ListQualificationTypesCommandInput,
  type MTurkClient,
} from "@aws-sdk/client-mturk";
import { T0, accept, advance, expectError, freezeAt, hitInput, newWorker, secs, startTestEmu, submit, type TestEmu } from "../helpers/emu";

const QF = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd";
const AK = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/AnswerKey.xsd";
const LOCALE = "00000000000000000071";
const NUMBER_APPROVED = "00000000000000000040";
const PERCENT_APPROVED = "000000000000000000L0";
const ADULT = "00000000000000000060";
const MASTERS = "2ARFPLSP75KLA8M8DH1HTEQVJT3SY6";
const OTHER = { accessKeyId: "AKIAOTHERREQUESTER01", secretAccessKey: "other-secret" };

const selection = (id: string, text: string, options: string[]) =>
  `<Question><QuestionIdentifier>${id}</QuestionIdentifier><IsRequired>true</IsRequired><QuestionContent><Text>${text}</Text></QuestionContent>` +
  `<AnswerSpecification><SelectionAnswer><StyleSuggestion>radiobutton</StyleSuggestion><Selections>` +
  options.map((o) => `<Selection><SelectionIdentifier>${o}</SelectionIdentifier><Text>${o}</Text></Selection>`).join("") +
  `</Selections></SelectionAnswer></AnswerSpecification></Question>`;
export const TEST_FORM = `<QuestionForm xmlns="${QF}">${selection("sky", "What colour is the sky?", ["blue", "green"])}${selection("sum", "2 + 2?", ["four", "five"])}</QuestionForm>`;
const option = (id: string, score: number) => `<AnswerOption><SelectionIdentifier>${id}</SelectionIdentifier><AnswerScore>${score}</AnswerScore></AnswerOption>`;
export const ANSWER_KEY =
  `<AnswerKey xmlns="${AK}"><Question><QuestionIdentifier>sky</QuestionIdentifier>${option("blue", 1)}</Question>` +
  `<Question><QuestionIdentifier>sum</QuestionIdentifier>${option("four", 1)}</Question>` +
  `<QualificationValueMapping><PercentageMapping><MaximumSummedScore>2</MaximumSummedScore></PercentageMapping></QualificationValueMapping></AnswerKey>`;

let t: TestEmu;
let other: MTurkClient;
let n = 0;

const createType = async (more: Partial<CreateQualificationTypeCommandInput> = {}, client: MTurkClient = t.sdk) =>
  (
    await client.send(
      new CreateQualificationTypeCommand({ Name: `Qual ${++n}`, Description: "A test qualification", QualificationTypeStatus: "Active", ...more }),
    )
  ).QualificationType!;
const getType = async (QualificationTypeId: string) => (await t.sdk.send(new GetQualificationTypeCommand({ QualificationTypeId }))).QualificationType!;
const score = async (QualificationTypeId: string, WorkerId: string, client: MTurkClient = t.sdk) =>
  (await client.send(new GetQualificationScoreCommand({ QualificationTypeId, WorkerId }))).Qualification!;
const associate = (QualificationTypeId: string, WorkerId: string, more: { IntegerValue?: number; SendNotification?: boolean } = {}) =>
  t.sdk.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId, WorkerId, ...more }));
const listTypes = async (input: Partial<ListQualificationTypesCommandInput> = {}) =>
  t.sdk.send(new ListQualificationTypesCommand({ MustBeRequestable: false, ...input }));
const requestQual = (workerId: string, body: Record<string, unknown>) => t.control("POST", `/_emu/workers/${workerId}/qualification-requests`, body);
const outbox = async (workerId: string) => (await t.ctl("GET", `/_emu/outbox?WorkerId=${workerId}`)).Messages as any[];
const createHit = async (overrides: Record<string, unknown> = {}) =>
  (await t.sdk.send(new CreateHITCommand(hitInput(overrides) as CreateHITCommandInput))).HIT!.HITId!;

beforeAll(async () => {
  t = await startTestEmu({ auth: false });
  other = t.client(OTHER);
});
afterAll(async () => {
  other.destroy();
  await t.close();
});
beforeEach(async () => {
  await t.ctl("POST", "/_emu/reset");
  await freezeAt(t, T0);
});

describe("CreateQualificationType and GetQualificationType", () => {
  it("creates a plain type and reads it back", async () => {
    const created = await createType({ Name: "Good tagger", Keywords: "tagging, images", Description: "Tags images well" });
    expect(created).toEqual({
      QualificationTypeId: expect.stringMatching(/^[A-Z0-9]{30}$/),
      CreationTime: new Date(T0 * 1000),
      Name: "Good tagger",
      Description: "Tags images well",
      Keywords: "tagging, images",
      QualificationTypeStatus: "Active",
      IsRequestable: true,
      AutoGranted: false,
    });
    expect(await getType(created.QualificationTypeId!)).toEqual(created);
  });

  it("reports AutoGrantedValue 1 by default for an auto-granted type, or the value given", async () => {
    expect(await createType({ AutoGranted: true })).toMatchObject({ AutoGranted: true, AutoGrantedValue: 1 });
    expect(await createType({ AutoGranted: true, AutoGrantedValue: 7, RetryDelayInSeconds: 3600 })).toMatchObject({
      AutoGranted: true,
      AutoGrantedValue: 7,
      RetryDelayInSeconds: 3600,
    });
  });

  it("keeps a Test, its duration and its AnswerKey", async () => {
    const type = await createType({ Test: TEST_FORM, AnswerKey: ANSWER_KEY, TestDurationInSeconds: 300, QualificationTypeStatus: "Inactive" });
    expect(type).toMatchObject({ Test: TEST_FORM, AnswerKey: ANSWER_KEY, TestDurationInSeconds: 300, QualificationTypeStatus: "Inactive", AutoGranted: false });
  });

  it("refuses a second type with the same name, with the service's message; other requesters may use it", async () => {
    await createType({ Name: "Unique" });
    await expectError(
      createType({ Name: "Unique" }),
      "RequestError",
      "AWS.MechanicalTurk.QualificationTypeAlreadyExists",
      /^You have already created a QualificationType with this name\. A QualificationType's name must be unique among all of the QualificationTypes created by the same user\. \(\d{13}\)$/,
    );
    expect((await createType({ Name: "Unique" }, other)).Name).toBe("Unique");
  });

  it("refuses inconsistent tests and invalid documents", async () => {
    const bad = (more: Partial<CreateQualificationTypeCommandInput>, name: string, code: string | undefined, message: string | RegExp) =>
      expectError(createType(more), name, code, message);
    await bad({ Test: TEST_FORM }, "ParameterValidationError", undefined, "A Test needs TestDurationInSeconds");
    await bad({ TestDurationInSeconds: 60 }, "ParameterValidationError", undefined, "TestDurationInSeconds can only be given with a Test.");
    await bad({ AnswerKey: ANSWER_KEY }, "ParameterValidationError", undefined, "An AnswerKey can only be given with the Test it grades.");
    await bad({ Test: TEST_FORM, TestDurationInSeconds: 60, AutoGranted: true }, "ParameterValidationError", undefined, "cannot be AutoGranted");
    await bad({ Test: "<QuestionForm", TestDurationInSeconds: 60 }, "RequestError", "AWS.MechanicalTurk.XMLParseError", "The value of Test is not well-formed XML");
    await bad(
      { Test: `<HTMLQuestion xmlns="x"><HTMLContent>hi</HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>`, TestDurationInSeconds: 60 },
      "ParameterValidationError",
      undefined,
      "HTMLQuestion cannot be used in a Qualification test",
    );
    await bad(
      { Test: TEST_FORM, TestDurationInSeconds: 60, AnswerKey: ANSWER_KEY.replace("<QuestionIdentifier>sum", "<QuestionIdentifier>nope") },
      "ParameterValidationError",
      undefined,
      'refers to the QuestionIdentifier "nope", which is not a question in the Test',
    );
    await bad({ RetryDelayInSeconds: -1 }, "ParameterValidationError", undefined, "The value -1 is invalid for RetryDelayInSeconds. Valid values range from 0 to 31536000.");
    await bad({ Name: " " }, "ParameterValidationError", undefined, 'The value " " is not valid for the parameter Name.');
    await bad({ QualificationTypeStatus: "Sleeping" as never }, "ParameterValidationError", undefined, 'The value "Sleeping" is not valid for the parameter QualificationTypeStatus.');
    await expectError(
      t.sdk.send(new CreateQualificationTypeCommand({ Description: "d", QualificationTypeStatus: "Active" } as never)),
      "ParameterValidationError",
      undefined,
      "Value null at 'name' failed to satisfy constraint: Member must not be null.",
    );
  });

  it("returns system types as not requestable, and refuses unknown ids", async () => {
    expect(await getType(LOCALE)).toMatchObject({ QualificationTypeId: LOCALE, Name: "Worker_Locale", IsRequestable: false, QualificationTypeStatus: "Active", AutoGranted: false });
    expect((await getType(MASTERS)).Name).toBe("Masters");
    await expectError(getType("3NOSUCHTYPE0000000000000000000"), "RequestError", "AWS.MechanicalTurk.QualificationTypeDoesNotExist", "QualificationType 3NOSUCHTYPE0000000000000000000 does not exist.");
  });

  it("lets any requester read another requester's type", async () => {
    const theirs = await createType({ Name: "Theirs" }, other);
    expect((await getType(theirs.QualificationTypeId!)).Name).toBe("Theirs");
  });
});

describe("UpdateQualificationType", () => {
  const update = (QualificationTypeId: string, more: Record<string, unknown>, client: MTurkClient = t.sdk) =>
    client.send(new UpdateQualificationTypeCommand({ QualificationTypeId, ...more }));

  it("changes the description, status, retry delay and auto-grant, never the name", async () => {
    const type = await createType({ Name: "Stays", Keywords: "k" });
    const out = await update(type.QualificationTypeId!, {
      Description: "New words",
      QualificationTypeStatus: "Inactive",
      RetryDelayInSeconds: 60,
      AutoGranted: true,
      AutoGrantedValue: 3,
    });
    expect(out.QualificationType).toMatchObject({
      Name: "Stays",
      Keywords: "k",
      Description: "New words",
      QualificationTypeStatus: "Inactive",
      RetryDelayInSeconds: 60,
      AutoGranted: true,
      AutoGrantedValue: 3,
    });
    expect(await getType(type.QualificationTypeId!)).toEqual(out.QualificationType);
  });

  it("replaces a Test whole: Test with its duration, and without an AnswerKey the key is removed", async () => {
    const type = await createType({ Test: TEST_FORM, AnswerKey: ANSWER_KEY, TestDurationInSeconds: 300 });
    const id = type.QualificationTypeId!;
    await expectError(update(id, { TestDurationInSeconds: 30 }), "ParameterValidationError", undefined, "give the Test again");
    await expectError(update(id, { AnswerKey: ANSWER_KEY }), "ParameterValidationError", undefined, "give the Test again");
    await expectError(update(id, { Test: TEST_FORM }), "ParameterValidationError", undefined, "A Test needs TestDurationInSeconds");
    await expectError(update(id, { AutoGranted: true }), "ParameterValidationError", undefined, "cannot be AutoGranted");
    const out = (await update(id, { Test: TEST_FORM, TestDurationInSeconds: 30 })).QualificationType!;
    expect(out).toMatchObject({ Test: TEST_FORM, TestDurationInSeconds: 30 });
    expect(out.AnswerKey).toBeUndefined();
  });

  it("refuses a Test on an auto-granted type unless AutoGranted is switched off with it", async () => {
    const type = await createType({ AutoGranted: true });
    await expectError(update(type.QualificationTypeId!, { Test: TEST_FORM, TestDurationInSeconds: 60 }), "ParameterValidationError", undefined, "cannot be AutoGranted");
    const out = await update(type.QualificationTypeId!, { Test: TEST_FORM, TestDurationInSeconds: 60, AutoGranted: false });
    expect(out.QualificationType).toMatchObject({ AutoGranted: false, TestDurationInSeconds: 60 });
  });

  it("is for the owner only", async () => {
    const theirs = await createType({}, other);
    await expectError(update(theirs.QualificationTypeId!, { Description: "mine now" }), "RequestError", "AWS.MechanicalTurk.PermissionDenied", "belongs to another requester");
    await expectError(update(LOCALE, { Description: "x" }), "RequestError", "AWS.MechanicalTurk.PermissionDenied");
  });
});

describe("DeleteQualificationType", () => {
  it("makes the type unusable, frees its name, rejects pending requests and keeps granted qualifications out of reach", async () => {
    const type = await createType({ Name: "Doomed" });
    const id = type.QualificationTypeId!;
    const worker = await newWorker(t);
    const pending = (await requestQual(worker, { QualificationTypeId: id })).body;
    expect(pending.Status).toBe("Pending");
    const hitType = (await t.sdk.send(new CreateHITTypeCommand({ ...typeProps(), QualificationRequirements: [{ QualificationTypeId: id, Comparator: "Exists" }] }))).HITTypeId!;

    await t.sdk.send(new DeleteQualificationTypeCommand({ QualificationTypeId: id }));

    await expectError(getType(id), "RequestError", "AWS.MechanicalTurk.QualificationTypeDoesNotExist");
    expect((await listTypes({ MustBeOwnedByCaller: true })).QualificationTypes).toEqual([]);
    await expectError(
      t.sdk.send(new AcceptQualificationRequestCommand({ QualificationRequestId: pending.QualificationRequestId })),
      "RequestError",
      "AWS.MechanicalTurk.InvalidQualificationRequestState",
      "is Rejected",
    );
    await expectError(associate(id, worker), "RequestError", "AWS.MechanicalTurk.QualificationDoesNotExist");
    await expectError(
      createHit({ QualificationRequirements: [{ QualificationTypeId: id, Comparator: "Exists" }] }),
      "RequestError",
      "AWS.MechanicalTurk.QualificationDoesNotExist",
      "You requested a Qualification that does not exist.",
    );
    await expectError(
      t.sdk.send(new CreateHITWithHITTypeCommand({ HITTypeId: hitType, LifetimeInSeconds: 3600, Question: hitInput().Question })),
      "RequestError",
      "AWS.MechanicalTurk.HITTypeDoesNotExist",
    );
    expect((await createType({ Name: "Doomed" })).Name).toBe("Doomed");
    await expectError(t.sdk.send(new DeleteQualificationTypeCommand({ QualificationTypeId: id })), "RequestError", "AWS.MechanicalTurk.QualificationTypeDoesNotExist");
  });
});

function typeProps() {
  const { Title, Description, Reward, AssignmentDurationInSeconds } = hitInput();
  return { Title, Description, Reward, AssignmentDurationInSeconds };
}

describe("ListQualificationTypes", () => {
  it("searches names, descriptions and keywords; lists system types unless requestable or own ones are asked for", async () => {
    const a = await createType({ Name: "Spanish speaker", Description: "Speaks Spanish", Keywords: "language" });
    const b = await createType({ Name: "Bird spotter", Description: "Knows birds", Keywords: "nature, LANGUAGE of birds", QualificationTypeStatus: "Inactive" });
    const theirs = await createType({ Name: "Their Spanish", Description: "Theirs" }, other);
    await createType({ Name: "Their inactive", Description: "Hidden", QualificationTypeStatus: "Inactive" }, other);
    const names = async (input: Partial<ListQualificationTypesCommandInput>) => ((await listTypes({ MaxResults: 100, ...input })).QualificationTypes ?? []).map((q) => q.Name);

    const all = await names({});
    expect(all.slice(0, 9)).toEqual(expect.arrayContaining(["Masters", "Worker_Locale", "Worker_NumberHITsApproved", "Worker_PercentAssignmentsApproved", "Worker_Adult"]));
    expect(all.slice(9)).toEqual(["Spanish speaker", "Bird spotter", "Their Spanish"]);
    expect(await names({ MustBeRequestable: true })).toEqual(["Spanish speaker", "Bird spotter", "Their Spanish"]);
    expect(await names({ MustBeOwnedByCaller: true })).toEqual(["Spanish speaker", "Bird spotter"]);
    expect(await names({ Query: "language" })).toEqual(["Spanish speaker", "Bird spotter"]);
    expect(await names({ Query: "spanish" })).toEqual(["Spanish speaker", "Their Spanish"]);
    expect(await names({ Query: "speaks spanish" })).toEqual(["Spanish speaker"]);
    expect(await names({ Query: "locale" })).toEqual(["Worker_Locale"]);
    const listed = (await listTypes({ MustBeRequestable: true })).QualificationTypes!;
    expect(listed.find((q) => q.QualificationTypeId === theirs.QualificationTypeId)).toMatchObject({ IsRequestable: true });
    expect([a, b].map((x) => x.QualificationTypeId)).toEqual(listed.slice(0, 2).map((x) => x.QualificationTypeId));
  });

  it("pages through system and custom types with advancing tokens", async () => {
    for (let i = 0; i < 4; i++) await createType();
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await listTypes({ MaxResults: 4, NextToken });
      expect(page.NumResults).toBe(page.QualificationTypes!.length);
      seen.push(...page.QualificationTypes!.map((q) => q.QualificationTypeId!));
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(13);
    expect(new Set(seen).size).toBe(13);
    await expectError(listTypes({ NextToken: "bogus" }), "ParameterValidationError", undefined, 'The value "bogus" is not valid for the parameter NextToken.');
    await expectError(
      t.sdk.send(new ListQualificationTypesCommand({} as never)),
      "ParameterValidationError",
      undefined,
      "Value null at 'mustBeRequestable' failed to satisfy constraint: Member must not be null.",
    );
  });
});

describe("workers' qualifications", () => {
  it("associates a qualification, reads its score and changes its value", async () => {
    const id = (await createType({ Name: "Reliable" })).QualificationTypeId!;
    const worker = await newWorker(t);
    await associate(id, worker, { IntegerValue: 2 });
    expect(await score(id, worker)).toEqual({ QualificationTypeId: id, WorkerId: worker, GrantTime: new Date(T0 * 1000), IntegerValue: 2, Status: "Granted" });
    await advance(t, 100);
    await associate(id, worker, { IntegerValue: 3 });
    const updated = await score(id, worker);
    expect(updated.IntegerValue).toBe(3);
    expect(secs(updated.GrantTime)).toBe(T0);
    const mail = await outbox(worker);
    expect(mail).toHaveLength(2);
    expect(mail[0]).toMatchObject({ WorkerId: worker, Kind: "QualificationGranted", SentTime: T0, Subject: 'You have been granted the Qualification "Reliable"' });
    expect(mail[1].MessageText).toContain("with the value 3");
  });

  it("grants the value 1 when none is given, and sends nothing with SendNotification false", async () => {
    const id = (await createType()).QualificationTypeId!;
    const worker = await newWorker(t);
    await associate(id, worker, { SendNotification: false });
    expect((await score(id, worker)).IntegerValue).toBe(1);
    expect(await outbox(worker)).toEqual([]);
  });

  it("refuses unknown workers, unknown types and other requesters' types", async () => {
    const id = (await createType()).QualificationTypeId!;
    await expectError(
      associate(id, "A143XRCI1YXAFE"),
      "ParameterValidationError",
      undefined,
      /^The value "A143XRCI1YXAFE" is not valid for the parameter WorkerId\. \(\d{13}\)$/,
    );
    const worker = await newWorker(t);
    await expectError(
      associate("3NOSUCHTYPE0000000000000000000", worker),
      "RequestError",
      "AWS.MechanicalTurk.QualificationDoesNotExist",
      /^You requested a Qualification that does not exist\. \(\d{13}\)$/,
    );
    const theirs = (await createType({}, other)).QualificationTypeId!;
    await expectError(associate(theirs, worker), "RequestError", "AWS.MechanicalTurk.PermissionDenied");
    await expectError(associate(LOCALE, worker), "RequestError", "AWS.MechanicalTurk.PermissionDenied");
    await expectError(associate(id, "not-a-worker"), "ParameterValidationError", undefined, 'The value "not-a-worker" is not valid for the parameter WorkerId.');
  });

  it("revokes a qualification: the score shows Status Revoked and the worker is told why", async () => {
    const id = (await createType({ Name: "Revocable" })).QualificationTypeId!;
    const [w1, w2] = [await newWorker(t), await newWorker(t)];
    await associate(id, w1, { IntegerValue: 5 });
    await associate(id, w2, { IntegerValue: 6, SendNotification: false });
    await t.sdk.send(new DisassociateQualificationFromWorkerCommand({ QualificationTypeId: id, WorkerId: w1, Reason: "Too many mistakes" }));
    expect(await score(id, w1)).toMatchObject({ Status: "Revoked", IntegerValue: 5 });
    expect((await outbox(w1)).at(-1)).toMatchObject({ Kind: "QualificationRevoked", MessageText: expect.stringContaining("Reason: Too many mistakes") });
    const list = async (Status?: "Granted" | "Revoked") =>
      ((await t.sdk.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: id, Status }))).Qualifications ?? []).map((q) => [q.WorkerId, q.Status]);
    expect(await list()).toEqual([[w1, "Revoked"], [w2, "Granted"]]);
    expect(await list("Granted")).toEqual([[w2, "Granted"]]);
    expect(await list("Revoked")).toEqual([[w1, "Revoked"]]);
    // Granting again re-grants it, with a new GrantTime.
    await advance(t, 10);
    await associate(id, w1, { IntegerValue: 7 });
    expect(await score(id, w1)).toMatchObject({ Status: "Granted", IntegerValue: 7, GrantTime: new Date((T0 + 10) * 1000) });
    const never = await newWorker(t);
    await expectError(
      t.sdk.send(new DisassociateQualificationFromWorkerCommand({ QualificationTypeId: id, WorkerId: never })),
      "RequestError",
      "AWS.MechanicalTurk.QualificationDoesNotExist",
    );
  });

  it("answers QualificationDoesNotExist for a worker without the qualification, and only to the owner", async () => {
    const id = (await createType()).QualificationTypeId!;
    const worker = await newWorker(t);
    await expectError(score(id, worker), "RequestError", "AWS.MechanicalTurk.QualificationDoesNotExist", "You requested a Qualification that does not exist.");
    await associate(id, worker);
    await expectError(score(id, worker, other), "RequestError", "AWS.MechanicalTurk.PermissionDenied");
  });

  it("lists workers with the type page by page, for the owner only", async () => {
    const id = (await createType()).QualificationTypeId!;
    const workers = [await newWorker(t), await newWorker(t), await newWorker(t)];
    for (const w of workers) await associate(id, w, { SendNotification: false });
    const page1 = await t.sdk.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: id, MaxResults: 2 }));
    const page2 = await t.sdk.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: id, MaxResults: 2, NextToken: page1.NextToken }));
    expect([page1.NumResults, page2.NumResults, page2.NextToken]).toEqual([2, 1, undefined]);
    expect([...page1.Qualifications!, ...page2.Qualifications!].map((q) => q.WorkerId)).toEqual(workers);
    await expectError(other.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: id })), "RequestError", "AWS.MechanicalTurk.PermissionDenied");
  });

  it("lists the caller's live HITs that require a type", async () => {
    const id = (await createType()).QualificationTypeId!;
    const requiring = await createHit({ QualificationRequirements: [{ QualificationTypeId: id, Comparator: "Exists" }] });
    const withLocale = await createHit({
      QualificationRequirements: [
        { QualificationTypeId: LOCALE, Comparator: "EqualTo", LocaleValues: [{ Country: "US" }] },
        { QualificationTypeId: id, Comparator: "GreaterThan", IntegerValues: [1] },
      ],
    });
    await createHit();
    const gone = await createHit({ QualificationRequirements: [{ QualificationTypeId: id, Comparator: "DoesNotExist" }], LifetimeInSeconds: 60 });
    await t.sdk.send(new UpdateExpirationForHITCommand({ HITId: gone, ExpireAt: new Date(0) }));
    await t.sdk.send(new DeleteHITCommand({ HITId: gone }));
    const list = async (QualificationTypeId: string, more: { MaxResults?: number; NextToken?: string } = {}) =>
      t.sdk.send(new ListHITsForQualificationTypeCommand({ QualificationTypeId, ...more }));
    expect((await list(id)).HITs!.map((h) => h.HITId)).toEqual([requiring, withLocale]);
    expect((await list(LOCALE)).HITs!.map((h) => h.HITId)).toEqual([withLocale]);
    const page1 = await list(id, { MaxResults: 1 });
    expect(page1.HITs!.map((h) => h.HITId)).toEqual([requiring]);
    expect((await list(id, { MaxResults: 1, NextToken: page1.NextToken })).HITs!.map((h) => h.HITId)).toEqual([withLocale]);
    expect((await other.send(new ListHITsForQualificationTypeCommand({ QualificationTypeId: id }))).HITs).toEqual([]);
    await expectError(list("3NOSUCHTYPE0000000000000000000"), "RequestError", "AWS.MechanicalTurk.QualificationTypeDoesNotExist");
  });
});

describe("system qualifications", () => {
  it("are computed from the worker's attributes", async () => {
    const plain = await newWorker(t);
    expect(await score(NUMBER_APPROVED, plain)).toMatchObject({ IntegerValue: 0, Status: "Granted" });
    expect((await score(PERCENT_APPROVED, plain)).IntegerValue).toBe(100);
    for (const id of [LOCALE, ADULT, MASTERS]) await expectError(score(id, plain), "RequestError", "AWS.MechanicalTurk.QualificationDoesNotExist");

    const { WorkerId } = await t.ctl("POST", "/_emu/workers", { Locale: { Country: "US", Subdivision: "CA" }, Adult: true, Masters: true });
    expect(await score(LOCALE, WorkerId)).toMatchObject({ LocaleValue: { Country: "US", Subdivision: "CA" }, Status: "Granted" });
    expect((await score(ADULT, WorkerId)).IntegerValue).toBe(1);
    expect((await score(MASTERS, WorkerId)).IntegerValue).toBe(1);
    // Posting again changes the attributes given and keeps the others.
    await t.ctl("POST", "/_emu/workers", { WorkerId, Adult: false });
    expect((await score(ADULT, WorkerId)).IntegerValue).toBe(0);
    expect((await score(LOCALE, WorkerId)).LocaleValue).toEqual({ Country: "US", Subdivision: "CA" });
    await expectError(score(LOCALE, "A143XRCI1YXAFE"), "ParameterValidationError", undefined, "parameter WorkerId");
  });

  it("are computed from the worker's history over all requesters", async () => {
    const worker = await newWorker(t);
    const hit = await createHit({ MaxAssignments: 5 });
    const theirHit = (await other.send(new CreateHITCommand(hitInput({ MaxAssignments: 3 }) as CreateHITCommandInput))).HIT!.HITId!;
    const done = async (hitId: string) => {
      const { AssignmentId } = await accept(t, hitId, worker);
      await submit(t, AssignmentId);
      return AssignmentId;
    };
    await t.sdk.send(new ApproveAssignmentCommand({ AssignmentId: await done(hit) }));
    await other.send(new ApproveAssignmentCommand({ AssignmentId: await done(theirHit) }));
    const third = await createHit();
    await t.sdk.send(new RejectAssignmentCommand({ AssignmentId: await done(third), RequesterFeedback: "no" }));
    const returned = await accept(t, await createHit(), worker);
    await t.ctl("POST", `/_emu/assignments/${returned.AssignmentId}/return`);
    const abandoned = await accept(t, await createHit(), worker);
    await t.ctl("POST", `/_emu/assignments/${abandoned.AssignmentId}/abandon`);

    const value = async (id: string) => (await score(id, worker)).IntegerValue;
    expect(await value(NUMBER_APPROVED)).toBe(2);
    expect(await value(PERCENT_APPROVED)).toBe(100); // fewer than 100 submitted
    expect(await value("000000000000000000S0")).toBe(33); // rejected: 1 of 3 reviewed
    expect(await value("00000000000000000000")).toBe(60); // submitted: 3 of 5 ended
    expect(await value("000000000000000000E0")).toBe(20); // returned
    expect(await value("00000000000000000070")).toBe(20); // abandoned
  });

  it("refuses unknown or malformed worker attributes, naming them", async () => {
    const bad = async (body: Record<string, unknown>, message: string) => {
      const res = await t.control("POST", "/_emu/workers", body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: "InvalidWorkerAttribute", message: expect.stringContaining(message) });
    };
    await bad({ Country: "US" }, '"Country" is not a worker attribute; the attributes are Locale, Adult, Masters, History.');
    await bad({ Locale: "US" }, "Locale must be {");
    await bad({ Locale: { Country: "usa" } }, "Country must be a two-letter ISO 3166 code");
    await bad({ Locale: { Country: "US", Subdivision: "California" } }, "Subdivision must be an ISO 3166-2 subdivision code");
    await bad({ Locale: { Country: "US", City: "LA" } }, 'unknown member "City"');
    await bad({ Adult: "yes" }, "Adult must be true or false.");
  });
});

describe("qualification requests", () => {
  const acceptRequest = (QualificationRequestId: string, IntegerValue?: number, client: MTurkClient = t.sdk) =>
    client.send(new AcceptQualificationRequestCommand({ QualificationRequestId, IntegerValue }));
  const listRequests = async (QualificationTypeId?: string, client: MTurkClient = t.sdk) =>
    (await client.send(new ListQualificationRequestsCommand({ QualificationTypeId }))).QualificationRequests ?? [];

  it("waits for the owner without a test or key; the owner accepts with a value", async () => {
    const type = await createType({ Name: "Manual" });
    const id = type.QualificationTypeId!;
    const worker = await newWorker(t);
    const res = await requestQual(worker, { QualificationTypeId: id });
    expect(res).toEqual({ status: 200, body: { QualificationRequestId: expect.any(String), Status: "Pending" } });
    const requestId = res.body.QualificationRequestId;
    expect(await listRequests(id)).toEqual([{ QualificationRequestId: requestId, QualificationTypeId: id, WorkerId: worker, SubmitTime: new Date(T0 * 1000) }]);
    expect(await listRequests()).toHaveLength(1);
    expect(await listRequests(undefined, other)).toEqual([]);
    await expectError(acceptRequest(requestId, 1, other), "RequestError", "AWS.MechanicalTurk.QualificationRequestDoesNotExist");

    await acceptRequest(requestId, 42);
    expect(await score(id, worker)).toMatchObject({ IntegerValue: 42, Status: "Granted" });
    expect(await listRequests(id)).toEqual([]);
    expect((await outbox(worker)).at(-1)).toMatchObject({ Kind: "QualificationGranted", Subject: 'Your request for the Qualification "Manual" was granted' });
    await expectError(acceptRequest(requestId), "RequestError", "AWS.MechanicalTurk.InvalidQualificationRequestState", `QualificationRequest ${requestId} is Granted`);
    await expectError(acceptRequest("NOSUCHREQUEST"), "RequestError", "AWS.MechanicalTurk.QualificationRequestDoesNotExist", "QualificationRequest NOSUCHREQUEST does not exist.");
  });

  it("rejects a request with a reason the worker is told", async () => {
    const id = (await createType({ Name: "Picky", RetryDelayInSeconds: 0 })).QualificationTypeId!;
    const worker = await newWorker(t);
    const requestId = (await requestQual(worker, { QualificationTypeId: id })).body.QualificationRequestId;
    await t.sdk.send(new RejectQualificationRequestCommand({ QualificationRequestId: requestId, Reason: "Not enough experience" }));
    await expectError(score(id, worker), "RequestError", "AWS.MechanicalTurk.QualificationDoesNotExist");
    expect((await outbox(worker)).at(-1)).toMatchObject({ Kind: "QualificationRequestRejected", MessageText: expect.stringContaining("Reason: Not enough experience") });
    await expectError(
      t.sdk.send(new RejectQualificationRequestCommand({ QualificationRequestId: requestId })),
      "RequestError",
      "AWS.MechanicalTurk.InvalidQualificationRequestState",
    );
  });

  it("grades a test with an answer key at once: a right and a wrong answer get different values", async () => {
    const id = (await createType({ Test: TEST_FORM, AnswerKey: ANSWER_KEY, TestDurationInSeconds: 600 })).QualificationTypeId!;
    const [good, bad, half] = [await newWorker(t), await newWorker(t), await newWorker(t)];
    const right = await requestQual(good, { QualificationTypeId: id, Answers: { sky: "blue", sum: "four" } });
    const wrong = await requestQual(bad, { QualificationTypeId: id, Answers: { sky: "green", sum: "five" } });
    expect(right.body).toMatchObject({ Status: "Granted", IntegerValue: 100 });
    expect(wrong.body).toMatchObject({ Status: "Granted", IntegerValue: 0 });
    const xml =
      `<QuestionFormAnswers xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd">` +
      `<Answer><QuestionIdentifier>sky</QuestionIdentifier><SelectionIdentifier>blue</SelectionIdentifier></Answer>` +
      `<Answer><QuestionIdentifier>sum</QuestionIdentifier><SelectionIdentifier>five</SelectionIdentifier></Answer></QuestionFormAnswers>`;
    expect((await requestQual(half, { QualificationTypeId: id, AnswerXml: xml })).body).toMatchObject({ Status: "Granted", IntegerValue: 50 });
    expect((await score(id, good)).IntegerValue).toBe(100);
    expect((await score(id, bad)).IntegerValue).toBe(0);
    expect(await listRequests(id)).toEqual([]);
  });

  it("keeps a test without a key pending, with the test and the worker's answers", async () => {
    const id = (await createType({ Test: TEST_FORM, TestDurationInSeconds: 600 })).QualificationTypeId!;
    const worker = await newWorker(t);
    const res = await requestQual(worker, { QualificationTypeId: id, Answers: { sky: "blue", sum: "five" } });
    expect(res.body.Status).toBe("Pending");
    const [request] = await listRequests(id);
    expect(request.Test).toBe(TEST_FORM);
    expect(request.Answer).toContain("<Answer><QuestionIdentifier>sky</QuestionIdentifier><SelectionIdentifier>blue</SelectionIdentifier></Answer>");
    const missing = await requestQual(await newWorker(t), { QualificationTypeId: id });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain("has a Test: give its answers");
    const invalid = await requestQual(await newWorker(t), { QualificationTypeId: id, Answers: { sky: "purple", sum: "four" } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe("ParameterValidationError");
  });

  it("grants an auto-granted type at once with its AutoGrantedValue", async () => {
    const id = (await createType({ AutoGranted: true, AutoGrantedValue: 9 })).QualificationTypeId!;
    const worker = await newWorker(t);
    expect((await requestQual(worker, { QualificationTypeId: id })).body).toMatchObject({ Status: "Granted", IntegerValue: 9 });
    expect((await score(id, worker)).IntegerValue).toBe(9);
  });

  it("enforces RetryDelayInSeconds on the emulator clock; without it a worker may request only once", async () => {
    const once = (await createType({ AutoGranted: true })).QualificationTypeId!;
    const retry = (await createType({ Test: TEST_FORM, AnswerKey: ANSWER_KEY, TestDurationInSeconds: 600, RetryDelayInSeconds: 3600 })).QualificationTypeId!;
    const worker = await newWorker(t);
    await requestQual(worker, { QualificationTypeId: once });
    const again = await requestQual(worker, { QualificationTypeId: once });
    expect(again).toEqual({ status: 409, body: { code: "RetryNotAllowed", message: expect.stringContaining("does not allow retries") } });

    expect((await requestQual(worker, { QualificationTypeId: retry, Answers: { sky: "green", sum: "four" } })).body.IntegerValue).toBe(50);
    await advance(t, 3599);
    const early = await requestQual(worker, { QualificationTypeId: retry, Answers: { sky: "blue", sum: "four" } });
    expect(early.status).toBe(409);
    expect(early.body).toEqual({ code: "RetryTooSoon", message: expect.stringContaining("again at 2030-03-17T18:46:40Z") });
    await advance(t, 1);
    expect((await requestQual(worker, { QualificationTypeId: retry, Answers: { sky: "blue", sum: "four" } })).body.IntegerValue).toBe(100);
    expect((await score(retry, worker)).IntegerValue).toBe(100);
  });

  it("refuses a second request while one is pending, and types that cannot be requested", async () => {
    const manual = (await createType({ RetryDelayInSeconds: 0 })).QualificationTypeId!;
    const inactive = (await createType({ QualificationTypeStatus: "Inactive" })).QualificationTypeId!;
    const worker = await newWorker(t);
    await requestQual(worker, { QualificationTypeId: manual });
    expect((await requestQual(worker, { QualificationTypeId: manual })).body.code).toBe("RequestPending");
    expect(await requestQual(worker, { QualificationTypeId: inactive })).toMatchObject({ status: 409, body: { code: "QualificationTypeInactive" } });
    expect(await requestQual(worker, { QualificationTypeId: LOCALE })).toMatchObject({ status: 409, body: { code: "NotRequestable" } });
    expect(await requestQual(worker, { QualificationTypeId: "3NOSUCHTYPE0000000000000000000" })).toMatchObject({ status: 404, body: { code: "QualificationTypeNotFound" } });
    expect(await requestQual("ANOBODY", { QualificationTypeId: manual })).toMatchObject({ status: 404, body: { code: "WorkerNotFound" } });
    expect((await requestQual(worker, { QualificationTypeId: manual, Answers: { a: "b" } })).body.message).toContain("has no Test");
  });
});
