/**
 * Behaviour of the generated route-versioned client (generated/route-versioned/dist, imported as an
 * app would) against a real node:http server on 127.0.0.1 that speaks the dialect
 * (test/servers/route-versioned-server.ts): one client with `v1` and `v2` namespaces and their
 * different customer schemas, a token in `Authorization`, `{error: {code, message, details}}`
 * errors, and X-RateLimit-* headers on every response — read, exposed, waited on after a 429 and
 * used to pace calls when no calls remain. Time is a fake clock shared by client and server: the
 * client's injected `sleep` records each wait and moves the clock, so nothing really waits.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ClientError,
  ErrorObjectError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  RequestValidationError,
  RouteVersioned,
  RouteVersionedError,
  UserAbortError,
  V1Customers,
  V2Customers,
  rateLimitOf,
} from "../../generated/route-versioned/dist/index.js";
import type {
  RateLimitState,
  RouteVersionedOptions,
  V1Customer,
  V1CustomerInput,
  V2Customer,
  V2CustomerInput,
} from "../../generated/route-versioned/dist/index.js";
import { asV1, asV2, errorBody, startRouteVersionedServer } from "../servers/route-versioned-server.js";
import type { RouteVersionedServer } from "../servers/route-versioned-server.js";

const TOKEN = "rv_token_5Kd9qLx2";
const LIMIT = 5;
const WINDOW_SECONDS = 30;

/** A clock that only moves when the client sleeps (or a test says so). */
const clock = {
  time: Date.UTC(2024, 4, 1, 9, 30),
  sleeps: [] as number[],
  now: (): number => clock.time,
  sleep: async (ms: number): Promise<void> => {
    clock.sleeps.push(ms);
    clock.time += ms;
  },
};

let server: RouteVersionedServer;

beforeAll(async () => {
  server = await startRouteVersionedServer({ token: TOKEN, limit: LIMIT, windowSeconds: WINDOW_SECONDS, now: clock.now });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  clock.sleeps.length = 0;
  server.reset();
});

/** A client on the test server with the fake clock (test seams the HttpClient and the rate-limit plug-in read). */
function client(options: Partial<RouteVersionedOptions> = {}): RouteVersioned {
  return new RouteVersioned({
    apiToken: TOKEN,
    baseUrl: server.url,
    ...options,
    now: clock.now,
    sleep: clock.sleep,
  } as RouteVersionedOptions);
}

async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to reject, but it resolved");
}

const ada = { id: "cus_ada", first_name: "Ada", last_name: "Lovelace", email: "ada@example.com" };

// ---------------------------------------------------------------------------------------------

