/**
 * A sample TypeScript value for a type, for README examples: required properties only, the
 * spec's own scalar examples where it gives them, first enum member, and a bounded depth.
 */
import type { IRType } from "../ir.js";
import { jsonLiteral, propertyKey } from "../render/escape.js";

const MAX_DEPTH = 3;

export function sampleValue(
  type: IRType,
  schemaType: (name: string) => IRType | undefined,
  hint: string,
  depth = 0,
): string {
  switch (type.kind) {
    case "ref": {
      const target = schemaType(type.schema);
      return target === undefined ? "{}" : sampleValue(target, schemaType, hint, depth);
    }
    case "primitive":
      if (type.type === "string") return jsonLiteral(hint);
      if (type.type === "number" || type.type === "integer") return "1";
      if (type.type === "boolean") return "true";
      if (type.type === "null") return "null";
      return "{}";
    case "literal":
      return jsonLiteral(type.values[0] ?? null);
    case "array":
      return "[]";
    case "union": {
      const member = type.members.find((m) => !(m.kind === "primitive" && m.type === "null")) ?? type.members[0];
      return member === undefined ? "null" : sampleValue(member, schemaType, hint, depth);
    }
    case "intersection": {
      const member = type.members[0];
      return member === undefined ? "{}" : sampleValue(member, schemaType, hint, depth);
    }
    case "object": {
      if (depth >= MAX_DEPTH) return "{}";
      const fields = type.properties
        .filter((p) => p.required && !p.readOnly)
        .map((p) => `${propertyKey(p.name)}: ${p.example !== undefined ? jsonLiteral(p.example) : sampleValue(p.type, schemaType, p.name, depth + 1)}`);
      return fields.length === 0 ? "{}" : `{ ${fields.join(", ")} }`;
    }
  }
}
