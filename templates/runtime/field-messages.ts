/**
 * Validation messages per field, as many APIs send them beside an error (RFC 7807's `errors`,
 * Rails' and ASP.NET's validation bodies): `{"Reference": ["The Reference field is required."],
 * "amount": "must be positive"}`. Read into a fresh frozen `{field: [messages]}` map, and written
 * into a message as `Reference: The Reference field is required.`
 */

import { MAX_FIELD_ERRORS } from "./errors.js";
import { isRecord } from "./fields.js";

export type FieldMessages = Readonly<Record<string, readonly string[]>>;

export interface ReadFieldMessages {
  readonly messages: FieldMessages;
  /** Fields with messages beyond the first {@link MAX_FIELD_ERRORS}, left out. */
  readonly leftOut: number;
}

/** The map with no fields, shared: what an error says when the body lists none. */
export const NO_FIELD_MESSAGES: FieldMessages = Object.freeze({});

/**
 * Copies only `field: string | string[]` entries (a field without a string message is dropped).
 * A `__proto__` key (which JSON.parse does create as an own property) is dropped: assigning it
 * would replace the result's prototype instead of adding a field.
 */
export function readFieldMessages(value: unknown): ReadFieldMessages {
  const out: Record<string, readonly string[]> = {};
  let kept = 0;
  let leftOut = 0;
  if (isRecord(value)) {
    for (const field of Object.keys(value)) {
      if (field === "__proto__") continue;
      const raw = value[field];
      const messages = typeof raw === "string" ? [raw] : Array.isArray(raw) ? raw.filter(isString).slice(0, MAX_FIELD_ERRORS) : [];
      if (messages.length === 0) continue;
      // A hostile or broken server can list 300 000 fields; an error keeps the first hundred.
      if (kept === MAX_FIELD_ERRORS) {
        leftOut++;
        continue;
      }
      out[field] = Object.freeze(messages);
      kept++;
    }
  }
  return { messages: Object.freeze(out), leftOut };
}

/** `field: message message` per field, then how many were left out. */
export function describeFieldMessages(read: ReadFieldMessages): string[] {
  const parts = Object.entries(read.messages).map(([field, messages]) => `${field}: ${messages.join(" ")}`);
  if (read.leftOut > 0) parts.push(`(and ${read.leftOut} more fields)`);
  return parts;
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}
