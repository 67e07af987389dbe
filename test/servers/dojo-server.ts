/**
 * A loopback server that speaks Dojo's dialect (API version 2024-02-05), for behaviour tests of
 * the generated Dojo client through Node's real fetch:
 *
 *   - `Authorization: Basic <raw key>`: the literal word and the key as issued, NOT base64; any
 *     other value is a 401 problem document.
 *   - `version: 2024-02-05` on every call; missing or different is a 400 problem document.
 *   - `reseller-id` and `software-house-id` on every /terminals and /terminal-sessions call.
 *   - Success bodies are the examples of specs/dojo.yaml (read with `yaml`, not retyped).
 *   - Errors are RFC 7807 JSON sent as `application/problem+json`, in the three shapes Dojo's
 *     documents use: ProblemDetails, ErrorResponse (webhooks) and Error (terminals, with `code`).
 *
 *   const dojo = await startDojoServer();
 *   const client = new Dojo({ apiKey: DOJO_SANDBOX_KEY, baseUrl: dojo.url });
 *   dojo.queue({ status: 500, headers: { "retry-after": "0" }, body: problem(500, "Boom") });
 *   ...
 *   expect(dojo.requests[0]?.headers["version"]).toBe("2024-02-05");
 *   await dojo.close();
 */

import { readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { parse } from "yaml";
import { sendJson, startServer } from "../helpers/server.js";
import type { RecordedRequest, TestServer } from "../helpers/server.js";

export const DOJO_VERSION = "2024-02-05";
export const DOJO_SANDBOX_KEY = "sk_sandbox_c3VwZXJzZWNyZXQtc2FuZGJveC1rZXk";
export const DOJO_PROD_KEY = "sk_prod_c3VwZXJzZWNyZXQtcHJvZHVjdGlvbi1rZXk";
export const RESELLER_ID = "reseller-7f3a";
export const SOFTWARE_HOUSE_ID = "softwarehouse-91c2";

/** The seed page's example error body, byte for byte (minus its trailing comma, which is not JSON). */
export const SEED_VALIDATION_PROBLEM =
  '{"errors":{"Reference":["The Reference field is required."]},"type":"https://tools.ietf.org/html/rfc7231#section-6.5.1","title":"One or more validation errors occurred.","status":400,"traceId":"00-a405f077df056a498323ffbcec05923f-aa63e6f4dbbc734a-01"}';

// ---- examples from the spec ----

type Json = unknown;
type JsonObject = Record<string, unknown>;

const SPEC_PATH = new URL("../../specs/dojo.yaml", import.meta.url);
const spec = parse(readFileSync(SPEC_PATH, "utf8")) as JsonObject;

function dig(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== "object" || current === null || !Object.prototype.hasOwnProperty.call(current, key)) {
      throw new Error(`specs/dojo.yaml has no ${keys.join(" › ")} (stopped at ${key})`);
    }
    current = (current as JsonObject)[key];
  }
  return current;
}

const json = ["content", "application/json"] as const;
const requestExample = (path: string, method: string, name: string): Json =>
  dig(spec, "paths", path, method, "requestBody", ...json, "examples", name, "value");
const responseExample = (path: string, method: string, name?: string): Json =>
  name === undefined
    ? dig(spec, "paths", path, method, "responses", "200", ...json, "example")
    : dig(spec, "paths", path, method, "responses", "200", ...json, "examples", name, "value");
const schemaExample = (schema: string): Json => dig(spec, "components", "schemas", schema, "example");

/** Deep copies, so a test that mutates what it got cannot change what the next test receives. */
const copy = <T>(value: T): T => structuredClone(value);

