/**
 * A client meets broken and hostile servers: redirects that would carry credentials away,
 * oversized or stalled bodies, pages of HTML, prototype-polluting JSON, failing streaks.
 * Each case runs against a real server on 127.0.0.1 unless the clock must be injected.
 */
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { headerAuth } from "../../templates/runtime/auth-header.js";
import { HttpClient, type HttpClientConfig } from "../../templates/runtime/client.js";
import {
  APIError,
  ConnectionError,
  RedirectError,
  RequestValidationError,
  ResponseParseError,
  ResponseTooLargeError,
  TimeoutError,
  UserAbortError,
  type APIErrorClass,
  type ErrorClasses,
} from "../../templates/runtime/errors.js";
import { ErrorObjectError } from "../../templates/runtime/error-object.js";
import { envelope } from "../../templates/runtime/envelope.js";
import { errorFields } from "../../templates/runtime/error-fields.js";
import { scopedHeaders } from "../../templates/runtime/headers.js";
import { ProblemDetailsError } from "../../templates/runtime/problem-details.js";
import { PROBLEM_DETAILS } from "../helpers/problem-details-config.js";
import { retryPolicy } from "../../templates/runtime/retry-policy.js";
import { TextFieldsError } from "../../templates/runtime/text-fields-errors.js";
import type { OperationDescriptor, Plugin, RequestOptions } from "../../templates/runtime/types.js";
import { sendJson, startServer, type TestServer } from "../helpers/server.js";

class RateLimitError extends APIError {}
class ServerError extends APIError {}
const errors: ErrorClasses = { byStatus: { 429: RateLimitError }, clientError: APIError, serverError: ServerError };

const get: OperationDescriptor = { id: "Things_Get", method: "GET", path: "/things" };
const getOne: OperationDescriptor = { id: "Things_GetOne", method: "GET", path: "/things/{id}", pathParams: [{ key: "id", name: "id" }] };
const post: OperationDescriptor = { id: "Things_Create", method: "POST", path: "/things", body: "json" };
const postIdempotent: OperationDescriptor = { ...post, id: "Things_CreateSafely", headers: [{ key: "Idempotency-Key", name: "Idempotency-Key" }], idempotencyHeader: "Idempotency-Key" };
const search: OperationDescriptor = {
  id: "Things_Search",
  method: "POST",
  path: "/search",
  body: "json",
  query: [{ key: "api_key", name: "api_key" }, { key: "q", name: "q" }],
};

/** The dialect's own secret header, besides Authorization. */
const auth: Plugin[] = [
  headerAuth({ option: "apiKey", header: "Authorization", prefix: "Bearer ", encoding: "none" }, { apiKey: "sk_live_SECRET" }),
  { secretHeaders: ["x-partner-secret"], onRequest: (r) => r.headers.set("x-partner-secret", "partner-SECRET") },
];

let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  a = await startServer();
  b = await startServer();
});
afterAll(async () => {
  await a.close();
  await b.close();
});
beforeEach(() => {
  a.reset();
  b.reset();
});

function client(config: Partial<HttpClientConfig> = {}, delays: number[] = []): HttpClient {
  return new HttpClient({
    baseUrl: a.url,
    plugins: auth,
    errors,
    sleep: async (ms) => void delays.push(ms),
    ...config,
  });
}

