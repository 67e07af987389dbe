/** The PayPal loopback server speaks PayPal's dialect: plain fetch in, status/body/headers out. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PAYPAL_TOKEN, paypalExamples, rateLimited, startPaypalServer } from "./paypal-server.js";
import type { PaypalServer } from "./paypal-server.js";

let paypal: PaypalServer;
beforeAll(async () => {
  paypal = await startPaypalServer();
});
beforeEach(() => paypal.reset());
afterAll(() => paypal.close());

const auth = { authorization: `Bearer ${PAYPAL_TOKEN}` };
const json = { ...auth, "content-type": "application/json" };

async function call(method: string, url: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(url.startsWith("http") ? url : `${paypal.url}${url}`, { method, headers: auth, ...init });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text === "" ? undefined : JSON.parse(text)) as Record<string, unknown> };
}
const createOrder = (headers: Record<string, string> = {}) => call("POST", "/v2/checkout/orders", { headers: { ...json, ...headers }, body: JSON.stringify(paypalExamples.createOrder) });
const issue = (body: Record<string, unknown>) => (body["details"] as { issue: string }[] | undefined)?.[0]?.issue;

describe("PayPal loopback server", () => {
  it("refuses a call without a bearer token with error_401's name and message", async () => {
    const got = await call("GET", "/v2/invoicing/invoices", { headers: {} });
    expect({ status: got.status, name: got.body["name"], message: got.body["message"] }).toEqual({
      status: 401,
      name: "AUTHENTICATION_FAILURE",
      message: "Authentication failed due to missing authorization header, or invalid authentication credentials.",
    });
  });

  it("creates an order from the draft's example, with HATEOAS links", async () => {
    const got = await createOrder();
    expect(got.status).toBe(201);
    expect(got.body["status"]).toBe("CREATED");
    expect((got.body["links"] as { rel: string }[]).map((link) => link.rel)).toEqual(["self", "approve", "update", "capture"]);
  });

  it("answers Prefer: return=minimal with id, status and links only, and replays a PayPal-Request-Id", async () => {
    const first = await createOrder({ prefer: "return=minimal", "paypal-request-id": "req-1" });
    const again = await createOrder({ prefer: "return=minimal", "paypal-request-id": "req-1" });
    expect(Object.keys(first.body)).toEqual(["id", "status", "links"]);
    expect(again.body["id"]).toBe(first.body["id"]);
  });

  it.each([
    { given: "a missing intent", method: "POST", path: "/v2/checkout/orders", body: { purchase_units: [] }, want: { status: 400, name: "INVALID_REQUEST", issue: "MISSING_REQUIRED_PARAMETER" } },
    { given: "an unknown order", method: "GET", path: "/v2/checkout/orders/NOPE", body: undefined, want: { status: 404, name: "RESOURCE_NOT_FOUND", issue: "INVALID_RESOURCE_ID" } },
    { given: "an unknown invoice", method: "GET", path: "/v2/invoicing/invoices/NOPE", body: undefined, want: { status: 404, name: "RESOURCE_NOT_FOUND", issue: "INVALID_RESOURCE_ID" } },
  ])("answers $given in the error_<status> shape", async ({ method, path, body, want }) => {
    const got = await call(method, path, body === undefined ? {} : { headers: json, body: JSON.stringify(body) });
    expect({ status: got.status, name: got.body["name"], issue: issue(got.body) }).toEqual(want);
    expect(typeof got.body["debug_id"]).toBe("string");
  });

  it("refuses to capture an unapproved order (422), captures an approved one, then refuses again", async () => {
    const id = String((await createOrder()).body["id"]);
    const capture = () => call("POST", `/v2/checkout/orders/${id}/capture`, { headers: json, body: "{}" });
    const before = await capture();
    paypal.approve(id);
    const captured = await capture();
    const again = await capture();
    expect([before, captured, again].map((got) => ({ status: got.status, issue: issue(got.body) ?? got.body["status"] }))).toEqual([
      { status: 422, issue: "ORDER_NOT_APPROVED" },
      { status: 201, issue: "COMPLETED" },
      { status: 422, issue: "ORDER_ALREADY_CAPTURED" },
    ]);
  });

  it.each([
    { given: "GET invoices", method: "GET", path: "/v2/invoicing/invoices" },
    { given: "POST search-invoices", method: "POST", path: "/v2/invoicing/search-invoices" },
  ])("pages $given with total_pages and next links to the end", async ({ method, path }) => {
    const ids: unknown[] = [];
    const totals: unknown[] = [];
    let next: string | undefined = `${path}?page=1&page_size=2&total_required=true`;
    while (next !== undefined) {
      const got = await call(method, next, method === "POST" ? { headers: json, body: "{}" } : {});
      totals.push(got.body["total_pages"]);
      ids.push(...(got.body["items"] as { id: string }[]).map((item) => item.id));
      next = (got.body["links"] as { rel: string; href: string }[]).find((link) => link.rel === "next")?.href;
    }
    expect(totals).toEqual([3, 3, 3]);
    expect(ids).toEqual(["INV2-LOOP-0001", "INV2-LOOP-0002", "INV2-LOOP-0003", "INV2-LOOP-0004", "INV2-LOOP-0005"]);
  });

  it("answers a queued 429 with RATE_LIMIT_REACHED", async () => {
    paypal.queue("invoices.list", rateLimited());
    const got = await call("GET", "/v2/invoicing/invoices");
    expect({ status: got.status, name: got.body["name"] }).toEqual({ status: 429, name: "RATE_LIMIT_REACHED" });
  });
});
