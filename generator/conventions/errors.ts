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
 *     fields: { type: /type, title: { path: /title, as: text } }   # typed properties; dialect/error-reading.ts
 *     codes: { 10000: { name: Authentication, status: authentication } }   # dialect/code-table.ts
 *     kinds: { unknown-fields: Unknown fields submitted }   # error.kind, by the message's start
 *     field-indexes: { path: /body/fields, except-kinds: [missing-fields] }   # indexes into the body sent
 *     reported-status: /status      # the body's copy of the HTTP status
 *     code-tables:                  # tables keyed on other fields, or on several
 *       - match: /errors/0/category
 *         codes: { RATE_LIMIT_ERROR: { status: rate-limit, retryable: true } }
 * — or as a preset (`type:`), a function from its own keys to primitives:
 * - `code-message`: a code and a message at the top level; primitives.
 * - `error-object`: `{error: {code, message, details}}`; primitives on the `ErrorObjectError` base
 *   (error-object-errors.ts).
 * - `problem-details`: RFC 7807 bodies; primitives on the `ProblemDetailsError` base
 *   (problem-details-errors.ts).
 * - `text-fields`: a sentence plus fields named by index; primitives on the `TextFieldsError` base.
 * Every package also gets one class per HTTP status, all extending the provider's class.
 */
import type { IRDocument, IRType } from "../ir.js";
import type { JsonPointer, ProblemCollector } from "../spec-error.js";
import type { Contribution, Convention, DialectContext, DialectNote, ErrorCodeFact, ErrorFieldFact, JsonValue } from "./convention.js";
import { type CodeEntry, STATUS_CLASSES, parseCodeTable } from "./dialect/code-table.js";
import { type FieldPath, describeFieldPath, formatFieldPath, isNumeric, isScalar, listItemType } from "./dialect/field-path.js";
import { type CheckedPath, PathReader, responseSchemas } from "./dialect/paths.js";
import { type ChosenVariant, type Variant, chooseVariant, variant } from "./dialect/variants.js";
import { type NamedErrorField, type PathChoice, choiceJson, describeChoice, firstPath, namedFieldFacts, namedFieldsJson, readMessageJoin, readNamedFields, readPathChoice } from "./dialect/error-reading.js";
import { errorObjectPreset } from "./error-object-errors.js";
import { problemDetailsPreset } from "./problem-details-errors.js";
import { ConfigReader, type Mapping, isMapping } from "./read-config.js";
import { isHttpToken } from "../validate/http-token.js";
import { type FieldIndexes, type MessageKind, fieldIndexErrorFields, parseFieldIndexes, parseKinds, textFieldsPreset } from "./field-index-errors.js";

/** Errors in primitives: what the runtime's `errorFields` decoder takes, the class's typed properties, the code table. */
export interface FieldsErrorsConfig {
  readonly className: string | undefined;
  /** A runtime base class a preset names (it exposes some fields itself), instead of `APIError`. */
  readonly base?: { readonly module: string; readonly exportName: string; readonly mediaType?: string };
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
  /** Kinds of error told apart by the start of the message (`error.kind`). */
  readonly kinds?: readonly MessageKind[] | undefined;
  /** Fields named by index into the request body sent (`error.fieldNames`). */
  readonly fieldIndexes?: FieldIndexes | undefined;
  /** The body's copy of the HTTP status (`error.reportedStatus`). */
  readonly reportedStatus?: FieldPath | undefined;
  /** Code tables keyed on other fields than the code, or on several. */
  readonly codeTables?: readonly CodeTable[];
  readonly note: DialectNote;
}

/** A `code-tables` entry: the fields it matches (one key level each) and its entries. */
export interface CodeTable {
  readonly match: readonly PathChoice[];
  readonly codes: readonly CodeEntry[];
}

const UNKNOWN: IRType = { kind: "primitive", type: "unknown" };

const PRIMITIVE_KEYS = ["type", "class", "code", "message", "details", "list", "request-id", "request-id-header", "fields", "codes", "code-tables", "kinds", "field-indexes", "reported-status"] as const;