describe("one client, two route versions", () => {
  it("exposes client.v1.customers and client.v2.customers as the versions' own classes", () => {
    const rv = client();
    expect(rv.v1.customers).toBeInstanceOf(V1Customers);
    expect(rv.v2.customers).toBeInstanceOf(V2Customers);
    expect(Object.keys(rv).sort()).toEqual(["core", "v1", "v2"]);
    expectTypeOf(rv.v1.customers.get).returns.resolves.toEqualTypeOf<V1Customer>();
    expectTypeOf(rv.v2.customers.get).returns.resolves.toEqualTypeOf<V2Customer>();
    expectTypeOf(rv.v1.customers.create).parameter(0).toEqualTypeOf<V1CustomerInput>();
    expectTypeOf(rv.v2.customers.create).parameter(0).toEqualTypeOf<V2CustomerInput>();
  });

  it("v1 GET list and get: customers with one `name`", async () => {
    server.seed(ada);
    const rv = client();
    const list: V1Customer[] = await rv.v1.customers.list();
    expect(list).toEqual([asV1(server.store.get("cus_ada")!)]);
    const one = await rv.v1.customers.get("cus_ada");
    expect(one).toEqual({ id: "cus_ada", name: "Ada Lovelace", email: "ada@example.com", created_at: "2024-05-01T09:30:00Z" });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["GET /v1/customers", "GET /v1/customers/cus_ada"]);
  });

  it("v2 GET list and get: the same customer with `first_name` and `last_name`", async () => {
    server.seed(ada);
    const rv = client();
    const list: V2Customer[] = await rv.v2.customers.list();
    expect(list).toEqual([asV2(server.store.get("cus_ada")!)]);
    const one = await rv.v2.customers.get("cus_ada");
    expect(one).toEqual({ id: "cus_ada", first_name: "Ada", last_name: "Lovelace", email: "ada@example.com", created_at: "2024-05-01T09:30:00Z" });
    expect(one).not.toHaveProperty("name");
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["GET /v2/customers", "GET /v2/customers/cus_ada"]);
  });

  it("v1 POST sends the v1 schema as JSON and resolves to the created customer (201)", async () => {
    const created = await client().v1.customers.create({ name: "Grace Hopper", email: null });
    expect(created).toMatchObject({ name: "Grace Hopper", email: null });
    const sent = server.requests[0]!;
    expect(sent.method).toBe("POST");
    expect(sent.path).toBe("/v1/customers");
    expect(sent.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(sent.body)).toEqual({ name: "Grace Hopper", email: null });
    // The same customer, read through v2, has its name split.
    await expect(client().v2.customers.get(created.id)).resolves.toMatchObject({ first_name: "Grace", last_name: "Hopper" });
  });

  it("v2 POST sends the v2 schema and reads back through v1 as one name", async () => {
    const created: V2Customer = await client().v2.customers.create({ first_name: "Katherine", last_name: "Johnson" });
    expect(created).toMatchObject({ first_name: "Katherine", last_name: "Johnson", email: null });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ first_name: "Katherine", last_name: "Johnson" });
    await expect(client().v1.customers.get(created.id)).resolves.toMatchObject({ name: "Katherine Johnson" });
  });

  it.each([
    { version: "v1" as const, body: { name: "Ada King", email: "ada.king@example.com" }, want: { name: "Ada King", email: "ada.king@example.com" } },
    { version: "v2" as const, body: { first_name: "Ada", last_name: "King" }, want: { first_name: "Ada", last_name: "King", email: null } },
  ])("$version PUT sends the body to /$version/customers/{id} and resolves to the update", async ({ version, body, want }) => {
    server.seed(ada);
    const rv = client();
    const updated =
      version === "v1" ? await rv.v1.customers.update("cus_ada", body as V1CustomerInput) : await rv.v2.customers.update("cus_ada", body as V2CustomerInput);
    expect(updated).toMatchObject({ id: "cus_ada", ...want });
    expect(server.requests[0]).toMatchObject({ method: "PUT", path: `/${version}/customers/cus_ada` });
    expect(JSON.parse(server.requests[0]!.body)).toEqual(body);
  });

  it.each(["v1", "v2"] as const)("%s DELETE resolves to undefined (204); the customer is then a NotFoundError in both versions", async (version) => {
    server.seed(ada);
    const rv = client();
    await expect(rv[version].customers.delete("cus_ada")).resolves.toBeUndefined();
    expect(server.requests[0]).toMatchObject({ method: "DELETE", path: `/${version}/customers/cus_ada` });
    expect(await rejection(rv.v1.customers.get("cus_ada"))).toBeInstanceOf(NotFoundError);
    expect(await rejection(rv.v2.customers.get("cus_ada"))).toBeInstanceOf(NotFoundError);
  });

  it("percent-encodes ids in the path", async () => {
    const error = await rejection(client().v2.customers.get("a/b c?d"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(server.requests[0]?.url).toBe("/v2/customers/a%2Fb%20c%3Fd");
    expect((error as NotFoundError).details).toEqual({ id: "a/b c?d" });
  });
});

// ---------------------------------------------------------------------------------------------

