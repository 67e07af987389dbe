/**
 * Reading and writing a field of a decoded body by a path the generator parsed from the spec (its
 * segments, e.g. `errors.0.code` → `["errors", "0", "code"]`). A digit segment indexes a list and
 * names a key of an object; a `*` segment is the value of an object's only key (a wrapper named
 * after the resource, `{"styles": {…}}`), and matches nothing in an object of more keys. Only own properties of plain objects are followed: a body from the
 * network must not reach `__proto__` or an inherited `toString`.
 */

import { isRecord, ownField } from "./fields.js";

/** The value at `path` in `value`, or undefined when any step is missing. */
export function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current)) current = /^\d+$/.test(segment) ? (current as readonly unknown[])[Number(segment)] : undefined;
    else if (segment === ONLY_KEY) current = onlyValue(current);
    else current = ownField(current, segment);
    if (current === undefined) return undefined;
  }
  return current;
}

/** One path (its segments), or alternatives: a list of paths, of which the first present is read. */
export type FieldPaths = readonly string[] | readonly (readonly string[])[];

/** The value at the first of `paths` that is present in `value` (one path: that path's value). */
export function readFirst(value: unknown, paths: FieldPaths): unknown {
  if (!isPathList(paths)) return readPath(value, paths);
  for (const path of paths) {
    const found = readPath(value, path);
    if (found !== undefined) return found;
  }
  return undefined;
}

function isPathList(paths: FieldPaths): paths is readonly (readonly string[])[] {
  return Array.isArray(paths[0]);
}

/** The segment that stands for an object's only key, whatever its name. */
const ONLY_KEY = "*";

function onlyValue(value: unknown): unknown {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 ? ownField(value, keys[0] as string) : undefined;
}

/**
 * A copy of `value` with `field` set at `path` (a cursor sent back in a request body); the
 * objects along the path are copied, never changed, so the caller's own body is left as they
 * passed it. Missing steps become objects.
 */
export function withPath(value: unknown, path: readonly string[], field: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return field;
  const base: Record<string, unknown> = typeof value === "object" && value !== null && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  const inner = Object.prototype.hasOwnProperty.call(base, head) ? base[head] : undefined;
  // defineProperty: a "__proto__" segment must become a plain key, never the object's prototype.
  Object.defineProperty(base, head, { value: withPath(inner, rest, field), enumerable: true, writable: true, configurable: true });
  return base;
}
