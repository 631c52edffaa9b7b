// The worker site (/) and the requester console (/console), server-rendered from the same app as the APIs.
// Mounted before the app's raw-body parser: these routes parse their own bodies (forms, multipart uploads).
import { Router } from "express";
import type { Emulator } from "../emulator";
import { mountAssets } from "./assets";
import { consoleRouter } from "./console/routes";
import { Sessions } from "./session";
import { workerRouter } from "./worker/routes";

export function webRouter(emu: Emulator): Router {
  const router = Router();
  const sessions = new Sessions(emu);
  mountAssets(router);
  router.use(sessions.middleware);
  router.use(workerRouter({ emu, sessions }));
  router.use(consoleRouter({ emu, sessions }));
  return router;
}
