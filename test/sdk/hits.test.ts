// HIT creation through the real @aws-sdk/client-mturk: balance, HIT types, CreateHIT and its variants,
// parameter validation, GetHIT, and the isolation of requester accounts (MODERN-API.md §2.5–2.7, §2.14, §2.17).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ApproveAssignmentCommand,
  CreateHITCommand,
  CreateHITTypeCommand,
  CreateHITWithHITTypeCommand,
  DeleteHITCommand,
  GetAccountBalanceCommand,
  GetAssignmentCommand,
  GetHITCommand,
  ListHITsCommand,
  UpdateExpirationForHITCommand,
  type CreateHITCommandInput,
  type HIT,
  type MTurkClient,
} from "@aws-sdk/client-mturk";
import { HTML_QUESTION, T0, acceptAndSubmit, expectError, freezeAt, hitInput, secs, startTestEmu, type TestEmu } from "../helpers/emu";

const OTHER = { accessKeyId: "AKIAOTHER0000000001", secretAccessKey: "other-secret" };
const LOCALE_US = [{ QualificationTypeId: "00000000000000000071", Comparator: "EqualTo", LocaleValues: [{ Country: "US" }] }];
const EXTERNAL = (url: string) =>
  `<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd"><ExternalURL>${url}</ExternalURL><FrameHeight>600</FrameHeight></ExternalQuestion>`;
const MISSING_HIT = "3ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ";

let t: TestEmu;
let other: MTurkClient;
let dir: string;

const createHit = async (overrides: Record<string, unknown> = {}, client?: MTurkClient): Promise<HIT> =>
  (await (client ?? t.sdk).send(new CreateHITCommand(hitInput(overrides) as CreateHITCommandInput))).HIT!;
const getHit = async (hitId: string): Promise<HIT> => (await t.sdk.send(new GetHITCommand({ HITId: hitId }))).HIT!;
const createType = async (overrides: Record<string, unknown> = {}): Promise<string> =>
  (
    await t.sdk.send(
      new CreateHITTypeCommand({ Title: "Tag an image", Description: "One word", Reward: "0.10", AssignmentDurationInSeconds: 300, ...overrides }),
    )
  ).HITTypeId!;
const createWithType = async (HITTypeId: string, overrides: Record<string, unknown> = {}): Promise<HIT> =>
  (await t.sdk.send(new CreateHITWithHITTypeCommand({ HITTypeId, LifetimeInSeconds: 3600, Question: HTML_QUESTION, ...overrides }))).HIT!;

beforeAll(async () => {
  // A second requester account comes from a credentials file, as users would configure it.
  dir = mkdtempSync(join(tmpdir(), "mturk-emu-hits-"));
  const file = join(dir, "credentials.json");
  writeFileSync(file, JSON.stringify([OTHER]));
  t = await startTestEmu({ credentialsFile: file });
  other = t.client(OTHER);
});

afterAll(async () => {
  other.destroy();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await t.ctl("POST", "/_emu/reset");
  await freezeAt(t, T0);
});

describe("GetAccountBalance", () => {
  it("answers the sandbox balance 10000.00", async () => {
    const out = await t.sdk.send(new GetAccountBalanceCommand({}));
    expect(out.AvailableBalance).toBe("10000.00");
    expect(out.$metadata.httpStatusCode).toBe(200);
  });
});

describe("CreateHITType", () => {
  it("gives identical properties the same HITTypeId and different ones a new id; HITs of one type share a HITGroupId", async () => {
    const a = await createType();
    expect(a).toMatch(/^[A-Z0-9]+$/);
    expect(await createType()).toBe(a);
    const b = await createType({ Reward: "0.20" });
    const c = await createType({ Keywords: "image" });
    expect(new Set([a, b, c]).size).toBe(3);

    const h1 = await createWithType(a);
    const h2 = await createWithType(a);
    // CreateHIT with the type's own properties registers nothing new: it reuses the type.
    const h3 = await createHit({ Title: "Tag an image", Description: "One word", Reward: "0.10", AssignmentDurationInSeconds: 300, MaxAssignments: 1 });
    const h4 = await createWithType(b);
    expect([h1.HITTypeId, h2.HITTypeId, h3.HITTypeId]).toEqual([a, a, a]);
    expect(h1.HITGroupId).toMatch(/^[A-Z0-9]+$/);
    expect([h2.HITGroupId, h3.HITGroupId]).toEqual([h1.HITGroupId, h1.HITGroupId]);
    expect(h4.HITGroupId).not.toBe(h1.HITGroupId);
  });
});

