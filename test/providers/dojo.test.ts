/**
 * The generated Dojo package, imported exactly as an app imports it (the compiled dist/), against
 * a loopback server that speaks Dojo's dialect (test/servers/dojo-server.ts) through Node's own
 * fetch: raw-key Basic auth, the version header, the terminal headers, RFC 7807 errors, the key
 * prefix guard, idempotent retries, and what `withResponse()` exposes.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ClientError,
  ConflictError,
  Dojo,
  DojoProblemError,
  InternalServerError,
  MethodNotAllowedError,
  NotFoundError,
  PermissionDeniedError,
  ProblemDetailsError,
  RateLimitError,
  RequestValidationError,
  ResponseParseError,
  UnprocessableEntityError,
} from "../../generated/dojo/dist/index.js";
import type {
  APIPromise,
  CreateCustomerRequest,
  CreatePaymentIntentRequest,
  CreateRefundRequest,
  CreateTerminalSessionRequest,
  DojoOptions,
  PaymentIntent,
  Refund,
  Terminal,
  TerminalSession,
} from "../../generated/dojo/dist/index.js";
import type { RecordedRequest } from "../helpers/server.js";
import {
  DOJO_PROD_KEY,
  DOJO_SANDBOX_KEY,
  DOJO_VERSION,
  RESELLER_ID,
  SEED_VALIDATION_PROBLEM,
  SOFTWARE_HOUSE_ID,
  examples,
  problem,
  startDojoServer,
} from "../servers/dojo-server.js";
import type { DojoServer } from "../servers/dojo-server.js";

let server: DojoServer;

beforeAll(async () => {
  server = await startDojoServer({ apiKeys: [DOJO_SANDBOX_KEY, DOJO_PROD_KEY] });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
});

/** Client options where `undefined` means "not given" (the terminal ids are set by default). */
type Overrides = { [K in keyof DojoOptions]?: DojoOptions[K] | undefined };

/** A client for the loopback server; terminal ids set unless a test leaves them out. */
function client(overrides: Overrides = {}): Dojo {
  const options: Record<string, unknown> = {
    apiKey: DOJO_SANDBOX_KEY,
    resellerId: RESELLER_ID,
    softwareHouseId: SOFTWARE_HOUSE_ID,
    baseUrl: server.url,
    ...overrides,
  };
  // Left out, as an app that never sets them would: not even present as `undefined`.
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  return new Dojo(options as unknown as DojoOptions);
}

/** The rejection of `promise`, failing the test if it resolves. */
async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to reject, but it resolved");
}

function only(): RecordedRequest {
  expect(server.requests).toHaveLength(1);
  return server.requests[0] as RecordedRequest;
}

// Examples from specs/dojo.yaml, typed as the calls take them.
const autoRequest = examples.createPaymentIntentAuto as CreatePaymentIntentRequest;
const manualRequest = examples.createPaymentIntentManual as CreatePaymentIntentRequest;
const customerRequest = examples.createCustomer as CreateCustomerRequest;
const saleRequest = examples.createTerminalSessionSale as CreateTerminalSessionRequest;
const refundRequest = examples.createRefund as CreateRefundRequest;

interface Call {
  readonly name: string;
  readonly call: (dojo: Dojo) => APIPromise<unknown>;
  readonly method: string;
  readonly path: string;
}

