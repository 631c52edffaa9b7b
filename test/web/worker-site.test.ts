// The worker site around the task: HIT groups (search, sort, qualification status, hidden groups), the
// countdown on the emulator clock, returning, a qualification test taken on the site, and the dashboard.
import {
  ApproveAssignmentCommand, CreateQualificationTypeCommand, CreateWorkerBlockCommand, NotifyWorkersCommand, SendBonusCommand, type QualificationRequirement,
} from "@aws-sdk/client-mturk";
import type { Browser, Page } from "playwright-core";
import { startTestEmu, type TestEmu } from "../helpers/emu";
import { createHit, launchBrowser, newPage, QF_NS, signInWorker } from "./helpers";

const AK = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/AnswerKey.xsd";
const LOCALE = "00000000000000000071";
const MASTERS = "2ARFPLSP75KLA8M8DH1HTEQVJT3SY6";

const selection = (id: string, text: string, options: Array<[string, string]>) =>
  `<Question><QuestionIdentifier>${id}</QuestionIdentifier><IsRequired>true</IsRequired><QuestionContent><Text>${text}</Text></QuestionContent>` +
  `<AnswerSpecification><SelectionAnswer><StyleSuggestion>radiobutton</StyleSuggestion><Selections>` +
  options.map(([sid, label]) => `<Selection><SelectionIdentifier>${sid}</SelectionIdentifier><Text>${label}</Text></Selection>`).join("") +
  `</Selections></SelectionAnswer></AnswerSpecification></Question>`;
const TEST_FORM = `<QuestionForm xmlns="${QF_NS}">${selection("robin", "What colour is a robin's breast?", [["red", "Red"], ["blue", "Blue"]])}${selection("owl", "When are owls awake?", [["day", "By day"], ["night", "At night"]])}</QuestionForm>`;
const option = (id: string) => `<AnswerOption><SelectionIdentifier>${id}</SelectionIdentifier><AnswerScore>1</AnswerScore></AnswerOption>`;
const ANSWER_KEY =
  `<AnswerKey xmlns="${AK}"><Question><QuestionIdentifier>robin</QuestionIdentifier>${option("red")}</Question>` +
  `<Question><QuestionIdentifier>owl</QuestionIdentifier>${option("night")}</Question>` +
  `<QualificationValueMapping><PercentageMapping><MaximumSummedScore>2</MaximumSummedScore></PercentageMapping></QualificationValueMapping></AnswerKey>`;
const SIMPLE_FORM = `<QuestionForm xmlns="${QF_NS}"><Question><QuestionIdentifier>tag</QuestionIdentifier><IsRequired>true</IsRequired><QuestionContent><Text>One tag</Text></QuestionContent><AnswerSpecification><FreeTextAnswer/></AnswerSpecification></Question></QuestionForm>`;

let t: TestEmu;
let browser: Browser;
let birdwatcher: string;
let streetHit: string;
let tagHit: string;
const titles = async (page: Page) => page.locator(".group h2").allTextContents();

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startTestEmu();
  const { QualificationType } = await t.sdk.send(
    new CreateQualificationTypeCommand({
      Name: "Birdwatcher",
      Description: "Knows common birds",
      Keywords: "birds",
      QualificationTypeStatus: "Active",
      Test: TEST_FORM,
      AnswerKey: ANSWER_KEY,
      TestDurationInSeconds: 600,
    }),
  );
  birdwatcher = QualificationType!.QualificationTypeId!;
  const requirement = (r: QualificationRequirement) => [r];
  await createHit(t, {
    Title: "Count the birds in a photo",
    Description: "How many birds can you see?",
    Keywords: "birds, counting",
    Reward: "0.50",
    Question: SIMPLE_FORM,
    QualificationRequirements: requirement({ QualificationTypeId: birdwatcher, Comparator: "GreaterThanOrEqualTo", IntegerValues: [80] }),
  });
  streetHit = (await createHit(t, {
    Title: "Transcribe a US street sign",
    Description: "Type what the sign says",
    Reward: "0.12",
    Question: SIMPLE_FORM,
    QualificationRequirements: requirement({ QualificationTypeId: LOCALE, Comparator: "EqualTo", LocaleValues: [{ Country: "US" }] }),
  })).HITId;
  await createHit(t, {
    Title: "A secret task for Masters",
    Description: "Hidden from everyone else",
    Reward: "2.00",
    Question: SIMPLE_FORM,
    QualificationRequirements: requirement({ QualificationTypeId: MASTERS, Comparator: "Exists", ActionsGuarded: "DiscoverPreviewAndAccept" }),
  });
  tagHit = (await createHit(t, { Title: "Tag a photo", Description: "One word for a photo", Reward: "0.05", MaxAssignments: 5, Question: SIMPLE_FORM })).HITId;
  await t.ctl("POST", "/_emu/workers", { WorkerId: "A1BIRDER", Locale: { Country: "DE" } });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

