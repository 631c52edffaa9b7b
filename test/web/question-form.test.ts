// A QuestionForm HIT with every content element and every answer type, created with the SDK, found, previewed,
// accepted and submitted in Chromium; the answers read back with GetAssignment, the upload with GetFileUploadURL.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GetAssignmentCommand, GetFileUploadURLCommand } from "@aws-sdk/client-mturk";
import type { Browser } from "playwright-core";
import { startTestEmu, type TestEmu } from "../helpers/emu";
import { answersByQuestion, createHit, launchBrowser, newPage, QF_NS, signInWorker } from "./helpers";

const PICTURE = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180">
<rect width="320" height="180" fill="#d9ecff"/><circle cx="250" cy="45" r="24" fill="#ffd34d"/>
<path d="M0 150 L80 80 L150 140 L210 95 L320 160 L320 180 L0 180 Z" fill="#5a9e5a"/>
<text x="16" y="32" font-family="sans-serif" font-size="18" fill="#233">A hill at noon</text></svg>`;

function questionForm(assetBase: string): string {
  const q = (id: string, name: string, required: boolean, text: string, answer: string) =>
    `<Question><QuestionIdentifier>${id}</QuestionIdentifier><DisplayName>${name}</DisplayName><IsRequired>${required}</IsRequired>` +
    `<QuestionContent><Text>${text}</Text></QuestionContent><AnswerSpecification>${answer}</AnswerSpecification></Question>`;
  const sel = (pairs: Array<[string, string]>) => pairs.map(([id, text]) => `<Selection><SelectionIdentifier>${id}</SelectionIdentifier><Text>${text}</Text></Selection>`).join("");
  return `<QuestionForm xmlns="${QF_NS}">
<Overview>
  <Title>Describe the picture</Title>
  <Text>Look at the picture, then answer every question.</Text>
  <Binary><MimeType><Type>image</Type><SubType>svg+xml</SubType></MimeType><DataURL>${assetBase}/picture.svg</DataURL><AltText>A green hill under a yellow sun</AltText></Binary>
  <FormattedContent><![CDATA[<p>Answer <b>carefully</b>; see <a href="https://example.com/help">the guidelines</a>.</p><script>parent.document.title = "pwned"</script><p onclick="alert(1)">Thanks!</p>]]></FormattedContent>
  <List><ListItem>Be honest</ListItem><ListItem>Be quick</ListItem></List>
</Overview>
${q("age", "Age", true, "How old is the person, in years?", `<FreeTextAnswer><Constraints><IsNumeric minValue="1" maxValue="120"/></Constraints></FreeTextAnswer>`)}
${q("nickname", "Nickname", true, "Give the hill a nickname.", `<FreeTextAnswer><Constraints><Length minLength="2" maxLength="10"/><AnswerFormatRegex regex="^[a-z]+$" errorText="Lower-case letters only."/></Constraints><DefaultText>hill</DefaultText></FreeTextAnswer>`)}
${q("comment", "Comment", false, "Anything else?", `<FreeTextAnswer><NumberOfLinesSuggestion>3</NumberOfLinesSuggestion></FreeTextAnswer>`)}
${q("color", "Sky colour", true, "What colour is the sky?", `<SelectionAnswer><StyleSuggestion>radiobutton</StyleSuggestion><Selections>${sel([["red", "Red"], ["blue", "Blue"], ["green", "Green"]])}</Selections></SelectionAnswer>`)}
${q("toppings", "Toppings", true, "Pick one or two pizza toppings.", `<SelectionAnswer><MinSelectionCount>1</MinSelectionCount><MaxSelectionCount>2</MaxSelectionCount><StyleSuggestion>checkbox</StyleSuggestion><Selections>${sel([["cheese", "Cheese"], ["ham", "Ham"], ["olives", "Olives"]])}<OtherSelection/></Selections></SelectionAnswer>`)}
${q("size", "Size", true, "How big is the hill?", `<SelectionAnswer><StyleSuggestion>list</StyleSuggestion><Selections>${sel([["S", "Small"], ["M", "Medium"], ["L", "Large"]])}</Selections></SelectionAnswer>`)}
${q("country", "Country", true, "Where could it be?", `<SelectionAnswer><StyleSuggestion>dropdown</StyleSuggestion><Selections>${sel([["US", "United States"], ["CA", "Canada"], ["MX", "Mexico"]])}</Selections></SelectionAnswer>`)}
${q("fruit", "Fruit", false, "A fruit that grows there?", `<SelectionAnswer><StyleSuggestion>combobox</StyleSuggestion><Selections>${sel([["apple", "Apple"], ["banana", "Banana"]])}<OtherSelection/></Selections></SelectionAnswer>`)}
${q("animals", "Animals", true, "Which two or three animals live there?", `<SelectionAnswer><MinSelectionCount>2</MinSelectionCount><MaxSelectionCount>3</MaxSelectionCount><StyleSuggestion>multichooser</StyleSuggestion><Selections>${sel([["cat", "Cat"], ["dog", "Dog"], ["cow", "Cow"], ["owl", "Owl"]])}</Selections></SelectionAnswer>`)}
${q("photo", "Photo", true, "Upload a photo of a hill.", `<FileUploadAnswer><MaxFileSizeInBytes>100000</MaxFileSizeInBytes><MinFileSizeInBytes>10</MinFileSizeInBytes></FileUploadAnswer>`)}
</QuestionForm>`;
}

let t: TestEmu;
let browser: Browser;
let assets: Server;
let assetBase: string;

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startTestEmu();
  assets = createServer((req, res) => {
    if (req.url === "/picture.svg") res.writeHead(200, { "content-type": "image/svg+xml" }).end(PICTURE);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => assets.listen(0, "127.0.0.1", resolve));
  assetBase = `http://127.0.0.1:${(assets.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await new Promise((resolve) => assets?.close(resolve));
});

