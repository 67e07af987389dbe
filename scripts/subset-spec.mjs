#!/usr/bin/env node
/**
 * Cuts a large OpenAPI 3.x or Swagger 2.0 document down to a few operations, for writing a
 * provider's spec from its own published document:
 *
 *   node scripts/subset-spec.mjs <input.yaml|json> <output.yaml|json> <operation>...
 *   npm run subset-spec -- square-api.json /tmp/square.yaml ListPayments "GET /v2/locations"
 *
 * An operation is named by its `operationId` or as `METHOD /path` (one argument, quoted; the
 * method in any case, the path exactly as the document writes it). The output keeps:
 *
 * - the chosen operations, in the document's path order, with their path item's own fields
 *   (`parameters`, `servers`, `summary`, …);
 * - every component they reference, transitively — `$ref`s anywhere in an operation or a kept
 *   component (inside `allOf`/`oneOf`/`anyOf`/`items`/`additionalProperties`/`properties`/…) and
 *   `discriminator.mapping` targets — of every kind: schemas, parameters, responses,
 *   requestBodies, headers, examples, links, callbacks (Swagger 2.0: `definitions`,
 *   `parameters`, `responses`);
 * - the security schemes named by the document's or the operations' `security` requirements;
 * - the `tags` the kept operations use; every other top-level field (`info`, `servers`,
 *   `host`, `basePath`, `security`, `x-…`) as it is, except `webhooks`/`x-webhooks`, which are
 *   dropped.
 *
 * Names, schemas and key order are the document's own (the document is read into `Map`s, so even
 * keys like `"200"` keep their place); nothing is renamed or rewritten, and the same input always
 * gives the same bytes. The output format follows the output file's extension (`.json`, else
 * YAML). A `$ref` whose component the document lacks (or that names no component, e.g. a remote
 * reference) is kept as it is and reported on stderr, so the output needs a repair before it
 * validates; an operation not in the document is an error (exit 2).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parse, stringify } from "yaml";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Component kinds a `$ref` can name: OpenAPI 3 under `components`, Swagger 2.0 at the top. */
const OAS3_KINDS = ["schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links", "callbacks", "pathItems"];
const SWAGGER2_KINDS = ["definitions", "parameters", "responses", "securityDefinitions"];

/**
 * Reads YAML or JSON (JSON is YAML 1.2) into nested `Map`s and arrays, keeping every key's order.
 * @param {string} text
 * @returns {Map<string, unknown>}
 */
export function readDocument(text) {
  const value = parse(text, { mapAsMap: true, uniqueKeys: true, maxAliasCount: 0 });
  if (!(value instanceof Map)) throw new Error("the document is not a mapping");
  return value;
}

/**
 * The document as YAML (block style, no line folding, no anchors) or as JSON (two-space indent).
 * @param {Map<string, unknown>} document
 * @param {"yaml" | "json"} format
 * @returns {string}
 */
