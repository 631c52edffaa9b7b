// Drop-in mode: code that targets the real sandbox host (region "sandbox", no endpoint) reaches the
// emulator over TLS, trusting the generated CA and nothing else. The connection is redirected to the
// emulator's port while SNI and certificate verification keep the real host name.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Duplex } from "node:stream";
import { CreateHITCommand, GetAccountBalanceCommand, GetHITCommand, MTurkClient } from "@aws-sdk/client-mturk";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { DEFAULT_CONFIG } from "../../src/config";
import { Emulator } from "../../src/emulator";
import { ensureSelfSigned, type TlsFiles } from "../../src/tls/self-signed";
import { CREDENTIALS, hitInput } from "../helpers/emu";

const ROOT = resolve(__dirname, "../..");
const SANDBOX_HOST = "mturk-requester-sandbox.us-east-1.amazonaws.com";

/** An https.Agent that connects to 127.0.0.1:port whatever the URL says, verifying the certificate for SANDBOX_HOST. */
class RedirectAgent extends https.Agent {
  constructor(
    private readonly port: number,
    options: https.AgentOptions,
  ) {
    super(options);
  }
  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void) {
    return super.createConnection({ ...options, host: "127.0.0.1", port: this.port, servername: SANDBOX_HOST }, callback);
  }
}

/** A sandbox client with no endpoint: it targets https://SANDBOX_HOST, redirected to the emulator. */
function sandboxClient(port: number, ca?: Buffer): MTurkClient {
  const httpsAgent = new RedirectAgent(port, ca ? { ca } : {});
  return new MTurkClient({ region: "sandbox", credentials: CREDENTIALS, maxAttempts: 1, requestHandler: new NodeHttpHandler({ httpsAgent }) });
}

let dir: string;
let files: TlsFiles;
let emu: Emulator;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mturk-emu-dropin-"));
  files = ensureSelfSigned(dir);
  emu = new Emulator({ ...DEFAULT_CONFIG, port: 0, db: ":memory:", logLevel: "silent", tls: { certPath: files.certPath, keyPath: files.keyPath } });
  await emu.listen();
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("an SDK client for the real sandbox host", () => {
  it("trusting the generated CA gets the sandbox balance and creates HITs, signed for the real Host", async () => {
    expect(emu.url).toBe(`https://127.0.0.1:${emu.port}`);
    const client = sandboxClient(emu.port, readFileSync(files.caCertPath));
    try {
      const endpoint = await client.config.endpointProvider({ Region: "sandbox" });
      expect(endpoint.url.host).toBe(SANDBOX_HOST);
      const sent: Array<Record<string, string>> = [];
      client.middlewareStack.add((next) => async (args: any) => (sent.push({ ...args.request.headers }), next(args)), { step: "finalizeRequest", priority: "low" });
      expect((await client.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe("10000.00");
      expect(sent[0].host).toBe(SANDBOX_HOST);
      expect(sent[0].authorization).toMatch(/SignedHeaders=[^,]*\bhost\b/);
      const { HIT } = await client.send(new CreateHITCommand(hitInput() as any));
      expect((await client.send(new GetHITCommand({ HITId: HIT!.HITId }))).HIT!.Title).toBe("Tag an image");
      expect(emu.requestLog.list({ operation: "CreateHIT" }).map((r) => r.status)).toEqual([200]);
    } finally {
      client.destroy();
    }
  });

  it("without the CA fails with a certificate error and never reaches the API", async () => {
    const before = emu.requestLog.list().length;
    const client = sandboxClient(emu.port);
    try {
      const error: any = await client.send(new GetAccountBalanceCommand({})).then(
        () => undefined,
        (e) => e,
      );
      expect(error).toBeDefined();
      // The server sends its leaf certificate only, so without the CA Node cannot build a chain.
      expect(error.message).toMatch(/unable to verify the first certificate|self[- ]signed certificate/);
    } finally {
      client.destroy();
    }
    expect(emu.requestLog.list()).toHaveLength(before);
  });
});

describe("mturk-emu start --tls self-signed", () => {
  const children: ChildProcess[] = [];
  beforeAll(() => {
    if (!existsSync(join(ROOT, "dist/src/cli/main.js"))) execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
  });
  afterAll(() => children.filter((c) => c.exitCode === null).forEach((c) => c.kill("SIGTERM")));

  /** Starts the CLI and resolves with its first two stdout lines once both are printed. */
  async function start(dataDir: string): Promise<{ child: ChildProcess; lines: string[] }> {
    const args = ["bin/mturk-emu.js", "start", "--tls", "self-signed", "--data-dir", dataDir, "--port", "0", "--db", ":memory:", "--log-level", "silent"];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    const lines = await new Promise<string[]>((done, fail) => {
      let out = "";
      child.stdout!.on("data", (chunk) => {
        out += chunk;
        const lines = out.split("\n");
        if (lines.length > 2) done(lines.slice(0, 2));
      });
      child.stderr!.on("data", (chunk) => (out += chunk));
      child.once("exit", (code) => fail(new Error(`exited ${code}: ${out}`)));
    });
    return { child, lines };
  }
  const stop = (child: ChildProcess) => new Promise<void>((done) => (child.exitCode !== null ? done() : (child.once("exit", () => done()), child.kill("SIGTERM"))));

  it("prints an https URL and the CA path, and reuses the same CA on the next start", async () => {
    const dataDir = join(dir, "cli-data");
    const first = await start(dataDir);
    const caPath = resolve(dataDir, "mturk-emu-ca.pem");
    expect(first.lines[0]).toMatch(/^mturk-emu listening on https:\/\/127\.0\.0\.1:\d+$/);
    expect(first.lines[1]).toBe(`mturk-emu: trust this CA for drop-in mode: ${caPath}`);
    const ca = readFileSync(caPath);
    expect(ca.toString()).toMatch(/^-----BEGIN CERTIFICATE-----/);

    // The URL it printed answers over TLS, verified against that CA alone.
    const url = first.lines[0].replace("mturk-emu listening on ", "");
    const client = new MTurkClient({ endpoint: url, region: "us-east-1", credentials: CREDENTIALS, requestHandler: new NodeHttpHandler({ httpsAgent: new https.Agent({ ca }) }) });
    try {
      expect((await client.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe("10000.00");
    } finally {
      client.destroy();
    }
    await stop(first.child);

    const second = await start(dataDir);
    expect(second.lines[1]).toBe(`mturk-emu: trust this CA for drop-in mode: ${caPath}`);
    expect(readFileSync(caPath).equals(ca)).toBe(true);
    await stop(second.child);
  });
});
