/**
 * HttpClient behaviour, each case run twice: against an injected fetch (fast, exact) and against
 * a real node:http server on 127.0.0.1 through Node's own fetch (sockets, real timeouts).
 */

import { STATUS_CODES } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basicAuth } from "../../templates/runtime/auth-basic.js";
import { HttpClient } from "../../templates/runtime/client.js";
import type { HttpClientConfig } from "../../templates/runtime/client.js";
import { errorFields } from "../../templates/runtime/error-fields.js";
import {
  APIError,
  ConnectionError,
  RequestValidationError,
  ResponseParseError,
  TimeoutError,
  UserAbortError,
} from "../../templates/runtime/errors.js";
import type { ErrorClasses } from "../../templates/runtime/errors.js";
import { scopedHeaders } from "../../templates/runtime/headers.js";
import { ProblemDetailsError } from "../../templates/runtime/problem-details.js";
import { PROBLEM_DETAILS } from "../helpers/problem-details-config.js";
import { envelope } from "../../templates/runtime/envelope.js";
import type { CallInput, OperationDescriptor, RequestOptions } from "../../templates/runtime/types.js";
import { startServer } from "../helpers/server.js";
import type { TestServer } from "../helpers/server.js";

// ---- the provider's error classes, as a generated package would declare them ----

class ValidationProblemError extends ProblemDetailsError {}
class NotFoundError extends APIError {}
class RateLimitError extends APIError {}
class ClientSideError extends APIError {}
class ServerSideError extends APIError {}

const errors: ErrorClasses = {
  byStatus: { 400: ValidationProblemError, 404: NotFoundError, 429: RateLimitError },
  clientError: ClientSideError,
  serverError: ServerSideError,
};

// ---- operations ----

const getStudent: OperationDescriptor = {
  id: "Students_Get",
  method: "GET",
  path: "/students/{jodo_student_id}",
  pathParams: [{ key: "studentId", name: "jodo_student_id" }],
  query: [{ key: "expand", name: "expand" }],
  headers: [{ key: "tenant", name: "X-Tenant" }],
};
const createStudent: OperationDescriptor = { id: "Students_Create", method: "POST", path: "/students", body: "json" };
const createPayment: OperationDescriptor = {
  id: "Payments_Create",
  method: "POST",
  path: "/payments",
  body: "json",
  headers: [{ key: "idempotencyKey", name: "Idempotency-Key" }],
  idempotencyHeader: "Idempotency-Key",
};
const listTerminals: OperationDescriptor = { id: "Terminals_List", method: "GET", path: "/terminals", scopes: ["terminals"] };
const getReport: OperationDescriptor = { id: "Reports_Get", method: "GET", path: "/report", response: "text" };
const deleteThing: OperationDescriptor = { id: "Things_Delete", method: "DELETE", path: "/things/1", response: "none" };

const validationProblem = `{"errors":{"Reference":["The Reference field is required."]},"type":"https://tools.ietf.org/html/rfc7231#section-6.5.1","title":"One or more validation errors occurred.","status":400,"traceId":"00-a405f077df056a498323ffbcec05923f-aa63e6f4dbbc734a-01"}`;

// ---- transports: the same replies served by a fake fetch or a loopback server ----

interface Reply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Objects are sent as JSON. */
  readonly body?: string | object;
  /** Wait this long before answering. */
  readonly delayMs?: number;
  /** Close the connection without answering. */
  readonly drop?: boolean;
}

interface Seen {
  readonly method: string;
  /** Path and query as sent. */
  readonly url: string;
  readonly headers: Headers;
  readonly body: string;
}

interface Served {
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
  readonly seen: () => Seen[];
}

interface Transport {
  readonly name: string;
  /** Answers with `replies` in order; the last one repeats. */
  serve(replies: readonly Reply[]): Served;
}

function replyAt(replies: readonly Reply[], index: number): Reply {
  return replies[Math.min(index, replies.length - 1)] ?? {};
}