export function writeDocument(document, format) {
  if (format === "json") return `${toJson(document, "")}\n`;
  return stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** JSON text of Maps in their insertion order (an object would move integer-like keys first). */
function toJson(value, indent) {
  const inner = `${indent}  `;
  if (value instanceof Map) {
    if (value.size === 0) return "{}";
    const entries = [...value].map(([key, item]) => `${inner}${JSON.stringify(String(key))}: ${toJson(item, inner)}`);
    return `{\n${entries.join(",\n")}\n${indent}}`;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => `${inner}${toJson(item, inner)}`).join(",\n")}\n${indent}]`;
  }
  return JSON.stringify(value);
}

/**
 * The subset of `document` with `operations` (operationIds or `METHOD /path`) and everything they
 * reference. `dangling` lists, once each, the `$ref`s not resolved to a component of the document.
 * @param {Map<string, unknown>} document
 * @param {readonly string[]} operations
 * @returns {{ document: Map<string, unknown>, dangling: string[] }}
 */
export function subsetSpec(document, operations) {
  const swagger2 = document.has("swagger");
  const paths = asMap(document.get("paths"));
  const wanted = findOperations(paths, operations);

  /** kind → names kept; a Set keeps the order they were met, but output follows the document. */
  const kept = new Map();
  const dangling = new Set();
  const queue = [];
  const keep = (kind, name) => {
    if (!kept.has(kind)) kept.set(kind, new Set());
    const names = kept.get(kind);
    if (names.has(name)) return;
    const target = entryNamed(componentsOf(document, kind, swagger2), name);
    if (target === undefined) return void dangling.add(refTo(kind, name, swagger2));
    names.add(name);
    queue.push(target);
  };
  const follow = (value) => walkRefs(value, (ref) => {
    const target = parseRef(ref, swagger2);
    if (target === undefined) dangling.add(ref);
    else keep(target.kind, target.name);
  });

  const outPaths = new Map();
  const usedTags = new Set();
  const securityNames = new Set();
  for (const [path, item] of paths) {
    const methods = wanted.get(path);
    if (methods === undefined) continue;
    const outItem = new Map();
    for (const [key, value] of asMap(item)) {
      const isMethod = METHODS.includes(key);
      if (isMethod && !methods.has(key)) continue;
      outItem.set(key, value);
      follow(value);
      if (!isMethod) continue;
      for (const tag of asMap(value).get("tags") ?? []) usedTags.add(tag);
      for (const requirement of asMap(value).get("security") ?? []) for (const name of asMap(requirement).keys()) securityNames.add(name);
    }
    outPaths.set(path, outItem);
  }
  for (const requirement of document.get("security") ?? []) for (const name of asMap(requirement).keys()) securityNames.add(name);
  for (const name of securityNames) keep(swagger2 ? "securityDefinitions" : "securitySchemes", name);
  while (queue.length > 0) follow(queue.shift());

  const out = new Map();
  for (const [key, value] of document) {
    if (key === "paths") out.set(key, outPaths);
    else if (key === "webhooks" || key === "x-webhooks") continue;
    else if (key === "tags") {
      const tags = value.filter((tag) => usedTags.has(asMap(tag).get("name")));
      if (tags.length > 0) out.set(key, tags);
    } else if (key === "components" && !swagger2) {
      const components = new Map();
      for (const [kind, entries] of asMap(value)) {
        if (!OAS3_KINDS.includes(kind)) {
          components.set(kind, entries);
          continue;
        }
        const names = kept.get(kind);
        const chosen = new Map([...asMap(entries)].filter(([name]) => names?.has(String(name))));
        if (chosen.size > 0) components.set(kind, chosen);
      }
      if (components.size > 0) out.set(key, components);
    } else if (swagger2 && SWAGGER2_KINDS.includes(key)) {
      const names = kept.get(key);
      const chosen = new Map([...asMap(value)].filter(([name]) => names?.has(String(name))));
      if (chosen.size > 0) out.set(key, chosen);
    } else out.set(key, value);
  }
  return { document: out, dangling: [...dangling].sort() };
}

/** path → set of lower-case methods, for every requested operation; throws naming any not found. */
function findOperations(paths, operations) {
  const wanted = new Map();
  const missing = [];
  for (const spec of operations) {
    const byRoute = /^([A-Za-z]+)\s+(\/\S*)$/.exec(spec.trim());
    let found = false;
    for (const [path, item] of paths) {
      for (const [method, operation] of asMap(item)) {
        if (!METHODS.includes(method)) continue;
        const matches = byRoute === null ? asMap(operation).get("operationId") === spec : byRoute[1].toLowerCase() === method && byRoute[2] === path;
        if (!matches) continue;
        if (!wanted.has(path)) wanted.set(path, new Set());
        wanted.get(path).add(method);
        found = true;
      }
    }
    if (!found) missing.push(spec);
  }
  if (missing.length > 0) throw new Error(`not in the document: ${missing.join(", ")}`);
  return wanted;
}

/** Calls `visit` with every `$ref` string and every `discriminator.mapping` target under `value`. */
function walkRefs(value, visit) {
  if (Array.isArray(value)) {
    for (const item of value) walkRefs(item, visit);
    return;
  }
  if (!(value instanceof Map)) return;
  const ref = value.get("$ref");
  if (typeof ref === "string") visit(ref);
  const mapping = asMap(asMap(value.get("discriminator")).get("mapping"));
  for (const target of mapping.values()) {
    if (typeof target === "string") visit(target.startsWith("#") ? target : `#/components/schemas/${target}`);
  }
  for (const [key, item] of value) {
    // `example` values (and a 3.1 schema's `examples` list) are data: a `$ref` in them is text,
    // e.g. Square's custom-attribute examples, which show JSON Schemas. An `examples` map holds
    // Example Objects, which may themselves be `$ref`s to components.
    if (key === "example" || key === "x-example" || (key === "examples" && !(item instanceof Map))) continue;
    if (key === "examples") {
      for (const example of item.values()) {
        const exampleRef = asMap(example).get("$ref");
        if (typeof exampleRef === "string" && exampleRef.startsWith("#/components/examples/")) visit(exampleRef);
      }
      continue;
    }
    walkRefs(item, visit);
  }
}

/** `{kind, name}` of a local component `$ref`, or undefined for any other reference. */
function parseRef(ref, swagger2) {
  const pattern = swagger2 ? /^#\/(definitions|parameters|responses)\/([^/]+)$/ : /^#\/components\/([^/]+)\/([^/]+)$/;
  const match = pattern.exec(ref);
  if (match === null) return undefined;
  return { kind: match[1], name: decodeURIComponent(match[2]).replaceAll("~1", "/").replaceAll("~0", "~") };
}

function refTo(kind, name, swagger2) {
  const segment = name.replaceAll("~", "~0").replaceAll("/", "~1");
  return swagger2 ? `#/${kind}/${segment}` : `#/components/${kind}/${segment}`;
}

function componentsOf(document, kind, swagger2) {
  return swagger2 ? asMap(document.get(kind)) : asMap(asMap(document.get("components")).get(kind));
}

/** A Map's value under `name`; YAML may have read a key such as `400` as a number. */
function entryNamed(map, name) {
  if (map.has(name)) return map.get(name);
  for (const [key, value] of map) if (String(key) === name) return value;
  return undefined;
}

function asMap(value) {
  return value instanceof Map ? value : new Map();
}

function main(argv) {
  const [input, output, ...operations] = argv;
  if (input === undefined || output === undefined || operations.length === 0) {
    process.stderr.write("usage: node scripts/subset-spec.mjs <input.yaml|json> <output.yaml|json> <operationId | \"METHOD /path\">...\n");
    return 2;
  }
  let result;
  try {
    result = subsetSpec(readDocument(readFileSync(input, "utf8")), operations);
  } catch (error) {
    process.stderr.write(`${input}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  for (const ref of result.dangling) process.stderr.write(`${input}: warning: $ref ${ref} names no component of the document; repair it in ${output}\n`);
  writeFileSync(output, writeDocument(result.document, output.endsWith(".json") ? "json" : "yaml"));
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exitCode = main(process.argv.slice(2));
