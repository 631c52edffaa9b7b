// The control API's table routes (routes.ts) served without Express, from the server's request listener
// (app.ts). Test suites call these most (workers accepting and submitting, the clock, resets) and Express 5's
// routing and request decoration cost several times what the calls themselves do.
//
// Only requests that Express would route to the very same handler are taken: GET or POST, the exact path
// (Express also matches other letter cases and a trailing slash; those still go through Express), plain
// segments (no percent-encoding to decode), an uncompressed body and no X-Amz-Target (whose body errors Express
// answers in the JSON API's format). Everything about the answer is shared with the Express route: the loopback
// rule, the body limit and its 413, the handler, and sendJson/sendControlError.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Emulator } from "../emulator";
import { readBody } from "../read-body";
import { ControlError, sendControlError, sendJson } from "./http";
import { controlRoutes, type ControlRoute } from "./routes";

const PREFIX = "/_emu/";
const PLAIN_SEGMENT = /^[A-Za-z0-9_-]+$/;

export const LOOPBACK_ONLY = "The control API answers loopback clients only (start with --control-from-anywhere to change this).";

/** A handler of the server's requests that answers (true) or leaves the request to Express (false). */
export function controlFastPath(emu: Emulator, isLoopback: (address: string | undefined) => boolean, maxBodyBytes: number) {
  const table = controlRoutes(emu).map((route) => ({ route, segments: route.path.split("/").slice(1) }));

  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = req.url ?? "";
    if (!url.startsWith(PREFIX) || (req.method !== "GET" && req.method !== "POST")) return false;
    if (req.headers["content-encoding"] !== undefined || req.headers["x-amz-target"] !== undefined) return false;
    const query = url.indexOf("?");
    const parts = (query < 0 ? url : url.slice(0, query)).slice(PREFIX.length).split("/");
    if (!parts.every((part) => PLAIN_SEGMENT.test(part))) return false;
    for (const { route, segments } of table) {
      if (route.method !== req.method || segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      if (segments.every((segment, i) => (segment.startsWith(":") ? ((params[segment.slice(1)] = parts[i]), true) : segment === parts[i]))) {
        serve(route, params);
        return true;
      }
    }
    return false;

    function serve(route: ControlRoute, params: Record<string, string>): void {
      if (!emu.config.controlFromAnywhere && !isLoopback(req.socket.remoteAddress)) {
        sendControlError(res, new ControlError(403, "Forbidden", LOOPBACK_ONLY));
        req.resume();
        return;
      }
      readBody(req, maxBodyBytes).then(
        (body) => {
          try {
            sendJson(res, 200, route.handler({ params, body }) ?? {});
          } catch (err) {
            sendControlError(res, err);
          }
        },
        (err: Error & { status: number }) => {
          if (res.headersSent || res.destroyed) return;
          if (err.status === 413) sendJson(res, 413, { code: "RequestEntityTooLarge", message: `The request body is larger than ${maxBodyBytes} bytes.` });
          else sendJson(res, 400, { code: "BadRequest", message: err.message });
        },
      );
    }
  };
}
