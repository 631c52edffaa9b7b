// Fault injection seen by real clients: @aws-sdk/client-mturk with its default retry strategy, boto3 with
// its default retry config, and single-attempt clients that see the injected error itself. The only
// waits on wall time are the clients' own retry backoffs and the injected latency being measured.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { CreateHITCommand, GetAccountBalanceCommand, MTurkClient, type CreateHITCommandInput } from "@aws-sdk/client-mturk";
import { CREDENTIALS, hitInput, startTestEmu, type TestEmu } from "../helpers/emu";

let t: TestEmu;
const OTHER = { accessKeyId: "AKIAFAULTOTHER000001", secretAccessKey: "fault-other-secret" };

const addFault = (rule: Record<string, unknown>) => t.ctl("POST", "/_emu/faults", rule);
const requests = async (operation?: string) => (await t.ctl("GET", `/_emu/requests${operation ? `?operation=${operation}` : ""}`)).requests as any[];
const balance = (client: MTurkClient = t.sdk) => client.send(new GetAccountBalanceCommand({}));
/** The error a call fails with, or undefined when it succeeds. */
const failure = (call: Promise<unknown>) => call.then(() => undefined, (e: any) => e);

beforeAll(async () => {
  t = await startTestEmu();
  await t.ctl("POST", "/_emu/seed", { accounts: [OTHER] });
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.ctl("POST", "/_emu/reset");
  await t.ctl("DELETE", "/_emu/faults");
  await t.ctl("DELETE", "/_emu/requests");
});

describe("a throttle with count 2", () => {
  it("is retried through by the SDK's default retry strategy; the log shows three attempts", async () => {
    const rule = await addFault({ operation: "CreateHIT", effect: "throttle", count: 2 });
    // Default retries: no maxAttempts given.
    const client = new MTurkClient({ endpoint: t.url, region: "us-east-1", credentials: CREDENTIALS });
    try {
      const out = await client.send(new CreateHITCommand(hitInput() as CreateHITCommandInput));
      expect(out.HIT!.HITId).toMatch(/^[A-Z0-9]{30}$/);
      expect(out.$metadata.attempts).toBe(3);
    } finally {
      client.destroy();
    }
    const log = await requests("CreateHIT");
    expect(log.map((r) => [r.protocol, r.status, r.error, r.fault])).toEqual([
      ["json", 400, "ThrottlingException", rule.id],
      ["json", 400, "ThrottlingException", rule.id],
      ["json", 200, undefined, undefined],
    ]);
    for (const r of log) expect(r.ms).toEqual(expect.any(Number));
    expect((await t.ctl("GET", "/_emu/faults")).faults).toEqual([]); // spent
    expect((await t.ctl("GET", "/_emu/hits")).hits).toHaveLength(1);
  });

  it("is retried through by boto3's default retry config", async () => {
    const rule = await addFault({ operation: "CreateHIT", effect: "throttle", count: 2 });
    const script = [
      "import boto3, json, os",
      "c = boto3.client('mturk', endpoint_url=os.environ['EMU_URL'], region_name='us-east-1',",
      "    aws_access_key_id=os.environ['EMU_KEY'], aws_secret_access_key=os.environ['EMU_SECRET'])",
      "r = c.create_hit(Title='t', Description='d', Reward='0.10', AssignmentDurationInSeconds=60,",
      "    LifetimeInSeconds=600, Question=os.environ['EMU_QUESTION'])",
      "print(json.dumps({'HITId': r['HIT']['HITId'], 'retries': r['ResponseMetadata']['RetryAttempts']}))",
    ].join("\n");
    // The default retry config: no retry settings from the environment or a config file.
    const { AWS_RETRY_MODE: _mode, AWS_MAX_ATTEMPTS: _max, AWS_PROFILE: _profile, ...inherited } = process.env;
    const env = {
      ...inherited,
      EMU_URL: t.url,
      EMU_KEY: CREDENTIALS.accessKeyId,
      EMU_SECRET: CREDENTIALS.secretAccessKey,
      EMU_QUESTION: String(hitInput().Question),
      AWS_CONFIG_FILE: "/dev/null",
    };
    const { stdout } = await promisify(execFile)("python3", ["-c", script], { env });
    const out = JSON.parse(stdout);
    expect(out.retries).toBe(2);
    const log = await requests("CreateHIT");
    expect(log.map((r) => [r.status, r.fault])).toEqual([
      [400, rule.id],
      [400, rule.id],
      [200, undefined],
    ]);
    expect((await t.ctl("GET", "/_emu/hits")).hits.map((h: any) => h.HITId)).toEqual([out.HITId]);
  });
});

