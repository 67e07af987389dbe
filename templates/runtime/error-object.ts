/**
 * The base class of errors whose body wraps the error in one object, e.g.
 *   `{ "error": { "code": "customer_not_found", "message": "No customer with id 42.", "details": {…} } }`
 * The `error-object` preset reads such bodies with the error reader (error-fields.ts) by the
 * paths `/error/code`, `/error/message` and `/error/details`; this class exposes the details.
 */

import { errorDetails } from "./error-fields.js";
import { APIError } from "./errors.js";
import type { APIErrorInit } from "./errors.js";

/** An API error whose body wraps a code, a message and details in one object. */
export class ErrorObjectError extends APIError {
  /** The error object's details (e.g. the invalid fields), as the provider sent them; undefined when absent. */
  readonly details: unknown;

  constructor(init: APIErrorInit) {
    super(init);
    this.details = errorDetails(init);
  }
}