describe("14. redirects", () => {
  it("to another origin: Authorization, Cookie and the dialect's secret header stay behind", async () => {
    a.setHandler((_, res) => void res.writeHead(302, { location: `${b.url}/landed` }).end());
    b.setHandler((_, res) => sendJson(res, 200, { ok: true }));
    await expect(client({ defaultHeaders: { cookie: "session=SECRET" } }).request(get, {})).resolves.toEqual({ ok: true });
    const landed = b.requests[0]!;
    expect(landed.path).toBe("/landed");
    expect(landed.headers["authorization"]).toBeUndefined();
    expect(landed.headers["cookie"]).toBeUndefined();
    expect(landed.headers["x-partner-secret"]).toBeUndefined();
    expect(landed.headers["accept"]).toBe("application/json");
  });

  it("within the same origin they are kept", async () => {
    a.setHandler((req, res) => void (req.path === "/things" ? res.writeHead(307, { location: "/moved" }).end() : sendJson(res, 200, { ok: 1 })));
    await client().request(get, {});
    expect(a.requests.map((r) => r.path)).toEqual(["/things", "/moved"]);
    expect(a.requests[1]!.headers["authorization"]).toBe("Bearer sk_live_SECRET");
    expect(a.requests[1]!.headers["x-partner-secret"]).toBe("partner-SECRET");
  });

  it("hops are capped, and a loop is final: not retried as a connection error", async () => {
    a.setHandler((_, res) => void res.writeHead(302, { location: `/hop${a.requests.length}` }).end());
    // maxRetries 2: a retried loop would make 3 × 4 requests.
    const error = await client({ maxRetries: 2, maxRedirects: 3 }).request(get, {}).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/redirected more than 3 times/);
    expect(a.requests).toHaveLength(4);
  });

  it("a cross-origin 307 does not carry the body (card data) to the other origin", async () => {
    a.setHandler((_, res) => void res.writeHead(307, { location: `${b.url}/collect` }).end());
    b.setHandler((_, res) => sendJson(res, 200, { id: "pi_forged" }));
    const error = await client().request(post, { body: { card: "4111111111111111" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as Error).message).toMatch(/to another origin .* with the request body: pass resendBodyAcrossOrigins: true/);
    expect(b.requests).toHaveLength(0);
  });

  it("… unless the caller opts in: then the body goes, still without credentials", async () => {
    a.setHandler((_, res) => void res.writeHead(308, { location: `${b.url}/collect` }).end());
    b.setHandler((_, res) => sendJson(res, 200, { ok: true }));
    await expect(client({ resendBodyAcrossOrigins: true }).request(post, { body: { card: "4111" } })).resolves.toEqual({ ok: true });
    expect(b.requests.map((r) => [r.method, r.path, r.body, r.headers["authorization"]])).toEqual([["POST", "/collect", '{"card":"4111"}', undefined]]);
  });

  it("a same-origin 307 keeps the body", async () => {
    a.setHandler((req, res) => void (req.path === "/things" ? res.writeHead(307, { location: "/things2" }).end() : sendJson(res, 201, { ok: 1 })));
    await expect(client().request(post, { body: { n: 1 } })).resolves.toEqual({ ok: 1 });
    expect(a.requests.map((r) => [r.method, r.path, r.body])).toEqual([["POST", "/things", '{"n":1}'], ["POST", "/things2", '{"n":1}']]);
  });

  it("https never leads to http, even with the opt-in", async () => {
    // The API speaks https (answered here without TLS); its redirect points at a real http server.
    const httpsApi = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      if (url.protocol === "https:") return new Response(null, { status: 307, headers: { location: `${b.url}/collect` } });
      return fetch(input, init);
    };
    b.setHandler((_, res) => sendJson(res, 200, { id: "pi_forged" }));
    for (const resendBodyAcrossOrigins of [false, true]) {
      for (const [operation, input] of [[post, { body: { card: "4111" } }], [get, {}]] as const) {
        const http = client({ baseUrl: "https://api.example.test", fetch: httpsApi as typeof fetch, resendBodyAcrossOrigins });
        const error = await http.request(operation, input).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RedirectError);
        expect((error as Error).message).toMatch(/from https to http/);
      }
    }
    expect(b.requests).toHaveLength(0);
  });

  it.each([
    'data:application/json,{"id":"pi_forged","status":"Captured"}',
    "javascript:alert(1)",
    "file:///etc/passwd",
    "ftp://127.0.0.1/x",
  ])("a redirect to %s is not followed", async (location) => {
    a.setHandler((_, res) => void res.writeHead(302, { location }).end());
    const error = await client({ maxRetries: 2 }).request(get, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as Error).message).toMatch(/only http and https are followed/);
    expect(error).toMatchObject({ status: 302, location });
    expect(a.requests).toHaveLength(1);
  });
});

describe("15–16. request input", () => {
  it.each(["a\r\nx-injected: 1", "a\nb", "a\0b"])("a header value %j is refused before sending", async (value) => {
    await expect(client().request(get, {}, { headers: { "x-note": value } })).rejects.toBeInstanceOf(RequestValidationError);
    expect(a.requests).toHaveLength(0);
  });

  const paths: { given: string; want: string | "refused" }[] = [
    { given: "..", want: "refused" },
    { given: ".", want: "refused" },
    { given: "%2e%2e", want: "refused" },
    { given: "a/b", want: "/things/a%2Fb" },
    { given: "?x=1#", want: "/things/%3Fx%3D1%23" },
  ];
  it.each(paths)("path parameter $given → $want", async ({ given, want }) => {
    a.setHandler((_, res) => sendJson(res, 200, {}));
    const outcome = await client().request(getOne, { path: { id: given } }).then(() => "sent", (e: unknown) => e);
    if (want === "refused") {
      expect(outcome).toBeInstanceOf(RequestValidationError);
      expect(a.requests).toHaveLength(0);
    } else {
      expect(a.requests[0]!.url).toBe(want);
    }
  });
});

