/**
 * The mock of a provider, built from its package's data: `mock.fetch` answers as the provider
 * would (its envelope, its errors, its auth and header checks, request validation), `listen()`
 * serves the same on 127.0.0.1, and scenarios change what one operation answers. Dependency-free:
 * it runs wherever `fetch`'s `Request` and `Response` exist; `listen()` needs Node.
 */
import { redactBody, redactHeaders, redactUrl } from "../runtime/redact.js";
import { checkAuth, checkDialectHeaders, codeForStatus, failsUnder2xx, type MockError, rateLimitHeaders, secretHeaders, type WrittenResponse, writeError, writeSuccess } from "./dialect-writer.js";
import { listen, type MockServer } from "./listen.js";
import type { MockOperationData, MockPackageData } from "./mock-data.js";
import { writePage } from "./paging-writer.js";
import { define, isPlainObject, missingFields, propertiesOf, sampleOf } from "./values.js";

/** What the types know of one operation: its success payload, the error statuses it documents, a stored item. */
export interface MockOperationTypes {
  readonly payload: unknown;
  readonly status: number;
  readonly item: unknown;
}

export type MockOperationMap<Ops> = { readonly [K in keyof Ops]: MockOperationTypes };

export interface MockOptions<Credential extends string = string> {
  /** Credentials the mock accepts (client option → value); any well-formed credential when not given. */
  readonly credentials?: { readonly [K in Credential]?: string };
  /** Milliseconds every answer waits (default 0). */
  readonly latency?: number;
  /** Items per page of a stored list when the request names no size (default 10). */
  readonly pageSize?: number;
}

/** One request the mock received, secrets shown as `***`. */
export interface MockRequest {
  /** The operation it matched; undefined when none did. */
  readonly operationId: string | undefined;
  readonly method: string;
  readonly url: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  /** The body: parsed JSON or form fields, else text; undefined without one. */
  readonly body: unknown;
}

export interface ReplyInit<Status> {
  /** The 2xx status to answer with; the spec's first 2xx otherwise. */
  readonly status?: Status | number;
  readonly headers?: Readonly<Record<string, string>>;
  /** How many calls get this answer (default: every call until `reset()`). */
  readonly times?: number;
}

export interface MockScenario<Op extends MockOperationTypes> {
  /** Answer the operation with this payload, wrapped in the provider's envelope. */
  reply(payload: Op["payload"], init?: ReplyInit<never>): void;
}

export interface MockFailure<Status> {
  /** An error status the spec documents for the operation (or 401, 429); a 2xx for a failure under 2xx. Default: the code's status, else 400. */
  readonly status?: Status;
  /** The provider's error code, as its code table writes it. */
  readonly code?: string | number;
  readonly message?: string;
  /** Fields the error names (validation errors). */
  readonly fields?: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
  /** How many calls fail (default: every call until `reset()`). */
  readonly times?: number;
}

export interface RateLimitScenario<Operation extends string> {
  /** Only this operation is limited; every operation when absent. */
  readonly operation?: Operation;
  /** How many calls get a 429 (default: every call until `reset()`). */
  readonly times?: number;
  /** Seconds until the window resets, sent as `Retry-After` and in the dialect's headers (default 0). */
  readonly retryAfter?: number;
  readonly limit?: number;
}

export interface Mock<Ops extends MockOperationMap<Ops>> {
  /** A `fetch` that answers as the provider: pass it as the client's `fetch` option. */
  readonly fetch: typeof fetch;
  /** Serves the mock over HTTP on 127.0.0.1 (an ephemeral port); Node only. */
  listen(): Promise<MockServer>;
  /** Changes what one operation (operationId or `resource.method`) answers. */
  on<K extends keyof Ops & string>(operation: K): MockScenario<Ops[K]>;
  /** Makes one operation fail with the provider's error for this status and code. */
  fail<K extends keyof Ops & string>(operation: K, failure: MockFailure<Ops[K]["status"]>): void;
  /** Answers with 429 and the dialect's rate-limit headers. */
  rateLimit(scenario?: RateLimitScenario<keyof Ops & string>): void;
  /** Milliseconds every later answer waits. */
  latency(ms: number): void;
  /** Puts items in the store behind an operation's collection (a create, get, list or delete). */
  seed<K extends keyof Ops & string>(operation: K, items: readonly Ops[K]["item"][]): void;
  /** Every request received, in order, secrets redacted. */
  readonly requests: readonly MockRequest[];
  /** Forgets scenarios, stored items and recorded requests. */
  reset(): void;
}

interface Queued<T> {
  readonly value: T;
  remaining: number;
}

function take<T>(queue: Queued<T>[]): T | undefined {
  const head = queue[0];
  if (head === undefined) return undefined;
  head.remaining -= 1;
  if (head.remaining <= 0) queue.shift();
  return head.value;
}