/** The example payloads the server answers with, as the spec writes them. */
export const examples = {
  createPaymentIntentAuto: requestExample("/payment-intents", "post", "Auto"),
  createPaymentIntentManual: requestExample("/payment-intents", "post", "Manual"),
  paymentIntentAuto: responseExample("/payment-intents", "post", "Auto"),
  paymentIntentManual: responseExample("/payment-intents", "post", "Manual"),
  paymentIntent: responseExample("/payment-intents/{paymentIntentId}", "get"),
  createRefund: schemaExample("CreateRefundRequest"),
  refund: schemaExample("Refund"),
  webhookEvents: responseExample("/webhooks/events", "get"),
  subscription: responseExample("/webhooks", "post"),
  createCustomer: dig(spec, "paths", "/customers", "post", "requestBody", ...json, "example"),
  customer: responseExample("/customers", "post"),
  terminals: responseExample("/terminals", "get"),
  terminal: responseExample("/terminals/{terminalId}", "get"),
  createTerminalSessionSale: requestExample("/terminal-sessions", "post", "Sale"),
  terminalSession: responseExample("/terminal-sessions", "post"),
  terminalSessionDetail: responseExample("/terminal-sessions/{terminalSessionId}", "get"),
  terminalSessionCanceled: responseExample("/terminal-sessions/{terminalSessionId}/cancel", "put"),
  terminalSessionSigned: responseExample("/terminal-sessions/{terminalSessionId}/signature", "put"),
} as const;

// ---- error bodies in Dojo's three RFC 7807 shapes ----

const TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
const RFC7231 = "https://tools.ietf.org/html/rfc7231#section-6.5";

/** `ProblemDetails` (payment intents, customers, …): `{type, title, status, detail, instance, extensions}` + traceId. */
export function problem(status: number, title: string, extra: JsonObject = {}): JsonObject {
  return { type: `${RFC7231}.1`, title, status, traceId: TRACE, ...extra };
}

/** `ErrorResponse` (webhooks): `{errors: {field: [..]}, type, title, status, traceId, detail}`. */
export function errorResponse(status: number, errors: Record<string, string[]>, detail?: string): JsonObject {
  return {
    errors,
    type: `${RFC7231}.1`,
    title: "One or more validation errors occurred.",
    status,
    traceId: TRACE,
    ...(detail === undefined ? {} : { detail }),
  };
}

/** `Error` (terminals): `{code, title, type, status, detail, traceId, errors}`. */
export function terminalError(
  status: number,
  code: "INTERNAL_ERROR" | "TERMINAL_UNAVAILABLE" | "INVALID_REQUEST",
  title: string,
  detail: string,
  errors: Record<string, string[]> = {},
): JsonObject {
  return { code, title, type: `https://docs.dojo.tech/errors/${code.toLowerCase()}`, status, detail, traceId: TRACE, errors };
}

/** Sends an RFC 7807 body (an object, or exact text) as `application/problem+json`. */
export function sendProblem(
  res: ServerResponse,
  status: number,
  body: JsonObject | string,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, { "content-type": "application/problem+json; charset=utf-8", ...headers });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

// ---- the server ----

/** A scripted answer that replaces the route's for one request (after the dialect checks pass). */
export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Objects are sent as JSON (`application/problem+json` for 4xx/5xx); strings as given. */
  readonly body?: JsonObject | string;
}

export interface DojoServerOptions {
  /** Keys the server accepts (as `Authorization: Basic <key>`); default the sandbox key. */
  readonly apiKeys?: readonly string[];
}

export interface DojoServer extends TestServer {
  /** Answers the next requests (in order) with these replies instead of the routes. */
  queue(...replies: Reply[]): void;
}

export async function startDojoServer(options: DojoServerOptions = {}): Promise<DojoServer> {
  const accepted = new Set((options.apiKeys ?? [DOJO_SANDBOX_KEY]).map((key) => `Basic ${key}`));
  const pending: Reply[] = [];

  const server = await startServer((req, res) => {
    if (!dialectAccepts(req, res, accepted)) return;
    const scripted = pending.shift();
    if (scripted !== undefined) return sendReply(res, scripted);
    return route(req, res);
  });

  return Object.assign(server, {
    queue(...replies: Reply[]): void {
      pending.push(...replies);
    },
    reset(): void {
      server.requests.length = 0;
      pending.length = 0;
    },
  });
}