const field = (id: string) => `[data-question-identifier="${id}"]`;

test("a QuestionForm with every answer type is found, previewed, accepted, checked and submitted; the SDK reads back what was entered", async () => {
  const { HITId, HITGroupId } = await createHit(t, {
    Title: "Describe a picture of a hill",
    Description: "Eight short questions about one picture",
    Keywords: "picture, hill, survey",
    Reward: "0.40",
    Question: questionForm(assetBase),
  });
  await createHit(t, { Title: "Transcribe a receipt", Description: "Type the total", Question: questionForm(assetBase) });
  const { context, page } = await newPage(browser, t.url);
  await signInWorker(page, "A1QFWORKER");

  // Found by search, previewed.
  await page.goto("/?q=hill");
  const group = page.locator(`[data-group-id="${HITGroupId}"]`);
  await group.waitFor();
  expect(await page.locator(".group").count()).toBe(1);
  expect(await group.textContent()).toContain("You qualify");
  await group.getByRole("link", { name: "Preview" }).click();
  await page.waitForURL(/\/mturk\/preview\?groupId=/);
  expect(await page.locator(`${field("age")} input`).isDisabled()).toBe(true);

  // FormattedContent: reduced to the XHTML subset, in a frame without scripts.
  const formatted = page.locator("iframe.formatted").first();
  expect(await formatted.getAttribute("sandbox")).toBe("allow-same-origin allow-popups");
  const srcdoc = (await formatted.getAttribute("srcdoc"))!;
  expect(srcdoc).toContain("<b>carefully</b>");
  expect(srcdoc).not.toContain("script");
  expect(srcdoc).not.toContain("onclick");
  expect(await page.frameLocator("iframe.formatted").first().locator("a").getAttribute("href")).toBe("https://example.com/help");
  expect(await page.title()).not.toBe("pwned");
  expect(await page.locator("img.qf-image").getAttribute("alt")).toBe("A green hill under a yellow sun");

  await page.getByRole("button", { name: "Accept" }).click();
  await page.waitForURL(/\/projects\/.+\/tasks\/.+\?assignment_id=/);
  const assignmentId = new URL(page.url()).searchParams.get("assignment_id")!;
  expect(await page.locator("[data-countdown]").textContent()).toMatch(/Time left: \d+:\d\d/);
  expect(await page.locator(`${field("nickname")} input`).inputValue()).toBe("hill"); // DefaultText

  // First attempt breaks every kind of constraint: nothing is recorded, each question says why.
  await page.locator(`${field("age")} input`).fill("abc");
  await page.locator(`${field("nickname")} input`).fill("B");
  await page.getByLabel("Cheese").check();
  await page.getByLabel("Ham").check();
  await page.getByLabel("Olives").check();
  await page.locator(`${field("animals")} select`).selectOption([{ label: "Cat" }]);
  await page.locator(`${field("photo")} input[type=file]`).setInputFiles({ name: "tiny.txt", mimeType: "text/plain", buffer: Buffer.from("tiny") });
  await page.getByRole("button", { name: "Submit" }).click();
  await page.waitForSelector("#error-summary");
  const message = async (id: string) => (await page.locator(`${field(id)} .field-error`).textContent()) ?? "";
  expect(await message("age")).toContain("The answer must be a number.");
  expect(await message("nickname")).toContain("at least 2 characters");
  expect(await message("nickname")).toContain("Lower-case letters only.");
  expect(await message("color")).toContain("This question requires an answer.");
  expect(await message("toppings")).toContain("Select at most 2 choices.");
  expect(await message("size")).toContain("This question requires an answer.");
  expect(await message("animals")).toContain("Select at least 2 choices.");
  expect(await message("photo")).toContain("between 10 and 100000 bytes");
  expect(await page.locator(`${field("age")} input`).getAttribute("aria-invalid")).toBe("true");
  expect(await page.locator(`${field("age")} input`).inputValue()).toBe("abc"); // kept
  expect(await page.locator("body").textContent()).not.toMatch(/at .*\.ts:\d+|Error: .*\n\s+at /);
  expect((await t.sdk.send(new GetAssignmentCommand({ AssignmentId: assignmentId })).catch((e) => e)).TurkErrorCode).toBe("AWS.MechanicalTurk.AssignmentDoesNotExist");

  // Second attempt: valid answers.
  const photo = Buffer.from(Array.from({ length: 2048 }, (_, i) => i % 256));
  await page.locator(`${field("age")} input`).fill("42");
  await page.locator(`${field("nickname")} input`).fill("alice");
  await page.locator(`${field("comment")} textarea`).fill("Line one\nLine two & <three>");
  await page.getByLabel("Green").check();
  await page.getByLabel("Ham").uncheck();
  await page.getByLabel("Olives").uncheck();
  await page.locator(`${field("toppings")} input[type=text]`).fill("basil");
  await page.locator(`${field("size")} select`).selectOption({ label: "Medium" });
  await page.locator(`${field("country")} select`).selectOption({ label: "Canada" });
  await page.locator(`${field("fruit")} input`).fill("Banana");
  await page.locator(`${field("fruit")} input`).press("Escape"); // closes the datalist's suggestions
  await page.locator(`${field("animals")} select`).selectOption([{ label: "Cat" }, { label: "Dog" }]);
  await page.locator(`${field("photo")} input[type=file]`).setInputFiles({ name: "hill.bin", mimeType: "application/octet-stream", buffer: photo });
  await page.getByRole("button", { name: "Submit" }).click();
  await page.waitForURL(/\/dashboard\?submitted=/);
  expect(await page.locator(".notice").textContent()).toContain("Describe a picture of a hill");

  const { Assignment } = await t.sdk.send(new GetAssignmentCommand({ AssignmentId: assignmentId }));
  expect(Assignment!.AssignmentStatus).toBe("Submitted");
  expect(Assignment!.WorkerId).toBe("A1QFWORKER");
  expect(Assignment!.HITId).toBe(HITId);
  const answers = answersByQuestion(Assignment!.Answer!);
  expect([...answers.keys()]).toEqual(["age", "nickname", "comment", "color", "toppings", "size", "country", "fruit", "animals", "photo"]);
  expect(answers.get("age")).toEqual({ QuestionIdentifier: "age", FreeText: "42" });
  expect(answers.get("nickname")!.FreeText).toBe("alice");
  expect(answers.get("comment")!.FreeText).toBe("Line one\nLine two & <three>");
  expect(answers.get("color")!.SelectionIdentifiers).toEqual(["green"]);
  expect(answers.get("toppings")).toEqual({ QuestionIdentifier: "toppings", SelectionIdentifiers: ["cheese"], OtherSelectionText: "basil" });
  expect(answers.get("size")!.SelectionIdentifiers).toEqual(["M"]);
  expect(answers.get("country")!.SelectionIdentifiers).toEqual(["CA"]);
  expect(answers.get("fruit")!.SelectionIdentifiers).toEqual(["banana"]);
  expect(answers.get("animals")!.SelectionIdentifiers).toEqual(["cat", "dog"]);
  const upload = answers.get("photo")!;
  expect(upload.UploadedFileSizeInBytes).toBe(photo.length);
  expect(upload.UploadedFileKey).toMatch(/^[0-9A-Z]{30}$/);

  // The upload comes back through GetFileUploadURL, byte for byte.
  const { FileUploadURL } = await t.sdk.send(new GetFileUploadURLCommand({ AssignmentId: assignmentId, QuestionIdentifier: "photo" }));
  const fetched = await fetch(FileUploadURL!);
  expect(fetched.status).toBe(200);
  expect(Buffer.from(await fetched.arrayBuffer()).equals(photo)).toBe(true);
  await context.close();
});

