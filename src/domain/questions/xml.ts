// The one XML parse entry point for the product. Requester- and worker-supplied XML is untrusted, so:
// DTDs are refused outright (no entity can be declared, which defeats billion-laughs and XXE), the parser
// never expands entities itself (we decode only the five predefined ones and character references), and
// nothing is ever fetched.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { errors } from "../errors";

export interface XmlElement {
  kind: "element";
  /** Local name, without any prefix. */
  name: string;
  /** Namespace URI after resolving xmlns declarations; "" when the element is in no namespace. */
  namespace: string;
  /** Attributes by their name as written (e.g. "href", "xml:lang"); xmlns declarations are not included. */
  attributes: Record<string, string>;
  children: XmlNode[];
}

export interface XmlText {
  kind: "text";
  text: string;
  /** True for a CDATA section, so a renderer can tell markup-as-text from ordinary text. */
  cdata: boolean;
}

export type XmlNode = XmlElement | XmlText;

/** A well-formedness problem; `detail` is phrased to follow "is not well-formed XML: ". */
export class XmlSyntaxError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = "XmlSyntaxError";
  }
}

const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
const MAX_DEPTH = 100;
const TEXT = "#text";
const CDATA = "#cdata";
const ATTRIBUTES = ":@";

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: CDATA,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
});

/**
 * Parses `text` into its root element. `what` names the parameter in error messages. Throws a RequestError
 * with TurkErrorCode AWS.MechanicalTurk.XMLParseError when the document is not well-formed or has a DTD.
 */
export function parseXml(text: string, what: string): XmlElement {
  try {
    return parseXmlDocument(text);
  } catch (e) {
    if (e instanceof XmlSyntaxError) {
      throw errors.request("AWS.MechanicalTurk.XMLParseError", `The value of ${what} is not well-formed XML: ${e.detail}`);
    }
    throw e;
  }
}

/** Like parseXml, but throws XmlSyntaxError so callers can word the error for their context. */
export function parseXmlDocument(text: string): XmlElement {
  const normalized = text.replace(/\r\n?/g, "\n"); // XML 1.0 §2.11 end-of-line handling
  refuseDtd(normalized);
  const illegal = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.exec(normalized);
  if (illegal) throw new XmlSyntaxError(`it contains the character ${codePoint(illegal[0])}, which XML does not allow.`);
  const validation = XMLValidator.validate(normalized);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw new XmlSyntaxError(`line ${line}${col ? `, column ${col}` : ""}: ${msg}${msg.endsWith(".") ? "" : "."}`);
  }
  let parsed: OrderedNode[];
  try {
    parsed = parser.parse(normalized) as OrderedNode[];
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new XmlSyntaxError(message.includes("nested") ? `elements are nested more than ${MAX_DEPTH} levels deep.` : message);
  }
  const roots = parsed.filter((node) => !(TEXT in node));
  if (roots.length !== 1) throw new XmlSyntaxError(`a document must have exactly one root element, found ${roots.length}.`);
  return toElement(roots[0], new Map([["xml", XML_NAMESPACE]]));
}

/** The concatenated text and CDATA content of an element's direct children. */
export function textContent(element: XmlElement): string {
  return element.children.map((child) => (child.kind === "text" ? child.text : "")).join("");
}

export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((child): child is XmlElement => child.kind === "element");
}

// fast-xml-parser's preserveOrder shape: { tag: children, ":@": attributes } | { "#text": text } | { "#cdata": [{ "#text" }] }
type OrderedNode = Record<string, unknown>;

// A DTD can only appear in the prolog, but CDATA sections and comments may legitimately contain the text
// "<!DOCTYPE" (HTMLQuestion content usually starts with "<!DOCTYPE html>"), so skip over those. A linear
// scan rather than a regex, so that a document full of unterminated "<![CDATA[" cannot make it quadratic.
function refuseDtd(text: string): void {
  const dtd = /<!(DOCTYPE|ENTITY)/i;
  let at = 0;
  while ((at = text.indexOf("<!", at)) >= 0) {
    const section = SKIPPED_SECTIONS.find(([open]) => text.startsWith(open, at));
    if (!section) {
      if (dtd.test(text.slice(at, at + 9))) throw DTD_REFUSED();
      at += 2;
      continue;
    }
    const end = text.indexOf(section[1], at + section[0].length);
    if (end < 0) {
      // Unterminated, so malformed anyway (the validator says so) unless the rest hides a DTD.
      if (dtd.test(text.slice(at))) throw DTD_REFUSED();
      return;
    }
    at = end + section[1].length;
  }
}

