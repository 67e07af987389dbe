/** The Paystack loopback server speaks Paystack's dialect: plain fetch in, status/body/headers out. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProviderServer } from "./provider-kit.js";
import { BANKS, PAYSTACK_SECRET_KEY, TRANSACTIONS, paystackExamples, rateLimited, startPaystackServer } from "./paystack-server.js";

let paystack: ProviderServer;
beforeAll(async () => {
  paystack = await startPaystackServer();
});
beforeEach(() => paystack.reset());
afterAll(() => paystack.close());

const auth = { authorization: `Bearer ${PAYSTACK_SECRET_KEY}` };

async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(`${paystack.url}${path}`, { method, ...init });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe("Paystack loopback server", () => {
  it.each([
    { given: "no key", headers: {}, want: { status: 401, body: { status: false, message: "Invalid key" } } },
    { given: "a Basic header", headers: { authorization: `Basic ${PAYSTACK_SECRET_KEY}` }, want: { status: 401, body: paystackExamples.unauthorized } },
  ])("refuses $given with 401 and the Unauthorized example", async ({ headers, want }) => {
    const got = await call("GET", "/transaction", { headers });
    expect({ status: got.status, body: got.body }).toEqual(want);
  });

  it.each([
    { given: "JSON", type: "application/json", body: JSON.stringify({ email: "a@b.co", amount: 500, reference: "r-json" }) },
    { given: "a form", type: "application/x-www-form-urlencoded", body: "email=a%40b.co&amount=500&reference=r-form" },
  ])("initializes a transaction sent as $given, in the {status, message, data} envelope", async ({ type, body }) => {
    const got = await call("POST", "/transaction/initialize", { headers: { ...auth, "content-type": type }, body });
    expect(got.status).toBe(200);
    expect(got.body["status"]).toBe(true);
    expect(Object.keys(got.body["data"] as object)).toEqual(["authorization_url", "access_code", "reference"]);
  });

  it.each([
    { given: { email: "a@b.co" }, want: { status: 400, type: "validation_error", message: "amount is required" } },
    { given: { email: "a@b.co", amount: 1, reference: "ref-1" }, want: { status: 400, type: "validation_error", message: "Duplicate Transaction Reference" } },
  ])("answers $given with HTTP 400 and the Error shape", async ({ given, want }) => {
    const got = await call("POST", "/transaction/initialize", { headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(given) });
    expect({ status: got.status, type: got.body["type"], message: got.body["message"] }).toEqual(want);
    expect(got.body["status"]).toBe(false);
  });

  it("answers an unknown transaction with the NotFound example's message", async () => {
    const got = await call("GET", "/transaction/1", { headers: auth });
    expect({ status: got.status, body: got.body }).toEqual({ status: 404, body: { status: false, message: "Entity not found" } });
  });

  it("pages transactions by page/perPage to pageCount", async () => {
    const pages: unknown[] = [];
    const ids: unknown[] = [];
    for (let page = 1; ; page++) {
      const got = await call("GET", `/transaction?perPage=3&page=${page}`, { headers: auth });
      const meta = got.body["meta"] as { page: number; pageCount: number; total: number };
      pages.push({ page: meta.page, pageCount: meta.pageCount, total: meta.total });
      ids.push(...(got.body["data"] as { id: number }[]).map((t) => t.id));
      if (meta.page >= meta.pageCount) break;
    }
    expect(pages).toEqual([1, 2, 3].map((page) => ({ page, pageCount: 3, total: 7 })));
    expect(ids).toEqual(TRANSACTIONS.map((t) => t["id"]));
  });

  it("pages banks by cursor when use_cursor=true, meta.next null on the last page", async () => {
    const ids: unknown[] = [];
    let next: string | null = null;
    let requests = 0;
    do {
      const query: string = `use_cursor=true&perPage=2${next === null ? "" : `&next=${encodeURIComponent(next)}`}`;
      const got = await call("GET", `/bank?${query}`, { headers: auth });
      ids.push(...(got.body["data"] as { id: number }[]).map((b) => b.id));
      next = (got.body["meta"] as { next: string | null }).next;
      requests++;
    } while (next !== null);
    expect({ ids, requests }).toEqual({ ids: BANKS.map((b) => b["id"]), requests: 3 });
  });

  it("answers a queued 429 with Retry-After in the Error shape", async () => {
    paystack.queue("customer_list", rateLimited(2));
    const got = await call("GET", "/customer", { headers: auth });
    expect({ status: got.status, retryAfter: got.headers.get("retry-after"), body: got.body }).toEqual({
      status: 429,
      retryAfter: "2",
      body: { status: false, message: "Too many requests" },
    });
  });

  it("creates a customer from a form and reads it back by code", async () => {
    const created = await call("POST", "/customer", { headers: { ...auth, "content-type": "application/x-www-form-urlencoded" }, body: "email=new%40example.com&first_name=Ada" });
    const code = (created.body["data"] as { customer_code: string }).customer_code;
    const fetched = await call("GET", `/customer/${code}`, { headers: auth });
    expect(fetched.body["data"]).toMatchObject({ email: "new@example.com", first_name: "Ada", customer_code: code });
  });
});
