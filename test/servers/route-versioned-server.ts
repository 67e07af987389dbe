/**
 * A loopback server (node:http on 127.0.0.1, ephemeral port) that speaks the route-versioned
 * customers dialect of `specs/route-versioned.yaml`, for behaviour tests of its generated client:
 *
 * - routes: `GET/POST /v1/customers`, `GET/PUT/DELETE /v1/customers/{id}` and the same under
 *   `/v2`; path ids are matched on the raw (still percent-encoded) segment, then decoded;
 * - one customer store behind both versions: v1 shows `name`, v2 `first_name` + `last_name`
 *   (a v1 name is split at its first space), so a customer created in one version reads in the other;
 * - every call must carry `Authorization: <scheme> <token>` (scheme `Bearer` unless told;
 *   an empty scheme means the bare token), otherwise 401;
 * - JSON bodies are checked against the version's input schema (required strings, no unknown
 *   fields), otherwise 400; unknown ids are 404;
 * - errors are `{error: {code, message, details}}` (the spec's stated assumption);
 * - a fixed-window rate limit with `X-RateLimit-Limit`, `X-RateLimit-Remaining` and
 *   `X-RateLimit-Reset` (whole seconds until the window resets) on EVERY response, errors included;
 *   a call beyond the limit is a 429 and does not count. The window runs on the clock the test
 *   passes (`now`), so a test's fake sleep that advances it also resets the window.
 *
 * Tests can queue one-off failures (`failNext`) and set the window (`setWindow`).
 */

import type { ServerResponse } from "node:http";
import { sendJson, startServer } from "../helpers/server.js";
import type { RecordedRequest, TestServer } from "../helpers/server.js";

export interface RouteVersionedServerOptions {
  readonly token: string;
  /** The scheme word expected before the token; "" for the bare token. Default `Bearer`. */
  readonly scheme?: string;
  /** Calls per window (default 100). */
  readonly limit?: number;
  /** Window length in seconds (default 60). */
  readonly windowSeconds?: number;
  /** The server's clock in epoch ms (default Date.now). */
  readonly now?: () => number;
}

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details: Readonly<Record<string, unknown>> };
}

export interface OneOffReply {
  readonly status: number;
  readonly body: unknown;
}

export interface RouteVersionedServer extends TestServer {
  /** Answers the next matching calls with these replies (rate-limit headers still added), then normally again. */
  failNext(...replies: OneOffReply[]): void;
  /** Sets the current window: calls already used and seconds until it resets. */
  setWindow(window: { readonly used: number; readonly resetInSeconds: number }): void;
  /** Customers as stored (the canonical, v2-like shape). */
  readonly store: Map<string, StoredCustomer>;
  /** Puts a customer in the store and returns it. */
  seed(customer: Omit<StoredCustomer, "created_at"> & { readonly created_at?: string }): StoredCustomer;
}

export interface StoredCustomer {
  readonly id: string;
  readonly first_name: string;
  readonly last_name: string;
  readonly email: string | null;
  readonly created_at: string;
}

export function errorBody(code: string, message: string, details: Readonly<Record<string, unknown>> = {}): ErrorBody {
  return { error: { code, message, details } };
}

/** The v1 shape of a stored customer. */
export function asV1(customer: StoredCustomer): Record<string, unknown> {
  const name = [customer.first_name, customer.last_name].filter((part) => part !== "").join(" ");
  return { id: customer.id, name, email: customer.email, created_at: customer.created_at };
}

/** The v2 shape of a stored customer. */
export function asV2(customer: StoredCustomer): Record<string, unknown> {
  return { ...customer };
}

const INPUT_FIELDS = {
  v1: { required: ["name"], optional: ["email"] },
  v2: { required: ["first_name", "last_name"], optional: ["email"] },
} as const;

type Version = keyof typeof INPUT_FIELDS;

