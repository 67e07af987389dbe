/**
 * Error bodies read by field paths the spec names: the code, the message, the details, the list
 * of all errors, the request id and any further named fields, e.g.
 *   `{"success": false, "errors": [{"code": 7003, "message": "No route"}]}`
 *   with code `/errors/0/code`, message `/errors/0/message`, list `/errors`.
 * When the body itself is a list, its first entry is the primary error and the list is every error.
 * The code keeps the JSON type the spec declares (a number stays a number). Code tables, each
 * keyed on one field or several (the code, a category, …), pick the error's class, the status a
 * failure under 2xx stands for, and whether it is worth repeating — `false` wins over the status.
 * The message may also say which kind of error it is (message-kind.ts), fields may be named by
 * index into the request body sent (field-indexes.ts), and the body may repeat the HTTP status.
 */

import { capMessage, MAX_FIELD_ERRORS } from "./errors.js";
import type { APIErrorInit } from "./errors.js";
import { indexedFieldNames, messageWithFields, submittedFieldNames } from "./field-indexes.js";
import { readPath } from "./field-path.js";
import { definedOnly, isRecord } from "./fields.js";
import { type MessageKind, messageKind } from "./message-kind.js";
import type { ErrorDetails, Plugin } from "./types.js";

export interface ErrorFieldsConfig {
  readonly code?: readonly string[];
  /** The spec declares the code a number: `"7003"` is read as 7003; otherwise 7003 is read as `"7003"`. */
  readonly numericCode?: boolean;
  readonly message?: readonly string[];
  readonly details?: readonly string[];
  readonly list?: readonly string[];
  readonly requestId?: readonly string[];
  /** Response header with the provider's request id, e.g. `x-trace-id`. */
  readonly requestIdHeader?: string;
  /** Kinds of error told apart by the start of the message, first match wins. */
  readonly kinds?: readonly MessageKind[];
  /** Fields named by index: where, and the kinds whose indexes point elsewhere than the request body (their values are the names). */
  readonly fieldIndexes?: { readonly path: readonly string[]; readonly exceptKinds?: readonly string[] };
  /** The body's copy of the HTTP status. */
  readonly reportedStatus?: readonly string[];
  /** Further fields the error exposes by name (`errors.fields`), each a path like the others. */
  readonly fields?: Readonly<Record<string, readonly string[]>>;
  /** Code tables, most specific first: the first entry that names a class (or status, or retry word) wins it. */
  readonly tables?: readonly CodeTableConfig[];
}

/** One code table: the fields it matches and its entries, keyed by their values joined with a space. */
export interface CodeTableConfig {
  readonly match: readonly (readonly string[])[];
  readonly entries: Readonly<Record<string, CodeTableEntry>>;
}

