// Checks a request body against the generated input schema of its operation, failing the way the
// service does: constraint violations are ParameterValidationErrors naming the model member, JSON
// type mismatches are SerializationExceptions.
import type Ajv from "ajv";
import type { ErrorObject, ValidateFunction } from "ajv";
import { errors } from "../domain/errors";
import type { OperationName } from "./generated/operations";
import { INPUT_SCHEMAS } from "./generated/schemas";

export class SerializationError extends Error {
  override name = "SerializationException";
}

interface MemberSchema {
  "x-member"?: string; // absent only on the root (the request body)
  type: "object" | "array" | "string" | "integer" | "number" | "boolean";
  minimum?: number;
  maximum?: number;
}

// For a range bounded on one side only: the limited members are counts and durations, never
// negative, and the model's integers are 32-bit.
const DEFAULT_MIN = 0;
const DEFAULT_MAX = 2147483647;

// Numbers in the schemas are only ever timestamps.
const TARGET_TYPE: Record<MemberSchema["type"], string> = {
  object: "a Structure",
  array: "a List",
  string: "a String",
  integer: "an Integer",
  number: "a Timestamp",
  boolean: "a Boolean",
};

let ajv: Ajv | undefined;
const validators = new Map<OperationName, ValidateFunction>();

function validatorFor(operation: OperationName): ValidateFunction {
  let validate = validators.get(operation);
  if (!validate) {
    // verbose: errors carry the offending value and the schema holding "x-member";
    // messages: false: ajv's own texts are never shown.
    // ajv is loaded by the first call (~50 ms), not at start-up.
    ajv ??= new (require("ajv") as typeof import("ajv")).default({ allErrors: false, verbose: true, messages: false, strict: true, keywords: ["x-member"] });
    validate = ajv.compile(INPUT_SCHEMAS[operation]);
    validators.set(operation, validate);
  }
  return validate;
}

/**
 * Throws on the first constraint the input violates. Drops null members in place first: the service
 * treats an explicit null as an absent member, and handlers can then trust the generated types.
 */
export function validateInput(operation: OperationName, input: unknown): void {
  dropNullMembers(input, 0);
  const validate = validatorFor(operation);
  if (!validate(input)) throw toError(validate.errors![0]);
}

/** The model's deepest input (CreateHIT's review policies) nests 7 levels; much deeper JSON is refused. */
export const MAX_JSON_DEPTH = 64;

function dropNullMembers(value: unknown, depth: number): void {
  if (value === null || typeof value !== "object") return;
  // Also what keeps a body of 100,000 nested brackets from overflowing the stack.
  if (depth >= MAX_JSON_DEPTH) throw new SerializationError(`The request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  if (Array.isArray(value)) {
    for (const item of value) dropNullMembers(item, depth + 1);
  } else {
    const members = value as Record<string, unknown>;
    for (const key of Object.keys(members)) {
      if (members[key] === null) delete members[key];
      else dropNullMembers(members[key], depth + 1);
    }
  }
}

function toError(error: ErrorObject): Error {
  const schema = error.parentSchema as MemberSchema;
  const name = schema["x-member"] ?? "request body";
  switch (error.keyword) {
    case "required":
      return errors.missing((error.params as { missingProperty: string }).missingProperty);
    case "type":
      return new SerializationError(`${jsonKind(error.data)} can not be converted to ${TARGET_TYPE[schema.type]} (${name})`);
    case "minimum":
    case "maximum":
      return errors.outOfRange(name, error.data as number, schema.minimum ?? DEFAULT_MIN, schema.maximum ?? DEFAULT_MAX);
    default: // minLength, maxLength, pattern, enum, minItems, maxItems
      return errors.invalidParameter(name, Array.isArray(error.data) ? error.data.length : error.data);
  }
}

// Modelled on the service's own wording, "STRING_VALUE can not be converted to an Integer".
function jsonKind(value: unknown): string {
  if (value === null) return "NULL_VALUE";
  if (Array.isArray(value)) return "LIST_VALUE";
  return typeof value === "object" ? "STRUCTURE_VALUE" : `${(typeof value).toUpperCase()}_VALUE`;
}
