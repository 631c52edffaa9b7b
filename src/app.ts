// The express app: one port for the JSON API, the control API and (later) the other front ends.
import express, { type NextFunction, type Request, type Response } from "express";
import { harnessRouter } from "./control/harness-routes";
import { controlRouter } from "./control/routes";
import { sendControlError, ControlError } from "./control/http";
import type { Emulator } from "./emulator";
import { toWireError, ProtocolError } from "./protocols/json/errors";
import { handleJsonApi, isJsonApiRequest } from "./protocols/json/router";
import { legacyRouter } from "./protocols/legacy";

/** Bodies larger than this are refused with 413 before anything parses them. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** The control API trusts only clients on this machine unless told otherwise. */
export const isLoopback = (address: string | undefined): boolean => LOOPBACK.test(address ?? "");

export function createApp(emu: Emulator): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(express.raw({ type: () => true, limit: MAX_BODY_BYTES }));

  app.post("/", (req, res, next) => (isJsonApiRequest(req) ? void handleJsonApi(emu, req, res) : next()));
  app.use(legacyRouter(emu));

  app.use("/_emu", (req, res, next) => {
    if (emu.config.controlFromAnywhere || isLoopback(req.socket.remoteAddress)) return next();
    sendControlError(res, new ControlError(403, "Forbidden", "The control API answers loopback clients only (start with --control-from-anywhere to change this)."));
  });
  app.use("/_emu", controlRouter(emu));
  app.use("/_emu", harnessRouter(emu));

  app.use((req, res) => {
    res.status(404).json({ code: "NotFound", message: `Nothing is served at ${req.method} ${req.path}.` });
  });

  // Errors raised before a front end took the request: oversized or unreadable bodies.
  app.use((err: Error & { status?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    const message = err.type === "entity.too.large" ? `The request body is larger than ${MAX_BODY_BYTES} bytes.` : err.message;
    if (req.get("x-amz-target") !== undefined) {
      const wire = toWireError(new ProtocolError(status === 413 ? "RequestEntityTooLarge" : "SerializationException", message, status), emu.domain.clock.now());
      res.status(wire.status).type("application/x-amz-json-1.1").send(JSON.stringify(wire.body));
    } else {
      res.status(status).json({ code: status === 413 ? "RequestEntityTooLarge" : "BadRequest", message });
    }
  });
  return app;
}
