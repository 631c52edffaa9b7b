// HITLayout: a project template (HTML, as on the Requester website) merged with HITLayoutParameters
// (MODERN-API.md §5.2). The merged page behaves like an HTMLQuestion, so that is what we produce and store.
import { errors } from "../errors";
import { NAMESPACES } from "./namespaces";
import { MAX_DOCUMENT_BYTES } from "./schema";

// Every ${…} is a placeholder, as on the Requester website; a template that needs a literal "${" (e.g. a
// JavaScript template literal) has to get it from a parameter.
const PLACEHOLDER = /\$\{([^{}]*)\}/g;

/**
 * Substitutes `${name}` placeholders with parameter values, verbatim (values may carry HTML on purpose), and
 * wraps the result in an HTMLQuestion document with FrameHeight 0 (auto-resize). Every placeholder must be
 * given a value and every parameter must be used.
 */
export function applyHitLayout(template: string, params: ReadonlyArray<{ Name: string; Value: string }>): string {
  const values = new Map<string, string>();
  for (const { Name, Value } of params) {
    if (values.has(Name)) throw errors.parameter(`The HITLayoutParameter ${JSON.stringify(Name)} is given more than once.`);
    values.set(Name, Value);
  }
  const placeholders = new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]));
  const missing = [...placeholders].filter((name) => !values.has(name));
  if (missing.length > 0) {
    throw errors.parameter(
      `The HIT layout has placeholders with no HITLayoutParameter: ${missing.map(show).join(", ")}. Give a value for every placeholder.`,
    );
  }
  const unused = [...values.keys()].filter((name) => !placeholders.has(name));
  if (unused.length > 0) {
    throw errors.parameter(`The HIT layout has no placeholder for the HITLayoutParameters ${unused.map((n) => JSON.stringify(n)).join(", ")}.`);
  }
  const html = template.replace(PLACEHOLDER, (_, name: string) => values.get(name)!);
  const question =
    `<HTMLQuestion xmlns="${NAMESPACES.htmlQuestion}"><HTMLContent>${cdata(html)}</HTMLContent>` +
    `<FrameHeight>0</FrameHeight></HTMLQuestion>`;
  const bytes = Buffer.byteLength(question, "utf8");
  if (bytes > MAX_DOCUMENT_BYTES) {
    throw errors.parameter(
      `The HIT layout merged with its HITLayoutParameters is ${bytes} bytes long as an HTMLQuestion, which exceeds the maximum Question size of ${MAX_DOCUMENT_BYTES} bytes.`,
    );
  }
  return question;
}

function show(name: string): string {
  return `\${${name}}`;
}

// "]]>" cannot appear inside a CDATA section, so split it across two sections.
function cdata(text: string): string {
  return `<![CDATA[${text.split("]]>").join("]]]]><![CDATA[>")}]]>`;
}
