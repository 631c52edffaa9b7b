// Legacy SOAP through the `mturk-api` npm client (node-soap 0.16 with Amazon's 2014-08-15 WSDL), pointed at the
// emulator. mturk-api only knows the real endpoints, so node-soap's client is told the emulator's address as it
// is created (the same thing `client.setEndpoint(url)` does in an application).
import { GetHITCommand, ListBonusPaymentsCommand } from "@aws-sdk/client-mturk";
import { acceptAndSubmit, CREDENTIALS, HTML_QUESTION, startTestEmu, type TestEmu } from "../helpers/emu";
import { parser } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const soap = require("soap");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mturk = require("mturk-api");

let t: TestEmu;
let api: any;
const originalCreateClient = soap.createClient;

beforeAll(async () => {
  t = await startTestEmu();
  const endpoint = `${t.url}/?Service=AWSMechanicalTurkRequester`;
  soap.createClient = (wsdl: string, ...rest: any[]) => {
    const callback = rest[rest.length - 1];
    return originalCreateClient(wsdl, ...rest.slice(0, -1), (err: unknown, client: any) => {
      if (client) {
        const setEndpoint = client.setEndpoint.bind(client);
        client.setEndpoint = () => setEndpoint(endpoint);
      }
      callback(err, client);
    });
  };
  api = await mturk.createClient({ access: CREDENTIALS.accessKeyId, secret: CREDENTIALS.secretAccessKey, sandbox: true });
});

afterAll(async () => {
  soap.createClient = originalCreateClient;
  await t.close();
});

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const first = (value: any) => (Array.isArray(value) ? value[0] : value);