describe("the token in Authorization", () => {
  it("sends `Bearer <token>` on every call, in both versions", async () => {
    server.seed(ada);
    const rv = client();
    await rv.v1.customers.get("cus_ada");
    await rv.v2.customers.list();
    await rv.v2.customers.delete("cus_ada");
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it.each([
    { authScheme: "Token", want: `Token ${TOKEN}` },
    { authScheme: "", want: TOKEN },
  ])("authScheme $authScheme sends $want", async ({ authScheme, want }) => {
    const seen: (string | null)[] = [];
    const rv = new RouteVersioned({
      apiToken: TOKEN,
      authScheme,
      baseUrl: "https://api.example.test",
      fetch: async (_input, init) => {
        seen.push(new Headers(init?.headers).get("authorization"));
        return Response.json([]);
      },
    });
    await rv.v1.customers.list();
    expect(seen).toEqual([want]);
  });

  it("a server expecting another scheme word is served once authScheme says it", async () => {
    const tokenServer = await startRouteVersionedServer({ token: TOKEN, scheme: "Token" });
    try {
      const wrong = new RouteVersioned({ apiToken: TOKEN, baseUrl: tokenServer.url, maxRetries: 0 });
      expect(await rejection(wrong.v1.customers.list())).toBeInstanceOf(AuthenticationError);
      const right = new RouteVersioned({ apiToken: TOKEN, authScheme: "Token", baseUrl: tokenServer.url });
      await expect(right.v1.customers.list()).resolves.toEqual([]);
      expect(tokenServer.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Token ${TOKEN}`]);
    } finally {
      await tokenServer.close();
    }
  });

  it.each([
    { name: "no token", given: {}, want: /apiToken is required/ },
    { name: "an empty token", given: { apiToken: "" }, want: /apiToken is required/ },
    { name: "a token with a line break", given: { apiToken: `${TOKEN}\n` }, want: /apiToken/ },
    { name: "a scheme with a space", given: { apiToken: TOKEN, authScheme: "Bearer x" }, want: /authScheme must be one word/ },
    { name: "a scheme that is no string", given: { apiToken: TOKEN, authScheme: 7 }, want: /authScheme must be a string/ },
    { name: "pacing that is no boolean", given: { apiToken: TOKEN, rateLimitPacing: "no" }, want: /rateLimitPacing must be true or false/ },
  ])("$name: RequestValidationError at construction, naming the option, not the token", ({ given, want }) => {
    let thrown: unknown;
    try {
      new RouteVersioned({ baseUrl: server.url, ...given } as unknown as RouteVersionedOptions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RequestValidationError);
    expect((thrown as Error).message).toMatch(want);
    expect((thrown as Error).message).not.toContain(TOKEN);
    expect(server.requests).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------

describe("error bodies become typed errors with code, message and details", () => {
  it.each([
    {
      name: "400 invalid input",
      ErrorClass: BadRequestError,
      call: (rv: RouteVersioned) => rv.v1.customers.create({} as V1CustomerInput),
      status: 400,
      code: "invalid_request",
      message: "name is required.",
      details: { field: "name", problem: "required" },
    },
    {
      name: "400 a v1 field sent to v2",
      ErrorClass: BadRequestError,
      call: (rv: RouteVersioned) => rv.v2.customers.create({ first_name: "A", last_name: "B", name: "A B" } as V2CustomerInput),
      status: 400,
      code: "invalid_request",
      message: "name is not a v2 customer field.",
      details: { field: "name", problem: "unknown" },
    },
    {
      name: "401 wrong token",
      ErrorClass: AuthenticationError,
      call: (rv: RouteVersioned) => new RouteVersioned({ apiToken: "wrong", baseUrl: server.url }).v2.customers.list(),
      status: 401,
      code: "unauthorized",
      message: "Authentication failure or invalid token.",
      details: {},
    },
    {
      name: "404 unknown customer",
      ErrorClass: NotFoundError,
      call: (rv: RouteVersioned) => rv.v1.customers.get("cus_missing"),
      status: 404,
      code: "customer_not_found",
      message: "No customer with id cus_missing.",
      details: { id: "cus_missing" },
    },
    {
      name: "500 server error (retried, then thrown)",
      ErrorClass: InternalServerError,
      call: (rv: RouteVersioned) => {
        const failure = { status: 500, body: errorBody("internal_error", "Unexpected server error.", { trace: "t-1" }) };
        server.failNext(failure, failure, failure);
        return rv.v2.customers.list();
      },
      status: 500,
      code: "internal_error",
      message: "Unexpected server error.",
      details: { trace: "t-1" },
    },
  ])("$name → $ErrorClass.name", async ({ ErrorClass, call, status, code, message, details }) => {
    const error = await rejection(call(client()));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(RouteVersionedError);
    expect(error).toBeInstanceOf(ErrorObjectError);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(ClientError);
    const apiError = error as RouteVersionedError;
    expect(apiError.name).toBe(ErrorClass.name);
    expect({ status: apiError.status, code: apiError.code, message: apiError.message, details: apiError.details }).toEqual({ status, code, message, details });
    expect(apiError.body).toEqual({ error: { code, message, details } });
    // Rate-limit state rides on every error too.
    expect(rateLimitOf(apiError)).toMatchObject({ limit: LIMIT });
  });

  it("a 500 on GET is retried (default 2 retries) before it is thrown; 400 and 404 are not", async () => {
    server.failNext({ status: 500, body: errorBody("internal_error", "Oops.") });
    server.seed(ada);
    await expect(client().v1.customers.get("cus_ada")).resolves.toMatchObject({ name: "Ada Lovelace" });
    expect(server.requests).toHaveLength(2);
    server.reset();
    await rejection(client().v1.customers.get("nope"));
    expect(server.requests).toHaveLength(1);
  });

  it("typed `details` is unknown: callers narrow it", () => {
    expectTypeOf<RouteVersionedError["details"]>().toEqualTypeOf<unknown>();
    expectTypeOf<RouteVersionedError["code"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<RateLimitError["rateLimit"]>().toEqualTypeOf<RateLimitState | undefined>();
  });
});

// ---------------------------------------------------------------------------------------------

describe("rate limits", () => {
  it("every response's X-RateLimit-* headers are exposed on withResponse() (typed, and as meta.rateLimit)", async () => {
    const rv = client();
    const first = await rv.v1.customers.list().withResponse();
    expect(first.response.headers.get("x-ratelimit-remaining")).toBe(String(LIMIT - 1));
    const state = rateLimitOf(first.response);
    expect(state).toEqual({ limit: LIMIT, remaining: LIMIT - 1, resetAfter: WINDOW_SECONDS, resetAt: clock.time + WINDOW_SECONDS * 1000 });
    expect(first.response.meta["rateLimit"]).toEqual(state);
    expectTypeOf(state).toEqualTypeOf<RateLimitState | undefined>();

    const second = await rv.v2.customers.list().withResponse();
    expect(rateLimitOf(second.response)).toMatchObject({ remaining: LIMIT - 2 });
  });

  it("a 429 with X-RateLimit-Reset: 7 waits 7 s (the injected sleep) and then succeeds", async () => {
    server.setWindow({ used: LIMIT, resetInSeconds: 7 });
    server.seed(ada);
    const { data, response } = await client().v1.customers.get("cus_ada").withResponse();
    expect(data).toMatchObject({ name: "Ada Lovelace" });
    expect(clock.sleeps).toEqual([7000]);
    expect(server.requests).toHaveLength(2);
    expect(response.status).toBe(200);
    expect(rateLimitOf(response)).toMatchObject({ remaining: LIMIT - 1, resetAfter: WINDOW_SECONDS });
  });

  it("a 429 that cannot be retried is a RateLimitError with rateLimit, retryAfter (seconds), code and details", async () => {
    server.setWindow({ used: LIMIT, resetInSeconds: 12 });
    const error = await rejection(client({ maxRetries: 0 }).v2.customers.list());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toBeInstanceOf(RouteVersionedError);
    const limited = error as RateLimitError;
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toBe(12);
    expect(limited.rateLimit).toEqual({ limit: LIMIT, remaining: 0, resetAfter: 12, resetAt: clock.time + 12_000 });
    expect(limited.code).toBe("rate_limited");
    expect(limited.details).toEqual({ limit: LIMIT, reset: 12 });
    expect(clock.sleeps).toEqual([]);
  });

  it("a POST (not retryable) that meets a 429 is thrown at once with retryAfter", async () => {
    server.setWindow({ used: LIMIT, resetInSeconds: 3 });
    const error = await rejection(client({ rateLimitPacing: false }).v1.customers.create({ name: "Ada Lovelace" }));
    expect(error).toMatchObject({ status: 429, retryAfter: 3 });
    expect(server.requests).toHaveLength(1);
  });

  it("pacing: when Remaining reaches 0 the next call waits for the reset instead of meeting a 429", async () => {
    const rv = client();
    for (let i = 0; i < LIMIT; i++) await rv.v1.customers.list();
    expect(clock.sleeps).toEqual([]);
    clock.time += 10_000; // 20 s of the window left
    const created = await rv.v2.customers.create({ first_name: "Ada", last_name: "Lovelace" });
    expect(created.first_name).toBe("Ada");
    expect(clock.sleeps).toEqual([20_000]);
    expect(server.requests).toHaveLength(LIMIT + 1);
    expect(server.requests.every((r) => r.method !== "POST" || r.path === "/v2/customers")).toBe(true);
  });

  it("pacing is shared by the versions and by concurrent calls of one client: all wait for the one reset", async () => {
    // A sleep that holds each wait until the test releases it, to see who waits before anything is sent.
    const held: { ms: number; release: () => void }[] = [];
    const rv = new RouteVersioned({
      apiToken: TOKEN,
      baseUrl: server.url,
      now: clock.now,
      sleep: (ms: number) => new Promise<void>((release) => held.push({ ms, release })),
    } as RouteVersionedOptions);
    for (let i = 0; i < LIMIT; i++) await rv.v2.customers.list();
    const calls = Promise.all([rv.v1.customers.list(), rv.v2.customers.list(), rv.v1.customers.create({ name: "Ada Lovelace" })]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(held.map((h) => h.ms)).toEqual([WINDOW_SECONDS * 1000, WINDOW_SECONDS * 1000, WINDOW_SECONDS * 1000]);
    expect(server.requests).toHaveLength(LIMIT);
    clock.time += WINDOW_SECONDS * 1000;
    for (const h of held) h.release();
    const [v1List, v2List, created] = await calls;
    expect([Array.isArray(v1List), Array.isArray(v2List), created.name]).toEqual([true, true, "Ada Lovelace"]);
    expect(server.requests).toHaveLength(LIMIT + 3);
  });

  it("each client keeps its own state: a fresh client does not wait for another's window", async () => {
    const first = client();
    for (let i = 0; i < LIMIT; i++) await first.v1.customers.list();
    server.setWindow({ used: 0, resetInSeconds: WINDOW_SECONDS });
    await client().v1.customers.list();
    expect(clock.sleeps).toEqual([]);
  });

  it("rateLimitPacing: false sends at once: the call meets the 429, then waits for the reset and retries", async () => {
    const rv = client({ rateLimitPacing: false });
    for (let i = 0; i < LIMIT; i++) await rv.v1.customers.list();
    await expect(rv.v1.customers.list()).resolves.toEqual([]);
    expect(server.requests).toHaveLength(LIMIT + 2);
    expect(clock.sleeps).toEqual([WINDOW_SECONDS * 1000]);
  });

  it("rateLimitPacing: false with maxRetries 0: the call is sent and rejects with RateLimitError", async () => {
    const rv = client({ rateLimitPacing: false, maxRetries: 0 });
    for (let i = 0; i < LIMIT; i++) await rv.v1.customers.list();
    const error = await rejection(rv.v1.customers.list());
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).rateLimit?.remaining).toBe(0);
    expect(clock.sleeps).toEqual([]);
  });

  it("a reset further away than maxRetryWait is not slept: the call is sent and the 429 thrown with retryAfter", async () => {
    const rv = client({ maxRetryWait: 5_000 });
    for (let i = 0; i < LIMIT; i++) await rv.v1.customers.list();
    const error = await rejection(rv.v1.customers.list());
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(WINDOW_SECONDS);
    expect(clock.sleeps).toEqual([]);
    expect(server.requests).toHaveLength(LIMIT + 1);
  });

  it("the caller's signal cancels a pacing wait before anything is sent", async () => {
    const controller = new AbortController();
    const rv = new RouteVersioned({
      apiToken: TOKEN,
      baseUrl: server.url,
      now: clock.now,
      // A sleep that never ends by itself: only the abort can end the wait.
      sleep: () => new Promise<void>(() => {}),
    } as RouteVersionedOptions);
    for (let i = 0; i < LIMIT; i++) await rv.v1.customers.list();
    const pending = rv.v1.customers.list({ signal: controller.signal });
    controller.abort();
    expect(await rejection(pending)).toBeInstanceOf(UserAbortError);
    expect(server.requests).toHaveLength(LIMIT);
  });
});
