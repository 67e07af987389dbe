/**
 * Paging as well-known APIs do it, through a client generated from
 * test/fixtures/specs/paging-dialects.yaml and a loopback server: a cursor in a body path
 * (Slack), `Link` headers (GitHub), a next URL in the body (Twilio), `total_pages` (Cloudflare)
 * with the first page named and the page size's default; and the IETF `RateLimit` fields.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type GeneratedPackage, generateAndImport } from "../helpers/generated-package.js";
import { type Handler, type TestServer, sendJson, startServer } from "../helpers/server.js";

const SPEC = fileURLToPath(new URL("../fixtures/specs/paging-dialects.yaml", import.meta.url));

/** What this test calls of the generated package; the package's own types are checked by the plan tests. */
interface Page<T, Data> {
  readonly items: readonly T[];
  readonly data: Data;
  readonly hasNextPage: boolean;
  readonly response: { readonly meta: Readonly<Record<string, unknown>> };
  nextPage(): Promise<Page<T, Data> | undefined>;
}
interface Pages<T, Data> extends AsyncIterable<T>, PromiseLike<Page<T, Data>> {
  pages(): AsyncIterable<Page<T, Data>>;
}
interface Client {
  readonly conversations: { list(params?: { cursor?: string; limit?: number }): Pages<{ id: string }, unknown> };
  readonly repos: { list(params?: { per_page?: number; page?: number }): Pages<{ id: number }, unknown> };
  readonly messages: { list(params?: { PageSize?: number }): Pages<{ sid: string }, unknown> };
  readonly zones: { list(params?: { page?: number; per_page?: number }): Pages<{ id: string }, { result_info: { total_count: number; total_pages: number } }> };
}
interface Package {
  readonly PagingDialects: new (options: { baseUrl: string; maxRetries?: number }) => Client;
  readonly rateLimitOf: (source: { readonly meta: Readonly<Record<string, unknown>> }) => unknown;
}

let generated: GeneratedPackage<Package>;
let pkg: Package;
let server: TestServer;
const client = (): Client => new pkg.PagingDialects({ baseUrl: server.url });
const urls = (): string[] => server.requests.map((r) => r.url);

beforeAll(async () => {
  generated = await generateAndImport<Package>(SPEC, "paging");
  pkg = generated.module;
  server = await startServer();
}, 60_000);

afterAll(async () => {
  await server.close();
  generated.remove();
});

beforeEach(() => server.reset());

