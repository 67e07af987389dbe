/**
 * Error bodies that wrap the error in one object, e.g.
 *   `{ "error": { "code": "customer_not_found", "message": "No customer with id 42.", "details": {…} } }`
 * The spec's conventions name the wrapper and its three fields. Every error of the package then
 * exposes `code`, `message` and `details` (whatever JSON the provider put there).
 */

import { APIError, MAX_FIELD_ERRORS } from "./errors.js";
import type { APIErrorInit } from "./errors.js";
import { definedOnly, isRecord, ownField, ownString } from "./fields.js";
import type { ErrorDetails, Plugin } from "./types.js";

export interface ErrorObjectConfig {
  /** The key of the error object in the body, e.g. `error`. */
  readonly errorField: string;
  readonly codeField: string;
  readonly messageField: string;
  /** The key of the free-form details inside the error object, e.g. `details`. */
  readonly detailsField: string;
}

const DETAILS_KEY = "errorObjectDetails";

/** An API error whose body wraps a code, a message and details in one object. */
export class ErrorObjectError extends APIError {
  /**
   * The error object's details (e.g. the invalid fields), as the provider sent them, up to 100
   * entries of a list or object (`truncated` says when there were more); undefined when absent.
   */
  readonly details: unknown;

  constructor(init: APIErrorInit) {
    super(init);
    this.details = init.extra?.[DETAILS_KEY];
  }
}

export function errorObjectErrors(config: ErrorObjectConfig): Plugin {
  return {
    decodeError(body): ErrorDetails | undefined {
      const error = ownField(body, config.errorField);
      if (!isRecord(error)) return undefined;
      const rawCode = ownField(error, config.codeField);
      // Some APIs send numeric codes; the code is text either way.
      const code = typeof rawCode === "number" ? String(rawCode) : ownString(error, config.codeField);
      const message = ownString(error, config.messageField);
      const sent = ownField(error, config.detailsField);
      const details = capEntries(sent);
      // An object without any of the three is not this kind of error: leave it to the generic reading.
      if (code === undefined && message === undefined && details === undefined) return undefined;
      const truncated = details !== sent ? true : undefined;
      return definedOnly<ErrorDetails>({ code, message, extra: details === undefined ? undefined : { [DETAILS_KEY]: details }, truncated });
    },
  };
}

/** Details with at most {@link MAX_FIELD_ERRORS} entries (a list's first, an object's first keys); the same value when within the cap. */
function capEntries(details: unknown): unknown {
  if (Array.isArray(details)) return details.length > MAX_FIELD_ERRORS ? details.slice(0, MAX_FIELD_ERRORS) : details;
  if (!isRecord(details)) return details;
  const keys = Object.keys(details);
  if (keys.length <= MAX_FIELD_ERRORS) return details;
  return Object.fromEntries(keys.slice(0, MAX_FIELD_ERRORS).filter((key) => key !== "__proto__").map((key) => [key, details[key]]));
}
