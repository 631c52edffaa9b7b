// The requester console in Chromium: signing in with the secret key (authentication on), reviewing work with the
// same commands the API uses, bonuses, expiring, more assignments, the batch-results CSV, qualifications, the
// clock panel and the request log.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AssociateQualificationWithWorkerCommand, CreateHITCommand, CreateQualificationTypeCommand, GetAssignmentCommand, GetHITCommand,
  ListBonusPaymentsCommand,
} from "@aws-sdk/client-mturk";
import { parse } from "csv-parse/sync";
import type { Browser } from "playwright-core";
import { CREDENTIALS, startTestEmu, type TestEmu } from "../helpers/emu";
import { createHit, launchBrowser, newPage, QF_NS, signInConsole } from "./helpers";

const OTHER = { accessKeyId: "AKIACONSOLEOTHER0001", secretAccessKey: "console-other-secret" };
const FORM = `<QuestionForm xmlns="${QF_NS}">
<Question><QuestionIdentifier>color</QuestionIdentifier><DisplayName>Colour</DisplayName><IsRequired>true</IsRequired><QuestionContent><Text>Colour?</Text></QuestionContent>
<AnswerSpecification><SelectionAnswer><Selections><Selection><SelectionIdentifier>green</SelectionIdentifier><Text>Green</Text></Selection><Selection><SelectionIdentifier>red</SelectionIdentifier><Text>Red</Text></Selection></Selections></SelectionAnswer></AnswerSpecification></Question>
<Question><QuestionIdentifier>why</QuestionIdentifier><QuestionContent><Text>Why?</Text></QuestionContent><AnswerSpecification><FreeTextAnswer/></AnswerSpecification></Question>
</QuestionForm>`;

let t: TestEmu;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  const dir = mkdtempSync(join(tmpdir(), "mturk-emu-console-"));
  const credentialsFile = join(dir, "credentials.json");
  writeFileSync(credentialsFile, JSON.stringify([OTHER]));
  t = await startTestEmu({ auth: true, credentialsFile });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function work(hitId: string, workerId: string, answers: Record<string, string | string[]>): Promise<string> {
  await t.ctl("POST", "/_emu/workers", { WorkerId: workerId });
  const { AssignmentId } = await t.ctl("POST", `/_emu/workers/${workerId}/accept`, { HITId: hitId });
  await t.ctl("POST", `/_emu/assignments/${AssignmentId}/submit`, { Answers: answers });
  return AssignmentId;
}

