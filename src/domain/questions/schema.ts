// A small structural validator for the MTurk question-data XSDs. The schemas only use sequences, choices,
// min/maxOccurs, attributes and a few simple types, so each element type is a list of "slots" (a slot is
// one sequence position; several element names in one slot make it a choice) instead of a general XSD engine.
import { errors } from "../errors";
import { XmlElement, childElements, textContent } from "./xml";

/** Returns undefined when `value` is valid, else what it must be (e.g. "must be a positive integer"). */
export type ValueCheck = (value: string) => string | undefined;

export interface ElementType {
  content: { kind: "text"; check?: ValueCheck } | { kind: "elements"; slots: Slot[] } | { kind: "empty" };
  attributes?: Record<string, { check?: ValueCheck; required?: boolean }>;
}

export interface Slot {
  elements: Record<string, ElementType>;
  min: number;
  max: number;
}

export const text = (check?: ValueCheck): ElementType => ({ content: { kind: "text", check } });
export const elements = (...slots: Slot[]): ElementType => ({ content: { kind: "elements", slots } });
export const one = (elements: Record<string, ElementType>): Slot => ({ elements, min: 1, max: 1 });
export const optional = (elements: Record<string, ElementType>): Slot => ({ elements, min: 0, max: 1 });
export const oneOrMore = (elements: Record<string, ElementType>): Slot => ({ elements, min: 1, max: Infinity });
export const zeroOrMore = (elements: Record<string, ElementType>): Slot => ({ elements, min: 0, max: Infinity });

export interface SchemaContext {
  /** The API parameter the document came in, e.g. "Question"; used in every message. */
  parameter: string;
  namespace: string;
  /** Returns a message when an element the schema allows is nevertheless refused (e.g. by schema version). */
  refuse?: (name: string, path: string) => string | undefined;
}

export function schemaError(parameter: string, detail: string) {
  return errors.parameter(`The value of ${parameter} does not validate against the schema: ${detail}`);
}

/** For rules beyond what the XSD expresses (uniqueness, ranges, regex syntax). */
export function invalidDocument(parameter: string, detail: string) {
  return errors.parameter(`The value of ${parameter} is not valid: ${detail}`);
}

/** Question, Test and AnswerKey are each limited to 65,535 bytes, whitespace included [service model]. */
export const MAX_DOCUMENT_BYTES = 65535;

/** Throws a ParameterValidationError naming `parameter` when `xml` is too large in UTF-8. */
export function checkSize(parameter: string, xml: string): void {
  const bytes = Buffer.byteLength(xml, "utf8");
  if (bytes > MAX_DOCUMENT_BYTES) {
    throw errors.parameter(
      `The value of ${parameter} is ${bytes} bytes long, which exceeds the maximum of ${MAX_DOCUMENT_BYTES} bytes (measured in UTF-8, including whitespace).`,
    );
  }
}

/** Checks the root's name and namespace, then validates the whole tree against `type`. */
export function validateDocument(root: XmlElement, rootName: string, type: ElementType, context: SchemaContext): void {
  if (root.name !== rootName) throw schemaError(context.parameter, `the root element must be ${rootName}, not ${root.name}.`);
  if (root.namespace !== context.namespace) {
    throw schemaError(context.parameter, wrongNamespace(rootName, root.namespace, [context.namespace]));
  }
  validateElement(root, type, rootName, context);
}

export function wrongNamespace(rootName: string, actual: string, expected: string[]): string {
  const found = actual ? `it is in "${actual}"` : "it has no namespace";
  const wanted = expected.map((ns) => `"${ns}"`).join(" or ");
  return `the ${rootName} element must be in the namespace ${wanted} (declare it with xmlns="${expected[0]}"), but ${found}.`;
}

export function validateElement(element: XmlElement, type: ElementType, path: string, context: SchemaContext): void {
  if (element.namespace !== context.namespace) {
    const found = element.namespace ? `the namespace "${element.namespace}"` : "no namespace";
    throw schemaError(context.parameter, `${path} is in ${found}; it must be in "${context.namespace}".`);
  }
  validateAttributes(element, type, path, context.parameter);
  const content = type.content;
  const kids = childElements(element);
  if (content.kind === "elements") {
    const stray = element.children.find((child) => child.kind === "text" && child.text.trim() !== "");
    if (stray?.kind === "text") {
      throw schemaError(context.parameter, `${path} contains the text ${quote(stray.text.trim())}, but only elements are allowed there.`);
    }
    validateChildren(kids, content.slots, path, context);
    return;
  }
  if (kids.length > 0) {
    const found = `but it contains the element ${kids[0].name}`;
    throw schemaError(
      context.parameter,
      content.kind === "empty"
        ? `${path} must be empty, ${found}.`
        : `${path} must contain only text, ${found}; to pass markup as text, wrap it in <![CDATA[ … ]]>.`,
    );
  }
  const value = textContent(element);
  if (content.kind === "empty" && value.trim() !== "") {
    throw schemaError(context.parameter, `${path} must be empty, but it contains the text ${quote(value.trim())}.`);
  }
  const trimmed = value.trim();
  const problem = content.kind === "text" ? content.check?.(trimmed) : undefined;
  if (problem) throw schemaError(context.parameter, `${path} ${problem}${trimmed ? `, not ${quote(trimmed)}` : ""}.`);
}

