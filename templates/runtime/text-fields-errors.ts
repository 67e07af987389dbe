/**
 * Error bodies that explain themselves in a sentence and point at fields by position, e.g.
 *   `{ "status": "400", "message": "Bad Request",
 *      "body": { "text": "Unknown fields submitted.", "fields": { "9": "this_should_fail" } } }`
 * The keys of `fields` are indexes: into the fields the client submitted (their order in the JSON
 * body it sent) for unknown fields, or into the API's own list of required fields for missing
 * ones. The decoder turns them into field names, so the error says which fields to fix.
 */

import { APIError, capMessage, MAX_FIELD_ERRORS } from "./errors.js";
import type { APIErrorInit } from "./errors.js";
import { definedOnly, isRecord, ownField, ownString } from "./fields.js";
import type { ErrorDetails, OperationDescriptor, Plugin } from "./types.js";

export interface TextFieldsErrorsConfig {
  /** The envelope's copy of the HTTP status, e.g. `"400"`. */
  readonly statusField: string;
  /** The envelope's reason phrase, e.g. `"Bad Request"`: the message when there is no text. */
  readonly messageField: string;
  /** The object inside the envelope that holds the text and the fields. */
  readonly bodyField: string;
  /** The sentence explaining the error, e.g. `"Unknown fields submitted."`. */
  readonly textField: string;
  /** The index → field map (or list), e.g. `{ "9": "this_should_fail" }`. */
  readonly fieldsField: string;
  /** The text that means the fields were not expected, compared without case and final punctuation. */
  readonly unknownFieldsText: string;
  /** The text that means required fields were absent. */
  readonly missingFieldsText: string;
}

/** What the fields of an error are: fields the API does not know, or required fields not sent. */
export type FieldErrorKind = "unknown-fields" | "missing-fields";

/** What the decoder reads from an error body; carried to {@link TextFieldsError} as `extra`. */
export interface TextFieldsReport {
  readonly text: string | undefined;
  readonly kind: FieldErrorKind | undefined;
  /** Field names, in the order of their indexes. */
  readonly fields: readonly string[];
  /** The status the envelope reports, as text. */
  readonly envelopeStatus: string | undefined;
}

const REPORT_KEY = "textFields";

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
    const report = readReport(init.extra);
    this.text = report?.text;
    this.kind = report?.kind;
    this.fields = report?.fields ?? [];
    this.unknownFields = this.kind === "unknown-fields" ? this.fields : [];
    this.missingFields = this.kind === "missing-fields" ? this.fields : [];
    this.envelopeStatus = report?.envelopeStatus;
    this.statusMismatch = this.envelopeStatus !== undefined && this.envelopeStatus !== String(init.status);
  }
}

/** The decoder's report, read back defensively: `extra` is open to every plug-in. */
function readReport(extra: Readonly<Record<string, unknown>> | undefined): TextFieldsReport | undefined {
  const report = extra?.[REPORT_KEY];
  const fields = ownField(report, "fields");
  if (!Array.isArray(fields)) return undefined;
  const kind = ownField(report, "kind");
  return {
    text: ownString(report, "text"),
    kind: kind === "unknown-fields" || kind === "missing-fields" ? kind : undefined,
    fields: Object.freeze(fields.filter((field): field is string => typeof field === "string")),
    envelopeStatus: ownString(report, "envelopeStatus"),
  };
}

/**
 * Reads `{text, fields}` error bodies into a message such as
 * `Unknown fields submitted: this_should_fail` and a {@link TextFieldsReport} for the error class.
 */
export function textFieldsErrors(config: TextFieldsErrorsConfig): Plugin {
  return {
    decodeError(body, response): ErrorDetails | undefined {
      const inner = ownField(body, config.bodyField);
      const text = nonEmpty(capMessage(ownString(inner, config.textField)));
      const rawFields = ownField(inner, config.fieldsField);
      const envelopeStatus = statusText(ownField(body, config.statusField));
      const reason = nonEmpty(ownString(body, config.messageField));
      // Nothing recognisable: leave the body to the next decoder instead of answering with nothing.
      if (text === undefined && rawFields === undefined && envelopeStatus === undefined && reason === undefined) return undefined;
      const kind = fieldErrorKind(text, config);
      const submitted = submittedFieldNames(response.requestBody, response.operation);
      const named = fieldNames(rawFields, kind, submitted);
      // A hostile or broken server can list 300 000 fields; an error keeps the first hundred.
      const fields = named.length > MAX_FIELD_ERRORS ? named.slice(0, MAX_FIELD_ERRORS) : named;
      const leftOut = named.length - fields.length;
      const report: TextFieldsReport = { text, kind, fields, envelopeStatus };
      const message = errorMessage(text ?? reason, fields);
      return definedOnly<ErrorDetails>({
        message: leftOut > 0 ? `${message ?? "Fields"} (and ${leftOut} more fields)` : message,
        extra: { [REPORT_KEY]: report },
        truncated: leftOut > 0 ? true : undefined,
      });
    },
  };
}

