/**
 * Every `$ref` in the document must resolve inside it. The walk covers the whole document, not just
 * the places the other checks visit, so that a ref nobody else looks at cannot break a later stage;
 * it skips only what is data rather than OpenAPI structure (examples, defaults, enums, extensions).
 */

import type { JsonPointer } from "../spec-error.js";
import type { CheckContext } from "./context.js";
import { refPointer, resolveRef } from "./refs.js";
import { isMapping } from "./shape.js";

/** Keys whose value maps arbitrary names to objects: there, "default" or "x-foo" is a name, not a keyword. */
const NAME_MAPS = new Set([
  "paths", "webhooks", "callbacks", "schemas", "parameters", "responses", "requestBodies",
  "headers", "securitySchemes", "links", "pathItems", "examples", "content", "encoding", "properties",
  "patternProperties", "$defs", "definitions", "dependentSchemas", "variables", "mapping",
]);

/** Keys whose value is example or literal data, in which a "$ref" is just data. */
const DATA_KEYS = new Set(["example", "default", "enum", "const"]);

interface Frame {
  readonly value: unknown;
  readonly pointer: JsonPointer;
  /** The mapping in `value` is keyed by names (see NAME_MAPS). */
  readonly names: boolean;
}

export function checkRefs({ problems, document }: CheckContext): void {
  // An explicit stack: the walk visits every node of documents with a million of them.
  const stack: Frame[] = [{ value: document, pointer: [], names: false }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { value, pointer, names } = frame;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (typeof item === "object" && item !== null) stack.push({ value: item, pointer: [...pointer, index], names: false });
      });
      continue;
    }
    if (!isMapping(value)) continue;
    const ref = value["$ref"];
    if (typeof ref === "string" && !names) {
      const problem = checkRef(document, ref);
      if (problem !== undefined) problems.add([...pointer, "$ref"], problem);
    }
    for (const [key, child] of Object.entries(value)) {
      if (typeof child !== "object" || child === null) continue;
      if (!names && isData(key, child, pointer)) continue;
      stack.push({ value: child, pointer: [...pointer, key], names: !names && NAME_MAPS.has(key) });
    }
  }
}

function isData(key: string, value: unknown, pointer: JsonPointer): boolean {
  if (key.startsWith("x-") || DATA_KEYS.has(key)) return true;
  // 3.1 schemas: `examples` is a list of example values (in media types it maps names to Example Objects).
  if (key === "examples" && Array.isArray(value)) return true;
  // An Example Object's literal value.
  return key === "value" && pointer[pointer.length - 2] === "examples";
}

function checkRef(document: unknown, ref: string): string | undefined {
  if (!ref.startsWith("#")) return `external $ref "${ref}" is not supported (clientsmith never fetches)`;
  if (refPointer(ref) === undefined) return `$ref "${ref}" is not a JSON pointer; local refs look like "#/components/schemas/Name"`;
  if (resolveRef(document, ref) === undefined) return `$ref "${ref}" points to nothing`;
  return undefined;
}
