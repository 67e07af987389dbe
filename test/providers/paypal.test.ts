/**
 * Behaviour of the generated PayPal client (generated/paypal/dist, imported as an app would) against
 * a loopback server that speaks PayPal's REST dialect (test/servers/paypal-server.ts): bare
 * resources with HATEOAS links, `{name, message, debug_id, details}` errors per status with the
 * names as typed classes, `page`/`page_size` paging that stops on `total_pages`, a bearer token,
 * `Prefer: return=representation`, and `PayPal-Request-Id` making creates retryable.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PayPal,
  PayPalAuthenticationFailureError,
  PayPalError,
  PayPalInvalidRequestError,
  PayPalRateLimitReachedError,
  PayPalResourceNotFoundError,
  PayPalUnprocessableEntityError,
  RateLimitError,
  UnprocessableEntityError,
} from "../../generated/paypal/dist/index.js";
import type { Invoice, Invoices, Order, OrderRequest, PayPalOptions } from "../../generated/paypal/dist/index.js";
import { PAYPAL_TOKEN, paypalError, paypalExamples, rateLimited, startPaypalServer } from "../servers/paypal-server.js";
import type { PaypalServer } from "../servers/paypal-server.js";

let server: PaypalServer;
beforeAll(async () => {
  server = await startPaypalServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const client = (options: Partial<PayPalOptions> = {}): PayPal => new PayPal({ accessToken: PAYPAL_TOKEN, baseUrl: server.url, ...options });

/** The rejection of `promise`; fails the test when it resolves. */
async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to reject, but it resolved");
}

const orderRequest = paypalExamples.createOrder as unknown as OrderRequest;
const invoice = paypalExamples.invoice as unknown as Invoice;
/** The `issue` of each detail an error lists (PayPal's specific reason). */
const issues = (error: PayPalError): unknown[] => error.errors.map((detail) => (detail as { issue?: unknown }).issue);
const header = (index: number, name: string): string | undefined => server.requests[index]?.headers[name] as string | undefined;

describe("construction and the headers every call carries", () => {
  it.each([
    { environment: undefined, want: "https://api-m.sandbox.paypal.com/v2/checkout/orders/ORDER1" },
    { environment: "sandbox" as const, want: "https://api-m.sandbox.paypal.com/v2/checkout/orders/ORDER1" },
    { environment: "live" as const, want: "https://api-m.paypal.com/v2/checkout/orders/ORDER1" },
  ])("environment $environment → $want (fetch injected, no network)", async ({ environment, want }) => {
    const seen: string[] = [];
    const recordingFetch: typeof fetch = async (input) => {
      seen.push(String(input));
      return Response.json({ id: "ORDER1", status: "CREATED", links: [] });
    };
    const paypal = new PayPal({ accessToken: PAYPAL_TOKEN, fetch: recordingFetch, ...(environment === undefined ? {} : { environment }) });
    await paypal.orders.get("ORDER1");
    expect(seen).toEqual([want]);
  });

  it("sends the access token as a bearer token and asks for the representation", async () => {
    await client().invoices.get("INV2-LOOP-0001");
    expect({ authorization: header(0, "authorization"), prefer: header(0, "prefer") }).toEqual({
      authorization: `Bearer ${PAYPAL_TOKEN}`,
      prefer: "return=representation",
    });
  });
});

describe("success: bare resources with HATEOAS links, typed", () => {
  it("orders.create resolves to the whole order (Prefer: return=representation), links included", async () => {
    const order = await client().orders.create(orderRequest);
    expectTypeOf(order).toEqualTypeOf<Order>();
    expect({ status: order.status, intent: order.intent, rels: order.links?.map((link) => `${link.rel} ${link.method}`) }).toEqual({
      status: "CREATED",
      intent: "CAPTURE",
      rels: ["self GET", "approve GET", "update PATCH", "capture POST"],
    });
    expect(order.purchase_units?.[0]?.amount?.value).toBe("100.00");
  });

  it("orders.capture of an approved order resolves to the COMPLETED order", async () => {
    const { id } = await client().orders.create(orderRequest);
    server.approve(String(id));
    const captured = await client().orders.capture(String(id));
    expect(captured.status).toBe("COMPLETED");
  });

  it("orders.patch and invoices.delete resolve to undefined (204)", async () => {
    const { id } = await client().orders.create(orderRequest);
    const patch = [{ op: "replace" as const, path: "/intent", value: "AUTHORIZE" }];
    await expect(client().orders.patch(String(id), { body: patch })).resolves.toBeUndefined();
    // A list body (not object-like) travels under params.body and is sent as the list itself.
    expect(server.requests.filter((r) => r.method === "PATCH").map((r) => JSON.parse(r.body) as unknown)).toEqual([patch]);
    await expect(client().invoices.delete("INV2-LOOP-0001")).resolves.toBeUndefined();
  });
});

