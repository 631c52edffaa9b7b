// The JSON 1.1 wire protocol: SigV4 refusals through the SDK, raw requests signed by hand for what the SDK
// never sends, response headers and serialisation, authentication off, and interop with boto3 and the
// AWS CLI (MODERN-API.md §1).
import http from "node:http";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import {
  CreateHITCommand,
  GetAccountBalanceCommand,
  GetHITCommand,
  ListHITsCommand,
  type CreateHITCommandInput,
} from "@aws-sdk/client-mturk";
import { CREDENTIALS, HTML_QUESTION, acceptAndSubmit, expectError, hitInput, startTestEmu, type TestEmu } from "../helpers/emu";

const run = promisify(execFile);
const TARGET = "MTurkRequesterServiceV20170117";
const MISSING_HIT = "3ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ";

let t: TestEmu;

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

/** POST / with the given headers and body, SigV4-signed with the default key unless `sign` is false. */
async function raw(opts: { operation?: string; target?: string; body?: string; contentType?: string; sign?: boolean }): Promise<RawResponse> {
  const url = new URL(t.url);
  const body = opts.body ?? "{}";
  let headers: Record<string, string> = { host: url.host, "content-type": opts.contentType ?? "application/x-amz-json-1.1" };
  const target = opts.target ?? (opts.operation ? `${TARGET}.${opts.operation}` : undefined);
  if (target !== undefined) headers["x-amz-target"] = target;
  if (opts.sign !== false) {
    const signer = new SignatureV4({ service: "mturk-requester", region: "us-east-1", credentials: CREDENTIALS, sha256: Sha256 });
    const signed = await signer.sign({ method: "POST", protocol: "http:", hostname: url.hostname, port: Number(url.port), path: "/", query: {}, headers, body });
    headers = signed.headers as Record<string, string>;
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method: "POST", path: "/", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode!, headers: res.headers, text, json });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

const createHit = async (overrides: Record<string, unknown> = {}) =>
  (await t.sdk.send(new CreateHITCommand(hitInput(overrides) as CreateHITCommandInput))).HIT!;

/** Child-process environment for Python tools: the default key pair, no user config, no proxy for loopback. */
function toolEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
  return {
    ...env,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    NO_PROXY: "127.0.0.1,localhost",
    no_proxy: "127.0.0.1,localhost",
  };
}

beforeAll(async () => {
  t = await startTestEmu();
});
afterAll(() => t.close());

describe("SigV4 through the SDK", () => {
  it("refuses a wrong secret with InvalidSignatureException", async () => {
    const bad = t.client({ accessKeyId: CREDENTIALS.accessKeyId, secretAccessKey: "not-the-secret" });
    const err = await expectError(bad.send(new GetAccountBalanceCommand({})), "InvalidSignatureException", undefined, /signature/i);
    expect(err.$metadata.httpStatusCode).toBe(400);
    bad.destroy();
  });

  it("refuses an unknown access key with UnrecognizedClientException", async () => {
    const stranger = t.client({ accessKeyId: "AKIANOBODY0000000000", secretAccessKey: "whatever" });
    const err = await expectError(
      stranger.send(new GetAccountBalanceCommand({})),
      "UnrecognizedClientException",
      undefined,
      "The security token included in the request is invalid.",
    );
    expect(err.$metadata.httpStatusCode).toBe(400);
    stranger.destroy();
  });
});

