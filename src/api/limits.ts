// The model's limits (with spec/constraints.json merged in), for front ends that check parameters themselves,
// so a limit is written once: in the generated schemas.
import type { OperationName } from "./generated/operations";
import { INPUT_SCHEMAS } from "./generated/schemas";

interface MemberSchema {
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  maxItems?: number;
}

function member(operation: OperationName, name: string): MemberSchema {
  const schema = (INPUT_SCHEMAS[operation] as { properties: Record<string, MemberSchema> }).properties[name];
  if (!schema) throw new Error(`${operation} has no member ${name}`);
  return schema;
}

export const range = (operation: OperationName, name: string): { min: number; max: number } => {
  const { minimum, maximum } = member(operation, name);
  return { min: minimum!, max: maximum! };
};

export const maxLength = (operation: OperationName, name: string): number => member(operation, name).maxLength!;

export const maxItems = (operation: OperationName, name: string): number => member(operation, name).maxItems!;
