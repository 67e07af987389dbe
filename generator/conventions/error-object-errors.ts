/**
 * `x-conventions.errors` with `type: error-object`: error bodies that wrap the error in one
 * object, `{"error": {"code", "message", "details"}}`, with every key configurable. The provider's
 * error class extends the runtime's `ErrorObjectError`, so every error exposes `code`, `message`
 * and `details`.
 */
import type { Contribution } from "./convention.js";
import { ConfigReader } from "./read-config.js";
import type { JsonPointer, ProblemCollector } from "../spec-error.js";

export interface ErrorObjectErrorsConfig {
  readonly type: "error-object";
  readonly className: string | undefined;
  readonly errorField: string;
  readonly codeField: string;
  readonly messageField: string;
  readonly detailsField: string;
}

const KEYS = ["type", "class", "error-field", "code-field", "message-field", "details-field"] as const;

export function parseErrorObjectErrors(value: unknown, at: JsonPointer, problems: ProblemCollector): ErrorObjectErrorsConfig | undefined {
  const read = new ConfigReader(problems, "errors");
  const node = read.mapping(value, at, KEYS);
  if (node === undefined) return undefined;
  const className = read.errorClassName(node, "class", at, "AcmeError");
  if (className === null) return undefined;
  const errorField = read.string(node, "error-field", at, "error");
  const codeField = read.string(node, "code-field", at, "code");
  const messageField = read.string(node, "message-field", at, "message");
  const detailsField = read.string(node, "details-field", at, "details");
  if (!errorField || !codeField || !messageField || !detailsField) return undefined;
  return { type: "error-object", className, errorField, codeField, messageField, detailsField };
}

export function applyErrorObjectErrors(config: ErrorObjectErrorsConfig, facts: Contribution): void {
  if (config.className !== undefined) {
    facts.errorClassName = config.className;
    facts.claimedAt.set("errorClassName", ["class"]);
  }
  facts.modules.add("error-object");
  facts.errorBase = { module: "error-object", exportName: "ErrorObjectError" };
  facts.claimedAt.set("errorBase", ["type"]);
  facts.plugins.push({
    module: "error-object",
    exportName: "errorObjectErrors",
    config: { errorField: config.errorField, codeField: config.codeField, messageField: config.messageField, detailsField: config.detailsField },
    takesOptions: false,
  });
  const { errorField: e, codeField: c, messageField: m, detailsField: d } = config;
  facts.notes.push({
    title: "Errors",
    text: `Error bodies wrap the error in \`${e}\`: \`{"${e}": {"${c}": …, "${m}": …, "${d}": …}}\`. Every error exposes them as \`code\`, \`message\` and \`details\` (the provider's JSON, as sent), next to \`status\`, \`headers\` and the parsed \`body\`.`,
  });
}
