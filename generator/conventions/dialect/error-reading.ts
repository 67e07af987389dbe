/**
 * What the error reader can say beyond one path per field (templates/runtime/error-fields.ts):
 * - alternatives: a field written as a list of paths is read from the first present
 *     request-id: [/traceId, /extensions/traceId]
 * - a message joined from several fields, as sentences (a map of field → messages as
 *   `field: message message`):
 *     message: {join: [/title, /detail, /errors]}
 * - named fields kept as typed properties of the provider's error class:
 *     fields:
 *       title: {path: /title, as: text}          # string | undefined
 *       errors: {path: /errors, as: field-messages}   # Readonly<Record<string, readonly string[]>>
 *       instance: /instance                     # unknown: the value as sent
 */
import type { IRType } from "../../ir.js";
import type { JsonPointer, ProblemCollector } from "../../spec-error.js";
import type { ErrorFieldFact, JsonValue } from "../convention.js";
import { RESERVED_WORDS } from "../../render/escape.js";
import { type Mapping, isMapping } from "../read-config.js";
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

/** Properties every error already has: a named field may not take their names. */
const ERROR_PROPERTIES = new Set(["status", "headers", "body", "code", "message", "requestId", "retryable", "retryAfter", "truncated", "meta", "name", "stack", "cause", "constructor", "prototype", "__proto__"]);
const KINDS: readonly ErrorFieldKind[] = ["value", "text", "field-messages", "code-name"];

/** `fields: {name: PATH | [PATHS] | {path, as}}`: the named fields, or undefined when any is wrong (reported). */
export function readNamedFields(reader: PathReader, node: Mapping, at: JsonPointer, schemas: readonly IRType[], problems: ProblemCollector, conventionName: string, taken: ReadonlySet<string>): NamedErrorField[] | undefined {
  const value = node["fields"];
  if (value === undefined) return [];
  const where = [...at, "fields"];
  if (!isMapping(value)) {
    problems.add(where, `${conventionName}: "fields" must be a mapping of property name → path (or {path, as: text | field-messages})`);
    return undefined;
  }
  const out: NamedErrorField[] = [];
  let ok = true;
  for (const [name, entry] of Object.entries(value)) {
    const at2 = [...where, name];
    if (!/^[a-z][A-Za-z0-9]*$/.test(name) || ERROR_PROPERTIES.has(name) || RESERVED_WORDS.has(name) || taken.has(name)) {
      problems.addAtKey(at2, `${conventionName}: field "${name}" must be a camelCase property name, no reserved word, that no error already has (not ${[...ERROR_PROPERTIES].slice(0, 9).join(", ")}, …)`);
      ok = false;
      continue;
    }
    const spelled: Mapping = isMapping(entry) ? entry : { path: entry };
    for (const k of Object.keys(spelled)) {
      if (k !== "path" && k !== "as") problems.addAtKey([...at2, k], `${conventionName}: unknown key "${k}" in field "${name}" (known keys: path, as)`);
    }
    const as = spelled["as"] ?? "value";
    if (typeof as !== "string" || !(KINDS as readonly string[]).includes(as)) {
      problems.add([...at2, "as"], `${conventionName}: "as" must be one of ${KINDS.join(", ")}`);
      ok = false;
      continue;
    }
    if (as === "code-name") {
      if (spelled["path"] !== undefined) problems.add([...at2, "path"], `${conventionName}: field "${name}" is the code table's name of the code: it has no "path"`);
      out.push({ name, path: undefined, as });
      continue;
    }
    if (spelled["path"] === undefined) {
      problems.add(at2, `${conventionName}: field "${name}" needs "path"`);
      ok = false;
      continue;
    }
    const path = isMapping(entry) ? readPathChoice(reader, entry, "path", at2, schemas) : readPathChoice(reader, value, name, where, schemas);
    if (path === undefined) {
      ok = false;
      continue;
    }
    out.push({ name, path: path.choice, as: as as ErrorFieldKind });
  }
  return ok ? out : undefined;
}

/** The runtime config of named fields. */
export function namedFieldsJson(fields: readonly NamedErrorField[]): JsonValue {
  return Object.fromEntries(fields.map((f) => [f.name, { ...(f.path === undefined ? {} : { path: choiceJson(f.path) }), ...(f.as === "value" ? {} : { as: f.as }) }]));
}

/** The provider class's properties for named fields. */
export function namedFieldFacts(fields: readonly NamedErrorField[]): ErrorFieldFact[] {
  return fields.map((f) => {
    if (f.path === undefined) return { name: f.name, description: "The code table's name of the error's code; undefined for a code it does not list.", module: "error-fields", reader: "errorTextField", entry: undefined, field: f.name, type: "string | undefined" };
    const from = `\`${describeChoice(f.path).replace(/`/g, "")}\``;
    if (f.as === "text") return { name: f.name, description: `The response's ${from}, when it is text.`, module: "error-fields", reader: "errorTextField", entry: undefined, field: f.name, type: "string | undefined" };
    if (f.as === "field-messages") {
      return { name: f.name, description: `Messages per field, from the response's ${from} (at most 100 fields).`, module: "error-fields", reader: "errorFieldMessages", entry: undefined, field: f.name, type: "Readonly<Record<string, readonly string[]>>" };
    }
    return { name: f.name, description: `The response's ${from} as the provider sent it; undefined when absent.`, module: "error-fields", reader: "errorField", entry: undefined, field: f.name, type: "unknown" };
  });
}
