/**
 * Error bodies read by field paths the spec names: the code, the message, the details, the list
 * of all errors, the request id and any further named fields, e.g.
 *   `{"success": false, "errors": [{"code": 7003, "message": "No route"}]}`
 *   with code `/errors/0/code`, message `/errors/0/message`, list `/errors`.
 * When the body itself is a list, its first entry is the primary error and the list is every error.
 * The code keeps the JSON type the spec declares (a number stays a number). Any path may be a list
 * of alternatives (the first present is read); the message may be joined from several fields
 * (`title`, `detail`, validation messages per field). Code tables, each keyed on one field or
 * several (the code, a category, …), pick the error's class, the status a failure under 2xx stands
 * for, and whether it is worth repeating — `false` wins over the status. The message may also say
 * which kind of error it is (message-kind.ts), fields may be named by index into the request body
 * sent (field-indexes.ts), the body may repeat the HTTP status, and named fields are kept for the
 * provider's error class (`fields`), e.g. RFC 7807's `title` and `traceId`.
 */

import { capMessage, MAX_FIELD_ERRORS } from "./errors.js";
import type { APIErrorInit } from "./errors.js";
import { type FieldMessages, NO_FIELD_MESSAGES, type ReadFieldMessages, describeFieldMessages, readFieldMessages } from "./field-messages.js";
import { indexedFieldNames, messageWithFields, submittedFieldNames } from "./field-indexes.js";
import { type FieldPaths, readFirst, readPath } from "./field-path.js";
import { definedOnly, isRecord } from "./fields.js";
import { type MessageKind, messageKind } from "./message-kind.js";
import type { ErrorDetails, Plugin } from "./types.js";

export interface ErrorFieldsConfig {
  readonly code?: FieldPaths;
  /** The spec declares the code a number: `"7003"` is read as 7003; otherwise 7003 is read as `"7003"`. */
  readonly numericCode?: boolean;
  readonly message?: FieldPaths;
  /**
   * The message joined from several fields, as sentences: text said once (a detail equal to the
   * title is left out), a map of field → messages as `field: message message`.
   */
  readonly messageJoin?: readonly FieldPaths[];
  readonly details?: FieldPaths;
  readonly list?: FieldPaths;
  readonly requestId?: FieldPaths;
  /** Named fields kept for the provider's error class, read by {@link errorField}. */
  readonly fields?: Readonly<Record<string, ErrorFieldConfig>>;
  /** Response header with the provider's request id, e.g. `x-trace-id`. */
  readonly requestIdHeader?: string;
  /** Kinds of error told apart by the start of the message, first match wins. */
  readonly kinds?: readonly MessageKind[];
  /** Fields named by index: where, and the kinds whose indexes point elsewhere than the request body (their values are the names). */
  readonly fieldIndexes?: { readonly path: readonly string[]; readonly exceptKinds?: readonly string[] };
  /** The body's copy of the HTTP status. */
  readonly reportedStatus?: readonly string[];
  /** Code tables, most specific first: the first entry that names a class (or status, or retry word) wins it. */
  readonly tables?: readonly CodeTableConfig[];
  /**
   * Codes the code table writes with leading zeros, by their number (`{"1": "001"}`): a code sent
   * as 1, "1" or "01" is read as the table writes it, so it finds its class.
   */
  readonly codeSpellings?: Readonly<Record<string, string>>;
  /** The code table's name of each code (`{"001": "Authentication"}`), for fields `as: code-name`. */
  readonly codeNames?: Readonly<Record<string, string>>;
}

/** One code table: the fields it matches and its entries, keyed by their values joined with a space. */
export interface CodeTableConfig {
  readonly match: readonly FieldPaths[];
  readonly entries: Readonly<Record<string, CodeTableEntry>>;
  /** Values the entries write with leading zeros, by their number (`{"1": "001"}`). */
  readonly spellings?: Readonly<Record<string, string>>;
}

export interface CodeTableEntry {
  /** The entry's own class: its key in `ErrorClasses.byCode`. */
  readonly classKey?: string;
  /** The status a failure under 2xx stands for, when the entry has no class of its own. */
  readonly status?: number;
  /** The provider's word on repeating the call; `false` wins over a retried status. */
  readonly retryable?: boolean;
}

