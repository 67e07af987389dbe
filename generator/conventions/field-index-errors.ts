/**
 * Three primitives of `x-conventions.errors` for errors that explain themselves in a sentence and
 * point at fields by position rather than by name:
 *   kinds:                                  # error.kind: told apart by the start of the message
 *     unknown-fields: Unknown fields submitted
 *     missing-fields: Required fields missing
 *   field-indexes:                          # error.fieldNames
 *     path: /body/fields                    # {index: value} or a list
 *     except-kinds: [missing-fields]        # kinds whose indexes point elsewhere: the values are the names
 *   reported-status: /status                # error.reportedStatus: the HTTP status the body repeats
 * An index points into the top-level fields of the request body as the client sent it, so the
 * runtime (field-indexes.ts) resolves it against that body. Also the `text-fields` preset, which
 * expands into these on the `TextFieldsError` base class.
 */
import type { IRType } from "../ir.js";
import type { JsonPointer, ProblemCollector } from "../spec-error.js";
import type { ErrorFieldFact } from "./convention.js";
import type { FieldPath } from "./dialect/field-path.js";
import type { PathReader } from "./dialect/paths.js";
import type { FieldsErrorsConfig } from "./errors.js";
import { ConfigReader, type Mapping, isMapping } from "./read-config.js";

/** A kind of error and the text its message starts with (compared without case and final punctuation). */
export interface MessageKind {
  readonly name: string;
  readonly text: string;
}

export interface FieldIndexes {
  readonly path: FieldPath;
  /** Kinds whose indexes point into a list the client does not have: their values are the names. */
  readonly exceptKinds: readonly string[];
}

const KIND_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** `kinds`: a mapping of kind name (kebab-case) → the text the message starts with. */
export function parseKinds(node: Mapping, at: JsonPointer, problems: ProblemCollector): MessageKind[] | undefined {
  const value = node["kinds"];
  if (value === undefined) return undefined;
  const where = [...at, "kinds"];
  if (!isMapping(value) || Object.keys(value).length === 0) {
    problems.add(where, 'errors: "kinds" must be a mapping of kind name to the text its message starts with, e.g. unknown-fields: Unknown fields submitted');
    return undefined;
  }
  const kinds: MessageKind[] = [];
  let ok = true;
  for (const [name, text] of Object.entries(value)) {
    if (!KIND_NAME.test(name)) {
      problems.addAtKey([...where, name], `errors: kind "${name}" must be kebab-case, e.g. unknown-fields`);
      ok = false;
    } else if (typeof text !== "string" || text.trim() === "") {
      problems.add([...where, name], `errors: kind "${name}" needs the text its message starts with, a non-empty string`);
      ok = false;
    } else kinds.push({ name, text });
  }
  return ok ? kinds : undefined;
}

/** `field-indexes`: a path, or `{path, except-kinds}`; every kind named must be one of `kinds`. */
export function parseFieldIndexes(
  node: Mapping,
  at: JsonPointer,
  problems: ProblemCollector,
  paths: PathReader,
  schemas: readonly IRType[],
  kinds: readonly MessageKind[] | undefined,
): FieldIndexes | undefined {
  const value = node["field-indexes"];
  if (value === undefined) return undefined;
  if (!isMapping(value)) {
    const path = paths.path(node, "field-indexes", at, schemas);
    return path === undefined ? undefined : { path: path.path, exceptKinds: [] };
  }
  const where = [...at, "field-indexes"];
  const read = new ConfigReader(problems, "errors");
  const entry = read.mapping(value, where, ["path", "except-kinds"]);
  if (entry === undefined) return undefined;
  if (entry["path"] === undefined) {
    problems.add(where, 'errors: "field-indexes" needs "path", where the fields are named by index');
    return undefined;
  }
  const path = paths.path(entry, "path", where, schemas);
  const exceptKinds = read.stringList(entry, "except-kinds", where) ?? [];
  const unknown = exceptKinds.map((k, i) => [k, i] as const).filter(([k]) => !kinds?.some((known) => known.name === k));
  for (const [kind, i] of unknown) {
    const known = kinds === undefined ? 'no "kinds" are declared' : `known kinds: ${kinds.map((k) => k.name).join(", ")}`;
    problems.add([...where, "except-kinds", i], `errors: "except-kinds" names "${kind}", which is not one of "kinds" (${known})`);
  }
  if (path === undefined || unknown.length > 0 || (entry["except-kinds"] !== undefined && read.stringList(entry, "except-kinds", where) === undefined)) return undefined;
  return { path: path.path, exceptKinds };
}

