/**
 * `x-conventions.environments`: named hosts (sandbox, production, …) the caller picks with the
 * `environment` option; `baseUrl` still overrides. Without this convention the spec's first
 * server is the only environment.
 */
import type { Convention } from "./convention.js";
import { ConfigReader } from "./read-config.js";

interface EnvironmentsConfig {
  readonly urls: Record<string, string>;
  readonly default: string;
}

export const environmentsConvention: Convention<EnvironmentsConfig> = {
  key: "environments",
  summary: "named base URLs (`urls`) and the `default` one; adds the `environment` client option",
  parse(value, at, problems) {
    const read = new ConfigReader(problems, "environments");
    const node = read.mapping(value, at, ["urls", "default"]);
    if (node === undefined) return undefined;
    const urls = read.stringMap(node, "urls", at, true);
    const fallback = read.string(node, "default", at);
    if (urls === undefined || fallback === undefined) return undefined;
    let ok = true;
    for (const [name, url] of Object.entries(urls)) {
      if (!/^[a-z][a-z0-9-]*$/.test(name)) {
        problems.addAtKey([...at, "urls", name], `environments: name "${name}" must be lower-case letters, digits and dashes`);
        ok = false;
      }
      if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
        problems.add([...at, "urls", name], `environments: "${url}" is not an absolute http(s) URL`);
        ok = false;
      }
    }
    if (!(fallback in urls)) {
      problems.add([...at, "default"], `environments: default "${fallback}" is not one of ${Object.keys(urls).join(", ")}`);
      ok = false;
    }
    return ok ? { urls, default: fallback } : undefined;
  },
  apply(config, _ir, facts) {
    facts.environments = { urls: config.urls, default: config.default };
    facts.options.push({
      name: "environment",
      type: { kind: "literal", values: Object.keys(config.urls) },
      required: false,
      description: `Which host to call (default \`${config.default}\`).`,
    });
    const list = Object.entries(config.urls).map(([name, url]) => `\`${name}\` (${url})`).join(", ");
    facts.notes.push({ title: "Environments", text: `Pick a host with \`environment\`: ${list}; the default is \`${config.default}\`. \`baseUrl\` overrides the host.` });
  },
};
