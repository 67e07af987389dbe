/**
 * Checks a call before it is sent, for rules the provider would otherwise answer with an error
 * code: date-time fields (schema `format: date-time`) must be ISO 8601 — in UTC when the dialect
 * says so — and fields that depend on another ("required when X is given", JSON Schema's
 * `dependentRequired`) must come with it. `Date` values are always fine: they travel as
 * `toISOString()`, which is UTC.
 */

import { RequestValidationError } from "./errors.js";
import type { OutgoingRequest, Plugin } from "./types.js";

/** Fields that must come together: when the key field is given, each listed field is required. */
export interface DependentFields {
  /** Where the objects are in the body: a path with `[]` for every list item, e.g. `styles[].deliveries[]`; "" for the top. */
  readonly at: string;
  readonly fields: Readonly<Record<string, readonly string[]>>;
}

export interface FieldChecks {
  /** Date-time fields: query parameter names, or body paths such as `styles[].created`. */
  readonly dateTimes?: readonly string[];
  readonly dependent?: readonly DependentFields[];
}

export interface OperationChecks {
  readonly query?: FieldChecks;
  readonly body?: FieldChecks;
}

export interface RequestChecksConfig {
  /** Date-times with a time must be in UTC (`Z` or `+00:00`). */
  readonly utcOnly: boolean;
  /** Checks per operation, keyed by `METHOD path`. */
  readonly operations: Readonly<Record<string, OperationChecks>>;
}

/** A call refused before sending because a field breaks one of the provider's rules. */
export class RequestCheckError extends RequestValidationError {
  /** The fields involved, as paths: the malformed one, or the given field followed by the missing one. */
  readonly fields: readonly string[];
  /** Which rule: a malformed date-time, or a field required by another. */
  readonly rule: "date-time" | "required-with";

  constructor(message: string, rule: "date-time" | "required-with", fields: readonly string[]) {
    super(message);
    this.rule = rule;
    this.fields = fields;
  }
}

// W3C-DTF (the ISO 8601 profile the web uses): a complete date, optionally a time with a zone.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):(\d{2})))?$/;

/** Whether `text` is an ISO 8601 date or date-time that exists on the calendar (and is UTC if asked). */
export function isIsoDateTime(text: string, utcOnly: boolean): boolean {
  const match = DATE_TIME.exec(text);
  if (match === null) return false;
  const [, year, month, day, hour, minute, second, zone, zoneHours, zoneMinutes] = match;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return false;
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? "0") > 59)) return false;
  if (zoneHours !== undefined && (Number(zoneHours) > 23 || Number(zoneMinutes) > 59)) return false;
  if (utcOnly && zone !== undefined && zone !== "Z" && Number(zoneHours) + Number(zoneMinutes) !== 0) return false;
  return true;
}

export function requestChecks(config: RequestChecksConfig): Plugin {
  return {
    onRequest(request) {
      const checks = config.operations[`${request.operation.method} ${request.operation.path}`];
      if (checks === undefined) return;
      if (checks.query !== undefined) checkQuery(request, checks.query, config.utcOnly);
      if (checks.body !== undefined && request.requestBody !== undefined) checkBody(request, checks.body, config.utcOnly);
    },
  };
}

function checkQuery(request: OutgoingRequest, checks: FieldChecks, utcOnly: boolean): void {
  const where = `query parameter of ${request.operation.id}`;
  const params = request.url.searchParams;
  const given = (name: string): boolean => (params.get(name) ?? "") !== "";
  for (const name of checks.dateTimes ?? []) {
    for (const value of params.getAll(name)) {
      // An empty value counts as not given (and is then caught by the required-with rules).
      if (value !== "" && !isIsoDateTime(value, utcOnly)) throw malformed(name, where, utcOnly);
    }
  }
  for (const group of checks.dependent ?? []) {
    for (const [field, required] of Object.entries(group.fields)) {
      if (!given(field)) continue;
      const missing = required.find((other) => !given(other));
      if (missing !== undefined) throw missingWith(field, missing, `query parameters of ${request.operation.id}`);
    }
  }
}

function checkBody(request: OutgoingRequest, checks: FieldChecks, utcOnly: boolean): void {
  const where = `body of ${request.operation.id}`;
  const body = request.requestBody;
  for (const path of checks.dateTimes ?? []) {
    for (const { path: at, value } of valuesAt(body, path)) {
      if (value === undefined || value === null || value === "") continue;
      if (value instanceof Date ? Number.isNaN(value.getTime()) : typeof value === "string" && !isIsoDateTime(value, utcOnly)) {
        throw malformed(at, where, utcOnly);
      }
    }
  }
  for (const group of checks.dependent ?? []) {
    for (const { path: at, value } of valuesAt(body, group.at)) {
      if (!isRecord(value)) continue;
      const given = (name: string): boolean => Object.prototype.hasOwnProperty.call(value, name) && value[name] !== undefined && value[name] !== null && value[name] !== "";
      for (const [field, required] of Object.entries(group.fields)) {
        if (!given(field)) continue;
        const missing = required.find((other) => !given(other));
        if (missing !== undefined) throw missingWith(join(at, field), join(at, missing), where);
      }
    }
  }
}

/** Every value at `path` (`a[].b`), with its concrete path (`a[2].b`). */
function valuesAt(root: unknown, path: string): { readonly path: string; readonly value: unknown }[] {
  let found: { path: string; value: unknown }[] = [{ path: "", value: root }];
  for (const segment of path.split(/(?=\[\])|\./).filter((s) => s !== "")) {
    const next: { path: string; value: unknown }[] = [];
    for (const { path: at, value } of found) {
      if (segment === "[]") {
        if (Array.isArray(value)) value.forEach((item, index) => next.push({ path: `${at}[${index}]`, value: item }));
      } else if (isRecord(value) && Object.prototype.hasOwnProperty.call(value, segment)) {
        next.push({ path: join(at, segment), value: value[segment] });
      }
    }
    found = next;
  }
  return found;
}

function join(at: string, field: string): string {
  return at === "" ? field : `${at}.${field}`;
}

function malformed(field: string, where: string, utcOnly: boolean): RequestCheckError {
  const kind = utcOnly ? "an ISO 8601 date-time in UTC" : "an ISO 8601 date-time";
  return new RequestCheckError(`${field} (${where}) must be ${kind}, e.g. 2024-01-31T09:30:00Z or 2024-01-31`, "date-time", [field]);
}

function missingWith(field: string, missing: string, where: string): RequestCheckError {
  return new RequestCheckError(`${missing} is required when ${field} is given (${where})`, "required-with", [field, missing]);
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