/** Operations outside the Terminals / Terminal sessions scope. */
const nonTerminalCalls: Call[] = [
  { name: "paymentIntents.create", call: (d) => d.paymentIntents.create(autoRequest), method: "POST", path: "/payment-intents" },
  {
    name: "paymentIntents.get",
    call: (d) => d.paymentIntents.get("pi_sandbox_S_zeCMipQkSG9fFmqS-ceQ"),
    method: "GET",
    path: "/payment-intents/pi_sandbox_S_zeCMipQkSG9fFmqS-ceQ",
  },
  { name: "paymentIntents.search", call: (d) => d.paymentIntents.search({}), method: "POST", path: "/payment-intents/search" },
  { name: "webhooks.getAll", call: (d) => d.webhooks.getAll(), method: "GET", path: "/webhooks/events" },
  { name: "webhooks.getAlSubscriptions", call: (d) => d.webhooks.getAlSubscriptions(), method: "GET", path: "/webhooks" },
  { name: "customers.create", call: (d) => d.customers.create(customerRequest), method: "POST", path: "/customers" },
  {
    name: "refunds.create",
    call: (d) => d.refunds.create("pi_sandbox_RBMHTJ4fIkmSppDILZVCGw", { ...refundRequest, idempotencyKey: "rf-1" }),
    method: "POST",
    path: "/payment-intents/pi_sandbox_RBMHTJ4fIkmSppDILZVCGw/refunds",
  },
];

/** Every operation in the Terminals and Terminal sessions scope. */
const terminalCalls: Call[] = [
  { name: "terminals.list", call: (d) => d.terminals.list(), method: "GET", path: "/terminals" },
  {
    name: "terminals.get",
    call: (d) => d.terminals.get("tm_sandbox_65c5fe8a104a1222b2d8b968"),
    method: "GET",
    path: "/terminals/tm_sandbox_65c5fe8a104a1222b2d8b968",
  },
  { name: "terminalSessions.create", call: (d) => d.terminalSessions.create(saleRequest), method: "POST", path: "/terminal-sessions" },
  {
    name: "terminalSessions.get",
    call: (d) => d.terminalSessions.get("ts_sandbox_65cd5f4a57ba13ad7424acd0"),
    method: "GET",
    path: "/terminal-sessions/ts_sandbox_65cd5f4a57ba13ad7424acd0",
  },
  {
    name: "terminalSessions.cancel",
    call: (d) => d.terminalSessions.cancel("ts_sandbox_65cd5f4a57ba13ad7424acd0"),
    method: "PUT",
    path: "/terminal-sessions/ts_sandbox_65cd5f4a57ba13ad7424acd0/cancel",
  },
  {
    name: "terminalSessions.signature",
    call: (d) => d.terminalSessions.signature("ts_sandbox_65cd5f4a57ba13ad7424acd0", { accepted: true }),
    method: "PUT",
    path: "/terminal-sessions/ts_sandbox_65cd5f4a57ba13ad7424acd0/signature",
  },
];

describe("the Dojo-dialect server itself (so the assertions below mean something)", () => {
  const base64Key = Buffer.from(DOJO_SANDBOX_KEY).toString("base64");
  it.each([
    { given: "no Authorization", headers: { version: DOJO_VERSION }, path: "/webhooks/events", want: 401 },
    { given: "base64 of the key", headers: { authorization: `Basic ${base64Key}`, version: DOJO_VERSION }, path: "/webhooks/events", want: 401 },
    { given: "Bearer <key>", headers: { authorization: `Bearer ${DOJO_SANDBOX_KEY}`, version: DOJO_VERSION }, path: "/webhooks/events", want: 401 },
    { given: "no version", headers: { authorization: `Basic ${DOJO_SANDBOX_KEY}` }, path: "/webhooks/events", want: 400 },
    { given: "another version", headers: { authorization: `Basic ${DOJO_SANDBOX_KEY}`, version: "2026-02-27" }, path: "/webhooks/events", want: 400 },
    { given: "a terminal call without its headers", headers: { authorization: `Basic ${DOJO_SANDBOX_KEY}`, version: DOJO_VERSION }, path: "/terminals", want: 400 },
    { given: "a well-formed call", headers: { authorization: `Basic ${DOJO_SANDBOX_KEY}`, version: DOJO_VERSION }, path: "/webhooks/events", want: 200 },
  ])("$given → $want", async ({ headers, path, want }) => {
    const response = await fetch(`${server.url}${path}`, { headers });
    expect(response.status).toBe(want);
    if (want !== 200) expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    await response.text();
  });
});

