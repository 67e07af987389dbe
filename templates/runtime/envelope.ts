/**
 * A success envelope described by field paths: the payload to unwrap (the first of some paths
 * present), a test a successful body passes and one a failed body passes, e.g.
 *   `{"success": true, "result": {…}}`  with success `/success` equals true, data `/result`
 *   `{"ok": false, "error": "invalid_auth"}` under HTTP 200 → the package's error for the response
 * A 2xx body the tests call a failure is thrown as the package's API error, its code and message
 * read by the error decoders, since the HTTP status alone would hide it.
 */

import { ResponseParseError } from "./errors.js";
import { readPath } from "./field-path.js";
import { type FieldTest, holds } from "./field-test.js";
import { isRecord } from "./fields.js";
import { describeType } from "./options.js";
import type { Plugin } from "./types.js";

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
      if (success !== undefined && (!isRecord(body) || (success.is === undefined && readPath(body, success.path) === undefined))) {
        const field = `"${success.path.join(".")}"`;
        const what = isRecord(body) ? `an object without ${field}` : describeType(body);
        throw new ResponseParseError({
          message: `${response.operation.id} returned ${what} where a ${field} envelope was expected`,
          status: response.status,
          headers: response.headers,
          bodyText: JSON.stringify(body) ?? "",
        });
      }
      const failed = (config.failure !== undefined && holds(config.failure, body, response.status)) || (success !== undefined && !holds(success, body, response.status));
      if (failed) {
        const test = success ?? config.failure;
        const said = test === undefined ? undefined : readPath(body, test.path);
        const shown = typeof said === "string" ? `"${said}"` : typeof said === "number" || typeof said === "boolean" ? String(said) : describeType(said);
        const fallback = `${response.operation.id} reported ${test?.path.join(".") ?? "failure"} ${shown} in a ${response.status} response`;
        throw response.createError({}, fallback);
      }
      if (config.keepBody === true) response.meta[ENVELOPE_META_KEY] = body;
      if (config.data === undefined) return body;
      for (const path of config.data) {
        const value = readPath(body, path);
        if (value !== undefined) return value;
      }
      return undefined;
    },
  };
}