describe("CreateHIT", () => {
  it("returns the whole HIT: Assignable, NotReviewed, counters, Expiration, normalised Reward, echoed requirements", async () => {
    const hit = await createHit({
      Reward: "0.5",
      MaxAssignments: 3,
      Keywords: "image, tag",
      AutoApprovalDelayInSeconds: 7200,
      RequesterAnnotation: "batch-1",
      QualificationRequirements: LOCALE_US,
    });
    expect(hit).toMatchObject({
      Title: "Tag an image",
      Description: "Look at an image and type one word",
      Keywords: "image, tag",
      Question: HTML_QUESTION,
      HITStatus: "Assignable",
      HITReviewStatus: "NotReviewed",
      MaxAssignments: 3,
      Reward: "0.50",
      AutoApprovalDelayInSeconds: 7200,
      AssignmentDurationInSeconds: 600,
      RequesterAnnotation: "batch-1",
      QualificationRequirements: LOCALE_US,
      NumberOfAssignmentsPending: 0,
      NumberOfAssignmentsAvailable: 3,
      NumberOfAssignmentsCompleted: 0,
    });
    expect(hit.HITId).toMatch(/^[A-Z0-9]+$/);
    expect(hit.HITTypeId).toMatch(/^[A-Z0-9]+$/);
    expect(hit.HITGroupId).toMatch(/^[A-Z0-9]+$/);
    expect(hit.HITLayoutId).toBeUndefined();
    expect(secs(hit.CreationTime)).toBe(T0);
    expect(secs(hit.Expiration)).toBe(secs(hit.CreationTime)! + 3600);
    expect(await getHit(hit.HITId!)).toEqual(hit);
  });

  it("defaults MaxAssignments to 1 and AutoApprovalDelayInSeconds to 30 days", async () => {
    const hit = await createHit({ MaxAssignments: undefined });
    expect(hit).toMatchObject({ MaxAssignments: 1, NumberOfAssignmentsAvailable: 1, AutoApprovalDelayInSeconds: 2_592_000, Reward: "0.25" });
  });

  it("CreateHITWithHITType takes the type's properties; an unknown HITTypeId is refused", async () => {
    const typeId = await createType({ Reward: "1", QualificationRequirements: LOCALE_US });
    const hit = await createWithType(typeId, { MaxAssignments: 4, LifetimeInSeconds: 120 });
    expect(hit).toMatchObject({ HITTypeId: typeId, Title: "Tag an image", Reward: "1.00", MaxAssignments: 4, AssignmentDurationInSeconds: 300 });
    expect(hit.QualificationRequirements).toEqual(LOCALE_US);
    expect(secs(hit.Expiration)).toBe(T0 + 120);
    await expectError(createWithType(MISSING_HIT), "RequestError", "AWS.MechanicalTurk.HITTypeDoesNotExist", MISSING_HIT);
  });

  it("merges a HIT layout defined through /_emu/layouts with HITLayoutParameters", async () => {
    const template = '<p>Label the ${animal}</p><img src="${url}">';
    const { HITLayoutId } = await t.ctl("POST", "/_emu/layouts", { Template: template });
    const params = [
      { Name: "animal", Value: "cat" },
      { Name: "url", Value: "https://example.com/cat.png" },
    ];
    const hit = await createHit({ Question: undefined, HITLayoutId, HITLayoutParameters: params });
    expect(hit.HITLayoutId).toBe(HITLayoutId);
    expect(hit.Question).toContain("<HTMLQuestion");
    expect(hit.Question).toContain('<p>Label the cat</p><img src="https://example.com/cat.png">');
    expect(hit.Question).not.toContain("${");

    await expectError(
      createHit({ Question: undefined, HITLayoutId, HITLayoutParameters: params.slice(0, 1) }),
      "ParameterValidationError",
      undefined,
      "${url}",
    );
    await expectError(createHit({ Question: undefined, HITLayoutId: "NOSUCHLAYOUT" }), "RequestError", "AWS.MechanicalTurk.HITLayoutDoesNotExist");
  });

  it("wants exactly one of Question and HITLayoutId", async () => {
    const { HITLayoutId } = await t.ctl("POST", "/_emu/layouts", { Template: "<p>hello</p>" });
    await expectError(createHit({ HITLayoutId }), "ParameterValidationError", undefined, /Question|HITLayoutId/);
    await expectError(createHit({ Question: undefined }), "ParameterValidationError", undefined, /Question|HITLayoutId/);
    const list = await t.sdk.send(new ListHITsCommand({}));
    expect(list.NumResults).toBe(0);
  });

  it("refuses malformed and schema-invalid Question XML", async () => {
    const unclosed = '<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent>x';
    await expectError(createHit({ Question: unclosed }), "RequestError", "AWS.MechanicalTurk.XMLParseError", /Question/);
    await expectError(createHit({ Question: "<Foo/>" }), "ParameterValidationError", undefined, /Question/);
  });

  it("refuses a plain-http ExternalURL with the service's text, but allows http://localhost", async () => {
    const url = "http://example.com/task?id=13";
    await expectError(
      createHit({ Question: EXTERNAL(url) }),
      "ParameterValidationError",
      undefined,
      `The value "${url}" is not valid for the parameter ExternalURL. This URL must use the HTTPS protocol.`,
    );
    const hit = await createHit({ Question: EXTERNAL("http://localhost:3000/task") });
    expect(hit.HITStatus).toBe("Assignable");
    expect(hit.Question).toContain("<ExternalURL>http://localhost:3000/task</ExternalURL>");
  });

  it("refuses a repeated UniqueRequestToken with HitAlreadyExists naming the first HIT", async () => {
    const first = await createHit({ UniqueRequestToken: "batch-42" });
    const err = await expectError(createHit({ UniqueRequestToken: "batch-42" }), "RequestError", "AWS.MechanicalTurk.HitAlreadyExists", first.HITId);
    expect(err.message).toMatch(/ \(\d{13}\)$/);
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect((await t.sdk.send(new ListHITsCommand({}))).NumResults).toBe(1);
    // Another token is another HIT.
    expect((await createHit({ UniqueRequestToken: "batch-43" })).HITId).not.toBe(first.HITId);
  });
});