describe("raw requests", () => {
  const expectJsonHeaders = (res: RawResponse) => {
    expect(res.headers["x-amzn-requestid"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers["content-type"]).toMatch(/^application\/x-amz-json-1\.1/);
  };

  it("answers an unknown X-Amz-Target with UnknownOperationException (400)", async () => {
    const res = await raw({ target: `${TARGET}.Frobnicate` });
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe("UnknownOperationException");
    expectJsonHeaders(res);
  });

  it("answers a malformed JSON body with SerializationException (400)", async () => {
    const res = await raw({ operation: "GetHIT", body: '{"HITId": ' });
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe("SerializationException");
    expectJsonHeaders(res);
  });

  it("answers a wrong content type with 415", async () => {
    const res = await raw({ operation: "GetAccountBalance", contentType: "text/plain" });
    expect(res.status).toBe(415);
    expect(res.json.__type).toEqual(expect.any(String));
    expectJsonHeaders(res);
  });

  it("answers a request without Authorization with MissingAuthenticationTokenException", async () => {
    const res = await raw({ operation: "GetAccountBalance", sign: false });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.json.__type).toBe("MissingAuthenticationTokenException");
    expectJsonHeaders(res);
  });

  it("answers a signed request with the request id, the JSON 1.1 content type and a plain JSON body", async () => {
    const res = await raw({ operation: "GetAccountBalance" });
    expect(res.status).toBe(200);
    expectJsonHeaders(res);
    expect(res.json).toEqual({ AvailableBalance: "10000.00" });
  });

  it("sends {} for operations without output members", async () => {
    const hit = await createHit();
    const res = await raw({ operation: "UpdateExpirationForHIT", body: JSON.stringify({ HITId: hit.HITId, ExpireAt: 0 }) });
    expect(res.status).toBe(200);
    expect(res.text).toBe("{}");
    expectJsonHeaders(res);
  });

  it("omits absent members (no nulls) and sends timestamps as JSON numbers", async () => {
    const hit = await createHit();
    const res = await raw({ operation: "GetHIT", body: JSON.stringify({ HITId: hit.HITId }) });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain("null");
    expect(Object.keys(res.json)).toEqual(["HIT"]);
    expect(res.json.HIT).not.toHaveProperty("RequesterAnnotation");
    expect(res.json.HIT).not.toHaveProperty("HITLayoutId");
    expect(res.json.HIT).toMatchObject({ HITId: hit.HITId, Question: HTML_QUESTION, Reward: "0.25" });
    expect(typeof res.json.HIT.CreationTime).toBe("number");
    expect(typeof res.json.HIT.Expiration).toBe("number");
    expect(res.json.HIT.Expiration - res.json.HIT.CreationTime).toBe(3600);

    const { AssignmentId } = await acceptAndSubmit(t, hit.HITId!);
    const a = await raw({ operation: "GetAssignment", body: JSON.stringify({ AssignmentId }) });
    expect(a.text).not.toContain("null");
    for (const absent of ["ApprovalTime", "RejectionTime", "RequesterFeedback"]) expect(a.json.Assignment).not.toHaveProperty(absent);
    for (const time of ["AcceptTime", "SubmitTime", "AutoApprovalTime", "Deadline"]) expect(typeof a.json.Assignment[time]).toBe("number");
  });

  it("renders MTurk errors with __type, Message ending in the epoch milliseconds, and TurkErrorCode", async () => {
    const res = await raw({ operation: "GetHIT", body: JSON.stringify({ HITId: MISSING_HIT }) });
    expect(res.status).toBe(400);
    expectJsonHeaders(res);
    expect(res.json).toEqual({
      __type: "RequestError",
      Message: expect.stringMatching(new RegExp(`^Hit ${MISSING_HIT} does not exist\\. \\(\\d{13}\\)$`)),
      TurkErrorCode: "AWS.MechanicalTurk.HITDoesNotExist",
    });
  });

  it("treats an explicit null member as absent, as the service does", async () => {
    const res = await raw({ operation: "ListHITs", body: '{"NextToken": null, "MaxResults": null}' });
    expect(res.status).toBe(200);
    expect(res.json.NumResults).toEqual(expect.any(Number));
  });
});