test("sign-in needs the secret key; approve, reject, bonus, expire and add assignments in the browser; the SDK sees it all", async () => {
  const { HITId } = await createHit(t, {
    Title: "Pick a colour",
    Question: FORM,
    MaxAssignments: 3,
    RequesterAnnotation: JSON.stringify({ image: "https://example.com/a.png", batch: "7" }),
  });
  const first = await work(HITId, "A1FIRST", { color: "green", why: "It is calm, \"really\", and\nfresh" });
  const second = await work(HITId, "A2SECOND", { color: "red", why: "" });
  const third = await work(HITId, "A3THIRD", { color: "green", why: "grass" });

  const { context, page } = await newPage(browser, t.url);
  await page.goto("/console/hits");
  await page.waitForURL(/\/console\?next=/);
  await page.getByLabel("Access key id").fill(CREDENTIALS.accessKeyId);
  await page.getByLabel("Secret access key").fill("not-the-secret");
  await page.getByRole("button", { name: "Sign in" }).click();
  expect(await page.getByRole("alert").textContent()).toContain("do not match a requester account");
  await signInConsole(page, CREDENTIALS.accessKeyId, CREDENTIALS.secretAccessKey);

  const row = page.locator(`tr[data-hit-id="${HITId}"]`);
  expect(await row.locator(".status").textContent()).toBe("Reviewable");
  expect(await row.locator("td.num").allTextContents()).toEqual(["3", "0", "0", "3", "0"]);
  await row.getByRole("link", { name: "Pick a colour" }).click();
  await page.waitForURL(`**/console/hits/${HITId}`);
  const card = (id: string) => page.locator(`article[data-assignment-id="${id}"]`);
  expect(await card(first).locator('dd[data-question-identifier="color"]').textContent()).toBe("Green [green]");
  expect(await card(first).locator('dd[data-question-identifier="why"]').textContent()).toBe('It is calm, "really", and\nfresh');

  await card(first).getByLabel("Feedback (optional)").fill("Thanks!");
  await card(first).getByRole("button", { name: "Approve" }).click();
  await page.waitForURL(/done=approved/);
  expect(await page.getByRole("status").textContent()).toContain("The assignment is approved.");
  await card(second).getByLabel("Reason for rejecting").fill("No reason given");
  await card(second).getByRole("button", { name: "Reject" }).click();
  await page.waitForURL(/done=rejected/);

  const status = async (id: string) => (await t.sdk.send(new GetAssignmentCommand({ AssignmentId: id }))).Assignment!;
  expect(await status(first)).toMatchObject({ AssignmentStatus: "Approved", RequesterFeedback: "Thanks!" });
  expect(await status(second)).toMatchObject({ AssignmentStatus: "Rejected", RequesterFeedback: "No reason given" });
  expect((await status(third)).AssignmentStatus).toBe("Submitted");
  expect(await card(first).locator("[data-role=assignment-status]").textContent()).toBe("Approved");

  // Approving it again: the domain's refusal, as a message.
  const csrf = (await page.locator("form[action='/console/signout'] input[name=_csrf]").getAttribute("value"))!;
  const again = await page.request.post(`/console/assignments/${first}/approve`, { form: { _csrf: csrf } });
  expect(again.status()).toBe(400);
  expect(await again.text()).toContain("This operation can be called with a status of: Submitted");

  // Bonus: a bad amount is explained; a good one is paid.
  await card(third).getByLabel("Bonus ($)").fill("a lot");
  await card(third).getByLabel("Reason for the bonus").fill("Extra effort");
  await card(third).getByRole("button", { name: "Send bonus" }).click();
  expect(await page.getByRole("alert").textContent()).toContain('"a lot" is not an amount in dollars');
  await page.goBack();
  await card(third).getByLabel("Bonus ($)").fill("0.75");
  await card(third).getByLabel("Reason for the bonus").fill("Extra effort");
  await card(third).getByRole("button", { name: "Send bonus" }).click();
  await page.waitForURL(/done=bonus/);
  const { BonusPayments } = await t.sdk.send(new ListBonusPaymentsCommand({ HITId }));
  expect(BonusPayments!.map((b) => [b.WorkerId, b.BonusAmount, b.Reason])).toEqual([["A3THIRD", "0.75", "Extra effort"]]);

  // More assignments, then expire.
  await page.getByLabel("Add assignments").fill("2");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await page.waitForURL(/done=added/);
  expect((await t.sdk.send(new GetHITCommand({ HITId }))).HIT!).toMatchObject({ MaxAssignments: 5, HITStatus: "Assignable" });
  await page.getByRole("button", { name: "Expire now" }).click();
  await page.waitForURL(/done=expired/);
  const hit = (await t.sdk.send(new GetHITCommand({ HITId }))).HIT!;
  expect(hit.HITStatus).toBe("Reviewable");
  expect(hit.Expiration!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  await context.close();
});

test("the batch-results CSV parses and holds inputs and answers; a layout HIT's parameters are its Input columns", async () => {
  const { HITId, HITTypeId } = await createHit(t, { Title: "Colours again", Question: FORM, RequesterAnnotation: JSON.stringify({ image: "b.png" }) });
  const a = await work(HITId, "A1CSV", { color: "red", why: 'comma, quote " and\r\nnewline' });
  await t.ctl("POST", "/_emu/layouts", { HITLayoutId: "3LAYOUTCSV", Template: `<crowd-form><p>\${word}</p><input name="meaning"></crowd-form>` });
  const { HIT } = await t.sdk.send(
    new CreateHITCommand({
      Title: "Define a word",
      Description: "One line",
      Reward: "0.10",
      AssignmentDurationInSeconds: 300,
      LifetimeInSeconds: 3600,
      HITLayoutId: "3LAYOUTCSV",
      HITLayoutParameters: [{ Name: "word", Value: "serendipity" }],
    }),
  );
  const b = await work(HIT!.HITId!, "A2CSV", { meaning: "a happy accident" });

  const { context, page } = await newPage(browser, t.url);
  await signInConsole(page, CREDENTIALS.accessKeyId, CREDENTIALS.secretAccessKey);
  await page.goto(`/console/hits/${HITId}`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download results (CSV)" }).click()]);
  expect(download.suggestedFilename()).toBe(`Batch_${HITId}_batch_results.csv`);
  const csv = readFileSync((await download.path())!, "utf8");
  const rows: Array<Record<string, string>> = parse(csv, { columns: true });
  expect(rows).toHaveLength(1);
  const header = Object.keys(rows[0]);
  expect(header.slice(0, 3)).toEqual(["HITId", "HITTypeId", "Title"]);
  expect(header).toEqual(expect.arrayContaining(["WorkerId", "AssignmentStatus", "AcceptTime", "SubmitTime", "Input.image", "Answer.color", "Answer.why", "Approve", "Reject"]));
  expect(rows[0]).toMatchObject({
    HITId,
    HITTypeId,
    Title: "Colours again",
    Reward: "$0.25",
    AssignmentId: a,
    WorkerId: "A1CSV",
    AssignmentStatus: "Submitted",
    "Input.image": "b.png",
    "Answer.color": "red",
    "Answer.why": 'comma, quote " and\r\nnewline',
  });
  expect(rows[0].AcceptTime).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d UTC \d{4}$/);

  // All HITs of the account: the layout HIT's parameters become Input.word.
  const all = await page.request.get("/console/results.csv");
  expect(all.headers()["content-type"]).toContain("text/csv");
  const everything: Array<Record<string, string>> = parse(await all.text(), { columns: true });
  const layoutRow = everything.find((r) => r.AssignmentId === b)!;
  expect(layoutRow).toMatchObject({ "Input.word": "serendipity", "Answer.meaning": "a happy accident", Title: "Define a word" });
  await context.close();
});

test("another requester's HIT answers like a missing one; qualification scores; the clock panel; the request log", async () => {
  const { HITId } = await createHit(t, { Title: "Mine only", Question: FORM });
  const { QualificationType } = await t.sdk.send(new CreateQualificationTypeCommand({ Name: "Console checker", Description: "Checks", QualificationTypeStatus: "Active" }));
  await t.ctl("POST", "/_emu/workers", { WorkerId: "A1SCORED" });
  await t.sdk.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: QualificationType!.QualificationTypeId!, WorkerId: "A1SCORED", IntegerValue: 87 }));

  const other = await newPage(browser, t.url);
  await signInConsole(other.page, OTHER.accessKeyId, OTHER.secretAccessKey);
  const response = await other.page.goto(`/console/hits/${HITId}`);
  expect(response!.status()).toBe(400);
  expect(await other.page.getByRole("alert").textContent()).toContain(`Hit ${HITId} does not exist.`);
  expect(await other.page.locator(`tr[data-hit-id="${HITId}"]`).count()).toBe(0);
  await other.context.close();

  const { context, page } = await newPage(browser, t.url);
  await signInConsole(page, CREDENTIALS.accessKeyId, CREDENTIALS.secretAccessKey);
  await page.getByRole("link", { name: "Qualifications" }).click();
  await page.getByRole("link", { name: "Console checker" }).click();
  expect(await page.locator("#scores ~ table tbody tr, section:has(#scores) tbody tr").first().textContent()).toContain("A1SCORED");
  expect(await page.locator("section:has(#scores) td.num").textContent()).toBe("87");

  const before = (await t.ctl("GET", "/_emu/clock")).now;
  await page.getByRole("link", { name: "Clock" }).click();
  await page.getByLabel("By").fill("2");
  await page.getByLabel("Unit").selectOption("3600");
  await page.getByRole("button", { name: "Advance the clock" }).click();
  await page.waitForURL(/done=clock/);
  const after = (await t.ctl("GET", "/_emu/clock")).now;
  expect(after - before).toBeGreaterThanOrEqual(7200);
  expect(after - before).toBeLessThan(7200 + 60);
  await page.getByRole("button", { name: "Freeze" }).click();
  await page.waitForURL(/done=clock/);
  expect(await page.locator("#clock-state").textContent()).toBe("Frozen");
  expect((await t.ctl("GET", "/_emu/clock")).frozen).toBe(true);
  await page.getByRole("button", { name: "Unfreeze" }).click();
  await page.waitForURL(/done=clock/);

  await page.getByRole("link", { name: "Request log" }).click();
  const operations = await page.locator("tbody tr td:nth-child(4)").allTextContents();
  expect(operations).toEqual(expect.arrayContaining(["CreateHIT", "CreateQualificationType", "AssociateQualificationWithWorker"]));
  await context.close();
});

test("with authentication off, every account is listed and opens without a secret", async () => {
  const open = await startTestEmu({ auth: false });
  try {
    await open.sdk.send(new GetHITCommand({ HITId: "X" })).catch(() => undefined);
    const { context, page } = await newPage(browser, open.url);
    await page.goto("/console");
    const row = page.locator("tr", { hasText: CREDENTIALS.accessKeyId });
    await row.getByRole("button", { name: "Open" }).click();
    await page.waitForURL("**/console/hits");
    expect(await page.locator("header .account").textContent()).toContain(CREDENTIALS.accessKeyId);
    await context.close();
  } finally {
    await open.close();
  }
});
