/**
 * The base class of errors whose body explains itself in a sentence and points at fields by
 * index, e.g.
 *   `{ "status": "400", "message": "Bad Request",
 *      "body": { "text": "Unknown fields submitted.", "fields": { "9": "this_should_fail" } } }`
 * The `text-fields` preset reads such bodies with the error reader (error-fields.ts): the message
 * at `/body/text`, the kinds `unknown-fields` and `missing-fields` by their texts, the fields by
 * index (field-indexes.ts) and the status the body repeats. This class exposes what it read.
 */

import { errorFieldNames, errorKind, errorReportedStatus, errorText } from "./error-fields.js";
import { APIError } from "./errors.js";
import type { APIErrorInit } from "./errors.js";

/** What the fields of an error are: fields the API does not know, or required fields not sent. */
export type FieldErrorKind = "unknown-fields" | "missing-fields";

/** An API error whose body carries an explaining text and the fields it is about, by name. */
export class TextFieldsError extends APIError {
  /** The API's explanation, e.g. `Unknown fields submitted.`. */
  readonly text: string | undefined;
  /** Whether `fields` are unknown fields or missing required ones; undefined for any other text. */
  readonly kind: FieldErrorKind | undefined;
  /** The names of the fields the error is about, whatever its kind; at most 100 (`truncated` says when there were more). */
  readonly fields: readonly string[];
  /** Submitted fields the API does not accept (`kind` `unknown-fields`). */
  readonly unknownFields: readonly string[];
  /** Required fields the request lacked (`kind` `missing-fields`). */
  readonly missingFields: readonly string[];
  /** The status the body reports, e.g. `"400"`; undefined when the body has none. */
  readonly envelopeStatus: string | undefined;
  /** True when the body's status disagrees with the HTTP status (`status`). */
  readonly statusMismatch: boolean;

  constructor(init: APIErrorInit) {
    super(init);
    this.text = errorText(init);
    const kind = errorKind(init);
    this.kind = kind === "unknown-fields" || kind === "missing-fields" ? kind : undefined;
    this.fields = errorFieldNames(init);
    this.unknownFields = this.kind === "unknown-fields" ? this.fields : [];
    this.missingFields = this.kind === "missing-fields" ? this.fields : [];
    this.envelopeStatus = errorReportedStatus(init);
    this.statusMismatch = this.envelopeStatus !== undefined && this.envelopeStatus !== String(init.status);
  }
}
