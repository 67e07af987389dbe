/**
 * `x-conventions.paging`: how list operations page, so their methods return a `PagePromise`
 * (await it for the first page, `for await` it for every item). One mapping, or a list of them
 * when operations page differently. Types:
 * - `offset`: an item offset and a page size (`offset-param` + `limit-param`).
 * - `page`: a page number and a page size (`page-param` + `size-param`), `total-pages`.
 * - `cursor`: a cursor read from the body (`next-cursor`) or a header (`next-cursor-header`),
 *   sent back as a query parameter (`cursor-param`) or a request body field (`cursor-field`).
 * - `link`: the RFC 8288 `Link` header's `rel="next"` URL.
 * - `next-url`: a next-page URL in the body (`next-url`).
 * Every type: `items` (where the list is, when the response wraps it), `has-more`, `operations`,
 * `paged-method`. Body fields are field paths (dotted or JSON Pointer, see dialect/field-path.ts), checked
 * against the schemas of the operations in scope. In scope: the listed `operations`
 * (operationIds), or every operation that fits: a GET whose query has the parameters (a body
 * with the field, for `cursor-field`) and whose response holds a list where `items` says.
 */
import type { IRDocument, IROperation, IRParameter, IRType } from "../ir.js";
import type { JsonPointer, ProblemCollector } from "../spec-error.js";
import type { Convention, Facts, JsonValue } from "./convention.js";
import { operationKey } from "./convention.js";
import { listItemType, parseFieldPath, showFieldPath, typesAtPath } from "./dialect/field-path.js";
import { ConfigReader } from "./read-config.js";

const TYPES = ["offset", "page", "cursor", "link", "next-url"] as const;
type PagingType = (typeof TYPES)[number];

/** The keys each type takes besides `type`, `items`, `has-more`, `operations` and `paged-method`. */
const TYPE_KEYS: Readonly<Record<PagingType, readonly string[]>> = {
  offset: ["offset-param", "limit-param", "first"],
  page: ["page-param", "size-param", "first", "total-pages"],
  cursor: ["cursor-param", "cursor-field", "next-cursor", "next-cursor-header"],
  link: [],
  "next-url": ["next-url"],
};
const COMMON_KEYS = ["type", "items", "has-more", "operations", "paged-method"];
const ALL_KEYS = [...new Set([...COMMON_KEYS, ...Object.values(TYPE_KEYS).flat()])];

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** A body path as the spec wrote it, split, with its position for messages. */
interface FieldPath {
  readonly key: string;
  readonly text: string;
  readonly segments: readonly string[];
  readonly at: JsonPointer;
}

interface PagingEntry {
  readonly type: PagingType;
  readonly at: JsonPointer;
  /** The query parameter of the position: offset, page number or cursor. */
  readonly positionParam: string | undefined;
  readonly sizeParam: string | undefined;
  readonly cursorField: FieldPath | undefined;
  readonly first: number;
  /** Whether the spec wrote `first`: then the first request names the first page. */
  readonly firstWritten: boolean;
  readonly items: FieldPath | undefined;
  readonly next: FieldPath | undefined;
  readonly nextHeader: string | undefined;
  readonly hasMore: FieldPath | undefined;
  readonly totalPages: FieldPath | undefined;
  readonly operations: readonly string[] | undefined;
  readonly pagedMethod: string | undefined;
}