describe("errors: PayPal's {name, message, debug_id, details} per status, as typed classes", () => {
  it.each([
    {
      given: "orders.create without an intent (400)",
      call: (p: PayPal) => p.orders.create({ purchase_units: [] } as unknown as OrderRequest),
      want: { classes: [PayPalInvalidRequestError, BadRequestError], status: 400, code: "INVALID_REQUEST", issues: ["MISSING_REQUIRED_PARAMETER"] },
    },
    {
      given: "orders.get of an unknown order (404)",
      call: (p: PayPal) => p.orders.get("NOPE"),
      want: { classes: [PayPalResourceNotFoundError, NotFoundError], status: 404, code: "RESOURCE_NOT_FOUND", issues: ["INVALID_RESOURCE_ID"] },
    },
    {
      given: "invoices.get of an unknown invoice (404)",
      call: (p: PayPal) => p.invoices.get("NOPE"),
      want: { classes: [PayPalResourceNotFoundError, NotFoundError], status: 404, code: "RESOURCE_NOT_FOUND", issues: ["INVALID_RESOURCE_ID"] },
    },
    {
      given: "a wrong access token (401)",
      call: (p: PayPal) => new PayPal({ accessToken: "A21AAwrong", baseUrl: server.url }).invoices.get("INV2-LOOP-0001"),
      want: { classes: [PayPalAuthenticationFailureError, AuthenticationError], status: 401, code: "AUTHENTICATION_FAILURE", issues: [] },
    },
  ])("$given → $want.code", async ({ call, want }) => {
    const error = await rejection(call(client()));
    for (const type of [...want.classes, PayPalError]) expect(error).toBeInstanceOf(type);
    const paypal = error as PayPalError;
    expect({ status: paypal.status, code: paypal.code, issues: issues(paypal) }).toEqual({ status: want.status, code: want.code, issues: want.issues });
    // debug_id is the request id PayPal's support asks for.
    expect(paypal.requestId).toBe((paypal.body as { debug_id: string }).debug_id);
    expect(paypal.requestId).toMatch(/^[0-9a-f]{13}$/);
  });

  it("capturing an unapproved order is a business failure (422) naming ORDER_NOT_APPROVED; a second capture ORDER_ALREADY_CAPTURED", async () => {
    const { id } = await client().orders.create(orderRequest);
    const before = (await rejection(client().orders.capture(String(id)))) as PayPalError;
    server.approve(String(id));
    await client().orders.capture(String(id));
    const again = (await rejection(client().orders.capture(String(id)))) as PayPalError;
    for (const error of [before, again]) {
      expect(error).toBeInstanceOf(PayPalUnprocessableEntityError);
      expect(error).toBeInstanceOf(UnprocessableEntityError);
      expect({ status: error.status, code: error.code, message: error.message }).toMatchObject({ status: 422, code: "UNPROCESSABLE_ENTITY" });
      expect(error.message).toContain("The requested action could not be performed");
    }
    expect([issues(before), issues(again)]).toEqual([["ORDER_NOT_APPROVED"], ["ORDER_ALREADY_CAPTURED"]]);
  });
});

