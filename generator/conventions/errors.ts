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
 *     fields: { title: { path: /title, as: text } }   # typed properties; see dialect/error-reading.ts
 *     codes: { 10000: { name: Authentication, status: authentication } }   # dialect/code-table.ts
 * — or as a preset (`type:`), a function from its own keys to primitives or to a runtime reader:
 * - `code-message`: a code and a message at the top level; primitives.
 * - `error-object`: `{error: {code, message, details}}`; primitives on the `ErrorObjectError` base
 *   (error-object-errors.ts).
 * - `problem-details`: RFC 7807 bodies; primitives on the `ProblemDetailsError` base
 *   (problem-details-errors.ts).
 * - `text-fields`: a sentence plus fields named by index; see text-fields-errors.ts.
 * Every package also gets one class per HTTP status, all extending the provider's class.
 */
import type { IRDocument, IRType } from "../ir.js";
import type { JsonPointer, ProblemCollector } from "../spec-error.js";
import type { Contribution, Convention, DialectNote, ErrorFieldFact, JsonValue } from "./convention.js";
import { type CodeEntry, parseCodeTable } from "./dialect/code-table.js";
import { type FieldPath, describeFieldPath, formatFieldPath, isNumeric, isScalar, listItemType } from "./dialect/field-path.js";
import { PathReader, responseSchemas } from "./dialect/paths.js";
import { type ChosenVariant, type Variant, chooseVariant, variant } from "./dialect/variants.js";
import { type NamedErrorField, type PathChoice, choiceJson, describeChoice, firstPath, namedFieldFacts, namedFieldsJson, readMessageJoin, readNamedFields, readPathChoice } from "./dialect/error-reading.js";
import { errorObjectPreset } from "./error-object-errors.js";
import { problemDetailsPreset } from "./problem-details-errors.js";
import { ConfigReader, type Mapping, isMapping } from "./read-config.js";
import { isHttpToken } from "../validate/http-token.js";
import { applyTextFieldsErrors, parseTextFieldsErrors } from "./text-fields-errors.js";

/** Errors in primitives: what the runtime's `errorFields` decoder takes, the class's typed properties, the code table. */
export interface FieldsErrorsConfig {
  readonly className: string | undefined;
  /** A runtime base class a preset names (it exposes some fields itself), instead of `APIError`. */
  readonly base?: { readonly module: string; readonly exportName: string };
  readonly code: PathChoice | undefined;
  readonly numericCode: boolean;
  readonly message: PathChoice | undefined;
  /** The message joined from several fields (`message: {join: [...]}`), instead of `message`. */
  readonly messageJoin?: readonly PathChoice[];
  readonly details: PathChoice | undefined;
  readonly list: FieldPath | undefined;
  /** The type of the list's entries, from the schema (unknown when it does not say). */
  readonly listEntry: IRType;
  readonly requestId: PathChoice | undefined;
  readonly requestIdHeader: string | undefined;
  /** Named fields, typed properties of the provider's class (or of a preset's base, which exposes them). */
  readonly fields?: readonly NamedErrorField[];
  readonly codes: readonly CodeEntry[];
  readonly note: DialectNote;
}

const UNKNOWN: IRType = { kind: "primitive", type: "unknown" };

const PRIMITIVE_KEYS = ["type", "class", "code", "message", "details", "list", "request-id", "request-id-header", "fields", "codes"] as const;

function parseFieldsErrors(value: unknown, at: JsonPointer, problems: ProblemCollector, ir: IRDocument): FieldsErrorsConfig | undefined {
  const read = new ConfigReader(problems, "errors");
  const node = read.mapping(value, at, PRIMITIVE_KEYS);
  if (node === undefined) return undefined;
  const className = read.errorClassName(node, "class", at, "AcmeError");
  const paths = new PathReader(problems, "errors", ir);
  // A failure under HTTP 2xx is read by the same decoder, so success bodies count as error bodies too.
  const schemas = responseSchemas(ir, "error");
  const code = readPathChoice(paths, node, "code", at, schemas);
  const joined = isMapping(node["message"]);
  const messageJoin = joined ? readMessageJoin(paths, node, at, schemas, problems, "errors") : undefined;
  const message = joined ? undefined : readPathChoice(paths, node, "message", at, schemas);
  const details = readPathChoice(paths, node, "details", at, schemas);
  const list = paths.path(node, "list", at, schemas);
  const requestId = readPathChoice(paths, node, "request-id", at, schemas);
  const requestIdHeader = readRequestIdHeader(read, node, at, problems);
  // `errors` and `details` are the list's and the details' properties when those are read.
  const taken = new Set([...(node["list"] === undefined ? [] : ["errors"]), ...(node["details"] === undefined ? [] : ["details"])]);
  const fields = readNamedFields(paths, node, at, schemas, problems, "errors", taken);
  const codes = parseCodeTable("errors", node, "codes", at, problems);
  if (className === null || fields === undefined) return undefined;
  const written = { code, message: message ?? messageJoin, details, list, "request-id": requestId };
  // A path that was written but did not parse or match has been reported; nothing to add.
  if (Object.entries(written).some(([key, path]) => node[key] !== undefined && path === undefined)) return undefined;
  if (code === undefined && message === undefined && messageJoin === undefined && details === undefined && list === undefined && fields.length === 0) {
    problems.add(at, 'errors: needs at least one of "code", "message", "details", "list" and "fields" (or a preset "type")');
    return undefined;
  }
  if (codes.length > 0 && code === undefined) problems.add([...at, "codes"], 'errors: "codes" needs "code", the path of the code');
  const numericCode = code !== undefined && isNumeric(code.types, ir);
  if (code !== undefined && code.types.length > 0 && !isScalar(code.types, ir)) {
    problems.add([...at, "code"], `errors: "code" ${formatFieldPath(firstPath(code.choice))} is an object or a list in the declared schemas; a code is text or a number`);
    return undefined;
  }
  for (const entry of numericCode ? codes : []) {
    if (!/^-?\d+$/.test(entry.code)) problems.addAtKey([...at, "codes", entry.code], `errors: code "${entry.code}" is not a number, but the schema declares ${formatFieldPath(code ? firstPath(code.choice) : [])} a number`);
  }
  return {
    className,
    code: code?.choice,
    numericCode,
    message: message?.choice,
    ...(messageJoin === undefined ? {} : { messageJoin }),
    details: details?.choice,
    list: list?.path,
    listEntry: (list && listItemType(list.types, ir)) ?? UNKNOWN,
    requestId: requestId?.choice,
    requestIdHeader,
    fields,
    codes,
    note: fieldsNote(code?.choice, message?.choice, messageJoin, details?.choice, list?.path, numericCode, fields),
  };
}

