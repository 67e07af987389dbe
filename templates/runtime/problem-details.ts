/**
 * The base class of errors whose body is an RFC 7807 / RFC 9457 problem-details document, as
 * ASP.NET and similar stacks send it, in its three common shapes:
 *   - ProblemDetails  {type, title, status, detail, instance, extensions}
 *   - ErrorResponse   {errors, type, title, status, traceId, detail}
 *   - Error           {code, title, type, status, detail, traceId, errors}
 * The `problem-details` preset reads such bodies with the error reader (error-fields.ts): the
 * message joined from `title`, `detail` and the field errors, `traceId` (or `extensions.traceId`)
 * as the request id, and these named fields; this class exposes the fields.
 */

import { errorFieldMessages, errorTextField } from "./error-fields.js";
import { APIError } from "./errors.js";
import type { APIErrorInit } from "./errors.js";

/** An API error whose body is a problem-details document, with its fields read out. */
export class ProblemDetailsError extends APIError {
  /** URI identifying the kind of problem. */
  readonly type: string | undefined;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly traceId: string | undefined;
  readonly instance: string | undefined;
  /**
   * Validation messages per field, e.g. `{ Reference: ["The Reference field is required."] }`; at
   * most 100 fields (`truncated` says when there were more).
   */
  readonly errors: Readonly<Record<string, readonly string[]>>;

  constructor(init: APIErrorInit) {
    super(init);
    this.type = errorTextField(init, "type");
    this.title = errorTextField(init, "title");
    this.detail = errorTextField(init, "detail");
    this.traceId = errorTextField(init, "traceId");
    this.instance = errorTextField(init, "instance");
    this.errors = errorFieldMessages(init, "errors");
  }
}
