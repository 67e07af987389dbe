/**
 * The paging kinds beyond counting (templates/runtime/paging.ts): cursors read from a body path
 * or a header and sent back as a query parameter or a body field, RFC 8288 `Link` headers, next
 * URLs in the body, and the stop conditions a body states (`has_more`, `total_pages`, an empty
 * cursor, an empty page); the page size's default and the first page named. Also the `Link`
 * header scanner they stand on (field paths: test/runtime/field-path.test.ts).
 */
import { describe, expect, it } from "vitest";
import { HttpClient } from "../../templates/runtime/client.js";
import { APIError, ResponseParseError, type ErrorClasses } from "../../templates/runtime/errors.js";
import { nextLink } from "../../templates/runtime/link-header.js";
import type { OperationDescriptor, PagingConfig } from "../../templates/runtime/types.js";

const errors: ErrorClasses = { byStatus: {}, clientError: APIError, serverError: APIError };

interface Seen {
  readonly url: URL;
  readonly body: unknown;
}
type Answer = (request: Seen, index: number) => { body: unknown; headers?: Record<string, string> | undefined };

/** Walks every page of a list served by `answer`; returns each request (path+query, body) and every item. */
async function walk(paging: PagingConfig, answer: Answer, call: { query?: Record<string, unknown>; body?: unknown } = {}) {
  const requests: Seen[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const seen: Seen = { url: new URL(String(input)), body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined };
    requests.push(seen);
    const { body, headers = {} } = answer(seen, requests.length - 1);
    const response = new Response(JSON.stringify(body), { headers: { "content-type": "application/json", ...headers } });
    // Node's Response has no URL of its own; the client reads it to resolve relative links.
    Object.defineProperty(response, "url", { value: seen.url.href });
    return response;
  };
  const op: OperationDescriptor = {
    id: "Things_List",
    method: call.body === undefined ? "GET" : "POST",
    path: "/things",
    query: Object.keys(call.query ?? {})
      .concat(paging.cursorParam === undefined ? [] : [paging.cursorParam])
      .filter((k, i, all) => all.indexOf(k) === i)
      .map((name) => ({ key: name, name })),
    ...(call.body === undefined ? {} : { body: "json" as const }),
    paging,
  };
  const http = new HttpClient({ baseUrl: "https://api.test", plugins: [], errors, fetch: fetchImpl });
  const items: unknown[] = [];
  for await (const item of http.paginate<unknown>(op, { query: call.query, body: call.body })) items.push(item);
  return { requests: requests.map((r) => `${r.url.origin === "https://api.test" ? "" : r.url.origin}${r.url.pathname}${r.url.search}${r.body === undefined ? "" : ` ${JSON.stringify(r.body)}`}`), items };
}

const pages = [["a", "b"], ["c", "d"], ["e"]];