describe("error effects seen by a single-attempt client", () => {
  it("serviceFault answers 500 ServiceFault, a server fault", async () => {
    const rule = await addFault({ effect: "serviceFault", operation: "GetAccountBalance", count: 1 });
    const e = await failure(balance(t.client(CREDENTIALS, { maxAttempts: 1 })));
    expect(e).toBeDefined();
    expect([e.name, e.$fault, e.$metadata.httpStatusCode, e.TurkErrorCode]).toEqual(["ServiceFault", "server", 500, "AWS.MechanicalTurk.InternalError"]);
    expect((await requests("GetAccountBalance")).map((r) => [r.status, r.error, r.fault])).toEqual([[500, "ServiceFault", rule.id]]);
    expect((await balance()).AvailableBalance).toBe("10000.00"); // count spent
  });

  it("unavailable answers 503", async () => {
    await addFault({ effect: "unavailable", operation: "GetAccountBalance", count: 1 });
    const e = await failure(balance());
    expect(e).toBeDefined();
    expect(e.$metadata.httpStatusCode).toBe(503);
    expect(e.name).toBe("ServiceUnavailableException");
    expect((await requests("GetAccountBalance"))[0]).toEqual(expect.objectContaining({ status: 503, error: "ServiceUnavailableException" }));
  });
});

describe("latency", () => {
  it("holds the call at least latencyMs, then answers normally", async () => {
    await addFault({ effect: "latency", latencyMs: 400, operation: "GetAccountBalance", count: 1 });
    const started = Date.now();
    expect((await balance()).AvailableBalance).toBe("10000.00");
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    const [entry] = await requests("GetAccountBalance");
    expect(entry.status).toBe(200);
    expect(entry.ms).toBeGreaterThanOrEqual(399); // the server timer may fire a millisecond early by Date.now()
  });
});

describe("probability", () => {
  /** Which of 24 calls the rule fires on. */
  async function pattern(seed: number): Promise<boolean[]> {
    await t.ctl("DELETE", "/_emu/faults");
    await addFault({ effect: "throttle", operation: "GetAccountBalance", probability: 0.5, seed });
    const fired: boolean[] = [];
    for (let i = 0; i < 24; i++) fired.push((await failure(balance())) !== undefined);
    return fired;
  }

  it("with a seed fires on the same calls in two runs", async () => {
    const first = await pattern(1234);
    const second = await pattern(1234);
    expect(second).toEqual(first);
    expect(first.filter(Boolean).length).toBeGreaterThan(0);
    expect(first.filter(Boolean).length).toBeLessThan(24);
    expect(await pattern(98765)).not.toEqual(first);
  });

  it("0 never fires and 1 always fires", async () => {
    await addFault({ effect: "throttle", probability: 0, seed: 1 });
    for (let i = 0; i < 5; i++) expect((await balance()).AvailableBalance).toBe("10000.00");
    await t.ctl("DELETE", "/_emu/faults");
    await addFault({ effect: "throttle", probability: 1, seed: 1 });
    for (let i = 0; i < 5; i++) expect((await failure(balance()))?.name).toBe("ThrottlingException");
  });
});

describe("filters", () => {
  it("an operation filter leaves other operations alone", async () => {
    await addFault({ effect: "throttle", operation: "CreateHIT" });
    expect((await balance()).AvailableBalance).toBe("10000.00");
    expect((await failure(t.sdk.send(new CreateHITCommand(hitInput() as CreateHITCommandInput))))?.name).toBe("ThrottlingException");
  });

  it("an accessKeyId filter hits that account's calls only", async () => {
    const rule = await addFault({ effect: "throttle", accessKeyId: OTHER.accessKeyId });
    const other = t.client(OTHER);
    try {
      expect((await balance()).AvailableBalance).toBe("10000.00");
      expect((await failure(balance(other)))?.name).toBe("ThrottlingException");
    } finally {
      other.destroy();
    }
    const log = await requests("GetAccountBalance");
    expect(log.map((r) => [r.accessKeyId, r.status, r.fault])).toEqual([
      [CREDENTIALS.accessKeyId, 200, undefined],
      [OTHER.accessKeyId, 400, rule.id],
    ]);
    expect((await t.ctl("GET", "/_emu/faults")).faults[0].fired).toBe(1);
  });

  it("a protocol filter for another front end leaves JSON calls alone", async () => {
    await addFault({ effect: "throttle", protocol: "legacy" });
    expect((await balance()).AvailableBalance).toBe("10000.00");
  });
});
