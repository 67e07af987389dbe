/**
 * A success envelope described by field paths: the payload to unwrap (the first of some paths
 * present), a test a successful body passes and one a failed body passes, e.g.
 *   `{"success": true, "result": {…}}`  with success `/success` equals true, data `/result`
 *   `{"ok": false, "error": "invalid_auth"}` under HTTP 200 → the package's error for the response
 * A 2xx body the tests call a failure is thrown as the package's API error, its code and message
 * read by the error decoders, since the HTTP status alone would hide it. A body that lacks the
 * field a success test compares, or holds a scalar where a data path goes deeper, is not the
 * envelope: ResponseParseError.
 */

import { ResponseParseError } from "./errors.js";
import type { APIError } from "./errors.js";
import { readPath } from "./field-path.js";
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
}

/** The `response.meta` key of the whole body an envelope kept (`keepBody`); paging.ts reads it. */
const ENVELOPE_META_KEY = "envelope";

export function envelope(config: EnvelopeConfig): Plugin {
  return {
    decodeSuccess(body, response): unknown {
      const success = config.success;
      if (success !== undefined) {
        const missing = missingTestField(success, body);
        if (missing !== undefined) throw notAnEnvelope(body, response, missing, success.path);
      }
      const failed = (config.failure !== undefined && holds(config.failure, body, response.status)) || (success !== undefined && !holds(success, body, response.status));
      if (failed) {
        const test = success ?? config.failure;
        const said = test === undefined ? undefined : readPath(body, test.path);
        if (test?.is === "http-status") throw statusMismatch(test.path, said, response);
        const shown = typeof said === "string" ? `"${said}"` : typeof said === "number" || typeof said === "boolean" ? String(said) : describeType(said);
        const fallback = `${response.operation.id} reported ${test?.path.join(".") ?? "failure"} ${shown} in a ${response.status} response`;
        throw response.createError({}, fallback);
      }
      if (config.keepBody === true) response.meta[ENVELOPE_META_KEY] = body;
      if (config.data === undefined) return body;
      for (const path of config.data) {
        const step = scalarStep(body, path);
        if (step !== undefined) throw notAnEnvelope(body, response, `an object in "${step.join(".")}"`, config.data[0] ?? path);
      }
      for (const path of config.data) {
        const value = readPath(body, path);
        if (value !== undefined) return value;
      }
      return undefined;
    },
  };
}

/**
 * Why `body` is not the envelope `success` tests, or undefined when it is: a test that compares
 * the field (`equals`, `http-status`) needs it there, and `http-status` needs text or a number.
 */
function missingTestField(success: FieldTest, body: unknown): string | undefined {
  const field = `"${success.path.join(".")}"`;
  if (!isRecord(body)) return "";
  if (success.is !== undefined && success.is !== "http-status") return undefined;
  const value = readPath(body, success.path);
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
