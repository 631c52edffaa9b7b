// Control-API bodies are checked against JSON Schemas; a bad body gets a 400 naming the field.
import type Ajv from "ajv";
import type { ErrorObject, Schema, ValidateFunction } from "ajv";
import { ControlError } from "./http";

let ajv: Ajv | undefined;

/** Compiled on first use: loading ajv and compiling every schema would cost start-up ~60 ms. */
export function bodyValidator<T>(schema: Schema): (body: unknown) => T {
  let validate: ValidateFunction | undefined;
  return (body) => {
    // verbose: errors carry their schema, so a message can list the properties a body may have.
    ajv ??= new (require("ajv") as typeof import("ajv")).default({ allErrors: false, strict: true, verbose: true });
    validate ??= ajv.compile(schema);
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
  const names = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
  const known = ["additionalProperties", "minProperties", "maxProperties"].includes(error.keyword) && names.length ? ` (properties: ${names.join(", ")})` : "";
  return `${path || "(body)"}: ${error.message}${extra}${allowed}${known}`;
}