test("HIT groups: search, sort, qualification status; groups guarded for discovery are hidden", async () => {
  const { context, page } = await newPage(browser, t.url);
  // Not signed in: what is discoverable, with the requirements, and no accepting.
  await page.goto("/");
  expect(await titles(page)).toEqual(["Tag a photo", "Transcribe a US street sign", "Count the birds in a photo"]);
  expect(await page.locator(".group").first().textContent()).toContain("Sign in to accept");

  await signInWorker(page, "A1BIRDER");
  await page.goto("/");
  expect(await titles(page)).not.toContain("A secret task for Masters");
  const street = page.locator(".group", { hasText: "Transcribe a US street sign" });
  expect(await street.locator(".qualification-status").textContent()).toContain("You do not meet: Locale = US");
  const birds = page.locator(".group", { hasText: "Count the birds" });
  expect(await birds.locator(".qualification-status").textContent()).toContain("You do not meet: Birdwatcher ≥ 80");
  expect(await page.locator(".group", { hasText: "Tag a photo" }).locator(".qualification-status").textContent()).toContain("You qualify");
  expect(await page.locator(".group", { hasText: "Tag a photo" }).locator(".hits-available").textContent()).toBe("1");

  await page.getByLabel("Sort by").selectOption("reward");
  await page.getByLabel("Order").selectOption("asc");
  await page.getByRole("button", { name: "Search" }).click();
  await page.waitForURL(/sort=reward/);
  expect(await titles(page)).toEqual(["Tag a photo", "Transcribe a US street sign", "Count the birds in a photo"]);
  await page.goto("/?sort=reward&order=desc");
  expect(await titles(page)).toEqual(["Count the birds in a photo", "Transcribe a US street sign", "Tag a photo"]);

  await page.getByLabel("Search titles, descriptions and keywords").fill("birds");
  await page.getByRole("button", { name: "Search" }).click();
  await page.waitForURL(/q=birds/);
  expect(await titles(page)).toEqual(["Count the birds in a photo"]);
  await page.goto("/?q=sign+street");
  expect(await titles(page)).toEqual(["Transcribe a US street sign"]);

  // Preview is allowed (the requirement guards Accept only), accepting is refused with the reason.
  await page.goto("/?q=street");
  await page.getByRole("link", { name: "Preview" }).click();
  expect(await page.getByRole("button", { name: "Accept" }).isDisabled()).toBe(true);
  // Forcing the accept (a stale page) gives the domain's reason, not a stack trace.
  const csrf = (await page.locator("form[action='/worker/signout'] input[name=_csrf]").getAttribute("value"))!;
  const forced = await page.request.post("/mturk/accept", { form: { _csrf: csrf, hitId: streetHit } });
  const hit = { status: forced.status(), text: await forced.text() };
  expect(hit.status).toBe(403);
  expect(hit.text).toContain("does not meet the qualification requirements");
  expect(hit.text).toContain("Locale = US (worker has DE)");
  await context.close();
});