/** The provider class's properties for these primitives (when no base class exposes them itself). */
export function fieldIndexErrorFields(kinds: readonly MessageKind[] | undefined, fieldIndexes: FieldIndexes | undefined, reportedStatus: FieldPath | undefined): ErrorFieldFact[] {
  const text: IRType = { kind: "primitive", type: "string" };
  const fields: ErrorFieldFact[] = [];
  if (kinds !== undefined) {
    fields.push({
      name: "kind",
      description: `Which kind of error the message announced (${kinds.map((k) => `"${k.name}": "${k.text}"`).join(", ")}); undefined for any other message.`,
      module: "error-fields",
      reader: "errorKind",
      entry: undefined,
      value: { type: { kind: "literal", values: kinds.map((k) => k.name) } },
    });
  }
  if (fieldIndexes !== undefined) {
    fields.push({
      name: "fieldNames",
      description: "The names of the fields the error points at, in index order, indexes resolved against the request body as sent; at most 100 (`truncated` says when there were more).",
      module: "error-fields",
      reader: "errorFieldNames",
      entry: text,
      generic: false,
    });
  }
  if (reportedStatus !== undefined) {
    fields.push({
      name: "reportedStatus",
      description: "The HTTP status the body repeats, as text (`\"400\"`); it may disagree with `status`. Undefined when the body has none.",
      module: "error-fields",
      reader: "errorReportedStatus",
      entry: undefined,
      value: { type: text },
      generic: false,
    });
  }
  return fields;
}

/** `type: text-fields`: its keys, expanded into primitives on the `TextFieldsError` base class. */
export function textFieldsPreset(value: unknown, at: JsonPointer, problems: ProblemCollector): FieldsErrorsConfig | undefined {
  const read = new ConfigReader(problems, "errors");
  const node = read.mapping(value, at, ["type", "class", "status-field", "message-field", "body-field", "text-field", "fields-field", "unknown-fields-text", "missing-fields-text"]);
  if (node === undefined) return undefined;
  const className = read.errorClassName(node, "class", at, "AcmeError");
  if (className === null) return undefined;
  const s = read.string(node, "status-field", at, "status");
  // The reason phrase ("Bad Request"), the message when there is no text: the common reading's `message`.
  const m = read.string(node, "message-field", at, "message");
  const b = read.string(node, "body-field", at, "body");
  const t = read.string(node, "text-field", at, "text");
  const f = read.string(node, "fields-field", at, "fields");
  const unknownText = read.string(node, "unknown-fields-text", at, "Unknown fields submitted");
  const missingText = read.string(node, "missing-fields-text", at, "Required fields missing");
  if (!s || !m || !b || !t || !f || !unknownText || !missingText) return undefined;
  return {
    className,
    base: { module: "text-fields-errors", exportName: "TextFieldsError" },
    code: undefined,
    numericCode: false,
    message: [b, t],
    details: undefined,
    list: undefined,
    listEntry: { kind: "primitive", type: "unknown" },
    requestId: undefined,
    requestIdHeader: undefined,
    codes: [],
    kinds: [
      { name: "unknown-fields", text: unknownText },
      { name: "missing-fields", text: missingText },
    ],
    fieldIndexes: { path: [b, f], exceptKinds: ["missing-fields"] },
    reportedStatus: [s],
    note: {
      title: "Errors",
      text:
        `Error bodies explain themselves in \`${b}.${t}\` and point at fields in \`${b}.${f}\`, an object whose keys are indexes. ` +
        `Every error exposes \`text\`, \`fields\` (the field names), \`kind\` and \`envelopeStatus\`. ` +
        `When the text is "${unknownText}", \`kind\` is \`"unknown-fields"\` and \`unknownFields\` names them: an index points into the fields of the JSON body the client sent, in the order it sent them, so it is resolved against that body (the value the API gives is taken when it already names a sent field). ` +
        `When the text is "${missingText}", \`kind\` is \`"missing-fields"\` and \`missingFields\` lists the values, which are the field names (their indexes point into the API's own list of required fields). ` +
        `\`statusMismatch\` is true when the body's status disagrees with the HTTP status.`,
    },
  };
}