function parseEntry(value: unknown, at: JsonPointer, problems: ProblemCollector): PagingEntry | undefined {
  const read = new ConfigReader(problems, "paging");
  const node = read.mapping(value, at, ALL_KEYS);
  if (node === undefined) return undefined;
  const type = read.oneOf(node, "type", at, TYPES);
  if (type === undefined) return undefined;
  for (const key of ALL_KEYS) {
    if (node[key] !== undefined && !COMMON_KEYS.includes(key) && !TYPE_KEYS[type].includes(key)) {
      problems.addAtKey([...at, key], `paging: "${key}" does not belong to type: ${type}`);
    }
  }
  const before = problems.size;
  const path = (key: string): FieldPath | undefined => {
    const text = node[key] === undefined ? undefined : read.string(node, key, at);
    if (text === undefined || text === "") return undefined;
    const parsed = parseFieldPath(text);
    if (typeof parsed === "string") {
      problems.add([...at, key], `paging: "${key}": ${parsed}`);
      return undefined;
    }
    return { key, text, segments: parsed, at: [...at, key] };
  };
  const positionKey = type === "offset" ? "offset-param" : type === "page" ? "page-param" : type === "cursor" ? "cursor-param" : undefined;
  const sizeKey = type === "offset" ? "limit-param" : type === "page" ? "size-param" : undefined;
  const counted = type === "offset" || type === "page";
  const positionParam = positionKey === undefined || (!counted && node[positionKey] === undefined) ? undefined : read.string(node, positionKey, at);
  const sizeParam = sizeKey === undefined ? undefined : read.string(node, sizeKey, at);
  const cursorField = type === "cursor" ? path("cursor-field") : undefined;
  const next = type === "cursor" ? path("next-cursor") : type === "next-url" ? path("next-url") : undefined;
  const nextHeader = type === "cursor" && node["next-cursor-header"] !== undefined ? read.string(node, "next-cursor-header", at) : undefined;
  if (nextHeader !== undefined && nextHeader !== "" && !HEADER_NAME.test(nextHeader)) {
    problems.add([...at, "next-cursor-header"], `paging: "${nextHeader}" is not a valid HTTP header name`);
  }
  if (type === "cursor") {
    const one = (keys: readonly string[], what: string): void => {
      const given = keys.filter((k) => node[k] !== undefined);
      if (given.length === 0) problems.add(at, `paging: type: cursor needs ${keys.join(" or ")} (${what})`);
      if (given.length > 1) problems.addAtKey([...at, given[1] as string], `paging: "${given[0]}" and "${given[1]}" are alternatives; give one (${what})`);
    };
    one(["cursor-param", "cursor-field"], "where the cursor is sent");
    one(["next-cursor", "next-cursor-header"], "where the next cursor is read");
  }
  if (type === "next-url" && node["next-url"] === undefined) problems.add(at, 'paging: type: next-url needs "next-url" (the body field with the next page\'s URL)');
  const first = node["first"] ?? (type === "offset" ? 0 : 1);
  if (typeof first !== "number" || !Number.isInteger(first) || first < 0) {
    problems.add([...at, "first"], "paging: first must be a whole number, 0 or more");
  }
  const items = path("items");
  const hasMore = path("has-more");
  const totalPages = type === "page" ? path("total-pages") : undefined;
  const operations = read.stringList(node, "operations", at);
  const pagedMethod = node["paged-method"] === undefined ? undefined : read.optionName(node, "paged-method", at);
  if (problems.size > before || typeof first !== "number") return undefined;
  return { type, at, positionParam, sizeParam, cursorField, first, firstWritten: node["first"] !== undefined, items, next, nextHeader, hasMore, totalPages, operations, pagedMethod };
}

/** The operation's first typed 2xx response: what the paths into the response are checked against. */
function successType(op: IROperation): IRType | undefined {
  return op.responses.find((r) => /^2/.test(r.status) && r.type !== undefined)?.type;
}

function queryParam(op: IROperation, name: string | undefined): IRParameter | undefined {
  return name === undefined ? undefined : op.parameters.find((p) => p.in === "query" && p.name === name);
}

/**
 * Why `op` cannot be paged as `entry` says, or undefined when it can. Each reason names the spec
 * key it is about, so a listed operation's mismatch is reported where it was written.
 */