function fieldsNote(code: PathChoice | undefined, message: PathChoice | undefined, messageJoin: readonly PathChoice[] | undefined, details: PathChoice | undefined, list: FieldPath | undefined, numeric: boolean, fields: readonly NamedErrorField[] = []): DialectNote {
  const read = [
    code && `\`code\` (${numeric ? "a number" : "text"}) from ${describeChoice(code)}`,
    message && `\`message\` from ${describeChoice(message)}`,
    messageJoin && `\`message\` joined from ${messageJoin.map(describeChoice).join(", ")}`,
    details && `\`details\` from ${describeChoice(details)}`,
    list && `\`errors\` (every error the body lists) from \`${describeFieldPath(list)}\``,
    ...fields.map((f) => (f.path === undefined ? `\`${f.name}\` (the code's name in the table)` : `\`${f.name}\` from ${describeChoice(f.path)}`)),
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

export function applyFieldsErrors(config: FieldsErrorsConfig, facts: Contribution): void {
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
  const put = (key: string, path: PathChoice | undefined) => {
    if (path !== undefined) pluginConfig[key] = choiceJson(path);
  };
  put("code", config.code);
  if (config.numericCode) pluginConfig["numericCode"] = true;
  put("message", config.message);
  if (config.messageJoin !== undefined) pluginConfig["messageJoin"] = config.messageJoin.map(choiceJson);
  put("details", config.details);
  put("list", config.list);
  put("requestId", config.requestId);
  if (config.requestIdHeader !== undefined) pluginConfig["requestIdHeader"] = config.requestIdHeader;
  if (config.fields !== undefined && config.fields.length > 0) pluginConfig["fields"] = namedFieldsJson(config.fields);
  const retryable = config.codes.filter((c) => c.retryable).map((c) => c.code);
  if (retryable.length > 0) pluginConfig["retryable"] = retryable;
  // "001" in the table finds a code sent as 1 or "1" (JSON numbers, XML text).
  const spellings = config.codes.filter((c) => /^0\d+$/.test(c.code)).map((c) => [String(Number(c.code)), c.code]);
  if (spellings.length > 0) pluginConfig["codeSpellings"] = Object.fromEntries(spellings);
  if (config.fields?.some((f) => f.as === "code-name") === true && config.codes.length > 0) pluginConfig["codeNames"] = Object.fromEntries(config.codes.map((c) => [c.code, c.name]));
  facts.plugins.push({ module: "error-fields", exportName: "errorFields", config: pluginConfig, takesOptions: false });
  const fields: ErrorFieldFact[] = [];
  // A base class that exposes `details` itself (ErrorObjectError) needs no property for it.
  if (config.details !== undefined && config.base === undefined) {
    fields.push({ name: "details", description: "The error's details as the provider sent them; undefined when absent.", module: "error-fields", reader: "errorDetails", entry: undefined });
  }
  if (config.list !== undefined) {
    fields.push({ name: "errors", description: "Every error the response lists, the first being the one this error is about.", module: "error-fields", reader: "errorList", entry: config.listEntry });
  }
  // A preset's base class exposes the named fields it reads (ProblemDetailsError's `title`, …).
  if (config.base === undefined) fields.push(...namedFieldFacts(config.fields ?? []));
  facts.errorFields.push(...fields);
  for (const { retryable: _, ...fact } of config.codes) facts.errorCodes.push(fact);
  facts.notes.push(config.note);
}

/** Each errors `type` (the primitives are `fields`, the default): how its keys become a config and facts. */
export const ERRORS_TYPES: Readonly<Record<string, Variant<unknown>>> = {
  fields: variant({ parse: parseFieldsErrors, apply: applyFieldsErrors }),
  "code-message": variant({ parse: codeMessagePreset, apply: applyFieldsErrors }),
  "problem-details": variant({ parse: problemDetailsPreset, apply: applyFieldsErrors }),
  "text-fields": variant({ parse: parseTextFieldsErrors, apply: applyTextFieldsErrors }),
  "error-object": variant({ parse: errorObjectPreset, apply: applyFieldsErrors }),
};

export const errorsConvention: Convention<ChosenVariant> = {
  key: "errors",
  summary: "error bodies: `code`, `message` (or {join}), `details`, `list`, `request-id` (field paths, or lists of alternatives), `fields` (named typed properties), `request-id-header`, `codes` (code → { name, status, retryable }), `class`; or a preset `type`: code-message, error-object, problem-details, text-fields",
  parse: (value, at, problems, ir) => chooseVariant("errors", ERRORS_TYPES, "fields", value, at, problems, ir),
  apply: (chosen, _ir, facts) => chosen.apply(facts),
};
