/**
 * A loopback server (node:http on 127.0.0.1, ephemeral port) that speaks Jodo's dialect, for
 * behaviour tests of the generated Jodo client. Everything it answers comes from `specs/jodo.yaml`:
 *
 * - routes are the spec's paths and methods (path parameters are matched on the raw, still
 *   percent-encoded path, one segment each, then decoded, as a real router would);
 * - every call must carry `Authorization: Basic base64(utf8(apiKey:apiSecret))`, otherwise 401;
 * - request bodies must be sent as `application/json` and must have the request schema's
 *   required fields (checked recursively, with types and enums), otherwise 400;
 * - success bodies are Jodo envelopes around payloads built from the spec's `example`s:
 *   `{status:"success", data}` where the 2xx response has a schema, `{status:"success"}` where it
 *   has none, and `{status:"success", message}` where the unwrapped result is a string
 *   (the payment-link cancel);
 * - error bodies are `{status:"error", code, message}` (the spec's stated assumption: Jodo
 *   publishes no error JSON) with Jodo's documented codes HUE00000 (400), HUE00001 (404),
 *   MAE00000 (400) and MAE00001 (404).
 *
 * Tests can queue one-off replies per operation (`script`) for 429s, 5xx and odd bodies; after the
 * queue is used up the server answers normally again.
 */

import { readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { parse } from "yaml";
import { sendJson, startServer } from "../helpers/server.js";
import { pathPattern } from "../helpers/path-pattern.js";
import type { RecordedRequest, TestServer } from "../helpers/server.js";

// ---- the spec ----

type Schema = Readonly<Record<string, unknown>>;

const SPEC_PATH = new URL("../../specs/jodo.yaml", import.meta.url);

/** `specs/jodo.yaml`, parsed once. */
export const spec = parse(readFileSync(SPEC_PATH, "utf8")) as {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: {
    readonly schemas: Record<string, Schema>;
    readonly parameters: Record<string, Schema>;
  };
};

interface Operation {
  readonly operationId: string;
  readonly parameters?: readonly Schema[];
  readonly requestBody?: { readonly content: Record<string, { readonly schema: Schema }> };
  readonly responses: Record<string, { readonly description?: string; readonly content?: Record<string, { readonly schema: Schema }> }>;
}

function resolve(schema: Schema): Schema {
  let current = schema;
  for (let depth = 0; typeof current["$ref"] === "string"; depth++) {
    if (depth > 20) throw new Error(`$ref loop at ${String(current["$ref"])}`);
    const ref = current["$ref"];
    const match = /^#\/components\/(schemas|parameters)\/(.+)$/.exec(ref);
    const target = match === null ? undefined : spec.components[match[1] as "schemas" | "parameters"][match[2] ?? ""];
    if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
    current = target;
  }
  return current;
}

/**
 * A value for `schema` built from the spec's examples: the schema's own `example` where it has
 * one, otherwise an object of its properties' examples, or a one-item array of its items' example.
 */
export function exampleOf(schema: Schema): unknown {
  const own = resolve(schema);
  if ("example" in own) return structuredClone(own["example"]);
  const type = own["type"];
  if (type === "array") return [exampleOf(own["items"] as Schema)];
  if (type === "object" || own["properties"] !== undefined) {
    const out: Record<string, unknown> = {};
    for (const [name, property] of Object.entries((own["properties"] ?? {}) as Record<string, Schema>)) {
      const value = exampleOf(property);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }
  if (Array.isArray(own["enum"])) return own["enum"][0];
  return undefined;
}

/** The example of a named component schema, e.g. `schemaExample("Student")`. */
export function schemaExample(name: string): unknown {
  return exampleOf({ $ref: `#/components/schemas/${name}` });
}

/** The example of a named path parameter, e.g. `parameterExample("JodoStudentId")` → "365127". */
export function parameterExample(name: string): string {
  const parameter = spec.components.parameters[name];
  if (parameter === undefined) throw new Error(`no parameter ${name}`);
  return String(exampleOf(parameter["schema"] as Schema));
}

// ---- routes ----

interface Route {
  readonly operationId: string;
  readonly method: string;
  readonly template: string;
  readonly pattern: RegExp;
  readonly paramNames: readonly string[];
  readonly operation: Operation;
}

const routes: readonly Route[] = Object.entries(spec.paths).flatMap(([template, item]) =>
  Object.entries(item).map(([method, operation]) => {
    const { pattern, paramNames } = pathPattern(template);
    return {
      operationId: operation.operationId,
      method: method.toUpperCase(),
      template,
      pattern,
      paramNames,
      operation,
    };
  }),
);

const operationsById = new Map(routes.map((route) => [route.operationId, route]));

/** The spec's 2xx response of an operation: its status and its schema (undefined: no content). */
export function successOf(operationId: string): { readonly status: number; readonly schema: Schema | undefined } {
  const route = operationsById.get(operationId);
  if (route === undefined) throw new Error(`no operation ${operationId}`);
  const entry = Object.entries(route.operation.responses).find(([status]) => /^2\d\d$/.test(status));
  if (entry === undefined) throw new Error(`${operationId} has no 2xx response`);
  return { status: Number(entry[0]), schema: entry[1].content?.["application/json"]?.schema };
}

/** What the client should resolve to for an operation the server answers from examples alone. */
export function payloadExample(operationId: string): unknown {
  const { schema } = successOf(operationId);
  return schema === undefined ? undefined : exampleOf(schema);
}

// ---- errors in Jodo's dialect ----

/** Jodo's documented machine codes (seed page, FACTS.md, the per-endpoint error tables). */
export const JODO_CODES = {
  HUE00000: { status: 400, message: "Bad request error" },
  HUE00001: { status: 404, message: "Resource not found" },
  MAE00000: { status: 400, message: "Bad request error" },
  MAE00001: { status: 404, message: "Student not found" },
} as const;
export type JodoCode = keyof typeof JODO_CODES;

/**
 * The code an operation answers a 400 or 404 with: the one its response in the spec documents
 * (e.g. "`MAE00001` (HTTP 404)"), else, for the operations Jodo documents no code for, the family
 * of the endpoint (assumption of this test server: student-scoped ERP endpoints answer with the
 * student-management `MAE…` codes, everything else with the generic `HUE…` codes).
 */
function codeFor(route: Route | undefined, status: 400 | 404): JodoCode {
  for (const response of Object.values(route?.operation.responses ?? {})) {
    const documented = /`([A-Z]{3}\d{5})` \(HTTP (\d{3})\)/.exec(response.description ?? "");
    if (documented !== null && Number(documented[2]) === status && documented[1]! in JODO_CODES) {
      return documented[1] as JodoCode;
    }
  }
  const studentScoped = route?.paramNames.includes("jodo_student_id") ?? false;
  if (status === 400) return studentScoped ? "MAE00000" : "HUE00000";
  return studentScoped ? "MAE00001" : "HUE00001";
}

/** `{status:"error", code, message}` for one of Jodo's documented codes. */
export function jodoError(code: JodoCode, detail?: string): { status: "error"; code: JodoCode; message: string } {
  const { message } = JODO_CODES[code];
  return { status: "error", code, message: detail === undefined ? message : `${message}: ${detail}` };
}

// ---- request validation against the spec's request schemas ----

/** The first way `value` breaks `schema` (required fields, types, enums), or undefined. */
function violation(schema: Schema, value: unknown, where: string): string | undefined {
  const own = resolve(schema);
  const types = Array.isArray(own["type"]) ? (own["type"] as string[]) : own["type"] === undefined ? [] : [own["type"] as string];
  if (types.length > 0 && !types.some((type) => hasType(value, type))) {
    return `${where} must be ${types.join(" or ")}`;
  }
  if (Array.isArray(own["enum"]) && !own["enum"].includes(value)) {
    return `${where} must be one of ${own["enum"].join(", ")}`;
  }
  if (Array.isArray(value) && own["items"] !== undefined) {
    for (const [index, item] of value.entries()) {
      const problem = violation(own["items"] as Schema, item, `${where}[${index}]`);
      if (problem !== undefined) return problem;
    }
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const name of (own["required"] ?? []) as string[]) {
      if (!(name in record)) return `${where === "" ? "" : `${where}.`}${name} is required`;
    }
    for (const [name, property] of Object.entries((own["properties"] ?? {}) as Record<string, Schema>)) {
      if (!(name in record)) continue;
      const problem = violation(property, record[name], where === "" ? name : `${where}.${name}`);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

// ---- the server ----

export interface JodoCredentials {
  readonly apiKey: string;
  readonly apiSecret: string;
}

/** A reply a test forces for the next call of an operation. */
export interface ScriptedReply {
  readonly status: number;
  /** Objects are sent as JSON, strings as they are (with `contentType`, default JSON). */
  readonly body?: unknown;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One request the server matched to an operation, with its decoded path parameters. */
export interface JodoCall {
  readonly operationId: string;
  readonly params: Readonly<Record<string, string>>;
  readonly request: RecordedRequest;
}

export interface JodoServer {
  /** `http://127.0.0.1:<port>`: pass it as the client's `baseUrl`. */
  readonly url: string;
  /** Every request received, in arrival order, as sent (raw URL, headers, body text). */
  readonly requests: RecordedRequest[];
  /** The requests that matched a route, with their operation id and decoded path parameters. */
  readonly calls: JodoCall[];
  readonly credentials: JodoCredentials;
  /** Known ids; anything else is a 404 with the operation's code. Tests may add to them. */
  readonly students: Set<string>;
  readonly registrations: Set<string>;
  readonly orders: Set<string>;
  readonly webhooks: Set<string>;
  /** Queues replies for the next calls of `operationId`, used in order before normal answers. */
  script(operationId: string, ...replies: ScriptedReply[]): void;
  /** Forgets requests, queued replies and ids added by tests. */
  reset(): void;
  close(): Promise<void>;
}

export async function startJodoServer(credentials: JodoCredentials): Promise<JodoServer> {
  const initial = {
    students: [parameterExample("JodoStudentId")],
    registrations: [parameterExample("RegistrationId")],
    orders: [parameterExample("OrderId"), String((schemaExample("PayOrder") as { id: string }).id)],
    webhooks: [parameterExample("WebhookId")],
  };
  const students = new Set(initial.students);
  const registrations = new Set(initial.registrations);
  const orders = new Set(initial.orders);
  const webhooks = new Set(initial.webhooks);
  const scripts = new Map<string, ScriptedReply[]>();
  const calls: JodoCall[] = [];
  const expected = `${credentials.apiKey}:${credentials.apiSecret}`;

  const server: TestServer = await startServer((request, response) => {
    if (!authorised(request.headers.authorization, expected)) {
      // Jodo documents no code for 401; the body keeps the shape of every other error.
      sendJson(response, 401, { status: "error", code: "UNAUTHORIZED", message: "Invalid API key or secret" });
      return;
    }

    const route = routes.find((candidate) => candidate.method === request.method && candidate.pattern.test(request.path));
    if (route === undefined) {
      const known = routes.some((candidate) => candidate.pattern.test(request.path));
      if (known) sendJson(response, 405, { status: "error", code: "HUE00000", message: "Method not allowed" });
      else sendJson(response, 404, jodoError("HUE00001"));
      return;
    }
    const match = route.pattern.exec(request.path) ?? [];
    const params: Record<string, string> = {};
    route.paramNames.forEach((name, index) => {
      params[name] = decodeURIComponent(match[index + 1] ?? "");
    });
    calls.push({ operationId: route.operationId, params, request });

    const scripted = scripts.get(route.operationId)?.shift();
    if (scripted !== undefined) {
      sendScripted(response, scripted);
      return;
    }
    answer(route, params, request, response);
  });

  function answer(route: Route, params: Record<string, string>, request: RecordedRequest, response: ServerResponse): void {
    const notFound = (): void => {
      const code = codeFor(route, 404);
      sendJson(response, 404, jodoError(code));
    };
    const badRequest = (detail: string): void => {
      const code = codeFor(route, 400);
      sendJson(response, 400, jodoError(code, detail));
    };

    // Unknown ids are 404s, with the code the operation documents.
    if (params["jodo_student_id"] !== undefined && !students.has(params["jodo_student_id"])) return notFound();
    if (params["registration_id"] !== undefined && !registrations.has(params["registration_id"])) return notFound();
    if (params["order_id"] !== undefined && !orders.has(params["order_id"])) return notFound();
    if (params["webhook_id"] !== undefined && !webhooks.has(params["webhook_id"])) return notFound();

    // Query parameters with an enum (product_type) are checked like Jodo's own validation would.
    for (const parameter of route.operation.parameters ?? []) {
      const own = resolve(parameter);
      if (own["in"] !== "query") continue;
      const value = request.query.get(String(own["name"]));
      if (value === null) continue;
      const problem = violation(own["schema"] as Schema, value, String(own["name"]));
      if (problem !== undefined) return badRequest(problem);
    }

    // Request bodies: JSON only, and valid against the request schema.
    let body: unknown;
    const requestSchema = route.operation.requestBody?.content["application/json"]?.schema;
    if (requestSchema !== undefined) {
      if (!/^application\/json\b/i.test(request.headers["content-type"] ?? "")) {
        return badRequest("Content-Type must be application/json");
      }
      try {
        body = JSON.parse(request.body);
      } catch {
        return badRequest("body is not valid JSON");
      }
      const problem = violation(requestSchema, body, "");
      if (problem !== undefined) return badRequest(problem);
    }

    const { status, schema } = successOf(route.operationId);
    if (schema === undefined) {
      remember(route.operationId, body);
      sendJson(response, status, { status: "success" });
      return;
    }
    const payload = exampleOf(schema);
    if (resolve(schema)["type"] === "string") {
      // Jodo's acknowledging deletes carry their result in `message`, not `data`.
      sendJson(response, status, { status: "success", message: payload });
      return;
    }
    sendJson(response, status, { status: "success", data: shape(route.operationId, payload, params, request) });
  }

  /** Small touches of realism on top of the examples. */
  function shape(operationId: string, payload: unknown, params: Record<string, string>, request: RecordedRequest): unknown {
    switch (operationId) {
      case "Students_ListProducts": {
        const type = request.query.get("product_type");
        const products = payload as { product_type: string }[];
        return type === null ? products : products.filter((product) => product.product_type === type);
      }
      case "PayOrders_Get":
      case "PaymentLinks_Get":
        return { ...(payload as object), id: params["order_id"] };
      case "PayOrders_Create":
      case "PaymentLinks_Create":
        orders.add((payload as { order_id: string }).order_id);
        return payload;
      case "Students_Update":
        return { ...(payload as object), ...(JSON.parse(request.body) as object) };
      default:
        return payload;
    }
  }

  function remember(operationId: string, body: unknown): void {
    if (operationId === "Students_Register") {
      // Jodo answers a bare success; the id it assigns arrives later by webhook. The identifier
      // sent stands in for it here, so a test can read the student back.
      students.add((body as { student: { identifier: string } }).student.identifier);
    }
  }

  return {
    url: server.url,
    requests: server.requests,
    calls,
    credentials,
    students,
    registrations,
    orders,
    webhooks,
    script(operationId, ...replies) {
      if (!operationsById.has(operationId)) throw new Error(`no operation ${operationId} in specs/jodo.yaml`);
      scripts.set(operationId, [...(scripts.get(operationId) ?? []), ...replies]);
    },
    reset() {
      server.reset();
      calls.length = 0;
      scripts.clear();
      for (const [set, values] of [
        [students, initial.students],
        [registrations, initial.registrations],
        [orders, initial.orders],
        [webhooks, initial.webhooks],
      ] as const) {
        set.clear();
        for (const value of values) set.add(value);
      }
    },
    close: () => server.close(),
  };
}

/** True when `header` is `Basic base64(utf8(expected))`, decoded the way a server does. */
function authorised(header: string | undefined, expected: string): boolean {
  const match = /^Basic ([A-Za-z0-9+/]+={0,2})$/.exec(header ?? "");
  if (match === null) return false;
  return Buffer.from(match[1] ?? "", "base64").toString("utf8") === expected;
}

function sendScripted(response: ServerResponse, reply: ScriptedReply): void {
  if (typeof reply.body === "string") {
    response.writeHead(reply.status, { "content-type": reply.contentType ?? "application/json", ...reply.headers });
    response.end(reply.body);
    return;
  }
  if (reply.body === undefined) {
    response.writeHead(reply.status, { ...reply.headers });
    response.end();
    return;
  }
  sendJson(response, reply.status, reply.body, reply.headers);
}
