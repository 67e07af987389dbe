/**
 * `x-conventions.errors` with `type: error-object`: error bodies that wrap the error in one
 * object, `{"error": {"code", "message", "details"}}`, with every key configurable. A preset: its
 * keys expand into the error reader's paths (`/error/code`, `/error/message`, `/error/details`),
 * and the provider's error class extends the runtime's `ErrorObjectError`, which exposes `details`.
 */
import type { JsonPointer, ProblemCollector } from "../spec-error.js";
import type { FieldsErrorsConfig } from "./errors.js";
import { parseCodeTable } from "./dialect/code-table.js";
import { ConfigReader } from "./read-config.js";

const KEYS = ["type", "class", "error-field", "code-field", "message-field", "details-field", "codes"] as const;

export function errorObjectPreset(value: unknown, at: JsonPointer, problems: ProblemCollector): FieldsErrorsConfig | undefined {
  const read = new ConfigReader(problems, "errors");
  const node = read.mapping(value, at, KEYS);
  if (node === undefined) return undefined;
  const className = read.errorClassName(node, "class", at, "AcmeError");
  const e = read.string(node, "error-field", at, "error");
  const c = read.string(node, "code-field", at, "code");
  const m = read.string(node, "message-field", at, "message");
  const d = read.string(node, "details-field", at, "details");
  const codes = parseCodeTable("errors", node, "codes", at, problems, { bare: true });
  if (className === null || !e || !c || !m || !d) return undefined;
  return {
    className,
    base: { module: "error-object", exportName: "ErrorObjectError" },
    code: [e, c],
    numericCode: false,
    message: [e, m],
    details: [e, d],
    list: undefined,
    listEntry: { kind: "primitive", type: "unknown" },
    requestId: undefined,
    requestIdHeader: undefined,
    codes,
    note: {
      title: "Errors",
      text: `Error bodies wrap the error in \`${e}\`: \`{"${e}": {"${c}": …, "${m}": …, "${d}": …}}\`. Every error exposes them as \`code\`, \`message\` and \`details\` (the provider's JSON, as sent), next to \`status\`, \`headers\` and the parsed \`body\`.`,
    },
  };
}