const SKIPPED_SECTIONS: Array<[open: string, close: string]> = [["<![CDATA[", "]]>"], ["<!--", "-->"]];
const DTD_REFUSED = () => new XmlSyntaxError("it contains a document type declaration (<!DOCTYPE or <!ENTITY). DTDs are not allowed.");

function toElement(node: OrderedNode, inScope: ReadonlyMap<string, string>): XmlElement {
  const qname = Object.keys(node).find((key) => key !== ATTRIBUTES)!;
  const rawAttributes = (node[ATTRIBUTES] ?? {}) as Record<string, string>;
  const scope = new Map(inScope);
  const attributes: Record<string, string> = {};
  for (const [name, raw] of Object.entries(rawAttributes)) {
    if (raw.includes("<")) throw new XmlSyntaxError(`the value of attribute ${name} on <${qname}> contains "<", which must be written as &lt;.`);
    const value = decodeReferences(raw.replace(/[\t\n]/g, " ")); // XML 1.0 §3.3.3 attribute-value normalization
    if (name === "xmlns") scope.set("", value);
    else if (name.startsWith("xmlns:")) scope.set(name.slice("xmlns:".length), value);
    else attributes[name] = value;
  }
  for (const name of Object.keys(attributes)) {
    const prefix = prefixOf(name);
    if (prefix && !scope.has(prefix)) throw new XmlSyntaxError(`the namespace prefix "${prefix}" of attribute ${name} is not declared.`);
  }
  const prefix = prefixOf(qname);
  const namespace = scope.get(prefix);
  if (prefix && namespace === undefined) throw new XmlSyntaxError(`the namespace prefix "${prefix}" of <${qname}> is not declared.`);
  const children = (node[qname] as OrderedNode[]).map((child) => toNode(child, scope));
  return { kind: "element", name: qname.slice(prefix ? prefix.length + 1 : 0), namespace: namespace ?? "", attributes, children };
}

function toNode(node: OrderedNode, scope: ReadonlyMap<string, string>): XmlNode {
  if (TEXT in node) return { kind: "text", text: decodeReferences(String(node[TEXT])), cdata: false };
  if (CDATA in node) {
    const text = (node[CDATA] as OrderedNode[]).map((part) => String(part[TEXT] ?? "")).join("");
    return { kind: "text", text, cdata: true };
  }
  return toElement(node, scope);
}

function prefixOf(qname: string): string {
  const colon = qname.indexOf(":");
  return colon < 0 ? "" : qname.slice(0, colon);
}

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeReferences(raw: string): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(/&([^;&\s<]*);?/g, (whole, body: string) => {
    if (!whole.endsWith(";")) throw new XmlSyntaxError(`"${whole}" is not a valid reference; write a literal & as &amp;.`);
    if (body.startsWith("#")) return characterReference(whole, body);
    const value = PREDEFINED[body];
    if (value === undefined) {
      throw new XmlSyntaxError(`the entity ${whole} is not defined; only &lt; &gt; &amp; &quot; &apos; and character references are supported.`);
    }
    return value;
  });
}

function characterReference(whole: string, body: string): string {
  const code = /^#x[0-9a-fA-F]+$/.test(body) ? parseInt(body.slice(2), 16) : /^#[0-9]+$/.test(body) ? parseInt(body.slice(1), 10) : NaN;
  const allowed =
    code === 0x9 || code === 0xa || code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  if (!allowed) throw new XmlSyntaxError(`${whole} is not a reference to a character XML allows.`);
  return String.fromCodePoint(code);
}

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}