const serve = (handler: Handler): void => server.setHandler(handler);
const ids = (prefix: string, from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

describe("a cursor in a body path (response_metadata.next_cursor → ?cursor)", () => {
  it("walks to the end: the empty cursor is the last page", async () => {
    serve((req, res) => {
      const cursor = Number(req.query.get("cursor") ?? "0");
      const next = cursor < 4 ? String(cursor + 2) : "";
      sendJson(res, 200, { ok: true, channels: ids("C", cursor, Math.min(cursor + 2, 5)).map((id) => ({ id })), response_metadata: { next_cursor: next } });
    });
    const seen: string[] = [];
    for await (const c of client().conversations.list({ limit: 2 })) seen.push(c.id);
    expect(seen).toEqual(ids("C", 0, 5));
    expect(urls()).toEqual(["/conversations?limit=2", "/conversations?cursor=2&limit=2", "/conversations?cursor=4&limit=2"]);
  });
});

describe("Link headers (RFC 8288)", () => {
  it("walks to the end, following rel=\"next\" as-is", async () => {
    serve((req, res) => {
      const page = Number(req.query.get("page") ?? "1");
      const link = (p: number, rel: string) => `<${server.url}/repos?per_page=2&page=${p}>; rel="${rel}"`;
      const links = [page < 3 ? link(page + 1, "next") : undefined, link(3, "last")].filter((l) => l !== undefined).join(", ");
      sendJson(res, 200, page < 3 ? [{ id: page * 10 }, { id: page * 10 + 1 }] : [{ id: 30 }], { link: links });
    });
    const seen: number[] = [];
    for await (const r of client().repos.list({ per_page: 2 })) seen.push(r.id);
    expect(seen).toEqual([10, 11, 20, 21, 30]);
    expect(urls()).toEqual(["/repos?per_page=2", "/repos?per_page=2&page=2", "/repos?per_page=2&page=3"]);
  });

  it("a next link to another origin is not followed", async () => {
    serve((_, res) => sendJson(res, 200, [{ id: 1 }], { link: '<https://elsewhere.test/repos?page=2>; rel="next"' }));
    const first = await client().repos.list();
    await expect(first.nextPage()).rejects.toThrow("Repos_List answered with a next-page URL on another origin (https://elsewhere.test), which is not followed");
    expect(urls()).toEqual(["/repos"]);
  });
});

describe("a next URL in the body (meta.next_page_url)", () => {
  it("walks to the end: null is the last page", async () => {
    serve((req, res) => {
      const page = Number(req.query.get("Page") ?? "0");
      const next = page < 2 ? `${server.url}/messages?PageSize=1&Page=${page + 1}` : null;
      sendJson(res, 200, { messages: [{ sid: `SM${page}` }], meta: { next_page_url: next, page } });
    });
    const seen: string[] = [];
    for await (const m of client().messages.list({ PageSize: 1 })) seen.push(m.sid);
    expect(seen).toEqual(["SM0", "SM1", "SM2"]);
    expect(urls()).toEqual(["/messages?PageSize=1", "/messages?PageSize=1&Page=1", "/messages?PageSize=1&Page=2"]);
  });
});

describe("page numbers with result_info.total_pages", () => {
  /** Zones Z0…Z{total-1}, `per_page` (default 2) a page; `total_pages` only when `withTotals`. */
  const zones = (total: number, withTotals: boolean): Handler => (req, res) => {
    const page = Number(req.query.get("page") ?? "1");
    const size = Number(req.query.get("per_page") ?? "2");
    const result = ids("Z", (page - 1) * size, Math.min(page * size, total)).map((id) => ({ id }));
    const info = { page, total_count: total, ...(withTotals ? { total_pages: Math.ceil(total / size) } : {}) };
    sendJson(res, 200, { result, result_info: info });
  };

  it("stops on the page numbered total_pages, though it is full; the first request names page 1", async () => {
    serve(zones(4, true));
    const seen: string[] = [];
    for await (const z of client().zones.list({ per_page: 2 })) seen.push(z.id);
    expect(seen).toEqual(ids("Z", 0, 4));
    expect(urls()).toEqual(["/zones?page=1&per_page=2", "/zones?page=2&per_page=2"]);
  });

  it("each page exposes its totals from the whole response", async () => {
    serve(zones(5, true));
    const first = await client().zones.list({ per_page: 2 });
    expect(first.data.result_info).toEqual({ page: 1, total_count: 5, total_pages: 3 });
    expect(first.hasNextPage).toBe(true);
  });

  it("a caller who names no page size gets the parameter's default (2): the short page ends the list, with no extra request", async () => {
    serve(zones(3, false));
    const sizes: number[] = [];
    for await (const page of client().zones.list().pages()) sizes.push(page.items.length);
    expect(sizes).toEqual([2, 1]);
    expect(urls()).toEqual(["/zones?page=1", "/zones?page=2"]);
  });
});

describe("IETF RateLimit fields", () => {
  it("every response's RateLimit and RateLimit-Policy are read into its rate-limit state", async () => {
    serve((_, res) => sendJson(res, 200, [{ id: 1 }], { RateLimit: '"default";r=50;t=30', "RateLimit-Policy": '"default";q=100;w=60' }));
    const page = await client().repos.list();
    expect(pkg.rateLimitOf(page.response)).toMatchObject({ limit: 100, remaining: 50, resetAfter: 30 });
  });

  it("a 429 is retried when its RateLimit says the window has reset", async () => {
    let calls = 0;
    serve((_, res) => {
      calls++;
      if (calls === 1) sendJson(res, 429, { message: "slow down" }, { RateLimit: '"default";r=0;t=0' });
      else sendJson(res, 200, [{ id: 7 }], { RateLimit: '"default";r=9;t=60' });
    });
    const page = await client().repos.list();
    expect(page.items).toEqual([{ id: 7 }]);
    expect(calls).toBe(2);
  });

  it("an unreadable RateLimit is ignored, never thrown", async () => {
    serve((_, res) => sendJson(res, 200, [{ id: 1 }], { RateLimit: '"default;r=' }));
    const page = await client().repos.list();
    expect(page.items).toEqual([{ id: 1 }]);
    expect(pkg.rateLimitOf(page.response)).toBeUndefined();
  });
});
