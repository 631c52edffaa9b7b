// Writes the screenshots the README links to (docs/screenshots/*.png): the HIT list, a QuestionForm task and
// the requester console, from a small made-up world.
import { existsSync, statSync } from "node:fs";
import { ApproveAssignmentCommand, CreateQualificationTypeCommand, RejectAssignmentCommand } from "@aws-sdk/client-mturk";
import type { Browser } from "playwright-core";
import { CREDENTIALS, startTestEmu, type TestEmu } from "../helpers/emu";
import { createHit, HTML_NS, launchBrowser, newPage, QF_NS, screenshotPath, signInConsole, signInWorker } from "./helpers";

const SURVEY = `<QuestionForm xmlns="${QF_NS}">
<Overview><Title>Rate a product photo</Title><Text>Look at the photo of a kettle below and answer three questions. Your answers help a shop choose which photos to show.</Text>
<FormattedContent><![CDATA[<p>Please be <b>honest</b>: there are no right answers. Read <a href="https://example.com/guidelines">the guidelines</a> first.</p>]]></FormattedContent></Overview>
<Question><QuestionIdentifier>quality</QuestionIdentifier><DisplayName>Photo quality</DisplayName><IsRequired>true</IsRequired>
<QuestionContent><Text>How good is the photo?</Text></QuestionContent><AnswerSpecification><SelectionAnswer><StyleSuggestion>radiobutton</StyleSuggestion><Selections>
<Selection><SelectionIdentifier>good</SelectionIdentifier><Text>Good — sharp and well lit</Text></Selection>
<Selection><SelectionIdentifier>ok</SelectionIdentifier><Text>Acceptable</Text></Selection>
<Selection><SelectionIdentifier>poor</SelectionIdentifier><Text>Poor — blurry or dark</Text></Selection></Selections></SelectionAnswer></AnswerSpecification></Question>
<Question><QuestionIdentifier>features</QuestionIdentifier><DisplayName>What you can see</DisplayName><IsRequired>true</IsRequired>
<QuestionContent><Text>Which features of the kettle can you see? Choose up to three.</Text></QuestionContent><AnswerSpecification><SelectionAnswer>
<MinSelectionCount>1</MinSelectionCount><MaxSelectionCount>3</MaxSelectionCount><StyleSuggestion>checkbox</StyleSuggestion><Selections>
<Selection><SelectionIdentifier>handle</SelectionIdentifier><Text>The handle</Text></Selection><Selection><SelectionIdentifier>spout</SelectionIdentifier><Text>The spout</Text></Selection>
<Selection><SelectionIdentifier>lid</SelectionIdentifier><Text>The lid</Text></Selection><Selection><SelectionIdentifier>switch</SelectionIdentifier><Text>The power switch</Text></Selection>
<OtherSelection/></Selections></SelectionAnswer></AnswerSpecification></Question>
<Question><QuestionIdentifier>price</QuestionIdentifier><DisplayName>Price guess (USD)</DisplayName><IsRequired>true</IsRequired>
<QuestionContent><Text>What would you pay for it, in dollars?</Text></QuestionContent><AnswerSpecification><FreeTextAnswer><Constraints><IsNumeric minValue="1" maxValue="500"/></Constraints></FreeTextAnswer></AnswerSpecification></Question>
<Question><QuestionIdentifier>comment</QuestionIdentifier><DisplayName>Comment</DisplayName>
<QuestionContent><Text>Anything else the shop should know?</Text></QuestionContent><AnswerSpecification><FreeTextAnswer><Constraints><Length maxLength="200"/></Constraints><NumberOfLinesSuggestion>3</NumberOfLinesSuggestion></FreeTextAnswer></AnswerSpecification></Question>
</QuestionForm>`;
const SIMPLE = `<HTMLQuestion xmlns="${HTML_NS}"><HTMLContent><![CDATA[<!DOCTYPE html><html><body><crowd-form><crowd-input name="tag" label="Tag"></crowd-input></crowd-form><script src="https://assets.crowd.aws/crowd-html-elements.js"></script></body></html>]]></HTMLContent><FrameHeight>300</FrameHeight></HTMLQuestion>`;

let t: TestEmu;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startTestEmu();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