describe("paging: page and page_size, to the end", () => {
  const urls = (): string[] => server.requests.map((request) => request.url);

  it.each([
    {
      given: "5 invoices, 2 a page, total_required: stops on total_pages (3)",
      remove: 0,
      params: { page_size: 2, total_required: true },
      want: { count: 5, urls: ["page=1&page_size=2&total_required=true", "page=2&page_size=2&total_required=true", "page=3&page_size=2&total_required=true"] },
    },
    {
      given: "4 invoices, 2 a page, total_required: the second page is the last by total_pages, no empty third request",
      remove: 1,
      params: { page_size: 2, total_required: true },
      want: { count: 4, urls: ["page=1&page_size=2&total_required=true", "page=2&page_size=2&total_required=true"] },
    },
    {
      given: "5 invoices, 2 a page, no totals: stops on the short third page",
      remove: 0,
      params: { page_size: 2 },
      want: { count: 5, urls: ["page=1&page_size=2", "page=2&page_size=2", "page=3&page_size=2"] },
    },
    {
      given: "5 invoices, the page size's default (20): one page",
      remove: 0,
      params: {},
      want: { count: 5, urls: ["page=1"] },
    },
  ])("invoices.list: $given", async ({ remove, params, want }) => {
    const paypal = client();
    if (remove > 0) await paypal.invoices.delete("INV2-LOOP-0005");
    const before = server.requests.length;
    const ids: string[] = [];
    for await (const item of paypal.invoices.list(params)) ids.push(String(item.id));
    expect(ids).toHaveLength(want.count);
    expect(new Set(ids).size).toBe(want.count);
    expect(urls().slice(before)).toEqual(want.urls.map((query) => `/v2/invoicing/invoices?${query}`));
  });

  it("each page's data is the whole response, totals typed", async () => {
    const first = await client().invoices.list({ page_size: 2, total_required: true });
    expectTypeOf(first.data).toEqualTypeOf<Invoices>();
    expect({ items: first.items.length, totalItems: first.data.total_items, totalPages: first.data.total_pages, more: first.hasNextPage }).toEqual({
      items: 2,
      totalItems: 5,
      totalPages: 3,
      more: true,
    });
  });

  it("searchInvoices (a POST) sends its search body on every page", async () => {
    const search = { status: ["DRAFT" as const] };
    const ids: string[] = [];
    for await (const item of client().searchInvoices.searchInvoices({ ...search, page_size: 2, total_required: true })) ids.push(String(item.id));
    expect(ids).toEqual(["INV2-LOOP-0001", "INV2-LOOP-0002", "INV2-LOOP-0003", "INV2-LOOP-0004", "INV2-LOOP-0005"]);
    expect(server.requests.map((request) => ({ method: request.method, body: JSON.parse(request.body) as unknown }))).toEqual(
      Array.from({ length: 3 }, () => ({ method: "POST", body: search })),
    );
  });
});

describe("retries: a 429, and PayPal-Request-Id making creates retryable", () => {
  it("a 429 on invoices.list is retried and the call resolves", async () => {
    server.queue("invoices.list", rateLimited());
    const page = await client().invoices.list({ page_size: 2 });
    expect(page.items).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
  });

  it("a 429 that persists is PayPalRateLimitReachedError (a RateLimitError) after 1 + maxRetries attempts", async () => {
    server.queue("invoices.get", rateLimited(), rateLimited());
    const error = await rejection(client({ maxRetries: 1 }).invoices.get("INV2-LOOP-0001"));
    expect(error).toBeInstanceOf(PayPalRateLimitReachedError);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: "RATE_LIMIT_REACHED", requestId: "ratelimit00001" });
    expect(server.requests).toHaveLength(2);
  });

  it("orders.create answered 503 is retried with the same generated PayPal-Request-Id, and creates one order", async () => {
    server.queue("orders.create", paypalError(503));
    const order = await client().orders.create(orderRequest);
    const keys = [header(0, "paypal-request-id"), header(1, "paypal-request-id")];
    expect(server.requests).toHaveLength(2);
    expect(keys[0]).toMatch(/^\S{8,}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(order.status).toBe("CREATED");
  });

  it("the caller's PayPal-Request-Id is sent as given; repeating it answers with the first order", async () => {
    const first = await client().orders.create({ ...orderRequest, "PayPal-Request-Id": "checkout-42" });
    const again = await client().orders.create({ ...orderRequest, "PayPal-Request-Id": "checkout-42" });
    expect(again.id).toBe(first.id);
    expect([header(0, "paypal-request-id"), header(1, "paypal-request-id")]).toEqual(["checkout-42", "checkout-42"]);
    // The header parameter sat beside the body's fields in params; only those fields are the body.
    expect(JSON.parse(server.requests[0]?.body ?? "null")).toEqual(orderRequest);
  });

  it("each call makes its own key: two creates are two orders", async () => {
    const [a, b] = await Promise.all([client().orders.create(orderRequest), client().orders.create(orderRequest)]);
    expect(a.id).not.toBe(b.id);
    expect(header(0, "paypal-request-id")).not.toBe(header(1, "paypal-request-id"));
  });

  it("a POST that takes no PayPal-Request-Id (invoices.create) answered 503 is not retried", async () => {
    server.queue("invoices.create", paypalError(503));
    const error = await rejection(client().invoices.create(invoice));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 503, code: "SERVICE_UNAVAILABLE" });
    expect(server.requests).toHaveLength(1);
  });
});
