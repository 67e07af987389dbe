/**
 * Defensive readers for parsed JSON bodies. Error and envelope bodies come from the network, so
 * decoders read only own properties of plain objects and only values of the expected type; an
 * inherited `toString` or a `__proto__` key must never look like a field.
 */

/** True for a JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The own property `key` of `value` when `value` is a JSON object, else undefined. */
export function ownField(value: unknown, key: string): unknown {
  if (!isRecord(value) || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
  return value[key];
}

/** The own property `key` when it is a string, else undefined. */
export function ownString(value: unknown, key: string): string | undefined {
  const field = ownField(value, key);
  return typeof field === "string" ? field : undefined;
}

/** Copies the defined entries of `fields`, so optional properties stay absent rather than undefined. */
export function definedOnly<T extends object>(fields: { [K in keyof T]: T[K] | undefined }): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}
