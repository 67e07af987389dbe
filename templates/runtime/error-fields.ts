/**
 * Error bodies read by field paths the spec names: the code, the message, the details, the list
 * of all errors, the request id and any further named fields, e.g.
 *   `{"success": false, "errors": [{"code": 7003, "message": "No route"}]}`
 *   with code `/errors/0/code`, message `/errors/0/message`, list `/errors`.
 * When the body itself is a list, its first entry is the primary error and the list is every error.
 * The code keeps the JSON type the spec declares (a number stays a number). Code tables, each
 * keyed on one field or several (the code, a category, …), pick the error's class, the status a
 * failure under 2xx stands for, and whether it is worth repeating — `false` wins over the status.
 */

import { MAX_FIELD_ERRORS } from "./errors.js";
import type { APIErrorInit } from "./errors.js";
import { readPath } from "./field-path.js";
import { definedOnly, isRecord } from "./fields.js";
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
const FIELDS = "fields";

export function errorFields(config: ErrorFieldsConfig): Plugin {
  return {
    decodeError(body, response): ErrorDetails | undefined {
      const primary = Array.isArray(body) ? body[0] : body;
      const code = readCode(primary, config);
      const message = text(config.message && readPath(primary, config.message));
      const sentDetails = config.details && readPath(primary, config.details);
      const details = capEntries(sentDetails);
      const listed = Array.isArray(body) ? body : config.list && readPath(body, config.list);
      const errors = Array.isArray(listed) ? capEntries(listed) : undefined;
      const header = config.requestIdHeader;
      const requestId = text(config.requestId && readPath(primary, config.requestId)) ?? (header === undefined ? undefined : (response.headers.get(header) ?? undefined));
      const named = readNamedFields(primary, config.fields);
      // Nothing recognisable: leave the body to the generic reading instead of answering with nothing.
      if (code === undefined && message === undefined && details === undefined && errors === undefined && requestId === undefined && named === undefined) return undefined;
      const { classKey, meantStatus, retryable } = lookUpTables(primary, config.tables ?? []);
      const extra = definedOnly<Record<string, unknown>>({ [DETAILS]: details, [ERRORS]: errors, [FIELDS]: named?.values });
      const truncated = details !== sentDetails || errors !== listed || named?.truncated === true ? true : undefined;
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