function parseFieldsErrors(value: unknown, at: JsonPointer, problems: ProblemCollector, ir: IRDocument, context: DialectContext): FieldsErrorsConfig | undefined {
  const read = new ConfigReader(problems, "errors");
  const node = read.mapping(value, at, PRIMITIVE_KEYS);
  if (node === undefined) return undefined;
  const className = read.errorClassName(node, "class", at, "AcmeError");
  const paths = new PathReader(problems, "errors", ir);
  // Error paths are read where failures arrive: error responses, and 2xx bodies too when the
  // envelope's test makes some of them failures and the 2xx schemas describe them whole.
  const schemas = [...responseSchemas(ir, "error"), ...(context.failuresUnder2xx ? responseSchemas(ir, "success") : [])];
  const code = readPathChoice(paths, node, "code", at, schemas);
  const joined = isMapping(node["message"]);
  const messageJoin = joined ? readMessageJoin(paths, node, at, schemas, problems, "errors") : undefined;
  const message = joined ? undefined : readPathChoice(paths, node, "message", at, schemas);
  const details = readPathChoice(paths, node, "details", at, schemas);
  const list = paths.path(node, "list", at, schemas);
  const requestId = readPathChoice(paths, node, "request-id", at, schemas);
  const requestIdHeader = readRequestIdHeader(read, node, at, problems);
  const before = problems.size;
  // `errors` and `details` are the list's and the details' properties when those are read.
  const taken = new Set([...(node["list"] === undefined ? [] : ["errors"]), ...(node["details"] === undefined ? [] : ["details"])]);
  const fields = readNamedFields(read, paths, node, at, schemas, problems, ir, taken);
  const codes = parseCodeTable("errors", node, "codes", at, problems, { bare: true });
  const codeTables = readCodeTables(read, paths, node, at, schemas, problems, ir);
  const kinds = parseKinds(node, at, problems);
  const fieldIndexes = parseFieldIndexes(node, at, problems, paths, schemas, kinds);
  const reportedStatus = paths.path(node, "reported-status", at, schemas);
  if (className === null || fields === undefined || problems.size > before) return undefined;
  const written = { code, message: message ?? messageJoin, details, list, "request-id": requestId, kinds, "field-indexes": fieldIndexes, "reported-status": reportedStatus };
  // A key that was written but did not parse or match has been reported; nothing to add.
  if (Object.entries(written).some(([key, path]) => node[key] !== undefined && path === undefined)) return undefined;
  if (code === undefined && message === undefined && messageJoin === undefined && details === undefined && list === undefined && fieldIndexes === undefined && reportedStatus === undefined && fields.length === 0) {
    problems.add(at, 'errors: needs at least one of "code", "message", "details", "list", "field-indexes", "reported-status" and "fields" (or a preset "type")');
    return undefined;
  }
  if (kinds !== undefined && message === undefined && messageJoin === undefined) problems.add([...at, "kinds"], 'errors: "kinds" needs "message", the path of the text they are told apart by');
  if (codes.length > 0 && code === undefined) problems.add([...at, "codes"], 'errors: "codes" needs "code", the path of the code');
  const numericCode = code !== undefined && isNumeric(code.types, ir);
  if (code !== undefined && code.types.length > 0 && !isScalar(code.types, ir)) {
    problems.add([...at, "code"], `errors: "code" ${formatFieldPath(firstPath(code.choice))} is an object or a list in the declared schemas; a code is text or a number`);
    return undefined;
  }
  for (const entry of numericCode ? codes : []) {
    if (!/^-?\d+$/.test(entry.code)) problems.addAtKey([...at, "codes", entry.code], `errors: code "${entry.code}" is not a number, but the schema declares ${formatFieldPath(code ? firstPath(code.choice) : [])} a number`);
  }
  checkClassNames(codes, codeTables, at, problems);
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
    kinds,
    fieldIndexes,
    reportedStatus: reportedStatus?.path,
    codeTables,
    note: fieldsNote(code?.choice, message?.choice, messageJoin, details?.choice, list?.path, numericCode, kinds, fieldIndexes, reportedStatus?.path, fields, codes, codeTables),
  };
}

