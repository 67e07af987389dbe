/**
 * Field paths for paging: where in a decoded body a convention finds a value. Two spellings:
 * dotted with numeric indices (`result_info.total_pages`, `errors.0.code`; `\.` is a literal dot
 * in a key, `\\` a backslash) and RFC 6901 JSON Pointers (`/result_info/total_pages`; `~1` is
 * `/`, `~0` is `~`). Both become segments when the spec loads; the runtime reads the segments
 * (templates/runtime/body-path.ts), so nothing is parsed per response.
 *
 * Checked against the schema the spec declares: a path no value of the schema can have is a
 * spec error, since it would silently read nothing.
 */
import type { IRDocument, IRType } from "../ir.js";

/** The segments of `text`, or the reason it is not a path. */
export function parseFieldPath(text: string): { readonly segments: readonly string[] } | { readonly problem: string } {
  if (text === "") return { problem: "is empty" };
  if (text.startsWith("/")) {
    const segments: string[] = [];
    for (const raw of text.slice(1).split("/")) {
      if (/~(?![01])/.test(raw)) return { problem: `has "~" not followed by 0 or 1 (JSON Pointer escapes are ~0 and ~1)` };
      segments.push(raw.replace(/~1/g, "/").replace(/~0/g, "~"));
    }
    return { segments };
  }
  const segments: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "\\") {
      const next = text[i + 1];
      if (next !== "." && next !== "\\") return { problem: 'has "\\" not followed by "." or "\\"' };
      current += next;
      i++;
    } else if (c === ".") {
      if (current === "") return { problem: "has an empty segment" };
      segments.push(current);
      current = "";
    } else current += c;
  }
  if (current === "") return { problem: "has an empty segment" };
  segments.push(current);
  return { segments };
}

/** The path as the dotted form spells it, for messages. */
export function showFieldPath(segments: readonly string[]): string {
  return segments.map((s) => s.replace(/\\/g, "\\\\").replace(/\./g, "\\.")).join(".");
}

/**
 * The types a value at `segments` may have inside a value of `type`; empty when none can
 * (the path cannot match). `unknown` and open objects match anything below them.
 */
export function typesAtPath(type: IRType, segments: readonly string[], ir: IRDocument): IRType[] {
  let current: IRType[] = [type];
  for (const segment of segments) {
    current = current.flatMap((t) => step(t, segment, ir, 0));
    if (current.length === 0) return [];
  }
  return current;
}

const UNKNOWN: IRType = { kind: "primitive", type: "unknown" };

function step(type: IRType, segment: string, ir: IRDocument, depth: number): IRType[] {
  if (depth > 16) return [];
  switch (type.kind) {
    case "ref": {
      const schema = ir.schemas.find((s) => s.name === type.schema);
      return schema === undefined ? [] : step(schema.type, segment, ir, depth + 1);
    }
    case "union":
    case "intersection":
      return type.members.flatMap((m) => step(m, segment, ir, depth + 1));
    case "object": {
      const property = type.properties.find((p) => p.name === segment);
      if (property !== undefined) return [property.type];
      return type.additional === undefined ? [] : [type.additional];
    }
    case "array":
      return /^(0|[1-9]\d*)$/.test(segment) ? [type.items] : [];
    case "primitive":
      return type.type === "unknown" ? [UNKNOWN] : [];
    case "literal":
      return [];
  }
}

/** The list items a type may hold, resolving refs and unions; undefined when it holds no list. */
export function listItemType(types: readonly IRType[], ir: IRDocument): IRType | undefined {
  for (const type of types) {
    const found = arrayItems(type, ir, 0);
    if (found !== undefined) return found;
  }
  return undefined;
}

function arrayItems(type: IRType, ir: IRDocument, depth: number): IRType | undefined {
  if (depth > 16) return undefined;
  if (type.kind === "array") return type.items;
  if (type.kind === "ref") {
    const schema = ir.schemas.find((s) => s.name === type.schema);
    return schema === undefined ? undefined : arrayItems(schema.type, ir, depth + 1);
  }
  if (type.kind === "union" || type.kind === "intersection") {
    for (const member of type.members) {
      const found = arrayItems(member, ir, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
