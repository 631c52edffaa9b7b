// Fuzzing every front end of the emulator (a child process, so a crash or a leak shows) with fast-check, from a
// fixed seed and a bounded number of runs: the JSON API (signed and not), the legacy REST and SOAP endpoints
// and the control API get malformed and truncated bodies, wrong types, huge strings, deep nesting, invalid
// UTF-8, oversized bodies and, wherever XML is read (CreateHIT Question, qualification tests, SOAP
// envelopes), XML bombs, external entities and DTDs. Every answer must come within the request timeout and be
// an error in the protocol's own format (JSON `__type`, legacy XML, control `{code, message}`), never an
// internal error; afterwards the process is alive, its memory bounded and the state holds exactly the HITs
// whose creation was answered with success.
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { XMLValidator } from "fast-xml-parser";
import { OPERATION_NAMES } from "../../src/api/generated/operations";
import { MAX_BODY_BYTES } from "../../src/app";
import { LEGACY_OPERATION_NAMES } from "../../src/protocols/legacy/operations";
import { CREDENTIALS, api, control, ensureBuilt, hitInput, rssMb, send, signedHeaders, startChild, type Answer, type Child } from "./helpers";

const SEED = 20261122;
const RUNS = 250;
/**
 * fast-check settings: reproducible, bounded, no shrinking (it would replay hundreds of HTTP calls), and a
 * short report (the counterexample of a 1.5 MB body would fill the screen): the seed, the path and the
 * failed expectation, whose context already names the input.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const report = (details: fc.RunDetails<any>) => {
  if (details.failed) {
    throw new Error(`fast-check seed ${details.seed}, path "${details.counterexamplePath}": ${String(details.errorInstance).slice(0, 3000)}`);
  }
};
const RUN = { seed: SEED, numRuns: RUNS, endOnFailure: true, reporter: report };
/** Headroom over the emulator's own peak under the bench's ListHITs load (docs/PERFORMANCE.md). */
const RSS_LIMIT_MB = 300;

let dir: string;
let emu: Child;
/** HITs the emulator said it created, whichever front end was asked. */
let created = 0;
let hitsAtStart = 0;

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "mturk-emu-fuzz-"));
  emu = await startChild(join(dir, "fuzz.db"));
  hitsAtStart = await hitCount();
}, 200_000);

