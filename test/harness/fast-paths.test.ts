// The server answers JSON API calls and the control API's table routes without Express (app.ts
// createRequestListener, control/fast.ts). Those answers must be the ones the Express app gives for the same
// requests: each request here goes to both, on twin emulators in the same state, and the answers are compared
// (status, content type and length, body, with request ids and times masked).
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequestListener, MAX_BODY_BYTES } from "../../src/app";
import { signedHeaders } from "../robustness/helpers";
import { hitInput, startTestEmu, type TestEmu } from "../helpers/emu";

let fast: TestEmu;
let viaExpress: TestEmu;
let expressServer: Server;
let expressUrl: string;

/** A server that hands every request to `listener`, optionally from another address. */
async function serve(listener: RequestListener, remoteAddress?: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (remoteAddress) Object.defineProperty(req.socket, "remoteAddress", { value: remoteAddress, configurable: true });
    listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

beforeAll(async () => {
  fast = await startTestEmu();
  viaExpress = await startTestEmu();
  ({ server: expressServer, url: expressUrl } = await serve((req, res) => viaExpress.emu.app(req, res)));
});
afterAll(async () => {
  await close(expressServer);
  await fast.close();
  await viaExpress.close();
});

interface Call {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** A signed JSON API call of this operation (signed for whichever host it goes to). */
  operation?: string;
}

async function answer(url: string, call: Call) {
  const body = call.body;
  const headers = call.operation ? signedHeaders(new URL(url).host, call.operation, body ?? "") : (call.headers ?? {});
  const res = await fetch(url + (call.path ?? "/"), { method: call.method ?? "POST", headers: { ...headers, connection: "close" }, body });
  const text = (await res.text())
    .replace(/\b[0-9A-Z]{30}\b/g, "<id>")
    .replace(/\bA[0-9A-Z]{13}\b/g, "<worker>")
    .replace(/\b\d{10,13}(\.\d+)?\b/g, "<time>");
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    length: res.headers.get("content-length") === null ? "none" : "set",
    requestId: res.headers.get("x-amzn-requestid") === null ? "none" : "set",
    errorType: res.headers.get("x-amzn-errortype"),
    text,
  };
}

/** The same call on both emulators; the answers must match. */
async function same(call: Call) {
  const a = await answer(fast.url, call);
  const b = await answer(expressUrl, call);
  expect(a).toEqual(b);
  return a;
}

const json = (body: unknown) => ({ headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("answers without Express are Express's answers", () => {
  it("for JSON API calls, successful and refused", async () => {
    expect((await same({ operation: "GetAccountBalance", body: "{}" })).status).toBe(200);
    expect((await same({ operation: "CreateHIT", body: JSON.stringify(hitInput({ Title: "twin" })) })).status).toBe(200);
    await same({ operation: "GetHIT", body: '{"HITId": 5}' });
    await same({ operation: "GetHIT", body: "{not json" });
    await same({ operation: "NoSuchOperation", body: "{}" });
    await same({ headers: { "x-amz-target": "MTurkRequesterServiceV20170117.GetAccountBalance", "content-type": "application/x-amz-json-1.1" }, body: "{}" });
    const big = await same({ operation: "GetAccountBalance", body: Buffer.alloc(MAX_BODY_BYTES + 1, 0x20) });
    expect(big.status).toBe(413);
  });

  it("for the control API's routes, successful and refused", async () => {
    expect((await same({ method: "GET", path: "/_emu/health" })).text).toBe('{"status":"ok"}');
    await same({ method: "GET", path: "/_emu/clock" });
    await same({ path: "/_emu/clock", ...json({ freeze: true }) });
    await same({ path: "/_emu/clock", ...json({ advanceSeconds: "soon" }) });
    await same({ path: "/_emu/clock", headers: { "content-type": "application/json" }, body: "{nope" });
    await same({ path: "/_emu/workers", ...json({ WorkerId: "ATWIN1" }) });
    await same({ path: "/_emu/workers", ...json({ WorkerId: "not a worker id" }) });
    await same({ path: "/_emu/workers/ATWIN1/accept", ...json({ HITId: "3AAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }) });
    await same({ path: "/_emu/workers/ANOBODY/accept", ...json({}) });
    await same({ path: "/_emu/assignments/3AAAAAAAAAAAAAAAAAAAAAAAAAAAAA/submit", ...json({ Answers: { a: "b" } }) });
    await same({ path: "/_emu/assignments/3AAAAAAAAAAAAAAAAAAAAAAAAAAAAA/return" });
    await same({ path: "/_emu/layouts", ...json({ HITLayoutId: "TWINLAYOUT", Template: "<p>${x}</p>" }) });
    expect((await same({ path: "/_emu/workers", headers: { "content-type": "application/json" }, body: Buffer.alloc(MAX_BODY_BYTES + 1, 0x20) })).status).toBe(413);
    // Spellings the fast path leaves to Express, and paths that are not table routes.
    await same({ method: "GET", path: "/_emu/Health" });
    await same({ method: "GET", path: "/_emu/health/" });
    await same({ method: "HEAD", path: "/_emu/health" });
    await same({ path: "/_emu/workers/A%31/accept", ...json({ HITId: "3AAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }) });
    await same({ method: "GET", path: "/_emu/nothing-here" });
    await same({ method: "DELETE", path: "/_emu/health" });
  });

  it("for the loopback rule", async () => {
    const outsider = await serve(createRequestListener(fast.emu), "203.0.113.7");
    const outsiderViaExpress = await serve((req, res) => viaExpress.emu.app(req, res), "203.0.113.7");
    try {
      for (const call of [
        { method: "GET", path: "/_emu/health" },
        { path: "/_emu/reset", ...json({}) },
        { path: "/_emu/workers", ...json({}) },
        { path: "/_emu/workers/ATWIN1/accept", ...json({ HITId: "3AAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }) },
      ]) {
        const a = await answer(outsider.url, call);
        expect(a).toEqual(await answer(outsiderViaExpress.url, call));
        expect(a.status).toBe(403);
      }
    } finally {
      await close(outsider.server);
      await close(outsiderViaExpress.server);
    }
  });
});
