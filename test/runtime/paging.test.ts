import { describe, expect, it } from "vitest";
import { HttpClient } from "../../templates/runtime/client.js";
import { APIError, ResponseParseError, type ErrorClasses } from "../../templates/runtime/errors.js";
import type { OperationDescriptor, PagingConfig, Plugin } from "../../templates/runtime/types.js";

const errors: ErrorClasses = { byStatus: {}, clientError: APIError, serverError: APIError };
/** Offset and page paging: both parameters and the first position always named. */
type Counted = PagingConfig & { readonly cursorParam: string; readonly sizeParam: string; readonly first: number };
const offset: Counted = { type: "offset", cursorParam: "start_from", sizeParam: "count", first: 0 };
const page: Counted = { type: "page", cursorParam: "page", sizeParam: "paginate", first: 1 };

/** A list of 7 items served in pages; `cursorOf` reads the page's start from the URL. */
function server(config: Counted, total = 7, answer: (items: number[], url: URL) => unknown = (items) => items) {
  const urls: string[] = [];
  const fetchImpl: typeof fetch = async (input) => {
    const url = new URL(String(input));
    urls.push(url.search);
    const size = Number(url.searchParams.get(config.sizeParam) ?? 3);
    const cursor = Number(url.searchParams.get(config.cursorParam) ?? config.first);
    const start = config.type === "offset" ? cursor : (cursor - config.first) * size;
    const items = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => start + i);
    return new Response(JSON.stringify(answer(items, url)), { headers: { "content-type": "application/json" } });
  };
  return { fetchImpl, urls };
}

function list(config: Counted, fetchImpl: typeof fetch, plugins: Plugin[] = []) {
  const op: OperationDescriptor = {
    id: "Things_List",
    method: "GET",
    path: "/things",
    query: [{ key: config.cursorParam, name: config.cursorParam }, { key: config.sizeParam, name: config.sizeParam }],
    paging: config,
  };
  const http = new HttpClient({ baseUrl: "https://api.test", plugins, errors, fetch: fetchImpl });
  return (query: Record<string, unknown>) => http.paginate<number>(op, { query });
}

describe("paging", () => {
  const cases: { name: string; config: Counted; query: Record<string, unknown>; wantUrls: string[] }[] = [
    { name: "offset: counts items until a short page", config: offset, query: { count: 3 }, wantUrls: ["?count=3", "?start_from=3&count=3", "?start_from=6&count=3"] },
    { name: "offset: an exact fit ends on an empty page", config: offset, query: { count: 7 }, wantUrls: ["?count=7", "?start_from=7&count=7"] },
    { name: "page: numbers pages from `first`", config: page, query: { paginate: 3 }, wantUrls: ["?paginate=3", "?page=2&paginate=3", "?page=3&paginate=3"] },
    { name: "page: starts where the caller asks", config: page, query: { page: 2, paginate: 3 }, wantUrls: ["?page=2&paginate=3", "?page=3&paginate=3"] },
  ];
  it.each(cases)("$name", async ({ config, query, wantUrls }) => {
    const { fetchImpl, urls } = server(config);
    const seen: number[] = [];
    for await (const item of list(config, fetchImpl)(query)) seen.push(item);
    expect(urls).toEqual(wantUrls);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => i).slice(config.type === "page" && query["page"] === 2 ? 3 : 0));
  });

  it("awaiting gives the first page; nextPage() walks on; pages() yields pages", async () => {
    const { fetchImpl } = server(offset);
    const first = await list(offset, fetchImpl)({ count: 3 });
    expect(first.items).toEqual([0, 1, 2]);
    expect(first.hasNextPage).toBe(true);
    expect((await first.nextPage())?.items).toEqual([3, 4, 5]);
    const sizes: number[] = [];
    for await (const p of list(offset, fetchImpl)({ count: 3 }).pages()) sizes.push(p.items.length);
    expect(sizes).toEqual([3, 3, 1]);
  });

  it("a plug-in's nextOffset in the response meta wins over counting, and null ends the list", async () => {
    // The server reports next_start in its envelope; it skips ahead by 4 and then says "no more".
    const { fetchImpl, urls } = server(offset, 100, (items, url) => {
      const start = Number(url.searchParams.get("start_from") ?? 0);
      return { items, next_start: start === 0 ? 4 : null };
    });
    const envelope: Plugin = {
      decodeSuccess: (body, response) => {
        response.meta["nextOffset"] = (body as { next_start: number | null }).next_start;
        return (body as { items: unknown }).items;
      },
    };
    const seen: number[] = [];
    for await (const item of list(offset, fetchImpl, [envelope])({ count: 3 })) seen.push(item);
    expect(urls).toEqual(["?count=3", "?start_from=4&count=3"]);
    expect(seen).toEqual([0, 1, 2, 4, 5, 6]);
  });

  it("a cursor that does not advance ends the walk instead of looping", async () => {
    const { fetchImpl, urls } = server(offset, 100, (items) => ({ items }));
    const stuck: Plugin = {
      decodeSuccess: (body, response) => {
        response.meta["nextOffset"] = 0;
        return (body as { items: unknown }).items;
      },
    };
    const pages: number[] = [];
    for await (const p of list(offset, fetchImpl, [stuck])({ count: 3 }).pages()) pages.push(p.items.length);
    expect(pages).toEqual([3]);
    expect(urls).toHaveLength(1);
  });

  it("a list operation whose response holds no list is a typed error", async () => {
    const { fetchImpl } = server(offset, 7, () => ({ not: "a list" }));
    await expect(list(offset, fetchImpl)({ count: 3 })).rejects.toBeInstanceOf(ResponseParseError);
  });
});
