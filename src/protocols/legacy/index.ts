// The legacy API's routes on the shared port: REST and SOAP calls on the legacy paths, and the WSDL.
import { Router, type NextFunction, type Request, type Response } from "express";
import { detectLegacy, LEGACY_PATHS } from "./detect";
import type { LegacyDeps } from "./dispatch";
import { handleLegacyRest } from "./rest";
import { handleLegacySoap } from "./soap";
import { serveWsdl, WSDL_PATHS } from "./wsdl";

export function legacyRouter(deps: LegacyDeps): Router {
  const router = Router();
  router.get(WSDL_PATHS, serveWsdl);
  router.all(LEGACY_PATHS, (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" && req.path === "/" && "wsdl" in req.query && req.query.Operation === undefined) return serveWsdl(req, res);
    const transport = detectLegacy(req);
    if (!transport) return next();
    (transport === "rest" ? handleLegacyRest : handleLegacySoap)(deps, req, res).catch(next);
  });
  return router;
}