afterAll(async () => {
  await emu?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Every account's HITs and, for the "state unchanged" checks, the row counts of every table. */
async function tableCounts(): Promise<Record<string, number>> {
  const state = (await control(emu, "GET", "/_emu/state")).json;
  const counts: Record<string, number> = {};
  for (const tables of [state.shared, ...state.accounts.map((a: { tables: object }) => a.tables)]) {
    for (const [table, rows] of Object.entries(tables as Record<string, unknown[]>)) counts[table] = (counts[table] ?? 0) + rows.length;
  }
  return counts;
}
const hitCount = async () => (await tableCounts()).hits ?? 0;

// ---- What a well-formed answer is, per protocol ----

function expectJsonApiAnswer(res: Answer, what: string): void {
  const context = `${what} → ${res.status} ${res.text.slice(0, 300)}`;
  expect({ context, type: res.headers.get("content-type")?.split(";")[0] }).toEqual({ context, type: "application/x-amz-json-1.1" });
  expect({ context, json: typeof res.json }).toEqual({ context, json: "object" });
  // 500 is only ever an internal error (ServiceFault) here: no fault is injected in these suites.
  expect({ context, serverError: res.status >= 500 }).toEqual({ context, serverError: false });
  if (res.status !== 200) expect({ context, type: typeof res.json.__type }).toEqual({ context, type: "string" });
}

function expectLegacyAnswer(res: Answer, what: string, soap: boolean): void {
  const context = `${what} → ${res.status} ${res.text.slice(0, 400)}`;
  expect({ context, type: res.headers.get("content-type")?.split(";")[0] }).toEqual({ context, type: "text/xml" });
  expect({ context, wellFormed: XMLValidator.validate(res.text) === true }).toEqual({ context, wellFormed: true });
  expect({ context, internal: /AWS\.MechanicalTurk\.InternalError|faultcode>(soapenv|aws):Server/.test(res.text) }).toEqual({ context, internal: false });
  // SOAP 1.1 answers faults with 500 (a Client fault for what it cannot read); otherwise errors travel in the document.
  const fault = soap && res.status === 500 && /<faultcode>soapenv:Client<\/faultcode>/.test(res.text);
  expect({ context, serverError: res.status >= 500 && !fault }).toEqual({ context, serverError: false });
}

function expectControlAnswer(res: Answer, what: string): void {
  const context = `${what} → ${res.status} ${res.text.slice(0, 300)}`;
  expect({ context, serverError: res.status >= 500 }).toEqual({ context, serverError: false });
  if (res.status >= 400) {
    expect({ context, body: res.json }).toEqual({ context, body: { code: expect.any(String), message: expect.any(String) } });
  }
}

/** A signed JSON API call with an arbitrary body (bytes signed as sent). */
async function jsonCall(operation: string, body: string | Buffer, options: Parameters<typeof signedHeaders>[3] = {}): Promise<Answer> {
  const res = await send(emu.url, { headers: signedHeaders(emu.host, operation, body, options), body });
  if (res.status === 200 && (operation === "CreateHIT" || operation === "CreateHITWithHITType")) created++;
  return res;
}

// ---- Generators ----

const VALID_INPUTS: Record<string, Record<string, unknown>> = {
  CreateHIT: hitInput(),
  CreateHITType: { Title: "t", Description: "d", Reward: "0.10", AssignmentDurationInSeconds: 60 },
  CreateQualificationType: { Name: "fuzz", Description: "d", QualificationTypeStatus: "Active" },
  GetHIT: { HITId: "3AAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
  ListHITs: { MaxResults: 10 },
  ListAssignmentsForHIT: { HITId: "3AAAAAAAAAAAAAAAAAAAAAAAAAAAAA", AssignmentStatuses: ["Submitted"] },
  NotifyWorkers: { Subject: "s", MessageText: "m", WorkerIds: ["AWORKER"] },
  SendBonus: { WorkerId: "AWORKER", BonusAmount: "1.00", AssignmentId: "3AAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Reason: "r" },
};
const validOperation = fc.constantFrom(...Object.keys(VALID_INPUTS));
const anyOperation = fc.constantFrom(...OPERATION_NAMES);
const hugeString = fc.integer({ min: 70_000, max: 1_500_000 }).map((n) => "x".repeat(n));
const deepJson = fc.integer({ min: 60, max: 200_000 }).map((n) => `{"HITId":${"[".repeat(n)}${"]".repeat(n)}}`);

/** Bodies for signed calls: each family of malformation. */
const jsonBody = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }), // not JSON, or JSON of the wrong shape
  fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)), // any JSON: arrays, numbers, strings at the root
  fc.tuple(validOperation, fc.nat()).map(([op, cut]) => {
    const text = JSON.stringify(VALID_INPUTS[op]);
    return text.slice(0, cut % text.length); // truncated
  }),
  fc.tuple(validOperation, fc.jsonValue({ maxDepth: 3 }), fc.nat()).map(([op, value, pick]) => {
    const input = { ...VALID_INPUTS[op] };
    const names = Object.keys(input);
    input[names[pick % names.length]] = value; // a member of the wrong type (or, by chance, a valid one)
    return JSON.stringify(input);
  }),
  fc.tuple(validOperation, hugeString, fc.nat()).map(([op, huge, pick]) => {
    const input = { ...VALID_INPUTS[op] };
    const names = Object.keys(input);
    input[names[pick % names.length]] = huge;
    return JSON.stringify(input);
  }),
  deepJson,
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)), // invalid UTF-8 and binary
  fc.tuple(validOperation, fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([op, bytes]) => {
    const text = Buffer.from(JSON.stringify(VALID_INPUTS[op]));
    return Buffer.concat([text.subarray(0, text.length - 2), Buffer.from(bytes), text.subarray(text.length - 2)]); // bytes spliced in
  }),
);

const NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas";
const htmlQuestion = (content: string, prolog = "") =>
  `${prolog}<HTMLQuestion xmlns="${NS}/2011-11-11/HTMLQuestion.xsd"><HTMLContent>${content}</HTMLContent><FrameHeight>450</FrameHeight></HTMLQuestion>`;
