/**
 * A success envelope described by field paths: the payload to unwrap (the first of some paths
 * present), a test a successful body passes and one a failed body passes, e.g.
 *   `{"success": true, "result": {…}}`  with success `/success` equals true, data `/result`
 *   `{"ok": false, "error": "invalid_auth"}` under HTTP 200 → the package's error for the response
 * A 2xx body the tests call a failure is thrown as the package's API error, its code and message
 * read by the error decoders, since the HTTP status alone would hide it. The payload may also be
 * what sits beside a field (`beside`: a result node next to a resource-named list), fields of the
 * body may be kept in `response.meta` (a log id), and a next page's offset read from the body. A
 * body that lacks the field a success test compares, or holds a scalar where a data path goes
 * deeper, is not the envelope: ResponseParseError.
 */

import { ResponseParseError } from "./errors.js";
import type { APIError } from "./errors.js";
import { type FieldPaths, readFirst, readPath } from "./field-path.js";
import { type FieldTest, holds } from "./field-test.js";
import { isRecord } from "./fields.js";
import { describeType } from "./options.js";
import type { Plugin, ResponseInfo } from "./types.js";

export interface EnvelopeConfig {
  /** Where the payload is; the first path present wins. No paths: the body is the payload. */
  readonly data?: readonly (readonly string[])[];
  /** A body that fails this test is a failure; its field must be present for the body to be an envelope. */
  readonly success?: FieldTest;
  /** A body that passes this test is a failure. */
  readonly failure?: FieldTest;
  /**
   * The spec's schemas describe the whole body, not only the payload: keep the body in
   * `response.meta.envelope`, where paging reads its paths (totals, page counts) beside the payload.
   */
  readonly keepBody?: boolean;
  /**
   * The payload is what the object holding this field has besides it: the only other key's value,
   * an object of the others when there are several, undefined when there are none.
   */
  readonly beside?: FieldPaths;
  /** Fields kept in `response.meta` under these names (text or numbers, as text), e.g. a log id. */
  readonly meta?: Readonly<Record<string, FieldPaths>>;
  /** The offset of the next page (`response.meta.nextOffset`, which offset paging follows). */
  readonly nextOffset?: FieldPaths;
  /** The page's own offset: a body with it but without `nextOffset` is the last page. */
  readonly offset?: FieldPaths;
}

/** The `response.meta` key of the whole body an envelope kept (`keepBody`); paging.ts reads it. */
const ENVELOPE_META_KEY = "envelope";

export function envelope(config: EnvelopeConfig): Plugin {
  return {
    decodeSuccess(body, response): unknown {
      const success = config.success;
      if (success !== undefined) {
        const missing = missingTestField(success, body);
        if (missing !== undefined) throw notAnEnvelope(body, response, missing, firstOf(success.path));
      }
      // Kept before the tests: a failed call's error carries them too (its log id for support).
      for (const [name, path] of Object.entries(config.meta ?? {})) {
        const value = metaText(readFirst(body, path));
        if (value !== undefined) response.meta[name] = value;
      }
      const failed = (config.failure !== undefined && holds(config.failure, body, response.status)) || (success !== undefined && !holds(success, body, response.status));
      if (failed) {
        const test = success ?? config.failure;
        const said = test === undefined ? undefined : readFirst(body, test.path);
        if (test?.is === "http-status") throw statusMismatch(firstOf(test.path), said, response);
        const shown = typeof said === "string" ? `"${said}"` : typeof said === "number" || typeof said === "boolean" ? String(said) : describeType(said);
        const fallback = `${response.operation.id} reported ${test === undefined ? "failure" : shownPath(test.path)} ${shown} in a ${response.status} response`;
        throw response.createError({}, fallback);
      }
      if (config.keepBody === true) response.meta[ENVELOPE_META_KEY] = body;
      const nextOffset = config.nextOffset && offsetOf(body, config.nextOffset, config.offset);
      if (nextOffset !== undefined) response.meta[NEXT_OFFSET_META_KEY] = nextOffset;
      if (config.beside !== undefined) return besides(body, config.beside);
      if (config.data === undefined) return body;
      for (const path of config.data) {
        const step = scalarStep(body, path);
        if (step !== undefined) throw notAnEnvelope(body, response, `an object in "${step.join(".")}"`, config.data[0] ?? path);
      }
      return readFirst(body, config.data);
    },
  };
}

