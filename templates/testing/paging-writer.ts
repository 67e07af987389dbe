/**
 * One page of a stored collection, written the way the operation's paging config says the client
 * reads it: the items where `items` points, and the next offset, page count, cursor, `Link` header
 * or next URL that leads the client to the following page — and to none after the last.
 */
import { readPath } from "../runtime/field-path.js";
import { writePath } from "./dialect-writer.js";
import type { MockPaging } from "./mock-data.js";

export interface PageRequest {
  readonly url: URL;
  readonly body: unknown;
}

export interface WrittenPage {
  readonly payload: unknown;
  readonly headers: Record<string, string>;
  /** The next offset for dialects that carry it in their envelope; null on the last page. */
  readonly nextOffset: number | null;
}

const CURSOR = "mock-cursor-";

/**
 * Where the paging config names no page size (cursor and link dialects page by what the server
 * sends), the query parameters that conventionally carry one.
 */
const SIZE_PARAMS = ["limit", "per_page", "page_size", "pageSize", "PageSize", "perPage", "count", "max_results", "maxResults"];

function integer(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** The page of `items` the request asks for, inside `base` (the operation's example or sample). */
export function writePage(paging: MockPaging, items: readonly unknown[], base: unknown, request: PageRequest, pageSize: number): WrittenPage {
  const query = request.url.searchParams;
  const param = (name: string | undefined) => (name === undefined ? undefined : (query.get(name) ?? undefined));
  const field = (path: readonly string[] | undefined) => (path === undefined ? undefined : readPath(request.body, path));
  const named = SIZE_PARAMS.map((name) => integer(query.get(name))).find((n) => n !== undefined);
  const size = integer(param(paging.sizeParam)) ?? integer(field(paging.sizeField)) ?? named ?? paging.defaultSize ?? pageSize;
  let start = 0;
  let page = 1;
  switch (paging.type) {
    case "offset":
      start = integer(param(paging.cursorParam)) ?? paging.first ?? 0;
      break;
    case "page": {
      const first = paging.first ?? 1;
      page = integer(param(paging.cursorParam)) ?? first;
      start = Math.max(0, page - first) * size;
      break;
    }
    case "cursor": {
      const cursor = param(paging.cursorParam) ?? field(paging.cursorField);
      start = typeof cursor === "string" && cursor.startsWith(CURSOR) ? (integer(cursor.slice(CURSOR.length)) ?? 0) : 0;
      break;
    }
    default:
      page = integer(query.get("page")) ?? 1;
      start = (page - 1) * size;
  }
  const end = start + Math.max(1, size);
  const more = end < items.length;
  const slice = items.slice(start, end);
  let payload = paging.items === undefined ? slice : writePath(base, paging.items, slice);
  const headers: Record<string, string> = {};
  const nextUrl = (): string => {
    const next = new URL(request.url.href);
    next.searchParams.set("page", String(page + 1));
    return next.href;
  };
  if (paging.hasMore !== undefined) payload = writePath(payload, paging.hasMore, more);
  if (paging.totalPages !== undefined) payload = writePath(payload, paging.totalPages, Math.max(1, Math.ceil(items.length / Math.max(1, size))));
  if (paging.type === "cursor") {
    const cursor = more ? `${CURSOR}${end}` : null;
    if (paging.next !== undefined) payload = writePath(payload, paging.next, cursor);
    if (paging.nextHeader !== undefined && cursor !== null) headers[paging.nextHeader.toLowerCase()] = cursor;
  }
  if (paging.type === "next-url" && paging.next !== undefined) payload = writePath(payload, paging.next, more ? nextUrl() : null);
  if (paging.type === "link" && more) headers["link"] = `<${nextUrl()}>; rel="next"`;
  return { payload, headers, nextOffset: more ? end : null };
}
