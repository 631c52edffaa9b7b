// A small element tree the legacy renderers build, serialised with xmlbuilder2: compact (no whitespace between
// tags, which clients that match substrings such as "<Request><IsValid>" need) with an `<?xml version="1.0"?>` prolog.
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";

// xmlbuilder2 (with its DOM) takes ~100 ms to load: loaded by the first legacy response, not at start-up.
const create = (options: { version: "1.0" }): XMLBuilder => (require("xmlbuilder2") as typeof import("xmlbuilder2")).create(options);

export interface XNode {
  name: string;
  /** Text content, or child elements. */
  content: string | XNode[];
}

export type XChild = XNode | undefined | false | XChild[];

/** An element with child elements; undefined/false children are dropped and nested arrays flattened. */
export function el(name: string, ...children: XChild[]): XNode {
  return { name, content: flatten(children) };
}

/** An element with text, or nothing when the value is absent. */
export function leaf(name: string, value: string | number | boolean | undefined | null): XNode | undefined {
  if (value === undefined || value === null) return undefined;
  return { name, content: typeof value === "boolean" ? (value ? "true" : "false") : String(value) };
}

export function flatten(children: XChild[]): XNode[] {
  const out: XNode[] = [];
  for (const child of children) {
    if (Array.isArray(child)) out.push(...flatten(child));
    else if (child) out.push(child);
  }
  return out;
}

/** xs:dateTime as the service wrote it: UTC, whole seconds. */
export const dateTime = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z"));

/** "True"/"False", the way IsValid is spelled. */
export const pyBool = (value: boolean): string => (value ? "True" : "False");

function append(parent: XMLBuilder, node: XNode, namespace: string | undefined): void {
  const element = namespace === undefined ? parent.ele(node.name) : parent.ele(namespace, node.name);
  if (typeof node.content === "string") {
    if (node.content !== "") element.txt(node.content);
  } else {
    for (const child of node.content) append(element, child, namespace);
  }
}

/** A whole REST response document: the root in no namespace (as real REST responses were). */
export function serialize(root: XNode): string {
  const doc = create({ version: "1.0" });
  append(doc, root, undefined);
  return doc.end({ prettyPrint: false });
}

export const SOAP_ENVELOPE_NS = "http://schemas.xmlsoap.org/soap/envelope/";

/** A SOAP 1.1 envelope around `body`, whose elements are in `namespace` (the requested API version's). */
export function serializeSoap(body: XNode, namespace: string): string {
  const doc = create({ version: "1.0" });
  const bodyElement = doc.ele(SOAP_ENVELOPE_NS, "soapenv:Envelope").ele(SOAP_ENVELOPE_NS, "soapenv:Body");
  append(bodyElement, body, namespace);
  return doc.end({ prettyPrint: false });
}

/** A SOAP 1.1 fault, for what cannot be answered in the operation's own response element. */
export function serializeSoapFault(faultcode: string, faultstring: string, namespaces: Record<string, string> = {}): string {
  const doc = create({ version: "1.0" });
  const envelope = doc.ele(SOAP_ENVELOPE_NS, "soapenv:Envelope");
  for (const [prefix, uri] of Object.entries(namespaces)) envelope.att("http://www.w3.org/2000/xmlns/", `xmlns:${prefix}`, uri);
  const fault = envelope.ele(SOAP_ENVELOPE_NS, "soapenv:Body").ele(SOAP_ENVELOPE_NS, "soapenv:Fault");
  fault.ele("faultcode").txt(faultcode);
  fault.ele("faultstring").txt(faultstring);
  return doc.end({ prettyPrint: false });
}
