// Legacy request parameters, one shape for both transports (LEGACY-API.md §2.3, §1.2, §1.6):
// - REST flattens structures into dotted names: `Reward.1.Amount`, `QualificationRequirement.2.LocaleValue.1.Country`,
//   `ResponseGroup.1`, or un-indexed (`LocaleValue.Country`, repeated `ResponseGroup=…`); all of them are accepted.
// - SOAP nests elements; an element without element children is a value.
// Both become a ParamNode: every name maps to a list of values (strings or nested nodes), in index order.
// `Params` reads typed values out of a node, failing with the legacy parameter errors.
import { normaliseReward } from "../../domain/commands/hit-types";
import { childElements, textContent, type XmlElement } from "../../domain/questions/xml";
import { legacyErrors } from "./errors";

export type ParamValue = string | ParamNode;

export class ParamNode {
  readonly entries = new Map<string, ParamValue[]>();

  get(name: string): ParamValue[] {
    return this.entries.get(name) ?? [];
  }

  add(name: string, value: ParamValue): void {
    const list = this.entries.get(name);
    if (list) list.push(value);
    else this.entries.set(name, [value]);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }
}

// ---- Building ----

interface Slot {
  indexed: Map<number, Builder | string>;
  plain: Array<Builder | string>;
}
type Builder = Map<string, Slot>;

const INDEX = /^[0-9]+$/;

/** REST: `name=value` pairs (query and body merged, in order) → one node. */
export function fromPairs(pairs: ReadonlyArray<readonly [string, string]>): ParamNode {
  const root: Builder = new Map();
  for (const [key, value] of pairs) {
    if (key === "") continue;
    place(root, key.split("."), value);
  }
  return finish(root);
}

function place(node: Builder, segments: string[], value: string): void {
  let current = node;
  for (let i = 0; i < segments.length; ) {
    const name = segments[i++];
    let index: number | undefined;
    if (i < segments.length && INDEX.test(segments[i])) index = Number(segments[i++]);
    let slot = current.get(name);
    if (!slot) current.set(name, (slot = { indexed: new Map(), plain: [] }));
    if (i >= segments.length) {
      if (index === undefined) slot.plain.push(value);
      else slot.indexed.set(index, value);
      return;
    }
    // An un-indexed structure (`LocaleValue.Country`) is the structure at index 1.
    const at = index ?? 1;
    let child = slot.indexed.get(at);
    if (child === undefined || typeof child === "string") slot.indexed.set(at, (child = new Map()));
    current = child;
  }
}

