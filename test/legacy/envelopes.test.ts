// The legacy wire format with a hand-made client (LEGACY-API.md §1–§4): both signature schemes and their
// failures, where errors go, compact XML, response groups, page-number paging, sorting, the True/False/None
// quirks, batching, SOAP envelopes (and what is not one), XML bombs, fault injection, the operations that only
// the legacy API has, and every one of the 44 WSDL operations reachable through the table.
import { readFileSync } from "node:fs";
import { GetHITCommand } from "@aws-sdk/client-mturk";
import { classicStringToSign, hmacSha1, sigV1StringToSign } from "../../src/protocols/legacy/signature";
import { LEGACY_OPERATION_NAMES, LEGACY_OPERATIONS } from "../../src/protocols/legacy/operations";
import { REQUESTER_STATISTICS, TIME_PERIODS, WORKER_STATISTICS } from "../../src/domain/commands/statistics";
import { accept, acceptAndSubmit, advance, CREDENTIALS, EXTERNAL_QUESTION, freezeAt, HTML_QUESTION, newWorker, startTestEmu, T0, type TestEmu } from "../helpers/emu";
import { firstError, legacy, parser, result, rootOf, sign, type LegacyResponse } from "./helpers";

let t: TestEmu;

beforeAll(async () => {
  t = await startTestEmu();
});
afterAll(() => t.close());
afterEach(async () => {
  await t.ctl("POST", "/_emu/reset");
  await t.ctl("DELETE", "/_emu/faults");
});

let titles = 0;

/** A HIT through legacy REST; returns its ids. */
async function createHit(extra: Record<string, string | number> = {}): Promise<{ hitId: string; hitTypeId: string }> {
  const r = await legacy(t, "CreateHIT", {
    Title: `Tag an image ${++titles}`,
    Description: "One word",
    "Reward.1.Amount": "0.25",
    "Reward.1.CurrencyCode": "USD",
    AssignmentDurationInSeconds: 600,
    LifetimeInSeconds: 3600,
    MaxAssignments: 2,
    Question: EXTERNAL_QUESTION,
    ...extra,
  });
  const hit = result(r, "HIT");
  expect(hit.Request.IsValid).toBe("True");
  return { hitId: hit.HITId, hitTypeId: hit.HITTypeId };
}

const ok = (r: LegacyResponse, element: string) => {
  expect(firstError(r)).toBeUndefined();
  const value = result(r, element);
  expect(value.Request.IsValid).toBe("True");
  return value;
};

/** The error of a result-level failure: OperationRequest has none, the result's Request has IsValid False. */
function resultError(r: LegacyResponse, element: string) {
  expect(r.status).toBe(200);
  const { body } = rootOf(r);
  expect(body.OperationRequest.Errors).toBeUndefined();
  const value = result(r, element);
  expect(value.Request.IsValid).toBe("False");
  return value.Request.Errors.Error[0];
}

/** The error of a request-level failure: in OperationRequest/Errors, and no result element. */
function requestError(r: LegacyResponse) {
  const { body } = rootOf(r);
  expect(Object.keys(body)).toEqual(["OperationRequest"]);
  return body.OperationRequest.Errors.Error[0];
}