describe("authentication off", () => {
  let open: TestEmu;
  beforeAll(async () => {
    open = await startTestEmu({ auth: false });
  });
  afterAll(() => open.close());

  it("accepts any key, signed with any secret, and gives each key id its own account", async () => {
    const alice = open.client({ accessKeyId: "AKIAALICE", secretAccessKey: "anything" });
    const bob = open.client({ accessKeyId: "AKIABOB", secretAccessKey: "something-else" });
    expect((await alice.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe("10000.00");
    const hit = (await alice.send(new CreateHITCommand(hitInput() as CreateHITCommandInput))).HIT!;
    expect((await alice.send(new GetHITCommand({ HITId: hit.HITId }))).HIT!.HITId).toBe(hit.HITId);
    await expectError(bob.send(new GetHITCommand({ HITId: hit.HITId })), "RequestError", "AWS.MechanicalTurk.HITDoesNotExist");
    expect((await bob.send(new ListHITsCommand({}))).NumResults).toBe(0);
    // The same key id with another secret is the same account.
    const alice2 = open.client({ accessKeyId: "AKIAALICE", secretAccessKey: "a-third-secret" });
    expect((await alice2.send(new ListHITsCommand({}))).HITs!.map((h) => h.HITId)).toEqual([hit.HITId]);
    [alice, bob, alice2].forEach((c) => c.destroy());
  });
});

describe("other clients", () => {
  const BOTO3 = `
import json, sys, boto3
url, question = sys.argv[1], sys.argv[2]
out = {}
for region in ("us-east-1", "sandbox"):
    c = boto3.client("mturk", endpoint_url=url, region_name=region)
    balance = c.get_account_balance()["AvailableBalance"]
    created = c.create_hit(Title="boto3 " + region, Description="From boto3", Reward="0.5", MaxAssignments=1,
                           AssignmentDurationInSeconds=600, LifetimeInSeconds=3600, Question=question)["HIT"]
    got = c.get_hit(HITId=created["HITId"])["HIT"]
    try:
        c.get_hit(HITId="${MISSING_HIT}")
        error = None
    except c.exceptions.RequestError as e:
        error = [e.response["Error"]["Code"], e.response.get("TurkErrorCode"), e.response["Error"]["Message"]]
    out[region] = {"balance": balance, "created": created["HITId"], "got": got["HITId"], "title": got["Title"],
                   "status": got["HITStatus"], "reward": got["Reward"],
                   "lifetime": (got["Expiration"] - got["CreationTime"]).total_seconds(), "error": error}
print(json.dumps(out))
`;

  it("serves boto3 with region us-east-1 and region sandbox", async () => {
    const { stdout } = await run("python3", ["-c", BOTO3, t.url, HTML_QUESTION], { env: toolEnv(), timeout: 60_000 });
    const out = JSON.parse(stdout);
    for (const region of ["us-east-1", "sandbox"]) {
      expect(out[region]).toMatchObject({ balance: "10000.00", title: `boto3 ${region}`, status: "Assignable", reward: "0.50", lifetime: 3600 });
      expect(out[region].got).toBe(out[region].created);
      expect(out[region].error.slice(0, 2)).toEqual(["RequestError", "AWS.MechanicalTurk.HITDoesNotExist"]);
      expect(out[region].error[2]).toMatch(new RegExp(`^Hit ${MISSING_HIT} does not exist\\. \\(\\d{13}\\)$`));
    }
    const listed = (await t.sdk.send(new ListHITsCommand({ MaxResults: 100 }))).HITs!.map((h) => h.HITId);
    expect(listed).toEqual(expect.arrayContaining([out["us-east-1"].created, out.sandbox.created]));
  }, 60_000);

  it("serves the AWS CLI", async () => {
    const { stdout } = await run("aws", ["mturk", "get-account-balance", "--endpoint-url", t.url, "--region", "us-east-1"], {
      env: toolEnv(),
      timeout: 60_000,
    });
    expect(stdout).toContain('"10000.00"');
    expect(JSON.parse(stdout)).toEqual({ AvailableBalance: "10000.00" });
  }, 60_000);
});