function validateAttributes(element: XmlElement, type: ElementType, path: string, parameter: string): void {
  const declared = type.attributes ?? {};
  for (const [name, value] of Object.entries(element.attributes)) {
    if (name.includes(":")) continue; // namespaced attributes such as xsi:schemaLocation belong to other vocabularies
    const attribute = declared[name];
    if (!attribute) {
      const names = Object.keys(declared);
      const allowed = names.length ? `; allowed attributes are ${names.join(", ")}` : "; it takes no attributes";
      throw schemaError(parameter, `${path} has an unexpected attribute ${name}${allowed}.`);
    }
    const trimmed = value.trim();
    const problem = attribute.check?.(trimmed);
    if (problem) throw schemaError(parameter, `the ${name} attribute of ${path} ${problem}${trimmed ? `, not ${quote(trimmed)}` : ""}.`);
  }
  for (const [name, attribute] of Object.entries(declared)) {
    if (attribute.required && !(name in element.attributes)) {
      throw schemaError(parameter, `${path} is missing the required attribute ${name}.`);
    }
  }
}

function validateChildren(kids: XmlElement[], slots: Slot[], path: string, context: SchemaContext): void {
  const order = slots.flatMap((slot) => Object.keys(slot.elements)).join(", ");
  let slotIndex = 0;
  let count = 0;
  const seen = new Map<string, number>();
  for (const [position, kid] of kids.entries()) {
    const target = slots.findIndex((s, i) => i >= slotIndex && kid.name in s.elements);
    if (target < 0) {
      const known = slots.some((s) => kid.name in s.elements);
      throw schemaError(
        context.parameter,
        known
          ? `${path}/${kid.name} is out of order; the order must be ${order}.`
          : `${path} contains the unexpected element ${kid.name}; allowed elements are ${order}.`,
      );
    }
    for (; slotIndex < target; slotIndex += 1, count = 0) {
      checkMinimum(slots[slotIndex], count, kids.slice(position), path, order, context.parameter);
    }
    const slot = slots[slotIndex];
    if (count === slot.max) throw schemaError(context.parameter, tooMany(slot, path));
    count += 1;
    const index = (seen.get(kid.name) ?? 0) + 1;
    seen.set(kid.name, index);
    const kidPath = `${path}/${kid.name}${slot.max > 1 ? `[${index}]` : ""}`;
    const refusal = context.refuse?.(kid.name, kidPath);
    if (refusal) throw schemaError(context.parameter, refusal);
    validateElement(kid, slot.elements[kid.name], kidPath, context);
  }
  for (; slotIndex < slots.length; slotIndex += 1, count = 0) {
    checkMinimum(slots[slotIndex], count, [], path, order, context.parameter);
  }
}

function checkMinimum(slot: Slot, count: number, rest: XmlElement[], path: string, order: string, parameter: string): void {
  if (count >= slot.min) return;
  const misplaced = rest.find((kid) => kid.name in slot.elements);
  if (misplaced) throw schemaError(parameter, `${path}/${misplaced.name} is out of order; the order must be ${order}.`);
  throw schemaError(parameter, `${path} is missing ${describe(slot)}.`);
}

function tooMany(slot: Slot, path: string): string {
  const names = Object.keys(slot.elements);
  if (names.length > 1) return `${path} must contain only one of ${names.join(", ")}.`;
  return `${path} has more than ${slot.max === 1 ? "one" : slot.max} ${names[0]}.`;
}

function describe(slot: Slot): string {
  const names = Object.keys(slot.elements);
  return names.length === 1 ? names[0] : `one of ${names.join(", ")}`;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

// Simple types (values arrive whitespace-trimmed, as XSD's whitespace="collapse" facet does for them).

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

export const isInt: ValueCheck = (value) =>
  /^[+-]?\d+$/.test(value) && Number(value) >= INT_MIN && Number(value) <= INT_MAX
    ? undefined
    : `must be an integer between ${INT_MIN} and ${INT_MAX}`;

export const isNonNegativeInteger: ValueCheck = (value) =>
  /^\+?\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? undefined : "must be a non-negative integer";

export const isPositiveInteger = (max = Number.MAX_SAFE_INTEGER): ValueCheck => (value) =>
  /^\+?\d+$/.test(value) && Number(value) >= 1 && Number(value) <= max
    ? undefined
    : `must be a positive integer${max < Number.MAX_SAFE_INTEGER ? ` no greater than ${max}` : ""}`;

export const isBoolean: ValueCheck = (value) => (/^(true|false|1|0)$/.test(value) ? undefined : "must be true or false");

export const isDouble: ValueCheck = (value) =>
  /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value) && Number.isFinite(Number(value)) ? undefined : "must be a number";

export const isOneOf = (...allowed: string[]): ValueCheck => (value) =>
  allowed.includes(value) ? undefined : `must be one of ${allowed.join(", ")}`;

export const isNonEmpty: ValueCheck = (value) => (value === "" ? "must not be empty" : undefined);

// Typed readers for values a successful validation has already checked.

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return childElements(element).find((kid) => kid.name === name);
}

export function children(element: XmlElement, name: string): XmlElement[] {
  return childElements(element).filter((kid) => kid.name === name);
}

export function childText(element: XmlElement, name: string): string | undefined {
  const kid = child(element, name);
  return kid && textContent(kid).trim();
}

export function childNumber(element: XmlElement, name: string): number | undefined {
  const value = childText(element, name);
  return value === undefined ? undefined : Number(value);
}

export function attributeNumber(element: XmlElement | undefined, name: string): number | undefined {
  const value = element?.attributes[name];
  return value === undefined ? undefined : Number(value.trim());
}
