/**
 * Values from schemas: a sample body for an operation the spec gives no example for, and the
 * required fields a request body leaves out.
 */
import type { MockType } from "./mock-data.js";

export type SchemaLookup = (name: string) => MockType | undefined;

const MAX_DEPTH = 6;

const SAMPLE_MOMENT = new Date(Date.UTC(2024, 0, 31, 9, 30));

/** A plausible value of `type`: the spec's scalar examples, the first enum member, one item per list. */
export function sampleOf(type: MockType | undefined, schemas: SchemaLookup, name = "value", depth = 0): unknown {
  if (type === undefined || depth > MAX_DEPTH) return undefined;
  switch (type.kind) {
    case "ref":
      return sampleOf(schemas(type.schema), schemas, name, depth + 1);
    case "literal":
      return type.values[0] ?? null;
    case "array": {
      const item = sampleOf(type.items, schemas, name, depth + 1);
      return item === undefined ? [] : [item];
    }
    case "union":
      return sampleOf(type.members.find((m) => !(m.kind === "primitive" && m.type === "null")) ?? type.members[0], schemas, name, depth + 1);
    case "intersection": {
      const parts = type.members.map((m) => sampleOf(m, schemas, name, depth + 1));
      return parts.every(isPlainObject) ? Object.assign({}, ...parts) : parts[0];
    }
    case "object": {
      const out: Record<string, unknown> = {};
      for (const property of type.properties) {
        const value = property.example ?? sampleOf(property.type, schemas, property.name, depth + 1);
        if (value !== undefined) define(out, property.name, value);
      }
      return out;
    }
    case "primitive":
      return primitiveSample(type.type, type.format, name);
  }
}

function primitiveSample(type: string, format: string | undefined, name: string): unknown {
  switch (type) {
    case "string":
      // A fixed moment, written as a computation: no file of a package carries a timestamp literal.
      if (format === "date-time") return SAMPLE_MOMENT.toISOString();
      if (format === "date") return "2024-01-31";
      if (format === "email") return "user@example.com";
      if (format === "uuid") return "00000000-0000-4000-8000-000000000000";
      if (format === "uri" || format === "url") return "https://example.com/";
      return name;
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return undefined;
  }
}

/** The object properties of `type` (refs, unions and intersections looked through), by name. */
export function propertiesOf(type: MockType | undefined, schemas: SchemaLookup, depth = 0): Map<string, { readonly type: MockType; readonly required: boolean; readonly readOnly: boolean }> {
  const found = new Map<string, { readonly type: MockType; readonly required: boolean; readonly readOnly: boolean }>();
  if (type === undefined || depth > MAX_DEPTH) return found;
  if (type.kind === "ref") return propertiesOf(schemas(type.schema), schemas, depth + 1);
  if (type.kind === "intersection") {
    for (const member of type.members) for (const [name, p] of propertiesOf(member, schemas, depth + 1)) found.set(name, p);
  }
  if (type.kind === "object") {
    for (const p of type.properties) found.set(p.name, { type: p.type, required: p.required, readOnly: p.readOnly === true });
  }
  return found;
}

/**
 * The required fields `value` leaves out, as paths (`amount.currencyCode`, `items[0].id`): read-only
 * fields are the server's to fill, and a union is satisfied by any of its members.
 */
export function missingFields(type: MockType | undefined, value: unknown, schemas: SchemaLookup, at = "", depth = 0): string[] {
  if (type === undefined || depth > MAX_DEPTH) return [];
  if (type.kind === "ref") return missingFields(schemas(type.schema), value, schemas, at, depth + 1);
  if (type.kind === "union") {
    const each = type.members.map((m) => missingFields(m, value, schemas, at, depth + 1));
    return each.some((m) => m.length === 0) ? [] : (each[0] ?? []);
  }
  if (type.kind === "array") {
    if (!Array.isArray(value)) return [];
    return value.flatMap((item, i) => missingFields(type.items, item, schemas, `${at}[${i}]`, depth + 1));
  }
  if (type.kind !== "object" && type.kind !== "intersection") return [];
  if (!isPlainObject(value)) return [];
  const missing: string[] = [];
  for (const [name, property] of propertiesOf(type, schemas, depth)) {
    const path = at === "" ? name : `${at}.${name}`;
    const given = Object.prototype.hasOwnProperty.call(value, name) ? value[name] : undefined;
    if (given === undefined) {
      if (property.required && !property.readOnly) missing.push(path);
    } else missing.push(...missingFields(property.type, given, schemas, path, depth + 1));
  }
  return missing;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sets an own property, even one called `__proto__`. */
export function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