/**
 * `code-tables`: each `{match: PATH | [PATH, …], codes}`, a code table keyed on those fields
 * (one mapping level per field). Every matched field must be text or a number in the schemas;
 * a level whose field the schemas declare a number takes numbers only.
 */
function readCodeTables(read: ConfigReader, paths: PathReader, node: Mapping, at: JsonPointer, schemas: readonly IRType[], problems: ProblemCollector, ir: IRDocument): CodeTable[] {
  const raw = node["code-tables"];
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.add([...at, "code-tables"], "errors: code-tables must be a non-empty list of {match, codes}");
    return [];
  }
  const tables: CodeTable[] = [];
  raw.forEach((entry: unknown, i) => {
    const where = [...at, "code-tables", i];
    const item = read.mapping(entry, where, ["match", "codes"]);
    if (item === undefined) return;
    if (item["match"] === undefined || item["codes"] === undefined) {
      problems.add(where, 'errors: a code table needs "match" (the field path, or a list of paths, it is keyed on) and "codes"');
      return;
    }
    const listed = Array.isArray(item["match"]);
    const written: unknown[] = listed ? (item["match"] as unknown[]) : [item["match"]];
    if (written.length === 0) {
      problems.add([...where, "match"], "errors: match must name at least one field path");
      return;
    }
    const match = written.map((text, j) => paths.pathValue(text, listed ? [...where, "match", j] : [...where, "match"], "match", schemas, []));
    const codes = parseCodeTable("errors", item, "codes", where, problems, { bare: true, levels: written.length });
    match.forEach((path, j) => {
      if (path === undefined) return;
      const pathAt = listed ? [...where, "match", j] : [...where, "match"];
      if (path.types.length > 0 && !isScalar(path.types, ir)) {
        problems.add(pathAt, `errors: match ${formatFieldPath(path.path)} is an object or a list in the declared schemas; a table is keyed on text or numbers`);
        return;
      }
      if (!isNumeric(path.types, ir)) return;
      for (const c of codes) {
        const value = c.code.split(" ")[j] ?? "";
        if (!/^-?\d+$/.test(value)) problems.addAtKey([...where, "codes", ...c.code.split(" ").slice(0, j + 1)], `errors: "${value}" is not a number, but the schema declares ${formatFieldPath(path.path)} a number`);
      }
    });
    if (match.every((p) => p !== undefined)) tables.push({ match: match.map((p) => (p as CheckedPath).path), codes });
  });
  return tables;
}

/** Classes are named after entries: two entries of any tables with one name would clash. */
function checkClassNames(codes: readonly CodeEntry[], tables: readonly CodeTable[], at: JsonPointer, problems: ProblemCollector): void {
  const seen = new Map<string, string>();
  const claim = (entry: CodeEntry, where: JsonPointer, label: string) => {
    if (entry.name === undefined) return;
    const folded = entry.name.replace(/ /g, "").toLowerCase();
    const earlier = seen.get(folded);
    if (earlier !== undefined && earlier !== label) problems.add(where, `errors: ${earlier} and ${label} are both named "${entry.name}"; their error classes need different names`);
    else seen.set(folded, label);
  };
  for (const entry of codes) claim(entry, [...at, "codes", entry.code], `codes.${entry.code}`);
  tables.forEach((table, i) => {
    for (const entry of table.codes) claim(entry, [...at, "code-tables", i, "codes", ...entry.code.split(" ")], `code-tables.${i}.codes.${entry.code.replace(/ /g, ".")}`);
  });
}

