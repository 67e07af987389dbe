/**
 * Behaviour of the generated Square client (generated/square/dist, imported as an app would)
 * against a real node:http server on 127.0.0.1 that speaks Square's dialect
 * (test/servers/square-server.ts): no envelope, `{errors: [{category, code, detail, field}]}`
 * errors — under HTTP 4xx and inside a 200-typed body — read into typed classes by code, opaque
 * cursor paging in the query and in a POST body, a bearer token and `Square-Version` on every call,
 * and a 429 retried. Waits go through an injected `sleep` that records them, so nothing really waits.
 */

import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { parse } from "yaml";
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  Square,
  SquareConflictError,
  SquareError,
  SquareNotFoundError,
  SquarePaymentMethodError,
  SquareRateLimitedError,
  SquareUnauthorizedError,
} from "../../generated/square/dist/index.js";
import type { CatalogObject, Customer, ErrorModel, ListLocationsResponse, SquareOptions } from "../../generated/square/dist/index.js";
import type { ProviderServer } from "../servers/provider-kit.js";
import { CUSTOMERS, SQUARE_TOKEN, SQUARE_VERSION, rateLimited, squareError, squareExamples, startSquareServer } from "../servers/square-server.js";

let server: ProviderServer;
const sleeps: number[] = [];

beforeAll(async () => {
  server = await startSquareServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  sleeps.length = 0;
});

/** A client on the loopback server whose retry waits are recorded, not slept (the HttpClient's `sleep` seam). */
function client(options: Partial<SquareOptions> = {}): Square {
  const sleep = async (ms: number): Promise<void> => {
    sleeps.push(ms);
  };
  return new Square({ accessToken: SQUARE_TOKEN, baseUrl: server.url, ...options, sleep } as SquareOptions);
}

async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to reject, but it resolved");
}

const customerIds = CUSTOMERS.map((customer) => customer["id"]);
const calls = (): string[] => server.calls.map((call) => call.operationId);

describe("success: the resource wrapper as the document declares it", () => {
  it("lists locations: the body as sent, typed as ListLocationsResponse", async () => {
    const locations = await client().locations.list();
    expectTypeOf(locations).toEqualTypeOf<ListLocationsResponse>();
    expect(locations).toEqual(squareExamples.locations);
  });

  it("creates, retrieves, updates and deletes a customer", async () => {
    const square = client();
    const created = await square.customers.create({ given_name: "Ada", family_name: "Lovelace" });
    const customer: Customer | undefined = created.customer;
    expect(customer).toMatchObject({ given_name: "Ada", family_name: "Lovelace", version: 0 });
    const id = customer?.id ?? "";
    expect((await square.customers.retrieve(id)).customer?.id).toBe(id);
    const updated = await square.customers.update(id, { note: "first programmer", version: 0 });
    expect(updated.customer).toMatchObject({ id, note: "first programmer", version: 1 });
    expect(await square.customers.delete(id)).toEqual({});
    expect(calls()).toEqual(["CreateCustomer", "RetrieveCustomer", "UpdateCustomer", "DeleteCustomer"]);
    expect(JSON.parse(server.calls[0]?.request.body ?? "")).toEqual({ given_name: "Ada", family_name: "Lovelace" });
  });
});

describe("auth and required headers", () => {
  it("sends `Authorization: Bearer <token>` and `Square-Version: 2025-08-20` on every call", async () => {
    const square = client();
    await square.locations.list();
    await square.customers.retrieve(String(customerIds[0]));
    await square.customers.search({ limit: 2 });
    const sent = server.requests.map((request) => ({ authorization: request.headers.authorization, version: request.headers["square-version"] }));
    expect(sent).toEqual(Array(3).fill({ authorization: `Bearer ${SQUARE_TOKEN}`, version: SQUARE_VERSION }));
  });

  it("a refused token is a typed authentication error, by Square's code", async () => {
    const error = await rejection(client({ accessToken: "EAAAwrong" }).locations.list());
    expect(error).toBeInstanceOf(SquareUnauthorizedError);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "UNAUTHORIZED", message: expect.stringContaining("This request could not be authorized.") });
  });
});