describe("Dojo: credentials and the version header", () => {
  it.each([...nonTerminalCalls, ...terminalCalls])(
    "$name sends Authorization: Basic <raw key> and version: 2024-02-05",
    async ({ call, method, path }) => {
      await call(client());
      const sent = only();
      expect(sent.method).toBe(method);
      expect(sent.path).toBe(path);
      expect(sent.headers["authorization"]).toBe(`Basic ${DOJO_SANDBOX_KEY}`);
      // The raw key, not HTTP Basic's base64(user:password) and not base64(key).
      expect(sent.headers["authorization"]).not.toBe(`Basic ${Buffer.from(DOJO_SANDBOX_KEY).toString("base64")}`);
      expect(sent.headers["authorization"]).not.toBe(`Basic ${Buffer.from(`${DOJO_SANDBOX_KEY}:`).toString("base64")}`);
      expect(sent.headers["version"]).toBe(DOJO_VERSION);
      expect(sent.headers["accept"]).toBe("application/json");
    },
  );

  it("a production key travels the same way (raw, after `Basic `)", async () => {
    await client({ apiKey: DOJO_PROD_KEY }).webhooks.getAll();
    expect(only().headers["authorization"]).toBe(`Basic ${DOJO_PROD_KEY}`);
  });

  it("a key the server does not know is a 401 AuthenticationError carrying Dojo's problem document", async () => {
    const error = await rejection(client({ apiKey: "sk_sandbox_revoked" }).paymentIntents.get("pi_sandbox_1"));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toBeInstanceOf(DojoProblemError);
    expect(error).toMatchObject({ status: 401, title: "Unauthorized" });
    // The key the caller passed must not leak into the message.
    expect((error as Error).message).not.toContain("sk_sandbox_revoked");
    // 401 is not retried.
    expect(server.requests).toHaveLength(1);
  });
});

describe("Dojo: payment intents", () => {
  it.each([
    { given: "Auto", request: autoRequest, want: examples.paymentIntentAuto },
    { given: "Manual", request: manualRequest, want: examples.paymentIntentManual },
  ])("create($given example) sends the JSON body and resolves to the PaymentIntent example", async ({ request, want }) => {
    const intent: PaymentIntent = await client().paymentIntents.create(request);

    const sent = only();
    expect(sent.headers["content-type"]).toMatch(/^application\/json\b/);
    expect(JSON.parse(sent.body)).toEqual(request);
    expect(intent).toEqual(want);
    // Typed access: these compile only because the result is a PaymentIntent.
    expect(intent.amount?.value).toBe(1000);
    expect(intent.amount?.currencyCode).toBe("GBP");
    expect(intent.status).toBe("Created");
    expect(intent.captureMode).toBe((request as { captureMode?: string }).captureMode);
  });

  it.each([
    { given: "pi_sandbox_S_zeCMipQkSG9fFmqS-ceQ", wantPath: "/payment-intents/pi_sandbox_S_zeCMipQkSG9fFmqS-ceQ" },
    { given: "pi_sandbox_a/b", wantPath: "/payment-intents/pi_sandbox_a%2Fb" },
    { given: "pi_sandbox_x y?z#w&v=1", wantPath: "/payment-intents/pi_sandbox_x%20y%3Fz%23w%26v%3D1" },
    { given: "pi_sandbox_é", wantPath: "/payment-intents/pi_sandbox_%C3%A9" },
  ])("get($given) encodes the id as one path segment", async ({ given, wantPath }) => {
    const intent = await client().paymentIntents.get(given);
    const sent = only();
    expect(sent.url).toBe(wantPath); // nothing leaked into a query string or another segment
    expect(sent.query.size).toBe(0);
    // The server decoded the same id the caller passed and echoed it back.
    expect(intent).toEqual({ ...(examples.paymentIntent as object), id: given });
  });

  it.each([{ given: ".." }, { given: "." }, { given: "" }, { given: "../webhooks" }])(
    'get("$given") is refused before sending: it would address another resource',
    async ({ given }) => {
      const error = await rejection(client().paymentIntents.get(given));
      expect(error).toBeInstanceOf(RequestValidationError);
      expect((error as Error).message).toContain("paymentIntentId");
      expect(server.requests).toHaveLength(0);
    },
  );

  it("searchAll walks every page, sending each response's `after` back as the body's cursor.after beside the criteria", async () => {
    const seen: PaymentIntent[] = [];
    for await (const intent of client().paymentIntents.searchAll({ statuses: ["Captured"], cursor: { limit: 2 } })) seen.push(intent);
    expect(seen).toEqual([examples.paymentIntentAuto, examples.paymentIntentManual, examples.paymentIntentAuto]);
    expect(server.requests.map((r) => JSON.parse(r.body))).toEqual([
      { statuses: ["Captured"], cursor: { limit: 2 } },
      { statuses: ["Captured"], cursor: { limit: 2, after: "2" } },
    ]);
  });

  it("searchAll's pages carry the whole response, typed: the cursors beside the items", async () => {
    const first = await client().customers.searchAll({ limit: 2 });
    expect(first.items.map((c) => c.id)).toEqual(["cu_sandbox_a", "cu_sandbox_b"]);
    const after: string | null | undefined = first.data.after;
    expect(after).toBe("2");
    const sizes: number[] = [];
    for await (const page of client().customers.searchAll({ limit: 2 }).pages()) sizes.push(page.items.length);
    expect(sizes).toEqual([2, 2, 1]);
    expect(server.requests.slice(1).map((r) => JSON.parse(r.body))).toEqual([{ limit: 2 }, { limit: 2, after: "2" }, { limit: 2, after: "4" }]);
  });

  it("search posts its criteria and resolves to the page", async () => {
    const page = await client().paymentIntents.search({ statuses: ["Captured"], cursor: { limit: 2 } });
    expect(JSON.parse(only().body)).toEqual({ statuses: ["Captured"], cursor: { limit: 2 } });
    expect(page.data).toEqual([examples.paymentIntentAuto, examples.paymentIntentManual]);
  });
});

