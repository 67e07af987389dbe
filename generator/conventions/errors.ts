/**
 * `x-conventions.errors`: how error bodies are read and what the provider's error class is called.
 * Written in primitives, every field a path into the body (see dialect/field-path.ts) —
 *   errors:
 *     class: AcmeError
 *     code: /errors/0/code          # its type (string or number) is the schema's
 *     message: /errors/0/message
 *     details: /errors/0/error_chain
 *     list: /errors                 # every error, typed, as `error.errors`
 *     request-id: /meta/request_id  # or request-id-header: x-request-id
 *     codes: { 10000: { name: Authentication, status: authentication } }   # dialect/code-table.ts
 *     kinds: { unknown-fields: Unknown fields submitted }   # error.kind, by the message's start
 *     field-indexes: { path: /body/fields, except-kinds: [missing-fields] }   # indexes into the body sent
 *     reported-status: /status      # the body's copy of the HTTP status
 * — or as a preset (`type:`), a function from its own keys to primitives or to a runtime reader:
 * - `code-message`: a code and a message at the top level; primitives.
 * - `error-object`: `{error: {code, message, details}}`; primitives on the `ErrorObjectError` base
 *   (error-object-errors.ts).
 * - `problem-details`: RFC 7807 bodies; the runtime's problem-details reader.
 * - `text-fields`: a sentence plus fields named by index; primitives on the `TextFieldsError` base.
 * Every package also gets one class per HTTP status, all extending the provider's class.
 */
import type { IRDocument, IRType } from "../ir.js";
import type { JsonPointer, ProblemCollector } from "../spec-error.js";
import type { Contribution, Convention, DialectNote, ErrorFieldFact, JsonValue } from "./convention.js";
import { type CodeEntry, parseCodeTable } from "./dialect/code-table.js";
import { type FieldPath, describeFieldPath, formatFieldPath, isNumeric, isScalar, listItemType } from "./dialect/field-path.js";
import { PathReader, responseSchemas } from "./dialect/paths.js";
import { type ChosenVariant, type Variant, chooseVariant, variant } from "./dialect/variants.js";
import { errorObjectPreset } from "./error-object-errors.js";
import { ConfigReader, type Mapping } from "./read-config.js";
import { isHttpToken } from "../validate/http-token.js";
import { type FieldIndexes, type MessageKind, fieldIndexErrorFields, parseFieldIndexes, parseKinds, textFieldsPreset } from "./field-index-errors.js";

/** Errors in primitives: what the runtime's `errorFields` decoder takes, the class's typed properties, the code table. */
export interface FieldsErrorsConfig {
  readonly className: string | undefined;
  /** A runtime base class a preset names (it exposes some fields itself), instead of `APIError`. */
  readonly base?: { readonly module: string; readonly exportName: string };
  readonly code: FieldPath | undefined;
  readonly numericCode: boolean;
  readonly message: FieldPath | undefined;
  readonly details: FieldPath | undefined;
  readonly list: FieldPath | undefined;
  /** The type of the list's entries, from the schema (unknown when it does not say). */
  readonly listEntry: IRType;
  readonly requestId: FieldPath | undefined;
  readonly requestIdHeader: string | undefined;
  readonly codes: readonly CodeEntry[];
  /** Kinds of error told apart by the start of the message (`error.kind`). */
  readonly kinds?: readonly MessageKind[] | undefined;
  /** Fields named by index into the request body sent (`error.fieldNames`). */
  readonly fieldIndexes?: FieldIndexes | undefined;
  /** The body's copy of the HTTP status (`error.reportedStatus`). */
  readonly reportedStatus?: FieldPath | undefined;
  readonly note: DialectNote;
}

const UNKNOWN: IRType = { kind: "primitive", type: "unknown" };

const PRIMITIVE_KEYS = ["type", "class", "code", "message", "details", "list", "request-id", "request-id-header", "codes", "kinds", "field-indexes", "reported-status"] as const;

