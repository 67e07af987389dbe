/**
 * `x-conventions.envelope` with `type: response-code`: a resource-named wrapper whose `response`
 * node carries the provider's own result code, whatever the HTTP status —
 * `{"styles": {"response": {"code": 0, "comment": "", "log_id": "…", "next_start": 50}, "styles": […]}}`
 * → the list. Code 0 is success; any other code is an error of the provider's class (or of the
 * code's own class, for the codes the spec lists), with `code`, `comment` and `logId`; codes
 * marked retryable are retried. The node's next offset drives paging. Dispatched to from envelope.ts.
 */
import type { Contribution, JsonValue } from "./convention.js";
import type { JsonPointer, ProblemCollector } from "../spec-error.js";
import { type NamedCodeEntry, parseCodeTable } from "./dialect/code-table.js";
import { ConfigReader } from "./read-config.js";

export interface ResponseCodeEnvelopeConventionConfig {
  readonly type: "response-code";
  readonly node: string;
  readonly codeField: string;
  readonly commentField: string;
  readonly logIdField: string;
  readonly successCode: string;
  readonly nextOffsetField: string | undefined;
  readonly offsetField: string | undefined;
  readonly errorClass: string | undefined;
  readonly codes: readonly NamedCodeEntry[];
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
  return { type: "response-code", node: responseNode, codeField, commentField, logIdField, successCode, nextOffsetField, offsetField, errorClass, codes };
}

export function applyResponseCodeEnvelope(config: ResponseCodeEnvelopeConventionConfig, facts: Contribution): void {
  facts.modules.add("response-code-envelope");
  const pluginConfig: Record<string, JsonValue> = {
    node: config.node,
    codeField: config.codeField,
    commentField: config.commentField,
    logIdField: config.logIdField,
    successCode: config.successCode,
    codes: Object.fromEntries(config.codes.map((c) => [c.code, c.retryable ? { name: c.name, retryable: true } : { name: c.name }])),
  };
  if (config.nextOffsetField !== undefined) pluginConfig["nextOffsetField"] = config.nextOffsetField;
  if (config.offsetField !== undefined) pluginConfig["offsetField"] = config.offsetField;
  facts.plugins.push({ module: "response-code-envelope", exportName: "responseCodeEnvelope", config: pluginConfig, takesOptions: false });
  facts.errorBase = { module: "response-code-envelope", exportName: "ResponseCodeError" };
  facts.claimedAt.set("errorBase", ["type"]);
  if (config.errorClass !== undefined) {
    facts.errorClassName = config.errorClass;
    facts.claimedAt.set("errorClassName", ["error-class"]);
  }
  for (const { retryable: _, ...fact } of config.codes) facts.errorCodes.push(fact);

  const { node: n, codeField: code, commentField: comment, logIdField: logId } = config;
  const lastPage = config.offsetField === undefined ? "" : ` A page whose node has \`${config.offsetField}\` but no \`${config.nextOffsetField}\` is the last.`;
  const paging = config.nextOffsetField === undefined ? "" : ` The node's \`${config.nextOffsetField}\` is the offset of the next page; list methods follow it rather than counting items.${lastPage}`;
  facts.notes.push({
    title: "Responses",
    text: `Every body is wrapped in an element named after the resource, holding a \`${n}\` node beside the payload: \`{"items": {"${n}": {"${code}": 0, "${comment}": "", "${logId}": "…"}, "items": […]}}\` (the same in XML). Methods resolve to the payload; the node's \`${logId}\` is in \`withResponse()\`'s \`response.meta.logId\`.${paging}`,
  });
  const retryable = config.codes.filter((c) => c.retryable).map((c) => `\`${c.code}\``);
  const provider = config.errorClass === undefined ? "the provider's error class" : `\`${config.errorClass}\``;
  facts.notes.push({
    title: "Errors",
    text: `\`${code}\` ${config.successCode} is success. Any other code is an error even under HTTP 200: ${provider} with \`code\` (e.g. \`"001"\`), \`comment\` and \`logId\` (also \`requestId\`). Each documented code has its own subclass (see the table below); an undocumented code is still ${provider}.${retryable.length > 0 ? ` Code${retryable.length > 1 ? "s" : ""} ${retryable.join(", ")} ${retryable.length > 1 ? "mean" : "means"} "try again later" and ${retryable.length > 1 ? "are" : "is"} retried like an HTTP 503 (GET, PUT, DELETE; \`retryable\` is true on the error).` : ""}`,
  });
}