function mismatch(entry: PagingEntry, op: IROperation, ir: IRDocument): { readonly at: JsonPointer; readonly why: string } | undefined {
  for (const param of [entry.positionParam, entry.sizeParam]) {
    if (param !== undefined && queryParam(op, param) === undefined) {
      const key = param === entry.sizeParam ? (entry.type === "offset" ? "limit-param" : "size-param") : `${entry.type === "offset" ? "offset" : entry.type}-param`;
      return { at: [...entry.at, key], why: `has no query parameter "${param}"` };
    }
  }
  const response = successType(op);
  if (response === undefined) return { at: [...entry.at, "type"], why: "declares no success response to read a list from" };
  // A path below a free-form value is taken on trust (undefined), but holds no typed list.
  const list = entry.items === undefined ? [response] : (typesAtPath(response, entry.items.segments, ir) ?? []);
  if (entry.items !== undefined && typesAtPath(response, entry.items.segments, ir)?.length === 0) return { at: entry.items.at, why: `has no field at "${entry.items.text}" in its response` };
  if (listItemType(list, ir) === undefined) {
    return entry.items === undefined
      ? { at: [...entry.at, "type"], why: 'returns no list; say where it is with "items"' }
      : { at: entry.items.at, why: `has no list at "${entry.items.text}" in its response` };
  }
  for (const path of [entry.next, entry.hasMore, entry.totalPages]) {
    if (path !== undefined && typesAtPath(response, path.segments, ir)?.length === 0) return { at: path.at, why: `has no field at "${path.text}" in its response` };
  }
  if (entry.cursorField !== undefined) {
    const body = op.body?.type;
    if (body === undefined) return { at: entry.cursorField.at, why: "takes no request body to send the cursor in" };
    if (typesAtPath(body, entry.cursorField.segments, ir)?.length === 0) return { at: entry.cursorField.at, why: `has no field at "${entry.cursorField.text}" in its request body` };
  }
  return undefined;
}

/** What the runtime reads (`PagingConfig` in templates/runtime/types.ts) for one operation. */
function runtimeConfig(entry: PagingEntry, op: IROperation): JsonValue {
  const config: Record<string, JsonValue> = { type: entry.type };
  if (entry.positionParam !== undefined) config["cursorParam"] = entry.positionParam;
  if (entry.cursorField !== undefined) config["cursorField"] = entry.cursorField.segments;
  if (entry.sizeParam !== undefined) config["sizeParam"] = entry.sizeParam;
  if (entry.type === "offset" || entry.type === "page") {
    config["first"] = entry.first;
    if (entry.firstWritten) config["sendFirst"] = true;
    const size = queryParam(op, entry.sizeParam)?.default;
    if (typeof size === "number" && size > 0) config["defaultSize"] = size;
  }
  if (entry.items !== undefined) config["items"] = entry.items.segments;
  if (entry.next !== undefined) config["next"] = entry.next.segments;
  if (entry.nextHeader !== undefined) config["nextHeader"] = entry.nextHeader;
  if (entry.hasMore !== undefined) config["hasMore"] = entry.hasMore.segments;
  if (entry.totalPages !== undefined) config["totalPages"] = entry.totalPages.segments;
  return config;
}

function applyEntry(entry: PagingEntry, ir: IRDocument, facts: Facts, problems: ProblemCollector, claimed: Map<string, JsonPointer>): void {
  let inScope: IROperation[];
  if (entry.operations !== undefined) {
    inScope = [];
    entry.operations.forEach((id, i) => {
      const op = ir.operations.find((o) => o.operationId === id);
      if (op === undefined) problems.add([...entry.at, "operations", i], `paging: no operation has the operationId "${id}"`);
      else inScope.push(op);
    });
    for (const op of inScope) {
      const wrong = mismatch(entry, op, ir);
      if (wrong !== undefined) problems.add(wrong.at, `paging: ${op.operationId} ${wrong.why}`);
    }
  } else {
    const fits = (op: IROperation) => (entry.cursorField !== undefined || op.method === "get") && mismatch(entry, op, ir) === undefined;
    inScope = ir.operations.filter(fits);
    // An entry that pages nothing would do nothing, silently: say so, and how to learn why.
    if (inScope.length === 0) problems.add([...entry.at, "type"], 'paging: no operation fits this entry; list them in "operations" to be told what each lacks');
  }
  for (const op of inScope) {
    const key = operationKey(op.method, op.path);
    const earlier = claimed.get(key);
    if (earlier !== undefined) {
      problems.add(entry.operations === undefined ? [...entry.at, "type"] : [...entry.at, "operations"], `paging: ${op.operationId ?? key} is paged by two entries (the other at ${earlier.join(".")})`);
      continue;
    }
    claimed.set(key, entry.at);
    facts.paging.set(key, runtimeConfig(entry, op));
    facts.pagedLists.set(key, { items: entry.items?.segments, method: entry.pagedMethod });
  }
}