describe("parameter validation", () => {
  const req = { QualificationTypeId: "000000000000000000L0", Comparator: "GreaterThanOrEqualTo", IntegerValues: [90] };
  it.each<[string, Record<string, unknown>, RegExp]>([
    ["LifetimeInSeconds 10", { LifetimeInSeconds: 10 }, /^The value 10 is invalid for LifetimeInSeconds\. Valid values range from 30 to 31536000\. \(\d+\)$/],
    ["Reward abc", { Reward: "abc" }, /^The value "abc" is not valid for the parameter Reward\./],
    ["a Title of 129 characters", { Title: "x".repeat(129) }, /for the parameter Title\./],
    ["11 QualificationRequirements", { QualificationRequirements: Array(11).fill(req) }, /QualificationRequirements/],
  ])("CreateHIT with %s → ParameterValidationError (HTTP 400)", async (_label, overrides, message) => {
    const err = await expectError(createHit(overrides), "ParameterValidationError", undefined, message);
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.TurkErrorCode).toBeUndefined();
  });

  it("ListHITs with MaxResults 101 → ParameterValidationError (HTTP 400)", async () => {
    const err = await expectError(t.sdk.send(new ListHITsCommand({ MaxResults: 101 })), "ParameterValidationError", undefined, /MaxResults/);
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it("10 QualificationRequirements are accepted", async () => {
    const hit = await createHit({ QualificationRequirements: Array(10).fill(req) });
    expect(hit.QualificationRequirements).toHaveLength(10);
  });
});

describe("GetHIT", () => {
  it("answers an unknown HIT with HITDoesNotExist and the service's text", async () => {
    const err = await expectError(
      t.sdk.send(new GetHITCommand({ HITId: MISSING_HIT })),
      "RequestError",
      "AWS.MechanicalTurk.HITDoesNotExist",
      new RegExp(`^Hit ${MISSING_HIT} does not exist\\. \\(\\d{13}\\)$`),
    );
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.$fault).toBe("client");
  });
});

describe("requester accounts are isolated", () => {
  it("another account sees none of the default account's HITs or assignments, and cannot change them", async () => {
    const hit = await createHit({ MaxAssignments: 1 });
    const { AssignmentId } = await acceptAndSubmit(t, hit.HITId!);
    const HITId = hit.HITId!;

    await expectError(other.send(new GetHITCommand({ HITId })), "RequestError", "AWS.MechanicalTurk.HITDoesNotExist", `Hit ${HITId} does not exist.`);
    const list = await other.send(new ListHITsCommand({}));
    expect(list.NumResults).toBe(0);
    expect(list.HITs ?? []).toEqual([]);
    await expectError(other.send(new GetAssignmentCommand({ AssignmentId })), "RequestError", "AWS.MechanicalTurk.AssignmentDoesNotExist");
    await expectError(other.send(new ApproveAssignmentCommand({ AssignmentId })), "RequestError", "AWS.MechanicalTurk.AssignmentDoesNotExist");
    await expectError(other.send(new DeleteHITCommand({ HITId })), "RequestError", "AWS.MechanicalTurk.HITDoesNotExist");
    await expectError(
      other.send(new UpdateExpirationForHITCommand({ HITId, ExpireAt: new Date(0) })),
      "RequestError",
      "AWS.MechanicalTurk.HITDoesNotExist",
    );

    // Nothing changed for the owner.
    const mine = await t.sdk.send(new GetAssignmentCommand({ AssignmentId }));
    expect(mine.Assignment!.AssignmentStatus).toBe("Submitted");
    expect(mine.HIT!.HITStatus).toBe("Reviewable");
    expect(secs(mine.HIT!.Expiration)).toBe(T0 + 3600);
    expect((await t.sdk.send(new ListHITsCommand({}))).HITs!.map((h) => h.HITId)).toEqual([HITId]);

    // The other account's own HITs are its own.
    const theirs = await createHit({}, other);
    expect((await other.send(new ListHITsCommand({}))).HITs!.map((h) => h.HITId)).toEqual([theirs.HITId]);
    await expectError(getHit(theirs.HITId!), "RequestError", "AWS.MechanicalTurk.HITDoesNotExist");
  });
});