export interface CodeTableEntry {
  /** The entry's own class: its key in `ErrorClasses.byCode`. */
  readonly classKey?: string;
  /** The status a failure under 2xx stands for, when the entry has no class of its own. */
  readonly status?: number;
  /** The provider's word on repeating the call; `false` wins over a retried status. */
  readonly retryable?: boolean;
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
      const said = capMessage(text(config.message && readPath(primary, config.message)));
      const kind = config.kinds && messageKind(said, config.kinds);
      const named = config.fieldIndexes && fieldNamesOf(primary, config.fieldIndexes, kind, response.requestBody, response.operation);
      // A hostile or broken server can list 300 000 fields; an error keeps the first hundred.
      const fieldNames = named && named.length > MAX_FIELD_ERRORS ? named.slice(0, MAX_FIELD_ERRORS) : named;
      const leftOut = (named?.length ?? 0) - (fieldNames?.length ?? 0);
      const listed = fieldNames === undefined ? said : messageWithFields(said, fieldNames);
      const message = leftOut > 0 ? `${listed ?? "Fields"} (and ${leftOut} more fields)` : listed;
      const reportedStatus = config.reportedStatus && statusText(readPath(primary, config.reportedStatus));
      const sentDetails = config.details && readPath(primary, config.details);
      const details = capEntries(sentDetails);
      const all = Array.isArray(body) ? body : config.list && readPath(body, config.list);
      const errors = Array.isArray(all) ? capEntries(all) : undefined;
      const header = config.requestIdHeader;
      const requestId = text(config.requestId && readPath(primary, config.requestId)) ?? (header === undefined ? undefined : (response.headers.get(header) ?? undefined));
      const namedFields = readNamedFields(primary, config.fields);
      // Nothing recognisable: leave the body to the generic reading instead of answering with nothing.
      if (code === undefined && message === undefined && details === undefined && errors === undefined && requestId === undefined && reportedStatus === undefined && namedFields === undefined) return undefined;
      const { classKey, meantStatus, retryable } = lookUpTables(primary, config.tables ?? []);
      // The message as the body said it, kept apart when the reader classifies it or adds field names to it.
      const asSaid = config.kinds !== undefined || config.fieldIndexes !== undefined ? said : undefined;
      const extra = definedOnly<Record<string, unknown>>({ [DETAILS]: details, [ERRORS]: errors, [TEXT]: asSaid, [KIND]: kind, [FIELD_NAMES]: fieldNames, [REPORTED_STATUS]: reportedStatus, [FIELDS]: namedFields?.values });
      const truncated = details !== sentDetails || errors !== all || leftOut > 0 || namedFields?.truncated === true ? true : undefined;
      return definedOnly<ErrorDetails>({ code, message, requestId, retryable, truncated, classKey, meantStatus, extra: Object.keys(extra).length === 0 ? undefined : extra });
    },
  };
}

/** The named fields found (absent ones left out); undefined when none is there. */
function readNamedFields(body: unknown, fields: ErrorFieldsConfig["fields"]): { readonly values: Record<string, unknown>; readonly truncated: boolean } | undefined {
  if (fields === undefined) return undefined;
  const values: Record<string, unknown> = {};
  let truncated = false;
  for (const [name, path] of Object.entries(fields)) {
    const sent = readPath(body, path);
    if (sent === undefined) continue;
    const kept = capEntries(sent);
    truncated ||= kept !== sent;
    // defineProperty: a field the spec names "__proto__" must stay a plain key.
    Object.defineProperty(values, name, { value: kept, enumerable: true, writable: true, configurable: true });
  }
  return Object.keys(values).length === 0 ? undefined : { values, truncated };
}

/** What the code tables say of this error: the first entry with a class, with a status, with a retry word. */
function lookUpTables(body: unknown, tables: readonly CodeTableConfig[]): Pick<ErrorDetails, "classKey" | "meantStatus" | "retryable"> {
  let classKey: string | undefined;
  let meantStatus: number | undefined;
  let retryable: boolean | undefined;
  for (const table of tables) {
    const values = table.match.map((path) => keyText(readPath(body, path)));
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

function readCode(body: unknown, config: ErrorFieldsConfig): string | number | undefined {
  if (config.code === undefined) return undefined;
  const raw = readPath(body, config.code);
  if (config.numericCode === true) {
    if (typeof raw === "number") return raw;
    return typeof raw === "string" && raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : undefined;
  }
  return typeof raw === "number" ? String(raw) : text(raw);
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

/** At most {@link MAX_FIELD_ERRORS} entries (a list's first, an object's first keys); the same value when within the cap. */
function capEntries<T>(details: T): T {
  if (Array.isArray(details)) return (details.length > MAX_FIELD_ERRORS ? details.slice(0, MAX_FIELD_ERRORS) : details) as T;
  if (!isRecord(details)) return details;
  const keys = Object.keys(details);
  if (keys.length <= MAX_FIELD_ERRORS) return details;
  return Object.fromEntries(keys.slice(0, MAX_FIELD_ERRORS).filter((key) => key !== "__proto__").map((key) => [key, details[key]])) as T;
}