function fieldsNote(
  code: PathChoice | undefined,
  message: PathChoice | undefined,
  messageJoin: readonly PathChoice[] | undefined,
  details: PathChoice | undefined,
  list: FieldPath | undefined,
  numeric: boolean,
  kinds: readonly MessageKind[] | undefined,
  fieldIndexes: FieldIndexes | undefined,
  reportedStatus: FieldPath | undefined,
  fields: readonly NamedErrorField[],
  codes: readonly CodeEntry[],
  tables: readonly CodeTable[],
): DialectNote {
  const read = [
    code && `\`code\` (${numeric ? "a number" : "text"}) from ${describeChoice(code)}`,
    message && `\`message\` from ${describeChoice(message)}`,
    messageJoin && `\`message\` joined from ${messageJoin.map(describeChoice).join(", ")}`,
    kinds && `\`kind\` (${kinds.map((k) => `\`"${k.name}"\` when the message starts "${k.text}"`).join(", ")})`,
    fieldIndexes && `\`fieldNames\` from \`${describeFieldPath(fieldIndexes.path)}\`, whose indexes point into the top-level fields of the request body as sent${fieldIndexes.exceptKinds.length > 0 ? ` (the values themselves for ${fieldIndexes.exceptKinds.map((k) => `\`"${k}"\``).join(", ")})` : ""}`,
    reportedStatus && `\`reportedStatus\` (the HTTP status the body repeats, as text) from \`${describeFieldPath(reportedStatus)}\``,
    details && `\`details\` from ${describeChoice(details)}`,
    list && `\`errors\` (every error the body lists) from \`${describeFieldPath(list)}\``,
    ...fields.map((f) => (f.path === undefined ? `\`${f.name}\` (the code's name in the table)` : `\`${f.name}\` from ${describeChoice(f.path)}`)),
  ].filter((p): p is string => p !== undefined);
  const all = [...(code === undefined ? [] : [{ match: [code], codes }]), ...tables];
  const byTables = tables.filter((t) => t.codes.some((c) => c.name !== undefined)).map((t) => t.match.map((p) => `\`${describeFieldPath(firstPath(p))}\``).join(" and "));
  const sentences = [
    byTables.length === 0 ? "" : ` Errors are also classed by ${byTables.join(", and by ")} (see the error classes below).`,
    ...all.map((t) => {
      const bare = t.codes.filter((c) => c.name === undefined && c.statusClass !== undefined);
      if (bare.length === 0) return "";
      const status = (c: CodeEntry) => String(STATUS_CLASSES[c.statusClass ?? ""] ?? "");
      return ` A failure under HTTP 2xx whose \`${t.match.map((p) => describeFieldPath(firstPath(p))).join(" ")}\` is ${bare.map((c) => `\`${c.code}\` stands for HTTP ${status(c)}`).join(", ")}.`;
    }),
    ...all.map((t) => {
      const never = t.codes.filter((c) => c.retryable === false).map((c) => `\`${c.code}\``);
      if (never.length === 0) return "";
      return ` An error whose \`${t.match.map((p) => describeFieldPath(firstPath(p))).join(" ")}\` is ${never.join(" or ")} is never retried, whatever its status.`;
    }),
  ];
  return { title: "Errors", text: `Every error exposes ${read.join(", ")}, next to \`status\`, \`headers\` and the parsed \`body\`.${sentences.join("")}` };
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
  const codes = parseCodeTable("errors", node, "codes", at, problems, { bare: true });
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
  if (config.kinds !== undefined) pluginConfig["kinds"] = config.kinds.map((k) => ({ name: k.name, text: k.text }));
  if (config.fieldIndexes !== undefined) pluginConfig["fieldIndexes"] = { path: [...config.fieldIndexes.path], exceptKinds: [...config.fieldIndexes.exceptKinds] };
  put("reportedStatus", config.reportedStatus);
  if (config.fields !== undefined && config.fields.length > 0) pluginConfig["fields"] = namedFieldsJson(config.fields);
  if (config.fields?.some((f) => f.as === "code-name") === true && config.codes.length > 0) pluginConfig["codeNames"] = Object.fromEntries(config.codes.flatMap((c) => (c.name === undefined ? [] : [[c.code, c.name]])));
  const tables = runtimeTables(config);
  if (tables.length > 0) pluginConfig["tables"] = tables.map((t) => t.config);
  // error.code as the table writes it: "001" for a code sent as 1 or "1".
  const spellings = codeSpellings(config.code === undefined ? [] : config.codes);
  if (spellings.length > 0) pluginConfig["codeSpellings"] = Object.fromEntries(spellings);
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
  // A preset's base class exposes the named fields it reads (ProblemDetailsError's `title`, …).
  if (config.base === undefined) fields.push(...namedFieldFacts(config.fields ?? []));
  facts.errorFields.push(...fields);
  for (const table of tables) facts.errorCodes.push(...table.classes);
  facts.notes.push(config.note);
}

