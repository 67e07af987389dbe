#!/usr/bin/env node
/**
 * Merges two OpenAPI 3.x documents of one provider into one, for a spec that covers two of its
 * products (PayPal's Orders and Invoicing):
 *
 *   node scripts/merge-specs.mjs <first> <second> <output.yaml|json> <prefix>
 *   node scripts/merge-specs.mjs /tmp/orders.yaml /tmp/invoicing.yaml /tmp/paypal.yaml invoicing_
 *
 * The first document leads: its top-level fields (`openapi`, `info`, `servers`, `externalDocs`,
 * `x-…`) are kept, the second's paths and tags follow the first's, and its `security` entries
 * are added. Components are merged name by name:
 *
 * - the same name with the same content (descriptions included): one copy;
 * - the same name whose content differs only in `description`, `title`, `example` or
 *   `examples`: the first document's copy (the two mean the same thing to a generator);
 * - a security scheme of both: the first's, with the second's OAuth2 scopes added per flow;
 * - any other clash: the second document's component is renamed `<prefix><name>`, and every
 *   `$ref` to it inside the second document's paths and components is rewritten.
 *
 * The run prints one line per clash and what it did, for the output's provenance comment. Two
 * documents that share a path, or whose `servers` differ, are refused (exit 2).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { pathToFileURL } from "node:url";
import { readDocument, writeDocument } from "./subset-spec.mjs";

const TEXT_ONLY = new Set(["description", "title", "example", "examples"]);

/**
 * @param {Map<string, unknown>} first
 * @param {Map<string, unknown>} second
 * @param {string} prefix
 * @returns {{ document: Map<string, unknown>, report: string[] }}
 */
export function mergeSpecs(first, second, prefix) {
  if (!isDeepStrictEqual(plain(first.get("servers")), plain(second.get("servers")))) {
    throw new Error("the documents' servers differ; merge them by hand");
  }
  const report = [];
  const firstComponents = asMap(first.get("components"));
  const secondComponents = asMap(second.get("components"));

  /** `#/components/kind/name` → the second document's new ref, for each renamed component. */
  const renames = new Map();
  const merged = new Map([...firstComponents].map(([kind, entries]) => [kind, new Map(asMap(entries))]));
  const clashes = [];
  for (const [kind, entries] of secondComponents) {
    if (!merged.has(kind)) merged.set(kind, new Map());
    for (const [name, value] of asMap(entries)) if (merged.get(kind).has(name)) clashes.push({ kind, name, value });
  }
  // A component that refers to a renamed one differs too, so renaming runs until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const { kind, name, value } of clashes) {
      const ref = `#/components/${kind}/${name}`;
      if (renames.has(ref) || kind === "securitySchemes") continue;
      const existing = plain(merged.get(kind).get(name), TEXT_ONLY);
      if (isDeepStrictEqual(existing, plain(rewriteRefs(value, renames), TEXT_ONLY))) continue;
      renames.set(ref, `#/components/${kind}/${prefix}${name}`);
      changed = true;
    }
  }
  for (const { kind, name, value } of clashes) {
    const existing = merged.get(kind).get(name);
    if (renames.has(`#/components/${kind}/${name}`)) {
      report.push(`components/${kind}/${name}: differs; the second document's is ${prefix}${name}`);
    } else if (isDeepStrictEqual(plain(existing), plain(value))) {
      continue;
    } else if (kind === "securitySchemes") {
      merged.get(kind).set(name, withScopes(existing, value));
      report.push(`components/${kind}/${name}: one scheme, the second document's scopes added`);
    } else {
      report.push(`components/${kind}/${name}: same but for its text; the first document's kept`);
    }
  }
  for (const [kind, entries] of secondComponents) {
    const target = merged.get(kind);
    for (const [name, value] of asMap(entries)) {
      const rewritten = rewriteRefs(value, renames);
      if (renames.has(`#/components/${kind}/${name}`)) target.set(`${prefix}${name}`, rewritten);
      else if (!target.has(name)) target.set(name, rewritten);
    }
  }

  const paths = new Map(asMap(first.get("paths")));
  for (const [path, item] of asMap(second.get("paths"))) {
    if (paths.has(path)) throw new Error(`both documents have the path ${path}`);
    paths.set(path, rewriteRefs(item, renames));
  }

  const out = new Map();
  for (const [key, value] of first) {
    if (key === "paths") out.set(key, paths);
    else if (key === "components") out.set(key, merged);
    else if (key === "tags") out.set(key, [...(value ?? []), ...(second.get("tags") ?? [])]);
    else if (key === "security") out.set(key, unionBy([...(value ?? []), ...(second.get("security") ?? [])]));
    else out.set(key, value);
  }
  return { document: out, report };
}

/** The first scheme with the second's OAuth2 scopes added to each flow they share. */
function withScopes(first, second) {
  const out = structuredClone(first);
  for (const [flowName, flow] of asMap(asMap(out.get("flows")))) {
    const scopes = asMap(asMap(asMap(second.get("flows")).get(flowName)).get("scopes"));
    const own = asMap(flow).get("scopes");
    if (own instanceof Map) for (const [scope, text] of scopes) if (!own.has(scope)) own.set(scope, text);
  }
  return out;
}

function rewriteRefs(value, renames) {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, renames));
  if (!(value instanceof Map)) return value;
  return new Map([...value].map(([key, item]) => [key, key === "$ref" && renames.has(item) ? renames.get(item) : key === "example" ? item : rewriteRefs(item, renames)]));
}

function unionBy(entries) {
  const seen = [];
  for (const entry of entries) if (!seen.some((other) => isDeepStrictEqual(plain(other), plain(entry)))) seen.push(entry);
  return seen;
}

/** Maps as plain objects (for comparison), dropping the keys in `ignore` at every level. */
function plain(value, ignore = new Set()) {
  if (Array.isArray(value)) return value.map((item) => plain(item, ignore));
  if (!(value instanceof Map)) return value;
  return Object.fromEntries([...value].filter(([key]) => !ignore.has(key)).map(([key, item]) => [String(key), plain(item, ignore)]));
}

function asMap(value) {
  return value instanceof Map ? value : new Map();
}

function main(argv) {
  const [firstPath, secondPath, output, prefix] = argv;
  if (firstPath === undefined || secondPath === undefined || output === undefined || prefix === undefined) {
    process.stderr.write("usage: node scripts/merge-specs.mjs <first> <second> <output.yaml|json> <prefix>\n");
    return 2;
  }
  try {
    const read = (path) => readDocument(readFileSync(path, "utf8"));
    const { document, report } = mergeSpecs(read(firstPath), read(secondPath), prefix);
    writeFileSync(output, writeDocument(document, output.endsWith(".json") ? "json" : "yaml"));
    for (const line of report) process.stdout.write(`${line}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exitCode = main(process.argv.slice(2));
