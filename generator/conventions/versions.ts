/**
 * `x-conventions.versions`: an API that versions its routes (`/v1/customers`, `/v2/customers`)
 * gets one namespace per version on a single client (`client.v1.customers`,
 * `client.v2.customers`), sharing credentials, transport and rate-limit state.
 * - `path-prefix`: an operation belongs to the version whose prefix starts its path.
 * The plan names each version's resources after the version (`V1Customers`), so the versions'
 * classes and parameter types never collide; operations outside every prefix stay on the client.
 */
import type { Convention, NamespaceFact } from "./convention.js";
import { operationKey } from "./convention.js";
import { ConfigReader, isMapping } from "./read-config.js";

interface VersionSpec {
  readonly prefix: string;
  readonly namespace: string;
  readonly description: string;
}

interface VersionsConfig {
  readonly type: "path-prefix";
  readonly versions: readonly VersionSpec[];
}

/** One or more path segments of unreserved characters: `v1`, `api/v2`, `2024-01-01`. */
const PREFIX = /^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/;
const NAMESPACE = /^[a-z][A-Za-z0-9]*$/;

/** `v1` → `v1`, `api/v2` → `v2`, `beta-2` → `beta2`: the last segment, camelCased. */
function defaultNamespace(prefix: string): string {
  const last = prefix.split("/").pop() ?? "";
  const parts = last.split(/[^A-Za-z0-9]+/).filter((p) => p !== "");
  return parts.map((p, i) => (i === 0 ? p.toLowerCase() : p[0]!.toUpperCase() + p.slice(1).toLowerCase())).join("");
}

export function inPrefix(path: string, prefix: string): boolean {
  return path === `/${prefix}` || path.startsWith(`/${prefix}/`);
}

export const versionsConvention: Convention<VersionsConfig> = {
  key: "versions",
  summary: "route versions as client namespaces: `type: path-prefix`, `prefixes` (a name each, or `prefix`, `namespace`, `description`)",
  parse(value, at, problems) {
    const read = new ConfigReader(problems, "versions");
    const node = read.mapping(value, at, ["type", "prefixes"]);
    if (node === undefined) return undefined;
    const type = read.oneOf(node, "type", at, ["path-prefix"] as const, "path-prefix");
    const list = node["prefixes"];
    if (!Array.isArray(list) || list.length === 0) {
      problems.add(list === undefined ? at : [...at, "prefixes"], 'versions: "prefixes" must be a non-empty list, e.g. [v1, v2]');
      return undefined;
    }
    const versions: VersionSpec[] = [];
    const seenPrefixes = new Set<string>();
    const seenNamespaces = new Set<string>();
    for (const [index, entry] of list.entries()) {
      const where = [...at, "prefixes", index];
      let prefix: string | undefined;
      let namespace: string | undefined;
      let description = "";
      if (typeof entry === "string") {
        prefix = entry;
      } else if (isMapping(entry)) {
        const item = read.mapping(entry, where, ["prefix", "namespace", "description"]);
        if (item === undefined) continue;
        prefix = read.string(item, "prefix", where);
        namespace = item["namespace"] === undefined ? undefined : read.optionName(item, "namespace", where);
        if (item["namespace"] !== undefined && namespace === undefined) continue;
        description = read.string(item, "description", where, "") ?? "";
      } else {
        problems.add(where, "versions: each prefix is a string (v1) or a mapping {prefix, namespace, description}");
        continue;
      }
      if (prefix === undefined) continue;
      // The seed of this convention wrote `v1/customers` and `/v2/customers`: slashes at the ends are noise.
      const trimmed = prefix.replace(/^\/+|\/+$/g, "");
      const prefixAt = typeof entry === "string" ? where : [...where, "prefix"];
      if (!PREFIX.test(trimmed)) {
        problems.add(prefixAt, `versions: prefix "${prefix}" must be one or more path segments of letters, digits, ".", "_", "~" and "-"`);
        continue;
      }
      const name = namespace ?? defaultNamespace(trimmed);
      if (!NAMESPACE.test(name)) {
        problems.add(prefixAt, `versions: prefix "${prefix}" makes no client property; give it one: {prefix: "${prefix}", namespace: v${index + 1}}`);
        continue;
      }
      if (seenPrefixes.has(trimmed)) problems.add(prefixAt, `versions: prefix "${trimmed}" is listed twice`);
      if (seenNamespaces.has(name)) problems.add(prefixAt, `versions: namespace "${name}" is used twice`);
      seenPrefixes.add(trimmed);
      seenNamespaces.add(name);
      versions.push({ prefix: trimmed, namespace: name, description });
    }
    if (type === undefined || versions.length !== list.length) return undefined;
    return { type, versions };
  },
  apply(config, ir, facts) {
    // Longest prefix first, so `api/v2` wins over `api` for `/api/v2/x`.
    const byLength = [...config.versions].sort((a, b) => b.prefix.length - a.prefix.length);
    const members = new Map<string, string[]>(config.versions.map((v) => [v.namespace, []]));
    for (const op of ir.operations) {
      const version = byLength.find((v) => inPrefix(op.path, v.prefix));
      if (version !== undefined) members.get(version.namespace)?.push(operationKey(op.method, op.path));
    }
    for (const version of config.versions) {
      const operations = members.get(version.namespace) ?? [];
      const fact: NamespaceFact = {
        property: version.namespace,
        prefix: version.prefix,
        description: version.description || `Version \`${version.prefix}\` of the API: the \`/${version.prefix}/…\` routes.`,
        operations,
      };
      facts.namespaces.push(fact);
    }
    const list = config.versions.map((v) => `\`/${v.prefix}/…\` → \`client.${v.namespace}\``).join(", ");
    facts.notes.push({
      title: "Route versions",
      text: `The API versions its routes; each version is a namespace of one client (${list}), so versions can be used side by side with one set of credentials, one transport and one rate-limit state. A version's resource classes and parameter types start with its name (\`${pascal(config.versions[0]?.namespace ?? "v1")}<Resource>\`), so versions never collide; its models are the spec's own per-version schemas.`,
    });
  },
};

function pascal(name: string): string {
  return name === "" ? name : name[0]!.toUpperCase() + name.slice(1);
}
