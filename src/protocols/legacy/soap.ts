// Legacy SOAP 1.1 (LEGACY-API.md §4): Envelope/Body/<Operation xmlns="…/doc/<version>"> with AWSAccessKeyId,
// Timestamp, Signature and one or more Request elements (children read in any order). The answer is
// Envelope/Body/<Operation>Response in the same namespace; errors travel inside it as in REST. A SOAP Fault
// answers only what has no operation response: an envelope that cannot be read, and injected faults.
// The envelope is parsed with the product's one safe XML parser (no DTDs, no entities).
import type { Request, Response } from "express";
import { childElements, parseXmlDocument, textContent, XmlSyntaxError, type XmlElement } from "../../domain/questions/xml";
import { baseUrl } from "./detect";
import { runLegacyCall, type LegacyDeps } from "./dispatch";
import type { LegacyVersion } from "./operations";
import { fromXml, ParamNode } from "./params";
import { serializeSoap, serializeSoapFault, SOAP_ENVELOPE_NS } from "./render/xml";

const SOAP12_ENVELOPE_NS = "http://www.w3.org/2003/05/soap-envelope";
const REQUESTER_NS = /^http:\/\/requester\.mturk\.amazonaws\.com\/doc\/(\d{4}-\d{2}-\d{2})$/;
export const DEFAULT_NAMESPACE = "http://requester.mturk.amazonaws.com/doc/2014-08-15";
const AUTH_FIELDS = new Set(["AWSAccessKeyId", "Timestamp", "Signature", "Validate", "Credential"]);

class EnvelopeError extends Error {}

export async function handleLegacySoap(deps: LegacyDeps, req: Request, res: Response): Promise<void> {
  const send = (status: number, body: string) => res.status(status).setHeader("content-type", "text/xml; charset=utf-8").end(body);
  let operation: XmlElement;
  try {
    operation = operationElement((req.body as Buffer).toString("utf8"));
  } catch (err) {
    if (!(err instanceof EnvelopeError) && !(err instanceof XmlSyntaxError)) throw err;
    const why = err instanceof XmlSyntaxError ? `The request is not well-formed XML: ${err.detail}` : err.message;
    deps.requestLog.record({ time: new Date().toISOString(), protocol: "legacy-soap", operation: "?", status: 500, error: "soapenv:Client", ms: 0 });
    send(500, serializeSoapFault("soapenv:Client", why));
    return;
  }
  const namespace = REQUESTER_NS.test(operation.namespace) ? operation.namespace : DEFAULT_NAMESPACE;
  const field = (name: string) => {
    const found = childElements(operation).find((child) => child.name === name);
    return found && textContent(found).trim();
  };
  const requests = childElements(operation).filter((child) => child.name === "Request");
  const answer = await runLegacyCall(deps, {
    protocol: "legacy-soap",
    operation: operation.name,
    credentials: { operation: operation.name, accessKeyId: field("AWSAccessKeyId"), timestamp: field("Timestamp"), signature: field("Signature") },
    requests: requests.length ? requests.map(fromXml) : [looseRequest(operation)],
    version: REQUESTER_NS.exec(namespace)![1] === "2012-03-25" ? "2012-03-25" : ("2014-08-15" as LegacyVersion),
    baseUrl: baseUrl(req),
  });
  if (answer.fault) {
    send(500, serializeSoapFault(`aws:Server.${answer.fault.code.replace(/^AWS\./, "")}`, answer.fault.message, { aws: "http://webservices.amazon.com/AWSFault/2005-15-09" }));
    return;
  }
  send(answer.status, serializeSoap(answer.document, namespace));
}

function operationElement(text: string): XmlElement {
  const envelope = parseXmlDocument(text.replace(/^\uFEFF/, ""));
  if (envelope.name !== "Envelope" || (envelope.namespace !== SOAP_ENVELOPE_NS && envelope.namespace !== SOAP12_ENVELOPE_NS)) {
    throw new EnvelopeError(`The request is not a SOAP envelope: its root element is <${envelope.name}> in the namespace "${envelope.namespace}".`);
  }
  const body = childElements(envelope).find((child) => child.name === "Body" && child.namespace === envelope.namespace);
  if (!body) throw new EnvelopeError("The SOAP envelope has no Body.");
  const operation = childElements(body)[0];
  if (!operation) throw new EnvelopeError("The SOAP Body is empty: it must hold the operation element, e.g. <GetAccountBalance>.");
  return operation;
}

/** Without Request elements, the operation element's own children (minus the authentication fields) are the request. */
function looseRequest(operation: XmlElement): ParamNode {
  const node = fromXml(operation);
  for (const name of AUTH_FIELDS) node.entries.delete(name);
  return node;
}
