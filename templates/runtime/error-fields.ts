/**
 * Error bodies read by field paths the spec names: the code, the message, the details, the list
 * of all errors and the request id, e.g.
 *   `{"success": false, "errors": [{"code": 7003, "message": "No route"}]}`
 *   with code `/errors/0/code`, message `/errors/0/message`, list `/errors`.
 * When the body itself is a list, its first entry is the primary error and the list is every error.
 * The code keeps the JSON type the spec declares (a number stays a number); codes the spec marks
 * retryable are retried by the client where the method allows.
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
  /** Codes (as text) whose errors may succeed when repeated. */
  readonly retryable?: readonly string[];
}

const DETAILS = "details";
const ERRORS = "errors";

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
      // Nothing recognisable: leave the body to the generic reading instead of answering with nothing.
      if (code === undefined && message === undefined && details === undefined && errors === undefined && requestId === undefined) return undefined;
      const retryable = code !== undefined && config.retryable?.includes(String(code)) === true ? true : undefined;
      const extra = definedOnly<Record<string, unknown>>({ [DETAILS]: details, [ERRORS]: errors });
      const truncated = details !== sentDetails || errors !== listed ? true : undefined;
      return definedOnly<ErrorDetails>({ code, message, requestId, retryable, truncated, extra: Object.keys(extra).length === 0 ? undefined : extra });
    },
  };
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

/** At most {@link MAX_FIELD_ERRORS} entries (a list's first, an object's first keys); the same value when within the cap. */
function capEntries<T>(details: T): T {
  if (Array.isArray(details)) return (details.length > MAX_FIELD_ERRORS ? details.slice(0, MAX_FIELD_ERRORS) : details) as T;
  if (!isRecord(details)) return details;
  const keys = Object.keys(details);
  if (keys.length <= MAX_FIELD_ERRORS) return details;
  return Object.fromEntries(keys.slice(0, MAX_FIELD_ERRORS).filter((key) => key !== "__proto__").map((key) => [key, details[key]])) as T;
}