describe("signatures", () => {
  test("the reference's test vectors: SigV1 (boto 2) and Service+Operation+Timestamp (SOAP clients)", () => {
    const pairs: Array<[string, string]> = [
      ["AWSAccessKeyId", "AKIAIOSFODNN7EXAMPLE"],
      ["Operation", "GetAccountBalance"],
      ["SignatureVersion", "1"],
      ["Timestamp", "2026-11-22T10:08:05Z"],
      ["Version", "2014-08-15"],
      ["Signature", "ignored"],
    ];
    const sts = sigV1StringToSign(pairs);
    expect(sts).toBe("AWSAccessKeyIdAKIAIOSFODNN7EXAMPLEOperationGetAccountBalanceSignatureVersion1Timestamp2026-11-22T10:08:05ZVersion2014-08-15");
    expect(hmacSha1(CREDENTIALS.secretAccessKey, sts)).toBe("Q5vPWxtYjVyYkZDN2C3q5nqn930=");
    // Case-insensitive order: AutoApprovalDelayInSeconds before AWSAccessKeyId.
    expect(sigV1StringToSign([["AWSAccessKeyId", "k"], ["AutoApprovalDelayInSeconds", "1"]])).toBe("AutoApprovalDelayInSeconds1AWSAccessKeyIdk");
    const classic = classicStringToSign("GetAccountBalance", "2026-11-22T10:11:50.873Z");
    expect(hmacSha1(CREDENTIALS.secretAccessKey, classic)).toBe("txK24+z6dOvzEPQEMSEMJTwcfk8=");
  });

  test("the classic signature over the Timestamp exactly as sent, with or without milliseconds", async () => {
    const now = new Date();
    const withMillis = now.toISOString();
    const withoutMillis = withMillis.replace(/\.\d{3}Z$/, "Z");
    ok(await legacy(t, "GetAccountBalance", {}, { timestamp: withMillis }), "GetAccountBalanceResult");
    ok(await legacy(t, "GetAccountBalance", {}, { timestamp: withoutMillis }), "GetAccountBalanceResult");
    const mismatch = await legacy(t, "GetAccountBalance", {}, { timestamp: withMillis, signature: sign(CREDENTIALS.secretAccessKey, "GetAccountBalance", withoutMillis) });
    expect(requestError(mismatch).Code).toBe("AWS.BadClaimsSupplied");
  });

  test("SignatureVersion 1 signed by hand, over query and body parameters merged", async () => {
    const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    const query: Array<[string, string]> = [["Service", "AWSMechanicalTurkRequester"]];
    const body: Array<[string, string]> = [
      ["AWSAccessKeyId", CREDENTIALS.accessKeyId],
      ["Operation", "GetAccountBalance"],
      ["SignatureVersion", "1"],
      ["Timestamp", timestamp],
      ["Version", "2014-08-15"],
    ];
    const signature = hmacSha1(CREDENTIALS.secretAccessKey, sigV1StringToSign([...query, ...body]));
    const res = await fetch(`${t.url}/?${new URLSearchParams(query)}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams([...body, ["Signature", signature]]).toString(),
    });
    expect(await res.text()).toContain("<AvailableBalance><Amount>10000.00</Amount>");
  });

  test("an unknown access key is AWS.NotAuthorized, in OperationRequest/Errors, over HTTP 200", async () => {
    const r = await legacy(t, "GetAccountBalance", {}, { credentials: { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x" } });
    expect(r.status).toBe(200);
    const error = requestError(r);
    expect(error.Code).toBe("AWS.NotAuthorized");
    expect(error.Message).toMatch(/^The identity contained in the request is not authorized to use this AWSAccessKeyId \(\d{13}\)$/);
  });

  test("a wrong signature is AWS.BadClaimsSupplied with the string to sign and the Data entries", async () => {
    const r = await legacy(t, "GetAccountBalance", {}, { timestamp: "2026-11-22T10:11:50Z", credentials: { accessKeyId: CREDENTIALS.accessKeyId, secretAccessKey: "wrong" } });
    const error = requestError(r);
    expect(error.Code).toBe("AWS.BadClaimsSupplied");
    expect(error.Message).toMatch(
      /^The specified claims are invalid\. {3}Based on your request, your signature should be generated using the following string: AWSMechanicalTurkRequesterGetAccountBalance2026-11-22T10:11:50Z\. {2}Check to make sure your system clock and timezone is not incorrect\. {2}Our current system time: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\. {2}\(\d{13}\)$/,
    );
    const data = Object.fromEntries(error.Data.map((d: { Key: string; Value: string }) => [d.Key, d.Value]));
    expect(data).toEqual({
      CustomerSignature: sign("wrong", "GetAccountBalance", "2026-11-22T10:11:50Z"),
      StringToSign: "AWSMechanicalTurkRequesterGetAccountBalance2026-11-22T10:11:50Z",
      SystemTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
  });

  test("a timestamp more than 15 minutes off the wall clock is AWS.BadClaimsSupplied; within it is fine", async () => {
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    expect(requestError(await legacy(t, "GetAccountBalance", {}, { timestamp: at(-16) })).Code).toBe("AWS.BadClaimsSupplied");
    expect(requestError(await legacy(t, "GetAccountBalance", {}, { timestamp: at(16) })).Code).toBe("AWS.BadClaimsSupplied");
    expect(requestError(await legacy(t, "GetAccountBalance", {}, { timestamp: "yesterday" })).Code).toBe("AWS.BadClaimsSupplied");
    ok(await legacy(t, "GetAccountBalance", {}, { timestamp: at(-14) }), "GetAccountBalanceResult");
    // The emulator's clock does not matter: signatures are checked against the wall clock.
    await advance(t, 86_400 * 10);
    ok(await legacy(t, "GetAccountBalance"), "GetAccountBalanceResult");
  });

  test("missing credentials are AWS.MissingParameters at request level", async () => {
    expect(requestError(await legacy(t, "GetAccountBalance", {}, { omit: ["AWSAccessKeyId"] })).Code).toBe("AWS.MissingParameters");
    const noSignature = requestError(await legacy(t, "GetAccountBalance", {}, { omit: ["Signature"] }));
    expect(noSignature).toMatchObject({ Code: "AWS.MissingParameters", Message: expect.stringContaining("Signature") });
  });

  test("with --auth off any key is accepted unsigned, one account per key", async () => {
    const open = await startTestEmu({ auth: false });
    try {
      const r = await legacy(open, "GetAccountBalance", {}, { credentials: { accessKeyId: "ANYKEY", secretAccessKey: "" }, omit: ["Signature", "Timestamp"] });
      ok(r, "GetAccountBalanceResult");
      await legacy(open, "RegisterHITType", { Title: "t", Description: "d", "Reward.1.Amount": "0.10", AssignmentDurationInSeconds: 60 }, { credentials: { accessKeyId: "ANYKEY", secretAccessKey: "" } });
      const state = await open.ctl("GET", "/_emu/state");
      expect(state.accounts.map((a: any) => a.accessKeyId)).toContain("ANYKEY");
    } finally {
      await open.close();
    }
  });
});

describe("responses", () => {
  test("compact XML: prolog, no whitespace between tags, no namespace on REST roots", async () => {
    const r = await legacy(t, "GetAccountBalance");
    expect(r.status).toBe(200);
    expect(r.text.startsWith('<?xml version="1.0"?><GetAccountBalanceResponse><OperationRequest><RequestId>')).toBe(true);
    expect(r.text).toContain("<GetAccountBalanceResult><Request><IsValid>True</IsValid></Request><AvailableBalance><Amount>10000.00</Amount><CurrencyCode>USD</CurrencyCode><FormattedPrice>$10,000.00</FormattedPrice></AvailableBalance><OnHoldBalance><Amount>0.00</Amount>");
    expect(r.text).not.toMatch(/>\s+</);
  });

  test("operation-level errors sit in the result's Request/Errors; missing parameters are AWS.MissingParameters there", async () => {
    const missing = await legacy(t, "GetHIT", { HITId: "3NOSUCHHIT0000000000000000000X" });
    expect(missing.text).toContain("<HIT><Request><IsValid>False</IsValid><Errors><Error><Code>AWS.MechanicalTurk.HITDoesNotExist</Code>");
    expect(resultError(missing, "HIT").Message).toMatch(/^Hit 3NOSUCHHIT0000000000000000000X does not exist\. \(\d{13}\)$/);
    expect(resultError(await legacy(t, "GetHIT"), "HIT")).toMatchObject({ Code: "AWS.MissingParameters", Message: expect.stringContaining("HITId") });
    expect(resultError(await legacy(t, "CreateHIT", { LifetimeInSeconds: 60 }), "HIT")).toMatchObject({ Code: "AWS.MissingParameters", Message: expect.stringContaining("Title") });
    expect(resultError(await legacy(t, "CreateHIT", { HITTypeId: "X", LifetimeInSeconds: 60, MaxAssignments: "green", Question: HTML_QUESTION }), "HIT").Code).toBe(
      "AWS.MechanicalTurk.InvalidParameterValue",
    );
    expect(resultError(await legacy(t, "CreateHIT", { HITTypeId: "X", LifetimeInSeconds: 60, MaxAssignments: -1 }), "HIT").Code).toBe("AWS.ParameterOutOfRange");
  });

  test("an unknown operation is AWS.InvalidOperationParameter at request level, under <Op>Response", async () => {
    const r = await legacy(t, "NoSuchOperation");
    expect(rootOf(r).name).toBe("NoSuchOperationResponse");
    expect(requestError(r).Code).toBe("AWS.InvalidOperationParameter");
    const odd = await legacy(t, "<bad>");
    expect(rootOf(odd).name).toBe("Response");
    expect(requestError(odd).Code).toBe("AWS.InvalidOperationParameter");
  });

  test("GET with the query string, the /onca/xml path and ?Service= all reach the same front end", async () => {
    ok(await legacy(t, "GetAccountBalance", {}, { method: "GET" }), "GetAccountBalanceResult");
    ok(await legacy(t, "GetAccountBalance", {}, { path: "/onca/xml" }), "GetAccountBalanceResult");
    const json = await fetch(`${t.url}/`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(json.status).toBe(404);
  });

  test("ResponseGroup: defaults, Minimal, repeated and comma-separated names, the Request echo, unknown names", async () => {
    const { hitId } = await createHit();
    const byDefault = ok(await legacy(t, "GetHIT", { HITId: hitId }), "HIT");
    expect(byDefault).toMatchObject({ Title: expect.any(String), Question: EXTERNAL_QUESTION });
    expect(byDefault.NumberOfAssignmentsAvailable).toBeUndefined();
    const minimal = ok(await legacy(t, "GetHIT", { HITId: hitId, "ResponseGroup.1": "Minimal" }), "HIT");
    expect(Object.keys(minimal)).toEqual(["Request", "HITId", "HITTypeId"]);
    const repeated = ok(await legacy(t, "GetHIT", { HITId: hitId, ResponseGroup: ["Minimal", "HITAssignmentSummary"] }), "HIT");
    expect(Object.keys(repeated)).toEqual(["Request", "HITId", "HITTypeId", "NumberOfAssignmentsPending", "NumberOfAssignmentsAvailable", "NumberOfAssignmentsCompleted"]);
    const commas = ok(await legacy(t, "GetHIT", { HITId: hitId, ResponseGroup: "Minimal,HITQuestion" }), "HIT");
    expect(Object.keys(commas)).toEqual(["Request", "HITId", "HITTypeId", "Question"]);
    const echo = await legacy(t, "GetHIT", { HITId: hitId, "ResponseGroup.1": "Minimal", "ResponseGroup.2": "Request" });
    expect(echo.text).toContain(`<HIT><Request><IsValid>True</IsValid><GetHITRequest><HITId>${hitId}</HITId><ResponseGroup>Minimal</ResponseGroup><ResponseGroup>Request</ResponseGroup></GetHITRequest></Request><HITId>`);
    const bad = await legacy(t, "GetHIT", { HITId: hitId, ResponseGroup: "Everything" });
    expect(resultError(bad, "HIT").Code).toBe("AWS.MechanicalTurk.InvalidParameterValue");
  });

  test("the Request echo uses 2012-03-25's element names when that Version is asked for", async () => {
    const { hitId } = await createHit();
    const v2014 = await legacy(t, "GetAssignmentsForHIT", { HITId: hitId, ResponseGroup: "Request" });
    expect(v2014.text).toContain("<Request><IsValid>True</IsValid><GetAssignmentsForHITRequest><HITId>");
    const v2012 = await legacy(t, "GetAssignmentsForHIT", { HITId: hitId, ResponseGroup: "Request", Version: "2012-03-25" });
    expect(v2012.text).toContain("<Request><IsValid>True</IsValid><GetAssignmentsForHIT><HITId>");
  });

  test("list items never carry a Request element (rturk reads every //Request/IsValid)", async () => {
    await createHit();
    await createHit();
    const r = await legacy(t, "SearchHITs");
    expect(r.text.match(/<Request>/g)).toHaveLength(1);
  });

  test("batched requests: several Request elements (REST <Operation>.N.) answer with one result each", async () => {
    const { hitId } = await createHit();
    const r = await legacy(t, "GetHIT", { "GetHIT.1.HITId": hitId, "GetHIT.2.HITId": "3NOSUCHHIT0000000000000000000X", ResponseGroup: "Minimal" });
    const hits = rootOf(r).body.HIT;
    expect(hits).toHaveLength(2);
    expect(hits[0]).toMatchObject({ Request: { IsValid: "True" }, HITId: hitId });
    expect(hits[1].Request.Errors.Error[0].Code).toBe("AWS.MechanicalTurk.HITDoesNotExist");
  });
});

describe("paging and sorting", () => {
  async function hits(n: number) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      await advance(t, 1);
      ids.push((await createHit({ Title: `title ${String.fromCharCode(100 - i)}`, "Reward.1.Amount": `0.${i + 1}0`, LifetimeInSeconds: 3600 + 60 * ((i * 7) % n) })).hitId);
    }
    return ids;
  }

  const page = (r: LegacyResponse, element: string) => {
    const value = ok(r, element);
    return { n: value.NumResults, total: value.TotalNumResults, page: value.PageNumber, ids: (value.HIT ?? []).map((h: any) => h.HITId) };
  };

  test("PageSize/PageNumber, NumResults/TotalNumResults/PageNumber, and the limits", async () => {
    const ids = await hits(5);
    expect(page(await legacy(t, "SearchHITs", { PageSize: 2, PageNumber: 1 }), "SearchHITsResult")).toEqual({ n: "2", total: "5", page: "1", ids: ids.slice(0, 2) });
    expect(page(await legacy(t, "SearchHITs", { PageSize: 2, PageNumber: 3 }), "SearchHITsResult")).toEqual({ n: "1", total: "5", page: "3", ids: ids.slice(4) });
    expect(page(await legacy(t, "SearchHITs", { PageSize: 2, PageNumber: 4 }), "SearchHITsResult")).toEqual({ n: "0", total: "5", page: "4", ids: [] });
    expect(page(await legacy(t, "SearchHITs"), "SearchHITsResult").n).toBe("5");
    expect(resultError(await legacy(t, "SearchHITs", { PageSize: 101 }), "SearchHITsResult").Code).toBe("AWS.ParameterOutOfRange");
    expect(resultError(await legacy(t, "SearchHITs", { PageSize: 0 }), "SearchHITsResult").Code).toBe("AWS.ParameterOutOfRange");
    expect(resultError(await legacy(t, "SearchHITs", { PageNumber: 0 }), "SearchHITsResult").Code).toBe("AWS.ParameterOutOfRange");
  });

  test("SearchHITs sorts by Title, Reward, Expiration, CreationTime and Enumeration, either way", async () => {
    const ids = await hits(4);
    const sorted = async (property: string, direction?: string) =>
      page(await legacy(t, "SearchHITs", { SortProperty: property, ...(direction ? { SortDirection: direction } : {}) }), "SearchHITsResult").ids;
    expect(await sorted("Title")).toEqual([...ids].reverse()); // title d, c, b, a
    expect(await sorted("Reward", "Descending")).toEqual([...ids].reverse());
    expect(await sorted("CreationTime")).toEqual(ids);
    expect(await sorted("CreationTime", "Descending")).toEqual([...ids].reverse());
    expect(await sorted("Enumeration")).toEqual(ids);
    const expiration = await sorted("Expiration");
    const expiries = await Promise.all(expiration.map(async (id: string) => ok(await legacy(t, "GetHIT", { HITId: id }), "HIT").Expiration));
    expect([...expiries].sort()).toEqual(expiries);
    expect(resultError(await legacy(t, "SearchHITs", { SortProperty: "Color" }), "SearchHITsResult").Code).toBe("AWS.MechanicalTurk.InvalidParameterValue");
  });

  test("GetAssignmentsForHIT: status filters (repeated or comma list), sorting, paging", async () => {
    const { hitId } = await createHit({ MaxAssignments: 3 });
    const a = await acceptAndSubmit(t, hitId, { answer: "1" });
    await advance(t, 5);
    const b = await acceptAndSubmit(t, hitId, { answer: "2" });
    await advance(t, 5);
    const c = await acceptAndSubmit(t, hitId, { answer: "3" });
    await legacy(t, "ApproveAssignment", { AssignmentId: a.AssignmentId });
    await legacy(t, "RejectAssignment", { AssignmentId: c.AssignmentId });
    const list = async (params: Record<string, any>) => {
      const value = ok(await legacy(t, "GetAssignmentsForHIT", { HITId: hitId, ...params }), "GetAssignmentsForHITResult");
      return { total: value.TotalNumResults, ids: (value.Assignment ?? []).map((x: any) => x.AssignmentId) };
    };
    expect(await list({})).toEqual({ total: "3", ids: [a.AssignmentId, b.AssignmentId, c.AssignmentId] });
    expect(await list({ SortDirection: "Descending" })).toEqual({ total: "3", ids: [c.AssignmentId, b.AssignmentId, a.AssignmentId] });
    expect(await list({ SortProperty: "AssignmentStatus" })).toEqual({ total: "3", ids: [a.AssignmentId, c.AssignmentId, b.AssignmentId] });
    expect(await list({ AssignmentStatus: "Approved,Rejected" })).toEqual({ total: "2", ids: [a.AssignmentId, c.AssignmentId] });
    expect(await list({ "AssignmentStatus.1": "Submitted", "AssignmentStatus.2": "Rejected", SortProperty: "SubmitTime", SortDirection: "Descending" })).toEqual({
      total: "2",
      ids: [c.AssignmentId, b.AssignmentId],
    });
    expect(await list({ PageSize: 1, PageNumber: 2 })).toEqual({ total: "3", ids: [b.AssignmentId] });
    const feedback = ok(await legacy(t, "GetAssignmentsForHIT", { HITId: hitId, AssignmentStatus: "Rejected", ResponseGroup: "AssignmentFeedback" }), "GetAssignmentsForHITResult");
    expect(feedback.Assignment[0].RequesterFeedback).toBeUndefined(); // rejected without feedback: legacy allows it
  });

  test("GetReviewableHITs: Reviewable by default, Reviewing on request, sorted and paged", async () => {
    const one = await createHit({ MaxAssignments: 1 });
    const two = await createHit({ MaxAssignments: 1 });
    await createHit();
    await acceptAndSubmit(t, one.hitId);
    await acceptAndSubmit(t, two.hitId);
    await legacy(t, "SetHITAsReviewing", { HITId: two.hitId, Revert: "False" });
    const reviewable = page(await legacy(t, "GetReviewableHITs"), "GetReviewableHITsResult");
    expect(reviewable).toMatchObject({ total: "1", ids: [one.hitId] });
    const reviewing = page(await legacy(t, "GetReviewableHITs", { Status: "Reviewing" }), "GetReviewableHITsResult");
    expect(reviewing).toMatchObject({ total: "1", ids: [two.hitId] });
    const both = page(await legacy(t, "GetReviewableHITs", { Status: "Reviewable,Reviewing", SortProperty: "CreationTime", SortDirection: "Descending" }), "GetReviewableHITsResult");
    expect(both.ids).toEqual([two.hitId, one.hitId]);
    const ofType = page(await legacy(t, "GetReviewableHITs", { HITTypeId: one.hitTypeId }), "GetReviewableHITsResult");
    expect(ofType.ids).toEqual([one.hitId]);
  });
});

describe("quirks: True/False/None, prices", () => {
  test("booleans as True/False/true/false; anything else refused", async () => {
    const { hitId } = await createHit({ MaxAssignments: 1 });
    await acceptAndSubmit(t, hitId);
    ok(await legacy(t, "SetHITAsReviewing", { HITId: hitId, Revert: "False" }), "SetHITAsReviewingResult");
    ok(await legacy(t, "SetHITAsReviewing", { HITId: hitId, Revert: "True" }), "SetHITAsReviewingResult");
    ok(await legacy(t, "SetHITAsReviewing", { HITId: hitId, Revert: "false" }), "SetHITAsReviewingResult");
    ok(await legacy(t, "SetHITAsReviewing", { HITId: hitId, Revert: "true" }), "SetHITAsReviewingResult");
    expect(resultError(await legacy(t, "SetHITAsReviewing", { HITId: hitId, Revert: "maybe" }), "SetHITAsReviewingResult").Code).toBe(
      "AWS.MechanicalTurk.InvalidParameterValue",
    );
  });

  test('the literal "None" boto 2 sends for Query and Reason means "not given"', async () => {
    const worker = await newWorker(t);
    const type = ok(await legacy(t, "CreateQualificationType", { Name: "Tagging skills", Description: "d", QualificationTypeStatus: "Active" }), "QualificationType");
    const search = ok(await legacy(t, "SearchQualificationTypes", { Query: "None", MustBeRequestable: "False", MustBeOwnedByCaller: "True" }), "SearchQualificationTypesResult");
    expect(search.TotalNumResults).toBe("1");
    ok(await legacy(t, "AssignQualification", { QualificationTypeId: type.QualificationTypeId, WorkerId: worker, IntegerValue: 3 }), "AssignQualificationResult");
    ok(await legacy(t, "RevokeQualification", { QualificationTypeId: type.QualificationTypeId, SubjectId: worker, Reason: "None" }), "RevokeQualificationResult");
    const outbox = await t.ctl("GET", `/_emu/outbox?WorkerId=${worker}&Kind=QualificationRevoked`);
    expect(outbox.Messages[0].MessageText).not.toContain("None");
  });

  test("prices: str(float) amounts, float noise rounded to the cent, a third decimal or another currency refused", async () => {
    const reward = async (amount: string, currency = "USD") =>
      legacy(t, "RegisterHITType", { Title: `p${amount}${currency}`, Description: "d", "Reward.1.Amount": amount, "Reward.1.CurrencyCode": currency, AssignmentDurationInSeconds: 60 });
    const hitTypeOf = async (amount: string) => {
      const id = ok(await reward(amount), "RegisterHITTypeResult").HITTypeId;
      const r = await legacy(t, "CreateHIT", { HITTypeId: id, LifetimeInSeconds: 60, Question: HTML_QUESTION, ResponseGroup: "HITDetail" });
      return ok(r, "HIT").Reward;
    };
    expect(await hitTypeOf("1.5")).toEqual({ Amount: "1.50", CurrencyCode: "USD", FormattedPrice: "$1.50" });
    expect(await hitTypeOf("10.0")).toEqual({ Amount: "10.00", CurrencyCode: "USD", FormattedPrice: "$10.00" });
    expect(await hitTypeOf("0.30000000000000004")).toEqual({ Amount: "0.30", CurrencyCode: "USD", FormattedPrice: "$0.30" });
    expect(await hitTypeOf("1234.5")).toMatchObject({ FormattedPrice: "$1,234.50" });
    expect(resultError(await reward("0.125"), "RegisterHITTypeResult").Code).toBe("AWS.MechanicalTurk.InvalidParameterValue");
    expect(resultError(await reward("1", "EUR"), "RegisterHITTypeResult").Code).toBe("AWS.MechanicalTurk.InvalidParameterValue");
  });
});

describe("SOAP envelopes, malformed input and XML bombs", () => {
  const NS = "http://requester.mturk.amazonaws.com/doc/2014-08-15";

  function envelope(operation: string, inner: string, options: { namespace?: string; timestamp?: string; secret?: string } = {}): string {
    const timestamp = options.timestamp ?? new Date().toISOString();
    const signature = sign(options.secret ?? CREDENTIALS.secretAccessKey, operation, timestamp);
    return (
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
      `<${operation} xmlns="${options.namespace ?? NS}"><AWSAccessKeyId>${CREDENTIALS.accessKeyId}</AWSAccessKeyId><Timestamp>${timestamp}</Timestamp>` +
      `<Signature>${signature}</Signature>${inner}</${operation}></soap:Body></soap:Envelope>`
    );
  }

  async function post(body: string, headers: Record<string, string> = { "content-type": "text/xml; charset=utf-8", soapaction: '"http://soap.amazon.com"' }) {
    const res = await fetch(`${t.url}/?Service=AWSMechanicalTurkRequester`, { method: "POST", headers, body });
    const text = await res.text();
    return { status: res.status, text, doc: parser.parse(text) };
  }

  async function healthy() {
    expect(await t.ctl("GET", "/_emu/health")).toEqual({ status: "ok" });
  }

  test("answers in the requested version's namespace; Request children in any order; several Requests", async () => {
    const { hitId } = await createHit();
    const r = await post(envelope("GetHIT", `<Request><ResponseGroup>Minimal</ResponseGroup><HITId>${hitId}</HITId></Request><Request><HITId>nope</HITId></Request>`));
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/^<\?xml version="1\.0"\?><soapenv:Envelope xmlns:soapenv="http:\/\/schemas\.xmlsoap\.org\/soap\/envelope\/"><soapenv:Body><GetHITResponse xmlns="http:\/\/requester\.mturk\.amazonaws\.com\/doc\/2014-08-15"><OperationRequest>/);
    expect(r.text).not.toMatch(/>\s+</);
    const hits = r.doc["soapenv:Envelope"]["soapenv:Body"].GetHITResponse.HIT;
    expect(hits[0]).toMatchObject({ Request: { IsValid: "True" }, HITId: hitId });
    expect(hits[1].Request.Errors.Error[0].Code).toBe("AWS.MechanicalTurk.HITDoesNotExist");
    const old = await post(envelope("GetAccountBalance", "<Request/>", { namespace: "http://requester.mturk.amazonaws.com/doc/2012-03-25" }));
    expect(old.text).toContain('<GetAccountBalanceResponse xmlns="http://requester.mturk.amazonaws.com/doc/2012-03-25">');
  });

  test("SOAP authentication and unknown operations are answered in the envelope, not as faults", async () => {
    const bad = await post(envelope("GetAccountBalance", "<Request/>", { secret: "wrong" }));
    expect(bad.status).toBe(200);
    expect(bad.text).toContain("<OperationRequest><RequestId>");
    expect(bad.text).toContain("<Code>AWS.BadClaimsSupplied</Code>");
    const unknown = await post(envelope("Frobnicate", "<Request/>"));
    expect(unknown.status).toBe(200);
    expect(unknown.text).toContain("<FrobnicateResponse");
    expect(unknown.text).toContain("<Code>AWS.InvalidOperationParameter</Code>");
  });

  test("malformed XML, a non-SOAP document, SOAP without a Body or with an empty one: well-formed SOAP faults", async () => {
    for (const body of [
      "<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><soap:Body><GetHIT>",
      "this is not xml",
      "<GetHIT><HITId>x</HITId></GetHIT>",
      "<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><soap:Header/></soap:Envelope>",
      "<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><soap:Body/></soap:Envelope>",
      "",
    ]) {
      const r = await post(body);
      expect(r.status).toBe(500);
      expect(r.text).toMatch(/^<\?xml version="1\.0"\?><soapenv:Envelope/);
      const fault = r.doc["soapenv:Envelope"]["soapenv:Body"]["soapenv:Fault"];
      expect(fault.faultcode).toBe("soapenv:Client");
      expect(fault.faultstring).toEqual(expect.any(String));
    }
    await healthy();
  });

  test("XML bombs (billion laughs, external entities) are refused before any expansion", async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>' +
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetHIT><Request><HITId>&lol9;</HITId></Request></GetHIT></soap:Body></soap:Envelope>';
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>' +
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetHIT><Request><HITId>&secret;</HITId></Request></GetHIT></soap:Body></soap:Envelope>';
    for (const body of [laughs, xxe]) {
      const r = await post(body);
      expect(r.status).toBe(500);
      expect(r.text).toContain("<faultcode>soapenv:Client</faultcode>");
      expect(r.text).toMatch(/DTDs are not allowed/);
      expect(r.text).not.toContain("root:");
    }
    // In a REST parameter the bomb is a Question: XMLParseError in the result.
    const question = laughs.replace(/<soap:Envelope.*$/, "<QuestionForm>&lol9;</QuestionForm>");
    const rest = await legacy(t, "CreateHIT", { Title: "t", Description: "d", "Reward.1.Amount": "0.1", AssignmentDurationInSeconds: 60, LifetimeInSeconds: 60, Question: question });
    expect(resultError(rest, "HIT").Code).toBe("AWS.MechanicalTurk.XMLParseError");
    await healthy();
  });

  test("a body over the size limit gets an XML answer too, and the process stays up", async () => {
    const huge = "x".repeat(3 * 1024 * 1024);
    const soap = await post(`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetHIT>${huge}</GetHIT></soap:Body></soap:Envelope>`);
    expect(soap.status).toBe(413);
    expect(soap.text).toContain("<faultcode>soapenv:Client</faultcode>");
    const rest = await fetch(`${t.url}/`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `Operation=GetHIT&HITId=${huge}` });
    expect(rest.status).toBe(413);
    const text = await rest.text();
    expect(text).toMatch(/^<\?xml version="1\.0"\?><Response><OperationRequest><RequestId>[^<]+<\/RequestId><Errors><Error><Code>AWS\.RequestEntityTooLarge<\/Code>/);
    await healthy();
  });

  test("an unescaped Question (node-soap does not escape) is refused with a hint", async () => {
    const r = await post(envelope("CreateHIT", `<Request><HITTypeId>X</HITTypeId><LifetimeInSeconds>60</LifetimeInSeconds><Question>${HTML_QUESTION}</Question></Request>`));
    expect(r.text).toContain("<Code>AWS.MechanicalTurk.InvalidParameterValue</Code>");
    expect(r.text).toContain("must be text");
  });
});

describe("fault injection and the request log", () => {
  test("throttling answers REST with HTTP 503 and AWS.ServiceUnavailable, SOAP with a Server fault; both are logged", async () => {
    await t.ctl("DELETE", "/_emu/requests");
    await t.ctl("POST", "/_emu/faults", { protocol: "legacy-rest", operation: "GetAccountBalance", effect: "throttle", count: 1 });
    const throttled = await legacy(t, "GetAccountBalance");
    expect(throttled.status).toBe(503);
    expect(requestError(throttled).Code).toBe("AWS.ServiceUnavailable");
    ok(await legacy(t, "GetAccountBalance"), "GetAccountBalanceResult");
    await t.ctl("POST", "/_emu/faults", { protocol: "legacy-soap", effect: "unavailable", count: 1 });
    const timestamp = new Date().toISOString();
    const body =
      `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetAccountBalance xmlns="http://requester.mturk.amazonaws.com/doc/2014-08-15">` +
      `<AWSAccessKeyId>${CREDENTIALS.accessKeyId}</AWSAccessKeyId><Timestamp>${timestamp}</Timestamp><Signature>${sign(CREDENTIALS.secretAccessKey, "GetAccountBalance", timestamp)}</Signature>` +
      `<Request/></GetAccountBalance></soap:Body></soap:Envelope>`;
    const soap = await fetch(`${t.url}/`, { method: "POST", headers: { "content-type": "text/xml" }, body });
    expect(soap.status).toBe(500);
    expect(await soap.text()).toContain("<faultcode>aws:Server.ServiceUnavailable</faultcode>");
    const { requests } = await t.ctl("GET", "/_emu/requests");
    const legacyCalls = requests.filter((r: any) => r.protocol.startsWith("legacy-"));
    expect(legacyCalls).toEqual([
      expect.objectContaining({ protocol: "legacy-rest", operation: "GetAccountBalance", status: 503, error: "AWS.ServiceUnavailable", fault: expect.any(String), accessKeyId: CREDENTIALS.accessKeyId }),
      expect.objectContaining({ protocol: "legacy-rest", operation: "GetAccountBalance", status: 200 }),
      expect.objectContaining({ protocol: "legacy-soap", operation: "GetAccountBalance", status: 503, fault: expect.any(String) }),
    ]);
  });
});

describe("operations only the legacy API has", () => {
  test("ExtendHIT: a live HIT's expiration grows from the old one, an expired HIT's from now; all or nothing", async () => {
    await freezeAt(t);
    const { hitId } = await createHit({ MaxAssignments: 2, LifetimeInSeconds: 3600 });
    const expiration = async () => Date.parse(ok(await legacy(t, "GetHIT", { HITId: hitId }), "HIT").Expiration) / 1000;
    expect(await expiration()).toBe(T0 + 3600);
    ok(await legacy(t, "ExtendHIT", { HITId: hitId, ExpirationIncrementInSeconds: 7200 }), "ExtendHITResult");
    expect(await expiration()).toBe(T0 + 3600 + 7200);
    await advance(t, 20_000);
    ok(await legacy(t, "ExtendHIT", { HITId: hitId, ExpirationIncrementInSeconds: 3600 }), "ExtendHITResult");
    expect(await expiration()).toBe(T0 + 20_000 + 3600);
    // Both increments at once; crossing from fewer than 10 assignments to 10 or more fails, and nothing changes.
    const refused = await legacy(t, "ExtendHIT", { HITId: hitId, MaxAssignmentsIncrement: 8, ExpirationIncrementInSeconds: 3600 });
    expect(resultError(refused, "ExtendHITResult").Code).toBe("AWS.MechanicalTurk.InvalidMaximumAssignmentsIncrease");
    expect(await expiration()).toBe(T0 + 20_000 + 3600);
    ok(await legacy(t, "ExtendHIT", { HITId: hitId, MaxAssignmentsIncrement: 3, ExpirationIncrementInSeconds: 3600 }), "ExtendHITResult");
    const hit = ok(await legacy(t, "GetHIT", { HITId: hitId, ResponseGroup: "HITDetail" }), "HIT");
    expect(hit.MaxAssignments).toBe("5");
    expect(Date.parse(hit.Expiration) / 1000).toBe(T0 + 20_000 + 7200);
    expect(resultError(await legacy(t, "ExtendHIT", { HITId: hitId }), "ExtendHITResult").Code).toBe("AWS.MissingParameters");
    expect(resultError(await legacy(t, "ExtendHIT", { HITId: hitId, ExpirationIncrementInSeconds: 60 }), "ExtendHITResult").Code).toBe("AWS.ParameterOutOfRange");
    ok(await legacy(t, "ExtendHIT", { HITId: hitId, MaxAssignmentsIncrement: 1, UniqueRequestToken: "once" }), "ExtendHITResult");
    expect(resultError(await legacy(t, "ExtendHIT", { HITId: hitId, MaxAssignmentsIncrement: 1, UniqueRequestToken: "once" }), "ExtendHITResult").Code).toBe(
      "AWS.MechanicalTurk.RequestAlreadyProcessed",
    );
    const { HIT } = await t.sdk.send(new GetHITCommand({ HITId: hitId }));
    expect(HIT!.MaxAssignments).toBe(6);
  });

  test("ForceExpireHIT expires at once; DisableHIT refuses a Reviewable HIT; DisposeHIT needs every submission reviewed", async () => {
    const { hitId } = await createHit({ MaxAssignments: 2 });
    const busy = await accept(t, hitId);
    ok(await legacy(t, "ForceExpireHIT", { HITId: hitId }), "ForceExpireHITResult");
    expect(ok(await legacy(t, "GetHIT", { HITId: hitId }), "HIT").HITStatus).toBe("Unassignable");
    await t.ctl("POST", `/_emu/assignments/${busy.AssignmentId}/submit`, { Answers: { answer: "late but fine" } });
    expect(ok(await legacy(t, "GetHIT", { HITId: hitId }), "HIT").HITStatus).toBe("Reviewable");
    expect(resultError(await legacy(t, "DisableHIT", { HITId: hitId }), "DisableHITResult")).toMatchObject({
      Code: "AWS.MechanicalTurk.InvalidHITState",
      Message: expect.stringContaining("Assignable, Unassignable"),
    });
    expect(resultError(await legacy(t, "DisposeHIT", { HITId: hitId }), "DisposeHITResult").Code).toBe("AWS.MechanicalTurk.InvalidHITState");
    ok(await legacy(t, "ApproveAssignment", { AssignmentId: busy.AssignmentId }), "ApproveAssignmentResult");
    // Legacy DisposeHIT takes a Reviewable HIT only (DeleteHIT also takes a Reviewing one).
    ok(await legacy(t, "SetHITAsReviewing", { HITId: hitId }), "SetHITAsReviewingResult");
    expect(resultError(await legacy(t, "DisposeHIT", { HITId: hitId }), "DisposeHITResult")).toMatchObject({
      Code: "AWS.MechanicalTurk.InvalidHITState",
      Message: expect.stringContaining("This HIT is currently in the state 'Reviewing'.  This operation can be called with a status of: Reviewable"),
    });
    ok(await legacy(t, "SetHITAsReviewing", { HITId: hitId, Revert: "true" }), "SetHITAsReviewingResult");
    ok(await legacy(t, "DisposeHIT", { HITId: hitId }), "DisposeHITResult");
    const search = ok(await legacy(t, "SearchHITs"), "SearchHITsResult");
    expect(search.TotalNumResults).toBe("0");
  });

  test("ChangeHITTypeOfHIT needs a HIT type with the same reward", async () => {
    const { hitId } = await createHit();
    const register = async (amount: string) =>
      ok(await legacy(t, "RegisterHITType", { Title: `other ${amount}`, Description: "d", "Reward.1.Amount": amount, AssignmentDurationInSeconds: 60 }), "RegisterHITTypeResult").HITTypeId;
    const dearer = await register("0.50");
    expect(resultError(await legacy(t, "ChangeHITTypeOfHIT", { HITId: hitId, HITTypeId: dearer }), "ChangeHITTypeOfHITResult")).toMatchObject({
      Code: "AWS.MechanicalTurk.InvalidParameterValue",
      Message: expect.stringContaining("same reward"),
    });
    const same = await register("0.25");
    ok(await legacy(t, "ChangeHITTypeOfHIT", { HITId: hitId, HITTypeId: same }), "ChangeHITTypeOfHITResult");
    expect(ok(await legacy(t, "GetHIT", { HITId: hitId }), "HIT").Title).toBe("other 0.25");
  });

  test("GetRequesterStatistic answers every statistic for every TimePeriod from the state", async () => {
    await freezeAt(t);
    const { hitId } = await createHit({ MaxAssignments: 2 }); // 0.25 reward, 20% fee
    const big = await createHit({ MaxAssignments: 10, "Reward.1.Amount": "1.00" }); // 40% fee
    const a = await acceptAndSubmit(t, hitId);
    const b = await acceptAndSubmit(t, hitId);
    const c = await acceptAndSubmit(t, big.hitId);
    const returned = await accept(t, big.hitId);
    await t.ctl("POST", `/_emu/assignments/${returned.AssignmentId}/return`);
    await accept(t, big.hitId); // in progress
    await legacy(t, "ApproveAssignment", { AssignmentId: a.AssignmentId });
    await legacy(t, "RejectAssignment", { AssignmentId: b.AssignmentId });
    await legacy(t, "ApproveAssignment", { AssignmentId: c.AssignmentId });
    await legacy(t, "GrantBonus", { WorkerId: a.WorkerId, AssignmentId: a.AssignmentId, "BonusAmount.1.Amount": "2", "BonusAmount.1.CurrencyCode": "USD", Reason: "r" });
    const stat = async (statistic: string, params: Record<string, string | number> = {}) => {
      const r = await legacy(t, "GetRequesterStatistic", { Statistic: statistic, TimePeriod: "LifeToDate", ...params });
      return ok(r, "GetStatisticResult");
    };
    const value = async (statistic: string) => {
      const point = (await stat(statistic)).DataPoint[0];
      return Number(point.LongValue ?? point.DoubleValue);
    };
    expect(await value("NumberHITsCreated")).toBe(2);
    expect(await value("NumberHITsAssignable")).toBe(1);
    expect(await value("NumberHITsReviewable")).toBe(1);
    expect(await value("NumberHITsCompleted")).toBe(1);
    expect(await value("NumberAssignmentsAccepted")).toBe(5);
    expect(await value("NumberAssignmentsApproved")).toBe(2);
    expect(await value("NumberAssignmentsRejected")).toBe(1);
    expect(await value("NumberAssignmentsReturned")).toBe(1);
    expect(await value("NumberAssignmentsAbandoned")).toBe(0);
    expect(await value("NumberAssignmentsPending")).toBe(0);
    expect(await value("NumberAssignmentsAvailable")).toBe(8); // 10 − 1 in progress − 1 approved; 0 on the other HIT
    expect(await value("TotalRewardPayout")).toBe(1.25);
    expect(await value("TotalRewardFeePayout")).toBe(0.45); // 0.05 + 0.40
    expect(await value("TotalBonusPayout")).toBe(2);
    expect(await value("TotalBonusFeePayout")).toBe(0.4);
    expect(await value("TotalFeePayout")).toBe(0.85);
    expect(await value("TotalRewardAndFeePayout")).toBe(4.1);
    expect(await value("AverageRewardAmount")).toBe(0.63);
    expect(await value("PercentAssignmentsApproved")).toBe(66.67);
    expect(await value("PercentAssignmentsRejected")).toBe(33.33);
    expect(await value("EstimatedRewardLiability")).toBe(9); // 8 open + 1 in progress, at $1.00
    expect(await value("EstimatedFeeLiability")).toBe(3.6);
    expect(await value("EstimatedTotalLiability")).toBe(12.6);
    expect((await stat("NumberAssignmentsApproved")).DataPoint[0].LongValue).toBe("2");
    expect((await stat("TotalRewardPayout")).DataPoint[0].DoubleValue).toBe("1.25");

    for (const statistic of REQUESTER_STATISTICS) {
      for (const period of TIME_PERIODS) {
        const r = await legacy(t, "GetRequesterStatistic", { Statistic: statistic, TimePeriod: period });
        if (statistic === "NumberHITsAssignable" && period !== "LifeToDate") {
          expect(resultError(r, "GetStatisticResult").Code).toBe("AWS.MechanicalTurk.InvalidParameterValue");
          continue;
        }
        const res = ok(r, "GetStatisticResult");
        expect(res).toMatchObject({ Statistic: statistic, TimePeriod: period });
        expect(res.DataPoint).toHaveLength(1);
        expect(res.DataPoint[0].Date).toBe("2030-03-17T00:00:00Z");
      }
    }
    // Count: N daily points ending today, oldest first; only with OneDay.
    await advance(t, 86_400);
    const days = await stat("NumberAssignmentsApproved", { TimePeriod: "OneDay", Count: 3 });
    expect(days.DataPoint.map((p: any) => [p.Date, p.LongValue])).toEqual([
      ["2030-03-16T00:00:00Z", "0"],
      ["2030-03-17T00:00:00Z", "2"],
      ["2030-03-18T00:00:00Z", "0"],
    ]);
    expect(resultError(await legacy(t, "GetRequesterStatistic", { Statistic: "NumberHITsCreated", TimePeriod: "SevenDays", Count: 2 }), "GetStatisticResult").Code).toBe(
      "AWS.MechanicalTurk.InvalidParameterValue",
    );
    expect(resultError(await legacy(t, "GetRequesterStatistic", { Statistic: "Happiness" }), "GetStatisticResult").Code).toBe("AWS.MechanicalTurk.InvalidParameterValue");
    const minimal = ok(await legacy(t, "GetRequesterStatistic", { Statistic: "NumberHITsCreated", TimePeriod: "LifeToDate", ResponseGroup: "Minimal" }), "GetStatisticResult");
    expect(minimal.Statistic).toBeUndefined();

    // Per worker.
    for (const statistic of WORKER_STATISTICS) {
      const r = await legacy(t, "GetRequesterWorkerStatistic", { Statistic: statistic, WorkerId: a.WorkerId, TimePeriod: "LifeToDate" });
      expect(ok(r, "GetStatisticResult")).toMatchObject({ Statistic: statistic, WorkerId: a.WorkerId });
    }
    const approved = ok(await legacy(t, "GetRequesterWorkerStatistic", { Statistic: "NumberAssignmentsApproved", WorkerId: a.WorkerId, TimePeriod: "LifeToDate" }), "GetStatisticResult");
    expect(approved.DataPoint[0].LongValue).toBe("1");
    const rejected = ok(await legacy(t, "GetRequesterWorkerStatistic", { Statistic: "PercentAssignmentsRejected", WorkerId: b.WorkerId, TimePeriod: "LifeToDate" }), "GetStatisticResult");
    expect(rejected.DataPoint[0].DoubleValue).toBe("100");
    expect(
      resultError(await legacy(t, "GetRequesterWorkerStatistic", { Statistic: "NumberHITsCreated", WorkerId: a.WorkerId }), "GetStatisticResult").Code,
    ).toBe("AWS.MechanicalTurk.InvalidParameterValue");
  });

  test("Help describes operations and response groups, with or without credentials", async () => {
    const r = ok(await legacy(t, "Help", { About: "ExtendHIT" }), "Information");
    expect(r.OperationInformation[0]).toMatchObject({
      Name: "ExtendHIT",
      RequiredParameters: { Parameter: "HITId" },
      AvailableParameters: { Parameter: expect.arrayContaining(["MaxAssignmentsIncrement", "ExpirationIncrementInSeconds"]) },
    });
    const group = ok(await legacy(t, "Help", { About: "HITAssignmentSummary", HelpType: "ResponseGroup" }), "Information");
    expect(group.ResponseGroupInformation).toMatchObject({ Name: "HITAssignmentSummary", ValidOperations: { Operation: expect.arrayContaining(["GetHIT", "SearchHITs"]) } });
    const anonymous = await fetch(`${t.url}/?Operation=Help&About=GetHIT`);
    expect(await anonymous.text()).toContain("<OperationInformation><Name>GetHIT</Name>");
  });
});

describe("operations boto 2 has no method for", () => {
  test("GetBlockedWorkers, GetBonusPayments, GetHITsForQualificationType, RejectQualificationRequest", async () => {
    const { hitId } = await createHit({ MaxAssignments: 2 });
    const a = await acceptAndSubmit(t, hitId);
    const b = await acceptAndSubmit(t, hitId);
    for (const w of [a, b]) ok(await legacy(t, "BlockWorker", { WorkerId: w.WorkerId, Reason: `no ${w.WorkerId}` }), "BlockWorkerResult");
    const blocked = ok(await legacy(t, "GetBlockedWorkers", { PageSize: 1, PageNumber: 2 }), "GetBlockedWorkersResult");
    expect(blocked).toMatchObject({ PageNumber: "2", NumResults: "1", TotalNumResults: "2", WorkerBlock: [{ WorkerId: b.WorkerId, Reason: `no ${b.WorkerId}` }] });
    await legacy(t, "GrantBonus", { WorkerId: a.WorkerId, AssignmentId: a.AssignmentId, "BonusAmount.1.Amount": "0.5", Reason: "one" });
    await legacy(t, "GrantBonus", { WorkerId: b.WorkerId, AssignmentId: b.AssignmentId, "BonusAmount.1.Amount": "1000", Reason: "two" });
    const bonuses = await legacy(t, "GetBonusPayments", { HITId: hitId });
    expect(bonuses.text).toContain("<GetBonusPaymentsResult><Request><IsValid>True</IsValid></Request><NumResults>2</NumResults><PageNumber>1</PageNumber><TotalNumResults>2</TotalNumResults><BonusPayment>");
    expect(ok(bonuses, "GetBonusPaymentsResult").BonusPayment[1]).toMatchObject({ WorkerId: b.WorkerId, BonusAmount: { Amount: "1000.00", FormattedPrice: "$1,000.00" }, Reason: "two" });
    expect(resultError(await legacy(t, "GetBonusPayments"), "GetBonusPaymentsResult").Code).toBe("AWS.MechanicalTurk.InvalidParameterValue");

    const type = ok(await legacy(t, "CreateQualificationType", { Name: "Careful", Description: "d", QualificationTypeStatus: "Active" }), "QualificationType");
    const requiring = await createHit({ "QualificationRequirement.1.QualificationTypeId": type.QualificationTypeId, "QualificationRequirement.1.Comparator": "Exists" });
    const forType = ok(await legacy(t, "GetHITsForQualificationType", { QualificationTypeId: type.QualificationTypeId }), "GetHITsForQualificationTypeResult");
    expect(forType).toMatchObject({ TotalNumResults: "1", HIT: [{ HITId: requiring.hitId }] });
    const worker = await newWorker(t);
    const { QualificationRequestId } = await t.ctl("POST", `/_emu/workers/${worker}/qualification-requests`, { QualificationTypeId: type.QualificationTypeId });
    const requests = ok(await legacy(t, "GetQualificationRequests", { QualificationTypeId: type.QualificationTypeId, SortProperty: "SubmitTime" }), "GetQualificationRequestsResult");
    expect(requests.QualificationRequest).toEqual([expect.objectContaining({ QualificationRequestId, SubjectId: worker, QualificationTypeId: type.QualificationTypeId })]);
    ok(await legacy(t, "RejectQualificationRequest", { QualificationRequestId, Reason: "Not yet" }), "RejectQualificationRequestResult");
    expect(ok(await legacy(t, "GetQualificationRequests"), "GetQualificationRequestsResult").TotalNumResults).toBe("0");
    const score = ok(await legacy(t, "GetQualificationScore", { QualificationTypeId: "00000000000000000040", SubjectId: a.WorkerId }), "Qualification");
    expect(score).toMatchObject({ QualificationTypeId: "00000000000000000040", SubjectId: a.WorkerId, IntegerValue: "0", Status: "Granted" });
    expect(resultError(await legacy(t, "UpdateQualificationScore", { QualificationTypeId: type.QualificationTypeId, SubjectId: worker, IntegerValue: 5 }), "UpdateQualificationScoreResult").Code).toBe(
      "AWS.MechanicalTurk.QualificationDoesNotExist",
    );
  });

  test("SetHITTypeNotification (Active top-level or inside Notification) and SendTestEventNotification", async () => {
    const { hitTypeId, hitId } = await createHit();
    const notification = {
      "Notification.1.Destination": "https://sqs.us-east-1.amazonaws.com/123456789012/events",
      "Notification.1.Transport": "SQS",
      "Notification.1.Version": "2006-05-05",
      "Notification.1.EventType.1": "AssignmentAccepted",
      "Notification.1.EventType.2": "AssignmentSubmitted",
    };
    ok(await legacy(t, "SetHITTypeNotification", { HITTypeId: hitTypeId, ...notification, Active: "True" }), "SetHITTypeNotificationResult");
    await accept(t, hitId);
    ok(await legacy(t, "SetHITTypeNotification", { HITTypeId: hitTypeId, "Notification.1.Active": "False" }), "SetHITTypeNotificationResult");
    ok(await legacy(t, "SendTestEventNotification", { ...notification, TestEventType: "Ping" }), "SendTestEventNotificationResult");
    const { Notifications } = await t.ctl("GET", "/_emu/notifications");
    const events = Notifications.flatMap((n: any) => n.Message.Events.map((e: any) => e.EventType));
    expect(events).toEqual(["AssignmentAccepted", "Ping"]);
    // The legacy transports: REST and SOAP to an http(s) URL; Transport values outside the WSDL's are refused.
    const soapTransport = { ...notification, "Notification.1.Transport": "SOAP", "Notification.1.Destination": "http://127.0.0.1:9/soap" };
    ok(await legacy(t, "SetHITTypeNotification", { HITTypeId: hitTypeId, ...soapTransport }), "SetHITTypeNotificationResult");
    const badDestination = await legacy(t, "SetHITTypeNotification", { HITTypeId: hitTypeId, ...notification, "Notification.1.Transport": "REST", "Notification.1.Destination": "me@example.com" });
    expect(resultError(badDestination, "SetHITTypeNotificationResult")).toMatchObject({ Code: "AWS.MechanicalTurk.InvalidParameterValue", Message: expect.stringContaining("Destination") });
    const sns = await legacy(t, "SetHITTypeNotification", { HITTypeId: hitTypeId, ...notification, "Notification.1.Transport": "SNS" });
    expect(resultError(sns, "SetHITTypeNotificationResult")).toMatchObject({ Code: "AWS.MechanicalTurk.InvalidParameterValue", Message: expect.stringContaining("Transport") });
  });

  test("review policies given as flattened REST structures run, and GetReviewResultsForHIT reports them", async () => {
    const { hitId } = await createHit({
      MaxAssignments: 2,
      Question: HTML_QUESTION,
      "AssignmentReviewPolicy.1.PolicyName": "ScoreMyKnownAnswers/2011-09-01",
      "AssignmentReviewPolicy.1.Parameter.1.Key": "AnswerKey",
      "AssignmentReviewPolicy.1.Parameter.1.MapEntry.1.Key": "q1",
      "AssignmentReviewPolicy.1.Parameter.1.MapEntry.1.Value": "cat",
      "AssignmentReviewPolicy.1.Parameter.2.Key": "ApproveIfKnownAnswerScoreIsAtLeast",
      "AssignmentReviewPolicy.1.Parameter.2.Value": "100",
    });
    const right = await acceptAndSubmit(t, hitId, { q1: "cat" });
    const wrong = await acceptAndSubmit(t, hitId, { q1: "dog" });
    const r = ok(await legacy(t, "GetReviewResultsForHIT", { HITId: hitId }), "GetReviewResultsForHITResult");
    expect(r.HITId).toBe(hitId);
    expect(r.AssignmentReviewPolicy).toEqual({ PolicyName: "ScoreMyKnownAnswers/2011-09-01" });
    expect(r.HITReviewPolicy).toBeUndefined();
    const report = r.AssignmentReviewReport;
    expect(report.ReviewResult).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ SubjectId: right.AssignmentId, SubjectType: "Assignment", QuestionId: "q1", Key: "KnownAnswerCorrect", Value: "1" }),
        expect.objectContaining({ SubjectId: wrong.AssignmentId, Key: "KnownAnswerScore", Value: "0" }),
      ]),
    );
    expect(report.ReviewAction).toEqual(expect.arrayContaining([expect.objectContaining({ ActionName: "approve", ObjectId: right.AssignmentId, Status: "Succeeded" })]));
    const actionsOnly = ok(await legacy(t, "GetReviewResultsForHIT", { HITId: hitId, RetrieveResults: "false", PolicyLevel: "Assignment" }), "GetReviewResultsForHITResult");
    expect(actionsOnly.AssignmentReviewReport.ReviewResult).toBeUndefined();
    const stat = async (statistic: string) => {
      const point = ok(await legacy(t, "GetRequesterStatistic", { Statistic: statistic, TimePeriod: "LifeToDate" }), "GetStatisticResult").DataPoint[0];
      return point.LongValue ?? point.DoubleValue;
    };
    expect(await stat("NumberKnownAnswersCorrect")).toBe("1");
    expect(await stat("NumberKnownAnswersIncorrect")).toBe("1");
    expect(await stat("NumberKnownAnswersEvaluated")).toBe("2");
    expect(await stat("PercentKnownAnswersCorrect")).toBe("50");
    const worker = ok(await legacy(t, "GetRequesterWorkerStatistic", { Statistic: "PercentKnownAnswersCorrect", WorkerId: right.WorkerId, TimePeriod: "LifeToDate" }), "GetStatisticResult");
    expect(worker.DataPoint[0].DoubleValue).toBe("100");
  });
});

describe("the operation table", () => {
  const wsdl = readFileSync(`${__dirname}/../../spec/legacy/AWSMechanicalTurkRequester-2014-08-15.wsdl`, "utf8");
  const portType = /<portType[^>]*>([\s\S]*?)<\/portType>/.exec(wsdl)![1];
  const wsdlOperations = [...portType.matchAll(/<operation name="([A-Za-z]+)"/g)].map((m) => m[1]);

  test("has exactly the WSDL's 44 operations, each of a known kind", () => {
    expect(wsdlOperations).toHaveLength(44);
    expect([...LEGACY_OPERATION_NAMES].sort()).toEqual([...wsdlOperations].sort());
    expect(Object.keys(LEGACY_OPERATIONS).sort()).toEqual([...wsdlOperations].sort());
    for (const spec of Object.values(LEGACY_OPERATIONS)) expect(["alias", "adapter", "composite", "legacy-only"]).toContain(spec.kind);
  });

  test.each(wsdlOperations)("%s is reachable over REST and SOAP, answering under <%s>Response without a request-level error", async (operation) => {
    const rest = await legacy(t, operation);
    expect(rest.status).toBe(200);
    expect(rootOf(rest).name).toBe(`${operation}Response`);
    expect(rootOf(rest).body.OperationRequest.Errors).toBeUndefined();
    expect(firstError(rest)?.Code).not.toBe("AWS.MechanicalTurk.InternalError");
    const timestamp = new Date().toISOString();
    const envelope =
      `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${operation} xmlns="http://requester.mturk.amazonaws.com/doc/2014-08-15">` +
      `<AWSAccessKeyId>${CREDENTIALS.accessKeyId}</AWSAccessKeyId><Timestamp>${timestamp}</Timestamp><Signature>${sign(CREDENTIALS.secretAccessKey, operation, timestamp)}</Signature>` +
      `<Request/></${operation}></soap:Body></soap:Envelope>`;
    const res = await fetch(`${t.url}/`, { method: "POST", headers: { "content-type": "text/xml", soapaction: "http://soap.amazon.com" }, body: envelope });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toContain(`<${operation}Response xmlns="http://requester.mturk.amazonaws.com/doc/2014-08-15"><OperationRequest><RequestId>`);
    expect(text).not.toContain("</RequestId><Errors>");
  });
});
