/**
 * What the error reader can say beyond one path per field (templates/runtime/error-fields.ts):
 * - alternatives: a field written as a list of paths is read from the first present
 *     request-id: [/traceId, /extensions/traceId]
 * - a message joined from several fields, as sentences (a map of field → messages as
 *   `field: message message`):
 *     message: {join: [/title, /detail, /errors]}
 * - named fields kept as typed properties of the provider's error class: a path (or alternatives),
 *   typed from what the schemas hold there, or `{path, as}`, read a fixed way:
 *     fields:
 *       title: {path: /title, as: text}          # string | undefined
 *       errors: {path: /errors, as: field-messages}   # Readonly<Record<string, readonly string[]>>
 *       instance: /instance                     # typed from the schema at /instance
 */
import type { IRDocument, IRType } from "../../ir.js";
import type { JsonPointer, ProblemCollector } from "../../spec-error.js";
import type { ErrorFieldFact, JsonValue } from "../convention.js";
import { RESERVED_WORDS } from "../../render/escape.js";
import { type ConfigReader, type Mapping, isMapping } from "../read-config.js";
import { type FieldPath, describeFieldPath } from "./field-path.js";
import type { CheckedPath, PathReader } from "./paths.js";

/** One path, or alternatives of which the first present is read. */
export type PathChoice = FieldPath | readonly FieldPath[];

export type ErrorFieldKind = "value" | "text" | "field-messages" | "code-name";

export interface NamedErrorField {
  readonly name: string;
  /** Where the field is; none for `code-name`, which names the code from the code table. */
  readonly path: PathChoice | undefined;
  readonly as: ErrorFieldKind;
  /** The property's value type: the schemas' at the path for a plain field, else string (not for field-messages). */
  readonly type: IRType;
}

/** A path, or a list of alternative paths, checked; its types are every alternative's. */
export function readPathChoice(reader: PathReader, parent: Mapping, key: string, at: JsonPointer, schemas: readonly IRType[]): { readonly choice: PathChoice; readonly types: readonly IRType[] } | undefined {
  const read = reader.paths(parent, key, at, schemas);
  return read === undefined ? undefined : choiceOf(read, Array.isArray(parent[key]));
}

function choiceOf(read: readonly CheckedPath[], listed: boolean): { readonly choice: PathChoice; readonly types: readonly IRType[] } {
  const types = read.flatMap((p) => p.types);
  return { choice: listed ? read.map((p) => p.path) : (read[0] as CheckedPath).path, types };
}

export function isAlternatives(choice: PathChoice): choice is readonly FieldPath[] {
  return Array.isArray(choice[0]);
}

/** The first path of a choice (for checks and messages that name one). */
export function firstPath(choice: PathChoice): FieldPath {
  return isAlternatives(choice) ? (choice[0] as FieldPath) : (choice as FieldPath);
}

/** `title`, or `traceId, or else extensions.traceId`, for README notes. */
export function describeChoice(choice: PathChoice): string {
  return (isAlternatives(choice) ? choice : [choice as FieldPath]).map((p) => `\`${describeFieldPath(p)}\``).join(", or else ");
}

/** The choice as the runtime config carries it: segments, or a list of segment lists. */
export function choiceJson(choice: PathChoice): JsonValue {
  return isAlternatives(choice) ? choice.map((p) => [...p]) : [...(choice as FieldPath)];
}

/** `message: {join: [PATH | [PATHS], …]}`: the parts, or undefined when not that form or wrong (reported). */
export function readMessageJoin(reader: PathReader, node: Mapping, at: JsonPointer, schemas: readonly IRType[], problems: ProblemCollector, conventionName: string): PathChoice[] | undefined {
  const value = node["message"];
  const where = [...at, "message"];
  for (const k of Object.keys(value as Mapping)) {
    if (k !== "join") problems.addAtKey([...where, k], `${conventionName}: unknown key "${k}" in "message" (a path, or {join: [paths]})`);
  }
  const parts = (value as Mapping)["join"];
  if (!Array.isArray(parts) || parts.length === 0) {
    problems.add(where, `${conventionName}: "message" {join: …} needs a list of paths, e.g. {join: [/title, /detail]}`);
    return undefined;
  }
  const out = parts.map((_, i) => readPathChoice(reader, parts as unknown as Mapping, String(i), [...where, "join"], schemas)?.choice);
  return out.every((p) => p !== undefined) ? (out as PathChoice[]) : undefined;
}

/** Properties every error already has (APIError, Error, the reader's own): a named field may not take them. */
const TAKEN_PROPERTIES = new Set(["status", "headers", "body", "code", "message", "requestId", "retryable", "retryAfter", "meta", "truncated", "name", "stack", "cause", "constructor", "prototype", "__proto__", "toString", "valueOf"]);
const PROPERTY_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const KINDS: readonly ErrorFieldKind[] = ["value", "text", "field-messages", "code-name"];
const UNKNOWN: IRType = { kind: "primitive", type: "unknown" };