describe("errors: `errors[0]` read into typed classes, whatever the status", () => {
  it.each([
    {
      given: "a stale version, answered under HTTP 200",
      call: (square: Square) => square.customers.update(String(customerIds[0]), { version: 99, note: "n" }),
      want: { classes: [SquareConflictError, ConflictError], status: 200, code: "CONFLICT", detail: `Customer version 99 is stale; the current version is ${String(CUSTOMERS[0]?.["version"])}.`, field: "version" },
    },
    {
      given: "an unknown customer (404)",
      call: (square: Square) => square.customers.retrieve("NOPE"),
      want: { classes: [SquareNotFoundError, NotFoundError], status: 404, code: "NOT_FOUND", detail: "Customer with ID `NOPE` not found.", field: undefined },
    },
    {
      given: "a create with no identifying field (400, a code without a class of its own)",
      call: (square: Square) => square.customers.create({ note: "nameless" }),
      want: { classes: [BadRequestError], status: 400, code: "MISSING_REQUIRED_PARAMETER", detail: "At least one of given_name, family_name, company_name, email_address, phone_number is required.", field: undefined },
    },
  ])("$given", async ({ call, want }) => {
    const error = await rejection(call(client()));
    for (const errorClass of [...want.classes, SquareError]) expect(error).toBeInstanceOf(errorClass);
    const squareError = error as SquareError;
    expect({ status: squareError.status, code: squareError.code }).toEqual({ status: want.status, code: want.code });
    expect(squareError.message).toContain(want.detail);
    expect(squareError.errors).toEqual([{ category: "INVALID_REQUEST_ERROR", code: want.code, detail: want.detail, ...(want.field === undefined ? {} : { field: want.field }) }]);
  });

  it("`error.errors` is typed from the 200-typed responses' `errors` (Square's Error), where failures arrive", async () => {
    const error = await rejection(client().customers.retrieve("NOPE"));
    expectTypeOf((error as SquareError).errors).toEqualTypeOf<readonly ErrorModel[]>();
    expect((error as SquareError).errors[0]?.category).toBe("INVALID_REQUEST_ERROR");
  });

  it("a business error under 200 is not retried: the update is sent once", async () => {
    await rejection(client().customers.update(String(customerIds[0]), { version: 99 }));
    expect(calls()).toEqual(["UpdateCustomer"]);
  });

  it("a 200 whose `errors` is empty is a success", async () => {
    server.queue("ListLocations", { status: 200, body: { errors: [], locations: [] } });
    await expect(client().locations.list()).resolves.toEqual({ errors: [], locations: [] });
  });
});

describe("errors by `category`, where no code has a class of its own", () => {
  const failure = (status: number, category: string, code: string): { status: number; body: { errors: { category: string; code: string; detail: string }[] } } => ({
    status,
    body: { errors: [{ category, code, detail: `${category} ${code}` }] },
  });
  it.each([
    { given: "AUTHENTICATION_ERROR under HTTP 200", reply: failure(200, "AUTHENTICATION_ERROR", "UNKNOWN_TOKEN"), want: { cls: AuthenticationError, not: BadRequestError, calls: 1 } },
    { given: "INVALID_REQUEST_ERROR under HTTP 200", reply: failure(200, "INVALID_REQUEST_ERROR", "INVALID_VALUE"), want: { cls: BadRequestError, not: NotFoundError, calls: 1 } },
    { given: "API_ERROR under HTTP 200", reply: failure(200, "API_ERROR", "INTERNAL_SERVER_ERROR"), want: { cls: InternalServerError, not: BadRequestError, calls: 1 } },
    { given: "INVALID_REQUEST_ERROR under HTTP 404: the status's class stays", reply: failure(404, "INVALID_REQUEST_ERROR", "INVALID_VALUE"), want: { cls: NotFoundError, not: BadRequestError, calls: 1 } },
    { given: "PAYMENT_METHOD_ERROR under HTTP 402: the category's own class", reply: failure(402, "PAYMENT_METHOD_ERROR", "CARD_DECLINED"), want: { cls: SquarePaymentMethodError, not: BadRequestError, calls: 1 } },
  ])("$given", async ({ reply, want }) => {
    server.queue("ListLocations", reply);
    const error = await rejection(client().locations.list());
    expect(error).toBeInstanceOf(want.cls);
    expect(error).toBeInstanceOf(SquareError);
    expect(error).not.toBeInstanceOf(want.not);
    expect({ status: (error as SquareError).status, code: (error as SquareError).code }).toEqual({ status: reply.status, code: reply.body.errors[0]?.code });
    expect(calls()).toHaveLength(want.calls);
  });

  it("RATE_LIMIT_ERROR under HTTP 200 with a code the table does not list is retried (the category is retryable)", async () => {
    server.queue("ListLocations", failure(200, "RATE_LIMIT_ERROR", "TOO_MANY_REQUESTS"));
    await expect(client().locations.list()).resolves.toEqual(squareExamples.locations);
    expect(calls()).toEqual(["ListLocations", "ListLocations"]);
  });

  it("when its retries run out it is a RateLimitError whose status stays 200", async () => {
    server.queue("ListLocations", ...Array(3).fill(failure(200, "RATE_LIMIT_ERROR", "TOO_MANY_REQUESTS")));
    const error = await rejection(client({ maxRetries: 2 }).locations.list());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 200, code: "TOO_MANY_REQUESTS", retryable: true });
    expect(calls()).toHaveLength(3);
  });
});

