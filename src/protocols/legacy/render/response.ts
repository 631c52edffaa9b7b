// The response document every legacy operation answers with (LEGACY-API.md §2.1, §3.1):
//   <OpResponse><OperationRequest><RequestId/>[<Errors/>]</OperationRequest>
//     <ResultElement><Request><IsValid>True|False</IsValid>[echo][<Errors/>]</Request>…</ResultElement>*
//   </OpResponse>
// A request-level error has no result element; an operation-level error has a result with only its Request.
import type { WireLegacyError } from "../errors";
import { el, leaf, pyBool, type XChild, type XNode } from "./xml";

export type ResultOutcome = { ok: true; children: XChild[] } | { ok: false; error: WireLegacyError };

export interface RenderedResult {
  /** HIT, QualificationType, GetStatisticResult, <Op>Result, … */
  element: string;
  /** The request echoed back (ResponseGroup Request). */
  echo?: XNode;
  outcome: ResultOutcome;
}

export function errorsElement(error: WireLegacyError): XNode {
  return el(
    "Errors",
    el(
      "Error",
      leaf("Code", error.code),
      leaf("Message", error.message),
      error.data.map((d) => el("Data", leaf("Key", d.key), leaf("Value", d.value))),
    ),
  );
}

export function responseDocument(operation: string, requestId: string, results: RenderedResult[], requestError?: WireLegacyError): XNode {
  return el(
    `${operation}Response`,
    el("OperationRequest", leaf("RequestId", requestId), requestError && errorsElement(requestError)),
    results.map((r) =>
      el(
        r.element,
        el("Request", leaf("IsValid", pyBool(r.outcome.ok)), r.echo, !r.outcome.ok && errorsElement(r.outcome.error)),
        r.outcome.ok && r.outcome.children,
      ),
    ),
  );
}
