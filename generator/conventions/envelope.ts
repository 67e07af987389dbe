/**
 * `x-conventions.envelope`: a success wrapper the client removes, so callers get the payload.
 * - `status-data`: `{status: "success", data}` → data; `{status: "success"}` → nothing;
 *   `{status: "success", message}` → the message. Response schemas in the spec describe the payload.
 * - `status-body`: `{status: "200", message: "OK", body: {data | text}}`, the HTTP status repeated
 *   as text; see status-body-envelope.ts.
 * - `response-code`: a resource-named wrapper with a `response` node whose code says success or
 *   which error, even under HTTP 200; see response-code-envelope.ts.
 */
import type { Convention } from "./convention.js";
import { ConfigReader, isMapping } from "./read-config.js";
import { type ResponseCodeEnvelopeConventionConfig, applyResponseCodeEnvelope, parseResponseCodeEnvelope } from "./response-code-envelope.js";
import { type StatusBodyEnvelopeConfig, applyStatusBodyEnvelope, parseStatusBodyEnvelope } from "./status-body-envelope.js";

type EnvelopeConfig = StatusDataEnvelopeConfig | StatusBodyEnvelopeConfig | ResponseCodeEnvelopeConventionConfig;

interface StatusDataEnvelopeConfig {
  readonly type: "status-data";
  readonly statusField: string;
  readonly successValue: string;
  readonly dataField: string;
  readonly messageField: string;
}

export const envelopeConvention: Convention<EnvelopeConfig> = {
  key: "envelope",
  summary: "a success wrapper to unwrap: `type: status-data` with status-field, success-value, data-field, message-field; `type: status-body` with status-field, message-field, body-field, data-field, text-field; `type: response-code` with node, code-field, comment-field, log-id-field, success-code, next-offset-field, error-class, codes",
  parse(value, at, problems) {
    if (isMapping(value) && value["type"] === "status-body") return parseStatusBodyEnvelope(value, at, problems);
    if (isMapping(value) && value["type"] === "response-code") return parseResponseCodeEnvelope(value, at, problems);
    const read = new ConfigReader(problems, "envelope");
    const node = read.mapping(value, at, ["type", "status-field", "success-value", "data-field", "message-field"]);
    if (node === undefined) return undefined;
    const type = read.oneOf(node, "type", at, ["status-data", "status-body", "response-code"] as const);
    const statusField = read.string(node, "status-field", at, "status");
    const successValue = read.string(node, "success-value", at, "success");
    const dataField = read.string(node, "data-field", at, "data");
    const messageField = read.string(node, "message-field", at, "message");
    if (type !== "status-data" || !statusField || !successValue || !dataField || !messageField) return undefined;
    return { type, statusField, successValue, dataField, messageField };
  },
  apply(config, _ir, facts) {
    if (config.type === "status-body") return applyStatusBodyEnvelope(config, facts);
    if (config.type === "response-code") return applyResponseCodeEnvelope(config, facts);
    facts.modules.add("status-envelope");
    facts.plugins.push({
      module: "status-envelope",
      exportName: "statusEnvelope",
      config: {
        statusField: config.statusField,
        successValue: config.successValue,
        dataField: config.dataField,
        messageField: config.messageField,
      },
      takesOptions: false,
    });
    const s = config.statusField;
    facts.notes.push({
      title: "Responses",
      text: `Successful responses arrive as \`{"${s}": "${config.successValue}", "${config.dataField}": …}\`; methods resolve to the \`${config.dataField}\` value itself. A response with only \`${s}\` resolves to \`undefined\`, one with a \`${config.messageField}\` to that message. A 2xx body whose \`${s}\` is not \`${config.successValue}\` is thrown as an error.`,
    });
  },
};