test("GetAccountBalance", async () => {
  const res = await api.req("GetAccountBalance");
  expect(res.OperationRequest.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  const result = first(res.GetAccountBalanceResult);
  expect(result.Request.IsValid).toBe("True");
  expect(result.AvailableBalance).toMatchObject({ CurrencyCode: "USD", FormattedPrice: "$10,000.00" });
  expect(Number(result.AvailableBalance.Amount)).toBe(10000);
  const log = await t.ctl("GET", "/_emu/requests?protocol=legacy-soap");
  expect(log.requests ?? log).toEqual(expect.arrayContaining([expect.objectContaining({ protocol: "legacy-soap", operation: "GetAccountBalance", status: 200 })]));
});

test("RegisterHITType, CreateHIT, GetHIT, SearchHITs, GetAssignmentsForHIT, ApproveAssignment, GrantBonus", async () => {
  const registered = await api.req("RegisterHITType", {
    Title: "Classify a photo",
    Description: "Pick the best label",
    Reward: { Amount: 0.5, CurrencyCode: "USD" },
    AssignmentDurationInSeconds: 600,
    AutoApprovalDelayInSeconds: 3600,
    Keywords: "photo, label",
  });
  const hitTypeId = first(registered.RegisterHITTypeResult).HITTypeId;
  expect(hitTypeId).toMatch(/^[0-9A-Z]{30}$/);

  // node-soap does not escape strings, so (as mturk-api's README says) the Question goes escaped.
  const unescaped = await api.req("CreateHIT", { HITTypeId: hitTypeId, Question: HTML_QUESTION, LifetimeInSeconds: 3600 }).catch((e: Error) => e);
  expect(String(unescaped)).toMatch(/Question.*must be text/);
  const created = await api.req("CreateHIT", { HITTypeId: hitTypeId, Question: escapeXml(HTML_QUESTION), LifetimeInSeconds: 3600, MaxAssignments: 2 });
  const hitId = first(created.HIT).HITId;
  expect(first(created.HIT).HITTypeId).toBe(hitTypeId);

  const got = first((await api.req("GetHIT", { HITId: hitId })).HIT);
  expect(got).toMatchObject({ HITId: hitId, Title: "Classify a photo", Description: "Pick the best label", HITStatus: "Assignable", Keywords: "photo, label" });
  expect(got.Question).toBe(HTML_QUESTION);
  expect(Number(got.Reward.Amount)).toBe(0.5);

  // The HIT made over SOAP is the HIT the JSON API sees.
  const { HIT } = await t.sdk.send(new GetHITCommand({ HITId: hitId }));
  expect(HIT).toMatchObject({ Title: "Classify a photo", Reward: "0.50", MaxAssignments: 2 });

  const search = first((await api.req("SearchHITs", { PageSize: 10, SortProperty: "CreationTime", SortDirection: "Descending" })).SearchHITsResult);
  expect(search.Request.IsValid).toBe("True");
  expect(String(search.TotalNumResults)).toBe("1");
  expect(first(search.HIT).HITId).toBe(hitId);

  const { WorkerId, AssignmentId } = await acceptAndSubmit(t, hitId, { answer: "cat" });
  const listed = first((await api.req("GetAssignmentsForHIT", { HITId: hitId })).GetAssignmentsForHITResult);
  const assignment = first(listed.Assignment);
  expect(assignment).toMatchObject({ AssignmentId, WorkerId, HITId: hitId, AssignmentStatus: "Submitted" });
  const answers = parser.parse(assignment.Answer).QuestionFormAnswers.Answer;
  expect(first(answers)).toMatchObject({ QuestionIdentifier: "answer", FreeText: "cat" });

  const approved = await api.req("ApproveAssignment", { AssignmentId, RequesterFeedback: "Thanks" });
  expect(first(approved.ApproveAssignmentResult).Request.IsValid).toBe("True");

  const bonus = await api.req("GrantBonus", { WorkerId, AssignmentId, BonusAmount: { Amount: 1.25, CurrencyCode: "USD" }, Reason: "Great" });
  expect(first(bonus.GrantBonusResult).Request.IsValid).toBe("True");
  const { BonusPayments } = await t.sdk.send(new ListBonusPaymentsCommand({ HITId: hitId }));
  expect(BonusPayments).toEqual([expect.objectContaining({ WorkerId, AssignmentId, BonusAmount: "1.25", Reason: "Great" })]);
});

test("an operation-level error rejects with the service's message; the envelope says IsValid False", async () => {
  await expect(api.req("GetHIT", { HITId: "3NOSUCHHIT0000000000000000000X" })).rejects.toThrow(/^Hit 3NOSUCHHIT0000000000000000000X does not exist\. \(\d{13}\)$/);
  await expect(api.req("ApproveAssignment", { AssignmentId: "3NOSUCHASSIGNMENT0000000000000" })).rejects.toThrow(/Assignment 3NOSUCHASSIGNMENT0000000000000 does not exist/);
});

test("a wrong secret is refused with AWS.NotAuthorized / AWS.BadClaimsSupplied in OperationRequest/Errors", async () => {
  const unknown = await mturk.createClient({ access: "AKIAUNKNOWNKEY000000", secret: "nope", sandbox: true });
  await expect(unknown.req("GetAccountBalance")).rejects.toThrow(/not authorized to use this AWSAccessKeyId/);
  const wrong = await mturk.createClient({ access: CREDENTIALS.accessKeyId, secret: "not-the-secret", sandbox: true });
  await expect(wrong.req("GetAccountBalance")).rejects.toThrow(/The specified claims are invalid.*AWSMechanicalTurkRequesterGetAccountBalance\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/);
});

test("the WSDL is served with the emulator's address", async () => {
  const res = await fetch(`${t.url}/AWSMechanicalTurk/AWSMechanicalTurkRequester.wsdl`);
  expect(res.status).toBe(200);
  const text = await res.text();
  expect(text).toContain(`<soap:address location="${t.url}/?Service=AWSMechanicalTurkRequester"/>`);
  expect(text).toContain('targetNamespace="http://requester.mturk.amazonaws.com/doc/2014-08-15"');
  expect((await fetch(`${t.url}/?wsdl`)).status).toBe(200);
});
