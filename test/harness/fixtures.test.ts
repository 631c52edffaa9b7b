// Fixtures: every example in fixtures/ loads, a detailed world (fixtures/test-world.json, test-survey.yaml)
// reads back through the SDK exactly as declared, a fixture with one error is refused whole with its path,
// and `mturk-emu start --seed FILE` starts with the fixture loaded.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import {
  ListWorkersWithQualificationTypeCommand,
  GetAccountBalanceCommand,
  GetAssignmentCommand,
  GetHITCommand,
  ListAssignmentsForHITCommand,
  ListHITsCommand,
  MTurkClient,
  type Assignment,
} from "@aws-sdk/client-mturk";
import { CREDENTIALS, T0, newWorker, secs, useEmu } from "../helpers/emu";

const ROOT = resolve(__dirname, "../..");
const FIXTURES = join(ROOT, "fixtures");
const EXAMPLES = readdirSync(FIXTURES).filter((f) => /\.(json|ya?ml)$/.test(f) && f !== "schema.json").sort();
const readFixture = (file: string): any => parseYaml(readFileSync(join(FIXTURES, file), "utf8")); // YAML ⊃ JSON
const t = useEmu({ frozenAt: T0 });

const seed = (body: unknown) => t.control("POST", "/_emu/seed", body);
const seedText = async (text: string) => {
  const res = await fetch(t.url + "/_emu/seed", { method: "POST", headers: { "content-type": "application/yaml" }, body: text });
  return { status: res.status, body: (await res.json()) as any };
};
const listHitIds = async (client: MTurkClient = t.sdk) => ((await client.send(new ListHITsCommand({}))).HITs ?? []).map((h) => h.HITId!).sort();
const getHit = async (HITId: string) => (await t.sdk.send(new GetHITCommand({ HITId }))).HIT!;
const assignmentsOf = async (HITId: string, client: MTurkClient = t.sdk): Promise<Assignment[]> =>
  (await client.send(new ListAssignmentsForHITCommand({ HITId }))).Assignments ?? [];
const workerIds = async () => (await t.ctl("GET", "/_emu/workers")).workers.map((w: any) => w.WorkerId).sort();


describe.each(EXAMPLES)("example fixture %s", (file) => {
  it("loads, with the declared HITs, workers and assignment statuses", async () => {
    const doc = readFixture(file);
    const res = await seedText(readFileSync(join(FIXTURES, file), "utf8"));
    expect(res).toEqual({ status: 200, body: expect.objectContaining({ hits: expect.any(Object) }) });
    const hits: any[] = doc.hits ?? [];
    expect(Object.keys(res.body.hits)).toHaveLength(hits.length);
    expect(res.body.workers).toBe((doc.workers ?? []).length);
    expect(res.body.assignments).toBe(hits.reduce((n, h) => n + (h.Assignments ?? []).length, 0));
    const everyHit = (await t.ctl("GET", "/_emu/hits")).hits.map((h: any) => h.HITId).sort();
    expect(everyHit).toEqual(Object.values(res.body.hits).sort());

    for (const [i, hit] of hits.entries()) {
      const secret = (doc.accounts ?? []).find((a: any) => a.accessKeyId === hit.account)?.secretAccessKey;
      const client = hit.account ? t.client({ accessKeyId: hit.account, secretAccessKey: secret }) : t.sdk;
      const declared = (hit.Assignments ?? []).map((a: any) => a.Status).filter((s: string) => ["Submitted", "Approved", "Rejected"].includes(s));
      const listed = (await assignmentsOf(res.body.hits[hit.ref ?? `hits[${i}]`], client)).map((a) => a.AssignmentStatus);
      expect(listed.sort()).toEqual(declared.sort());
      if (client !== t.sdk) client.destroy();
    }
  });
});