function replyBody(reply: Reply): string | undefined {
  if (reply.body === undefined) return undefined;
  return typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
}

function wait(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

const fakeFetch: Transport = {
  name: "injected fetch",
  serve(replies) {
    const seen: Seen[] = [];
    const fetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      seen.push({ method: request.method, url: url.pathname + url.search, headers: request.headers, body: await request.text() });
      const reply = replyAt(replies, seen.length - 1);
      if (reply.delayMs !== undefined) await wait(reply.delayMs, init?.signal);
      if (reply.drop === true) {
        throw new TypeError("fetch failed", { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) });
      }
      const status = reply.status ?? 200;
      return new Response(replyBody(reply) ?? null, {
        status,
        statusText: STATUS_CODES[status] ?? "",
        headers: reply.headers ?? {},
      });
    };
    return { baseUrl: "https://api.example.test/api/v1", fetch: fetchImpl as typeof fetch, seen: () => seen };
  },
};

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

const loopback: Transport = {
  name: "loopback server",
  serve(replies) {
    server.reset();
    server.setHandler(async (request, res) => {
      const reply = replyAt(replies, server.requests.indexOf(request));
      if (reply.delayMs !== undefined) await wait(reply.delayMs);
      if (reply.drop === true) {
        res.socket?.destroy();
        return;
      }
      const body = replyBody(reply);
      const type = typeof reply.body === "object" ? { "content-type": "application/json" } : {};
      res.writeHead(reply.status ?? 200, { ...type, ...reply.headers });
      res.end(body);
    });
    return {
      baseUrl: `${server.url}/api/v1`,
      seen: () =>
        server.requests.map((r) => ({
          method: r.method,
          url: r.url,
          headers: new Headers(
            Object.entries(r.headers).map(([k, v]): [string, string] => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]),
          ),
          body: r.body,
        })),
    };
  },
};

// ---- the cases ----

type ClientTweaks = Partial<Pick<HttpClientConfig, "plugins" | "timeout" | "maxRetries" | "defaultHeaders">>;

interface Case {
  readonly name: string;
  readonly given: {
    readonly operation?: OperationDescriptor;
    readonly input?: CallInput;
    readonly options?: RequestOptions;
    readonly client?: ClientTweaks;
    readonly replies: readonly Reply[];
  };
  readonly want: {
    /** The resolved value; ignored when `error` is set. */
    readonly data?: unknown;
    readonly error?: {
      readonly class: abstract new (...args: never[]) => Error;
      readonly message?: string | RegExp;
      readonly fields?: Readonly<Record<string, unknown>>;
    };
    /** How many requests reached the transport. */
    readonly requests?: number;
    /** Waits the client asked for between attempts. */
    readonly delays?: readonly number[];
    /** What the first request looked like; a `null` header means "absent". */
    readonly sent?: {
      readonly method?: string;
      readonly url?: string;
      readonly headers?: Readonly<Record<string, string | null>>;
      readonly body?: string;
    };
  };
}

