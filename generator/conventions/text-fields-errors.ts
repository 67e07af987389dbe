/**
 * `x-conventions.errors` with `type: text-fields`: error bodies that explain themselves in a
 * sentence and point at fields by index —
 * `{"status": "400", "message": "Bad Request", "body": {"text": "Unknown fields submitted.", "fields": {"9": "…"}}}`.
 * The provider's error class extends `TextFieldsError` (`text`, `kind`, `fields`,
 * `unknownFields`, `missingFields`, `envelopeStatus`, `statusMismatch`), with the indexes turned
 * into field names. Dispatched to from `errors.ts`.
 */
import type { Contribution } from "./convention.js";
import type { JsonPointer, ProblemCollector } from "../spec-error.js";
import { ConfigReader } from "./read-config.js";

export interface TextFieldsErrorsConfig {
  readonly type: "text-fields";
  readonly className: string | undefined;
  readonly statusField: string;
  readonly messageField: string;
  readonly bodyField: string;
  readonly textField: string;
  readonly fieldsField: string;
  readonly unknownFieldsText: string;
  readonly missingFieldsText: string;
}

const KEYS = [
  "type",
  "class",
  "status-field",
  "message-field",
  "body-field",
  "text-field",
  "fields-field",
  "unknown-fields-text",
  "missing-fields-text",
] as const;

export function parseTextFieldsErrors(value: unknown, at: JsonPointer, problems: ProblemCollector): TextFieldsErrorsConfig | undefined {
  const read = new ConfigReader(problems, "errors");
  const node = read.mapping(value, at, KEYS);
  if (node === undefined) return undefined;
  const className = read.errorClassName(node, "class", at, "AcmeError");
  if (className === null) return undefined;
  const statusField = read.string(node, "status-field", at, "status");
  const messageField = read.string(node, "message-field", at, "message");
  const bodyField = read.string(node, "body-field", at, "body");
  const textField = read.string(node, "text-field", at, "text");
  const fieldsField = read.string(node, "fields-field", at, "fields");
  const unknownFieldsText = read.string(node, "unknown-fields-text", at, "Unknown fields submitted");
  const missingFieldsText = read.string(node, "missing-fields-text", at, "Required fields missing");
  if (!statusField || !messageField || !bodyField || !textField || !fieldsField || !unknownFieldsText || !missingFieldsText) return undefined;
  return { type: "text-fields", className, statusField, messageField, bodyField, textField, fieldsField, unknownFieldsText, missingFieldsText };
}

export function applyTextFieldsErrors(config: TextFieldsErrorsConfig, facts: Contribution): void {
  if (config.className !== undefined) {
    facts.errorClassName = config.className;
    facts.claimedAt.set("errorClassName", ["class"]);
  }
  facts.modules.add("text-fields-errors");
  facts.errorBase = { module: "text-fields-errors", exportName: "TextFieldsError" };
  facts.claimedAt.set("errorBase", ["type"]);
  facts.plugins.push({
    module: "text-fields-errors",
    exportName: "textFieldsErrors",
    config: {
      statusField: config.statusField,
      messageField: config.messageField,
      bodyField: config.bodyField,
      textField: config.textField,
      fieldsField: config.fieldsField,
      unknownFieldsText: config.unknownFieldsText,
      missingFieldsText: config.missingFieldsText,
    },
    takesOptions: false,
  });
  const { bodyField: b, textField: t, fieldsField: f } = config;
  facts.notes.push({
    title: "Errors",
    text:
      `Error bodies explain themselves in \`${b}.${t}\` and point at fields in \`${b}.${f}\`, an object whose keys are indexes. ` +
      `Every error exposes \`text\`, \`fields\` (the field names), \`kind\` and \`envelopeStatus\`. ` +
      `When the text is "${config.unknownFieldsText}", \`kind\` is \`"unknown-fields"\` and \`unknownFields\` names them: an index points into the fields of the JSON body the client sent, in the order it sent them, so it is resolved against that body (the value the API gives is taken when it already names a sent field). ` +
      `When the text is "${config.missingFieldsText}", \`kind\` is \`"missing-fields"\` and \`missingFields\` lists the values, which are the field names (their indexes point into the API's own list of required fields). ` +
      `\`statusMismatch\` is true when the body's status disagrees with the HTTP status.`,
  });
}