describe("fixtures/test-world.json read through the SDK", () => {
  let ids: Record<string, string>;
  let HITTypeId: string;
  beforeEach(async () => {
    const res = await seed(readFixture("test-world.json"));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ workers: 3, qualificationTypes: {}, layouts: 1, hitTypes: { rate: expect.any(String) }, hits: expect.any(Object), assignments: 4 });
    ids = res.body.hits;
    HITTypeId = res.body.hitTypes.rate;
  });

  it("has the HITs in their states, on the HIT type they refer to", async () => {
    expect(await listHitIds()).toEqual([ids.reviewable, ids.assignable, ids.unassignable, ids.expired].sort());
    const reviewable = await getHit(ids.reviewable);
    expect(reviewable.HITTypeId).toBe(HITTypeId);
    expect(reviewable).toEqual(
      expect.objectContaining({ HITStatus: "Reviewable", Title: "Rate an item", Reward: "0.10", RequesterAnnotation: "test-world/reviewable", NumberOfAssignmentsCompleted: 2 }),
    );
    expect(secs(reviewable.CreationTime)).toBe(T0 - 7200);
    expect(secs(reviewable.Expiration)).toBe(T0 - 7200 + 86400);
    expect((await getHit(ids.unassignable)).HITTypeId).toBe(HITTypeId);
    expect((await getHit(ids.expired)).HITTypeId).toBe(HITTypeId);

    const assignable = await getHit(ids.assignable);
    expect([assignable.HITStatus, assignable.NumberOfAssignmentsAvailable, assignable.Reward, assignable.HITLayoutId]).toEqual(["Assignable", 2, "0.50", "TESTWORLDLAYOUT"]);
    expect(assignable.HITTypeId).not.toBe(HITTypeId);
    const unassignable = await getHit(ids.unassignable);
    expect([unassignable.HITStatus, unassignable.NumberOfAssignmentsPending]).toEqual(["Unassignable", 1]);
    expect((await getHit(ids.expired)).HITStatus).toBe("Reviewable");
    expect(await workerIds()).toEqual(["ATESTWORLD1", "ATESTWORLD2", "ATESTWORLD3"]);
    expect((await t.ctl("GET", "/_emu/workers/ATESTWORLD1")).Locale).toEqual({ Country: "US", Subdivision: "WA" });
  });

  it("has the assignments with their answers and times relative to now", async () => {
    const [approved, rejected] = (await assignmentsOf(ids.reviewable)).sort((a, b) => a.WorkerId!.localeCompare(b.WorkerId!));
    expect(approved).toEqual(expect.objectContaining({ WorkerId: "ATESTWORLD1", AssignmentStatus: "Approved", RequesterFeedback: "Great" }));
    expect([secs(approved.AcceptTime), secs(approved.SubmitTime), secs(approved.ApprovalTime), secs(approved.AutoApprovalTime)]).toEqual([
      T0 - 4000,
      T0 - 3600,
      T0 - 1800,
      T0 - 3600 + 86400,
    ]);
    expect(approved.Answer).toMatch(/<Answer><QuestionIdentifier>rating<\/QuestionIdentifier><FreeText>5<\/FreeText><\/Answer>/);
    expect(rejected).toEqual(expect.objectContaining({ WorkerId: "ATESTWORLD2", AssignmentStatus: "Rejected", RequesterFeedback: "Two ratings" }));
    expect([secs(rejected.SubmitTime), secs(rejected.RejectionTime)]).toEqual([T0 - 3000, T0 - 600]);
    expect(rejected.Answer).toMatch(/<QuestionIdentifier>rating<\/QuestionIdentifier><FreeText>1\|2<\/FreeText>/);

    const [submitted] = await assignmentsOf(ids.assignable);
    expect([submitted.AssignmentStatus, secs(submitted.SubmitTime), secs(submitted.AcceptTime)]).toEqual(["Submitted", T0 - 60, T0 - 120]);
    expect(submitted.Answer).toContain("<Answer><QuestionIdentifier>rating</QuestionIdentifier><FreeText>4</FreeText></Answer>");
    const viaGet = (await t.sdk.send(new GetAssignmentCommand({ AssignmentId: submitted.AssignmentId }))).HIT!;
    expect(viaGet.Question).toContain("<p>Rate a teapot</p>"); // the layout merged with its parameter
  });

  it("puts a HIT in the account it names, invisible to the default one", async () => {
    const other = t.client({ accessKeyId: "AKIATESTWORLD0000001", secretAccessKey: "test-world-secret-key" });
    try {
      expect(await listHitIds(other)).toEqual([ids["other-account"]]);
      expect(await listHitIds()).not.toContain(ids["other-account"]);
    } finally {
      other.destroy();
    }
  });
});

