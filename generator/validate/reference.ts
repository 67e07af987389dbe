/** Reference Objects (`{ $ref: "#/…" }`) where OpenAPI allows one in place of an object. */

import type { JsonPointer } from "../spec-error.js";
import type { CheckContext } from "./context.js";
import { describeValue, isMapping } from "./shape.js";

/**
 * True when `value` is a Reference Object, which the caller then does not check further: its
 * target is checked where it is defined, and whether it resolves is the ref check's job.
 */
export function isReference({ problems }: CheckContext, value: unknown, pointer: JsonPointer): boolean {
  if (!isMapping(value) || value["$ref"] === undefined) return false;
  if (typeof value["$ref"] !== "string") problems.add([...pointer, "$ref"], `$ref must be a string, got ${describeValue(value["$ref"])}`);
  return true;
}
