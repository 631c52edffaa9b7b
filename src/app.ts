// One port for every front end: the server's request listener answers JSON API calls and the control API's
// table routes itself, and hands everything else (legacy API, worker site, the rest of the control API) to
// the Express app, which is built on the first such request.
import type { RequestListener, ServerResponse } from "node:http";
import type express from "express";
import type { NextFunction, Request, Response } from "express";
import { controlFastPath, LOOPBACK_ONLY } from "./control/fast";
import { sendControlError, ControlError } from "./control/http";
import type { Emulator } from "./emulator";
import { toWireError, ProtocolError } from "./protocols/json/errors";
import { handleJsonApi, isJsonApiRequest } from "./protocols/json/router";
import { readBody } from "./read-body";

// The worker site and the legacy API are loaded by the first request that reaches them (see lazy below).
type Web = typeof import("./web");
type Legacy = typeof import("./protocols/legacy");
const legacy = (): Legacy => require("./protocols/legacy") as Legacy;

/** Bodies larger than this are refused with 413 before anything parses them. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** The control API trusts only clients on this machine unless told otherwise. */
export const isLoopback = (address: string | undefined): boolean => LOOPBACK.test(address ?? "");

/**
 * The Express app, for everything the server's fast paths (createRequestListener) leave to it. Express and the
 * front ends built on it are required here, not at the top: the emulator builds its app on the first request
 * that needs it, so a session that only uses the JSON API and the control API's table routes never loads them.
 */
export function createApp(emu: Emulator): express.Express {
  const expressModule = require("express") as typeof import("express");
  const { controlRouter } = require("./control/routes") as typeof import("./control/routes");
  const { harnessRouter } = require("./control/harness-routes") as typeof import("./control/harness-routes");
  const app = expressModule();
  app.disable("x-powered-by");
  app.set("etag", false);
  const rawBody = expressModule.raw({ type: () => true, limit: MAX_BODY_BYTES });

  // The control API comes first: test suites call it most, and no other front end serves anything under
  // /_emu, so its calls need not walk past every page of the worker site and the legacy routes.
  app.use("/_emu", rawBody, (req, res, next) => {
    if (emu.config.controlFromAnywhere || isLoopback(req.socket.remoteAddress)) return next();
    sendControlError(res, new ControlError(403, "Forbidden", LOOPBACK_ONLY));
  });
  app.use("/_emu", controlRouter(emu));
  app.use("/_emu", harnessRouter(emu));

  // The worker site and the requester console parse their own bodies (forms, uploads), so they come before the raw body.
  app.use(lazy(() => (require("./web") as Web).webRouter(emu)));
  app.use(rawBody);

  app.post("/", (req, res, next) => (isJsonApiRequest(req) ? void handleJsonApi(emu, req, res) : next()));
  app.use(lazy(() => legacy().legacyRouter(emu)));

  app.use((req, res) => {
    res.status(404).json({ code: "NotFound", message: `Nothing is served at ${req.method} ${req.path}.` });
  });

  // Errors raised before a front end took the request: oversized or unreadable bodies.
  app.use((err: Error & { status?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    const message = err.type === "entity.too.large" ? `The request body is larger than ${MAX_BODY_BYTES} bytes.` : err.message;
    if (legacy().sendLegacyBodyError(req, res, status, status === 413 ? "RequestEntityTooLarge" : "BadRequest", message)) return;
    if (req.get("x-amz-target") !== undefined) {
      sendJsonBodyError(emu, res, status, message);
    } else {
      res.status(status).json({ code: status === 413 ? "RequestEntityTooLarge" : "BadRequest", message });
    }
  });
  return app;
}

/**
 * A front end's router, built on the first request that reaches it: a session that never uses the worker site
 * or the legacy API does not load them (~50 ms of start-up when they were loaded up front).
 */
function lazy(load: () => express.RequestHandler): express.RequestHandler {
  let handler: express.RequestHandler | undefined;
  return (req, res, next) => (handler ??= load())(req, res, next);
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
 * decoration and body parser cost more than a whole GetAccountBalance. So do the control API's most used
 * routes (control/fast.ts). Everything else goes through the app.
 */
export function createRequestListener(emu: Emulator): RequestListener {
  const control = controlFastPath(emu, isLoopback, MAX_BODY_BYTES);
  return (req, res) => {
    if (req.method !== "POST" || req.url !== "/" || req.headers["x-amz-target"] === undefined || req.headers["content-encoding"] !== undefined) {
      if (!control(req, res)) emu.app(req, res);
      return;
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