function parseFieldsErrors(value: unknown, at: JsonPointer, problems: ProblemCollector, ir: IRDocument): FieldsErrorsConfig | undefined {
  const read = new ConfigReader(problems, "errors");
  const node = read.mapping(value, at, PRIMITIVE_KEYS);
  if (node === undefined) return undefined;
  const className = read.errorClassName(node, "class", at, "AcmeError");
  const paths = new PathReader(problems, "errors", ir);
  // A failure under HTTP 2xx is read by the same decoder, so success bodies count as error bodies too.
  const schemas = responseSchemas(ir, "error");
  const code = paths.path(node, "code", at, schemas);
  const message = paths.path(node, "message", at, schemas);
  const details = paths.path(node, "details", at, schemas);
  const list = paths.path(node, "list", at, schemas);
  const requestId = paths.path(node, "request-id", at, schemas);
  const requestIdHeader = readRequestIdHeader(read, node, at, problems);
  const codes = parseCodeTable("errors", node, "codes", at, problems);
  const kinds = parseKinds(node, at, problems);
  const fieldIndexes = parseFieldIndexes(node, at, problems, paths, schemas, kinds);
  const reportedStatus = paths.path(node, "reported-status", at, schemas);
  if (className === null) return undefined;
  const written = { code, message, details, list, "request-id": requestId, kinds, "field-indexes": fieldIndexes, "reported-status": reportedStatus };
  // A key that was written but did not parse or match has been reported; nothing to add.
  if (Object.entries(written).some(([key, path]) => node[key] !== undefined && path === undefined)) return undefined;
  if (code === undefined && message === undefined && details === undefined && list === undefined && fieldIndexes === undefined && reportedStatus === undefined) {
    problems.add(at, 'errors: needs at least one of "code", "message", "details", "list", "field-indexes" and "reported-status" (or a preset "type")');
    return undefined;
  }
  if (kinds !== undefined && message === undefined) problems.add([...at, "kinds"], 'errors: "kinds" needs "message", the path of the text they are told apart by');
  if (codes.length > 0 && code === undefined) problems.add([...at, "codes"], 'errors: "codes" needs "code", the path of the code');
  const numericCode = code !== undefined && isNumeric(code.types, ir);
  if (code !== undefined && code.types.length > 0 && !isScalar(code.types, ir)) {
    problems.add([...at, "code"], `errors: "code" ${formatFieldPath(code.path)} is an object or a list in the declared schemas; a code is text or a number`);
    return undefined;
  }
  for (const entry of numericCode ? codes : []) {
    if (!/^-?\d+$/.test(entry.code)) problems.addAtKey([...at, "codes", entry.code], `errors: code "${entry.code}" is not a number, but the schema declares ${formatFieldPath(code?.path ?? [])} a number`);
  }
  return {
    className,
    code: code?.path,
    numericCode,
    message: message?.path,
    details: details?.path,
    list: list?.path,
    listEntry: (list && listItemType(list.types, ir)) ?? UNKNOWN,
    requestId: requestId?.path,
    requestIdHeader,
    codes,
    kinds,
    fieldIndexes,
    reportedStatus: reportedStatus?.path,
    note: fieldsNote(code?.path, message?.path, details?.path, list?.path, numericCode, kinds, fieldIndexes, reportedStatus?.path),
  };
}

