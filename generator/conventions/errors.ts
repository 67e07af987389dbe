/**
 * `x-conventions.errors`: how error bodies are read and what the provider's error class is called.
 * - `problem-details`: RFC 7807 bodies (`type, title, status, detail, traceId, errors{field: [msg]}`).
 * - `code-message`: a machine code and a message under configurable keys.
 * - `text-fields`: a sentence plus fields named by index (`{body: {text, fields: {"9": …}}}`);
 *   see text-fields-errors.ts.
 * - `error-object`: `{error: {code, message, details}}`, keys configurable; see error-object-errors.ts.
 * Every package also gets one class per HTTP status, all extending the provider's class.
 */
import type { Convention } from "./convention.js";
import { ConfigReader, isMapping } from "./read-config.js";
import { type TextFieldsErrorsConfig, applyTextFieldsErrors, parseTextFieldsErrors } from "./text-fields-errors.js";
import { type ErrorObjectErrorsConfig, applyErrorObjectErrors, parseErrorObjectErrors } from "./error-object-errors.js";
import { isHttpToken } from "../validate/http-token.js";

type ErrorsConfig =
  | { readonly type: "problem-details"; readonly className: string | undefined }
  | { readonly type: "code-message"; readonly className: string | undefined; readonly codeField: string; readonly messageField: string; readonly requestIdHeader: string | undefined }
  | TextFieldsErrorsConfig
  | ErrorObjectErrorsConfig;

export const errorsConvention: Convention<ErrorsConfig> = {
  key: "errors",
  summary: "error bodies: `type: problem-details`, `type: code-message` (code-field, message-field), `type: text-fields` (body-field, text-field, fields-field, …) or `type: error-object` (error-field, code-field, message-field, details-field); `class` names the provider's error class",
  parse(value, at, problems) {
    if (isMapping(value) && value["type"] === "text-fields") return parseTextFieldsErrors(value, at, problems);
    if (isMapping(value) && value["type"] === "error-object") return parseErrorObjectErrors(value, at, problems);
    const read = new ConfigReader(problems, "errors");
    const node = read.mapping(value, at, ["type", "class", "code-field", "message-field", "request-id-header"]);
    if (node === undefined) return undefined;
    const type = read.oneOf(node, "type", at, ["problem-details", "code-message", "text-fields", "error-object"] as const);
    const className = read.errorClassName(node, "class", at, "JodoError");
    if (className === null) return undefined;
    if (type === "problem-details") {
      for (const key of ["code-field", "message-field", "request-id-header"]) {
        if (node[key] !== undefined) problems.addAtKey([...at, key], `errors: "${key}" belongs to type: code-message`);
      }
      return { type, className };
    }
    if (type === "code-message") {
      const codeField = read.string(node, "code-field", at, "code");
      const messageField = read.string(node, "message-field", at, "message");
      const requestIdHeader = read.optionalString(node, "request-id-header", at);
      if (requestIdHeader && !isHttpToken(requestIdHeader)) {
        problems.add([...at, "request-id-header"], `errors: "${requestIdHeader}" is not a valid HTTP header name`);
      }
      if (!codeField || !messageField) return undefined;
      return { type, className, codeField, messageField, requestIdHeader };
    }
    return undefined;
  },
  apply(config, _ir, facts) {
    if (config.type === "text-fields") return applyTextFieldsErrors(config, facts);
    if (config.type === "error-object") return applyErrorObjectErrors(config, facts);
    facts.errorClassName = config.className;
    if (config.type === "problem-details") {
      facts.modules.add("problem-details");
      facts.errorBase = { module: "problem-details", exportName: "ProblemDetailsError" };
      facts.plugins.push({ module: "problem-details", exportName: "problemDetails", config: null, takesOptions: false });
      facts.notes.push({
        title: "Errors",
        text: "Error responses are RFC 7807 problem details. Every error exposes `type`, `title`, `status`, `detail`, `traceId` and `errors` (field name → messages), in all the variants the API sends.",
      });
      return;
    }
    facts.modules.add("code-message-errors");
    const pluginConfig: Record<string, string> = { codeField: config.codeField, messageField: config.messageField };
    if (config.requestIdHeader !== undefined) pluginConfig["requestIdHeader"] = config.requestIdHeader;
    facts.plugins.push({ module: "code-message-errors", exportName: "codeMessageErrors", config: pluginConfig, takesOptions: false });
    facts.notes.push({
      title: "Errors",
      text: `Error responses carry a machine code in \`${config.codeField}\` and a message in \`${config.messageField}\`; every error exposes them as \`code\` and \`message\`, next to \`status\`, \`headers\` and the parsed \`body\`.`,
    });
  },
};
