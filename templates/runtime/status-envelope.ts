/**
 * Success bodies wrapped in a status envelope, e.g. `{ "status": "success", "data": {...} }`.
 * The envelope is removed so callers get the data; a 2xx whose envelope reports a failure is
 * thrown as an API error, since the HTTP status alone would hide it.
 */

import { ResponseParseError } from "./errors.js";
import { definedOnly, isRecord, ownField, ownString } from "./fields.js";
import { describeType } from "./options.js";
import type { ErrorDetails, Plugin, ResponseInfo } from "./types.js";

export interface StatusEnvelopeConfig {
  readonly statusField: string;
  /** The status value that means success; anything else is a failure. */
  readonly successValue: string;
  readonly dataField: string;
  readonly messageField: string;
}

/**
 * Unwraps the envelope:
 *   `{status: success, data}`    → data
 *   `{status: success, message}` → the message (operations that only acknowledge)
 *   `{status: success}`          → undefined
 * A failure status throws the package's API error for the response status with the message; a
 * body that is not an envelope at all throws ResponseParseError rather than passing it through.
 */
export function statusEnvelope(config: StatusEnvelopeConfig): Plugin {
  return {
    decodeSuccess(body, response): unknown {
      const status = ownField(body, config.statusField);
      if (!isRecord(body) || status === undefined) {
        throw notAnEnvelope(config, body, response);
      }
      if (status !== config.successValue) {
        const shown = typeof status === "string" ? `"${status}"` : describeType(status);
        const message =
          ownString(body, config.messageField) ??
          `${response.operation.id} reported ${config.statusField} ${shown} in a ${response.status} response`;
        throw response.createError(definedOnly<ErrorDetails>({ message }));
      }
      const data = ownField(body, config.dataField);
      if (data !== undefined) return data;
      return ownString(body, config.messageField);
    },
  };
}

function notAnEnvelope(config: StatusEnvelopeConfig, body: unknown, response: ResponseInfo): ResponseParseError {
  const what = isRecord(body) ? `an object without "${config.statusField}"` : describeType(body);
  return new ResponseParseError({
    message: `${response.operation.id} returned ${what} where a "${config.statusField}" envelope was expected`,
    status: response.status,
    headers: response.headers,
    bodyText: JSON.stringify(body) ?? "",
  });
}
