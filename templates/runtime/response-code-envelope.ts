/**
 * The base class of errors reported by a result node beside the payload, whatever the HTTP status:
 *
 *   {"styles": {"response": {"code": "001", "comment": "Token inactive", "log_id": "…"}, "styles": […]}}
 *
 * The `response-code` preset reads such bodies with the envelope's and the error reader's
 * primitives (envelope.ts, error-fields.ts): the node's code decides success, its comment is the
 * message, its log id the request id, and the code table's name of the code is kept; this class
 * exposes the comment, the log id and that name.
 */

import { errorTextField } from "./error-fields.js";
import { APIError } from "./errors.js";
import type { APIErrorInit } from "./errors.js";

/** Base class of the provider's errors: an API error with the response node's code, comment and log id. */
export class ResponseCodeError extends APIError {
  /** The node's description of the problem, when it gave one. */
  readonly comment: string | undefined;
  /** The provider's id of this transaction in its logs, to quote to its support. */
  readonly logId: string | undefined;
  /** The documented name of `code` (e.g. `Authentication`); undefined for a code the spec does not list. */
  readonly codeName: string | undefined;

  constructor(init: APIErrorInit) {
    super(init);
    this.comment = errorTextField(init, "comment");
    this.logId = errorTextField(init, "logId") ?? init.requestId;
    this.codeName = errorTextField(init, "codeName");
  }
}