/** The checks Dojo makes of every call; answers and returns false when one fails. */
function dialectAccepts(req: RecordedRequest, res: ServerResponse, accepted: ReadonlySet<string>): boolean {
  const authorization = header(req, "authorization");
  if (authorization === undefined || !accepted.has(authorization)) {
    sendProblem(res, 401, problem(401, "Unauthorized", { type: "https://tools.ietf.org/html/rfc7235#section-3.1" }));
    return false;
  }
  const version = header(req, "version");
  if (version !== DOJO_VERSION) {
    sendProblem(
      res,
      400,
      problem(400, "One or more validation errors occurred.", {
        errors: { version: [version === undefined ? "The version header is required." : `Version ${version} is not supported.`] },
      }),
    );
    return false;
  }
  if (/^\/(terminals|terminal-sessions)(\/|$)/.test(req.path)) {
    const missing = ["reseller-id", "software-house-id"].filter((name) => (header(req, name) ?? "") === "");
    if (missing.length > 0) {
      const errors = Object.fromEntries(missing.map((name) => [name, [`The ${name} header is required.`]]));
      sendProblem(res, 400, terminalError(400, "INVALID_REQUEST", "Invalid request", "Required headers are missing.", errors));
      return false;
    }
  }
  return true;
}

function header(req: RecordedRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

function sendReply(res: ServerResponse, reply: Reply): void {
  const { status, headers = {}, body } = reply;
  if (typeof body === "string") {
    res.writeHead(status, headers);
    res.end(body);
  } else if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
  } else if (status >= 400) {
    sendProblem(res, status, body, headers);
  } else {
    sendJson(res, status, body, headers);
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One page of `all`: `limit` results (Dojo's default 50) from the cursor `after`, and the cursor of the next page or null. */
function cursorPage(all: readonly unknown[], limit: unknown, after: unknown): JsonObject {
  const size = typeof limit === "number" && limit > 0 ? limit : 50;
  const start = typeof after === "string" && /^\d+$/.test(after) ? Number(after) : 0;
  const end = start + size;
  return { data: all.slice(start, end), before: start === 0 ? null : String(Math.max(0, start - size)), after: end < all.length ? String(end) : null };
}

function readJson(req: RecordedRequest): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(req.body);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** The Dojo operations the tests use, answering with the spec's examples. */
function route(req: RecordedRequest, res: ServerResponse): void {
  const { method, path } = req;
  const segments = path.split("/").slice(1).map((s) => decodeURIComponent(s));
  const at = (m: string, pattern: string): boolean => {
    if (m !== method) return false;
    const want = pattern.split("/").slice(1);
    return want.length === segments.length && want.every((w, i) => w === "*" || w === segments[i]);
  };
  const badBody = (): void => sendProblem(res, 400, problem(400, "A non-empty request body is required."));

  // Payment intents
  if (at("POST", "/payment-intents")) {
    const body = readJson(req);
    if (body === undefined) return badBody();
    if (typeof body["reference"] !== "string" || body["reference"] === "") {
      return sendProblem(res, 400, SEED_VALIDATION_PROBLEM);
    }
    return sendJson(res, 200, copy(body["captureMode"] === "Manual" ? examples.paymentIntentManual : examples.paymentIntentAuto));
  }
  if (at("POST", "/payment-intents/search")) {
    const body = readJson(req);
    if (body === undefined) return badBody();
    // Pages by cursor as Dojo does: `cursor.limit` results, then `after` names where the next page starts.
    const cursor = isObject(body["cursor"]) ? body["cursor"] : {};
    const all = [copy(examples.paymentIntentAuto), copy(examples.paymentIntentManual), copy(examples.paymentIntentAuto)];
    return sendJson(res, 200, cursorPage(all, cursor["limit"], cursor["after"]));
  }
  if (at("GET", "/payment-intents/*")) {
    const id = segments[1] ?? "";
    if (!id.startsWith("pi_sandbox_")) {
      // ProblemDetails with the trace id under `extensions`, as the 2026 schema nests extra members.
      return sendProblem(
        res,
        404,
        { type: `${RFC7231}.4`, title: "Not Found", status: 404, detail: `Payment intent ${id} was not found.`, instance: path, extensions: { traceId: TRACE } },
      );
    }
    return sendJson(res, 200, { ...copy(examples.paymentIntent as JsonObject), id });
  }
  if (at("POST", "/payment-intents/*/refunds")) {
    const key = header(req, "idempotencykey");
    if (key === undefined || key === "") {
      return sendProblem(res, 400, problem(400, "One or more validation errors occurred.", { errors: { idempotencyKey: ["The idempotencyKey field is required."] } }));
    }
    if (readJson(req) === undefined) return badBody();
    return sendJson(res, 200, { ...copy(examples.refund as JsonObject), paymentIntentId: segments[1] });
  }

  // Webhooks
  if (at("GET", "/webhooks/events")) return sendJson(res, 200, copy(examples.webhookEvents));
  if (at("GET", "/webhooks")) return sendJson(res, 200, [copy(examples.subscription)]);
  if (at("POST", "/webhooks")) {
    const body = readJson(req);
    if (body === undefined) return badBody();
    if (typeof body["url"] !== "string" || !body["url"].startsWith("https://")) {
      return sendProblem(res, 400, errorResponse(400, { Url: ["The Url must be an absolute https URL."] }, "Webhook URLs must use https."));
    }
    return sendJson(res, 200, copy(examples.subscription));
  }

  // Customers
  if (at("POST", "/customers")) {
    if (readJson(req) === undefined) return badBody();
    return sendJson(res, 200, copy(examples.customer));
  }
  if (at("POST", "/customers/search")) {
    const body = readJson(req);
    if (body === undefined) return badBody();
    const all = ["a", "b", "c", "d", "e"].map((name) => ({ ...copy(examples.customer as JsonObject), id: `cu_sandbox_${name}` }));
    return sendJson(res, 200, cursorPage(all, body["limit"], body["after"]));
  }
  if (at("DELETE", "/customers/*")) {
    res.writeHead(204);
    res.end();
    return;
  }

  // Terminals
  if (at("GET", "/terminals")) return sendJson(res, 200, copy(examples.terminals));
  if (at("GET", "/terminals/*")) return sendJson(res, 200, { ...copy(examples.terminal as JsonObject), id: segments[1] });

  // Terminal sessions
  if (at("POST", "/terminal-sessions")) {
    const body = readJson(req);
    if (body === undefined) return badBody();
    if (body["terminalId"] === "tm_sandbox_busy") {
      return sendProblem(
        res,
        409,
        terminalError(409, "TERMINAL_UNAVAILABLE", "Terminal unavailable", "The terminal is busy with another session."),
      );
    }
    return sendJson(res, 200, copy(examples.terminalSession));
  }
  if (at("GET", "/terminal-sessions/*")) return sendJson(res, 200, copy(examples.terminalSessionDetail));
  if (at("PUT", "/terminal-sessions/*/cancel")) {
    if (segments[1] === "ts_sandbox_captured") {
      // ProblemDetailsTerminals: every member present, `errors` included.
      return sendProblem(res, 422, {
        type: `${RFC7231}.1`,
        title: "Unprocessable entity",
        status: 422,
        detail: "A captured session cannot be canceled.",
        traceId: TRACE,
        errors: { status: ["Session status is Captured."] },
      });
    }
    return sendJson(res, 200, copy(examples.terminalSessionCanceled));
  }
  if (at("PUT", "/terminal-sessions/*/signature")) {
    const body = readJson(req);
    if (body === undefined || typeof body["accepted"] !== "boolean") return badBody();
    return sendJson(res, 200, copy(examples.terminalSessionSigned));
  }

  sendProblem(res, 404, problem(404, "Not Found", { type: `${RFC7231}.4`, detail: `No route for ${method} ${path}.` }));
}
