/**
 * Behaviour of the generated Paystack client (generated/paystack/dist, imported as an app would)
 * against a loopback server speaking Paystack's dialect (test/servers/paystack-server.ts): the
 * bearer secret key, the `{status, message, data, meta}` envelope whose schemas describe the whole
 * body (`envelope.schemas: envelope`), errors with `message`, `type` and `code` under 4xx, a code
 * table, `page` + `perPage` paging to `meta.pageCount` with typed page metadata, and a 429 retried.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  Paystack,
  PaystackDuplicateReferenceError,
  PaystackError,
  PaystackInvalidParamsError,
  RateLimitError,
} from "../../generated/paystack/dist/index.js";
import { BANKS, CUSTOMERS, PAYSTACK_SECRET_KEY, TRANSACTIONS, paystackExamples, rateLimited, startPaystackServer } from "../servers/paystack-server.js";
import type { ProviderServer } from "../servers/provider-kit.js";

let server: ProviderServer;
beforeAll(async () => {
  server = await startPaystackServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const paystack = (secretKey = PAYSTACK_SECRET_KEY) => new Paystack({ secretKey, baseUrl: server.url, maxRetries: 2, maxRetryWait: 5_000 });
/** What the server sent, as JSON carries it (an `undefined` in a list arrives as null). */
const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const failure = (call: () => PromiseLike<unknown>) => Promise.resolve(call()).then(
  () => undefined,
  (error: unknown) => error,
);

describe("the envelope: status true, the payload in data", () => {
  it("a fetch resolves to data, typed from the whole-body schema", async () => {
    const transaction = await paystack().transaction.fetch(Number(TRANSACTIONS[0]?.["id"]));
    expect(transaction).toEqual(wire(TRANSACTIONS[0]));
    expectTypeOf(transaction.reference).toEqualTypeOf<string>();
  });

  it("sends the secret key as a bearer token", async () => {
    await paystack().customer.fetch(String(CUSTOMERS[0]?.["customer_code"]));
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${PAYSTACK_SECRET_KEY}`);
  });

  it("a create resolves to data", async () => {
    const created = await paystack().transaction.initialize({ email: "a@b.co", amount: 500, reference: "new-ref" });
    expect(created).toEqual({ authorization_url: "https://checkout.paystack.com/new-ref", access_code: "access-new-ref", reference: "new-ref" });
  });
});

describe("errors: status false with message, type and code", () => {
  it.each([
    {
      name: "a wrong key is a 401",
      call: () => paystack("sk_test_wrong").customer.fetch("CUS_x"),
      want: { cls: () => AuthenticationError, status: 401, message: "Invalid key", code: undefined },
    },
    {
      name: "an unknown transaction is a 404",
      call: () => paystack().transaction.fetch(1),
      want: { cls: () => NotFoundError, status: 404, message: "Entity not found", code: undefined },
    },
    {
      name: "a duplicate reference is the code's class",
      call: () => paystack().transaction.initialize({ email: "a@b.co", amount: 1, reference: "ref-1" }),
      want: { cls: () => PaystackDuplicateReferenceError, status: 400, message: String(paystackExamples.duplicateReference["message"]), code: "duplicate_reference" },
    },
    {
      name: "an empty email is invalid_params",
      call: () => paystack().customer.create({ email: "" }),
      want: { cls: () => PaystackInvalidParamsError, status: 400, message: "Invalid Email Address Passed", code: "invalid_params" },
    },
  ])("$name", async ({ call, want }) => {
    const error = await failure(call);
    expect(error).toBeInstanceOf(want.cls());
    expect(error).toBeInstanceOf(PaystackError);
    expect(error).toMatchObject({ status: want.status, message: want.message, code: want.code });
    expect(server.requests).toHaveLength(1);
  });

  it("the code's class is a BadRequestError, and the error keeps type and meta", async () => {
    const error = await failure(() => paystack().customer.create({ email: "" }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ details: { nextStep: "Provide a valid email address" }, body: { type: "validation_error" } });
  });

  it.each([
    { given: "a validation error", call: () => paystack().customer.create({ email: "" }), want: "validation_error" },
    { given: "a duplicate reference", call: () => paystack().transaction.initialize({ email: "a@b.co", amount: 1, reference: "ref-1" }), want: paystackExamples.duplicateReference["type"] },
    { given: "a 404 whose body has no type", call: () => paystack().transaction.fetch(1), want: undefined },
  ])("error.type is the body's `type` ($given), typed from the Error schema", async ({ call, want }) => {
    const error = await failure(call);
    expect(error).toBeInstanceOf(PaystackError);
    const type = (error as PaystackError).type;
    expectTypeOf(type).toEqualTypeOf<"validation_error" | "processor_error" | "api_error" | string | undefined>();
    expect(type).toBe(want);
  });
});

describe("paging: page and perPage to meta.pageCount", () => {
  it.each([
    { name: "transactions by 3", list: () => paystack().transaction.list({ per_page: 3 }), items: TRANSACTIONS, want: ["per_page=3&page=1", "per_page=3&page=2", "per_page=3&page=3"] },
    { name: "transactions by 7: one full page is the last", list: () => paystack().transaction.list({ per_page: 7 }), items: TRANSACTIONS, want: ["per_page=7&page=1"] },
    { name: "customers by 2 (perPage)", list: () => paystack().customer.list({ perPage: "2" }), items: CUSTOMERS, want: ["perPage=2&page=1", "perPage=2&page=2"] },
    { name: "banks by 2, no meta in the schema: until a short page", list: () => paystack().bank.list({ perPage: 2 }), items: BANKS, want: ["perPage=2&page=1", "perPage=2&page=2", "perPage=2&page=3"] },
  ])("$name", async ({ list, items, want }) => {
    const seen: unknown[] = [];
    for await (const item of list()) seen.push(item);
    expect(seen).toEqual(wire(items));
    expect(server.requests.map((r) => r.query.toString())).toEqual(want);
  });

  it("each page carries its meta, typed from the schema", async () => {
    const metas: unknown[] = [];
    for await (const page of paystack().transaction.list({ per_page: 3 }).pages()) {
      expectTypeOf(page.data.meta.pageCount).toEqualTypeOf<number>();
      metas.push({ page: page.data.meta.page, pageCount: page.data.meta.pageCount, total: page.data.meta.total, items: page.items.length });
    }
    expect(metas).toEqual([
      { page: 1, pageCount: 3, total: 7, items: 3 },
      { page: 2, pageCount: 3, total: 7, items: 3 },
      { page: 3, pageCount: 3, total: 7, items: 1 },
    ]);
  });
});

describe("rate limits", () => {
  it("a 429 with Retry-After on a GET is retried and resolves", async () => {
    server.queue("customer_fetch", rateLimited(0));
    const customer = await paystack().customer.fetch(String(CUSTOMERS[0]?.["customer_code"]));
    expect(customer).toMatchObject({ customer_code: CUSTOMERS[0]?.["customer_code"] });
    expect(server.calls.map((c) => c.operationId)).toEqual(["customer_fetch", "customer_fetch"]);
  });

  it("a persistent 429 is a RateLimitError after 1 + maxRetries attempts", async () => {
    server.queue("customer_fetch", rateLimited(0), rateLimited(0), rateLimited(0));
    const error = await failure(() => paystack().customer.fetch("CUS_x"));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, message: "Too many requests" });
    expect(server.calls).toHaveLength(3);
  });
});