function fieldsNote(
  code: FieldPath | undefined,
  message: FieldPath | undefined,
  details: FieldPath | undefined,
  list: FieldPath | undefined,
  numeric: boolean,
  kinds: readonly MessageKind[] | undefined,
  fieldIndexes: FieldIndexes | undefined,
  reportedStatus: FieldPath | undefined,
): DialectNote {
  const read = [
    code && `\`code\` (${numeric ? "a number" : "text"}) from \`${describeFieldPath(code)}\``,
    message && `\`message\` from \`${describeFieldPath(message)}\``,
    kinds && `\`kind\` (${kinds.map((k) => `\`"${k.name}"\` when the message starts "${k.text}"`).join(", ")})`,
    fieldIndexes && `\`fieldNames\` from \`${describeFieldPath(fieldIndexes.path)}\`, whose indexes point into the top-level fields of the request body as sent${fieldIndexes.exceptKinds.length > 0 ? ` (the values themselves for ${fieldIndexes.exceptKinds.map((k) => `\`"${k}"\``).join(", ")})` : ""}`,
    reportedStatus && `\`reportedStatus\` (the HTTP status the body repeats, as text) from \`${describeFieldPath(reportedStatus)}\``,
    details && `\`details\` from \`${describeFieldPath(details)}\``,
    list && `\`errors\` (every error the body lists) from \`${describeFieldPath(list)}\``,
  ].filter((p): p is string => p !== undefined);
  return { title: "Errors", text: `Every error exposes ${read.join(", ")}, next to \`status\`, \`headers\` and the parsed \`body\`.` };
}

function readRequestIdHeader(read: ConfigReader, node: Mapping, at: JsonPointer, problems: ProblemCollector): string | undefined {
  const header = read.optionalString(node, "request-id-header", at);
  if (header && !isHttpToken(header)) problems.add([...at, "request-id-header"], `errors: "${header}" is not a valid HTTP header name`);
  return header;
}

/** `type: code-message`: its keys, expanded into primitives. */
function codeMessagePreset(value: unknown, at: JsonPointer, problems: ProblemCollector): FieldsErrorsConfig | undefined {
  const read = new ConfigReader(problems, "errors");
  const node = read.mapping(value, at, ["type", "class", "code-field", "message-field", "request-id-header", "codes"]);
  if (node === undefined) return undefined;
  const className = read.errorClassName(node, "class", at, "JodoError");
  const codeField = read.string(node, "code-field", at, "code");
  const messageField = read.string(node, "message-field", at, "message");
  const requestIdHeader = readRequestIdHeader(read, node, at, problems);
  const codes = parseCodeTable("errors", node, "codes", at, problems);
  if (className === null || !codeField || !messageField) return undefined;
  return {
    className,
    code: [codeField],
    numericCode: false,
    message: [messageField],
    details: undefined,
    list: undefined,
    listEntry: UNKNOWN,
    requestId: undefined,
    requestIdHeader,
    codes,
    note: {
      title: "Errors",
      text: `Error responses carry a machine code in \`${codeField}\` and a message in \`${messageField}\`; every error exposes them as \`code\` and \`message\`, next to \`status\`, \`headers\` and the parsed \`body\`.`,
    },
  };
}

function applyFieldsErrors(config: FieldsErrorsConfig, facts: Contribution): void {
  if (config.className !== undefined) {
    facts.errorClassName = config.className;
    facts.claimedAt.set("errorClassName", ["class"]);
  }
  if (config.numericCode) {
    facts.errorCodeType = "number";
    facts.claimedAt.set("errorCodeType", ["code"]);
  }
  if (config.base !== undefined) {
    facts.errorBase = config.base;
    facts.claimedAt.set("errorBase", ["type"]);
    facts.modules.add(config.base.module);
  }
  facts.modules.add("error-fields");
  const pluginConfig: Record<string, JsonValue> = {};
  const put = (key: string, path: FieldPath | undefined) => {
    if (path !== undefined) pluginConfig[key] = [...path];
  };
  put("code", config.code);
  if (config.numericCode) pluginConfig["numericCode"] = true;
  put("message", config.message);
  put("details", config.details);
  put("list", config.list);
  put("requestId", config.requestId);
  if (config.requestIdHeader !== undefined) pluginConfig["requestIdHeader"] = config.requestIdHeader;
  const retryable = config.codes.filter((c) => c.retryable).map((c) => c.code);
  if (retryable.length > 0) pluginConfig["retryable"] = retryable;
  if (config.kinds !== undefined) pluginConfig["kinds"] = config.kinds.map((k) => ({ name: k.name, text: k.text }));
  if (config.fieldIndexes !== undefined) pluginConfig["fieldIndexes"] = { path: [...config.fieldIndexes.path], exceptKinds: [...config.fieldIndexes.exceptKinds] };
  put("reportedStatus", config.reportedStatus);
  facts.plugins.push({ module: "error-fields", exportName: "errorFields", config: pluginConfig, takesOptions: false });
  const fields: ErrorFieldFact[] = [];
  // A base class that exposes `details` itself (ErrorObjectError) needs no property for it.
  if (config.details !== undefined && config.base === undefined) {
    fields.push({ name: "details", description: "The error's details as the provider sent them; undefined when absent.", module: "error-fields", reader: "errorDetails", entry: undefined });
  }
  // A base class (TextFieldsError) exposes what these read under its own names.
  if (config.base === undefined) fields.push(...fieldIndexErrorFields(config.kinds, config.fieldIndexes, config.reportedStatus));
  if (config.list !== undefined) {
    fields.push({ name: "errors", description: "Every error the response lists, the first being the one this error is about.", module: "error-fields", reader: "errorList", entry: config.listEntry });
  }
  facts.errorFields.push(...fields);
  for (const { retryable: _, ...fact } of config.codes) facts.errorCodes.push(fact);
  facts.notes.push(config.note);
}