describe("Dojo: reseller-id and software-house-id", () => {
  it.each(terminalCalls)("$name sends both terminal headers from the client options", async ({ call, method, path }) => {
    await call(client());
    const sent = only();
    expect(sent.method).toBe(method);
    expect(sent.path).toBe(path);
    expect(sent.headers["reseller-id"]).toBe(RESELLER_ID);
    expect(sent.headers["software-house-id"]).toBe(SOFTWARE_HOUSE_ID);
  });

  it("terminal calls resolve to the spec's examples", async () => {
    const dojo = client();
    const terminals: Terminal[] = await dojo.terminals.list({ statuses: ["Available", "InUse"] });
    expect(terminals).toEqual(examples.terminals);
    expect(terminals.map((t) => t.properties.tid)).toEqual(["VCMPYC8SIP0", "VCMPYC8SIP2"]);
    expect(server.requests[0]?.url).toBe("/terminals?statuses=Available&statuses=InUse");

    const session: TerminalSession = await dojo.terminalSessions.create(saleRequest);
    expect(JSON.parse(server.requests[1]?.body ?? "")).toEqual(saleRequest);
    expect(session).toEqual(examples.terminalSession);
    expect(session.status).toBe("InitiateRequested");

    const signed = await dojo.terminalSessions.signature("ts_sandbox_1", { accepted: false });
    expect(JSON.parse(server.requests[2]?.body ?? "")).toEqual({ accepted: false });
    expect(signed).toEqual(examples.terminalSessionSigned);
  });

  it.each(nonTerminalCalls)("$name never sends them, even when the client has them", async ({ call }) => {
    await call(client());
    const sent = only();
    expect(sent.headers).not.toHaveProperty("reseller-id");
    expect(sent.headers).not.toHaveProperty("software-house-id");
  });

  it.each(nonTerminalCalls)("$name works without them", async ({ call }) => {
    await call(client({ resellerId: undefined, softwareHouseId: undefined }));
    expect(only().headers).not.toHaveProperty("reseller-id");
  });

  const missing = [
    { given: "neither option", options: { resellerId: undefined, softwareHouseId: undefined }, want: "resellerId" },
    { given: "no softwareHouseId", options: { softwareHouseId: undefined }, want: "softwareHouseId" },
    { given: "no resellerId", options: { resellerId: undefined }, want: "resellerId" },
    { given: "an empty resellerId", options: { resellerId: "" }, want: "resellerId" },
  ];
  const cases = terminalCalls.flatMap((call) => missing.map((m) => ({ ...m, name: call.name, call: call.call })));
  it.each(cases)("$name with $given rejects naming $want, and nothing is sent", async ({ options, want, call }) => {
    const dojo = client(options);
    const error = await rejection(call(dojo));
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).not.toBeInstanceOf(APIError);
    expect((error as Error).message).toContain(want);
    expect(server.requests).toHaveLength(0);
  });

  it("the missing option is a rejection, not a synchronous throw", () => {
    const dojo = client({ resellerId: undefined });
    let promise: APIPromise<Terminal[]> | undefined;
    expect(() => {
      promise = dojo.terminals.list();
    }).not.toThrow();
    return expect(promise).rejects.toBeInstanceOf(RequestValidationError);
  });
});