/**
 * Why `body` is not the envelope `success` tests, or undefined when it is: a test that compares
 * the field (`equals`, `http-status`) needs it there, and `http-status` needs text or a number.
 */
function missingTestField(success: FieldTest, body: unknown): string | undefined {
  const field = `"${shownPath(success.path)}"`;
  if (!isRecord(body)) return "";
  if (success.is !== undefined && success.is !== "http-status") return undefined;
  const value = readFirst(body, success.path);
  if (value === undefined) return field;
  if (success.is === "http-status" && typeof value !== "string" && !Number.isInteger(value)) return `${field} as text or a number`;
  return undefined;
}

/** The first step of `path` short of its end that holds text, a number or a boolean, where an object should be. */
function scalarStep(body: unknown, path: readonly string[]): readonly string[] | undefined {
  for (let end = 1; end < path.length; end++) {
    const value = readPath(body, path.slice(0, end));
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "object") return path.slice(0, end);
  }
  return undefined;
}

/** The `response.meta` key offset paging follows (paging.ts): a number, or null for "no next page". */
const NEXT_OFFSET_META_KEY = "nextOffset";

/** A path, or the first of alternatives, for messages. */
function firstOf(path: FieldPaths): readonly string[] {
  return Array.isArray(path[0]) ? (path[0] as readonly string[]) : (path as readonly string[]);
}

/** A path (or the first of alternatives) as a dotted name, for messages. */
function shownPath(path: FieldPaths): string {
  return firstOf(path).join(".");
}

/** What the object holding the field at `paths` has besides it. */
function besides(body: unknown, paths: FieldPaths): unknown {
  const alternatives = (Array.isArray(paths[0]) ? paths : [paths]) as readonly (readonly string[])[];
  for (const path of alternatives) {
    const holder = readFirst(body, path.slice(0, -1));
    const key = path[path.length - 1] as string;
    if (!isRecord(holder) || readFirst(holder, [key]) === undefined) continue;
    const rest = Object.keys(holder).filter((k) => k !== key && k !== "__proto__");
    if (rest.length === 0) return undefined;
    if (rest.length === 1) return holder[rest[0] as string];
    return Object.fromEntries(rest.map((k) => [k, holder[k]]));
  }
  return undefined;
}

function notAnEnvelope(body: unknown, response: ResponseInfo, missing: string, path: readonly string[]): ResponseParseError {
  const what = isRecord(body) ? `an object without ${missing}` : describeType(body);
  return new ResponseParseError({
    message: `${response.operation.id} returned ${what} where a "${path.join(".")}" envelope was expected`,
    status: response.status,
    headers: response.headers,
    bodyText: JSON.stringify(body) ?? "",
  });
}

/**
 * A body whose copy of the HTTP status disagrees with it, e.g. `"400"` in a 200: one of the two is
 * wrong, so the call cannot be trusted. The error is of the HTTP status's class, read by the error
 * decoders like any error body, and its message says both statuses before what the body said.
 */
function statusMismatch(path: readonly string[], said: unknown, response: ResponseInfo): APIError<string | number> {
  const reported = typeof said === "string" ? said.trim() : String(said);
  const mismatch = `${response.operation.id}: the body reports ${path.join(".")} "${reported}" in an HTTP ${response.status} response`;
  const decoded = response.createError({}, mismatch);
  if (decoded.message === mismatch || decoded.truncated) return response.createError({ message: mismatch });
  return response.createError({ message: `${mismatch} (${decoded.message})` });
}

function metaText(value: unknown): string | undefined {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : typeof value === "string" ? value.trim() : undefined;
  return text === "" ? undefined : text;
}

/** The next page's offset: a whole number, null when the body says there is none, undefined when it says nothing. */
function offsetOf(body: unknown, next: FieldPaths, own: FieldPaths | undefined): number | null | undefined {
  const raw = readFirst(body, next);
  // A page that says where it starts but not where the next one does is the last.
  if (raw === undefined) return own !== undefined && readFirst(body, own) !== undefined ? null : undefined;
  const value = typeof raw === "string" ? (raw.trim() === "" ? Number.NaN : Number(raw)) : raw;
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : null;
}
