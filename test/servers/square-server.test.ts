/** The Square loopback server speaks Square's dialect: plain fetch in, status/body/headers out. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProviderServer } from "./provider-kit.js";
import { CUSTOMERS, SQUARE_TOKEN, SQUARE_VERSION, rateLimited, squareExamples, startSquareServer } from "./square-server.js";

let square: ProviderServer;
beforeAll(async () => {
  square = await startSquareServer();
});
beforeEach(() => square.reset());
afterAll(() => square.close());

const headers = { authorization: `Bearer ${SQUARE_TOKEN}`, "square-version": SQUARE_VERSION };
const json = { ...headers, "content-type": "application/json" };

async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(`${square.url}${path}`, { method, headers, ...init });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}
const firstError = (body: Record<string, unknown>) => (body["errors"] as Record<string, unknown>[] | undefined)?.[0];

describe("Square loopback server", () => {
  it.each([
    { given: "no token", headers: { "square-version": SQUARE_VERSION }, want: { status: 401, category: "AUTHENTICATION_ERROR", code: "UNAUTHORIZED" } },
    { given: "no Square-Version", headers: { authorization: `Bearer ${SQUARE_TOKEN}` }, want: { status: 400, category: "INVALID_REQUEST_ERROR", code: "INVALID_SQUARE_VERSION_FORMAT" } },
    { given: "a malformed Square-Version", headers: { ...headers, "square-version": "latest" }, want: { status: 400, category: "INVALID_REQUEST_ERROR", code: "INVALID_SQUARE_VERSION_FORMAT" } },
  ])("refuses $given", async ({ headers: given, want }) => {
    const got = await call("GET", "/v2/locations", { headers: given });
    expect({ status: got.status, category: firstError(got.body)?.["category"], code: firstError(got.body)?.["code"] }).toEqual(want);
  });

  it("answers without an envelope, with the draft's example", async () => {
    const got = await call("GET", "/v2/locations");
    expect({ status: got.status, body: got.body }).toEqual({ status: 200, body: squareExamples.locations });
  });

  it.each([
    { given: "query", fetchPage: (cursor?: string) => call("GET", `/v2/customers?limit=2${cursor === undefined ? "" : `&cursor=${cursor}`}`) },
    { given: "body", fetchPage: (cursor?: string) => call("POST", "/v2/customers/search", { headers: json, body: JSON.stringify({ limit: 2, ...(cursor === undefined ? {} : { cursor }) }) }) },
  ])("pages customers by an opaque cursor in the $given to the page without one", async ({ fetchPage }) => {
    const ids: unknown[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const got = await fetchPage(cursor);
      ids.push(...(got.body["customers"] as { id: string }[]).map((c) => c.id));
      cursor = got.body["cursor"] as string | undefined;
      pages++;
    } while (cursor !== undefined);
    expect({ ids, pages }).toEqual({ ids: CUSTOMERS.map((c) => c["id"]), pages: 3 });
  });

  it.each([
    { given: "an unknown id", method: "GET", path: "/v2/customers/NOPE", body: undefined, want: { status: 404, code: "NOT_FOUND" } },
    { given: "no identifying field", method: "POST", path: "/v2/customers", body: { note: "x" }, want: { status: 400, code: "MISSING_REQUIRED_PARAMETER" } },
    { given: "a bad cursor", method: "GET", path: "/v2/customers?cursor=bm9wZQ", body: undefined, want: { status: 400, code: "INVALID_CURSOR" } },
    { given: "a stale version (business error under 200)", method: "PUT", path: `/v2/customers/${String(CUSTOMERS[0]?.["id"])}`, body: { version: 99, note: "n" }, want: { status: 200, code: "CONFLICT" } },
  ])("answers $given with errors[]", async ({ method, path, body, want }) => {
    const got = await call(method, path, body === undefined ? {} : { headers: json, body: JSON.stringify(body) });
    expect({ status: got.status, code: firstError(got.body)?.["code"] }).toEqual(want);
  });

  it("creates, updates and deletes a customer", async () => {
    const created = await call("POST", "/v2/customers", { headers: json, body: JSON.stringify({ given_name: "Ada" }) });
    const customer = created.body["customer"] as { id: string; version: number };
    const updated = await call("PUT", `/v2/customers/${customer.id}`, { headers: json, body: JSON.stringify({ version: customer.version, note: "hi" }) });
    expect(updated.body["customer"]).toMatchObject({ id: customer.id, note: "hi", version: 1 });
    expect((await call("DELETE", `/v2/customers/${customer.id}`)).body).toEqual({});
    expect((await call("GET", `/v2/customers/${customer.id}`)).status).toBe(404);
  });

  it("forgets what a test changed on reset", async () => {
    const id = String(CUSTOMERS[0]?.["id"]);
    await call("PUT", `/v2/customers/${id}`, { headers: json, body: JSON.stringify({ note: "changed" }) });
    await call("DELETE", `/v2/customers/${String(CUSTOMERS[1]?.["id"])}`);
    square.reset();
    const listed = await call("GET", "/v2/customers");
    expect(listed.body["customers"]).toEqual(CUSTOMERS);
    expect(square.requests.length).toBe(1);
  });

  it("answers a queued 429 with RATE_LIMITED", async () => {
    square.queue("ListCustomers", rateLimited());
    const got = await call("GET", "/v2/customers");
    expect({ status: got.status, error: firstError(got.body) }).toEqual({
      status: 429,
      error: { category: "RATE_LIMIT_ERROR", code: "RATE_LIMITED", detail: "Rate limit exceeded; try again later." },
    });
  });

  it("pages the catalog and reads an object back by id", async () => {
    const first = await call("GET", "/v2/catalog/list");
    const objects = first.body["objects"] as { id: string }[];
    expect(typeof first.body["cursor"]).toBe("string");
    const got = await call("GET", `/v2/catalog/object/${objects[0]?.id}`);
    expect((got.body["object"] as { id: string }).id).toBe(objects[0]?.id);
  });
});
