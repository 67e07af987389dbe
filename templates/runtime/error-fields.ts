/**
 * Error bodies read by field paths the spec names: the code, the message, the details, the list
 * of all errors and the request id, e.g.
 *   `{"success": false, "errors": [{"code": 7003, "message": "No route"}]}`
 *   with code `/errors/0/code`, message `/errors/0/message`, list `/errors`.
 * When the body itself is a list, its first entry is the primary error and the list is every error.
 * The code keeps the JSON type the spec declares (a number stays a number); codes the spec marks
 * retryable are retried by the client where the method allows. Any path may be a list of
 * alternatives (the first present is read); the message may be joined from several fields
 * (`title`, `detail`, validation messages per field), and named fields are kept for the
 * provider's error class (`fields`), e.g. RFC 7807's `title` and `traceId`.
 */

import { capMessage, MAX_FIELD_ERRORS } from "./errors.js";
import type { APIErrorInit } from "./errors.js";
import { type FieldMessages, NO_FIELD_MESSAGES, type ReadFieldMessages, describeFieldMessages, readFieldMessages } from "./field-messages.js";
import { type FieldPaths, readFirst } from "./field-path.js";
import { definedOnly, isRecord } from "./fields.js";
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
  /** Codes (as text) whose errors may succeed when repeated. */
  readonly retryable?: readonly string[];
  /**
   * Codes the code table writes with leading zeros, by their number (`{"1": "001"}`): a code sent
   * as 1, "1" or "01" is read as the table writes it, so it finds its class.
   */
  readonly codeSpellings?: Readonly<Record<string, string>>;
  /** The code table's name of each code (`{"001": "Authentication"}`), for fields `as: code-name`. */
  readonly codeNames?: Readonly<Record<string, string>>;
}

/** A named field of the error: where it is, and how it is read. */
export interface ErrorFieldConfig {
  /** Where the field is (not for `code-name`). */
  readonly path?: FieldPaths;
  /**
   * `text`: a string that is not blank (cut like a message), else absent; `field-messages`: a map
   * of field → messages; `code-name`: the code table's name of the error's code; default: the value as sent.
   */
  readonly as?: "text" | "field-messages" | "code-name";
}

const DETAILS = "details";
const ERRORS = "errors";
const FIELDS = "fields";

export function errorFields(config: ErrorFieldsConfig): Plugin {
  return {
    decodeError(body, response): ErrorDetails | undefined {
      const primary = Array.isArray(body) ? body[0] : body;
      const code = readCode(primary, config);
      const joined = config.messageJoin && joinMessage(primary, config.messageJoin);
      const message = text(config.message && readFirst(primary, config.message)) ?? joined?.message;
      const sentDetails = config.details && readFirst(primary, config.details);
      const details = capEntries(sentDetails);
      const listed = Array.isArray(body) ? body : config.list && readFirst(body, config.list);
      const errors = Array.isArray(listed) ? capEntries(listed) : undefined;
      const fields = config.fields && readFields(primary, config.fields, code === undefined ? undefined : ownText(config.codeNames, String(code)));
      const header = config.requestIdHeader;
      const requestId = text(config.requestId && readFirst(primary, config.requestId)) ?? (header === undefined ? undefined : (response.headers.get(header) ?? undefined));
      // Nothing recognisable: leave the body to the generic reading instead of answering with nothing.
      if (code === undefined && message === undefined && details === undefined && errors === undefined && requestId === undefined && fields?.values === undefined) return undefined;
      const retryable = code !== undefined && config.retryable?.includes(String(code)) === true ? true : undefined;
      const extra = definedOnly<Record<string, unknown>>({ [DETAILS]: details, [ERRORS]: errors, [FIELDS]: fields?.values });
      const cut = details !== sentDetails || errors !== listed || (joined?.leftOut ?? 0) > 0 || (fields?.leftOut ?? 0) > 0;
      return definedOnly<ErrorDetails>({ code, message, requestId, retryable, truncated: cut ? true : undefined, extra: Object.keys(extra).length === 0 ? undefined : extra });
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

function readFields(body: unknown, fields: Readonly<Record<string, ErrorFieldConfig>>, codeName: string | undefined): { readonly values: Record<string, unknown> | undefined; readonly leftOut: number } {
  const values: Record<string, unknown> = {};
  let leftOut = 0;
  for (const name of Object.keys(fields)) {
    const field = fields[name] as ErrorFieldConfig;
    const raw = field.path === undefined ? undefined : readFirst(body, field.path);
    let value: unknown = raw;
    if (field.as === "code-name") value = codeName;
    else if (field.as === "text") value = typeof raw === "string" && raw.trim() !== "" ? capMessage(raw.trim()) : undefined;
    else if (field.as === "field-messages") {
      const read: ReadFieldMessages | undefined = raw === undefined ? undefined : readFieldMessages(raw);
      leftOut += read?.leftOut ?? 0;
      value = read?.messages;
    }
    if (value !== undefined) Object.defineProperty(values, name, { value, enumerable: true });
  }
  return { values: Object.keys(values).length === 0 ? undefined : values, leftOut };
}

function readCode(body: unknown, config: ErrorFieldsConfig): string | number | undefined {
  if (config.code === undefined) return undefined;
  const raw = readFirst(body, config.code);
  if (config.numericCode === true) {
    if (typeof raw === "number") return raw;
    return typeof raw === "string" && raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : undefined;
  }
  const said = typeof raw === "number" ? String(raw) : text(raw)?.trim();
  // "1" finds the table's "001"; a code the table does not write with zeros is read as sent.
  const spelled = said !== undefined && /^\d+$/.test(said) ? ownText(config.codeSpellings, String(Number(said))) : undefined;
  return spelled ?? said;
}

function ownText(record: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
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

/** The named field `name` (`fields`) as read, undefined when the body did not have it. For the provider's error class. */
export function errorField(init: APIErrorInit, name: string): unknown {
  const fields = init.extra?.[FIELDS];
  return isRecord(fields) && Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
}

/** The named text field `name` (`as: text`); undefined when absent. For the provider's error class. */
export function errorTextField(init: APIErrorInit, name: string): string | undefined {
  const value = errorField(init, name);
  return typeof value === "string" ? value : undefined;
}

/** The named map of field → messages `name` (`as: field-messages`); empty when absent. For the provider's error class. */
export function errorFieldMessages(init: APIErrorInit, name: string): FieldMessages {
  const value = errorField(init, name);
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
