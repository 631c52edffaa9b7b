// The express app: one port for the JSON API, the control API and (later) the other front ends.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import express, { type NextFunction, type Request, type Response } from "express";
import { harnessRouter } from "./control/harness-routes";
import { controlRouter } from "./control/routes";
import { sendControlError, ControlError } from "./control/http";
import type { Emulator } from "./emulator";
import { toWireError, ProtocolError } from "./protocols/json/errors";
import { handleJsonApi, isJsonApiRequest } from "./protocols/json/router";
import { legacyRouter, sendLegacyBodyError } from "./protocols/legacy";
import { webRouter } from "./web";

/** Bodies larger than this are refused with 413 before anything parses them. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** The control API trusts only clients on this machine unless told otherwise. */
export const isLoopback = (address: string | undefined): boolean => LOOPBACK.test(address ?? "");

export function createApp(emu: Emulator): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  const rawBody = express.raw({ type: () => true, limit: MAX_BODY_BYTES });

  // The control API comes first: test suites call it most, and no other front end serves anything under
  // /_emu, so its calls need not walk past every page of the worker site and the legacy routes.
  app.use("/_emu", rawBody, (req, res, next) => {
    if (emu.config.controlFromAnywhere || isLoopback(req.socket.remoteAddress)) return next();
    sendControlError(res, new ControlError(403, "Forbidden", "The control API answers loopback clients only (start with --control-from-anywhere to change this)."));
  });
  app.use("/_emu", controlRouter(emu));
  app.use("/_emu", harnessRouter(emu));

  // The worker site and the requester console parse their own bodies (forms, uploads), so they come before the raw body.
  app.use(webRouter(emu));
  app.use(rawBody);

  app.post("/", (req, res, next) => (isJsonApiRequest(req) ? void handleJsonApi(emu, req, res) : next()));
  app.use(legacyRouter(emu));

  app.use((req, res) => {
    res.status(404).json({ code: "NotFound", message: `Nothing is served at ${req.method} ${req.path}.` });
  });

  // Errors raised before a front end took the request: oversized or unreadable bodies.
  app.use((err: Error & { status?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    const message = err.type === "entity.too.large" ? `The request body is larger than ${MAX_BODY_BYTES} bytes.` : err.message;
    if (sendLegacyBodyError(req, res, status, status === 413 ? "RequestEntityTooLarge" : "BadRequest", message)) return;
    if (req.get("x-amz-target") !== undefined) {
      sendJsonBodyError(emu, res, status, message);
    } else {
      res.status(status).json({ code: status === 413 ? "RequestEntityTooLarge" : "BadRequest", message });
    }
  });
  return app;
}

function sendJsonBodyError(emu: Emulator, res: ServerResponse, status: number, message: string): void {
  const wire = toWireError(new ProtocolError(status === 413 ? "RequestEntityTooLarge" : "SerializationException", message, status), emu.domain.clock.now());
  const text = JSON.stringify(wire.body);
  res.statusCode = wire.status;
  res.setHeader("content-type", "application/x-amz-json-1.1; charset=utf-8");
  res.setHeader("content-length", Buffer.byteLength(text));
  res.end(text);
}

/**
 * The server's request listener. A JSON API call (POST / with X-Amz-Target and an uncompressed body) goes
 * straight to its front end with the body read here, as express.raw would read it: Express's routing, request
 * decoration and body parser cost more than a whole GetAccountBalance. Everything else goes through the app.
 */
export function createRequestListener(emu: Emulator): RequestListener {
  return (req, res) => {
    if (req.method !== "POST" || req.url !== "/" || req.headers["x-amz-target"] === undefined || req.headers["content-encoding"] !== undefined) {
      return emu.app(req, res);
    }
    readBody(req, MAX_BODY_BYTES).then(
      (body) => handleJsonApi(emu, Object.assign(req, { body }), res),
      (err: Error & { status: number }) => {
        if (err.status === 413) sendJsonBodyError(emu, res, 413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
        else if (!res.headersSent && !res.destroyed) sendJsonBodyError(emu, res, 400, err.message);
      },
    );
  };
}

/**
 * The whole body, up to `limit` bytes. Over the limit it rejects with status 413 once the rest of the body has
 * been read and dropped (as body-parser does, so the answer reaches a client still sending).
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > limit;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on("end", () => (tooLarge ? reject(Object.assign(new Error("request entity too large"), { status: 413 })) : resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))));
    req.on("error", (err) => reject(Object.assign(err, { status: 400 })));
    req.on("aborted", () => reject(Object.assign(new Error("request aborted"), { status: 400 })));
  });
}