function describe(entry: PagingEntry): string {
  const show = (path: FieldPath | undefined) => (path === undefined ? "" : `\`${showFieldPath(path.segments)}\``);
  let how: string;
  switch (entry.type) {
    case "offset":
      how = `\`${entry.positionParam}\` (offset) and \`${entry.sizeParam}\` (page size)`;
      break;
    case "page":
      how = `\`${entry.positionParam}\` (page number, from ${entry.first}) and \`${entry.sizeParam}\` (page size)`;
      break;
    case "cursor": {
      const from = entry.nextHeader !== undefined ? `the \`${entry.nextHeader}\` response header` : `the response's ${show(entry.next)}`;
      const to = entry.cursorField !== undefined ? `the request body's ${show(entry.cursorField)}` : `\`${entry.positionParam}\``;
      how = `a cursor: ${from}, sent back as ${to}; a missing or empty cursor ends the list`;
      break;
    }
    case "link":
      how = 'the `Link` header\'s `rel="next"` URL (RFC 8288), followed as-is on the same origin';
      break;
    case "next-url":
      how = `the next page's URL in the response's ${show(entry.next)}, followed as-is on the same origin`;
      break;
  }
  const stops = [
    entry.hasMore === undefined ? undefined : `${show(entry.hasMore)} is false`,
    entry.totalPages === undefined ? undefined : `the page numbered ${show(entry.totalPages)} is reached`,
  ].filter((t) => t !== undefined);
  const stopText = stops.length === 0 ? "" : ` A list also ends when ${stops.join(" or when ")}.`;
  const data = entry.items === undefined ? "" : ` Items come from the response's ${show(entry.items)}; each page's \`data\` is the whole response (totals, cursors).`;
  const method = entry.pagedMethod === undefined ? "" : ` \`${entry.pagedMethod}\` is the paged form, beside the operation's own method, which still returns one response.`;
  const which = entry.operations === undefined ? "List methods page" : `${entry.operations.map((id) => `\`${id}\``).join(", ")} ${entry.operations.length === 1 ? "pages" : "page"}`;
  return `${which} through ${how}.${stopText}${data}${method}`;
}

export const pagingConvention: Convention<readonly PagingEntry[]> = {
  key: "paging",
  summary:
    "list paging, one mapping or a list: `type: offset` (offset-param, limit-param), `page` (page-param, size-param, total-pages), `cursor` (cursor-param or cursor-field, next-cursor or next-cursor-header), `link` (RFC 8288), `next-url`; `first`, `items`, `has-more`, `operations`, `paged-method`",
  parse(value, at, problems) {
    if (Array.isArray(value)) {
      if (value.length === 0) {
        problems.add(at, "paging: the list is empty; give one mapping per way of paging");
        return undefined;
      }
      const entries = value.map((entry: unknown, i) => parseEntry(entry, [...at, i], problems));
      return entries.every((e) => e !== undefined) ? entries : undefined;
    }
    const entry = parseEntry(value, at, problems);
    return entry === undefined ? undefined : [entry];
  },
  apply(entries, ir, facts, problems) {
    facts.modules.add("paging");
    const claimed = new Map<string, JsonPointer>();
    for (const entry of entries) applyEntry(entry, ir, facts, problems, claimed);
    const how = entries.map(describe).join(" ");
    facts.notes.push({
      title: "Paging",
      text: `${how} \`await client.x.list()\` resolves to the first page (\`items\`, \`hasNextPage\`, \`nextPage()\`); \`for await (const item of client.x.list())\` walks every item of every page; \`.pages()\` walks page by page.`,
    });
  },
};