test("another worker cannot open or return someone else's assignment, and is told so", async () => {
  const { HITId } = await createHit(t, { Title: "Private work", Question: questionForm(assetBase) });
  const owner = await newPage(browser, t.url);
  await signInWorker(owner.page, "A1OWNER");
  await owner.page.goto(`/mturk/preview?hitId=${HITId}`);
  await owner.page.getByRole("button", { name: "Accept" }).click();
  await owner.page.waitForURL(/assignment_id=/);
  const workUrl = owner.page.url();
  const assignmentId = new URL(workUrl).searchParams.get("assignment_id")!;

  const other = await newPage(browser, t.url);
  await signInWorker(other.page, "A2INTRUDER");
  const response = await other.page.goto(workUrl);
  expect(response!.status()).toBe(404);
  expect(await other.page.getByRole("alert").textContent()).toContain(`Assignment ${assignmentId} does not exist or is not one of your assignments.`);
  expect(await other.page.locator("form.questionform").count()).toBe(0);
  // Not even the time left leaks.
  const timeLeft = await other.page.request.get(`/mturk/time-left?assignmentId=${assignmentId}`);
  expect(timeLeft.status()).toBe(404);
  expect((await timeLeft.json()).message).toContain("is not one of your assignments");

  // The owner's own page still works.
  await owner.page.goto(workUrl);
  expect(await owner.page.locator("form.questionform").count()).toBe(1);
  await owner.context.close();
  await other.context.close();
});

test("a form posted without this browser's CSRF token is refused with a message", async () => {
  const { context, page } = await newPage(browser, t.url);
  await signInWorker(page, "A1CSRF");
  const response = await page.request.post("/mturk/accept", { form: { hitId: "X" } });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("This form has expired or was not sent from this site.");
  await context.close();
});