describe("paging: an opaque cursor, to the page without one", () => {
  it.each([
    { given: "ListCustomers (cursor in the query)", list: (square: Square) => square.customers.list({ limit: 2 }), operation: "ListCustomers" },
    { given: "SearchCustomers (cursor in the POST body)", list: (square: Square) => square.customers.search({ limit: 2 }), operation: "SearchCustomers" },
  ])("$given walks every customer in three requests", async ({ list, operation }) => {
    const seen: unknown[] = [];
    for await (const customer of list(client())) seen.push(customer.id);
    expect(seen).toEqual(customerIds);
    expect(calls()).toEqual([operation, operation, operation]);
  });

  it("ListCustomers sends the cursor it was given back as ?cursor, and the last page has none", async () => {
    const pages = [];
    for await (const page of client().customers.list({ limit: 2 }).pages()) pages.push({ ids: page.items.map((c) => c.id), cursor: page.data.cursor });
    expect(pages.map((page) => page.ids)).toEqual([customerIds.slice(0, 2), customerIds.slice(2, 4), customerIds.slice(4)]);
    expect(pages[2]?.cursor).toBeUndefined();
    const sent = server.calls.map((call) => call.request.query.get("cursor"));
    expect(sent).toEqual([null, pages[0]?.cursor, pages[1]?.cursor]);
  });

  it("SearchCustomers puts the cursor in the body it was given, which is left alone", async () => {
    const body = { limit: 2 };
    const seen = [];
    for await (const customer of client().customers.search(body)) seen.push(customer.id);
    expect(body).toEqual({ limit: 2 });
    const sent = server.calls.map((call) => JSON.parse(call.request.body) as { limit: number; cursor?: string });
    expect(sent.map((b) => ({ limit: b.limit, hasCursor: b.cursor !== undefined }))).toEqual([
      { limit: 2, hasCursor: false },
      { limit: 2, hasCursor: true },
      { limit: 2, hasCursor: true },
    ]);
  });

  it("ListCatalog pages `objects`", async () => {
    const seen: CatalogObject[] = [];
    for await (const object of client().catalog.list()) seen.push(object);
    expect(seen.map((object) => object.id)).toEqual(["CATALOG000000000000000001", "CATALOG000000000000000002", "CATALOG000000000000000003"]);
    expect(calls()).toEqual(["ListCatalog", "ListCatalog"]);
  });
});

describe("rate limits", () => {
  it("a 429 RATE_LIMITED is retried with backoff and the call succeeds", async () => {
    server.queue("ListLocations", rateLimited());
    await expect(client().locations.list()).resolves.toEqual(squareExamples.locations);
    expect(calls()).toEqual(["ListLocations", "ListLocations"]);
    expect(sleeps).toHaveLength(1);
  });

  it("RATE_LIMITED under HTTP 200 is retried too: the code is marked retryable", async () => {
    server.queue("RetrieveCustomer", squareError(200, "RATE_LIMIT_ERROR", "RATE_LIMITED", "Rate limit exceeded; try again later."));
    const got = await client().customers.retrieve(String(customerIds[0]));
    expect(got.customer?.id).toBe(customerIds[0]);
    expect(calls()).toEqual(["RetrieveCustomer", "RetrieveCustomer"]);
  });

  it("when retries run out, the 429 is a typed, retryable rate-limit error", async () => {
    server.queue("ListLocations", rateLimited(), rateLimited(), rateLimited());
    const error = await rejection(client({ maxRetries: 2 }).locations.list());
    expect(error).toBeInstanceOf(SquareRateLimitedError);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: "RATE_LIMITED", retryable: true });
    expect(calls()).toHaveLength(3);
  });
});

describe("the spec", () => {
  it("repairs the document's one dangling $ref and says how", () => {
    const text = readFileSync(new URL("../../specs/square.yaml", import.meta.url), "utf8");
    const spec = parse(text) as { components: { schemas: Record<string, { enum?: unknown[] }> } };
    expect(spec.components.schemas["CatalogModifierToggleOverrideType"]?.enum).toEqual(["YES", "NO", "NOT_SET"]);
    expect(text).toMatch(/# REPAIR \(clientsmith\): Square's api\.json refers to this schema five times/);
  });
});
