// The legacy API's routes on the shared port: REST and SOAP calls on the legacy paths, and the WSDL.
import { randomUUID } from "node:crypto";
import { Router, type NextFunction, type Request, type Response } from "express";
import { detectLegacy, LEGACY_PATHS, likelyLegacy } from "./detect";
import type { LegacyDeps } from "./dispatch";
import { responseDocument } from "./render/response";
import { serialize, serializeSoapFault } from "./render/xml";
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

/**
 * Errors raised before a front end took the request (a body over the size limit) on what looks like a legacy
 * call: answered in XML, a SOAP fault or a request-level error document. False when the request is not legacy.
 */
export function sendLegacyBodyError(req: Request, res: Response, status: number, code: string, message: string): boolean {
  const transport = likelyLegacy(req);
  if (!transport) return false;
  res.status(status).setHeader("content-type", "text/xml; charset=utf-8");
  if (transport === "soap") res.end(serializeSoapFault("soapenv:Client", message));
  else res.end(serialize(responseDocument("", randomUUID(), [], { code: `AWS.${code}`, message, data: [], status })));
  return true;
}