/** A named field of the error: its path (the value as sent), or where it is and how it is read. */
export type ErrorFieldConfig = FieldPaths | ErrorFieldReading;

export interface ErrorFieldReading {
  /** Where the field is (not for `code-name`). */
  readonly path?: FieldPaths;
  /**
   * `text`: a string that is not blank (cut like a message), else absent; `field-messages`: a map
   * of field → messages; `code-name`: the code table's name of the error's code; `value`: as sent.
   */
  readonly as?: "value" | "text" | "field-messages" | "code-name";
}

const DETAILS = "details";
const ERRORS = "errors";
const TEXT = "text";
const KIND = "kind";
const FIELD_NAMES = "fieldNames";
const REPORTED_STATUS = "reportedStatus";
const FIELDS = "fields";

export function errorFields(config: ErrorFieldsConfig): Plugin {
  return {
    decodeError(body, response): ErrorDetails | undefined {
      const primary = Array.isArray(body) ? body[0] : body;
      const code = readCode(primary, config);
      const joined = config.messageJoin && joinMessage(primary, config.messageJoin);
      const said = capMessage(text(config.message && readFirst(primary, config.message))) ?? joined?.message;
      const kind = config.kinds && messageKind(said, config.kinds);
      const named = config.fieldIndexes && fieldNamesOf(primary, config.fieldIndexes, kind, response.requestBody, response.operation);
      // A hostile or broken server can list 300 000 fields; an error keeps the first hundred.
      const fieldNames = named && named.length > MAX_FIELD_ERRORS ? named.slice(0, MAX_FIELD_ERRORS) : named;
      const leftOut = (named?.length ?? 0) - (fieldNames?.length ?? 0);
      const listed = fieldNames === undefined ? said : messageWithFields(said, fieldNames);
      const message = leftOut > 0 ? `${listed ?? "Fields"} (and ${leftOut} more fields)` : listed;
      const reportedStatus = config.reportedStatus && statusText(readPath(primary, config.reportedStatus));
      const sentDetails = config.details && readFirst(primary, config.details);
      const details = capEntries(sentDetails);
      const all = Array.isArray(body) ? body : config.list && readFirst(body, config.list);
      const errors = Array.isArray(all) ? capEntries(all) : undefined;
      const header = config.requestIdHeader;
      const requestId = text(config.requestId && readFirst(primary, config.requestId)) ?? (header === undefined ? undefined : (response.headers.get(header) ?? undefined));
      const namedFields = config.fields && readNamedFields(primary, config.fields, code === undefined ? undefined : ownText(config.codeNames, String(code)));
      // Nothing recognisable: leave the body to the generic reading instead of answering with nothing.
      if (code === undefined && message === undefined && details === undefined && errors === undefined && requestId === undefined && reportedStatus === undefined && namedFields === undefined) return undefined;
      const { classKey, meantStatus, retryable } = lookUpTables(primary, config.tables ?? []);
      // The message as the body said it, kept apart when the reader classifies it or adds field names to it.
      const asSaid = config.kinds !== undefined || config.fieldIndexes !== undefined ? said : undefined;
      const extra = definedOnly<Record<string, unknown>>({ [DETAILS]: details, [ERRORS]: errors, [TEXT]: asSaid, [KIND]: kind, [FIELD_NAMES]: fieldNames, [REPORTED_STATUS]: reportedStatus, [FIELDS]: namedFields?.values });
      const truncated = details !== sentDetails || errors !== all || leftOut > 0 || (joined?.leftOut ?? 0) > 0 || namedFields?.truncated === true ? true : undefined;
      return definedOnly<ErrorDetails>({ code, message, requestId, retryable, truncated, classKey, meantStatus, extra: Object.keys(extra).length === 0 ? undefined : extra });
    },
  };
}

