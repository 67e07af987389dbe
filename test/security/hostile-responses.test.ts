/**
 * A client meets broken and hostile servers: redirects that would carry credentials away,
 * oversized or stalled bodies, pages of HTML, prototype-polluting JSON, failing streaks.
 * Each case runs against a real server on 127.0.0.1 unless the clock must be injected.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { headerAuth } from "../../templates/runtime/auth-header.js";
import { HttpClient, type HttpClientConfig } from "../../templates/runtime/client.js";
import {
  APIError,
  ConnectionError,
  RequestValidationError,
  ResponseParseError,
  ResponseTooLargeError,
  TimeoutError,
  UserAbortError,
  type ErrorClasses,
} from "../../templates/runtime/errors.js";
import { envelope } from "../../templates/runtime/envelope.js";
import type { OperationDescriptor, Plugin } from "../../templates/runtime/types.js";
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

  it("hops are capped", async () => {
    a.setHandler((_, res) => void res.writeHead(302, { location: `/hop${a.requests.length}` }).end());
    const error = await client({ maxRetries: 0, maxRedirects: 3 }).request(get, {}).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/redirected more than 3 times/);
    expect(a.requests).toHaveLength(4);
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
