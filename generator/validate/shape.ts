/** Helpers for looking at untyped JSON values and naming them in messages. */

import type { JsonPointer, ProblemCollector } from "../spec-error.js";

export type Mapping = Record<string, unknown>;

export function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** How a value reads in "…, got X": the kind, plus the value itself for scalars. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `the ${typeof value} ${String(value)}`;
}

/** Reports and returns false unless `value` is a mapping. */
export function expectMapping(problems: ProblemCollector, pointer: JsonPointer, value: unknown, label: string): value is Mapping {
  if (isMapping(value)) return true;
  problems.add(pointer, `${label} must be a mapping, got ${describeValue(value)}`);
  return false;
}

/** Reports and returns false unless `value` is a list. */
export function expectList(problems: ProblemCollector, pointer: JsonPointer, value: unknown, label: string): value is unknown[] {
  if (Array.isArray(value)) return true;
  problems.add(pointer, `${label} must be a list, got ${describeValue(value)}`);
  return false;
}

/**
 * Reports unless `value` is a string. Numbers and booleans get a hint to quote them, because in
 * YAML that is nearly always the cause: `version: 1.10` is the number 1.1.
 */
export function expectString(problems: ProblemCollector, pointer: JsonPointer, value: unknown, label: string): value is string {
  if (typeof value === "string") return true;
  if (value === undefined) problems.addAtKey(pointer, `${label} is required`);
  else if (typeof value === "number" || typeof value === "boolean") {
    problems.add(pointer, `${label} is a ${typeof value} (${String(value)}); quote it to keep it a string`);
  } else if (value === null) problems.add(pointer, `${label} is empty; it must be a string`);
  else problems.add(pointer, `${label} must be a string, got ${describeValue(value)}`);
  return false;
}
