/**
 * `x-conventions.auth`: how credentials travel.
 * - `basic`: `Authorization: Basic base64(username:password)` from two client options.
 * - `header`: one option sent in a header after a literal `prefix`, raw or base64-encoded
 *   (`Basic sk_prod_…` raw, `OAuth2 base64(token)`, `Bearer …`); `environment-prefixes` lets the
 *   client tell a sandbox credential from a production one and refuse a mismatch; `scheme-option`
 *   names a client option that replaces the prefix's scheme word (`Token`, or "" for none).
 * Either type may list `replaces-params`: query and header parameters the operations declare for
 * the credential (Slack's `token`), which the client's credential stands in for, so methods drop them.
 */
import type { ClientOptionFact, Convention, Facts } from "./convention.js";
import { ConfigReader, type Mapping } from "./read-config.js";
import type { JsonPointer } from "../spec-error.js";
import { isHttpToken } from "../validate/http-token.js";

type AuthConfig = (
  | { readonly type: "basic"; readonly username: OptionSpec; readonly password: OptionSpec }
  | {
      readonly type: "header";
      readonly header: string;
      readonly prefix: string;
      readonly encoding: "none" | "base64";
      readonly credential: OptionSpec;
      readonly environmentPrefixes: Record<string, string> | undefined;
      /** Client option that replaces the scheme word of `prefix` (`Bearer` → `Token`, or "" for none). */
      readonly schemeOption: string | undefined;
    }
) & {
  /** Query and header parameters the credential stands in for: removed from every method's `params`. */
  readonly replacesParams: readonly string[];
};

interface OptionSpec {
  readonly option: string;
  readonly description: string;
}

const STRING = { kind: "primitive", type: "string" } as const;

function credentialOption(spec: OptionSpec): ClientOptionFact {
  return { name: spec.option, type: STRING, required: true, description: spec.description };
}