describe("paging kinds walk to the end", () => {
  const cases: { name: string; paging: PagingConfig; answer: Answer; call?: { query?: Record<string, unknown>; body?: unknown }; want: string[] }[] = [
    {
      name: "cursor: Slack's response_metadata.next_cursor, sent as ?cursor, ends on an empty cursor",
      paging: { type: "cursor", cursorParam: "cursor", next: ["response_metadata", "next_cursor"], items: ["channels"] },
      answer: (_, i) => ({ body: { ok: true, channels: pages[i], response_metadata: { next_cursor: i < 2 ? `c${i + 1}` : "" } } }),
      want: ["/things", "/things?cursor=c1", "/things?cursor=c2"],
    },
    {
      name: "cursor: Google's nextPageToken, sent as ?pageToken, ends when the token is absent",
      paging: { type: "cursor", cursorParam: "pageToken", next: ["nextPageToken"], items: ["items"] },
      answer: (_, i) => ({ body: i < 2 ? { items: pages[i], nextPageToken: `t${i + 1}` } : { items: pages[i] } }),
      want: ["/things", "/things?pageToken=t1", "/things?pageToken=t2"],
    },
    {
      name: "cursor: Dojo's after, sent as the body field cursor.after beside the caller's fields, ends on null",
      paging: { type: "cursor", cursorField: ["cursor", "after"], next: ["after"], items: ["data"] },
      answer: (_, i) => ({ body: { data: pages[i], after: i < 2 ? `a${i + 1}` : null } }),
      call: { body: { statuses: ["Created"], cursor: { limit: 2 } } },
      want: [
        '/things {"statuses":["Created"],"cursor":{"limit":2}}',
        '/things {"statuses":["Created"],"cursor":{"limit":2,"after":"a1"}}',
        '/things {"statuses":["Created"],"cursor":{"limit":2,"after":"a2"}}',
      ],
    },
    {
      name: "cursor: from a response header, ends when the header is gone",
      paging: { type: "cursor", cursorParam: "after", nextHeader: "X-Next-Cursor" },
      answer: (_, i) => ({ body: pages[i], headers: i < 2 ? { "x-next-cursor": `h${i + 1}` } : {} }),
      want: ["/things", "/things?after=h1", "/things?after=h2"],
    },
    {
      name: "link: GitHub's rel=next followed as-is (relative too), ends without one",
      paging: { type: "link" },
      answer: (_, i) => ({
        body: pages[i],
        headers: [{ link: '<https://api.test/things?per_page=2&page=2>; rel="next", <https://api.test/things?per_page=2&page=3>; rel="last"' }, { link: '</things?per_page=2&page=3>; rel="next", <https://api.test/things?page=1>; rel="first"' }, { link: '<https://api.test/things?page=1>; rel="first"' }][i],
      }),
      call: { query: { per_page: 2 } },
      want: ["/things?per_page=2", "/things?per_page=2&page=2", "/things?per_page=2&page=3"],
    },
    {
      name: "next-url: Twilio's meta.next_page_url, ends on null",
      paging: { type: "next-url", next: ["meta", "next_page_url"], items: ["messages"] },
      answer: (_, i) => ({ body: { messages: pages[i], meta: { next_page_url: i < 2 ? `https://api.test/things?Page=${i + 1}&PageToken=p${i + 1}` : null } } }),
      want: ["/things", "/things?Page=1&PageToken=p1", "/things?Page=2&PageToken=p2"],
    },
    {
      name: "page: stops at result_info.total_pages although the page is full",
      paging: { type: "page", cursorParam: "page", sizeParam: "per_page", first: 1, totalPages: ["result_info", "total_pages"], items: ["result"] },
      answer: (_, i) => ({ body: { result: [`${i}a`, `${i}b`], result_info: { page: i + 1, total_pages: 2 } } }),
      call: { query: { per_page: 2 } },
      want: ["/things?per_page=2", "/things?per_page=2&page=2"],
    },
    {
      name: "page: total_pages counts pages, also when numbering starts at 0",
      paging: { type: "page", cursorParam: "page", sizeParam: "per_page", first: 0, totalPages: ["total_pages"], items: ["result"] },
      answer: (_, i) => ({ body: { result: [`${i}a`, `${i}b`], total_pages: 2 } }),
      call: { query: { per_page: 2 } },
      want: ["/things?per_page=2", "/things?per_page=2&page=1"],
    },
    {
      name: "offset: has_more false ends a full page",
      paging: { type: "offset", cursorParam: "offset", sizeParam: "limit", first: 0, hasMore: ["has_more"], items: ["data"] },
      answer: (_, i) => ({ body: { data: pages[0], has_more: i < 1 } }),
      call: { query: { limit: 2 } },
      want: ["/things?limit=2", "/things?limit=2&offset=2"],
    },
    {
      name: "cursor: an empty page ends the list even with a cursor",
      paging: { type: "cursor", cursorParam: "cursor", next: ["next"], items: ["data"] },
      answer: (_, i) => ({ body: { data: i === 0 ? pages[0] : [], next: `n${i + 1}` } }),
      want: ["/things", "/things?cursor=n1"],
    },
    {
      name: "cursor: a cursor handed back unchanged ends the list instead of looping",
      paging: { type: "cursor", cursorParam: "cursor", next: ["next"], items: ["data"] },
      answer: () => ({ body: { data: pages[0], next: "same" } }),
      want: ["/things", "/things?cursor=same"],
    },
    {
      name: "page: the size parameter's default ends a short page when the caller names no size",
      paging: { type: "page", cursorParam: "page", sizeParam: "per_page", first: 1, defaultSize: 2 },
      answer: (_, i) => ({ body: pages[i] }),
      want: ["/things", "/things?page=2", "/things?page=3"],
    },
    {
      name: "page: the first request names the first page when the spec says which it is",
      paging: { type: "page", cursorParam: "page", sizeParam: "per_page", first: 1, sendFirst: true },
      answer: (_, i) => ({ body: pages[i] }),
      call: { query: { per_page: 2 } },
      want: ["/things?per_page=2&page=1", "/things?per_page=2&page=2", "/things?per_page=2&page=3"],
    },
  ];
  it.each(cases)("$name", async ({ paging, answer, call, want }) => {
    const { requests, items } = await walk(paging, answer, call);
    expect(requests).toEqual(want);
    expect(items.length).toBeGreaterThan(0);
  });

  it("each page of a wrapped list carries its whole response as data", async () => {
    const fetchImpl: typeof fetch = async () => Response.json({ result: [1, 2], result_info: { total_count: 2, total_pages: 1 } });
    const op: OperationDescriptor = { id: "Things_List", method: "GET", path: "/things", paging: { type: "page", cursorParam: "page", first: 1, items: ["result"], totalPages: ["result_info", "total_pages"] } };
    const http = new HttpClient({ baseUrl: "https://api.test", plugins: [], errors, fetch: fetchImpl });
    const first = await http.paginateList<number, { result_info: { total_count: number } }>(op, {});
    expect(first.items).toEqual([1, 2]);
    expect(first.data.result_info.total_count).toBe(2);
    expect(first.hasNextPage).toBe(false);
  });

  it("a next link to another origin is not followed: nextPage() rejects with a typed error, naming the origin", async () => {
    const calls: string[] = [];
    const fetchImpl: typeof fetch = async (input) => {
      calls.push(String(input));
      return Response.json([1], { headers: { link: '<https://evil.test/things?page=2>; rel="next"' } });
    };
    const op: OperationDescriptor = { id: "Things_List", method: "GET", path: "/things", paging: { type: "link" } };
    const http = new HttpClient({ baseUrl: "https://api.test", plugins: [], errors, fetch: fetchImpl });
    const first = await http.paginate<number>(op, {});
    expect(first.items).toEqual([1]);
    const next = first.nextPage();
    await expect(next).rejects.toBeInstanceOf(ResponseParseError);
    await expect(next).rejects.toThrow("Things_List answered with a next-page URL on another origin (https://evil.test), which is not followed");
    expect(calls).toEqual(["https://api.test/things"]);
  });

  it("a wrapped list whose items path holds no list is a typed error naming the path", async () => {
    const fetchImpl: typeof fetch = async () => Response.json({ data: { not: "a list" } });
    const op: OperationDescriptor = { id: "Things_List", method: "GET", path: "/things", paging: { type: "cursor", cursorParam: "c", next: ["next"], items: ["data"] } };
    const http = new HttpClient({ baseUrl: "https://api.test", plugins: [], errors, fetch: fetchImpl });
    await expect(http.paginate(op, {})).rejects.toThrow("Things_List is a list operation but its response holds no list at data");
  });
});

describe("nextLink (RFC 8288)", () => {
  it.each([
    { given: '<https://a.test/x?page=2>; rel="next", <https://a.test/x?page=9>; rel="last"', want: "https://a.test/x?page=2" },
    { given: '<https://a.test/x?page=1>; rel="prev", <https://a.test/x?page=3>; rel=next', want: "https://a.test/x?page=3" },
    { given: '<https://a.test/x?a=1,2>; title="a, b; c"; rel="next"', want: "https://a.test/x?a=1,2" },
    { given: '</x?page=2>; rel="next last"', want: "/x?page=2" },
    { given: '<https://a.test/x?page=2>; REL="NEXT"', want: "https://a.test/x?page=2" },
    { given: '<https://a.test/x?page=1>; rel="first"', want: undefined },
    { given: "https://a.test/x; rel=next", want: undefined },
    { given: '<https://a.test/x; rel="next"', want: undefined },
    { given: '<https://a.test/x>; title="unterminated; rel="next"', want: undefined },
    { given: "", want: undefined },
  ])("$given → $want", ({ given, want }) => {
    expect(nextLink(given)).toBe(want);
  });
});
