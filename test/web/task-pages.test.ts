// HTMLQuestion (Crowd HTML Elements and a classic externalHIT_v1.js form) and ExternalQuestion HITs worked in
// Chromium: the frame gets the MTurk parameters, the page posts to /mturk/externalSubmit, the SDK reads the answers.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GetAssignmentCommand } from "@aws-sdk/client-mturk";
import type { Browser } from "playwright-core";
import { startTestEmu, type TestEmu } from "../helpers/emu";
import { answersByQuestion, createHit, EXTERNAL_NS, HTML_NS, launchBrowser, newPage, signInWorker } from "./helpers";

const htmlQuestion = (content: string, frameHeight = 500) =>
  `<HTMLQuestion xmlns="${HTML_NS}"><HTMLContent><![CDATA[${content}]]></HTMLContent><FrameHeight>${frameHeight}</FrameHeight></HTMLQuestion>`;

const CROWD_PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><script src="https://assets.crowd.aws/crowd-html-elements.js"></script></head>
<body>
<crowd-form>
  <p>Is this review positive? “The soup was lovely.”</p>
  <crowd-radio-group>
    <crowd-radio-button name="positive" value="positive">Positive</crowd-radio-button>
    <crowd-radio-button name="negative" value="negative">Negative</crowd-radio-button>
  </crowd-radio-group>
  <crowd-input name="comment" label="Why?"></crowd-input>
</crowd-form>
</body></html>`;

const CLASSIC_PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><script src="https://s3.amazonaws.com/mturk-public/externalHIT_v1.js"></script></head>
<body>
<form name="mturk_form" method="post" id="mturk_form" action="https://workersandbox.mturk.com/mturk/externalSubmit">
  <input type="hidden" value="" name="assignmentId" id="assignmentId"/>
  <label for="word">One word for this colour: teal</label> <input name="word" id="word"/>
  <label><input type="checkbox" name="tags" value="cold"/> cold</label>
  <label><input type="checkbox" name="tags" value="calm"/> calm</label>
  <input type="submit" id="submitButton" value="Submit"/>
</form>
<script>turkSetAssignmentID();</script>
</body></html>`;

// The requester's own task server for the ExternalQuestion, on 127.0.0.1.
const EXTERNAL_PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Study</title></head><body>
<h1>A short study</h1>
<form id="task" method="post">
  <input type="hidden" name="assignmentId" id="assignmentId">
  <input type="hidden" name="hitId" value="FORGED">
  <label for="answer">Your favourite number</label> <input name="answer" id="answer">
  <label for="note">A note</label> <input name="note" id="note">
  <button type="submit" id="send">Send</button>
</form>
<script>
  var p = new URLSearchParams(location.search);
  document.getElementById("assignmentId").value = p.get("assignmentId") || "";
  document.getElementById("task").action = p.get("turkSubmitTo") + "/mturk/externalSubmit";
