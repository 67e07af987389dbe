/**
 * `x-conventions.errors` with `type: problem-details`: RFC 7807 / RFC 9457 bodies, in the variants
 * ASP.NET and similar stacks send (`traceId` and `errors` at the top or inside `extensions`). A
 * preset: it expands into the error reader's primitives —
 *   code: /code
 *   message: {join: [/title, /detail, [/errors, /extensions/errors]]}
 *   request-id: [/traceId, /extensions/traceId]
 *   fields: {type, title, detail, instance, traceId: text; errors: field-messages}
 * — and the provider's error class extends the runtime's `ProblemDetailsError`, which exposes those
 * fields with the types packages have always had.
 */
import type { JsonPointer, ProblemCollector } from "../spec-error.js";
import type { NamedErrorField } from "./dialect/error-reading.js";
import type { FieldsErrorsConfig } from "./errors.js";
import { ConfigReader, type Mapping } from "./read-config.js";

/** Keys someone moving from `code-message` may leave behind: named as such rather than as unknown. */
const CODE_MESSAGE_ONLY = ["code-field", "message-field", "request-id-header"];

const TRACE_ID = [["traceId"], ["extensions", "traceId"]];
const FIELD_ERRORS = [["errors"], ["extensions", "errors"]];
const STRING = { kind: "primitive", type: "string" } as const;
const text = (name: string): NamedErrorField => ({ name, path: [name], as: "text", type: STRING });

export function problemDetailsPreset(value: unknown, at: JsonPointer, problems: ProblemCollector): FieldsErrorsConfig | undefined {
  const read = new ConfigReader(problems, "errors");
  const node: Mapping | undefined = read.mapping(value, at, ["type", "class", ...CODE_MESSAGE_ONLY]);
  if (node === undefined) return undefined;
  for (const key of CODE_MESSAGE_ONLY) {
    if (node[key] !== undefined) problems.addAtKey([...at, key], `errors: "${key}" belongs to type: code-message`);
  }
  const className = read.errorClassName(node, "class", at, "AcmeError");
  if (className === null) return undefined;
  return {
    className,
    base: { module: "problem-details", exportName: "ProblemDetailsError", mediaType: "application/problem+json" },
    code: ["code"],
    numericCode: false,
    message: undefined,
    messageJoin: [["title"], ["detail"], FIELD_ERRORS],
    details: undefined,
    list: undefined,
    listEntry: { kind: "primitive", type: "unknown" },
    requestId: TRACE_ID,
    requestIdHeader: undefined,
    fields: [text("type"), text("title"), text("detail"), text("instance"), { ...text("traceId"), path: TRACE_ID }, { name: "errors", path: FIELD_ERRORS, as: "field-messages", type: STRING }],
    codes: [],
    note: {
      title: "Errors",
      text: "Error responses are RFC 7807 problem details. Every error exposes `type`, `title`, `status`, `detail`, `traceId` and `errors` (field name → messages), in all the variants the API sends.",
    },
  };
}
