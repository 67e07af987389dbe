/**
 * Reads a field of a decoded body by a path the generator parsed from the spec (its segments,
 * e.g. `["errors", "0", "code"]`). Only own properties of plain objects and indexes of lists are
 * followed: a body from the network must not reach `__proto__` or an inherited `toString`.
 */

import { ownField } from "./fields.js";

/** The value at `path` in `value`, or undefined when any step is missing. */
export function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else {
      current = ownField(current, segment);
    }
    if (current === undefined) return undefined;
  }
  return current;
}
