/**
 * `x-conventions.envelope` with `type: status-body`: an envelope that repeats the HTTP status as
 * text and carries the payload one level down —
 * `{"status": "200", "message": "OK", "body": {"data": …}}` → data, `{…, "body": {"text": "…"}}`
 * → the text, `{"status": "201", "message": "Created"}` → nothing. A body whose status is not the
 * HTTP status is an error. Dispatched to from `envelope.ts`.
 */
import type { Contribution } from "./convention.js";
import type { JsonPointer, ProblemCollector } from "../spec-error.js";
import { ConfigReader } from "./read-config.js";

export interface StatusBodyEnvelopeConfig {
  readonly type: "status-body";
  readonly statusField: string;
  readonly messageField: string;
  readonly bodyField: string;
  readonly dataField: string;
  readonly textField: string;
}

const KEYS = ["type", "status-field", "message-field", "body-field", "data-field", "text-field"] as const;

export function parseStatusBodyEnvelope(value: unknown, at: JsonPointer, problems: ProblemCollector): StatusBodyEnvelopeConfig | undefined {
  const read = new ConfigReader(problems, "envelope");
  const node = read.mapping(value, at, KEYS);
  if (node === undefined) return undefined;
  const statusField = read.string(node, "status-field", at, "status");
  const messageField = read.string(node, "message-field", at, "message");
  const bodyField = read.string(node, "body-field", at, "body");
  const dataField = read.string(node, "data-field", at, "data");
  const textField = read.string(node, "text-field", at, "text");
  if (!statusField || !messageField || !bodyField || !dataField || !textField) return undefined;
  if (dataField === textField) {
    problems.add([...at, "text-field"], `envelope: "text-field" and "data-field" must differ (both are "${textField}")`);
    return undefined;
  }
  return { type: "status-body", statusField, messageField, bodyField, dataField, textField };
}

export function applyStatusBodyEnvelope(config: StatusBodyEnvelopeConfig, facts: Contribution): void {
  facts.modules.add("status-body-envelope");
  facts.plugins.push({
    module: "status-body-envelope",
    exportName: "statusBodyEnvelope",
    config: {
      statusField: config.statusField,
      messageField: config.messageField,
      bodyField: config.bodyField,
      dataField: config.dataField,
      textField: config.textField,
    },
    takesOptions: false,
  });
  const { statusField: s, messageField: m, bodyField: b, dataField: d, textField: t } = config;
  facts.notes.push({
    title: "Responses",
    text:
      `Responses arrive as \`{"${s}": "200", "${m}": "OK", "${b}": {…}}\`, with the HTTP status repeated as a string. ` +
      `Reads resolve to \`${b}.${d}\` (an object, or a list for list methods); updates and deletes resolve to the confirmation in \`${b}.${t}\` (e.g. \`"Content updated"\`); ` +
      `creates answer \`201\` with no \`${b}\` and resolve to \`undefined\`. ` +
      `A body whose \`${s}\` disagrees with the HTTP status is thrown as an error, even under a 2xx: one of the two is wrong and the result cannot be trusted.`,
  });
}