/**
 * `fields: {name: PATH | [PATHS] | {path, as}}`: each a property of the provider's class, a plain
 * path typed from what the schemas hold there; or undefined when any is wrong (reported).
 * `taken` are the reader's own properties in this block (`errors` when `list` is read, `details`).
 */
export function readNamedFields(read: ConfigReader, reader: PathReader, node: Mapping, at: JsonPointer, schemas: readonly IRType[], problems: ProblemCollector, ir: IRDocument, taken: ReadonlySet<string>): NamedErrorField[] | undefined {
  const value = node["fields"];
  if (value === undefined) return [];
  const where = [...at, "fields"];
  const mapping = read.mapping(value, where, Object.keys(isMapping(value) ? value : {}));
  if (mapping === undefined) return undefined;
  const out: NamedErrorField[] = [];
  let ok = true;
  for (const [name, entry] of Object.entries(mapping)) {
    const at2 = [...where, name];
    if (!PROPERTY_NAME.test(name) || RESERVED_WORDS.has(name)) {
      problems.addAtKey(at2, `errors: field name "${name}" must be an identifier (letters, digits, _ or $, not starting with a digit; not a reserved word): it becomes error.${name}`);
      ok = false;
      continue;
    }
    if (TAKEN_PROPERTIES.has(name) || taken.has(name)) {
      problems.addAtKey(at2, `errors: field name "${name}" is already a property of every error${taken.has(name) ? ` (the block reads it: ${name === "errors" ? "list" : "details"})` : ""}; choose another name`);
      ok = false;
      continue;
    }
    const spelled: Mapping = isMapping(entry) ? entry : { path: entry };
    for (const k of Object.keys(spelled)) {
      if (k !== "path" && k !== "as") problems.addAtKey([...at2, k], `errors: unknown key "${k}" in field "${name}" (known keys: path, as)`);
    }
    const as = spelled["as"] ?? "value";
    if (typeof as !== "string" || !(KINDS as readonly string[]).includes(as)) {
      problems.add([...at2, "as"], `errors: "as" must be one of ${KINDS.join(", ")}`);
      ok = false;
      continue;
    }
    if (as === "code-name") {
      if (spelled["path"] !== undefined) problems.add([...at2, "path"], `errors: field "${name}" is the code table's name of the code: it has no "path"`);
      out.push({ name, path: undefined, as, type: STRING });
      continue;
    }
    if (spelled["path"] === undefined) {
      problems.add(at2, `errors: field "${name}" needs "path"`);
      ok = false;
      continue;
    }
    const path = isMapping(entry) ? readPathChoice(reader, entry, "path", at2, schemas) : readPathChoice(reader, mapping, name, where, schemas);
    if (path === undefined) {
      ok = false;
      continue;
    }
    out.push({ name, path: path.choice, as: as as ErrorFieldKind, type: as === "value" ? unionOf(path.types) : STRING });
  }
  return ok ? out : undefined;
}

const STRING: IRType = { kind: "primitive", type: "string" };

/** One type for what a path may hold: the schemas' types joined (unknown when none says). */
function unionOf(types: readonly IRType[]): IRType {
  const unique = [...new Map(types.map((t) => [JSON.stringify(t), t])).values()];
  if (unique.length === 0 || unique.some((t) => t.kind === "primitive" && t.type === "unknown")) return UNKNOWN;
  return unique.length === 1 ? (unique[0] as IRType) : { kind: "union", members: unique };
}

/** The runtime config of named fields: a plain field as its path, the others as `{path, as}`. */
export function namedFieldsJson(fields: readonly NamedErrorField[]): JsonValue {
  return Object.fromEntries(fields.map((f) => [f.name, f.as === "value" && f.path !== undefined ? choiceJson(f.path) : { ...(f.path === undefined ? {} : { path: choiceJson(f.path) }), as: f.as }]));
}

const FIELD_MESSAGES = "Readonly<Record<string, readonly string[]>>";

/** The provider class's properties for named fields. */
export function namedFieldFacts(fields: readonly NamedErrorField[]): ErrorFieldFact[] {
  return fields.map((f) => {
    const base = { name: f.name, module: "error-fields", entry: undefined };
    if (f.path === undefined) return { ...base, description: "The code table's name of the error's code; undefined for a code it does not list.", reader: "errorTextField", value: { type: STRING, argument: f.name }, generic: false };
    const from = `\`${describeChoice(f.path).replace(/`/g, "")}\``;
    if (f.as === "text") return { ...base, description: `The response's ${from}, when it is text.`, reader: "errorTextField", value: { type: STRING, argument: f.name }, generic: false };
    if (f.as === "field-messages") {
      return { ...base, description: `Messages per field, from the response's ${from} (at most 100 fields).`, reader: "errorFieldMessages", value: { type: { ts: FIELD_MESSAGES }, argument: f.name, present: true }, generic: false };
    }
    return { ...base, description: `${from} of the error body, as the provider sent it; undefined when absent.`, reader: "errorField", value: { type: f.type, argument: f.name } };
  });
}
