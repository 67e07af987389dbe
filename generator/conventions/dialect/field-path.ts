/**
 * Field paths: how every convention (envelope, errors, paging) names a field of a decoded body
 * or a request body. Two spellings, one meaning:
 * - JSON Pointer (RFC 6901): `/errors/0/code`; `~1` is a `/` and `~0` a `~` inside a name.
 * - Dotted: `errors.0.code`; `\.` is a `.` and `\\` a `\` inside a name.
 * A segment of digits is an index when the value there is a list, a key otherwise; `*` is the
 * value of an object's only key (a wrapper named after the resource: `*.response.code`). An empty
 * segment (`a..b`, `/a//b`, `/`) is refused: no provider names a field "", so it is a typo.
 * Paths are parsed once, when the spec loads; the generated config carries the segments, so the
 * runtime never parses (templates/runtime/field-path.ts reads and writes them).
 *
 * The walker (`typesAtPath`) answers both questions a convention asks of a path: can it match
 * the declared schema, and what type is there (a code kept as a number, a list's items, a result).
 */
import type { IRDocument, IRType } from "../../ir.js";

export type FieldPath = readonly string[];

/** What the walker needs of the document: its named schemas, to follow `$ref`s. */
type Schemas = Pick<IRDocument, "schemas">;

/** The segments of `text`, or a sentence saying why it is no path. */
export function parseFieldPath(text: string): FieldPath | string {
  if (text === "") return "a path must name a field, e.g. /errors/0/code or errors.0.code";
  if (text.startsWith("/")) return parsePointer(text);
  return parseDotted(text);
}

function parsePointer(text: string): FieldPath | string {
  const segments = text.slice(1).split("/");
  const out: string[] = [];
  for (const segment of segments) {
    if (/~(?![01])/.test(segment)) return `"${text}" is not a JSON Pointer: "~" must be followed by 0 or 1 (~0 is "~", ~1 is "/")`;
    if (segment === "") return `"${text}" has an empty segment`;
    out.push(segment.replace(/~1/g, "/").replace(/~0/g, "~"));
  }
  return out;
}

function parseDotted(text: string): FieldPath | string {
  const out: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\") {
      const next = text[i + 1];
      if (next !== "." && next !== "\\") return `"${text}": "\\" escapes only "." or "\\" in a dotted path`;
      current += next;
      i++;
    } else if (ch === ".") {
      if (current === "") return `"${text}" has an empty segment`;
      out.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  if (current === "") return `"${text}" has an empty segment`;
  out.push(current);
  return out;
}

/** The path as a JSON Pointer, for messages and README notes. */
export function formatFieldPath(path: FieldPath): string {
  return path.map((s) => `/${s.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** The path as the dotted form spells it, for messages and README notes. */
export function showFieldPath(path: FieldPath): string {
  return path.map((s) => s.replace(/\\/g, "\\\\").replace(/\./g, "\\.")).join(".");
}

/** The path as a JavaScript-ish accessor for prose (`errors[0].code`). */
export function describeFieldPath(path: FieldPath): string {
  return path.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

/**
 * What the schema says is at `path` in a value of `type`: the types it may have there (several
 * through unions), `[]` when it cannot be there, or undefined when the schema does not say
 * (unknown, free-form objects): such paths are taken on trust.
 */
export function typesAtPath(type: IRType, path: FieldPath, ir: Schemas): IRType[] | undefined {
  let current: IRType[] = [type];
  for (const segment of path) {
    const next: IRType[] = [];
    for (const candidate of current.flatMap((t) => flatten(t, ir))) {
      const found = step(candidate, segment);
      if (found === undefined) return undefined;
      next.push(...found);
    }
    current = next;
    if (current.length === 0) return [];
  }
  return current;
}

/** `type` through `$ref`s, unions and intersections: the alternatives a value may be. */
function flatten(type: IRType, ir: Schemas, depth = 0): IRType[] {
  if (depth > 16) return [];
  if (type.kind === "ref") {
    const target = ir.schemas.find((s) => s.name === type.schema)?.type;
    return target === undefined ? [{ kind: "primitive", type: "unknown" }] : flatten(target, ir, depth + 1);
  }
  if (type.kind === "union") return type.members.flatMap((m) => flatten(m, ir, depth + 1));
  if (type.kind === "intersection") {
    // allOf: the parts' properties together, so a field of any part is a field of the whole.
    const parts = type.members.flatMap((m) => flatten(m, ir, depth + 1));
    if (parts.some((p) => p.kind !== "object")) return parts;
    const objects = parts.filter((p): p is Extract<IRType, { kind: "object" }> => p.kind === "object");
    const additional = objects.find((o) => o.additional !== undefined)?.additional;
    return [{ kind: "object", properties: objects.flatMap((o) => o.properties), additional }];
  }
  return [type];
}

/** One segment into one type: the types found, `[]` when impossible, undefined when unknown. */
function step(type: IRType, segment: string): IRType[] | undefined {
  switch (type.kind) {
    case "primitive":
      return type.type === "unknown" ? undefined : [];
    case "literal":
      return [];
    case "array":
      return /^\d+$/.test(segment) ? [type.items] : [];
    case "object": {
      // The only key of an object that declares exactly one property; otherwise any one key may be.
      if (segment === "*") return type.properties.length === 1 && type.additional === undefined ? [(type.properties[0] as { type: IRType }).type] : undefined;
      const property = type.properties.find((p) => p.name === segment);
      if (property !== undefined) return [property.type];
      if (type.additional !== undefined) return [type.additional];
      // An object that declares no properties is free-form: anything may be in it.
      return type.properties.length === 0 ? undefined : [];
    }
    default:
      return undefined;
  }
}

/** Whether every type found is a number (integer or literal numbers): a code the client keeps as a number. */
export function isNumeric(types: readonly IRType[], ir: Schemas): boolean {
  const flat = types.flatMap((t) => flatten(t, ir)).filter((t) => !(t.kind === "primitive" && t.type === "null"));
  return (
    flat.length > 0 &&
    flat.every((t) => (t.kind === "primitive" && (t.type === "number" || t.type === "integer")) || (t.kind === "literal" && t.values.every((v) => typeof v === "number" || v === null)))
  );
}

/** Whether a value of one of these types may be text, a number or a boolean (not only an object or a list). */
export function isScalar(types: readonly IRType[], ir: Schemas): boolean {
  return types.flatMap((t) => flatten(t, ir)).some((t) => t.kind === "primitive" || t.kind === "literal");
}

/** The item type of a list found at a path, when every type found is a list of the same items. */
export function listItemType(types: readonly IRType[], ir: Schemas): IRType | undefined {
  const flat = types.flatMap((t) => flatten(t, ir)).filter((t) => !(t.kind === "primitive" && t.type === "null"));
  const first = flat[0];
  if (first?.kind !== "array" || flat.some((t) => t.kind !== "array" || JSON.stringify(t.items) !== JSON.stringify(first.items))) return undefined;
  return first.items;
}