/** Keys someone moving from `code-message` may leave behind: named as such rather than as unknown. */
const CODE_MESSAGE_ONLY = ["code-field", "message-field", "request-id-header"];

function parseProblemDetails(value: unknown, at: JsonPointer, problems: ProblemCollector): { readonly className: string | undefined } | undefined {
  const read = new ConfigReader(problems, "errors");
  const node: Mapping | undefined = read.mapping(value, at, ["type", "class", ...CODE_MESSAGE_ONLY]);
  if (node === undefined) return undefined;
  for (const key of CODE_MESSAGE_ONLY) {
    if (node[key] !== undefined) problems.addAtKey([...at, key], `errors: "${key}" belongs to type: code-message`);
  }
  const className = read.errorClassName(node, "class", at, "AcmeError");
  return className === null ? undefined : { className };
}

function applyProblemDetails(config: { readonly className: string | undefined }, facts: Contribution): void {
  if (config.className !== undefined) {
    facts.errorClassName = config.className;
    facts.claimedAt.set("errorClassName", ["class"]);
  }
  facts.modules.add("problem-details");
  facts.errorBase = { module: "problem-details", exportName: "ProblemDetailsError" };
  facts.claimedAt.set("errorBase", ["type"]);
  facts.plugins.push({ module: "problem-details", exportName: "problemDetails", config: null, takesOptions: false });
  facts.notes.push({
    title: "Errors",
    text: "Error responses are RFC 7807 problem details. Every error exposes `type`, `title`, `status`, `detail`, `traceId` and `errors` (field name → messages), in all the variants the API sends.",
  });
}

/** Each errors `type` (the primitives are `fields`, the default): how its keys become a config and facts. */
export const ERRORS_TYPES: Readonly<Record<string, Variant<unknown>>> = {
  fields: variant({ parse: parseFieldsErrors, apply: applyFieldsErrors }),
  "code-message": variant({ parse: codeMessagePreset, apply: applyFieldsErrors }),
  "problem-details": variant({ parse: parseProblemDetails, apply: applyProblemDetails }),
  "text-fields": variant({ parse: textFieldsPreset, apply: applyFieldsErrors }),
  "error-object": variant({ parse: errorObjectPreset, apply: applyFieldsErrors }),
};

export const errorsConvention: Convention<ChosenVariant> = {
  key: "errors",
  summary: "error bodies: `code`, `message`, `details`, `list`, `request-id`, `reported-status` (field paths), `request-id-header`, `codes` (code → { name, status, retryable }), `kinds` (name → the message's start), `field-indexes` (fields by index into the request body), `class`; or a preset `type`: code-message, error-object, problem-details, text-fields",
  parse: (value, at, problems, ir) => chooseVariant("errors", ERRORS_TYPES, "fields", value, at, problems, ir),
  apply: (chosen, _ir, facts) => chosen.apply(facts),
};
