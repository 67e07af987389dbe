/**
 * `x-conventions.envelope` with `type: response-code`: a resource-named wrapper whose `response`
 * node carries the provider's own result code, whatever the HTTP status —
 * `{"styles": {"response": {"code": 0, "comment": "", "log_id": "…", "next_start": 50}, "styles": […]}}`
 * → the list. A preset: its keys expand into the envelope's and the error reader's primitives, each
 * node field read at `<node>.<field>` or, inside the wrapper, `*.<node>.<field>` —
 *   envelope: data {beside: node}, success {field: code, equals-number: 0}, meta {logId},
 *             next-offset, offset
 *   errors:   code, message (the comment), request-id (the log id), fields comment, logId and
 *             codeName (as: code-name), the code table, on the `ResponseCodeError` base
 * Codes marked retryable are retried; the node's next offset drives offset paging.
 */
import type { Contribution } from "./convention.js";
import type { JsonPointer, ProblemCollector } from "../spec-error.js";
import { type CodeEntry, parseCodeTable } from "./dialect/code-table.js";
import type { PathChoice } from "./dialect/error-reading.js";
import { type FieldsEnvelopeConfig, applyFieldsEnvelope } from "./envelope.js";
import { type FieldsErrorsConfig, applyFieldsErrors } from "./errors.js";
import { ConfigReader } from "./read-config.js";

export interface ResponseCodeEnvelopeConventionConfig {
  readonly envelope: FieldsEnvelopeConfig;
  readonly errors: FieldsErrorsConfig;
}

const KEYS = ["type", "node", "code-field", "comment-field", "log-id-field", "success-code", "next-offset-field", "offset-field", "error-class", "codes"] as const;

export function parseResponseCodeEnvelope(value: unknown, at: JsonPointer, problems: ProblemCollector): ResponseCodeEnvelopeConventionConfig | undefined {
  const read = new ConfigReader(problems, "envelope");
  const node = read.mapping(value, at, KEYS);
  if (node === undefined) return undefined;
  const responseNode = read.string(node, "node", at, "response");
  const codeField = read.string(node, "code-field", at, "code");
  const commentField = read.string(node, "comment-field", at, "comment");
  const logIdField = read.string(node, "log-id-field", at, "log_id");
  const successCode = read.string(node, "success-code", at, "0");
  const nextOffsetField = read.optionalString(node, "next-offset-field", at);
  const offsetField = read.optionalString(node, "offset-field", at);
  if (offsetField !== undefined && nextOffsetField === undefined) problems.add([...at, "offset-field"], "envelope: offset-field needs next-offset-field");
  const errorClass = read.errorClassName(node, "error-class", at, "JoorError") ?? undefined;
  const codes = successCode === undefined ? [] : parseCodeTable("envelope", node, "codes", at, problems, { successCode });
  if (!responseNode || !codeField || !commentField || !logIdField || !successCode) return undefined;
  // The node at the top of the body, or inside its one wrapper element.
  const inNode = (field: string): PathChoice => [[responseNode, field], ["*", responseNode, field]];
  const code = inNode(codeField);
  // Compared as a number when numeric: 0, "0" and "000" all succeed.
  const success = /^\d+$/.test(successCode) ? { path: code, equalsNumber: [Number(successCode)] } : { path: code, equals: [successCode] };
  const envelope: FieldsEnvelopeConfig = {
    type: "fields",
    data: undefined,
    beside: [[responseNode], ["*", responseNode]],
    meta: { logId: inNode(logIdField) },
    ...(nextOffsetField === undefined ? {} : { nextOffset: inNode(nextOffsetField) }),
    ...(offsetField === undefined ? {} : { offset: inNode(offsetField) }),
    success: success as FieldsEnvelopeConfig["success"],
    failure: undefined,
    note: responsesNote(responseNode, codeField, commentField, logIdField, nextOffsetField, offsetField),
  };
  const errors: FieldsErrorsConfig = {
    className: errorClass,
    base: { module: "response-code-envelope", exportName: "ResponseCodeError" },
    code,
    numericCode: false,
    message: inNode(commentField),
    details: undefined,
    list: undefined,
    listEntry: { kind: "primitive", type: "unknown" },
    requestId: inNode(logIdField),
    requestIdHeader: undefined,
    fields: [
      { name: "comment", path: inNode(commentField), as: "text", type: TEXT },
      { name: "logId", path: inNode(logIdField), as: "text", type: TEXT },
      { name: "codeName", path: undefined, as: "code-name", type: TEXT },
    ],
    codes,
    note: errorsNote(codeField, successCode, errorClass, codes),
  };
  return { envelope, errors };
}

const TEXT = { kind: "primitive", type: "string" } as const;

export function applyResponseCodeEnvelope(config: ResponseCodeEnvelopeConventionConfig, facts: Contribution): void {
  applyFieldsEnvelope(config.envelope, facts);
  applyFieldsErrors(config.errors, facts);
  // The error class is this envelope's key, not `errors.class`: say so when another convention claims it too.
  if (facts.claimedAt.has("errorClassName")) facts.claimedAt.set("errorClassName", ["error-class"]);
}

function responsesNote(n: string, code: string, comment: string, logId: string, next: string | undefined, offset: string | undefined) {
  const lastPage = offset === undefined ? "" : ` A page whose node has \`${offset}\` but no \`${next}\` is the last.`;
  const paging = next === undefined ? "" : ` The node's \`${next}\` is the offset of the next page; list methods follow it rather than counting items.${lastPage}`;
  return {
    title: "Responses",
    text: `Every body is wrapped in an element named after the resource, holding a \`${n}\` node beside the payload: \`{"items": {"${n}": {"${code}": 0, "${comment}": "", "${logId}": "…"}, "items": […]}}\` (the same in XML). Methods resolve to the payload; the node's \`${logId}\` is in \`withResponse()\`'s \`response.meta.logId\`.${paging}`,
  };
}

function errorsNote(code: string, successCode: string, errorClass: string | undefined, codes: readonly CodeEntry[]) {
  const retryable = codes.filter((c) => c.retryable).map((c) => `\`${c.code}\``);
  const provider = errorClass === undefined ? "the provider's error class" : `\`${errorClass}\``;
  return {
    title: "Errors",
    text: `\`${code}\` ${successCode} is success. Any other code is an error even under HTTP 200: ${provider} with \`code\` (e.g. \`"001"\`), \`comment\` and \`logId\` (also \`requestId\`). Each documented code has its own subclass (see the table below); an undocumented code is still ${provider}.${retryable.length > 0 ? ` Code${retryable.length > 1 ? "s" : ""} ${retryable.join(", ")} ${retryable.length > 1 ? "mean" : "means"} "try again later" and ${retryable.length > 1 ? "are" : "is"} retried like an HTTP 503 (GET, PUT, DELETE; \`retryable\` is true on the error).` : ""}`,
  };
}