const LAUGHS = `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`).join("")}]>`;

/** Hostile XML for every parameter that is parsed as XML. */
const HOSTILE_XML: Array<[string, string]> = [
  ["billion laughs", htmlQuestion("&lol9;", `<?xml version="1.0"?>${LAUGHS}`)],
  ["external entity", htmlQuestion("&xxe;", `<!DOCTYPE HTMLQuestion [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`)],
  ["parameter entity", htmlQuestion("x", `<!DOCTYPE HTMLQuestion [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/evil.dtd"> %ext;]>`)],
  ["external DTD", htmlQuestion("x", `<!DOCTYPE HTMLQuestion SYSTEM "http://127.0.0.1:9/evil.dtd">`)],
  ["DTD in lower case", htmlQuestion("x", `<!doctype HTMLQuestion [<!entity a "b">]>`)],
  ["DTD after a comment", htmlQuestion("x", `<!-- hi --><!DOCTYPE HTMLQuestion [<!ENTITY a "b">]>`)],
  ["deep nesting", htmlQuestion(`${"<a>".repeat(20_000)}${"</a>".repeat(20_000)}`)],
  ["many elements", htmlQuestion("<b/>".repeat(15_000))],
  ["unterminated CDATA", htmlQuestion("<![CDATA[ never closed")],
  ["unterminated comments", htmlQuestion("<!--".repeat(10_000))],
  ["a character XML forbids", htmlQuestion("\u0001")],
  ["an undeclared entity", htmlQuestion("&nbsp;")],
  ["a huge character reference", htmlQuestion("&#99999999999;")],
  ["a processing instruction", htmlQuestion("<?php system('id'); ?>")],
  ["not XML", "{ definitely: not xml }"],
  ["empty", ""],
];

// ---- The JSON API ----

describe("the JSON API", () => {
  it("answers every malformed signed body with a JSON error", async () => {
    await fc.assert(
      fc.asyncProperty(anyOperation, jsonBody, async (operation, body) => {
        expectJsonApiAnswer(await jsonCall(operation, body), `${operation} with ${String(body).slice(0, 80)}`);
      }),
      RUN,
    );
  }, 90_000);

  it("refuses unsigned, badly signed and expired calls without touching the state", async () => {
    const before = await tableCounts();
    const authorization = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 200 }),
      fc.constantFrom(
        "AWS4-HMAC-SHA256",
        "AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature=",
        `AWS4-HMAC-SHA256 Credential=${CREDENTIALS.accessKeyId}/20260101/us-east-1/mturk-requester/aws4_request, SignedHeaders=host, Signature=${"0".repeat(64)}`,
        `AWS4-HMAC-SHA256 Credential=AKIDUNKNOWN/20260101/us-east-1/mturk-requester/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"a".repeat(64)}`,
      ),
    );
    await fc.assert(
      fc.asyncProperty(anyOperation, authorization, fc.option(fc.string({ maxLength: 30 })), async (operation, auth, date) => {
        const body = JSON.stringify(hitInput());
        const headers: Record<string, string> = { "content-type": "application/x-amz-json-1.1", "x-amz-target": `MTurkRequesterServiceV20170117.${operation}` };
        if (auth !== undefined) headers.authorization = auth;
        if (date !== null) headers["x-amz-date"] = date;
        const res = await send(emu.url, { headers, body });
        expectJsonApiAnswer(res, `${operation} authorization ${auth} date ${date}`);
        expect([400, 403]).toContain(res.status);
      }),
      RUN,
    );
    // Correctly signed, but too old or too far ahead, or for another service.
    for (const options of [{ nowMs: Date.now() - 6 * 60_000 }, { nowMs: Date.now() + 6 * 60_000 }]) {
      const res = await api(emu, "CreateHIT", hitInput(), options);
      expectJsonApiAnswer(res, "skewed signature");
      expect(res.json.__type).toBe("InvalidSignatureException");
    }
    expect(await tableCounts()).toEqual(before);
  }, 60_000);

  it("answers odd targets and content types", async () => {
    const target = fc.oneof(
      fc.string({ maxLength: 80 }).filter((s) => !/[\r\n]/.test(s) && /^[\x20-\x7e]*$/.test(s)),
      anyOperation.map((op) => `MTurkRequesterServiceV20170117.${op}`),
      anyOperation.map((op) => `MTurkRequesterServiceV20170117.${op.toLowerCase()}`),
      anyOperation.map((op) => `SomethingElse.${op}`),
    );
    const contentType = fc.constantFrom("application/x-amz-json-1.1", "application/json", "text/plain", "application/xml", "", "application/x-amz-json-1.1; charset=latin1", "multipart/form-data; boundary=x");
    await fc.assert(
      fc.asyncProperty(target, contentType, async (t, type) => {
        const res = await jsonCall("?", JSON.stringify({ MaxResults: 1 }), { target: t, contentType: type });
        expectJsonApiAnswer(res, `target "${t}" type "${type}"`);
      }),
      RUN,
    );
  }, 60_000);

  it.each(HOSTILE_XML)("refuses %s in a CreateHIT Question (or reads it safely) within a second", async (_name, question) => {
    const started = Date.now();
    const res = await jsonCall("CreateHIT", JSON.stringify(hitInput({ Question: question })));
    expectJsonApiAnswer(res, `Question ${question.slice(0, 100)}`);
    expect(res.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it.each(HOSTILE_XML.slice(0, 6))("refuses %s in a qualification test", async (_name, xml) => {
    const test = xml.replace(/<HTMLQuestion[\s\S]*<\/HTMLQuestion>/, `<QuestionForm xmlns="${NS}/2017-11-06/QuestionForm.xsd"><Question><QuestionIdentifier>q</QuestionIdentifier><QuestionContent><Text>&lol9;</Text></QuestionContent><AnswerSpecification><FreeTextAnswer/></AnswerSpecification></Question></QuestionForm>`);
    const res = await jsonCall("CreateQualificationType", JSON.stringify({ Name: `hostile ${_name}`, Description: "d", QualificationTypeStatus: "Active", Test: test, TestDurationInSeconds: 60 }));
    expectJsonApiAnswer(res, `Test ${test.slice(0, 100)}`);
    expect(res.status).toBe(400);
  });

  it("refuses a body over the limit with 413 RequestEntityTooLarge", async () => {
    for (const size of [MAX_BODY_BYTES + 1, MAX_BODY_BYTES + 500_000]) {
      const body = Buffer.alloc(size, 0x20);
      const res = await jsonCall("CreateHIT", body);
      expectJsonApiAnswer(res, `${size} bytes`);
      expect([res.status, res.json.__type]).toEqual([413, "RequestEntityTooLarge"]);
    }
  });
});

// ---- The legacy API ----

/** The classic legacy signature, so that fuzzed parameters get past authentication. */
function legacyAuth(operation: string): Array<[string, string]> {
  const timestamp = new Date().toISOString();
  const signature = createHmac("sha1", CREDENTIALS.secretAccessKey).update(`AWSMechanicalTurkRequester${operation}${timestamp}`).digest("base64");
  return [
    ["AWSAccessKeyId", CREDENTIALS.accessKeyId],
    ["Timestamp", timestamp],
    ["Signature", signature],
  ];
}

const PARAM_NAMES = ["HITId", "HITTypeId", "AssignmentId", "WorkerId", "Title", "Description", "Reward.1.Amount", "Reward.1.CurrencyCode", "Question", "LifetimeInSeconds",
  "AssignmentDurationInSeconds", "MaxAssignments", "PageSize", "PageNumber", "SortProperty", "QualificationRequirement.1.QualificationTypeId", "QualificationRequirement.1.Comparator",
  "QualificationRequirement.1.LocaleValue.1.Country", "ResponseGroup.1", "Version", "Validate", "Notification.1.Destination", "BonusAmount.1.Amount"];
const paramName = fc.oneof(fc.constantFrom(...PARAM_NAMES), fc.string({ minLength: 1, maxLength: 20 }), fc.array(fc.constantFrom("A", "1", "Request", "HITId"), { minLength: 1, maxLength: 40 }).map((p) => p.join(".")));
const paramValue = fc.oneof(fc.string({ maxLength: 60 }), fc.integer().map(String), fc.constantFrom("", "-1", "1e309", "NaN", "true", "2026-99-99T99:99:99Z"), fc.constantFrom(...HOSTILE_XML.map(([, xml]) => xml.slice(0, 1500))));
const legacyOperation = fc.oneof(fc.constantFrom(...LEGACY_OPERATION_NAMES), fc.string({ maxLength: 20 }));

describe("the legacy REST API", () => {
  it("answers fuzzed GET and form POST calls with well-formed XML", async () => {
    await fc.assert(
      fc.asyncProperty(legacyOperation, fc.array(fc.tuple(paramName, paramValue), { maxLength: 12 }), fc.boolean(), fc.boolean(), async (operation, params, signed, post) => {
        const pairs: Array<[string, string]> = [["Service", "AWSMechanicalTurkRequester"], ["Operation", operation], ...(signed ? legacyAuth(operation) : []), ...params];
        const query = new URLSearchParams(pairs).toString();
        const res = post
          ? await send(emu.url, { headers: { "content-type": "application/x-www-form-urlencoded" }, body: query })
          : await send(emu.url, { method: "GET", path: `/?${query}` });
        if (operation === "CreateHIT" && /<IsValid>True<\/IsValid>/.test(res.text) && /<HITId>/.test(res.text)) created++;
        expectLegacyAnswer(res, `${post ? "POST" : "GET"} ${query.slice(0, 200)}`, false);
      }),
      RUN,
    );
  }, 90_000);

  it("refuses an oversized form POST with 413 in XML", async () => {
    const res = await send(emu.url, { headers: { "content-type": "application/x-www-form-urlencoded" }, body: `Service=AWSMechanicalTurkRequester&Operation=GetHIT&x=${"a".repeat(MAX_BODY_BYTES)}` });
    expectLegacyAnswer(res, "oversized REST POST", false);
    expect(res.status).toBe(413);
  });
});

const envelope = (body: string, prolog = "") =>
  `${prolog}<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
const soapOperation = (name: string, inner: string) => `<${name} xmlns="http://requester.mturk.amazonaws.com/doc/2014-08-15">${inner}</${name}>`;
const xmlText = fc.string({ maxLength: 40 }).map((s) => s.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!));

describe("the legacy SOAP API", () => {
  it("answers fuzzed envelopes with well-formed XML", async () => {
    const element: fc.Arbitrary<string> = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        xmlText,
        fc.tuple(fc.constantFrom(...PARAM_NAMES.map((n) => n.split(".")[0]), "Request", "AWSAccessKeyId", "Timestamp", "Signature"), fc.array(tie("node"), { maxLength: 3 })).map(
          ([name, children]) => `<${name}>${children.join("")}</${name}>`,
        ),
      ),
    })).node;
    const body = fc.oneof(
      fc.tuple(legacyOperation.map((op) => op.replace(/[^A-Za-z]/g, "") || "X"), fc.array(element, { maxLength: 6 }), fc.boolean()).map(([op, children, signed]) => {
        const auth = signed ? legacyAuth(op).map(([name, value]) => `<${name}>${value}</${name}>`).join("") : "";
        return envelope(soapOperation(op, auth + children.join("")));
      }),
      fc.tuple(fc.constantFrom(...LEGACY_OPERATION_NAMES), fc.nat()).map(([op, cut]) => {
        const text = envelope(soapOperation(op, legacyAuth(op).map(([n, v]) => `<${n}>${v}</${n}>`).join("")));
        return text.slice(0, cut % text.length); // truncated
      }),
      fc.constantFrom(
        envelope(soapOperation("GetAccountBalance", ""), LAUGHS),
        envelope(soapOperation("GetHIT", "<HITId>&xxe;</HITId>"), `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`),
        envelope(`${"<a>".repeat(50_000)}${"</a>".repeat(50_000)}`),
        envelope(""),
        `<Envelope xmlns="urn:not-soap"><Body/></Envelope>`,
        `<?xml version="1.0" encoding="UTF-16"?>${envelope(soapOperation("GetAccountBalance", ""))}`,
      ),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom("/", "/onca/soap"), fc.constantFrom("text/xml", "application/soap+xml", "text/xml; charset=utf-8"), async (text, path, type) => {
        const res = await send(emu.url, { path, headers: { "content-type": type, soapaction: '""' }, body: text });
        expectLegacyAnswer(res, `SOAP ${text.slice(0, 200)}`, true);
      }),
      RUN,
    );
  }, 90_000);

  it("refuses an oversized envelope with 413 in XML", async () => {
    const res = await send(emu.url, { path: "/onca/soap", headers: { "content-type": "text/xml" }, body: envelope(" ".repeat(MAX_BODY_BYTES)) });
    expectLegacyAnswer(res, "oversized SOAP", true);
    expect(res.status).toBe(413);
  });
});

// ---- The control API (last: it moves the clock) ----

describe("the control API", () => {
  const ENDPOINTS: Array<[string, string]> = [
    ["POST", "/_emu/workers"],
    ["POST", "/_emu/workers/AFUZZWORKER/accept"],
    ["POST", "/_emu/workers/AFUZZWORKER/qualification-requests"],
    ["GET", "/_emu/workers/AFUZZWORKER/hits/3AAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["POST", "/_emu/assignments/3AAAAAAAAAAAAAAAAAAAAAAAAAAAAA/submit"],
    ["POST", "/_emu/assignments/3AAAAAAAAAAAAAAAAAAAAAAAAAAAAA/return"],
    ["POST", "/_emu/assignments/3AAAAAAAAAAAAAAAAAAAAAAAAAAAAA/abandon"],
    ["POST", "/_emu/clock"],
    ["POST", "/_emu/layouts"],
    ["POST", "/_emu/seed"],
    ["POST", "/_emu/snapshot"],
    ["POST", "/_emu/restore"],
    ["GET", "/_emu/outbox?WorkerId=%ff&Kind=x"],
    ["GET", "/_emu/requests?since=-1&operation=%00"],
    ["GET", "/_emu/notifications?Destination=%"],
  ];
  const controlBody = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.dictionary(fc.constantFrom("WorkerId", "HITId", "Answers", "AnswerXml", "advanceSeconds", "set", "freeze", "Template", "name", "Locale", "QualificationTypeId"), fc.jsonValue({ maxDepth: 3 })).map((v) => JSON.stringify(v)),
    hugeString.map((s) => JSON.stringify({ WorkerId: s, Template: s })),
    fc.integer({ min: 1000, max: 200_000 }).map((n) => `{"Answers":${"[".repeat(n)}${"]".repeat(n)}}`),
    fc.uint8Array({ maxLength: 100 }).map((bytes) => Buffer.from(bytes)),
    fc.constantFrom(...HOSTILE_XML.map(([, xml]) => JSON.stringify({ AnswerXml: xml, Template: xml }))),
  );

  it("answers fuzzed bodies with {code, message} errors", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENDPOINTS), controlBody, async ([method, path], body) => {
        const res = await send(emu.url, { method, path, headers: { "content-type": "application/json" }, body: method === "GET" ? undefined : body });
        if (path === "/_emu/seed" && res.status === 200) created += Object.keys(res.json.hits ?? {}).length;
        expectControlAnswer(res, `${method} ${path} ${String(body).slice(0, 100)}`);
      }),
      RUN,
    );
  }, 90_000);

  it("refuses an oversized body with 413 {code, message}", async () => {
    const res = await send(emu.url, { path: "/_emu/workers", headers: { "content-type": "application/json" }, body: Buffer.alloc(MAX_BODY_BYTES + 1, 0x20) });
    expectControlAnswer(res, "oversized control body");
    expect(res.status).toBe(413);
  });
});

// ---- Below the protocols: what node's HTTP parser refuses before any front end sees it ----

/** Writes raw bytes on a fresh connection; resolves with whatever comes back before the server closes it. */
function rawExchange(bytes: string | Buffer): Promise<string> {
  const { hostname, port } = new URL(emu.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let received = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(received);
    }, 3000);
    socket.on("data", (chunk) => (received += chunk.toString("latin1")));
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on("error", (err) => (received ? resolve(received) : reject(err)));
    socket.end(bytes);
  });
}

describe("malformed HTTP", () => {
  // No protocol can be told apart yet, so node answers with a bare status line: 400, or 431 for headers over
  // its 16 KB limit (a REST call with a very long query string gets this too).
  it.each([
    ["garbage instead of a request line", "\u0000\u0001 garbage \r\n\r\n"],
    ["a bad Content-Length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"],
    ["two Content-Lengths", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"],
    ["a broken chunked body", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nX-Amz-Target: x\r\n\r\nzz\r\n"],
    ["headers over 16 KB", `GET /?Operation=GetHIT&${"a".repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`],
  ])("refuses %s with 400 or 431 and carries on", async (_name, request) => {
    const answer = await rawExchange(request);
    expect(answer).toMatch(/^HTTP\/1\.1 (400|431) /);
    expect((await control(emu, "GET", "/_emu/health")).status).toBe(200);
  });

  it("survives a client that disconnects in the middle of a body", async () => {
    const { hostname, port } = new URL(emu.url);
    await new Promise<void>((resolve) => {
      const socket = connect({ host: hostname, port: Number(port) }, () => {
        socket.write(`POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: MTurkRequesterServiceV20170117.GetHIT\r\nContent-Length: 100000\r\n\r\n{"HITId":`);
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
    });
    expect((await api(emu, "GetAccountBalance", {})).status).toBe(200);
  });
});

describe("after all of it", () => {
  it("is alive, logged no internal error, kept its memory bounded and holds exactly the HITs it created", async () => {
    expect(emu.process.exitCode).toBeNull();
    expect((await control(emu, "GET", "/_emu/health")).json).toEqual({ status: "ok" });
    expect((await api(emu, "GetAccountBalance", {})).status).toBe(200);
    expect(emu.stderr()).not.toMatch(/internal error|Error:/);
    expect(rssMb(emu.pid)).toBeLessThan(RSS_LIMIT_MB);
    expect(await hitCount()).toBe(hitsAtStart + created);
  });
});