/** `Unknown fields submitted.` + `[a, b]` → `Unknown fields submitted: a, b`. */
function errorMessage(text: string | undefined, fields: readonly string[]): string | undefined {
  if (fields.length === 0) return text;
  const lead = text === undefined ? "Fields" : text.trim().replace(/[.:;!\s]+$/, "");
  return `${lead}: ${fields.join(", ")}`;
}

/** Which kind of field error `text` announces; compared without case, spacing and final punctuation. */
export function fieldErrorKind(text: string | undefined, config: Pick<TextFieldsErrorsConfig, "unknownFieldsText" | "missingFieldsText">): FieldErrorKind | undefined {
  if (text === undefined) return undefined;
  const said = normalise(text);
  if (said.startsWith(normalise(config.unknownFieldsText))) return "unknown-fields";
  if (said.startsWith(normalise(config.missingFieldsText))) return "missing-fields";
  return undefined;
}

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, " ").replace(/[.:;!\s]+$/, "").toLowerCase();
}

/**
 * The top-level field names of the body as it went on the wire, in order: for a JSON body the keys
 * `JSON.stringify` wrote (so `undefined` values, which are not sent, take no index); for a form
 * the keys with a value. Undefined when there is no such body.
 */
export function submittedFieldNames(requestBody: unknown, operation: Pick<OperationDescriptor, "body">): readonly string[] | undefined {
  if (!isRecord(requestBody)) return undefined;
  if (operation.body === "json") {
    try {
      const sent: unknown = JSON.parse(JSON.stringify(requestBody));
      return isRecord(sent) ? Object.keys(sent) : undefined;
    } catch {
      return undefined;
    }
  }
  if (operation.body === "form") {
    return Object.keys(requestBody).filter((key) => requestBody[key] !== undefined && requestBody[key] !== null);
  }
  return undefined;
}

/**
 * Field names from an index → value map (or a list, which is how a sequential map arrives from
 * some servers), in index order:
 * - missing fields: the value is the name (its index points into the API's own required list,
 *   which the client does not know);
 * - otherwise: the value when it names a submitted field; else the submitted field at the index
 *   (the API may quote the submitted value instead of the name); else the value as given.
 * Entries that give no name (no string and no submitted field at the index) are left out.
 */
export function fieldNames(fields: unknown, kind: FieldErrorKind | undefined, submitted: readonly string[] | undefined): string[] {
  const entries = indexedEntries(fields);
  const names: string[] = [];
  for (const [index, value] of entries) {
    const given = typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
    let name: string | undefined;
    if (kind === "missing-fields") name = given;
    else if (given !== undefined && submitted?.includes(given)) name = given;
    else name = (index === undefined ? undefined : submitted?.[index]) ?? given;
    if (name !== undefined) names.push(name);
  }
  return names;
}

/** `[index, value]` pairs sorted by index; a key that is not an index sorts last, without one. */
function indexedEntries(fields: unknown): [number | undefined, unknown][] {
  if (Array.isArray(fields)) return fields.map((value, index) => [index, value]);
  if (!isRecord(fields)) return [];
  const entries: [number | undefined, unknown][] = Object.keys(fields)
    .filter((key) => key !== "__proto__")
    .map((key) => [/^\d+$/.test(key) ? Number(key) : undefined, fields[key]]);
  return entries.sort(([a], [b]) => (a ?? Number.MAX_SAFE_INTEGER) - (b ?? Number.MAX_SAFE_INTEGER));
}

function statusText(status: unknown): string | undefined {
  if (typeof status === "string") return nonEmpty(status.trim());
  return typeof status === "number" && Number.isInteger(status) ? String(status) : undefined;
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === "" ? undefined : text;
}