describe("17. debug logging", () => {
  it("shows every secret as ***, and errors carry no credentials", async () => {
    a.setHandler((_, res) => sendJson(res, 401, { message: "bad key" }));
    const lines: string[] = [];
    const error = await client({ debug: (line) => lines.push(line), maxRetries: 0 })
      .request(search, { query: { api_key: "qs-SECRET", q: "shoes" }, body: { user: "ann", password: "pw-SECRET", nested: { token: "tk-SECRET" } } })
      .then(() => undefined, (e: unknown) => e);
    const log = lines.join("\n");
    expect(log).toContain("POST");
    expect(log).toContain("q=shoes");
    expect(log).toContain('"user":"ann"');
    expect(log).not.toMatch(/SECRET/);
    expect(log.match(/\*\*\*/g)?.length).toBeGreaterThanOrEqual(5);
    expect(error).toBeInstanceOf(APIError);
    expect(`${(error as Error).message} ${(error as Error).stack}`).not.toMatch(/SECRET/);
  });
});

describe("18–20. response bodies", () => {
  it("18. a __proto__ key through envelope unwrapping pollutes nothing", async () => {
    a.setHandler((_, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"status":"success","__proto__":{"polluted":1},"data":{"__proto__":{"polluted":2},"id":"1"}}');
    });
    const unwrap = envelope({ data: [["data"], ["message"]], success: { path: ["status"], equals: ["success"] } });
    const data = (await client({ plugins: [unwrap] }).request(get, {})) as Record<string, unknown>;
    expect(data["id"]).toBe("1");
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
  });

  const bodies: { name: string; status: number; type: string; body: string; want: (outcome: unknown) => void }[] = [
    { name: "a 502 HTML page → a typed server error", status: 502, type: "text/html", body: "<html><body>Bad gateway</body></html>", want: (o) => expect(o).toBeInstanceOf(ServerError) },
    { name: "a 200 text/plain → ResponseParseError, not SyntaxError", status: 200, type: "text/plain", body: "OK", want: (o) => expect(o).toBeInstanceOf(ResponseParseError) },
    { name: "an empty 204 → undefined", status: 204, type: "text/plain", body: "", want: (o) => expect(o).toBeUndefined() },
  ];
  it.each(bodies)("19. $name", async ({ status, type, body, want }) => {
    a.setHandler((_, res) => void res.writeHead(status, { "content-type": type }).end(body));
    want(await client({ maxRetries: 0 }).request(get, {}).then((d) => d, (e: unknown) => e));
  });

  it("19. error bodies are kept only up to a cap", async () => {
    a.setHandler((_, res) => void res.writeHead(500, { "content-type": "text/html" }).end("x".repeat(200_000)));
    const error = (await client({ maxRetries: 0 }).request(get, {}).catch((e: unknown) => e)) as APIError;
    expect(typeof error.body).toBe("string");
    expect((error.body as string).length).toBeLessThanOrEqual(64 * 1024 + 100);
  });

  it("20. a declared Content-Length of 1 GB is refused before reading", async () => {
    a.setHandler((_, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(1024 ** 3) });
      res.write("[");
    });
    const started = Date.now();
    await expect(client({ maxRetries: 0 }).request(get, {})).rejects.toBeInstanceOf(ResponseTooLargeError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("20. a chunked body growing past the cap is cut off", async () => {
    let written = 0;
    a.setHandler((_, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = "x".repeat(64 * 1024);
      const pump = (): void => {
        while (written < 50 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (written < 50 * 1024 * 1024 && !res.destroyed) res.once("drain", pump);
      };
      res.on("close", () => (written = Infinity));
      pump();
    });
    const error = await client({ maxRetries: 0, maxResponseBytes: 1024 * 1024 }).request(get, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).limit).toBe(1024 * 1024);
  });

  it("20. a gzip body with a small Content-Length that inflates past the cap is cut off", async () => {
    // 4 MiB of JSON text compresses to a few kB: the declared length is far under the cap, what it inflates to is not.
    const bomb = gzipSync(`"${"x".repeat(4 * 1024 * 1024)}"`);
    a.setHandler((_, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": String(bomb.length) });
      res.end(bomb);
    });
    const error = await client({ maxRetries: 0, maxResponseBytes: 1024 * 1024 }).request(get, {}).catch((e: unknown) => e);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  it("20. a body whose Content-Length is under the cap is read whole", async () => {
    const body = JSON.stringify({ items: "y".repeat(100_000) });
    a.setHandler((_, res) => void res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) }).end(body));
    await expect(client({ maxRetries: 0, maxResponseBytes: 200_000 }).request(get, {})).resolves.toEqual({ items: "y".repeat(100_000) });
  });
});

