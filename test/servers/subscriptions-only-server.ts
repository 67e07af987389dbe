/**
 * A loopback server (node:http on 127.0.0.1, ephemeral port) that speaks Subscriptions Only's
 * dialect, for behaviour tests of the generated client. What it answers comes from the seed page
 * (test/servers/subscriptions-only-seed.ts) and from `specs/subscriptions-only.yaml`:
 *
 * - everything lives under the version path `/1.0.0` (pass `baseUrl` as the client's `baseUrl`);
 * - every call must carry `Authorization: Basic base64(storeId:apiKey)` (else 401) and
 *   `Accept: application/json` (else 406); POST and PUT bodies must be `application/json`;
 * - every answer is the `{status: "<HTTP status>", message: "<reason>", body}` envelope, and when
 *   an answer is one of the seed's examples it is sent as the seed's text, byte for byte (the
 *   add-on reads, the PUT, POST and DELETE confirmations, both 400s);
 * - POST and PUT bodies are checked against the spec's request schema the way the seed describes:
 *   unknown fields first ("Unknown fields submitted.", keyed by their index in the submitted
 *   body), then required fields ("Required fields missing.", keyed by their index in the schema's
 *   `required` list, which the spec keeps in the API's order);
 * - lists apply `filter_by`/`filter`, `exclude` (field) / `exclude_by` (value), `sort_by`/`sort`
 *   and `page`/`paginate` (pages from 1; no `paginate`, no paging);
 * - every response carries the tokens left in the rate-limit window, in a header whose name is a
 *   server option (the API's own name is not documented).
 *
 * The add-ons are the seed's two. The coupon and the subscribers are this server's own inventions
 * (the API documents no coupon or subscriber read), shaped like every record: strings and nulls.
 * Tests can queue one-off replies per operation (`script`) for odd bodies and statuses.
 */

import { readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { isDeepStrictEqual } from "node:util";
import { parse } from "yaml";
import { startServer } from "../helpers/server.js";
import type { RecordedRequest, TestServer } from "../helpers/server.js";
import { SEED } from "./subscriptions-only-seed.js";

// ---- the spec's request schemas ----

type Schema = { readonly properties?: Readonly<Record<string, unknown>>; readonly required?: readonly string[] };

const spec = parse(readFileSync(new URL("../../specs/subscriptions-only.yaml", import.meta.url), "utf8")) as {
  readonly components: { readonly schemas: Readonly<Record<string, Schema>> };
};

function schema(name: string): Schema {
  const found = spec.components.schemas[name];
  if (found === undefined) throw new Error(`specs/subscriptions-only.yaml has no schema ${name}`);
  return found;
}

// ---- records ----

/** A record as the API sends it: every scalar a string, or null. */
export type SoRecord = Readonly<Record<string, string | null>>;

/** The seed's two add-ons (the GET-many example), in its order. */
export const SEED_ADD_ONS: readonly SoRecord[] = (JSON.parse(SEED.getMany) as { body: { data: SoRecord[] } }).body.data;

/** The coupon of the seed's failed POST, without its deliberately unknown field, as if it had been created. */
export const TEST_COUPON: SoRecord = (() => {
  const { this_should_fail: _unknown, ...fields } = JSON.parse(SEED.couponPost) as Record<string, string>;
  // Invented by this server: the API documents no coupon read, so no id format.
  return { id: "1", unique_id: "COUPON-1", ...fields, created: "2018-12-01 09:30:00", deleted: null };
})();

/** Invented subscribers (the API documents no subscriber fields), shaped like every record. */
export const TEST_SUBSCRIBERS: readonly SoRecord[] = [
  { id: "7", store_id: "00", subscriber_status: "Active", email: "ada@example.com", created: "2018-05-02 10:00:00", deleted: null },
  { id: "8", store_id: "00", subscriber_status: "Cancelled", email: "bob@example.com", created: "2018-06-11 16:20:05", deleted: null },
  { id: "9", store_id: "00", subscriber_status: "Active", email: "cy@example.com", created: "2018-07-30 08:45:59", deleted: null },
];

const REASONS: Readonly<Record<number, string>> = {
  200: "OK",
  201: "Created",
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  406: "Not Acceptable",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

/** `{status: "<code>", message: "<reason>", body}`; no `body` key when `body` is undefined (creates). */
export function envelope(status: number, body?: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { status: String(status), message: REASONS[status] ?? "Unknown" };
  if (body !== undefined) out["body"] = body;
  return out;
}

// ---- routes ----

interface Route {
  readonly operationId: string;
  readonly method: string;
  readonly pattern: RegExp;
}

const BASE_PATH = "/1.0.0";

const ROUTES: readonly Route[] = [
  { operationId: "AddOns_List", method: "GET", pattern: /^\/add-ons$/ },
  { operationId: "AddOns_Create", method: "POST", pattern: /^\/add-ons$/ },
  { operationId: "AddOns_Get", method: "GET", pattern: /^\/add-ons\/([^/]+)$/ },
  { operationId: "AddOns_Update", method: "PUT", pattern: /^\/add-ons\/([^/]+)$/ },
  { operationId: "AddOns_Delete", method: "DELETE", pattern: /^\/add-ons\/([^/]+)$/ },
  { operationId: "Coupons_List", method: "GET", pattern: /^\/coupons$/ },
  { operationId: "Coupons_Create", method: "POST", pattern: /^\/coupons$/ },
  { operationId: "Coupons_Get", method: "GET", pattern: /^\/coupons\/([^/]+)$/ },
  { operationId: "Coupons_Update", method: "PUT", pattern: /^\/coupons\/([^/]+)$/ },
  { operationId: "Coupons_Delete", method: "DELETE", pattern: /^\/coupons\/([^/]+)$/ },
  { operationId: "Subscribers_List", method: "GET", pattern: /^\/subscribers$/ },
];

const WRITE_SCHEMAS: Readonly<Record<string, string>> = {
  AddOns_Create: "AddOnCreate",
  AddOns_Update: "AddOnUpdate",
  Coupons_Create: "CouponCreate",
  Coupons_Update: "CouponUpdate",
};

// ---- the dialect's rules, as the seed describes them ----

/**
 * The 400 the API answers a write with, or undefined when the body is acceptable: unknown fields
 * first, keyed by their index among the submitted fields; then missing required fields, keyed by
 * their index in the required list.
 */
export function validateWrite(schemaName: string, submitted: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  const { properties = {}, required = [] } = schema(schemaName);
  const unknown: Record<string, string> = {};
  Object.keys(submitted).forEach((name, index) => {
    if (!Object.prototype.hasOwnProperty.call(properties, name)) unknown[String(index)] = name;
  });
  if (Object.keys(unknown).length > 0) return envelope(400, { text: "Unknown fields submitted.", fields: unknown });
  const missing: Record<string, string> = {};
  required.forEach((name, index) => {
    if (!Object.prototype.hasOwnProperty.call(submitted, name)) missing[String(index)] = name;
  });
  if (Object.keys(missing).length > 0) return envelope(400, { text: "Required fields missing.", fields: missing });
  return undefined;
}

/** The list's records after the documented query parameters, in their documented pairs. */
export function applyListParams(records: readonly SoRecord[], query: URLSearchParams): SoRecord[] {
  let out = [...records];
  const filterBy = query.get("filter_by");
  const filter = query.get("filter");
  if (filterBy !== null && filter !== null) out = out.filter((r) => r[filterBy] === filter);
  // Reversed, as documented: `exclude` names the field, `exclude_by` gives the value.
  const excludeField = query.get("exclude");
  const excludeValue = query.get("exclude_by");
  if (excludeField !== null && excludeValue !== null) out = out.filter((r) => r[excludeField] !== excludeValue);
  const sortBy = query.get("sort_by");
  if (sortBy !== null) {
    const direction = query.get("sort") === "desc" ? -1 : 1;
    out.sort((a, b) => direction * String(a[sortBy] ?? "").localeCompare(String(b[sortBy] ?? ""), "en", { numeric: true }));
  }
  const paginate = query.get("paginate");
  if (paginate !== null) {
    const size = Number(paginate);
    const page = Number(query.get("page") ?? "1");
    out = out.slice((page - 1) * size, page * size);
  }
  return out;
}

// ---- the server ----

export interface SoCredentials {
  readonly storeId: string;
  readonly apiKey: string;
}

export interface SoServerOptions {
  /** The header carrying the tokens left in the rate-limit window. */
  readonly remainingHeader: string;
  /** Tokens at the start (and after `reset()`); each request spends one. */
  readonly tokens: number;
}

/** A reply a test forces for the next call of an operation. */
export interface ScriptedReply {
  readonly status: number;
  /** Sent as it is; objects are sent as JSON. */
  readonly body: string | object;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One request the server matched to an operation, with the reply it sent. */
export interface SoCall {
  readonly operationId: string;
  readonly id: string | undefined;
  readonly request: RecordedRequest;
  readonly reply: { readonly status: number; readonly text: string };
}

export interface SoServer {
  /** `http://127.0.0.1:<port>/1.0.0`: pass it as the client's `baseUrl`. */
  readonly baseUrl: string;
  /** Every request received, in arrival order, as sent (raw URL, headers, body text). */
  readonly requests: RecordedRequest[];
  /** The requests that matched a route, with what was answered. */
  readonly calls: SoCall[];
  readonly credentials: SoCredentials;
  readonly options: SoServerOptions;
  /** Tokens left in the current window. */
  readonly tokens: () => number;
  /** Queues replies for the next calls of `operationId`, used in order before normal answers. */
  script(operationId: string, ...replies: ScriptedReply[]): void;
  /** Forgets requests, queued replies and spent tokens. */
  reset(): void;
  close(): Promise<void>;
}

export async function startSubscriptionsOnlyServer(
  credentials: SoCredentials,
  options: SoServerOptions = { remainingHeader: "X-RateLimit-Remaining", tokens: 100 },
): Promise<SoServer> {
  const scripts = new Map<string, ScriptedReply[]>();
  const calls: SoCall[] = [];
  let tokens = options.tokens;
  const expectedAuth = `Basic ${Buffer.from(`${credentials.storeId}:${credentials.apiKey}`, "utf8").toString("base64")}`;

  const server: TestServer = await startServer((request, response) => {
    tokens = Math.max(0, tokens - 1);
    const path = request.path.startsWith(`${BASE_PATH}/`) ? request.path.slice(BASE_PATH.length) : undefined;
    const route = path === undefined ? undefined : ROUTES.find((r) => r.method === request.method && r.pattern.test(path));
    const id = route === undefined || path === undefined ? undefined : decodeURIComponent(route.pattern.exec(path)?.[1] ?? "") || undefined;

    const send = (status: number, body: string | object, headers: Readonly<Record<string, string>> = {}): void => {
      const text = typeof body === "string" ? body : seedTextOf(body) ?? JSON.stringify(body);
      response.writeHead(status, { "content-type": "application/json", [options.remainingHeader]: String(tokens), ...headers });
      response.end(text);
      if (route !== undefined) calls.push({ operationId: route.operationId, id, request, reply: { status, text } });
    };

    if (request.headers.authorization !== expectedAuth) return send(401, envelope(401, { text: "Invalid Store ID or API Key." }));
    if (!/^application\/json\b/i.test(request.headers.accept ?? "")) return send(406, envelope(406, { text: "Accept must be application/json." }));
    if (route === undefined) return send(404, envelope(404, { text: "Endpoint not found." }));

    const scripted = scripts.get(route.operationId)?.shift();
    if (scripted !== undefined) return send(scripted.status, scripted.body, scripted.headers);
    answer(route.operationId, id, request, send);
  });

  function answer(
    operationId: string,
    id: string | undefined,
    request: RecordedRequest,
    send: (status: number, body: string | object) => void,
  ): void {
    const schemaName = WRITE_SCHEMAS[operationId];
    if (schemaName !== undefined) {
      if (!/^application\/json\b/i.test(request.headers["content-type"] ?? "")) {
        return send(415, envelope(415, { text: "Content-Type must be application/json." }));
      }
      let submitted: unknown;
      try {
        submitted = JSON.parse(request.body);
      } catch {
        return send(400, envelope(400, { text: "Invalid JSON." }));
      }
      if (typeof submitted !== "object" || submitted === null || Array.isArray(submitted)) {
        return send(400, envelope(400, { text: "Invalid JSON." }));
      }
      const refusal = validateWrite(schemaName, submitted as Record<string, unknown>);
      if (refusal !== undefined) return send(400, refusal);
    }

    const notFound = (): void => send(404, envelope(404, { text: "Item not found." }));
    switch (operationId) {
      case "AddOns_List":
        return send(200, envelope(200, { data: applyListParams(SEED_ADD_ONS, request.query) }));
      case "Coupons_List":
        return send(200, envelope(200, { data: applyListParams([TEST_COUPON], request.query) }));
      case "Subscribers_List":
        return send(200, envelope(200, { data: applyListParams(TEST_SUBSCRIBERS, request.query) }));
      case "AddOns_Create":
      case "Coupons_Create":
        return send(201, envelope(201));
      case "AddOns_Get": {
        const addOn = SEED_ADD_ONS.find((a) => a.unique_id === id);
        return addOn === undefined ? notFound() : send(200, envelope(200, { data: addOn }));
      }
      case "Coupons_Get":
        return id === TEST_COUPON.unique_id ? send(200, envelope(200, { data: TEST_COUPON })) : notFound();
      case "AddOns_Update":
      case "Coupons_Update":
        return known(operationId, id) ? send(200, envelope(200, { text: "Content updated" })) : notFound();
      case "AddOns_Delete":
      case "Coupons_Delete":
        return known(operationId, id) ? send(200, envelope(200, { text: "Delete successful" })) : notFound();
      default:
        return send(500, envelope(500, { text: `no handler for ${operationId}` }));
    }
  }

  function known(operationId: string, id: string | undefined): boolean {
    return operationId.startsWith("AddOns_") ? SEED_ADD_ONS.some((a) => a.unique_id === id) : id === TEST_COUPON.unique_id;
  }

  return {
    baseUrl: `${server.url}${BASE_PATH}`,
    requests: server.requests,
    calls,
    credentials,
    options,
    tokens: () => tokens,
    script(operationId, ...replies) {
      if (!ROUTES.some((r) => r.operationId === operationId)) throw new Error(`no operation ${operationId}`);
      scripts.set(operationId, [...(scripts.get(operationId) ?? []), ...replies]);
    },
    reset() {
      server.reset();
      calls.length = 0;
      scripts.clear();
      tokens = options.tokens;
    },
    close: () => server.close(),
  };
}

/** The seed's own text for a body equal to one of its examples, so those answers are verbatim. */
function seedTextOf(body: object): string | undefined {
  return Object.values(SEED).find((text) => isDeepStrictEqual(JSON.parse(text), body));
}
