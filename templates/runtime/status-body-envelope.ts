/**
 * Success bodies that repeat the HTTP status inside an envelope and carry the payload one level
 * down, e.g.
 *   `{ "status": "200", "message": "OK", "body": { "data": {...} } }`     (a read)
 *   `{ "status": "200", "message": "OK", "body": { "text": "Content updated" } }`  (a write)
 *   `{ "status": "201", "message": "Created" }`                           (a create, no body)
 * The envelope is removed so callers get the data or the confirmation text. The envelope's status
 * must be the HTTP status (as a string, or a number): a body that says otherwise is thrown as an
 * API error, since one of the two is lying and the caller cannot tell which.
 */

import { ResponseParseError } from "./errors.js";
import { isRecord, ownField, ownString } from "./fields.js";
import { describeType } from "./options.js";
import type { Plugin, ResponseInfo } from "./types.js";

export interface StatusBodyEnvelopeConfig {
  /** The envelope's copy of the HTTP status, e.g. `"200"`. */
  readonly statusField: string;
  /** The envelope's reason phrase, e.g. `"OK"`. */
  readonly messageField: string;
  /** The object inside the envelope that holds the payload. */
  readonly bodyField: string;
  /** The payload of a read, inside the body: an object or a list. */
  readonly dataField: string;
  /** The confirmation text of a write, inside the body, e.g. `"Content updated"`. */
  readonly textField: string;
}

/**
 * The status an envelope reports, as text: `"200"` and `200` both read as `"200"`; undefined when
 * the field is absent or holds anything else.
 */
export function reportedStatus(body: unknown, field: string): string | undefined {
  const status = ownField(body, field);
  if (typeof status === "string") return status.trim();
  if (typeof status === "number" && Number.isInteger(status)) return String(status);
  return undefined;
}

/**
 * Unwraps the envelope:
 *   `{status, message, body: {data}}` → data (an object or a list)
 *   `{status, message, body: {text}}` → the text (writes that confirm)
 *   `{status, message}` or an empty body → undefined
 * A status that is not the HTTP status throws the package's API error for the response (its
 * decoders fill in the body's text and fields); a body that is not an envelope at all throws
 * ResponseParseError rather than passing it through.
 */
export function statusBodyEnvelope(config: StatusBodyEnvelopeConfig): Plugin {
  return {
    decodeSuccess(value, response): unknown {
      const status = reportedStatus(value, config.statusField);
      if (!isRecord(value) || status === undefined) throw notAnEnvelope(config, value, response, `a "${config.statusField}"`);
      if (status !== String(response.status)) throw response.createError({ message: mismatchMessage(config, value, status, response) });
      const inner = ownField(value, config.bodyField);
      if (inner === undefined || inner === null) return undefined;
      if (!isRecord(inner)) throw notAnEnvelope(config, value, response, `an object in "${config.bodyField}"`);
      const data = ownField(inner, config.dataField);
      if (data !== undefined) return data;
      return ownString(inner, config.textField);
    },
  };
}

/** E.g. `AddOns_Get: the body reports status "400" (Bad Request: Unknown fields submitted.) in an HTTP 200 response`. */
function mismatchMessage(config: StatusBodyEnvelopeConfig, body: unknown, status: string, response: ResponseInfo): string {
  const said = [ownString(body, config.messageField), ownString(ownField(body, config.bodyField), config.textField)]
    .map((part) => part?.trim())
    .filter((part): part is string => part !== undefined && part !== "");
  const detail = said.length === 0 ? "" : ` (${said.join(": ")})`;
  return `${response.operation.id}: the body reports status "${status}"${detail} in an HTTP ${response.status} response`;
}

function notAnEnvelope(config: StatusBodyEnvelopeConfig, body: unknown, response: ResponseInfo, missing: string): ResponseParseError {
  const what = isRecord(body) ? `an object without ${missing}` : describeType(body);
  return new ResponseParseError({
    message: `${response.operation.id} returned ${what} where a "${config.statusField}"/"${config.bodyField}" envelope was expected`,
    status: response.status,
    headers: response.headers,
    bodyText: JSON.stringify(body) ?? "",
  });
}