describe("Dojo: RFC 7807 errors", () => {
  it("the seed's validation problem becomes a BadRequestError with every field read out", async () => {
    const error = await rejection(
      client().paymentIntents.create({ amount: { value: 1000, currencyCode: "GBP" } } as CreatePaymentIntentRequest),
    );

    for (const kind of [BadRequestError, DojoProblemError, ProblemDetailsError, APIError, ClientError, Error]) {
      expect(error).toBeInstanceOf(kind);
    }
    const problemError = error as BadRequestError;
    expect(problemError.name).toBe("BadRequestError");
    expect(problemError.status).toBe(400);
    expect(problemError.title).toBe("One or more validation errors occurred.");
    expect(problemError.type).toBe("https://tools.ietf.org/html/rfc7231#section-6.5.1");
    expect(problemError.traceId).toBe("00-a405f077df056a498323ffbcec05923f-aa63e6f4dbbc734a-01");
    expect(problemError.requestId).toBe(problemError.traceId);
    expect(problemError.errors).toEqual({ Reference: ["The Reference field is required."] });
    expect(problemError.errors.Reference).toEqual(["The Reference field is required."]);
    expect(problemError.detail).toBeUndefined();
    expect(problemError.code).toBeUndefined();
    expect(problemError.message).toContain("Reference: The Reference field is required.");
    expect(problemError.message).toContain("One or more validation errors occurred.");
    expect(problemError.body).toEqual(JSON.parse(SEED_VALIDATION_PROBLEM));
    expect(problemError.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    // A 400 is the caller's mistake: not retried.
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    {
      given: "ProblemDetails, trace id under extensions (payment intent 404)",
      call: (d: Dojo) => d.paymentIntents.get("pi_live_missing"),
      want: {
        kind: NotFoundError,
        status: 404,
        title: "Not Found",
        type: "https://tools.ietf.org/html/rfc7231#section-6.5.4",
        detail: "Payment intent pi_live_missing was not found.",
        instance: "/payment-intents/pi_live_missing",
        code: undefined,
        errors: {},
        message: "Not Found. Payment intent pi_live_missing was not found.",
      },
    },
    {
      given: "ErrorResponse (webhooks subscribe with an http URL)",
      call: (d: Dojo) => d.webhooks.subscribe({ events: ["payment_intent.created"], url: "http://example.com/hook" }),
      want: {
        kind: BadRequestError,
        status: 400,
        title: "One or more validation errors occurred.",
        type: "https://tools.ietf.org/html/rfc7231#section-6.5.1",
        detail: "Webhook URLs must use https.",
        instance: undefined,
        code: undefined,
        errors: { Url: ["The Url must be an absolute https URL."] },
        message: "Url: The Url must be an absolute https URL.",
      },
    },
    {
      given: "Error with code TERMINAL_UNAVAILABLE (terminal session on a busy terminal)",
      call: (d: Dojo) => d.terminalSessions.create({ ...saleRequest, terminalId: "tm_sandbox_busy" }),
      want: {
        kind: ConflictError,
        status: 409,
        title: "Terminal unavailable",
        type: "https://docs.dojo.tech/errors/terminal_unavailable",
        detail: "The terminal is busy with another session.",
        instance: undefined,
        code: "TERMINAL_UNAVAILABLE",
        errors: {},
        message: "Terminal unavailable. The terminal is busy with another session.",
      },
    },
    {
      given: "ProblemDetailsTerminals (cancel of a captured session)",
      call: (d: Dojo) => d.terminalSessions.cancel("ts_sandbox_captured"),
      want: {
        kind: UnprocessableEntityError,
        status: 422,
        title: "Unprocessable entity",
        type: "https://tools.ietf.org/html/rfc7231#section-6.5.1",
        detail: "A captured session cannot be canceled.",
        instance: undefined,
        code: undefined,
        errors: { status: ["Session status is Captured."] },
        message: "status: Session status is Captured.",
      },
    },
  ])("$given decodes into the same fields", async ({ call, want }) => {
    const error = await rejection(call(client()));
    expect(error).toBeInstanceOf(want.kind);
    expect(error).toBeInstanceOf(DojoProblemError);
    expect(error).toBeInstanceOf(ProblemDetailsError);
    const e = error as DojoProblemError;
    expect({
      status: e.status,
      title: e.title,
      type: e.type,
      detail: e.detail,
      instance: e.instance,
      code: e.code,
      errors: e.errors,
    }).toEqual({
      status: want.status,
      title: want.title,
      type: want.type,
      detail: want.detail,
      instance: want.instance,
      code: want.code,
      errors: want.errors,
    });
    expect(e.traceId).toBe("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    expect(e.requestId).toBe(e.traceId);
    expect(e.message).toContain(want.message);
    expect(server.requests).toHaveLength(1);
  });

  // POST without an idempotency key: never retried, so each status is seen exactly once.
  it.each([
    { status: 400, want: BadRequestError },
    { status: 401, want: AuthenticationError },
    { status: 403, want: PermissionDeniedError },
    { status: 404, want: NotFoundError },
    { status: 405, want: MethodNotAllowedError },
    { status: 409, want: ConflictError },
    { status: 422, want: UnprocessableEntityError },
    { status: 429, want: RateLimitError },
    { status: 418, want: DojoProblemError },
    { status: 500, want: InternalServerError },
    { status: 503, want: InternalServerError },
  ])("HTTP $status → $want.name", async ({ status, want }) => {
    server.queue({ status, body: problem(status, `Problem ${status}`, { detail: `Detail ${status}.` }) });
    const error = await rejection(client().paymentIntents.create(autoRequest));
    expect(error).toBeInstanceOf(want);
    expect(error).toBeInstanceOf(DojoProblemError);
    expect(error).toMatchObject({ status, title: `Problem ${status}`, detail: `Detail ${status}.` });
    expect((error as Error).message).toBe(`Problem ${status}. Detail ${status}.`);
    const others = [BadRequestError, AuthenticationError, NotFoundError, ConflictError, InternalServerError].filter((k) => k !== want);
    for (const other of others) expect(error).not.toBeInstanceOf(other);
    expect(server.requests).toHaveLength(1);
  });
});

describe("Dojo: the key-prefix guard", () => {
  const refused = [
    { given: "sk_prod_x with environment sandbox", apiKey: "sk_prod_x", environment: "sandbox", prefix: "sk_prod_" },
    { given: "a long production key with environment sandbox", apiKey: DOJO_PROD_KEY, environment: "sandbox", prefix: "sk_prod_" },
    { given: "a sandbox key with environment production", apiKey: DOJO_SANDBOX_KEY, environment: "production", prefix: "sk_sandbox_" },
  ] as const;

  it.each(refused)("$given is refused at construction, naming the prefix but not the key", ({ apiKey, environment, prefix }) => {
    let thrown: unknown;
    try {
      new Dojo({ apiKey, environment, baseUrl: server.url, resellerId: RESELLER_ID, softwareHouseId: SOFTWARE_HOUSE_ID });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RequestValidationError);
    const message = (thrown as Error).message;
    expect(message).toContain(`"${prefix}"`);
    expect(message).toContain(environment);
    expect(message).not.toContain(apiKey);
    // The secret part of a realistic key must not appear either ("x" alone is too short to check).
    const secret = apiKey.slice(prefix.length);
    if (secret.length >= 8) expect(message).not.toContain(secret);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    { given: "a sandbox key, no environment", apiKey: DOJO_SANDBOX_KEY, environment: undefined },
    { given: "a sandbox key, environment sandbox", apiKey: DOJO_SANDBOX_KEY, environment: "sandbox" },
    { given: "a production key, no environment", apiKey: DOJO_PROD_KEY, environment: undefined },
    { given: "a production key, environment production", apiKey: DOJO_PROD_KEY, environment: "production" },
  ] as const)("$given is accepted and works", async ({ apiKey, environment }) => {
    const dojo = client({ apiKey, environment });
    await expect(dojo.webhooks.getAll()).resolves.toEqual(examples.webhookEvents);
    expect(only().headers["authorization"]).toBe(`Basic ${apiKey}`);
  });

  it.each([
    { given: "a key with a trailing newline", apiKey: `${DOJO_SANDBOX_KEY}\n`, want: "apiKey" },
    { given: "no key", apiKey: undefined, want: "apiKey" },
    { given: "an empty key", apiKey: "", want: "apiKey" },
  ])("$given is refused at construction, naming the option", ({ apiKey, want }) => {
    expect(() => new Dojo({ apiKey: apiKey as string, baseUrl: server.url })).toThrow(RequestValidationError);
    try {
      new Dojo({ apiKey: apiKey as string, baseUrl: server.url });
    } catch (error) {
      expect((error as Error).message).toContain(want);
      expect((error as Error).message).not.toContain(DOJO_SANDBOX_KEY);
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe("Dojo: idempotency keys and retries", () => {
  const paymentIntentId = "pi_sandbox_RBMHTJ4fIkmSppDILZVCGw";
  const retryNow = { "retry-after": "0" };

  it("refunds.create sends idempotencyKey as a header and resolves to the Refund", async () => {
    const refund: Refund = await client().refunds.create(paymentIntentId, { ...refundRequest, idempotencyKey: "refund-2024-0001" });
    const sent = only();
    expect(sent.headers["idempotencykey"]).toBe("refund-2024-0001");
    expect(JSON.parse(sent.body)).toEqual(refundRequest);
    expect(refund).toEqual({ ...(examples.refund as object), paymentIntentId });
    expect(refund.refundId).toBe("rfnd_127usj");
  });

  it("a refund failing 500 then succeeding is retried once, with the same key and body", async () => {
    server.queue({ status: 500, headers: retryNow, body: problem(500, "Internal Server Error") });
    const refund = await client().refunds.create(paymentIntentId, { ...refundRequest, idempotencyKey: "refund-retry-1" });

    expect(refund.refundId).toBe("rfnd_127usj");
    expect(server.requests).toHaveLength(2);
    for (const sent of server.requests) {
      expect(sent.method).toBe("POST");
      expect(sent.path).toBe(`/payment-intents/${paymentIntentId}/refunds`);
      expect(sent.headers["idempotencykey"]).toBe("refund-retry-1");
      expect(JSON.parse(sent.body)).toEqual(refundRequest);
    }
  });

  it("a refund that keeps failing gives up after maxRetries, reusing the key each time", async () => {
    const failure = { status: 503, headers: retryNow, body: problem(503, "Service Unavailable") };
    server.queue(failure, failure, failure, failure);
    const error = await rejection(
      client({ maxRetries: 2 }).refunds.create(paymentIntentId, { ...refundRequest, idempotencyKey: "refund-retry-2" }),
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 503 });
    expect(server.requests.map((r) => r.headers["idempotencykey"])).toEqual(["refund-retry-2", "refund-retry-2", "refund-retry-2"]);
  });

  it.each([
    { given: "paymentIntents.create", call: (d: Dojo) => d.paymentIntents.create(autoRequest) },
    { given: "customers.create", call: (d: Dojo) => d.customers.create(customerRequest) },
    { given: "terminalSessions.create", call: (d: Dojo) => d.terminalSessions.create(saleRequest) },
  ])("$given (POST without an idempotency key) failing 503 is NOT retried", async ({ call }) => {
    server.queue({ status: 503, headers: retryNow, body: problem(503, "Service Unavailable") });
    const error = await rejection(call(client()));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);
  });

  it("a GET failing 503 then succeeding is retried (the contrast)", async () => {
    server.queue({ status: 503, headers: retryNow, body: problem(503, "Service Unavailable") });
    const intent = await client().paymentIntents.get("pi_sandbox_S_zeCMipQkSG9fFmqS-ceQ");
    expect(intent.id).toBe("pi_sandbox_S_zeCMipQkSG9fFmqS-ceQ");
    expect(server.requests).toHaveLength(2);
  });
});

describe("Dojo: responses", () => {
  it("withResponse() exposes the status and headers alongside the typed data", async () => {
    const { data, response } = await client().customers.create(customerRequest).withResponse();
    expect(data).toEqual(examples.customer);
    expect(data.id).toBe("cust_sandbox_MJj8Flgfik25x47R4LFbxQ");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.url).toBe(`${server.url}/customers`);
    expect(server.requests).toHaveLength(1);
  });

  it("awaiting and withResponse() share one request", async () => {
    const promise = client().webhooks.getAll();
    const [data, both] = await Promise.all([promise, promise.withResponse()]);
    expect(data).toEqual(examples.webhookEvents);
    expect(both.data).toBe(data);
    expect(server.requests).toHaveLength(1);
  });

  it("a 204 (customers.delete) resolves to undefined", async () => {
    const dojo = client();
    await expect(dojo.customers.delete("cust_sandbox_MJj8Flgfik25x47R4LFbxQ")).resolves.toBeUndefined();
    const { data, response } = await dojo.customers.delete("cust_sandbox_MJj8Flgfik25x47R4LFbxQ").withResponse();
    expect(data).toBeUndefined();
    expect(response.status).toBe(204);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "DELETE /customers/cust_sandbox_MJj8Flgfik25x47R4LFbxQ",
      "DELETE /customers/cust_sandbox_MJj8Flgfik25x47R4LFbxQ",
    ]);
  });

  it("a 502 HTML page from a proxy is an InternalServerError, not a SyntaxError", async () => {
    const html = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
    server.queue({ status: 502, headers: { "content-type": "text/html" }, body: html });
    const error = await rejection(client().paymentIntents.create(autoRequest));
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toBeInstanceOf(DojoProblemError);
    const e = error as InternalServerError;
    expect(e.status).toBe(502);
    expect(e.body).toBe(html);
    expect(e.title).toBeUndefined();
    expect(e.errors).toEqual({});
    expect(e.message).toContain("502");
    expect(e.message).toContain("PaymentIntents_CreatePaymentIntent");
    expect(server.requests).toHaveLength(1);
  });

  it("a 200 whose body is not JSON is a ResponseParseError, not a SyntaxError", async () => {
    server.queue({ status: 200, headers: { "content-type": "text/html" }, body: "<html>maintenance</html>" });
    const error = await rejection(client().paymentIntents.get("pi_sandbox_1"));
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).toMatchObject({ status: 200, bodyText: "<html>maintenance</html>" });
  });
});