/** The message's sentences from `parts`, with the number of fields left out of a map of field messages. */
function joinMessage(body: unknown, parts: readonly FieldPaths[]): { readonly message: string | undefined; readonly leftOut: number } {
  const sentences: string[] = [];
  let leftOut = 0;
  for (const part of parts) {
    const value = readFirst(body, part);
    if (isRecord(value)) {
      const read = readFieldMessages(value);
      leftOut += read.leftOut;
      sentences.push(...describeFieldMessages(read));
    } else {
      const said = typeof value === "string" ? capMessage(value.trim()) : undefined;
      if (said !== undefined && said !== "" && !sentences.includes(said)) sentences.push(said);
    }
  }
  return { message: joinSentences(sentences), leftOut };
}

/** Joins fragments into one line, adding a full stop where a fragment does not end a sentence. */
function joinSentences(parts: readonly string[]): string | undefined {
  if (parts.length === 0) return undefined;
  return parts.map((part, i) => (i < parts.length - 1 && !/[.!?:;]$/.test(part) ? `${part}.` : part)).join(" ");
}

/** The named fields found, each read as its config says (absent ones left out); undefined when none is there. */
function readNamedFields(body: unknown, fields: Readonly<Record<string, ErrorFieldConfig>>, codeName: string | undefined): { readonly values: Record<string, unknown>; readonly truncated: boolean } | undefined {
  const values: Record<string, unknown> = {};
  let truncated = false;
  for (const name of Object.keys(fields)) {
    const field = fields[name] as ErrorFieldConfig;
    const reading: ErrorFieldReading = isReading(field) ? field : { path: field };
    const raw = reading.path === undefined ? undefined : readFirst(body, reading.path);
    let value: unknown;
    if (reading.as === "code-name") value = codeName;
    else if (reading.as === "text") value = typeof raw === "string" && raw.trim() !== "" ? capMessage(raw.trim()) : undefined;
    else if (reading.as === "field-messages") {
      const read: ReadFieldMessages | undefined = raw === undefined ? undefined : readFieldMessages(raw);
      truncated ||= (read?.leftOut ?? 0) > 0;
      value = read?.messages;
    } else {
      value = capEntries(raw);
      truncated ||= value !== raw;
    }
    if (value === undefined) continue;
    // defineProperty: a field the spec names "__proto__" must stay a plain key.
    Object.defineProperty(values, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return Object.keys(values).length === 0 ? undefined : { values, truncated };
}

function isReading(field: ErrorFieldConfig): field is ErrorFieldReading {
  return !Array.isArray(field);
}

/** What the code tables say of this error: the first entry with a class, with a status, with a retry word. */
function lookUpTables(body: unknown, tables: readonly CodeTableConfig[]): Pick<ErrorDetails, "classKey" | "meantStatus" | "retryable"> {
  let classKey: string | undefined;
  let meantStatus: number | undefined;
  let retryable: boolean | undefined;
  for (const table of tables) {
    const values = table.match.map((path) => spelled(keyText(readFirst(body, path)), table.spellings));
    if (values.some((v) => v === undefined)) continue;
    const key = values.join(" ");
    const entry = Object.prototype.hasOwnProperty.call(table.entries, key) ? table.entries[key] : undefined;
    if (entry === undefined) continue;
    classKey ??= entry.classKey;
    if (entry.classKey === undefined) meantStatus ??= entry.status;
    retryable ??= entry.retryable;
  }
  return definedOnly<Pick<ErrorDetails, "classKey" | "meantStatus" | "retryable">>({ classKey, meantStatus, retryable });
}

/** A field's value as a code table keys it: text, or a number or boolean as text. */
function keyText(value: unknown): string | undefined {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** A number-like value as the table writes it ("1" → "001"), when it writes it with leading zeros. */
function spelled(value: string | undefined, spellings: Readonly<Record<string, string>> | undefined): string | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return value;
  return ownText(spellings, String(Number(value))) ?? value;
}

function readCode(body: unknown, config: ErrorFieldsConfig): string | number | undefined {
  if (config.code === undefined) return undefined;
  const raw = readFirst(body, config.code);
  if (config.numericCode === true) {
    if (typeof raw === "number") return raw;
    return typeof raw === "string" && raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : undefined;
  }
  // "1" is read as the table's "001"; a code the table does not write with zeros is read as sent.
  return spelled(typeof raw === "number" ? String(raw) : text(raw)?.trim(), config.codeSpellings);
}

function ownText(record: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** The names of the fields the error points at; indexes resolved against the request body unless its kind says otherwise. */
function fieldNamesOf(
  body: unknown,
  config: NonNullable<ErrorFieldsConfig["fieldIndexes"]>,
  kind: string | undefined,
  requestBody: unknown,
  operation: Parameters<typeof submittedFieldNames>[1],
): string[] {
  const intoBody = kind === undefined || config.exceptKinds?.includes(kind) !== true;
  return indexedFieldNames(readPath(body, config.path), intoBody ? submittedFieldNames(requestBody, operation) : undefined);
}

/** `"400"` and `400` both read as `"400"`; anything else is no status. */
function statusText(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
  return typeof value === "number" && Number.isInteger(value) ? String(value) : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** The error's details as the provider sent them (`details` path); undefined when absent. For the provider's error class. */
export function errorDetails(init: APIErrorInit): unknown {
  return init.extra?.[DETAILS];
}

/** Every error the body lists (`list` path, or the body when it is a list), as the spec types them. For the provider's error class. */
export function errorList<Entry>(init: APIErrorInit): readonly Entry[] {
  const list = init.extra?.[ERRORS];
  // The entries are the provider's JSON, typed as its spec declares them, like every response body.
  return Array.isArray(list) ? (list as readonly Entry[]) : [];
}

/** The message as the body gave it, before any field names were added; undefined when absent. */
export function errorText(init: APIErrorInit): string | undefined {
  const said = init.extra?.[TEXT];
  return typeof said === "string" ? said : undefined;
}

/** The kind the message announced (`kinds`), one of the names the spec gives. For the provider's error class. */
export function errorKind<Kind extends string>(init: APIErrorInit): Kind | undefined {
  const kind = init.extra?.[KIND];
  // The decoder only ever stores one of the spec's kind names, which is what `Kind` lists.
  return typeof kind === "string" ? (kind as Kind) : undefined;
}

/** The names of the fields the error points at (`field-indexes`), in index order. For the provider's error class. */
export function errorFieldNames(init: APIErrorInit): readonly string[] {
  const names = init.extra?.[FIELD_NAMES];
  return Array.isArray(names) ? Object.freeze(names.filter((name): name is string => typeof name === "string")) : [];
}

/** The status the body reports (`reported-status`), as text. For the provider's error class. */
export function errorReportedStatus(init: APIErrorInit): string | undefined {
  const status = init.extra?.[REPORTED_STATUS];
  return typeof status === "string" ? status : undefined;
}

/** A field the spec names in `errors.fields`, as the schema types it; undefined when the body lacks it. For the provider's error class. */
export function errorField<Value>(init: APIErrorInit, name: string): Value | undefined {
  const fields = init.extra?.[FIELDS];
  // The value is the provider's JSON, typed as its spec declares the field, like every response body.
  return isRecord(fields) && Object.prototype.hasOwnProperty.call(fields, name) ? (fields[name] as Value) : undefined;
}

/** The named text field `name` (`as: text`, `as: code-name`); undefined when absent. For the provider's error class. */
export function errorTextField(init: APIErrorInit, name: string): string | undefined {
  const value = errorField<unknown>(init, name);
  return typeof value === "string" ? value : undefined;
}

/** The named map of field → messages `name` (`as: field-messages`); empty when absent. For the provider's error class. */
export function errorFieldMessages(init: APIErrorInit, name: string): FieldMessages {
  const value = errorField<unknown>(init, name);
  return isRecord(value) ? (value as FieldMessages) : NO_FIELD_MESSAGES;
}

/** At most {@link MAX_FIELD_ERRORS} entries (a list's first, an object's first keys); the same value when within the cap. */
function capEntries<T>(details: T): T {
  if (Array.isArray(details)) return (details.length > MAX_FIELD_ERRORS ? details.slice(0, MAX_FIELD_ERRORS) : details) as T;
  if (!isRecord(details)) return details;
  const keys = Object.keys(details);
  if (keys.length <= MAX_FIELD_ERRORS) return details;
  return Object.fromEntries(keys.slice(0, MAX_FIELD_ERRORS).filter((key) => key !== "__proto__").map((key) => [key, details[key]])) as T;
}