describe("fixtures/test-survey.yaml", () => {
  it("loads YAML with ISO 8601 times", async () => {
    const res = await seedText(readFileSync(join(FIXTURES, "test-survey.yaml"), "utf8"));
    expect(res.status).toBe(200);
    const old = await getHit(res.body.hits["old-survey"]);
    expect([old.HITStatus, secs(old.CreationTime), secs(old.Expiration)]).toEqual(["Reviewable", Date.parse("2024-01-01T00:00:00Z") / 1000, Date.parse("2024-01-02T00:00:00Z") / 1000]);
    const [a] = await assignmentsOf(old.HITId!);
    expect([a.AssignmentStatus, a.SubmitTime?.toISOString(), a.ApprovalTime?.toISOString()]).toEqual(["Approved", "2024-01-01T00:20:00.000Z", "2024-01-02T00:00:00.000Z"]);
    expect(a.Answer).toContain("<FreeText>red|blue</FreeText>");
    const [open] = await assignmentsOf(res.body.hits["open-survey"]);
    expect([open.AssignmentStatus, secs(open.SubmitTime)]).toEqual(["Submitted", T0 - 1200]);
  });
});

describe("fixtures/screening-survey.yaml: qualification types, scores and requirements", () => {
  it("grants the declared scores and enforces the requirements that name the type by ref", async () => {
    const res = await seedText(readFileSync(join(FIXTURES, "screening-survey.yaml"), "utf8"));
    expect(res.status).toBe(200);
    const typeId = res.body.qualificationTypes.screening;
    const hit = await getHit(res.body.hits["diet-survey"]);
    expect(hit.QualificationRequirements![0]).toMatchObject({ QualificationTypeId: typeId, Comparator: "GreaterThanOrEqualTo", IntegerValues: [80] });
    const scores = await t.sdk.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: typeId }));
    expect(scores.Qualifications!.map((q) => [q.WorkerId, q.IntegerValue]).sort()).toEqual([
      ["A3RESPONDENT001", 100],
      ["A3RESPONDENT002", 80],
    ]);
    const refused = await t.control("POST", "/_emu/workers/A3APPLICANT0003/accept", { HITId: hit.HITId });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("QualificationRequirementNotMet");
  });

  it("refuses a requirement naming an unknown ref, with its path", async () => {
    const res = await seed({ hits: [{ Title: "t", Description: "d", Reward: "0.10", AssignmentDurationInSeconds: 60, LifetimeInSeconds: 600, Question: readFixture("external-study.json").hits[0].Question, QualificationRequirements: [{ QualificationTypeId: "ref:nope", Comparator: "Exists" }] }] });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('hits[0].QualificationRequirements[0].QualificationTypeId: no qualificationTypes[] entry has ref "nope"');
  });
});