/** Checks a request body against the version's input schema; returns the 400 body or the fields. */
function readInput(version: Version, request: RecordedRequest): ErrorBody | Record<string, string | null> {
  if (!/^application\/json\b/i.test(String(request.headers["content-type"] ?? ""))) {
    return errorBody("invalid_request", "Requests must be JSON.", { content_type: String(request.headers["content-type"] ?? "") });
  }
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return errorBody("invalid_request", "The body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return errorBody("invalid_request", "The body must be a JSON object.");
  const fields = body as Record<string, unknown>;
  const { required, optional } = INPUT_FIELDS[version];
  for (const name of required) {
    if (typeof fields[name] !== "string" || fields[name] === "") {
      return errorBody("invalid_request", `${name} is required.`, { field: name, problem: "required" });
    }
  }
  for (const name of Object.keys(fields)) {
    if (!(required as readonly string[]).includes(name) && !(optional as readonly string[]).includes(name)) {
      return errorBody("invalid_request", `${name} is not a ${version} customer field.`, { field: name, problem: "unknown" });
    }
  }
  if (fields["email"] !== undefined && fields["email"] !== null && typeof fields["email"] !== "string") {
    return errorBody("invalid_request", "email must be a string or null.", { field: "email", problem: "type" });
  }
  return fields as Record<string, string | null>;
}

export async function startRouteVersionedServer(options: RouteVersionedServerOptions): Promise<RouteVersionedServer> {
  const scheme = options.scheme ?? "Bearer";
  const limit = options.limit ?? 100;
  const windowMs = (options.windowSeconds ?? 60) * 1000;
  const now = options.now ?? Date.now;
  const expectedAuthorization = scheme === "" ? options.token : `${scheme} ${options.token}`;
  const store = new Map<string, StoredCustomer>();
  const oneOff: OneOffReply[] = [];
  let window = { start: now(), used: 0 };
  let nextId = 1;

  const rateLimitHeaders = (): Record<string, string> => ({
    "X-RateLimit-Limit": String(limit),
    "X-RateLimit-Remaining": String(Math.max(0, limit - window.used)),
    "X-RateLimit-Reset": String(Math.max(0, Math.ceil((window.start + windowMs - now()) / 1000))),
  });
  const reply = (res: ServerResponse, status: number, body: unknown): void => {
    if (status === 204) {
      res.writeHead(204, rateLimitHeaders());
      res.end();
      return;
    }
    sendJson(res, status, body, rateLimitHeaders());
  };

  const server = await startServer((request, res) => {
    if (now() >= window.start + windowMs) window = { start: now(), used: 0 };
    if (window.used >= limit) {
      const seconds = Math.ceil((window.start + windowMs - now()) / 1000);
      reply(res, 429, errorBody("rate_limited", `Rate limit exceeded; try again in ${seconds} seconds.`, { limit, reset: seconds }));
      return;
    }
    window.used++;
    if (request.headers.authorization !== expectedAuthorization) {
      reply(res, 401, errorBody("unauthorized", "Authentication failure or invalid token.", {}));
      return;
    }
    const failure = oneOff.shift();
    if (failure !== undefined) {
      reply(res, failure.status, failure.body);
      return;
    }
    route(request, res);
  });

  function route(request: RecordedRequest, res: ServerResponse): void {
    const match = /^\/(v1|v2)\/customers(?:\/([^/]+))?$/.exec(request.path);
    if (match === null) {
      reply(res, 404, errorBody("route_not_found", `No route ${request.method} ${request.path}.`, { path: request.path }));
      return;
    }
    const version = match[1] as Version;
    const show = version === "v1" ? asV1 : asV2;
    const rawId = match[2];
    if (rawId === undefined) {
      if (request.method === "GET") return reply(res, 200, [...store.values()].map(show));
      if (request.method === "POST") {
        const input = readInput(version, request);
        if ("error" in input && typeof input["error"] === "object") return reply(res, 400, input);
        const customer = save(`cus_${String(nextId++).padStart(4, "0")}`, version, input as Record<string, string | null>, undefined);
        return reply(res, 201, show(customer));
      }
      return reply(res, 405, errorBody("method_not_allowed", `${request.method} is not allowed here.`));
    }
    const id = decodeURIComponent(rawId);
    const existing = store.get(id);
    if (existing === undefined) return reply(res, 404, errorBody("customer_not_found", `No customer with id ${id}.`, { id }));
    if (request.method === "GET") return reply(res, 200, show(existing));
    if (request.method === "PUT") {
      const input = readInput(version, request);
      if ("error" in input && typeof input["error"] === "object") return reply(res, 400, input);
      return reply(res, 200, show(save(id, version, input as Record<string, string | null>, existing)));
    }
    if (request.method === "DELETE") {
      store.delete(id);
      return reply(res, 204, undefined);
    }
    return reply(res, 405, errorBody("method_not_allowed", `${request.method} is not allowed here.`));
  }

  function save(id: string, version: Version, input: Record<string, string | null>, existing: StoredCustomer | undefined): StoredCustomer {
    let first: string;
    let last: string;
    if (version === "v1") {
      const name = String(input["name"]);
      const space = name.indexOf(" ");
      first = space < 0 ? name : name.slice(0, space);
      last = space < 0 ? "" : name.slice(space + 1);
    } else {
      first = String(input["first_name"]);
      last = String(input["last_name"]);
    }
    const customer: StoredCustomer = {
      id,
      first_name: first,
      last_name: last,
      email: input["email"] === undefined ? null : input["email"],
      created_at: existing?.created_at ?? new Date(now()).toISOString().replace(/\.\d{3}Z$/, "Z"),
    };
    store.set(id, customer);
    return customer;
  }

  return {
    ...server,
    store,
    failNext(...replies) {
      oneOff.push(...replies);
    },
    setWindow({ used, resetInSeconds }) {
      window = { start: now() - windowMs + resetInSeconds * 1000, used };
    },
    seed(customer) {
      const stored: StoredCustomer = { created_at: "2024-05-01T09:30:00Z", ...customer };
      store.set(stored.id, stored);
      return stored;
    },
    reset() {
      server.reset();
      store.clear();
      oneOff.length = 0;
      window = { start: now(), used: 0 };
      nextId = 1;
    },
  };
}
