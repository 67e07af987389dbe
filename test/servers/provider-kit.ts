/**
 * What the loopback servers of the provider drafts (test/fixtures/provider-drafts/*.yaml) share:
 * reading a draft once, routing a request to the draft's operation (OpenAPI 3 paths or Swagger 2.0
 * `basePath` + paths), the example payloads the draft writes, request bodies in the encodings
 * providers use, and replies a test queues per operation (a 429, a 5xx) ahead of the normal answer.
 * Each provider's server (slack-server.ts, square-server.ts, …) speaks its own dialect on top.
 */

import { existsSync, readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { parse } from "yaml";
import { sendJson, startServer } from "../helpers/server.js";
import { pathPattern } from "../helpers/path-pattern.js";
import type { RecordedRequest, TestServer } from "../helpers/server.js";

export type Json = unknown;
export type JsonObject = Record<string, unknown>;

const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options"]);

/** A draft (or, once it became one, the provider's spec in specs/), parsed once per process. */
const drafts = new Map<string, JsonObject>();
export function loadDraft(name: string): JsonObject {
  let draft = drafts.get(name);
  if (draft === undefined) {
    const inDrafts = new URL(`../fixtures/provider-drafts/${name}.yaml`, import.meta.url);
    const url = existsSync(inDrafts) ? inDrafts : new URL(`../../specs/${name}.yaml`, import.meta.url);
    draft = parse(readFileSync(url, "utf8")) as JsonObject;
    drafts.set(name, draft);
  }
  return draft;
}

/** `value[keys[0]][keys[1]]…`, throwing with the path when the draft lacks it (a renamed example). */
export function dig(value: Json, ...keys: string[]): Json {
  let current = value;
  for (const key of keys) {
    if (typeof current !== "object" || current === null || !Object.prototype.hasOwnProperty.call(current, key)) {
      throw new Error(`the draft has no ${keys.join(" › ")} (stopped at ${key})`);
    }
    current = (current as JsonObject)[key];
  }
  return structuredClone(current);
}

export interface Route {
  readonly operationId: string;
  readonly method: string;
  readonly template: string;
  readonly pattern: RegExp;
  readonly paramNames: readonly string[];
}

/** One route per operation of the draft; `basePath` (Swagger 2.0) is put in front of each path. */
export function routesOf(draft: JsonObject): readonly Route[] {
  const base = typeof draft["basePath"] === "string" ? draft["basePath"] : "";
  return Object.entries(draft["paths"] as Record<string, JsonObject>).flatMap(([template, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => {
        const { pattern, paramNames } = pathPattern(`${base}${template}`);
        return {
          operationId: String((operation as JsonObject)["operationId"]),
          method: method.toUpperCase(),
          template,
          pattern,
          paramNames,
        };
      }),
  );
}

/** A reply a test forces, or a handler builds. Objects are sent as JSON, strings as they are. */
export interface Reply {
  readonly status: number;
  readonly body?: Json;
  readonly headers?: Readonly<Record<string, string>>;
  readonly contentType?: string;
}

export function sendReply(response: ServerResponse, reply: Reply): void {
  if (reply.body === undefined) {
    response.writeHead(reply.status, { ...reply.headers });
    response.end();
  } else if (typeof reply.body === "string") {
    response.writeHead(reply.status, { "content-type": reply.contentType ?? "application/json", ...reply.headers });
    response.end(reply.body);
  } else if (reply.contentType !== undefined) {
    response.writeHead(reply.status, { "content-type": reply.contentType, ...reply.headers });
    response.end(JSON.stringify(reply.body));
  } else {
    sendJson(response, reply.status, reply.body, reply.headers);
  }
}

/** One request matched to an operation, with its decoded path parameters. */
export interface Call {
  readonly operationId: string;
  readonly params: Readonly<Record<string, string>>;
  readonly request: RecordedRequest;
}

/** The fields of a request body sent as JSON or as `application/x-www-form-urlencoded`. */
export function bodyFields(request: RecordedRequest): JsonObject | undefined {
  const type = request.headers["content-type"] ?? "";
  if (request.body === "") return undefined;
  if (/^application\/x-www-form-urlencoded\b/i.test(type)) return Object.fromEntries(new URLSearchParams(request.body));
  if (/^application\/json\b/i.test(type)) {
    try {
      const value: unknown = JSON.parse(request.body);
      return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export interface ProviderServer {
  /** `http://127.0.0.1:<port>` (plus nothing: each server documents where its base path starts). */
  readonly url: string;
  /** Every request received, in arrival order, as sent. */
  readonly requests: RecordedRequest[];
  /** The requests that passed the dialect's checks and matched an operation. */
  readonly calls: Call[];
  /** Queues replies for the next calls of `operationId`, used before the normal answers. */
  queue(operationId: string, ...replies: Reply[]): void;
  /** Forgets requests, calls and queued replies, and puts the server's records back as they started. */
  reset(): void;
  close(): Promise<void>;
}

export interface DialectHandlers {
  /** The dialect's own checks before routing (auth, required headers): a reply refuses the request. */
  readonly check: (request: RecordedRequest) => Reply | undefined;
  /** The answer to a request no route matches. */
  readonly notFound: (request: RecordedRequest) => Reply;
  /** The answer to a matched request. */
  readonly answer: (call: Call) => Reply;
  /** Puts the server's records (what creates, updates and deletes changed) back as they started. */
  readonly restore: () => void;
}

/** A loopback server for one draft: checks, then queued replies, then the dialect's answers. */
export async function startProviderServer(draft: JsonObject, handlers: DialectHandlers): Promise<ProviderServer> {
  handlers.restore();
  const routes = routesOf(draft);
  const known = new Set(routes.map((route) => route.operationId));
  const queued = new Map<string, Reply[]>();
  const calls: Call[] = [];

  const server: TestServer = await startServer((request, response) => {
    const refused = handlers.check(request);
    if (refused !== undefined) return sendReply(response, refused);
    const route = routes.find((candidate) => candidate.method === request.method && candidate.pattern.test(request.path));
    if (route === undefined) return sendReply(response, handlers.notFound(request));
    const match = route.pattern.exec(request.path) ?? [];
    const params: Record<string, string> = {};
    route.paramNames.forEach((name, index) => {
      params[name] = decodeURIComponent(match[index + 1] ?? "");
    });
    const call = { operationId: route.operationId, params, request };
    calls.push(call);
    const next = queued.get(route.operationId)?.shift();
    sendReply(response, next ?? handlers.answer(call));
  });

  return {
    url: server.url,
    requests: server.requests,
    calls,
    queue(operationId, ...replies) {
      if (!known.has(operationId)) throw new Error(`no operation ${operationId} in the draft`);
      queued.set(operationId, [...(queued.get(operationId) ?? []), ...replies]);
    },
    reset() {
      server.reset();
      calls.length = 0;
      queued.clear();
      handlers.restore();
    },
    close: () => server.close(),
  };
}

/** `Bearer <token>` → the token, else undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer (\S+)$/.exec(header ?? "")?.[1];
}

/** One page of `items`: `size` from `start` on, and whether more follow. */
export function pageOf<T>(items: readonly T[], start: number, size: number): { readonly page: T[]; readonly more: boolean } {
  return { page: items.slice(start, start + size), more: start + size < items.length };
}

/** `count` copies of `example`, each given its own value of `key` by `idOf(index)`. */
export function numbered(example: Json, count: number, key: string, idOf: (index: number) => string | number): JsonObject[] {
  return Array.from({ length: count }, (_, index) => ({ ...(structuredClone(example) as JsonObject), [key]: idOf(index) }));
}

/** The schema a local `$ref` names (OpenAPI 3 `#/components/…`, Swagger 2.0 `#/definitions/…`). */
export function resolveRef(draft: JsonObject, schema: JsonObject): JsonObject {
  let current = schema;
  for (let depth = 0; typeof current["$ref"] === "string"; depth++) {
    if (depth > 20) throw new Error(`$ref loop at ${String(current["$ref"])}`);
    const keys = current["$ref"].replace(/^#\//, "").split("/").map((key) => key.replaceAll("~1", "/").replaceAll("~0", "~"));
    current = dig(draft, ...keys) as JsonObject;
  }
  return current;
}

/**
 * A value for `schema`: its own `example` where the draft has one, else built from its parts
 * (`allOf` merged, the first of `oneOf`/`anyOf`, properties, one array item), with a plain value
 * of the right type where the draft gives nothing (strings by `format`, numbers 1, booleans true).
 */
export function exampleOf(draft: JsonObject, schema: JsonObject, depth = 0): Json {
  const own = resolveRef(draft, schema);
  if ("example" in own) return structuredClone(own["example"]);
  if (depth > 12) return undefined;
  if (Array.isArray(own["enum"])) return own["enum"][0];
  const parts = (key: string): JsonObject[] => (Array.isArray(own[key]) ? (own[key] as JsonObject[]) : []);
  if (parts("allOf").length > 0) {
    return Object.assign({}, ...parts("allOf").map((part) => exampleOf(draft, part, depth + 1)), exampleOf(draft, { ...own, allOf: undefined }, depth + 1));
  }
  const choice = parts("oneOf")[0] ?? parts("anyOf")[0];
  if (choice !== undefined) return exampleOf(draft, choice, depth + 1);
  const type = Array.isArray(own["type"]) ? own["type"][0] : own["type"];
  if (type === "array") return own["items"] === undefined ? [] : [exampleOf(draft, own["items"] as JsonObject, depth + 1)];
  if (type === "object" || own["properties"] !== undefined) {
    const out: JsonObject = {};
    for (const [name, property] of Object.entries((own["properties"] ?? {}) as Record<string, JsonObject>)) {
      const value = exampleOf(draft, property, depth + 1);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }
  if (type === "integer" || type === "number") return 1;
  if (type === "boolean") return true;
  if (type === "string") return own["format"] === "date-time" ? "2025-01-01T00:00:00.000Z" : own["format"] === "date" ? "2025-01-01" : "string";
  return undefined;
}

/** Empties `target` and fills it with deep copies of `initial`, so records a test changed start afresh. */
export function refill<T>(target: T[] | Set<T>, initial: Iterable<T> = []): void {
  if (Array.isArray(target)) target.splice(0, target.length, ...[...initial].map((value) => structuredClone(value)));
  else {
    target.clear();
    for (const value of initial) target.add(value);
  }
}