test("the countdown runs on the emulator clock; returning a HIT; the qualification test; the dashboard", async () => {
  const { context, page } = await newPage(browser, t.url);
  await signInWorker(page, "A1BIRDER");
  const clock = await t.ctl("POST", "/_emu/clock", { freeze: true });
  await t.ctl("POST", "/_emu/clock", { set: Math.floor(clock.now) });

  await page.goto("/?q=tag");
  await page.getByRole("link", { name: "Preview" }).click();
  await page.getByRole("button", { name: "Accept" }).click();
  await page.waitForURL(/assignment_id=/);
  const countdown = page.locator("[data-countdown]");
  // One assignment per worker per HIT: the group is gone from the list, and accepting again is refused.
  await page.goto("/?q=tag");
  expect(await titles(page)).toEqual([]);
  const csrf = (await page.locator("form[action='/worker/signout'] input[name=_csrf]").getAttribute("value"))!;
  const again = await page.request.post("/mturk/accept", { form: { _csrf: csrf, hitId: tagHit } });
  expect(again.status()).toBe(409);
  expect(await again.text()).toContain(`Worker A1BIRDER has already accepted or submitted HIT ${tagHit}.`);
  await page.goBack();
  await countdown.filter({ hasText: "10:00 (clock frozen)" }).waitFor();
  // Moving the emulator clock moves the countdown (the page asks the server every few seconds).
  await t.ctl("POST", "/_emu/clock", { advanceSeconds: 150 });
  await countdown.filter({ hasText: "7:30" }).waitFor({ timeout: 10_000 });
  expect(await countdown.textContent()).toContain("Time left: 7:30 (clock frozen)");
  await page.reload();
  expect(await countdown.getAttribute("data-remaining-ms")).toBe("450000");

  await page.getByRole("button", { name: "Return HIT" }).click();
  await page.waitForURL(/\/dashboard\?returned=/);
  expect(await page.locator(".notice").textContent()).toContain("You returned “Tag a photo”.");
  expect(await page.locator("tbody tr").first().locator(".status").textContent()).toBe("Returned");
  await t.ctl("POST", "/_emu/clock", { freeze: false });

  // Accept it again and do it.
  await page.goto("/?q=tag");
  await page.getByRole("link", { name: "Preview" }).click();
  await page.getByRole("button", { name: "Accept" }).click();
  await page.waitForURL(/assignment_id=/);
  const assignmentId = new URL(page.url()).searchParams.get("assignment_id")!;
  await page.getByLabel("Your answer (required)").fill("sunset");
  await page.getByRole("button", { name: "Submit" }).click();
  await page.waitForURL(/\/dashboard\?submitted=/);

  // The requester pays, adds a bonus and writes.
  await t.sdk.send(new ApproveAssignmentCommand({ AssignmentId: assignmentId, RequesterFeedback: "Nice tag" }));
  await t.sdk.send(new SendBonusCommand({ AssignmentId: assignmentId, WorkerId: "A1BIRDER", BonusAmount: "1.00", Reason: "Great work" }));
  await t.sdk.send(new NotifyWorkersCommand({ WorkerIds: ["A1BIRDER"], Subject: "More photos soon", MessageText: "We will post 100 more tomorrow." }));

  // The qualification test, taken on the site.
  await page.goto("/qualifications");
  await page.getByRole("link", { name: "Birdwatcher" }).click();
  await page.getByRole("button", { name: "Submit the test" }).click();
  expect(await page.locator("#error-summary").textContent()).toContain("2 answers need your attention");
  await page.getByLabel("Red").check();
  await page.getByLabel("At night").check();
  await page.getByRole("button", { name: "Submit the test" }).click();
  await page.waitForURL(/requested=1/);
  expect(await page.getByRole("status").textContent()).toContain("Your request is Granted with the score 100.");
  await page.goto("/?q=birds");
  expect(await page.locator(".qualification-status").textContent()).toContain("You qualify");

  await page.goto("/dashboard");
  expect(await page.locator("#earnings-approved").textContent()).toBe("$0.05");
  expect(await page.locator("#earnings-bonuses").textContent()).toBe("$1.00");
  expect(await page.locator("#earnings-total").textContent()).toBe("$1.05");
  const row = page.locator(`tr[data-assignment-id="${assignmentId}"]`);
  expect(await row.locator(".status").textContent()).toBe("Approved");
  expect(await row.textContent()).toContain("Nice tag");
  expect(await page.locator("section", { hasText: "Bonuses" }).locator("tbody").textContent()).toContain("Great work");
  const quals = page.locator("section", { has: page.locator("#quals-title") });
  expect(await quals.locator("tr", { hasText: "Birdwatcher" }).locator("td.num").textContent()).toBe("100");
  expect(await quals.locator("tr", { hasText: "Locale" }).locator("td.num").textContent()).toBe("DE");
  expect(await quals.locator("tr", { hasText: "NumberHITsApproved" }).locator("td.num").textContent()).toBe("1");
  expect(await page.locator(".messages").textContent()).toContain("More photos soon");
  await context.close();
});

