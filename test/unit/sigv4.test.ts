// The verifier is checked against signatures produced by the real SDKs (JS v3 and botocore,
// captured on the wire) rather than against a second implementation of the same algorithm.
import http from "node:http";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateHITCommand, GetAccountBalanceCommand, MTurkClient } from "@aws-sdk/client-mturk";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { AuthError, parseAuthorization, verifySigV4, type SignedRequest } from "../../src/protocols/auth/sigv4";
import { loadCredentialsFile } from "../../src/protocols/auth/credentials-file";

const KEY = "AKIAIOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const secretFor = (id: string) => (id === KEY ? SECRET : undefined);
const TITLE = "Étiquetage d’images — 画像のラベル付け";

const MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

interface Captured {
  req: SignedRequest;
  nowMs: number;
}

/** Runs `client` against a throwaway local server and returns every request it received. */
async function capture(client: (endpoint: string) => Promise<void>): Promise<Captured[]> {
  const captured: Captured[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      captured.push({
        nowMs: Date.now(),
        req: {
          method: req.method ?? "",
          path: q < 0 ? url : url.slice(0, q),
          query: q < 0 ? "" : url.slice(q + 1),
          headers: req.headers,
          body: Buffer.concat(chunks),
        },
      });
      res.writeHead(200, { "content-type": "application/x-amz-json-1.1", "x-amzn-RequestId": "test" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  try {
    await client(`http://127.0.0.1:${port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return captured;
}

const CREATE_HIT = {
  Title: TITLE,
  Description: "Describe the picture",
  Reward: "0.05",
  LifetimeInSeconds: 3600,
  AssignmentDurationInSeconds: 600,
  Question: "<HTMLQuestion/>",
};

async function jsCapture(region: string): Promise<Captured[]> {
  return capture(async (endpoint) => {
    const client = new MTurkClient({
      endpoint,
      region,
      credentials: { accessKeyId: KEY, secretAccessKey: SECRET },
      maxAttempts: 1,
    });
    try {
      await client.send(new GetAccountBalanceCommand({}));
      await client.send(new CreateHITCommand(CREATE_HIT));
    } finally {
      client.destroy();
    }
  });
}

const BOTO_SCRIPT = `
import sys, boto3
from botocore.config import Config
endpoint, region, key, secret = sys.argv[1:5]
client = boto3.client("mturk", endpoint_url=endpoint, region_name=region, aws_access_key_id=key,
                      aws_secret_access_key=secret, config=Config(retries={"max_attempts": 0}))
client.get_account_balance()
client.create_hit(Title="\\u00c9tiquetage d\\u2019images \\u2014 \\u753b\\u50cf\\u306e\\u30e9\\u30d9\\u30eb\\u4ed8\\u3051",
                  Description="Describe the picture", Reward="0.05", LifetimeInSeconds=3600,
                  AssignmentDurationInSeconds=600, Question="<HTMLQuestion/>")
`;

async function botoCapture(region: string): Promise<Captured[]> {
  return capture(async (endpoint) => {
    await promisify(execFile)("python3", ["-c", BOTO_SCRIPT, endpoint, region, KEY, SECRET], {
      // Keep the developer's own AWS config from changing what botocore sends.
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        AWS_CONFIG_FILE: "/nonexistent",
        AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
        AWS_EC2_METADATA_DISABLED: "true",
      },
    });
  });
}

const SIGN_DATE = new Date("2026-03-01T12:00:00Z");
const SIGN_MS = SIGN_DATE.getTime();

/** Signs a request the way @aws-sdk/client-mturk does, with a chosen date and overrides. */
async function smithySign(
  opts: {
    date?: Date;
    region?: string;
    service?: string;
    body?: string;
    headers?: Record<string, string>;
    path?: string;
    query?: Record<string, string>;
    wireQuery?: string;
  } = {},
): Promise<SignedRequest> {
  const body = opts.body ?? JSON.stringify(CREATE_HIT);
  const path = opts.path ?? "/";
  const signer = new SignatureV4({
    service: opts.service ?? "mturk-requester",
    region: opts.region ?? "us-east-1",
    credentials: { accessKeyId: KEY, secretAccessKey: SECRET },
    sha256: Sha256,
  });
  const signed = await signer.sign(
    {
      method: "POST",
      protocol: "http:",
      hostname: "127.0.0.1",
      port: 8443,
      path,
      query: opts.query ?? {},
      headers: {
        host: "127.0.0.1:8443",
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "MTurkRequesterServiceV20170117.CreateHIT",
        "content-length": String(Buffer.byteLength(body)),
        ...opts.headers,
      },
      body,
    },
    { signingDate: opts.date ?? SIGN_DATE },
  );
  return { method: "POST", path, query: opts.wireQuery ?? "", headers: { ...signed.headers }, body: Buffer.from(body, "utf8") };
}

function authError(fn: () => unknown): AuthError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AuthError) return err;
    throw err;
  }
  throw new Error("expected an AuthError");
}

const withHeaders = (req: SignedRequest, headers: SignedRequest["headers"]): SignedRequest => ({
  ...req,
  headers: { ...req.headers, ...headers },
});

describe("verifySigV4 against requests captured from the real SDKs", () => {
  const captures: Record<string, Captured[]> = {};

  beforeAll(async () => {
    [captures.jsUsEast1, captures.jsSandbox, captures.botoUsEast1, captures.botoSandbox] = await Promise.all([
      jsCapture("us-east-1"),
      jsCapture("sandbox"),
      botoCapture("us-east-1"),
      botoCapture("sandbox"),
    ]);
  });

  it.each([
    ["jsUsEast1", "us-east-1"],
    ["jsSandbox", "sandbox"],
    ["botoUsEast1", "us-east-1"],
    ["botoSandbox", "sandbox"],
  ])("accepts %s (GetAccountBalance and CreateHIT)", (name, region) => {
    const requests = captures[name];
    expect(requests.map((c) => c.req.headers["x-amz-target"])).toEqual([
      "MTurkRequesterServiceV20170117.GetAccountBalance",
      "MTurkRequesterServiceV20170117.CreateHIT",
    ]);
    for (const { req, nowMs } of requests) {
      expect(req.headers.host).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(verifySigV4(req, secretFor, nowMs)).toEqual({ accessKeyId: KEY, region });
    }
  });

  it("covers the header sets each SDK really signs", () => {
    const boto = parseAuthorization(String(captures.botoUsEast1[1].req.headers.authorization));
    expect(boto.signedHeaders).toEqual(["content-type", "host", "x-amz-date", "x-amz-target"]);
    expect(captures.botoUsEast1[1].req.headers["x-amz-content-sha256"]).toBeUndefined();

    const js = captures.jsUsEast1[1].req;
    expect(parseAuthorization(String(js.headers.authorization)).signedHeaders).toContain("x-amz-content-sha256");
    // JS v3 sends the title as raw UTF-8, so the body hash covers multi-byte characters.
    expect(js.body.toString("utf8")).toContain(TITLE);
    expect(js.body.length).toBeGreaterThan(js.body.toString("utf8").length);
  });

  it("accepts header names in any case", () => {
    const { req, nowMs } = captures.botoUsEast1[1];
    const upper = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verifySigV4({ ...req, headers: upper }, secretFor, nowMs).accessKeyId).toBe(KEY);
  });

  it("rejects a wrong secret", () => {
    const { req, nowMs } = captures.jsUsEast1[0];
    const err = authError(() => verifySigV4(req, () => "not-the-secret", nowMs));
    expect(err).toMatchObject({ type: "InvalidSignatureException", message: MISMATCH });
  });

  it("rejects an unknown access key", () => {
    const { req, nowMs } = captures.botoSandbox[0];
    expect(authError(() => verifySigV4(req, () => undefined, nowMs))).toMatchObject({
      type: "UnrecognizedClientException",
      message: "The security token included in the request is invalid.",
    });
  });

  it("rejects a body with one byte changed (botocore: no content hash header)", () => {
    const { req, nowMs } = captures.botoUsEast1[1];
    const body = Buffer.from(req.body);
    body[10] ^= 1;
    expect(authError(() => verifySigV4({ ...req, body }, secretFor, nowMs))).toMatchObject({
      type: "InvalidSignatureException",
      message: MISMATCH,
    });
  });

  it("rejects a body with one byte changed (JS v3: content hash header no longer matches)", () => {
    const { req, nowMs } = captures.jsUsEast1[1];
    const body = Buffer.from(req.body);
    body[10] ^= 1;
    expect(authError(() => verifySigV4({ ...req, body }, secretFor, nowMs))).toMatchObject({
      type: "InvalidSignatureException",
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    });
  });

  it("rejects a tampered signed header", () => {
    const { req, nowMs } = captures.botoUsEast1[0];
    const tampered = withHeaders(req, { "x-amz-target": "MTurkRequesterServiceV20170117.DeleteHIT" });
    expect(authError(() => verifySigV4(tampered, secretFor, nowMs))).toMatchObject({
      type: "InvalidSignatureException",
      message: MISMATCH,
    });
  });

  it("rejects a host with a different port", () => {
    const { req, nowMs } = captures.jsSandbox[0];
    const moved = withHeaders(req, { host: "127.0.0.1:1" });
    expect(authError(() => verifySigV4(moved, secretFor, nowMs)).message).toBe(MISMATCH);
  });
});

describe("verifySigV4 with @smithy/signature-v4 signatures", () => {
  it("accepts a signed request, including the sandbox region", async () => {
    expect(verifySigV4(await smithySign(), secretFor, SIGN_MS)).toEqual({ accessKeyId: KEY, region: "us-east-1" });
    expect(verifySigV4(await smithySign({ region: "sandbox" }), secretFor, SIGN_MS).region).toBe("sandbox");
  });

  it("canonicalises path, query and header whitespace like the SDK", async () => {
    const req = await smithySign({
      path: "/a%20b/c",
      query: { b: "x y", a: "1/2", "ü": "" },
      wireQuery: "b=x%20y&a=1%2F2&%C3%BC=",
      headers: { "x-amz-meta-note": "  two   spaces\tand tab  " },
    });
    expect(verifySigV4(req, secretFor, SIGN_MS).accessKeyId).toBe(KEY);
  });

  it("accepts a 4-minute skew in both directions and rejects 6 minutes", async () => {
    const req = await smithySign();
    expect(verifySigV4(req, secretFor, SIGN_MS + 4 * 60_000).accessKeyId).toBe(KEY);
    expect(verifySigV4(req, secretFor, SIGN_MS - 4 * 60_000).accessKeyId).toBe(KEY);
    expect(authError(() => verifySigV4(req, secretFor, SIGN_MS + 6 * 60_000))).toMatchObject({
      type: "InvalidSignatureException",
      message: "Signature expired: 20260301T120000Z is now earlier than 20260301T120100Z (20260301T120600Z - 5 min.)",
    });
    expect(authError(() => verifySigV4(req, secretFor, SIGN_MS - 6 * 60_000))).toMatchObject({
      type: "InvalidSignatureException",
      message: "Signature not yet current: 20260301T120000Z is still later than 20260301T115900Z (20260301T115400Z + 5 min.)",
    });
  });

  it("reproduces the AWS 'Signature expired' text", async () => {
    const req = await smithySign({ date: new Date("2019-04-30T07:57:32Z") });
    expect(authError(() => verifySigV4(req, secretFor, Date.parse("2019-04-30T10:59:09Z"))).message).toBe(
      "Signature expired: 20190430T075732Z is now earlier than 20190430T105409Z (20190430T105909Z - 5 min.)",
    );
  });

  it("falls back to the Date header when X-Amz-Date is absent", async () => {
    const req = await smithySign();
    const { "x-amz-date": _, ...headers } = req.headers;
    const err = authError(() =>
      verifySigV4({ ...req, headers: { ...headers, date: "20260301T115400Z" } }, secretFor, SIGN_MS),
    );
    expect(err.message).toBe(
      "Signature expired: 20260301T115400Z is now earlier than 20260301T115500Z (20260301T120000Z - 5 min.)",
    );
  });

  it("rejects a scope for another service", async () => {
    const req = await smithySign({ service: "mturk" });
    expect(authError(() => verifySigV4(req, secretFor, SIGN_MS))).toMatchObject({
      type: "InvalidSignatureException",
      message: "Credential should be scoped to correct service: 'mturk-requester'.",
    });
  });

  it("rejects a scope date that differs from X-Amz-Date", async () => {
    const req = await smithySign();
    const shifted = withHeaders(req, { "x-amz-date": "20260302T120000Z" });
    expect(authError(() => verifySigV4(shifted, secretFor, SIGN_MS + 86_400_000))).toMatchObject({
      type: "InvalidSignatureException",
      message:
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260301' != '20260302', from '20260302T120000Z'.",
    });
  });

  it("rejects an x-amz-content-sha256 that does not match the body, even when it was signed", async () => {
    const req = await smithySign({ headers: { "x-amz-content-sha256": "0".repeat(64) } });
    expect(authError(() => verifySigV4(req, secretFor, SIGN_MS))).toMatchObject({
      type: "InvalidSignatureException",
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    });
  });

  it("requires host to be signed", async () => {
    const req = await smithySign();
    const auth = String(req.headers.authorization).replace("host;", "");
    expect(authError(() => verifySigV4(withHeaders(req, { authorization: auth }), secretFor, SIGN_MS))).toMatchObject({
      type: "IncompleteSignatureException",
      message: "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });

  it("reports a missing Authorization header", async () => {
    const { authorization: _, ...headers } = (await smithySign()).headers;
    const req = { ...(await smithySign()), headers };
    expect(authError(() => verifySigV4(req, secretFor, SIGN_MS))).toMatchObject({
      type: "MissingAuthenticationTokenException",
      message: "Missing Authentication Token",
    });
  });

  const scope = `Credential=${KEY}/20260301/us-east-1/mturk-requester/aws4_request`;
  const sig = `Signature=${"a".repeat(64)}`;
  it.each([
    ["Bearer abc", "Unsupported Authorization algorithm 'Bearer'; only AWS4-HMAC-SHA256 is accepted."],
    [
      `AWS4-HMAC-SHA256 ${scope}`,
      "Authorization header requires 'SignedHeaders' parameter. Authorization header requires 'Signature' parameter.",
    ],
    [
      `AWS4-HMAC-SHA256 Credential=${KEY}/20260301/us-east-1/aws4_request, SignedHeaders=host, ${sig}`,
      `Credential must have the form <AccessKeyId>/<yyyymmdd>/<region>/<service>/aws4_request; got '${KEY}/20260301/us-east-1/aws4_request'.`,
    ],
    [
      `AWS4-HMAC-SHA256 Credential=${KEY}/20260301/us-east-1/mturk-requester/aws5_request, SignedHeaders=host, ${sig}`,
      "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.",
    ],
    [
      `AWS4-HMAC-SHA256 Credential=${KEY}/2026031/us-east-1/mturk-requester/aws4_request, SignedHeaders=host, ${sig}`,
      "Credential scope date must be yyyymmdd; got '2026031'.",
    ],
    [`AWS4-HMAC-SHA256 ${scope}, SignedHeaders=host;;x-amz-date, ${sig}`, expect.stringContaining("SignedHeaders must be")],
    [`AWS4-HMAC-SHA256 ${scope}, SignedHeaders=host, Signature=abc`, "Signature must be 64 hexadecimal characters."],
  ])("rejects malformed Authorization %s", async (authorization, message) => {
    const req = withHeaders(await smithySign(), { authorization });
    expect(authError(() => verifySigV4(req, secretFor, SIGN_MS))).toMatchObject({
      type: "IncompleteSignatureException",
      message,
    });
  });

  it.each(["2026-03-01T12:00:00Z", "20260230T120000Z", "20260301T120000"])(
    "rejects the malformed X-Amz-Date %s",
    async (date) => {
      const req = withHeaders(await smithySign(), { "x-amz-date": date });
      expect(authError(() => verifySigV4(req, secretFor, SIGN_MS))).toMatchObject({
        type: "IncompleteSignatureException",
        message: `Date must be in ISO-8601 'basic format'. Got '${date}'. See http://en.wikipedia.org/wiki/ISO_8601`,
      });
    },
  );

  it("reports a missing date", async () => {
    const { "x-amz-date": _, ...headers } = (await smithySign()).headers;
    const req = { ...(await smithySign()), headers };
    expect(authError(() => verifySigV4(req, secretFor, SIGN_MS)).message).toBe(
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  });

  it("keeps verifying correctly once the signing-key cache has evicted entries", async () => {
    const regions = Array.from({ length: 80 }, (_, i) => `region-${i}`);
    const requests = await Promise.all(regions.map((region) => smithySign({ region })));
    for (const [i, req] of requests.entries()) expect(verifySigV4(req, secretFor, SIGN_MS).region).toBe(regions[i]);
    expect(verifySigV4(requests[0], secretFor, SIGN_MS).region).toBe("region-0");
    expect(authError(() => verifySigV4(requests[0], () => "other", SIGN_MS)).message).toBe(MISMATCH);
  });
});

describe("loadCredentialsFile", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "mturk-emu-creds-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const expected = [{ accessKeyId: KEY, secretAccessKey: SECRET }];

  it("reads the IAM credentials.csv download (BOM, CRLF, quoted fields)", () => {
    const path = file(
      "credentials.csv",
      "\uFEFFUser name,Password,Access key ID,Secret access key,Console login link\r\n" +
        `"Smith, Alice",,${KEY},${SECRET},https://123456789012.signin.aws.amazon.com/console\r\n`,
    );
    expect(loadCredentialsFile(path)).toEqual(expected);
  });

  it("reads the two-column access key CSV", () => {
    const path = file("accessKeys.csv", `Access key ID,Secret access key\n${KEY},${SECRET}\n\nAKIAOTHER,othersecret\n`);
    expect(loadCredentialsFile(path)).toEqual([...expected, { accessKeyId: "AKIAOTHER", secretAccessKey: "othersecret" }]);
  });

  it("reads the legacy rootkey.csv", () => {
    expect(loadCredentialsFile(file("rootkey.csv", `AWSAccessKeyId=${KEY}\r\nAWSSecretKey=${SECRET}\r\n`))).toEqual(expected);
  });

  it("reads JSON with camelCase or AWS-style member names", () => {
    const path = file(
      "keys.json",
      JSON.stringify([
        { accessKeyId: KEY, secretAccessKey: SECRET },
        { AccessKeyId: "AKIAOTHER", SecretAccessKey: "othersecret" },
      ]),
    );
    expect(loadCredentialsFile(path)).toEqual([...expected, { accessKeyId: "AKIAOTHER", secretAccessKey: "othersecret" }]);
  });

  it.each([
    ["empty.csv", "\uFEFF\n", "is empty"],
    ["header-only.csv", "Access key ID,Secret access key\n", "contains no access keys"],
    ["unknown.csv", "foo,bar\n1,2\n", "has an unknown format: expected an IAM credentials.csv"],
    ["no-secret.csv", `Access key ID,Secret access key\n${KEY},${SECRET}\n${KEY},\n`, "has no secret access key in line 3"],
    ["no-key.json", JSON.stringify([{ secretAccessKey: SECRET }]), "has no access key ID in entry 0"],
    ["object.json", JSON.stringify({ accessKeyId: KEY, secretAccessKey: SECRET }), "must hold a JSON array"],
    ["broken.json", "[{\n", "is not valid JSON"],
    ["broken.csv", `Access key ID,Secret access key\n"${KEY},${SECRET}\n`, "is not valid CSV"],
    ["rootkey-no-secret.csv", `AWSAccessKeyId=${KEY}\n`, "has no secret access key in its AWSAccessKeyId=/AWSSecretKey= lines"],
  ])("rejects %s with a one-line message", (name, content, what) => {
    const path = file(name, content);
    const message = (() => {
      try {
        loadCredentialsFile(path);
      } catch (err) {
        return (err as Error).message;
      }
      throw new Error("expected an error");
    })();
    expect(message).toContain(`Credentials file ${path} ${what}`);
    expect(message).not.toMatch(/[\r\n]/);
  });

  it("rejects a missing file", () => {
    const path = join(dir, "missing.csv");
    expect(() => loadCredentialsFile(path)).toThrow(new RegExp(`^Credentials file ${path} cannot be read \\(ENOENT`));
  });
});