describe("a fixture with one error", () => {
  const withError = (mutate: (doc: any) => void) => {
    const doc = readFixture("test-world.json");
    doc.accounts.push({ accessKeyId: "AKIAREFUSEDFIXTURE01", secretAccessKey: "never-registered" });
    mutate(doc);
    return doc;
  };
  /** Seeds `doc`, expects a 400 naming `parts`, and checks that nothing of it was kept. */
  async function expectRefused(doc: unknown, parts: RegExp[]) {
    await newWorker(t, "ABEFORESEED");
    const res = await seed(doc);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("InvalidFixture");
    for (const part of parts) expect(res.body.message).toMatch(part);
    expect(await listHitIds()).toEqual([]);
    expect(await workerIds()).toEqual(["ABEFORESEED"]);
    const refusedAccount = t.client({ accessKeyId: "AKIAREFUSEDFIXTURE01", secretAccessKey: "never-registered" });
    await expect(refusedAccount.send(new GetAccountBalanceCommand({}))).rejects.toMatchObject({ name: "UnrecognizedClientException" });
    refusedAccount.destroy();
    return res.body.message as string;
  }

  it("in a schema-checked field is refused whole, naming the path", async () => {
    const message = await expectRefused(
      withError((doc) => (doc.hits[3].Reward = "abc")),
      [/hits\[3\]|hits\/3/, /Reward/],
    );
    expect(message).not.toMatch(/hits\[[0-24-9]\]/);
  });

  it("deep in the domain (an assignment for a full HIT) names hits[0].Assignments[1]", async () => {
    const doc = withError((d) => {
      d.hits[0].MaxAssignments = 1;
    });
    await expectRefused(doc, [/^hits\[0\]\.Assignments\[1\]: /, /cannot be accepted/]);
  });

  it.each([
    ["hits[0].CreatedAt", (d: any) => (d.hits[0].CreatedAt = 60)],
    ["hits[1].Assignments[0].SubmittedAt", (d: any) => (d.hits[1].Assignments[0].SubmittedAt = 5)],
    ["hits[0].Assignments[0].ReviewedAt", (d: any) => (d.hits[0].Assignments[0].ReviewedAt = "2999-01-01T00:00:00Z")],
  ])("with a future time at %s is refused", async (path, mutate) => {
    const message = await expectRefused(withError(mutate), [new RegExp(path.replace(/[[\].]/g, "\\$&")), /future/]);
    expect(message.startsWith(path)).toBe(true);
  });

  it("with an assignment accepted before its HIT was created is refused, naming AcceptedAt", async () => {
    // hits[2] has CreatedAt -60; its assignment is moved before that.
    const message = await expectRefused(
      withError((d) => (d.hits[2].Assignments[0].AcceptedAt = -90)),
      [/^hits\[2\]\.Assignments\[0\]\.AcceptedAt/],
    );
    expect(message).not.toMatch(/undefined/);
  });

  it("that is not JSON or YAML is refused", async () => {
    const res = await seedText("hits: [\n  - {");
    expect([res.status, res.body.code]).toEqual([400, "InvalidFixture"]);
  });
});

describe("mturk-emu start --seed", () => {
  let child: ChildProcess | undefined;
  beforeAll(() => {
    if (!existsSync(join(ROOT, "dist/src/cli/main.js"))) execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
  });
  afterAll(() => {
    if (child && child.exitCode === null) child.kill("SIGTERM");
  });

  it("starts with the fixture loaded", async () => {
    child = spawn(process.execPath, ["bin/mturk-emu.js", "start", "--port", "0", "--db", ":memory:", "--log-level", "silent", "--seed", "fixtures/test-world.json"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child!.stdout!.on("data", (chunk) => {
        out += chunk;
        const m = /listening on (\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child!.stderr!.on("data", (chunk) => (out += chunk));
      child!.once("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const client = new MTurkClient({ endpoint: url, region: "us-east-1", credentials: CREDENTIALS });
    try {
      const hits = (await client.send(new ListHITsCommand({}))).HITs!;
      expect(hits.map((h) => h.HITStatus).sort()).toEqual(["Assignable", "Reviewable", "Reviewable", "Unassignable"]);
      expect(hits.map((h) => h.Title)).toContain("Rate a teapot");
      const workers: any = await (await fetch(url + "/_emu/workers")).json();
      expect(workers.workers.map((w: any) => w.WorkerId).sort()).toEqual(["ATESTWORLD1", "ATESTWORLD2", "ATESTWORLD3"]);
    } finally {
      client.destroy();
    }
  });
});