test("writes docs/screenshots/{worker-hit-list,worker-question-form,console-hits,console-hit}.png", async () => {
  const { QualificationType } = await t.sdk.send(new CreateQualificationTypeCommand({ Name: "Kettle expert", Description: "Knows kettles", QualificationTypeStatus: "Active" }));
  const { HITId } = await createHit(t, { Title: "Rate a product photo", Description: "Three quick questions about one photo of a kettle", Keywords: "photo, rating, product", Reward: "0.15", MaxAssignments: 9, Question: SURVEY });
  for (let i = 0; i < 3; i++) await createHit(t, { Title: "Tag a street scene", Description: "Type one word that describes the picture", Keywords: "image, tagging", Reward: "0.05", Question: SIMPLE });
  await createHit(t, { Title: "Transcribe a handwritten receipt", Description: "Type the shop name and the total", Keywords: "transcription", Reward: "0.40", AssignmentDurationInSeconds: 1800, Question: SIMPLE, QualificationRequirements: [{ QualificationTypeId: "00000000000000000071", Comparator: "EqualTo", LocaleValues: [{ Country: "US" }] }] });
  await createHit(t, { Title: "Check kettle listings", Description: "Is the listing accurate?", Reward: "1.20", Question: SIMPLE, QualificationRequirements: [{ QualificationTypeId: QualificationType!.QualificationTypeId!, Comparator: "GreaterThanOrEqualTo", IntegerValues: [90] }] });
  await t.ctl("POST", "/_emu/workers", { WorkerId: "A3SCREENSHOTWORKER", Locale: { Country: "GB" } });
  const done: string[] = [];
  for (const [worker, quality, features, price] of [["A1ALICE", "good", ["handle", "spout"], "35"], ["A2BOB", "ok", ["lid"], "20"], ["A3CAROL", "poor", ["handle", "switch"], "18"]] as const) {
    await t.ctl("POST", "/_emu/workers", { WorkerId: worker });
    const { AssignmentId } = await t.ctl("POST", `/_emu/workers/${worker}/accept`, { HITId });
    await t.ctl("POST", `/_emu/assignments/${AssignmentId}/submit`, { Answers: { quality, features: [...features], price, comment: worker === "A1ALICE" ? "The background is a bit busy." : "" } });
    done.push(AssignmentId);
  }
  await t.sdk.send(new ApproveAssignmentCommand({ AssignmentId: done[0], RequesterFeedback: "Thank you!" }));
  await t.sdk.send(new RejectAssignmentCommand({ AssignmentId: done[2], RequesterFeedback: "The price is not a guess for this kettle." }));

  const { context, page } = await newPage(browser, t.url);
  await signInWorker(page, "A3SCREENSHOTWORKER");
  await page.goto("/");
  await page.screenshot({ path: screenshotPath("worker-hit-list.png"), fullPage: true });

  await page.goto("/?q=kettle+photo");
  await page.getByRole("link", { name: "Preview" }).first().click();
  await page.getByRole("button", { name: "Accept" }).click();
  await page.waitForURL(/assignment_id=/);
  await page.getByLabel("Good — sharp and well lit").check();
  await page.getByLabel("The handle").check();
  await page.getByLabel("Price guess (USD) (required)").fill("about forty");
  await page.getByRole("button", { name: "Submit" }).click();
  await page.waitForSelector("#error-summary");
  await page.evaluate("window.scrollTo(0, 0)");
  await page.screenshot({ path: screenshotPath("worker-question-form.png"), fullPage: true });
  await context.close();

  const requester = await newPage(browser, t.url);
  await signInConsole(requester.page, CREDENTIALS.accessKeyId, CREDENTIALS.secretAccessKey);
  await requester.page.screenshot({ path: screenshotPath("console-hits.png"), fullPage: true });
  await requester.page.goto(`/console/hits/${HITId}`);
  await requester.page.screenshot({ path: screenshotPath("console-hit.png"), fullPage: true });
  await requester.context.close();

  for (const name of ["worker-hit-list.png", "worker-question-form.png", "console-hits.png", "console-hit.png"]) {
    const path = screenshotPath(name);
    expect(existsSync(path)).toBe(true);
    expect(statSync(path).size).toBeGreaterThan(10_000);
  }
});