const cases: readonly Case[] = [
  {
    name: "GET returns the parsed JSON body",
    given: {
      input: { path: { studentId: "s 1" }, query: { expand: "fees" } },
      replies: [{ body: { id: "s 1", name: "Ada" } }],
    },
    want: {
      data: { id: "s 1", name: "Ada" },
      requests: 1,
      sent: {
        method: "GET",
        url: "/api/v1/students/s%201?expand=fees",
        headers: { accept: "application/json", "content-type": null },
        body: "",
      },
    },
  },
  {
    name: "POST sends the body as JSON",
    given: { operation: createStudent, input: { body: { name: "Ada", tags: ["x"] } }, replies: [{ status: 201, body: { id: 7 } }] },
    want: {
      data: { id: 7 },
      sent: { method: "POST", url: "/api/v1/students", headers: { "content-type": "application/json" }, body: '{"name":"Ada","tags":["x"]}' },
    },
  },
  {
    name: "header params, default headers and per-call headers, most specific wins",
    given: {
      input: { path: { studentId: "1" }, headers: { tenant: "t-9" } },
      options: { headers: { "x-overridden": "call", accept: "application/vnd.x+json" } },
      client: { defaultHeaders: { "x-default": "d", "x-overridden": "default", "X-Tenant": "default-tenant" } },
      replies: [{ body: {} }],
    },
    want: {
      data: {},
      sent: {
        headers: { "x-default": "d", "x-overridden": "call", "x-tenant": "t-9", accept: "application/vnd.x+json" },
      },
    },
  },
  {
    name: "204 resolves to undefined",
    given: { operation: deleteThing, replies: [{ status: 204 }] },
    want: { data: undefined },
  },
  {
    name: "an empty 200 JSON body resolves to undefined",
    given: { input: { path: { studentId: "1" } }, replies: [{ status: 200, body: "" }] },
    want: { data: undefined },
  },
  {
    name: "text operations return the body as a string",
    given: { operation: getReport, replies: [{ body: "a,b\n1,2\n", headers: { "content-type": "text/csv" } }] },
    want: { data: "a,b\n1,2\n", sent: { headers: { accept: "*/*" } } },
  },
  {
    name: "response none ignores whatever the body is",
    given: { operation: deleteThing, replies: [{ status: 200, body: "not json" }] },
    want: { data: undefined },
  },
  {
    name: "invalid JSON is a ResponseParseError, never a SyntaxError",
    given: {
      input: { path: { studentId: "1" } },
      replies: [{ body: "<html>maintenance</html>", headers: { "content-type": "text/html" } }],
    },
    want: {
      error: {
        class: ResponseParseError,
        message: "Students_Get returned a body that is not valid JSON (status 200)",
        fields: { status: 200, bodyText: "<html>maintenance</html>" },
      },
    },
  },
  {
    name: "404 becomes the package's NotFoundError with the server's message and request id",
    given: {
      input: { path: { studentId: "404" } },
      replies: [{ status: 404, body: { message: "Student not found" }, headers: { "x-request-id": "req-1" } }],
    },
    want: {
      error: {
        class: NotFoundError,
        message: "Student not found",
        fields: { status: 404, requestId: "req-1", body: { message: "Student not found" }, code: undefined },
      },
      requests: 1,
    },
  },
  {
    name: "default decoder reads {error: {message, code}} and request-id",
    given: {
      input: { path: { studentId: "1" } },
      replies: [{ status: 422, body: { error: { message: "Name too long", code: "name_length" } }, headers: { "request-id": "r-2" } }],
    },
    want: { error: { class: ClientSideError, message: "Name too long", fields: { status: 422, code: "name_length", requestId: "r-2" } } },
  },
  {
    name: "an error without a readable body gets a message naming status, route and operation",
    given: { input: { path: { studentId: "1" } }, options: { maxRetries: 0 }, replies: [{ status: 500 }] },
    want: {
      error: {
        class: ServerSideError,
        message: "HTTP 500 Internal Server Error for GET /students/{jodo_student_id} (Students_Get)",
        fields: { status: 500, body: undefined },
      },
    },
  },
  {
    name: "a non-JSON error body is kept as text",
    given: { input: { path: { studentId: "1" } }, options: { maxRetries: 0 }, replies: [{ status: 502, body: "<h1>Bad gateway</h1>" }] },
    want: { error: { class: ServerSideError, fields: { status: 502, body: "<h1>Bad gateway</h1>" } } },
  },
  {
    name: "problem details: validation errors become the message, traceId the request id",
    given: {
      operation: createStudent,
      input: { body: {} },
      client: { plugins: [errorFields(PROBLEM_DETAILS)] },
      replies: [{ status: 400, body: validationProblem, headers: { "content-type": "application/problem+json" } }],
    },
    want: {
      error: {
        class: ValidationProblemError,
        message: "One or more validation errors occurred. Reference: The Reference field is required.",
        fields: {
          status: 400,
          requestId: "00-a405f077df056a498323ffbcec05923f-aa63e6f4dbbc734a-01",
          traceId: "00-a405f077df056a498323ffbcec05923f-aa63e6f4dbbc734a-01",
          title: "One or more validation errors occurred.",
          errors: { Reference: ["The Reference field is required."] },
        },
      },
    },
  },
  {
    name: "code/message errors with the provider's request id header",
    given: {
      input: { path: { studentId: "1" } },
      client: { plugins: [errorFields({ code: ["errorCode"], message: ["errorMessage"], requestIdHeader: "x-trace-id" })] },
      replies: [{ status: 404, body: { errorCode: "HUE00000", errorMessage: "No such student" }, headers: { "x-trace-id": "tr-7" } }],
    },
    want: { error: { class: NotFoundError, message: "No such student", fields: { code: "HUE00000", requestId: "tr-7" } } },
  },
  {
    name: "status envelope: data is unwrapped",
    given: {
      input: { path: { studentId: "1" } },
      client: { plugins: [envelope({ data: [["data"], ["message"]], success: { path: ["status"], equals: ["success"] } })] },
      replies: [{ body: { status: "success", data: [{ id: 1 }] } }],
    },
    want: { data: [{ id: 1 }] },
  },
  {
    name: "status envelope: a failure inside a 200 is thrown",
    given: {
      input: { path: { studentId: "1" } },
      client: { plugins: [envelope({ data: [["data"], ["message"]], success: { path: ["status"], equals: ["success"] } })] },
      replies: [{ body: { status: "error", message: "Student is archived" }, headers: { "x-request-id": "r-3" } }],
    },
    want: {
      error: {
        class: ClientSideError,
        message: "Student is archived",
        fields: { status: 200, requestId: "r-3", body: { status: "error", message: "Student is archived" } },
      },
    },
  },
  {
    name: "GET: 429 then 200 is retried after the backoff",
    given: { input: { path: { studentId: "1" } }, replies: [{ status: 429 }, { body: { id: 1 } }] },
    want: { data: { id: 1 }, requests: 2, delays: [500] },
  },
  {
    name: "Retry-After seconds are honoured",
    given: { input: { path: { studentId: "1" } }, replies: [{ status: 503, headers: { "retry-after": "2" } }, { body: { id: 1 } }] },
    want: { data: { id: 1 }, requests: 2, delays: [2000] },
  },
  {
    name: "gives up after maxRetries (default 2) with the last error",
    given: { input: { path: { studentId: "1" } }, replies: [{ status: 500, body: { message: "boom" } }] },
    want: { error: { class: ServerSideError, message: "boom" }, requests: 3, delays: [500, 1000] },
  },
  {
    name: "per-call maxRetries 0 disables retries",
    given: { input: { path: { studentId: "1" } }, options: { maxRetries: 0 }, replies: [{ status: 429 }] },
    want: { error: { class: RateLimitError }, requests: 1, delays: [] },
  },
  {
    name: "client-wide maxRetries",
    given: { input: { path: { studentId: "1" } }, client: { maxRetries: 1 }, replies: [{ status: 503 }] },
    want: { error: { class: ServerSideError }, requests: 2 },
  },
  {
    name: "non-retryable status is not retried",
    given: { input: { path: { studentId: "1" } }, replies: [{ status: 400, body: { title: "Bad" } }] },
    want: { error: { class: ValidationProblemError, message: "Bad" }, requests: 1 },
  },
  {
    name: "POST is not retried on 503",
    given: { operation: createStudent, input: { body: { name: "Ada" } }, replies: [{ status: 503 }, { status: 201, body: {} }] },
    want: { error: { class: ServerSideError, fields: { status: 503 } }, requests: 1, delays: [] },
  },
  {
    name: "POST with an idempotency key is retried",
    given: {
      operation: createPayment,
      input: { body: { amount: 1 }, headers: { idempotencyKey: "key-1" } },
      replies: [{ status: 503 }, { status: 201, body: { id: "pay_1" } }],
    },
    want: { data: { id: "pay_1" }, requests: 2, sent: { headers: { "idempotency-key": "key-1" } } },
  },
  {
    name: "POST that takes an idempotency key gets one generated when none is passed, and is retried",
    given: { operation: createPayment, input: { body: { amount: 1 } }, replies: [{ status: 503 }] },
    want: { error: { class: ServerSideError }, requests: 3 },
  },
  {
    name: "a slow response is a TimeoutError",
    given: { input: { path: { studentId: "1" } }, options: { timeout: 50, maxRetries: 0 }, replies: [{ delayMs: 400, body: {} }] },
    want: { error: { class: TimeoutError, message: "Students_Get timed out after 50 ms" }, requests: 1 },
  },
  {
    name: "timeouts are retried",
    given: { input: { path: { studentId: "1" } }, client: { timeout: 50, maxRetries: 1 }, replies: [{ delayMs: 400, body: {} }] },
    want: { error: { class: TimeoutError }, requests: 2, delays: [500] },
  },
  {
    name: "a dropped connection is a ConnectionError",
    given: { input: { path: { studentId: "1" } }, options: { maxRetries: 0 }, replies: [{ drop: true }] },
    want: { error: { class: ConnectionError, message: /^Students_Get could not reach / }, requests: 1 },
  },
  {
    name: "a dropped connection on GET is retried",
    given: { input: { path: { studentId: "1" } }, replies: [{ drop: true }, { body: { id: 1 } }] },
    want: { data: { id: 1 }, requests: 2, delays: [500] },
  },
  {
    name: "CR/LF in a per-call header is refused before anything is sent",
    given: { input: { path: { studentId: "1" } }, options: { headers: { "x-note": "a\r\nx-admin: true" } }, replies: [{ body: {} }] },
    want: { error: { class: RequestValidationError, message: /Header "x-note" \(from options.headers\) has a value containing CR, LF or NUL/ }, requests: 0 },
  },
  {
    name: "CR/LF in a header parameter is refused before anything is sent",
    given: { input: { path: { studentId: "1" }, headers: { tenant: "t\n1" } }, replies: [{ body: {} }] },
    want: { error: { class: RequestValidationError, message: /\(from tenant\)/ }, requests: 0 },
  },
  {
    name: "a dot-segment path value is refused before anything is sent",
    given: { input: { path: { studentId: ".." } }, replies: [{ body: {} }] },
    want: { error: { class: RequestValidationError, message: /studentId must not be empty, "\." or "\.\."/ }, requests: 0 },
  },
  {
    name: "scoped header is sent on its operations",
    given: {
      operation: listTerminals,
      client: { plugins: [scopedHeaders({ scopes: [{ scope: "terminals", header: "reseller-id", option: "resellerId", required: true }] }, { resellerId: "r-1" })] },
      replies: [{ body: [] }],
    },
    want: { data: [], sent: { headers: { "reseller-id": "r-1" } } },
  },
  {
    name: "scoped header is not sent outside its scope",
    given: {
      input: { path: { studentId: "1" } },
      client: { plugins: [scopedHeaders({ scopes: [{ scope: "terminals", header: "reseller-id", option: "resellerId", required: true }] }, { resellerId: "r-1" })] },
      replies: [{ body: {} }],
    },
    want: { data: {}, sent: { headers: { "reseller-id": null } } },
  },
  {
    name: "a missing required scoped option is refused, naming it",
    given: {
      operation: listTerminals,
      client: { plugins: [scopedHeaders({ scopes: [{ scope: "terminals", header: "reseller-id", option: "resellerId", required: true }] }, {})] },
      replies: [{ body: [] }],
    },
    want: { error: { class: RequestValidationError, message: "resellerId is required for Terminals_List: pass it to the client constructor" }, requests: 0 },
  },
  {
    name: "basic auth reaches the server",
    given: {
      input: { path: { studentId: "1" } },
      client: { plugins: [basicAuth({ usernameOption: "user", passwordOption: "pass" }, { user: "u", pass: "p" })] },
      replies: [{ body: {} }],
    },
    want: { data: {}, sent: { headers: { authorization: "Basic dTpw" } } },
  },
];