export const authConvention: Convention<AuthConfig> = {
  key: "auth",
  summary: "credentials: `type: basic` (username/password options) or `type: header` (prefix, encoding, environment-prefixes)",
  parse(value, at, problems) {
    const read = new ConfigReader(problems, "auth");
    const readOption = (parent: Mapping, key: string): OptionSpec | undefined => {
      const where: JsonPointer = [...at, key];
      const node = read.mapping(parent[key], where, ["option", "description"]);
      if (node === undefined) return undefined;
      const option = read.optionName(node, "option", where);
      const description = read.string(node, "description", where, "");
      return option === undefined ? undefined : { option, description: description ?? "" };
    };
    const head = read.mapping(value, at, ["type", "username", "password", "header", "prefix", "encoding", "option", "description", "environment-prefixes", "scheme-option", "replaces-params"]);
    if (head === undefined) return undefined;
    const replacesParams = read.stringList(head, "replaces-params", at) ?? [];
    const type = read.oneOf(head, "type", at, ["basic", "header"] as const);
    if (type === "basic") {
      for (const key of ["header", "prefix", "encoding", "option", "description", "environment-prefixes", "scheme-option"]) {
        if (head[key] !== undefined) problems.addAtKey([...at, key], `auth: "${key}" belongs to type: header, not type: basic`);
      }
      const username = readOption(head, "username");
      const password = readOption(head, "password");
      return username && password ? { type, username, password, replacesParams } : undefined;
    }
    if (type === "header") {
      for (const key of ["username", "password"]) {
        if (head[key] !== undefined) problems.addAtKey([...at, key], `auth: "${key}" belongs to type: basic, not type: header`);
      }
      const header = read.string(head, "header", at, "Authorization");
      const prefix = read.string(head, "prefix", at, "") ?? "";
      const encoding = read.oneOf(head, "encoding", at, ["none", "base64"] as const, "none");
      const option = read.optionName(head, "option", at);
      const description = read.string(head, "description", at, "") ?? "";
      const environmentPrefixes = read.stringMap(head, "environment-prefixes", at, false);
      const schemeOption = head["scheme-option"] === undefined ? undefined : read.optionName(head, "scheme-option", at);
      if (header === undefined || encoding === undefined || option === undefined) return undefined;
      if (schemeOption !== undefined && !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+ $/.test(prefix)) {
        problems.add([...at, head["prefix"] === undefined ? "scheme-option" : "prefix"], 'auth: scheme-option needs prefix to be a scheme word and one space, e.g. "Bearer "');
        return undefined;
      }
      if (!isHttpToken(header)) {
        problems.add([...at, "header"], `auth: "${header}" is not a valid HTTP header name`);
        return undefined;
      }
      if (/[\r\n\0]/.test(prefix)) {
        problems.add([...at, "prefix"], "auth: prefix must not contain line breaks or NUL");
        return undefined;
      }
      return { type, header, prefix, encoding, credential: { option, description }, environmentPrefixes, schemeOption, replacesParams };
    }
    return undefined;
  },
  apply(config, _ir, facts: Facts) {
    for (const name of config.replacesParams) facts.credentialParams.add(name);
    const replacedNote =
      config.replacesParams.length === 0
        ? ""
        : ` The client's credential stands in for the ${config.replacesParams.map((n) => `\`${n}\``).join(", ")} parameter${config.replacesParams.length === 1 ? "" : "s"} the operations declare, so methods do not ask for ${config.replacesParams.length === 1 ? "it" : "them"}.`;
    if (config.type === "basic") {
      facts.options.push(credentialOption(config.username), credentialOption(config.password));
      facts.modules.add("auth-basic");
      facts.plugins.push({
        module: "auth-basic",
        exportName: "basicAuth",
        config: { usernameOption: config.username.option, passwordOption: config.password.option },
        takesOptions: true,
      });
      facts.notes.push({
        title: "Authentication",
        text: `HTTP Basic: \`${config.username.option}\` is the user name and \`${config.password.option}\` the password, sent as \`Authorization: Basic base64(${config.username.option}:${config.password.option})\`.${replacedNote}`,
      });
      return;
    }
    facts.options.push(credentialOption(config.credential));
    const scheme = config.prefix.trim();
    if (config.schemeOption !== undefined) {
      facts.options.push({
        name: config.schemeOption,
        type: STRING,
        required: false,
        description: `The scheme word before the credential in \`${config.header}\` (default \`${scheme}\`), e.g. \`Token\`; "" sends the credential alone.`,
      });
    }
    facts.modules.add("auth-header");
    const pluginConfig: Record<string, string> = { option: config.credential.option, header: config.header, prefix: config.prefix, encoding: config.encoding };
    if (config.schemeOption !== undefined) pluginConfig["schemeOption"] = config.schemeOption;
    facts.plugins.push({ module: "auth-header", exportName: "headerAuth", config: pluginConfig, takesOptions: true });
    const shown = config.encoding === "base64" ? `base64(${config.credential.option})` : config.credential.option;
    let text = `Every request carries \`${config.header}: ${config.prefix}<${shown}>\``;
    text += config.encoding === "none" ? " (the credential as given, not encoded)." : ".";
    if (config.schemeOption !== undefined) {
      text += ` \`${config.schemeOption}\` replaces the scheme word \`${scheme}\` (\`${config.schemeOption}: "Token"\` sends \`Token <${shown}>\`; \`""\` sends the credential alone).`;
    }
    if (config.environmentPrefixes !== undefined) {
      // The spec writes `environment: prefix`; the runtime looks a credential's prefix up, so it
      // wants `prefix: environment`.
      const byPrefix = Object.fromEntries(Object.entries(config.environmentPrefixes).map(([env, p]) => [p, env]));
      facts.environmentInference = { option: config.credential.option, prefixes: byPrefix };
      const list = Object.entries(config.environmentPrefixes).map(([env, p]) => `\`${p}\` → ${env}`).join(", ");
      text += ` The credential's prefix names its environment (${list}); the client infers \`environment\` from it and refuses, before any request, a credential whose prefix contradicts the \`environment\` asked for.`;
    }
    facts.notes.push({ title: "Authentication", text: text + replacedNote });
  },
};
