/**
 * `x-conventions.headers`: headers the client supplies so that methods never ask for them.
 * - `constant`: sent on every call (e.g. a dated API `version`); a constant `Accept` replaces the
 *   client's default `application/json` (a vendor media type), the caller's own still wins.
 * - `from-options`: taken from a client option and sent only on the operations in scope
 *   (those with one of `tags`, or, without `tags`, those that declare the header); a call in
 *   scope without the option fails before sending when `required` is true.
 */
import type { Convention } from "./convention.js";
import { operationKey } from "./convention.js";
import { ConfigReader, isMapping } from "./read-config.js";
import { isHttpToken } from "../validate/http-token.js";

interface OptionHeader {
  readonly header: string;
  readonly option: string;
  readonly required: boolean;
  readonly tags: readonly string[] | undefined;
  readonly description: string;
}

interface HeadersConfig {
  readonly constant: Record<string, string>;
  readonly fromOptions: readonly OptionHeader[];
}

export const headersConvention: Convention<HeadersConfig> = {
  key: "headers",
  summary: "`constant` headers on every call; `from-options` headers scoped to tagged operations",
  parse(value, at, problems) {
    const read = new ConfigReader(problems, "headers");
    const node = read.mapping(value, at, ["constant", "from-options"]);
    if (node === undefined) return undefined;
    const constant = read.stringMap(node, "constant", at, false) ?? {};
    const seen = new Map<string, string>();
    for (const [name, headerValue] of Object.entries(constant)) {
      // Header names have no case: two spellings would be one header, the second silently winning.
      const earlier = seen.get(name.toLowerCase());
      if (earlier !== undefined) problems.addAtKey([...at, "constant", name], `headers: "${name}" and "${earlier}" are the same header (names have no case); keep one`);
      seen.set(name.toLowerCase(), name);
      if (!isHttpToken(name)) problems.addAtKey([...at, "constant", name], `headers: "${name}" is not a valid HTTP header name`);
      if (/[\r\n\0]/.test(headerValue)) problems.add([...at, "constant", name], "headers: a header value must not contain line breaks or NUL");
    }
    const fromOptions: OptionHeader[] = [];
    const list = node["from-options"];
    if (list !== undefined && !Array.isArray(list)) problems.add([...at, "from-options"], "headers: from-options must be a list");
    for (const [index, entry] of (Array.isArray(list) ? list : []).entries()) {
      const where = [...at, "from-options", index];
      const item = read.mapping(entry, where, ["header", "option", "required", "tags", "description"]);
      if (item === undefined || !isMapping(item)) continue;
      const header = read.string(item, "header", where);
      const option = read.optionName(item, "option", where);
      if (header !== undefined && !isHttpToken(header)) problems.add([...where, "header"], `headers: "${header}" is not a valid HTTP header name`);
      if (header === undefined || option === undefined) continue;
      fromOptions.push({
        header,
        option,
        required: read.boolean(item, "required", where, true),
        tags: read.stringList(item, "tags", where),
        description: read.string(item, "description", where, "") ?? "",
      });
    }
    return { constant, fromOptions };
  },
  apply(config, ir, facts) {
    if (Object.keys(config.constant).length > 0) {
      facts.modules.add("headers");
      facts.plugins.push({ module: "headers", exportName: "constantHeaders", config: { headers: config.constant }, takesOptions: false });
      for (const name of Object.keys(config.constant)) facts.suppliedHeaders.add(name.toLowerCase());
      const list = Object.entries(config.constant).map(([name, v]) => `\`${name}: ${v}\``).join(", ");
      facts.notes.push({ title: "Headers on every call", text: `The client sends ${list} on every request; methods do not ask for ${Object.keys(config.constant).length > 1 ? "them" : "it"}.` });
    }
    if (config.fromOptions.length === 0) return;
    facts.modules.add("headers");
    const scopes = config.fromOptions.map((h) => ({ scope: h.option, header: h.header, option: h.option, required: h.required }));
    facts.plugins.push({ module: "headers", exportName: "scopedHeaders", config: { scopes }, takesOptions: true });
    for (const h of config.fromOptions) {
      facts.suppliedHeaders.add(h.header.toLowerCase());
      const inScope = ir.operations.filter((op) =>
        h.tags !== undefined
          ? op.tags.some((t) => h.tags?.includes(t))
          : op.parameters.some((p) => p.in === "header" && p.name.toLowerCase() === h.header.toLowerCase()),
      );
      for (const op of inScope) {
        const key = operationKey(op.method, op.path);
        facts.scopes.set(key, [...(facts.scopes.get(key) ?? []), h.option]);
      }
      facts.options.push({
        name: h.option,
        type: { kind: "primitive", type: "string" },
        required: false,
        description: `${h.description ? `${h.description} ` : ""}Sent as \`${h.header}\` on ${h.tags ? `the ${h.tags.join(" and ")} operations` : "the operations that need it"}${h.required ? "; those calls fail before sending without it" : ""}.`,
      });
      facts.notes.push({
        title: `The \`${h.header}\` header`,
        text: `Set \`${h.option}\` on the client. It is sent as \`${h.header}\` only on ${inScope.length} operation${inScope.length === 1 ? "" : "s"}${h.tags ? ` (${h.tags.join(", ")})` : ""}${h.required ? `; calling one of them without \`${h.option}\` throws \`RequestValidationError\` before anything is sent` : ""}.`,
      });
    }
  },
};