/**
 * The code tables as the runtime consults them, most specific first: tables keyed on more fields
 * before those keyed on fewer, `codes` (keyed on the code) before `code-tables` keyed on one field,
 * then the order written. Each with the classes its named entries get, and the spellings of codes
 * written with leading zeros ("001" found by 1, "1" and "01": JSON numbers, XML text).
 */
function runtimeTables(config: FieldsErrorsConfig): { readonly config: JsonValue; readonly classes: ErrorCodeFact[] }[] {
  const written = [
    ...(config.code !== undefined && config.codes.length > 0 ? [{ match: [config.code], codes: config.codes, index: undefined }] : []),
    ...(config.codeTables ?? []).map((t, index) => ({ ...t, index })),
  ];
  const ordered = written.map((t, order) => ({ t, order })).sort((a, b) => b.t.match.length - a.t.match.length || a.order - b.order);
  return ordered.map(({ t }) => {
    const entries: Record<string, JsonValue> = {};
    const classes: ErrorCodeFact[] = [];
    for (const c of t.codes) {
      // `codes` keeps the code as its class key (the runtime also looks codes up directly).
      const key = t.index === undefined ? c.code : `code-tables/${t.index}/${c.code}`;
      const entry: Record<string, JsonValue> = {};
      if (c.name !== undefined) {
        entry["classKey"] = key;
        const matched = t.index === undefined ? undefined : t.match.map((p) => describeFieldPath(firstPath(p))).join(" and ");
        classes.push({ code: c.code, name: c.name, description: c.description, ...(c.statusClass === undefined ? {} : { statusClass: c.statusClass }), ...(t.index === undefined ? {} : { key }), ...(matched === undefined ? {} : { matched }) });
      } else if (c.statusClass !== undefined) {
        const status = STATUS_CLASSES[c.statusClass];
        entry["status"] = status === "5xx" ? 500 : (status ?? 500);
      }
      if (c.retryable !== undefined) entry["retryable"] = c.retryable;
      entries[c.code] = entry;
    }
    const spellings = Object.fromEntries(codeSpellings(t.codes));
    const spelled = Object.keys(spellings).length === 0 ? {} : { spellings };
    return { config: { match: t.match.map(choiceJson), entries, ...spelled }, classes };
  });
}

/** Each value of an entry's key written with leading zeros, by its number: `["1", "001"]`. */
function codeSpellings(codes: readonly CodeEntry[]): [string, string][] {
  const values = new Set(codes.flatMap((c) => c.code.split(" ")).filter((v) => /^0\d+$/.test(v)));
  return [...values].map((v) => [String(Number(v)), v]);
}

/** Each errors `type` (the primitives are `fields`, the default): how its keys become a config and facts. */
export const ERRORS_TYPES: Readonly<Record<string, Variant<unknown>>> = {
  fields: variant({ parse: parseFieldsErrors, apply: applyFieldsErrors }),
  "code-message": variant({ parse: codeMessagePreset, apply: applyFieldsErrors }),
  "problem-details": variant({ parse: problemDetailsPreset, apply: applyFieldsErrors }),
  "text-fields": variant({ parse: textFieldsPreset, apply: applyFieldsErrors }),
  "error-object": variant({ parse: errorObjectPreset, apply: applyFieldsErrors }),
};

export const errorsConvention: Convention<ChosenVariant> = {
  key: "errors",
  summary: "error bodies: `code`, `message` (or {join}), `details`, `list`, `request-id`, `reported-status` (field paths; all but list and reported-status also lists of alternatives), `fields` (name → field path or {path, as: text | field-messages | code-name}), `request-id-header`, `codes` (code → { name, status, retryable }), `code-tables` ([{ match: path(s), codes }]), `kinds` (name → the message's start), `field-indexes` (fields by index into the request body), `class`; or a preset `type`: code-message, error-object, problem-details, text-fields",
  parse: (value, at, problems, ir, context) => chooseVariant("errors", ERRORS_TYPES, "fields", value, at, problems, ir, context),
  apply: (chosen, _ir, facts) => chosen.apply(facts),
};