</script>
</body></html>`;

let t: TestEmu;
let browser: Browser;
let server: Server;
let serverBase: string;
const seen: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startTestEmu();
  server = createServer((req: IncomingMessage, res) => {
    seen.push(req.url ?? "");
    if ((req.url ?? "").startsWith("/task")) res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(EXTERNAL_PAGE);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serverBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function acceptFromPreview(page: import("playwright-core").Page, hitId: string): Promise<string> {
  await page.goto(`/mturk/preview?hitId=${hitId}`);
  await page.getByRole("button", { name: "Accept" }).click();
  await page.waitForURL(/assignment_id=/);
  return new URL(page.url()).searchParams.get("assignment_id")!;
}

test("an HTMLQuestion with crowd-form: previewed in a sandboxed frame, accepted, submitted for real; taskAnswers reach the SDK", async () => {
  const { HITId } = await createHit(t, { Title: "Sentiment of a review", Question: htmlQuestion(CROWD_PAGE) });
  const { context, page } = await newPage(browser, t.url);
  await signInWorker(page, "A1CROWDWORKER");

  await page.goto(`/mturk/preview?hitId=${HITId}`);
  const frame = page.locator("iframe.task-frame");
  expect(await frame.getAttribute("sandbox")).toBe("allow-scripts allow-forms allow-popups");
  expect(await frame.getAttribute("height")).toBe("500");
  const previewSrc = new URL((await frame.getAttribute("src"))!, t.url);
  expect(previewSrc.pathname).toBe(`/mturk/htmlquestion/${HITId}`);
  expect(previewSrc.searchParams.get("assignmentId")).toBe("ASSIGNMENT_ID_NOT_AVAILABLE");
  const previewFrame = page.frameLocator("iframe.task-frame");
  await previewFrame.getByText("You must ACCEPT the HIT before you can submit the results.").waitFor();
  expect(await previewFrame.getByRole("button", { name: "Submit" }).isDisabled()).toBe(true);

  // The HTMLQuestion's document is sandboxed by its own response too, so opening it directly gives it no origin.
  const direct = await page.request.get(previewSrc.href);
  expect(direct.headers()["content-security-policy"]).toBe("sandbox allow-scripts allow-forms allow-popups");

  const assignmentId = await acceptFromPreview(page, HITId);
  const src = new URL((await page.locator("iframe.task-frame").getAttribute("src"))!, t.url);
  expect([...src.searchParams.keys()]).toEqual(["assignmentId", "hitId", "turkSubmitTo", "workerId"]);
  expect(Object.fromEntries(src.searchParams)).toEqual({ assignmentId, hitId: HITId, turkSubmitTo: t.url, workerId: "A1CROWDWORKER" });

  const task = page.frameLocator("iframe.task-frame");
  await task.getByLabel("Positive").check();
  await task.getByLabel("Why?").fill("Lovely soup, “really”");
  await task.getByRole("button", { name: "Submit" }).click();
  await page.waitForURL(/\/dashboard\?submitted=/);
  expect(await page.locator(".notice").textContent()).toContain("Sentiment of a review");

  const { Assignment } = await t.sdk.send(new GetAssignmentCommand({ AssignmentId: assignmentId }));
  expect(Assignment!.AssignmentStatus).toBe("Submitted");
  const answers = answersByQuestion(Assignment!.Answer!);
  expect([...answers.keys()]).toEqual(["taskAnswers"]);
  expect(JSON.parse(answers.get("taskAnswers")!.FreeText!)).toEqual([{ positive: { on: true }, negative: { on: false }, comment: "Lovely soup, “really”" }]);
  await context.close();
});

test("a classic HTMLQuestion form (externalHIT_v1.js, action on workersandbox.mturk.com) submits to the emulator", async () => {
  const { HITId } = await createHit(t, { Title: "One word for a colour", Question: htmlQuestion(CLASSIC_PAGE, 300) });
  const { context, page } = await newPage(browser, t.url);
  await signInWorker(page, "A1CLASSIC");
  const assignmentId = await acceptFromPreview(page, HITId);
  const task = page.frameLocator("iframe.task-frame");
  await task.getByLabel("One word for this colour: teal").fill("ocean");
  await task.getByLabel("cold").check();
  await task.getByLabel("calm").check();
  await task.getByRole("button", { name: "Submit" }).click();
  await page.waitForURL(/\/dashboard\?submitted=/);
  const { Assignment } = await t.sdk.send(new GetAssignmentCommand({ AssignmentId: assignmentId }));
  const answers = answersByQuestion(Assignment!.Answer!);
  expect([...answers.keys()]).toEqual(["word", "tags"]);
  expect(answers.get("word")!.FreeText).toBe("ocean");
  expect(answers.get("tags")!.FreeText).toBe("cold|calm");
  await context.close();
});

test("an ExternalQuestion served on 127.0.0.1 gets the CGI parameters, posts to turkSubmitTo/mturk/externalSubmit, and reserved fields are dropped", async () => {
  const externalUrl = `${serverBase}/task?study=7&lang=en`;
  const question = `<ExternalQuestion xmlns="${EXTERNAL_NS}"><ExternalURL>${externalUrl.replace(/&/g, "&amp;")}</ExternalURL><FrameHeight>400</FrameHeight></ExternalQuestion>`;
  const { HITId } = await createHit(t, { Title: "An external study", Question: question });
  const { context, page } = await newPage(browser, t.url);
  await signInWorker(page, "A1EXTERNAL");

  // Preview: the requester's page is told there is no assignment yet, and a submission is refused.
  await page.goto(`/mturk/preview?hitId=${HITId}`);
  const previewSrc = (await page.locator("iframe.task-frame").getAttribute("src"))!;
  expect(previewSrc.startsWith(`${externalUrl}&assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE&hitId=${HITId}&turkSubmitTo=`)).toBe(true);
  expect(await page.locator("iframe.task-frame").getAttribute("sandbox")).toBe("allow-scripts allow-forms allow-popups allow-same-origin");
  const preview = page.frameLocator("iframe.task-frame");
  await preview.getByLabel("Your favourite number").fill("3");
  await preview.getByRole("button", { name: "Send" }).click();
  await preview.getByRole("alert").getByText("You are previewing this HIT: accept it before submitting.").waitFor();

  const assignmentId = await acceptFromPreview(page, HITId);
  const src = (await page.locator("iframe.task-frame").getAttribute("src"))!;
  expect(src).toBe(`${externalUrl}&assignmentId=${assignmentId}&hitId=${HITId}&turkSubmitTo=${encodeURIComponent(t.url)}&workerId=A1EXTERNAL`);
  const task = page.frameLocator("iframe.task-frame");
  await task.getByLabel("Your favourite number").fill("42");
  await task.getByLabel("A note").fill("a & b <c>");
  await task.getByRole("button", { name: "Send" }).click();
  await page.waitForURL(/\/dashboard\?submitted=/);
  expect(seen.some((url) => url === new URL(src).pathname + new URL(src).search)).toBe(true);

  const { Assignment } = await t.sdk.send(new GetAssignmentCommand({ AssignmentId: assignmentId }));
  expect(Assignment!.AssignmentStatus).toBe("Submitted");
  expect(Assignment!.Answer).toBe(
    '<?xml version="1.0" encoding="ASCII"?><QuestionFormAnswers xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd">' +
      "<Answer><QuestionIdentifier>answer</QuestionIdentifier><FreeText>42</FreeText></Answer>" +
      "<Answer><QuestionIdentifier>note</QuestionIdentifier><FreeText>a &amp; b &lt;c&gt;</FreeText></Answer></QuestionFormAnswers>",
  );
  await context.close();
});

test("submitting someone else's assignment to externalSubmit is refused with a clear message", async () => {
  const externalUrl = `${serverBase}/task?study=8`;
  const question = `<ExternalQuestion xmlns="${EXTERNAL_NS}"><ExternalURL>${externalUrl}</ExternalURL><FrameHeight>400</FrameHeight></ExternalQuestion>`;
  const { HITId } = await createHit(t, { Title: "Another external study", Question: question });
  const victim = await newPage(browser, t.url);
  await signInWorker(victim.page, "A1VICTIM");
  const assignmentId = await acceptFromPreview(victim.page, HITId);

  const intruder = await newPage(browser, t.url);
  await signInWorker(intruder.page, "A2INTRUDER");
  // The intruder opens the task page with the victim's assignment id and submits it.
  await intruder.page.goto(`${externalUrl}&assignmentId=${assignmentId}&hitId=${HITId}&turkSubmitTo=${encodeURIComponent(t.url)}&workerId=A2INTRUDER`);
  await intruder.page.getByLabel("Your favourite number").fill("13");
  await intruder.page.getByRole("button", { name: "Send" }).click();
  await intruder.page.waitForURL("**/mturk/externalSubmit");
  const alert = await intruder.page.getByRole("alert").textContent();
  expect(alert).toContain(`Assignment ${assignmentId} does not exist or is not one of your assignments.`);
  expect(alert).not.toMatch(/\bat .+\.(ts|js):\d+/);

  const status = await t.ctl("GET", `/_emu/workers/A1VICTIM`);
  expect(status.WorkerId).toBe("A1VICTIM");
  const { status: code, body } = await t.control("GET", `/_emu/state`);
  expect(code).toBe(200);
  expect(JSON.stringify(body)).toContain('"status":"Accepted"');
  await victim.context.close();
  await intruder.context.close();
});
