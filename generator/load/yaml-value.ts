/**
 * Builds the plain JSON data model from a composed YAML document, enforcing on the way what a spec
 * may not use: aliases, merge keys, non-string keys, duplicate keys, reserved keys, values JSON
 * cannot hold, and excessive nesting. Written by hand instead of `doc.toJS()` so that no alias is
 * ever expanded (see below) and no key is ever assigned through a prototype setter.
 */

import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from "yaml";
import { MAX_DEPTH, RESERVED_KEYS, reservedKeyMessage, tooDeepMessage } from "./data-rules.js";
import type { LineIndex } from "./line-index.js";

export type ReportAt = (offset: number, message: string) => void;

interface Context {
  readonly lines: LineIndex;
  readonly report: ReportAt;
}

export function yamlToValue(root: Node | null, lines: LineIndex, report: ReportAt): unknown {
  return build(root, 0, { lines, report });
}

/**
 * The string a mapping key stands for. Keys are names in OpenAPI, so a plain key keeps its text as
 * written: `200:` is "200" and `1.10:` is "1.10", not the numbers YAML would make of them. Returns
 * undefined for keys that are not scalars.
 */
export function keyString(key: unknown): string | undefined {
  if (key === null || key === undefined) return "";
  if (!isScalar(key)) return undefined;
  const source = (key as { source?: unknown }).source;
  return typeof source === "string" ? source : String(key.value);
}

export function startOf(node: unknown): number {
  return (node as { range?: readonly number[] | null } | null)?.range?.[0] ?? 0;
}

function build(node: Node | null, depth: number, context: Context): unknown {
  const { report } = context;
  if (node === null) return null;
  if (isAlias(node)) {
    // Aliases are refused outright rather than expanded under a count limit: a spec has no need
    // for them ($ref is OpenAPI's way to share), refusing makes "billion laughs" fail at its first
    // alias with no expansion at all, and it keeps the data a tree, so every value has exactly one
    // source position. (The library's maxAliasCount guards only its own toJS(), never called here.)
    report(startOf(node), `YAML alias *${node.source} is not supported; write the value out or use a $ref`);
    return null;
  }
  if (isScalar(node)) return scalarValue(node.value, startOf(node), report);
  if (depth >= MAX_DEPTH) {
    report(startOf(node), tooDeepMessage());
    return null;
  }
  if (isSeq(node)) return node.items.map((item) => build(item as Node | null, depth + 1, context));
  if (isMap(node)) return buildMapping(node as YAMLMap<unknown, unknown>, depth, context);
  report(startOf(node), "unsupported YAML node");
  return null;
}

function scalarValue(value: unknown, offset: number, report: ReportAt): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    report(offset, `${String(value)} is not a JSON number; quote it if a string is meant`);
    return null;
  }
  // Unreachable with the core schema and known tags switched off; kept so that a future option
  // change cannot smuggle a Date or Uint8Array into the data model.
  report(offset, "this YAML value has no JSON equivalent");
  return null;
}

function buildMapping(map: YAMLMap<unknown, unknown>, depth: number, context: Context): Record<string, unknown> {
  const { report } = context;
  const result: Record<string, unknown> = {};
  for (const pair of map.items) {
    const keyNode = pair.key;
    const keyOffset = keyNode === null ? startOf(pair.value) : startOf(keyNode);
    const key = keyString(keyNode);
    if (key === undefined) {
      report(keyOffset, "mapping keys must be strings, not mappings or lists");
      continue;
    }
    if (isScalar(keyNode) && keyNode.type === "PLAIN" && key === "<<") {
      report(keyOffset, "YAML merge keys (<<) are not supported; write the keys out");
      continue;
    }
    if (RESERVED_KEYS.has(key)) {
      // Also what keeps the plain assignment below from ever touching a prototype.
      report(keyOffset, reservedKeyMessage(key));
      continue;
    }
    if (Object.hasOwn(result, key)) {
      report(keyOffset, `duplicate key "${key}"${firstDefinition(map, key, context.lines)}`);
      continue;
    }
    result[key] = build(pair.value as Node | null, depth + 1, context);
  }
  return result;
}

/** Searched for only when a duplicate turns up, so clean mappings pay nothing for it. */
function firstDefinition(map: YAMLMap<unknown, unknown>, key: string, lines: LineIndex): string {
  const first = map.items.find((pair: Pair<unknown, unknown>) => keyString(pair.key) === key);
  return first === undefined ? "" : ` (first defined on line ${lines.position(startOf(first.key)).line})`;
}
