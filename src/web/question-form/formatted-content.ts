// FormattedContent: XHTML carried in a QuestionForm, restricted by MTurk to an XHTML subset
// (question-schemas/2006-07-14/FormattedContentXHTMLSubset.xsd). It is reduced here to that subset — its
// elements and attributes, links only to http(s), ftp and mailto — and then shown in a sandboxed frame
// without scripts, so nothing a requester writes runs in the site's pages.
import { parseXmlDocument, type XmlElement, type XmlNode } from "../../domain/questions/xml";
import { escapeHtml, html, type Html } from "../html";

/** The elements of the XHTML subset. */
const ELEMENTS = new Set([
  "a", "area", "b", "big", "blockquote", "br", "center", "cite", "code", "col", "colgroup", "dd", "del", "dl", "dt", "em", "font",
  "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li", "map", "ol", "p", "pre", "q", "s", "small", "strike", "strong",
  "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
]);

/** The attributes of the subset (it has no event handlers and no style). */
const ATTRIBUTES = new Set([
  "abbr", "accesskey", "align", "alt", "axis", "bgcolor", "border", "cellpadding", "cellspacing", "char", "charoff", "charset", "cite",
  "clear", "color", "colspan", "compact", "coords", "datetime", "dir", "face", "frame", "headers", "height", "href", "hreflang", "hspace",
  "id", "ismap", "lang", "longdesc", "name", "nohref", "noshade", "nowrap", "rel", "rev", "rowspan", "rules", "scope", "shape", "size",
  "span", "src", "start", "summary", "tabindex", "title", "type", "usemap", "valign", "value", "vspace", "width",
]);

const URL_ATTRIBUTES = new Set(["href", "src", "cite", "longdesc"]);
const URL_SCHEMES = /^(https?|ftp):\/\/|^mailto:/i;
const VOID = new Set(["area", "br", "col", "hr", "img"]);
/** Outside the subset and dropped with everything inside them; other unknown elements are unwrapped. */
const DROPPED = new Set([
  "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "template", "svg", "math", "head", "title",
  "textarea", "select", "option", "form", "input", "button", "audio", "video", "canvas", "link", "meta", "base",
]);

/** The content as markup of the XHTML subset, everything else removed. */
export function sanitizeFormattedContent(xhtml: string): string {
  let root: XmlElement;
  try {
    root = parseXmlDocument(`<FormattedContent>${xhtml}</FormattedContent>`);
  } catch {
    // CreateHIT refuses content that is not well-formed; should any get here, show it as text.
    return `<pre>${escapeHtml(xhtml)}</pre>`;
  }
  return root.children.map(node).join("");
}

function node(n: XmlNode): string {
  if (n.kind === "text") return escapeHtml(n.text);
  const name = n.name.toLowerCase();
  if (DROPPED.has(name)) return "";
  if (!ELEMENTS.has(name)) return n.children.map(node).join("");
  const attributes = Object.entries(n.attributes).flatMap(([rawName, value]) => {
    const attr = rawName.toLowerCase();
    if (!ATTRIBUTES.has(attr)) return [];
    if (URL_ATTRIBUTES.has(attr) && !URL_SCHEMES.test(value.trim())) return [];
    if (attr === "usemap" && !value.startsWith("#")) return [];
    if (name === "a" && attr === "rel") return [];
    return [` ${attr}="${escapeHtml(value)}"`];
  });
  // Links open outside the frame, without giving the new page a handle on this one.
  if (name === "a") attributes.push(' target="_blank" rel="noopener noreferrer"');
  const open = `<${name}${attributes.join("")}>`;
  return VOID.has(name) ? open : `${open}${n.children.map(node).join("")}</${name}>`;
}

/** The text of the content, for places that take no markup (a dropdown's options). */
export function formattedContentText(xhtml: string): string {
  try {
    const text = (el: XmlNode): string => (el.kind === "text" ? el.text : DROPPED.has(el.name.toLowerCase()) ? "" : el.children.map(text).join(""));
    return text(parseXmlDocument(`<FormattedContent>${xhtml}</FormattedContent>`)).replace(/\s+/g, " ").trim();
  } catch {
    return xhtml;
  }
}

/**
 * A frame for the content: sandboxed without allow-scripts (so nothing in it can run) but with allow-same-origin,
 * so the site's own script can size it to its content; links open in new, still sandboxed, windows.
 */
export function formattedContentFrame(xhtml: string, title = "Formatted content"): Html {
  const body = sanitizeFormattedContent(xhtml);
  const doc =
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><base target="_blank">` +
    `<link rel="stylesheet" href="/static/formatted.css"></head><body>${body}</body></html>`;
  const lines = Math.max(2, Math.min(30, Math.ceil(formattedContentText(xhtml).length / 90) + (body.match(/<(p|li|tr|br|h\d|div)\b/g)?.length ?? 0)));
  return html`<iframe class="formatted" sandbox="allow-same-origin allow-popups" title="${title}" srcdoc="${doc}" height="${lines * 26}"></iframe>`;
}
