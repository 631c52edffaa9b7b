// Legacy REST: parameters from the query string and the form body → the table → an XML document, HTTP 200
// (LEGACY-API.md §1.2, §2.1, §2.3). The root element is in no namespace, as real REST responses were.
import type { Request, Response } from "express";
import { baseUrl, restPairs } from "./detect";
import { runLegacyCall, type LegacyDeps } from "./dispatch";
import { fromPairs, type ParamNode } from "./params";
import { serialize } from "./render/xml";
import type { LegacyVersion } from "./operations";

export async function handleLegacyRest(deps: LegacyDeps, req: Request, res: Response): Promise<void> {
  const pairs = restPairs(req);
  const first = (name: string) => pairs.find(([key]) => key === name)?.[1];
  const operation = first("Operation") ?? "";
  const answer = await runLegacyCall(deps, {
    protocol: "legacy-rest",
    operation,
    credentials: {
      operation,
      accessKeyId: first("AWSAccessKeyId"),
      timestamp: first("Timestamp"),
      signature: first("Signature"),
      signatureVersion: first("SignatureVersion"),
      pairs,
    },
    requests: batches(operation, pairs),
    version: first("Version") === "2012-03-25" ? "2012-03-25" : ("2014-08-15" as LegacyVersion),
    baseUrl: baseUrl(req),
  });
  res.status(answer.status).setHeader("content-type", "text/xml; charset=UTF-8").end(serialize(answer.document));
}

/**
 * Batched REST calls name each request's parameters `<Operation>.N.<Param>` (the Perl SDK's form); the other
 * parameters are shared by all. Without such names there is one request.
 */
function batches(operation: string, pairs: Array<[string, string]>): ParamNode[] {
  const prefix = /^([A-Za-z]+)\.([0-9]+)\.(.+)$/;
  const shared: Array<[string, string]> = [];
  const numbered = new Map<number, Array<[string, string]>>();
  for (const [key, value] of pairs) {
    const match = prefix.exec(key);
    if (match && match[1] === operation && operation !== "") {
      const n = Number(match[2]);
      if (!numbered.has(n)) numbered.set(n, []);
      numbered.get(n)!.push([match[3], value]);
    } else shared.push([key, value]);
  }
  if (numbered.size === 0) return [fromPairs(shared)];
  return [...numbered.entries()].sort(([a], [b]) => a - b).map(([, own]) => fromPairs([...shared, ...own]));
}