function clientFor(served: Served, tweaks: ClientTweaks = {}, delays: number[] = []): HttpClient {
  return new HttpClient({
    baseUrl: served.baseUrl,
    ...(served.fetch === undefined ? {} : { fetch: served.fetch }),
    plugins: [],
    errors,
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0,
    ...tweaks,
  });
}

describe.each([fakeFetch, loopback])("HttpClient over $name", (transport) => {
  it.each(cases)("$name", async ({ given, want }) => {
    const served = transport.serve(given.replies);
    const delays: number[] = [];
    const client = clientFor(served, given.client, delays);
    const call = client.request<unknown>(given.operation ?? getStudent, given.input ?? {}, given.options);

    if (want.error !== undefined) {
      const error: unknown = await call.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(want.error.class);
      expect(error).not.toBeInstanceOf(SyntaxError);
      if (want.error.message !== undefined) expect((error as Error).message).toMatch(want.error.message);
      if (want.error.fields !== undefined) expect(error).toMatchObject(want.error.fields);
    } else {
      expect(await call).toEqual(want.data);
    }

    const seen = served.seen();
    if (want.requests !== undefined) expect(seen).toHaveLength(want.requests);
    if (want.delays !== undefined) expect(delays).toEqual(want.delays);
    if (want.sent !== undefined) {
      const first = seen[0];
      expect(first).toBeDefined();
      if (first === undefined) return;
      if (want.sent.method !== undefined) expect(first.method).toBe(want.sent.method);
      if (want.sent.url !== undefined) expect(first.url).toBe(want.sent.url);
      if (want.sent.body !== undefined) expect(first.body).toBe(want.sent.body);
      for (const [name, value] of Object.entries(want.sent.headers ?? {})) {
        expect(first.headers.get(name), `header ${name}`).toBe(value);
      }
      // A retried request is the same request.
      for (const again of seen.slice(1)) expect(again.body).toBe(first.body);
    }
  });

  it("withResponse exposes status, headers and request id without sending twice", async () => {
    const served = transport.serve([{ status: 201, body: { id: 1 }, headers: { "x-request-id": "req-9", "x-rate-remaining": "41" } }]);
    const call = clientFor(served).request<{ id: number }>(createStudent, { body: {} });
    const [data, withResponse] = await Promise.all([call, call.withResponse()]);
    expect(data).toEqual({ id: 1 });
    expect(withResponse.data).toEqual({ id: 1 });
    expect(withResponse.response).toMatchObject({ status: 201, requestId: "req-9" });
    expect(withResponse.response.headers.get("x-rate-remaining")).toBe("41");
    expect(withResponse.response.url).toMatch(/\/api\/v1\/students$/);
    expect(served.seen()).toHaveLength(1);
  });

  it("the caller's abort during a request is a UserAbortError, not retried", async () => {
    const served = transport.serve([{ delayMs: 400, body: {} }]);
    const controller = new AbortController();
    const call = clientFor(served).request(getStudent, { path: { studentId: "1" } }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user left")), 30);
    await expect(call).rejects.toBeInstanceOf(UserAbortError);
    expect(served.seen()).toHaveLength(1);
  });

  it("the caller's abort ends a wait between retries at once", async () => {
    const served = transport.serve([{ status: 503 }]);
    const controller = new AbortController();
    const client = new HttpClient({
      baseUrl: served.baseUrl,
      ...(served.fetch === undefined ? {} : { fetch: served.fetch }),
      plugins: [],
      errors,
      // A sleep that ignores the signal: the client must not wait for it.
      sleep: () => new Promise(() => {}),
    });
    const call = client.request(getStudent, { path: { studentId: "1" } }, { signal: controller.signal });
    await expect.poll(() => served.seen().length).toBe(1);
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(UserAbortError);
    expect(served.seen()).toHaveLength(1);
  });

  it("an already-aborted signal sends nothing", async () => {
    const served = transport.serve([{ body: {} }]);
    const call = clientFor(served).request(getStudent, { path: { studentId: "1" } }, { signal: AbortSignal.abort() });
    await expect(call).rejects.toBeInstanceOf(UserAbortError);
    expect(served.seen()).toHaveLength(0);
  });
});

describe("HttpClient against the network", () => {
  it("a refused connection is a ConnectionError that says why", async () => {
    const closed = await startServer();
    const url = closed.url;
    await closed.close();
    const client = new HttpClient({ baseUrl: url, plugins: [], errors, maxRetries: 0 });
    const error: unknown = await client.request(getStudent, { path: { studentId: "1" } }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });

  it("waits between retries with the real sleep", async () => {
    const served = loopback.serve([{ status: 503, headers: { "retry-after-ms": "120" } }, { body: { ok: true } }]);
    const client = new HttpClient({ baseUrl: served.baseUrl, plugins: [], errors });
    const started = Date.now();
    expect(await client.request(getStudent, { path: { studentId: "1" } })).toEqual({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });
});

describe("HttpClient configuration", () => {
  const base = { baseUrl: "https://x.test", plugins: [], errors };

  it.each([
    { name: "relative baseUrl", given: { ...base, baseUrl: "/api" }, want: "baseUrl is not an absolute URL" },
    { name: "negative timeout", given: { ...base, timeout: -1 }, want: /^timeout must be a number of milliseconds/ },
    { name: "timeout beyond setTimeout's range", given: { ...base, timeout: 2 ** 31 }, want: /^timeout must be/ },
    { name: "fractional maxRetries", given: { ...base, maxRetries: 1.5 }, want: /^maxRetries must be a whole number/ },
    { name: "bad default header", given: { ...base, defaultHeaders: { "x-a": "1\n2" } }, want: /\(from defaultHeaders\)/ },
  ])("refuses $name at construction", ({ given, want }) => {
    expect(() => new HttpClient(given)).toThrow(RequestValidationError);
    expect(() => new HttpClient(given)).toThrow(want);
  });

  it.each([
    { name: "timeout", options: { timeout: 0 }, want: /^options.timeout must be/ },
    { name: "maxRetries", options: { maxRetries: -1 }, want: /^options.maxRetries must be/ },
  ])("refuses a bad per-call $name as a rejection", async ({ options, want }) => {
    const call = new HttpClient({ ...base, fetch: () => Promise.reject(new Error("unreachable")) }).request(
      getStudent,
      { path: { studentId: "1" } },
      options,
    );
    await expect(call).rejects.toThrow(want);
  });

  it("times out even when the injected fetch ignores its signal", async () => {
    const client = new HttpClient({ ...base, fetch: () => new Promise<Response>(() => {}), timeout: 30, maxRetries: 0 });
    await expect(client.request(getStudent, { path: { studentId: "1" } })).rejects.toBeInstanceOf(TimeoutError);
  });

  it("refuses a body that cannot be JSON", async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    const call = new HttpClient(base).request(createStudent, { body: cyclic });
    await expect(call).rejects.toBeInstanceOf(RequestValidationError);
    await expect(call).rejects.toThrow(/The body of Students_Create cannot be sent as JSON/);
  });
});