function templatePattern(path: string): { readonly pattern: RegExp; readonly names: readonly string[]; readonly literal: number } {
  const names: string[] = [];
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const param = /^\{([^}]+)\}$/.exec(part);
      if (param === null) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(param[1] ?? "");
      return "([^/]+)";
    })
    .join("");
  return { pattern: new RegExp(`^${source}/?$`), names, literal: path.replace(/\{[^}]+\}/g, "").length };
}

const httpError = (status: number, message: string, extra: Partial<MockError> = {}): MockError => ({ status, message, ...extra });

export function createMockEngine<Ops extends MockOperationMap<Ops>>(data: MockPackageData, options: MockOptions = {}): Mock<Ops> {
  const schemas = (name: string) => (Object.prototype.hasOwnProperty.call(data.schemas, name) ? data.schemas[name] : undefined);
  const dialect = data.dialect;
  const byName = new Map<string, MockOperationData>();
  for (const op of data.operations) for (const name of [op.id, ...op.aliases]) byName.set(name, op);
  const routes = data.operations.map((op) => ({ op, ...templatePattern(op.path) })).sort((a, b) => b.literal - a.literal);
  const secrets = secretHeaders(dialect);
  const credentials = options.credentials ?? {};
  const pageSize = options.pageSize ?? 10;
  let delay = options.latency ?? 0;
  let sequence = 0;
  const requests: MockRequest[] = [];
  const replies = new Map<string, Queued<{ payload: unknown; status: number | undefined; headers: Readonly<Record<string, string>> }>[]>();
  const failures = new Map<string, Queued<MockFailure<number>>[]>();
  const limits: Queued<RateLimitScenario<string>>[] = [];
  const store = new Map<string, Map<string, unknown>>();

  function resolve(name: string): MockOperationData {
    const op = byName.get(name);
    if (op === undefined) throw new Error(`mock: unknown operation "${name}"; known: ${[...byName.keys()].join(", ")}`);
    return op;
  }

  function documents(op: MockOperationData, status: number): boolean {
    if (status === 401 && dialect.plugins.some((p) => p.use === "headerAuth" || p.use === "basicAuth")) return true;
    if (status === 429) return true;
    if (status >= 200 && status < 300) return failsUnder2xx(dialect);
    return op.statuses.some((s) => s === String(status) || s === "default" || (/^[1-5]XX$/i.test(s) && s[0] === String(status)[0]));
  }

  function collection(op: MockOperationData): Map<string, unknown> | undefined {
    return op.store === undefined ? undefined : store.get(op.store.collection);
  }

  function idOf(item: unknown, field: string): string | undefined {
    const value = isPlainObject(item) ? item[field] : undefined;
    return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
  }

  function examplePayload(op: MockOperationData): unknown {
    if (op.success.kind === "none") return undefined;
    return structuredClone(op.success.example ?? sampleOf(op.success.type, schemas, "value"));
  }

  /** The answer from the store, or undefined to fall back on the example. */
  function fromStore(op: MockOperationData, params: Readonly<Record<string, string>>, body: unknown, url: URL): WrittenResponse | { readonly payload: unknown; readonly headers: Record<string, string>; readonly nextOffset?: number | null } | undefined {
    const where = op.store;
    if (where === undefined) return undefined;
    const items = store.get(where.collection);
    const id = Object.values(params).pop();
    switch (where.action) {
      case "create": {
        // The item is what the collection's get would answer (its example, else a sample of its
        // schema), with the fields the request sent; a create that answers with the item says so.
        const answer = examplePayload(op);
        const itemType = where.itemType ?? op.success.type;
        let item = isPlainObject(answer) && where.itemType === undefined ? answer : sampleOf(itemType, schemas, "value");
        const given = isPlainObject(body) ? body[where.idField] : undefined;
        if (isPlainObject(item) && isPlainObject(body)) {
          const known = propertiesOf(itemType, schemas);
          for (const [key, value] of Object.entries(body)) if (known.size === 0 || known.has(key)) define(item, key, value);
        }
        const map = items ?? new Map<string, unknown>();
        store.set(where.collection, map);
        if (isPlainObject(item) && given === undefined) {
          const current = item[where.idField];
          define(item, where.idField, typeof current === "number" ? 1000 + map.size + 1 : `${typeof current === "string" ? current : "id"}_${map.size + 1}`);
        } else if (!isPlainObject(item)) item = {};
        map.set(idOf(item, where.idField) ?? String(map.size + 1), item);
        const created = isPlainObject(answer) && propertiesOf(op.success.type, schemas).has(where.idField) ? structuredClone(item) : answer;
        return { payload: created, headers: {} };
      }
      case "get":
      case "delete": {
        if (items === undefined || id === undefined) return undefined;
        const item = items.get(id);
        if (item === undefined) return writeError(dialect, httpError(404, `No item ${id} at ${where.collection}`), requestId());
        if (where.action === "get") return { payload: structuredClone(item), headers: {} };
        items.delete(id);
        // A delete answers as the spec says it does (the item, a confirmation or nothing).
        const answer = examplePayload(op);
        return { payload: isPlainObject(answer) && propertiesOf(op.success.type, schemas).has(where.idField) ? structuredClone(item) : answer, headers: {} };
      }
      case "list": {
        if (items === undefined) return undefined;
        // An unpaged list answers with every stored item.
        if (op.paging === undefined) return { payload: [...items.values()].map((i) => structuredClone(i)), headers: {} };
        const page = writePage(op.paging, [...items.values()].map((i) => structuredClone(i)), examplePayload(op), { url, body }, pageSize);
        return page;
      }
    }
  }

  function requestId(): string {
    sequence += 1;
    return `mock-${sequence.toString(16).padStart(8, "0")}`;
  }

  function json(written: WrittenResponse): Response {
    const headers = new Headers(written.headers);
    if (written.body === undefined) return new Response(null, { status: written.status, headers });
    if (typeof written.body === "string" && !headers.has("content-type")) headers.set("content-type", "text/plain; charset=utf-8");
    return new Response(typeof written.body === "string" && headers.get("content-type")?.startsWith("text/") === true ? written.body : JSON.stringify(written.body), { status: written.status, headers });
  }

  function failure(op: MockOperationData | undefined, error: MockError, headers: Readonly<Record<string, string>> = {}): Response {
    const written = writeError(dialect, error, requestId());
    return json({ ...written, headers: { ...written.headers, ...headers } });
  }

  async function readBody(request: Request): Promise<unknown> {
    const text = await request.text();
    if (text === "") return undefined;
    const type = request.headers.get("content-type") ?? "";
    if (/json/i.test(type)) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    }
    if (/x-www-form-urlencoded/i.test(type)) return Object.fromEntries(new URLSearchParams(text));
    return text;
  }

  function record(request: Request, url: URL, op: MockOperationData | undefined, body: unknown): void {
    const redactedUrl = new URL(redactUrl(url, secrets));
    let shown = body;
    if (isPlainObject(body) || Array.isArray(body)) shown = JSON.parse(redactBody(JSON.stringify(body), secrets) ?? "null") as unknown;
    requests.push({
      operationId: op?.id,
      method: request.method,
      url: redactedUrl.href,
      path: url.pathname,
      query: Object.fromEntries(redactedUrl.searchParams),
      headers: redactHeaders(request.headers, secrets),
      body: shown,
    });
  }

  async function handle(request: Request): Promise<Response> {
    if (delay > 0) await new Promise((done) => setTimeout(done, delay));
    const url = new URL(request.url);
    let route: { op: MockOperationData; params: Record<string, string> } | undefined;
    const base = data.basePaths.find((path) => url.pathname.startsWith(`${path}/`));
    const pathname = base === undefined ? url.pathname : url.pathname.slice(base.length);
    for (const candidate of routes) {
      if (candidate.op.method !== request.method.toUpperCase()) continue;
      const match = candidate.pattern.exec(pathname);
      if (match === null) continue;
      const params: Record<string, string> = {};
      candidate.names.forEach((name, i) => define(params, name, decodeURIComponent(match[i + 1] ?? "")));
      route = { op: candidate.op, params };
      break;
    }
    const body = await readBody(request);
    record(request, url, route?.op, body);
    if (route === undefined) return failure(undefined, httpError(404, `No operation answers ${request.method} ${url.pathname}`));
    const { op, params } = route;

    const refused = checkAuth(dialect, request.headers, credentials);
    if (refused !== undefined) return failure(op, httpError(401, refused));

    const limited = limits.findIndex((l) => l.value.operation === undefined || resolve(l.value.operation) === op);
    if (limited >= 0) {
      const entry = limits[limited] as Queued<RateLimitScenario<string>>;
      entry.remaining -= 1;
      if (entry.remaining <= 0) limits.splice(limited, 1);
      const wait = entry.value.retryAfter ?? 0;
      const headers = { "retry-after": String(wait), ...rateLimitHeaders(dialect, entry.value.limit ?? 100, 0, wait, Date.now()) };
      const code = codeForStatus(dialect.codes, 429)?.code;
      return failure(op, httpError(429, "Too many requests", code === undefined ? {} : { code }), headers);
    }

    const problems = checkDialectHeaders(dialect, request.headers, op.scopes ?? []);
    if (problems.length > 0) return failure(op, httpError(400, "Invalid request headers", { fields: problems }));
    const missing = [
      ...op.query.filter((p) => p.required && !url.searchParams.has(p.name)).map((p) => p.name),
      ...op.headers.filter((p) => p.required && !request.headers.has(p.name)).map((p) => p.name),
    ];
    if (op.body !== undefined && op.body.required && body === undefined) missing.push("body");
    if (op.body !== undefined && op.body.kind !== "raw" && body !== undefined) missing.push(...missingFields(op.body.type, body, schemas));
    if (Object.values(params).some((value) => value === "" || value === "." || value === "..")) missing.push(...Object.keys(params));
    if (missing.length > 0) {
      const fields = missing.map((name) => ({ name, message: `The ${name} field is required.` }));
      return failure(op, httpError(400, "Required fields missing", { fields, fieldsKind: "missing-fields" }));
    }

    const failed = take(failures.get(op.id) ?? []);
    if (failed !== undefined) {
      const status = failed.status ?? dialect.codes.find((c) => String(c.code) === String(failed.code))?.status ?? 400;
      const error = httpError(status, failed.message ?? `Mocked ${status} for ${op.id}`, { ...(failed.code === undefined ? {} : { code: failed.code }), ...(failed.fields === undefined ? {} : { fields: failed.fields.map((name) => ({ name, message: `The ${name} field is invalid.` })) }) });
      return failure(op, error, failed.headers);
    }

    const id = requestId();
    const reply = take(replies.get(op.id) ?? []);
    const status = reply?.status ?? op.success.status;
    let payload: unknown;
    let headers: Record<string, string> = {};
    let nextOffset: number | null | undefined;
    if (reply !== undefined) {
      payload = structuredClone(reply.payload);
      headers = { ...reply.headers };
    } else {
      const stored = fromStore(op, params, body, url);
      if (stored !== undefined && "status" in stored) return json(stored);
      if (stored !== undefined) {
        payload = stored.payload;
        headers = stored.headers;
        nextOffset = stored.nextOffset;
      } else payload = examplePayload(op);
    }
    const written = writeSuccess(dialect, status, payload, { requestId: id, ...(nextOffset === undefined ? {} : { nextOffset }) });
    const text = op.success.kind === "text" && typeof written === "string";
    return json({ status, headers: { ...(written === undefined ? {} : { "content-type": text ? "text/plain; charset=utf-8" : "application/json" }), ...rateLimitHeaders(dialect, 100, 99, 60, Date.now()), ...headers }, body: written });
  }

  // Like fetch, the answer is abandoned when the caller's signal aborts (a timeout during latency).
  const mockFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const signal = request.signal;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<Response>((resolve, reject) => {
      const abort = () => reject(signal.reason);
      signal.addEventListener("abort", abort, { once: true });
      handle(request).then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
    });
  };

  return {
    fetch: mockFetch,
    listen: () => listen(handle),
    on(operation) {
      const op = resolve(operation);
      return {
        reply(payload, init = {}) {
          const status = init.status;
          if (status !== undefined && (status < 200 || status > 299)) throw new Error(`mock: reply() takes a 2xx status, got ${status} for ${op.id}; use fail() for errors`);
          const queue = replies.get(op.id) ?? [];
          queue.push({ value: { payload, status, headers: init.headers ?? {} }, remaining: init.times ?? Number.POSITIVE_INFINITY });
          replies.set(op.id, queue);
        },
      };
    },
    fail(operation, given) {
      const op = resolve(operation);
      const status = given.status ?? dialect.codes.find((c) => String(c.code) === String(given.code))?.status ?? 400;
      if (!documents(op, status)) {
        throw new Error(`mock: ${op.id} does not document status ${status} (documented: ${op.statuses.join(", ")})`);
      }
      const queue = failures.get(op.id) ?? [];
      queue.push({ value: given, remaining: given.times ?? Number.POSITIVE_INFINITY });
      failures.set(op.id, queue);
    },
    rateLimit(scenario = {}) {
      if (scenario.operation !== undefined) resolve(scenario.operation);
      limits.push({ value: scenario, remaining: scenario.times ?? Number.POSITIVE_INFINITY });
    },
    latency(ms) {
      delay = ms;
    },
    seed(operation, items) {
      const op = resolve(operation);
      if (op.store === undefined) throw new Error(`mock: ${op.id} has no collection to seed (it is no create, get, list or delete)`);
      const map = store.get(op.store.collection) ?? new Map<string, unknown>();
      for (const item of items) map.set(idOf(item, op.store.idField) ?? String(map.size + 1), structuredClone(item));
      store.set(op.store.collection, map);
    },
    requests,
    reset() {
      replies.clear();
      failures.clear();
      limits.length = 0;
      store.clear();
      requests.length = 0;
    },
  };
}
