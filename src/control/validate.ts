// Control-API bodies are checked against JSON Schemas; a bad body gets a 400 naming the field.
import Ajv, { type ErrorObject, type Schema } from "ajv";
import { ControlError } from "./http";

const ajv = new Ajv({ allErrors: false, strict: true });

export function bodyValidator<T>(schema: Schema): (body: unknown) => T {
  const validate = ajv.compile(schema);
  return (body) => {
    if (!validate(body)) throw new ControlError(400, "InvalidParameter", describe(validate.errors![0]));
    return body as T;
  };
}

/** "count: must be >= 1", "(body): must have required property 'effect'", … */
export function describe(error: ErrorObject): string {
  const path = error.instancePath
    .split("/")
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join("")
    .replace(/^\./, "");
  const allowed = error.keyword === "enum" ? ` (${(error.params as { allowedValues: unknown[] }).allowedValues.join(", ")})` : "";
  const extra = error.keyword === "additionalProperties" ? ` '${(error.params as { additionalProperty: string }).additionalProperty}'` : "";
  return `${path || "(body)"}: ${error.message}${extra}${allowed}`;
}