describe("21–22. stalls and cut bodies", () => {
  it("21. headers then a stalled body → TimeoutError at about the timeout, retried for GET", async () => {
    a.setHandler((_, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"a":');
    });
    const started = Date.now();
    const error = await client({ timeout: 150, maxRetries: 1 }).request(get, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(a.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("21. the caller's AbortSignal cancels a stalled read at once", async () => {
    a.setHandler((_, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(client({ timeout: 10_000 }).request(get, {}, { signal: controller.signal })).rejects.toBeInstanceOf(UserAbortError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("21. the caller's AbortSignal cancels a wait between retries at once", async () => {
    a.setHandler((_, res) => sendJson(res, 503, {}, { "retry-after": "30" }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const real = new HttpClient({ baseUrl: a.url, plugins: [], errors, maxRetryWait: 60_000 });
    await expect(real.request(get, {}, { signal: controller.signal })).rejects.toBeInstanceOf(UserAbortError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  const cut = (_: unknown, res: import("node:http").ServerResponse): void => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
    res.write('{"partial": "' + "x".repeat(26));
    setTimeout(() => res.socket?.destroy(), 10);
  };
  it("22. a body cut short → ConnectionError; GET retried", async () => {
    a.setHandler(cut);
    await expect(client({ maxRetries: 1 }).request(get, {})).rejects.toBeInstanceOf(ConnectionError);
    expect(a.requests).toHaveLength(2);
  });
  it("22. … POST without an idempotency key is not", async () => {
    a.setHandler(cut);
    await expect(client({ maxRetries: 2 }).request(post, { body: {} })).rejects.toBeInstanceOf(ConnectionError);
    expect(a.requests).toHaveLength(1);
  });
});

describe("23–25. retry policy", () => {
  it("23. 503, 503, 200 → 3 attempts, delays within the jitter bounds", async () => {
    let n = 0;
    a.setHandler((_, res) => (++n < 3 ? sendJson(res, 503, {}) : sendJson(res, 200, { ok: true })));
    for (const random of [0, 0.999]) {
      n = 0;
      a.reset();
      const delays: number[] = [];
      await expect(client({ random: () => random }, delays).request(get, {})).resolves.toEqual({ ok: true });
      expect(a.requests).toHaveLength(3);
      expect(delays[0]).toBeGreaterThanOrEqual(375);
      expect(delays[0]).toBeLessThanOrEqual(500);
      expect(delays[1]).toBeGreaterThanOrEqual(750);
      expect(delays[1]).toBeLessThanOrEqual(1000);
    }
  });

  it("23. 400 → one attempt", async () => {
    a.setHandler((_, res) => sendJson(res, 400, { message: "no" }));
    await expect(client().request(get, {})).rejects.toBeInstanceOf(APIError);
    expect(a.requests).toHaveLength(1);
  });

  const waits: { name: string; header: () => string; want: number }[] = [
    { name: "Retry-After: 2 → waits 2 s", header: () => "2", want: 2000 },
    { name: "an HTTP date → waits until then", header: () => new Date(Date.UTC(2030, 0, 1, 0, 0, 10)).toUTCString(), want: 10_000 },
  ];
  it.each(waits)("23. $name", async ({ header, want }) => {
    let n = 0;
    a.setHandler((_, res) => (++n === 1 ? sendJson(res, 429, {}, { "retry-after": header() }) : sendJson(res, 200, { ok: true })));
    const delays: number[] = [];
    const now = () => Date.UTC(2030, 0, 1, 0, 0, 0);
    await expect(client({ now }, delays).request(get, {})).resolves.toEqual({ ok: true });
    expect(delays).toEqual([want]);
  });

  it("23. Retry-After: 3600 → no sleep, RateLimitError with retryAfter", async () => {
    a.setHandler((_, res) => sendJson(res, 429, { message: "slow down" }, { "retry-after": "3600" }));
    const delays: number[] = [];
    const error = await client({}, delays).request(get, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as APIError).retryAfter).toBe(3600);
    expect(delays).toEqual([]);
    expect(a.requests).toHaveLength(1);
  });

  it("24. POST with an idempotency key, 500 then 200 → the same key on both attempts; one is made when none is given", async () => {
    let n = 0;
    a.setHandler((_, res) => (++n % 2 === 1 ? sendJson(res, 500, {}) : sendJson(res, 200, { ok: true })));
    await client().request(postIdempotent, { body: {}, headers: { "Idempotency-Key": "key-1" } });
    await client().request(postIdempotent, { body: {} });
    const keys = a.requests.map((r) => r.headers["idempotency-key"]);
    expect(keys[0]).toBe("key-1");
    expect(keys[1]).toBe("key-1");
    expect(keys[2]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[3]).toBe(keys[2]);
  });

  it("25. sustained 5xx: the retry budget runs out and later calls fail fast", async () => {
    a.setHandler((_, res) => sendJson(res, 503, {}));
    const http = client({ retryBudget: 4, maxRetries: 2 });
    const attemptsPerCall: number[] = [];
    for (let call = 0; call < 5; call++) {
      const before = a.requests.length;
      await http.request(get, {}).catch(() => undefined);
      attemptsPerCall.push(a.requests.length - before);
    }
    expect(attemptsPerCall).toEqual([3, 3, 1, 1, 1]);
  });
});

describe("26. huge error bodies are cut to their caps, and the error says so", () => {
  const fields = 50_000;
  const huge = {
    problem: {
      type: "https://tools.ietf.org/html/rfc7231#section-6.6.1",
      title: "Validation failed",
      detail: "d".repeat(1_000_000),
      status: 500,
      errors: Object.fromEntries(Array.from({ length: fields }, (_, i) => [`field${i}`, [`field${i} is wrong`]])),
    },
    textFields: { status: "400", message: "Bad Request", body: { text: "Unknown fields submitted.", fields: Array.from({ length: fields }, (_, i) => `f${i}`) } },
    errorObject: { error: { code: "invalid", message: "m".repeat(5_000_000), details: Array.from({ length: fields }, (_, i) => ({ field: `f${i}` })) } },
  };
  const cases: { name: string; plugin: Plugin; errorClass: APIErrorClass; body: object; status: number; want: (error: APIError) => void }[] = [
    {
      name: "problem details: 50 000 field errors",
      plugin: errorFields(PROBLEM_DETAILS),
      errorClass: ProblemDetailsError,
      body: huge.problem,
      status: 500,
      want: (error) => {
        expect(error).toBeInstanceOf(ProblemDetailsError);
        expect(Object.keys((error as ProblemDetailsError).errors)).toHaveLength(100);
        expect((error as ProblemDetailsError).title).toBe("Validation failed");
        expect((error as ProblemDetailsError).detail?.length).toBe(4097);
        expect(error.message).toMatch(/^Validation failed\. d{4000,}…/);
      },
    },
    {
      name: "text and fields: 50 000 field names",
      errorClass: TextFieldsError,
      // What `errors: {type: text-fields}` expands to.
      plugin: errorFields({
        message: ["body", "text"],
        kinds: [
          { name: "unknown-fields", text: "Unknown fields submitted" },
          { name: "missing-fields", text: "Required fields missing" },
        ],
        fieldIndexes: { path: ["body", "fields"], exceptKinds: ["missing-fields"] },
        reportedStatus: ["status"],
      }),
      body: huge.textFields,
      status: 400,
      want: (error) => {
        expect(error).toBeInstanceOf(TextFieldsError);
        expect((error as TextFieldsError).fields).toHaveLength(100);
        expect(error.message).toMatch(/^Unknown fields submitted: f0, f1, .* \(and 49900 more fields\)/);
      },
    },
    {
      name: "error object: a 5 MB message and 50 000 details",
      errorClass: ErrorObjectError,
      plugin: errorFields({ code: ["error", "code"], message: ["error", "message"], details: ["error", "details"] }),
      body: huge.errorObject,
      status: 422,
      want: (error) => {
        expect(error).toBeInstanceOf(ErrorObjectError);
        expect((error as ErrorObjectError).details).toHaveLength(100);
        expect(error.code).toBe("invalid");
      },
    },
  ];
  it.each(cases)("$name", async ({ plugin, errorClass, body, status, want }) => {
    a.setHandler((_, res) => sendJson(res, status, body, { "content-type": "application/problem+json" }));
    const classes: ErrorClasses = { byStatus: {}, clientError: errorClass, serverError: errorClass };
    const error = (await client({ plugins: [plugin], errors: classes, maxRetries: 0 }).request(get, {}).catch((e: unknown) => e)) as APIError;
    expect(error).toBeInstanceOf(APIError);
    expect(error.truncated).toBe(true);
    expect(typeof error.body).toBe("string");
    expect((error.body as string).length).toBe(64 * 1024);
    expect(error.message.length).toBeLessThanOrEqual(4096 + 100);
    expect(error.message).toMatch(/\(truncated: the error response was larger than the client keeps\)$/);
    want(error);
  });

  it("a small error body is kept whole and not marked", async () => {
    a.setHandler((_, res) => sendJson(res, 400, { message: "no" }));
    const error = (await client().request(get, {}).catch((e: unknown) => e)) as APIError;
    expect(error).toMatchObject({ truncated: false, body: { message: "no" }, message: "no" });
  });
});

describe("27. debug logs redact query values by name pattern and every name the dialect's auth declares", () => {
  const query = [
    { name: "key", secret: true },
    { name: "sig", secret: true },
    { name: "signature", secret: true },
    { name: "X-Amz-Signature", secret: true },
    { name: "access_key", secret: true },
    { name: "accessKey", secret: true },
    { name: "token", secret: true },
    { name: "client_secret", secret: true },
    { name: "password", secret: true },
    { name: "X-Client-Id", secret: true }, // the dialect's auth header, here also sent in the query
    { name: "monkey", secret: false },
    { name: "keyword", secret: false },
    { name: "design", secret: false },
    { name: "q", secret: false },
  ];
  const op: OperationDescriptor = { id: "Things_Find", method: "GET", path: "/find", query: query.map(({ name }) => ({ key: name, name })) };
  it.each(query)("?$name= → secret: $secret", async ({ name, secret }) => {
    a.setHandler((_, res) => sendJson(res, 200, {}));
    const lines: string[] = [];
    const plugins = [headerAuth({ option: "clientId", header: "X-Client-Id", prefix: "", encoding: "none" }, { clientId: "cid" })];
    await client({ plugins, debug: (line) => lines.push(line) }).request(op, { query: { [name]: "VALUE-1" } });
    const sent = lines[0] ?? "";
    expect(sent).toContain(`${name}=`);
    if (secret) expect(sent).not.toContain("VALUE-1");
    else expect(sent).toContain(`${name}=VALUE-1`);
    // The auth header itself is never shown.
    expect(sent).not.toContain('"cid"');
  });
});

describe("28. header values beyond Latin-1 are refused with RequestValidationError naming their option", () => {
  const terminals: OperationDescriptor = { id: "Terminals_List", method: "GET", path: "/terminals", scopes: ["terminals"], headers: [{ key: "tenant", name: "X-Tenant" }] };
  const scoped = (options: object): Plugin => scopedHeaders({ scopes: [{ scope: "terminals", header: "reseller-id", option: "resellerId", required: true }] }, options);
  it.each([
    { name: "an API key in Cyrillic", build: () => headerAuth({ option: "apiKey", header: "Authorization", prefix: "Basic ", encoding: "none" }, { apiKey: "ключ" }), want: /\(from apiKey\)/ },
    { name: "a reseller id with a euro sign", build: () => scoped({ resellerId: "€1" }), want: /\(from resellerId\)/ },
    { name: "a default header with an emoji", build: () => client({ defaultHeaders: { "x-note": "hi 👋" } }), want: /\(from defaultHeaders\)/ },
  ])("at construction: $name", ({ build, want }) => {
    expect(build).toThrow(RequestValidationError);
    expect(build).toThrow(want);
  });

  it.each([
    { name: "a header parameter", input: { headers: { tenant: "€1" } }, options: {}, want: /\(from tenant\)/ },
    { name: "a per-call header", input: {}, options: { headers: { "x-note": "日本" } }, want: /\(from options.headers\)/ },
  ])("at call time: $name, nothing sent", async ({ input, options, want }) => {
    const error = await client({ plugins: [scoped({ resellerId: "r1" })] }).request(terminals, input, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as Error).message).toMatch(want);
    expect(a.requests).toHaveLength(0);
  });

  it("Latin-1 itself (é, £) is sent", async () => {
    a.setHandler((_, res) => sendJson(res, 200, []));
    await client({ plugins: [scoped({ resellerId: "café£" })] }).request(terminals, {});
    expect(Buffer.from(String(a.requests[0]?.headers["reseller-id"]), "latin1").toString("latin1")).toBe("café£");
  });
});

describe("29. error.retryable defaults from the status and the method", () => {
  const put: OperationDescriptor = { id: "Things_Put", method: "PUT", path: "/things/1", body: "json" };
  it.each([
    { status: 429, operation: get, want: true },
    { status: 502, operation: get, want: true },
    { status: 503, operation: get, want: true },
    { status: 504, operation: put, want: true },
    { status: 408, operation: get, want: true },
    { status: 503, operation: post, want: false },
    { status: 429, operation: post, want: false },
    { status: 503, operation: postIdempotent, want: true },
    { status: 400, operation: get, want: false },
    { status: 404, operation: get, want: false },
    { status: 409, operation: put, want: false },
  ])("$status on $operation.method ($operation.id) → retryable $want", async ({ status, operation, want }) => {
    a.setHandler((_, res) => sendJson(res, status, {}));
    const error = (await client({ maxRetries: 0 }).request(operation, { body: {} }).catch((e: unknown) => e)) as APIError;
    expect(error).toBeInstanceOf(APIError);
    expect(error.retryable).toBe(want);
  });
});

describe("30. one call's total deadline covers every attempt and wait", () => {
  it("a server that keeps answering 503 with Retry-After: the call ends at the deadline, not after all retries", async () => {
    a.setHandler((_, res) => sendJson(res, 503, { message: "busy" }, { "retry-after-ms": "150" }));
    const started = Date.now();
    const http = new HttpClient({ baseUrl: a.url, plugins: [], errors, maxRetries: 10, totalTimeout: 400 });
    const error = await http.request(get, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(Date.now() - started).toBeLessThan(400);
    expect(a.requests.length).toBeGreaterThanOrEqual(2);
    expect(a.requests.length).toBeLessThanOrEqual(3);
  });

  it("a stalled server: the attempt's timeout shrinks to what is left, and the error says which deadline ran out", async () => {
    a.setHandler(() => undefined);
    const started = Date.now();
    const error = await client({ timeout: 60_000 }).request(get, {}, { totalTimeout: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe("Things_Get ran out of its total deadline (totalTimeout 200 ms)");
    expect(Date.now() - started).toBeLessThan(1500);
    expect(a.requests).toHaveLength(1);
  });

  it("the default is 120 s: Retry-After 50 s thrice would end past it, so the third wait is not slept", async () => {
    a.setHandler((_, res) => sendJson(res, 503, {}, { "retry-after": "50" }));
    let clock = 0;
    const delays: number[] = [];
    const http = client({ maxRetries: 10, maxRetryWait: 600_000, now: () => clock, sleep: async (ms) => void (delays.push(ms), (clock += ms)) });
    await expect(http.request(get, {})).rejects.toBeInstanceOf(ServerError);
    expect(delays).toEqual([50_000, 50_000]);
    expect(a.requests).toHaveLength(3);
  });

  it("a per-attempt timeout alone says so; bad deadlines are refused, naming the option", async () => {
    a.setHandler(() => undefined);
    const error = await client({ timeout: 100, maxRetries: 0 }).request(get, {}).catch((e: unknown) => e);
    expect((error as Error).message).toBe("Things_Get timed out after 100 ms");
    await expect(client().request(get, {}, { totalTimeout: 0 })).rejects.toThrow(/^options.totalTimeout must be/);
    expect(() => client({ totalTimeout: -1 })).toThrow(/^totalTimeout must be/);
  });

  it("the provider's policy sets the default; the client's and the call's options win", async () => {
    a.setHandler(() => undefined);
    const provider = retryPolicy({ totalTimeout: 150 });
    const byProvider = await client({ plugins: [provider] }).request(get, {}).catch((e: unknown) => e);
    expect((byProvider as Error).message).toMatch(/totalTimeout 150 ms/);
    const byClient = await client({ plugins: [provider], totalTimeout: 120 }).request(get, {}).catch((e: unknown) => e);
    expect((byClient as Error).message).toMatch(/totalTimeout 120 ms/);
    const byCall = await client({ plugins: [provider], totalTimeout: 120 }).request(get, {}, { totalTimeout: 90 }).catch((e: unknown) => e);
    expect((byCall as Error).message).toMatch(/totalTimeout 90 ms/);
  });
});

describe("31. the provider's retry policy (x-conventions.retries)", () => {
  const put: OperationDescriptor = { id: "Things_Put", method: "PUT", path: "/things/1", body: "json" };
  const answers = (...replies: [number, Record<string, string>?][]): void => {
    a.setHandler((_, res) => {
      const [status, headers] = replies[Math.min(a.requests.length - 1, replies.length - 1)] ?? [200];
      sendJson(res, status, status < 300 ? { ok: true } : { message: `HTTP ${status}` }, headers);
    });
  };
  const cases: {
    name: string;
    policy?: Parameters<typeof retryPolicy>[0];
    operation: OperationDescriptor;
    replies: [number, Record<string, string>?][];
    options?: RequestOptions;
    want: { attempts: number; ok?: boolean; retryable?: boolean };
  }[] = [
    { name: "PUT 409 by default: one attempt", operation: put, replies: [[409], [200]], want: { attempts: 1, retryable: false } },
    { name: "PUT 409 where the policy lists it: retried", policy: { statuses: [409, 429, "5xx"] }, operation: put, replies: [[409], [200]], want: { attempts: 2, ok: true } },
    { name: "GET 503 where the policy leaves 5xx out: one attempt", policy: { statuses: [429] }, operation: get, replies: [[503], [200]], want: { attempts: 1, retryable: false } },
    { name: "POST 429 by default: one attempt", operation: post, replies: [[429], [200]], want: { attempts: 1, retryable: false } },
    { name: "POST 429 where 429 means not processed: retried", policy: { unprocessed: ["429"] }, operation: post, replies: [[429], [200]], want: { attempts: 2, ok: true } },
    { name: "POST 503 with Retry-After where that means not processed: retried", policy: { unprocessed: ["503-with-retry-after"] }, operation: post, replies: [[503, { "retry-after": "0" }], [200]], want: { attempts: 2, ok: true } },
    { name: "POST 503 without Retry-After: one attempt", policy: { unprocessed: ["503-with-retry-after"] }, operation: post, replies: [[503], [200]], want: { attempts: 1, retryable: false } },
    { name: "a call can turn the opt-in off", policy: { unprocessed: ["429"] }, operation: post, replies: [[429], [200]], options: { retry: { unprocessed: [] } }, want: { attempts: 1, retryable: false } },
    { name: "a call can retry 409 itself", operation: put, replies: [[409], [200]], options: { retry: { statuses: [409] } }, want: { attempts: 2, ok: true } },
    { name: "x-should-retry: false stops a GET 503", policy: { shouldRetryHeader: "x-should-retry" }, operation: get, replies: [[503, { "x-should-retry": "false" }], [200]], want: { attempts: 1, retryable: false } },
    { name: "x-should-retry: true retries a GET 400", policy: { shouldRetryHeader: "x-should-retry" }, operation: get, replies: [[400, { "x-should-retry": "true" }], [200]], want: { attempts: 2, ok: true } },
    { name: "x-should-retry: true retries a POST 500", policy: { shouldRetryHeader: "x-should-retry" }, operation: post, replies: [[500, { "x-should-retry": "true" }], [200]], want: { attempts: 2, ok: true } },
    { name: "x-should-retry: true, every attempt: the error says retryable", policy: { shouldRetryHeader: "x-should-retry" }, operation: get, replies: [[400, { "x-should-retry": "true" }]], want: { attempts: 3, retryable: true } },
    { name: "x-should-retry is ignored where the provider names no such header", operation: get, replies: [[503, { "x-should-retry": "false" }], [200]], want: { attempts: 2, ok: true } },
  ];
  it.each(cases)("$name", async ({ policy, operation, replies, options, want }) => {
    answers(...replies);
    const plugins = policy === undefined ? [] : [retryPolicy(policy)];
    const outcome = await client({ plugins }).request(operation, { body: {} }, options).then(() => "ok", (e: unknown) => e);
    expect(a.requests).toHaveLength(want.attempts);
    if (want.ok === true) expect(outcome).toBe("ok");
    if (want.retryable !== undefined) expect((outcome as APIError).retryable).toBe(want.retryable);
  });

  it("the retry-count header carries the attempt number on every attempt", async () => {
    answers([503], [503], [200]);
    await client({ plugins: [retryPolicy({ retryCountHeader: "x-stainless-retry-count" })] }).request(get, {});
    expect(a.requests.map((r) => r.headers["x-stainless-retry-count"])).toEqual(["0", "1", "2"]);
  });

  it("a client's retry option replaces the provider's fields; a bad one is refused, naming it", async () => {
    answers([409], [200]);
    await client({ plugins: [retryPolicy({ statuses: [429] })], retry: { statuses: [409] } }).request(put, { body: {} });
    expect(a.requests).toHaveLength(2);
    expect(() => client({ retry: { statuses: [99] } })).toThrow(/^retry.statuses must be a list of HTTP statuses/);
    await expect(client().request(get, {}, { retry: { shouldRetryHeader: "x bad" } })).rejects.toThrow(/^options.retry.shouldRetryHeader must be a header name/);
  });

  it("Retry-After: -5 waits the normal backoff, not 0 ms", async () => {
    answers([429, { "retry-after": "-5" }], [200]);
    const delays: number[] = [];
    await client({ random: () => 0 }, delays).request(get, {});
    expect(delays).toEqual([500]);
  });
});
