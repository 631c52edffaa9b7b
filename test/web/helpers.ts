// The worker site and console, driven by headless Chromium (playwright-core with Debian's /usr/bin/chromium).
// Without Chromium these suites fail with a clear message; they never skip.
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CreateHITCommand, type CreateHITCommandInput } from "@aws-sdk/client-mturk";
import { parseAnswerXml, type ParsedAnswer } from "../../src/domain/questions/answers";
import type { TestEmu } from "../helpers/emu";

export const CHROMIUM = "/usr/bin/chromium";
export const SCREENSHOTS = resolve(__dirname, "../../docs/screenshots");

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The web tests need Chromium at ${CHROMIUM} (Debian: apt-get install chromium); it is missing, so test/web cannot run.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A fresh browser profile (its own cookies) with a page, failing the test on any page error of the site. */
export async function newPage(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

export async function signInWorker(page: Page, workerId: string): Promise<void> {
  await page.goto("/worker/signin");
  await page.getByLabel("WorkerId").fill(workerId);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/worker/signin"));
}

export async function signInConsole(page: Page, accessKeyId: string, secretAccessKey: string): Promise<void> {
  await page.goto("/console");
  await page.getByLabel("Access key id").fill(accessKeyId);
  await page.getByLabel("Secret access key").fill(secretAccessKey);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/console/hits");
}

export async function createHit(t: TestEmu, input: Partial<CreateHITCommandInput> & { Question: string }): Promise<{ HITId: string; HITTypeId: string; HITGroupId: string }> {
  const { HIT } = await t.sdk.send(
    new CreateHITCommand({
      Title: "A task",
      Description: "Do a small thing",
      Reward: "0.25",
      AssignmentDurationInSeconds: 600,
      LifetimeInSeconds: 3600,
      MaxAssignments: 3,
      AutoApprovalDelayInSeconds: 86400,
      ...input,
    }),
  );
  return { HITId: HIT!.HITId!, HITTypeId: HIT!.HITTypeId!, HITGroupId: HIT!.HITGroupId! };
}

/**
 * Where to write a screenshot: docs/screenshots/ when it is missing there or MTURK_EMU_SCREENSHOTS=update is set
 * (so ordinary test runs do not rewrite the committed images), else a temporary folder.
 */
export function screenshotPath(name: string): string {
  const committed = resolve(SCREENSHOTS, name);
  const dir = process.env.MTURK_EMU_SCREENSHOTS === "update" || !existsSync(committed) ? SCREENSHOTS : resolve(tmpdir(), "mturk-emu-screenshots");
  mkdirSync(dir, { recursive: true });
  return resolve(dir, name);
}

export const QF_NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionForm.xsd";
export const HTML_NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd";
export const EXTERNAL_NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd";

/** The answers of a QuestionFormAnswers document by QuestionIdentifier. */
export function answersByQuestion(xml: string): Map<string, ParsedAnswer> {
  return new Map(parseAnswerXml(xml).map((a) => [a.QuestionIdentifier, a]));
}