function finish(builder: Builder): ParamNode {
  const node = new ParamNode();
  for (const [name, slot] of builder) {
    const ordered = [...slot.indexed.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
    for (const value of [...ordered, ...slot.plain]) node.add(name, typeof value === "string" ? value : finish(value));
  }
  return node;
}

/** SOAP: the children of a request element → one node. */
export function fromXml(element: XmlElement): ParamNode {
  const node = new ParamNode();
  for (const child of childElements(element)) {
    node.add(child.name, childElements(child).length ? fromXml(child) : textContent(child));
  }
  return node;
}

// ---- Reading ----

const TRUE = new Set(["true", "1"]);
const FALSE = new Set(["false", "0"]);

export interface IntRange {
  min?: number;
  max?: number;
}

/** Typed reads of one node. Names in errors are the parameter names as the client spells them. */
export class Params {
  constructor(
    readonly node: ParamNode = new ParamNode(),
    private readonly prefix = "",
  ) {}

  private full(name: string): string {
    return this.prefix ? `${this.prefix}.${name}` : name;
  }

  has(name: string): boolean {
    return this.values(name).length > 0;
  }

  /** The leaf values given for a name (structures are skipped). */
  values(name: string): string[] {
    return this.node.get(name).filter((v): v is string => typeof v === "string");
  }

  /**
   * The first value, or undefined when absent. `noneIsAbsent`: boto 2 sends the literal string "None" for some
   * optional parameters it was not given (Query, Reason), which then means "not given".
   */
  str(name: string, options: { noneIsAbsent?: boolean } = {}): string | undefined {
    const value = this.values(name)[0];
    if (value === undefined && this.node.get(name).length > 0) {
      // A SOAP client sent markup where text belongs (node-soap does not escape strings: escape the XML first).
      throw legacyErrors.invalid(this.full(name), "<…>", "It must be text: send an XML value such as a Question escaped (&lt;…), not as child elements.");
    }
    if (value === undefined || (options.noneIsAbsent && value === "None")) return undefined;
    return value;
  }

  reqStr(name: string): string {
    const value = this.str(name);
    if (value === undefined || value === "") throw legacyErrors.missing(this.full(name));
    return value;
  }

  /** Every value of a repeatable parameter; `commas` also splits comma-separated lists ("Approved,Rejected"). */
  strs(name: string, options: { commas?: boolean } = {}): string[] {
    const values = this.values(name);
    const split = options.commas ? values.flatMap((v) => v.split(",")) : values;
    return split.map((v) => v.trim()).filter((v) => v !== "");
  }

  int(name: string, range: IntRange = {}): number | undefined {
    const raw = this.str(name);
    if (raw === undefined || raw.trim() === "") return undefined;
    return this.toInt(name, raw, range);
  }

  reqInt(name: string, range: IntRange = {}): number {
    const value = this.int(name, range);
    if (value === undefined) throw legacyErrors.missing(this.full(name));
    return value;
  }

  ints(name: string, range: IntRange = {}): number[] {
    return this.strs(name).map((raw) => this.toInt(name, raw, range));
  }

  private toInt(name: string, raw: string, range: IntRange): number {
    const text = raw.trim();
    if (!/^[+-]?[0-9]+$/.test(text) || !Number.isSafeInteger(Number(text))) throw legacyErrors.invalid(this.full(name), raw);
    const value = Number(text);
    const min = range.min ?? Number.MIN_SAFE_INTEGER;
    const max = range.max ?? Number.MAX_SAFE_INTEGER;
    if (value < min || value > max) throw legacyErrors.outOfRange(this.full(name), value, min, max);
    return value;
  }

  /** xs:boolean plus Python's str(True): True/False/true/false/1/0. */
  bool(name: string): boolean | undefined {
    const raw = this.str(name);
    if (raw === undefined || raw.trim() === "") return undefined;
    const text = raw.trim().toLowerCase();
    if (TRUE.has(text)) return true;
    if (FALSE.has(text)) return false;
    throw legacyErrors.invalid(this.full(name), raw, "Use true or false.");
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], options: { noneIsAbsent?: boolean } = {}): T | undefined {
    const raw = this.str(name, options);
    if (raw === undefined || raw === "") return undefined;
    if (!allowed.includes(raw as T)) throw legacyErrors.invalid(this.full(name), raw, `Valid values are ${allowed.join(", ")}.`);
    return raw as T;
  }

  manyOf<T extends string>(name: string, allowed: readonly T[], options: { commas?: boolean } = {}): T[] {
    return this.strs(name, options).map((raw) => {
      if (!allowed.includes(raw as T)) throw legacyErrors.invalid(this.full(name), raw, `Valid values are ${allowed.join(", ")}.`);
      return raw as T;
    });
  }

  /** The structures given for a name, in index order. An empty SOAP element is an empty structure. */
  structs(name: string): Params[] {
    return this.node.get(name).map((v, i) => new Params(typeof v === "string" ? new ParamNode() : v, this.full(`${name}.${i + 1}`)));
  }

  struct(name: string): Params | undefined {
    return this.structs(name)[0];
  }

  /**
   * A Price (`Reward.1.Amount`, `Reward.1.CurrencyCode`): the amount with two decimals. boto 2 sends str(float),
   * so "0.1" and "10.0" are fine; only USD exists.
   */
  price(name: string): string | undefined {
    const price = this.struct(name);
    if (!price) {
      if (this.has(name)) throw legacyErrors.invalid(this.full(name), this.str(name)!, `A price is a structure: send ${this.full(name)}.1.Amount and ${this.full(name)}.1.CurrencyCode.`);
      return undefined;
    }
    const amount = price.reqStr("Amount").trim();
    const currency = price.str("CurrencyCode") ?? "USD";
    if (currency !== "USD") throw legacyErrors.invalid(price.full("CurrencyCode"), currency, "The only currency is USD.");
    const match = /^([0-9]+)(?:\.([0-9]*))?$/.exec(amount);
    if (!match) throw legacyErrors.invalid(price.full("Amount"), amount);
    const fraction = (match[2] ?? "").replace(/0+$/, "");
    if (fraction.length > 2) {
      // boto 2 sends str(float): 0.1 * 3 arrives as "0.30000000000000004". Binary-float noise is rounded to the
      // cent; a real third decimal ("0.125") is refused.
      const cents = Number(amount) * 100;
      if (Math.abs(cents - Math.round(cents)) > 1e-6 || !Number.isSafeInteger(Math.round(cents))) {
        throw legacyErrors.invalid(price.full("Amount"), amount, "Amounts are in whole cents.");
      }
      const rounded = Math.round(cents);
      return normaliseReward(`${Math.floor(rounded / 100)}.${String(rounded % 100).padStart(2, "0")}`);
    }
    return normaliseReward(`${match[1]}.${fraction}`);
  }

  reqPrice(name: string): string {
    const value = this.price(name);
    if (value === undefined) throw legacyErrors.missing(`${this.full(name)}.1.Amount`);
    return value;
  }
}