test("without JavaScript: sign in, preview, accept, a validation message, submit — plain forms all the way", async () => {
  const context = await browser.newContext({ baseURL: t.url, javaScriptEnabled: false });
  const page = await context.newPage();
  await signInWorker(page, "A1NOSCRIPT");
  await page.goto("/?q=tag");
  await page.getByRole("link", { name: "Preview" }).click();
  await page.getByRole("button", { name: "Accept" }).click();
  await page.waitForURL(/assignment_id=/);
  expect(await page.locator("[data-countdown]").textContent()).toMatch(/Time left: \d+ min/);
  await page.getByRole("button", { name: "Submit" }).click();
  expect(await page.locator(".field-error").textContent()).toContain("This question requires an answer.");
  await page.getByLabel("Your answer (required)").fill("lamp");
  await page.getByRole("button", { name: "Submit" }).click();
  await page.waitForURL(/\/dashboard\?submitted=/);
  expect(await page.locator(".notice").textContent()).toContain("You submitted your work on “Tag a photo”.");
  await context.close();
});

test("requester text is shown as text: markup in a title, description or keywords is escaped", async () => {
  const title = `Evil <img src=x onerror="document.title='pwned'"> & <script>document.title='pwned'</script>`;
  await createHit(t, { Title: title, Description: `<b onmouseover="x()">bold?</b>`, Keywords: `"><script>1</script>`, Question: SIMPLE_FORM });
  const { context, page } = await newPage(browser, t.url);
  await page.goto("/?q=evil");
  expect(await page.locator(".group h2").textContent()).toBe(title);
  expect(await page.locator(".group p").first().textContent()).toBe(`<b onmouseover="x()">bold?</b>`);
  expect(await page.locator("main script, main img").count()).toBe(0);
  expect(await page.title()).not.toContain("pwned");
  const response = await page.request.get("/?q=evil");
  expect(response.headers()["content-security-policy"]).toContain("script-src 'self'");
  expect(await response.text()).toContain("Evil &lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt; &amp; &lt;script&gt;");
  await context.close();
});

test("a worker the requester blocked sees it on the group and cannot accept", async () => {
  const { HITId } = await createHit(t, { Title: "Sort some socks", Question: SIMPLE_FORM });
  await t.ctl("POST", "/_emu/workers", { WorkerId: "A1BLOCKED" });
  await t.sdk.send(new CreateWorkerBlockCommand({ WorkerId: "A1BLOCKED", Reason: "Spam answers" }));
  const { context, page } = await newPage(browser, t.url);
  await signInWorker(page, "A1BLOCKED");
  await page.goto("/?q=socks");
  expect(await page.locator(".qualification-status").textContent()).toContain("The requester has blocked you");
  await page.goto(`/mturk/preview?hitId=${HITId}`);
  expect(await page.getByRole("button", { name: "Accept" }).isDisabled()).toBe(true);
  const csrf = (await page.locator("form[action='/worker/signout'] input[name=_csrf]").getAttribute("value"))!;
  const forced = await page.request.post("/mturk/accept", { form: { _csrf: csrf, hitId: HITId } });
  expect(forced.status()).toBe(403);
  expect(await forced.text()).toContain(`Worker A1BLOCKED is blocked by the requester of HIT ${HITId} and cannot accept it.`);
  await context.close();
});
