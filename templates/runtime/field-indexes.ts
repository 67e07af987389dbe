/**
 * Errors that name fields by index rather than by name, e.g.
 *   `{"text": "Unknown fields submitted.", "fields": {"9": "this_should_fail"}}`
 * where 9 points into the top-level fields of the request body the client sent (its tenth
 * field). The client still has that body, so it can say which field is meant; the API's own
 * value is kept when it already names a sent field (it may quote the value sent instead).
 */

import { isRecord } from "./fields.js";
import type { OperationDescriptor } from "./types.js";

/**
 * The top-level field names of the body as it went on the wire, in order: for a JSON body the keys
 * `JSON.stringify` wrote (so `undefined` values, which are not sent, take no index); for a form
 * the keys with a value. Undefined when there is no such body.
 */
export function submittedFieldNames(requestBody: unknown, operation: Pick<OperationDescriptor, "body">): readonly string[] | undefined {
  if (!isRecord(requestBody)) return undefined;
  if (operation.body === "json") {
    try {
      const sent: unknown = JSON.parse(JSON.stringify(requestBody));
      return isRecord(sent) ? Object.keys(sent) : undefined;
    } catch {
      return undefined;
    }
  }
  if (operation.body === "form") {
    return Object.keys(requestBody).filter((key) => requestBody[key] !== undefined && requestBody[key] !== null);
  }
  return undefined;
}

/**
 * Field names from an index → value map (or a list, which is how a sequential map arrives from
 * some servers), in index order. With `submitted` (the indexes point into the body sent): the
 * value when it names a submitted field, else the submitted field at the index, else the value as
 * given. Without (the indexes point into a list the client does not have): the values. Entries
 * that give no name (no string and no submitted field at the index) are left out.
 */
export function indexedFieldNames(fields: unknown, submitted: readonly string[] | undefined): string[] {
  const names: string[] = [];
  for (const [index, value] of indexedEntries(fields)) {
    const given = typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
    const name = given !== undefined && (submitted === undefined || submitted.includes(given)) ? given : ((index === undefined ? undefined : submitted?.[index]) ?? given);
    if (name !== undefined) names.push(name);
  }
  return names;
}

/** `[index, value]` pairs sorted by index; a key that is not an index sorts last, without one. */
function indexedEntries(fields: unknown): [number | undefined, unknown][] {
  if (Array.isArray(fields)) return fields.map((value, index) => [index, value]);
  if (!isRecord(fields)) return [];
  const entries: [number | undefined, unknown][] = Object.keys(fields)
    .filter((key) => key !== "__proto__")
    .map((key) => [/^\d+$/.test(key) ? Number(key) : undefined, fields[key]]);
  return entries.sort(([a], [b]) => (a ?? Number.MAX_SAFE_INTEGER) - (b ?? Number.MAX_SAFE_INTEGER));
}

/** `Unknown fields submitted.` + `[a, b]` → `Unknown fields submitted: a, b`; `Fields: a, b` without a text. */
export function messageWithFields(text: string | undefined, fields: readonly string[]): string | undefined {
  if (fields.length === 0) return text;
  const lead = text === undefined ? "Fields" : text.trim().replace(/[.:;!\s]+$/, "");
  return `${lead}: ${fields.join(", ")}`;
}
