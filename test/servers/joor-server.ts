/**
 * A loopback server (node:http on 127.0.0.1, ephemeral port) that speaks JOOR v2's dialect, in JSON
 * and in XML, for behaviour tests of the generated Joor client. Routes, element names and examples
 * come from `specs/joor.yaml`:
 *
 * - every call must carry `Authorization: OAuth2 base64(token)`, else response code 001 (under
 *   HTTP 200: the codes are not HTTP codes);
 * - every call must carry a Content-Type of application/json or application/xml, else HTTP 400
 *   with code 002 (JOOR: "calls made without the Content MIME Type are not processed");
 * - the request body is read in its Content-Type; the answer is in the format `return_format`
 *   names, else the `Accept` header's, else the request's (the seed's rule);
 * - every answer is `{<resource>: {response: {code, comment, log_id, …}, <resource>: payload}}`,
 *   or the same tree in XML with lists wrapped (`<styles><style>…</style></styles>`); reads of one
 *   item answer a one-item collection (as JOOR's bulk-style job GET does);
 * - it checks what JOOR checks: dates (004), X fields (005), date ranges (101), unknown customer
 *   codes (102), existing and missing styles (203, 204);
 * - lists page with `start_from`/`count`, at most `pageSize` items per page whatever `count` asks,
 *   and say where the next page starts in `next_start` (absent on the last page).
 *
 * Tests can queue one-off answers per operation (`script`), e.g. code 003 then normal service.
 */

import { readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { parse } from "yaml";
import { startServer } from "../helpers/server.js";
import { pathPattern } from "../helpers/path-pattern.js";
import type { RecordedRequest, TestServer } from "../helpers/server.js";

// ---- the spec ----

type Schema = Readonly<Record<string, unknown>>;

interface Operation {
  readonly operationId: string;
  readonly tags: readonly string[];
  readonly parameters?: readonly Schema[];
  readonly requestBody?: { readonly content: Record<string, { readonly schema: Schema }> };
  readonly responses: Record<string, { readonly content?: Record<string, { readonly schema: Schema }> }>;
}

export const spec = parse(readFileSync(new URL("../../specs/joor.yaml", import.meta.url), "utf8")) as {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: { readonly schemas: Record<string, Schema>; readonly parameters: Record<string, Schema> };
};

function resolve(schema: Schema): Schema {
  let current = schema;
  while (typeof current["$ref"] === "string") {
    const [, kind, name] = /^#\/components\/(schemas|parameters)\/(.+)$/.exec(current["$ref"]) ?? [];
    const target = spec.components[kind as "schemas" | "parameters"]?.[name ?? ""];
    if (target === undefined) throw new Error(`unresolvable ${String(current["$ref"])}`);
    current = target;
  }
  return current;
}

/** A value for `schema` from the spec's examples (all properties, arrays of one item). */
export function exampleOf(schema: Schema): unknown {
  const own = resolve(schema);
  if ("example" in own) return structuredClone(own["example"]);
  if (own["type"] === "array") return [exampleOf(own["items"] as Schema)];
  if (own["type"] === "object") {
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

/** XML item element name of each list property and list schema, from the spec's `xml.name`s. */
const ITEM_NAMES: ReadonlyMap<string, string> = (() => {
  const names = new Map<string, string>();
  const itemName = (items: Schema): string | undefined => (resolve(items)["xml"] as { name?: string } | undefined)?.name;
  for (const schema of Object.values(spec.components.schemas)) {
    for (const [name, property] of Object.entries((schema["properties"] ?? {}) as Record<string, Schema>)) {
      if (property["type"] === "array") names.set(name, itemName(property["items"] as Schema) ?? name);
    }
  }
  return names;
})();

// ---- routes ----

interface Route {
  readonly operationId: string;
  readonly method: string;
  readonly pattern: RegExp;
  readonly paramNames: readonly string[];
  readonly operation: Operation;
  /** The wrapper element: the resource, as JOOR names its nodes. */
  readonly resource: string;
  /** The XML element of one item of the payload (`style`), from the response schema's `xml.name`. */
  readonly item: string | undefined;
}

function itemElement(operation: Operation): string | undefined {
  const schema = operation.responses["200"]?.content?.["application/json"]?.schema;
  if (schema === undefined) return undefined;
  const own = resolve(schema);
  const item = own["type"] === "array" ? resolve(own["items"] as Schema) : own;
  return (item["xml"] as { name?: string } | undefined)?.name;
}

const RESOURCE: Readonly<Record<string, string>> = { Styles: "styles", Inventory: "inventory_items", Orders: "orders", Connections: "connections" };

const routes: readonly Route[] = Object.entries(spec.paths).flatMap(([template, item]) =>
  Object.entries(item).map(([method, operation]) => {
    const { pattern, paramNames } = pathPattern(template);
    return {
      operationId: operation.operationId,
      method: method.toUpperCase(),
      pattern,
      paramNames,
      operation,
      resource: RESOURCE[operation.tags[0] ?? ""] ?? "items",
      item: itemElement(operation),
    };
  }),
);
const operationIds = new Set(routes.map((r) => r.operationId));

// ---- formats ----

export type Format = "json" | "xml";

const xmlParser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  ignoreDeclaration: true,
  jPath: true,
  // The server knows its lists by element names (wrapper, item), the way a hand-written XML binding would.
  isArray: (name, path) => {
    const parts = String(path).split(".");
    return parts.length >= 2 && ITEM_NAMES.get(parts[parts.length - 2] ?? "") === name;
  },
});
const xmlBuilder = new XMLBuilder({ format: false, ignoreAttributes: true, suppressEmptyNode: false, processEntities: true });

function formatOf(mediaType: string | undefined | null): Format | undefined {
  const essence = (mediaType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (essence === "application/json") return "json";
  if (essence === "application/xml" || essence === "text/xml") return "xml";
  return undefined;
}

/** JSON-shaped values → the XML builder's tree: lists wrapped in their property's element. */
function toXmlTree(value: unknown, name: string): unknown {
  if (Array.isArray(value)) {
    const item = ITEM_NAMES.get(name) ?? name;
    return { [item]: value.map((v) => toXmlTree(v, item)) };
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, toXmlTree(v, key)]));
  }
  return value === undefined || value === null ? "" : String(value);
}

/** An XML body → JSON-shaped values, with numbers left as text (as a server reads a form). */
function fromXmlTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromXmlTree);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value);
  // A wrapper of one repeated item element is the list itself.
  if (entries.length === 1 && Array.isArray(entries[0]![1])) {
    return (entries[0]![1] as unknown[]).map(fromXmlTree);
  }
  return Object.fromEntries(entries.map(([key, v]) => [key, fromXmlTree(v)]));
}

// ---- the server ----

export interface JoorReply {
  /** The response code, as JOOR writes it ("0", "003"). */
  readonly code: string;
  readonly comment?: string;
  /** HTTP status; 200 unless given (JOOR's codes are not HTTP codes). */
  readonly status?: number;
  readonly payload?: unknown;
}

export interface JoorCall {
  readonly operationId: string;
  readonly params: Readonly<Record<string, string>>;
  readonly request: RecordedRequest;
  /** The request body as the server read it (from JSON or XML). */
  readonly body: unknown;
  /** The format the request body (or Content-Type) was in, and the one the server answered in. */
  readonly requestFormat: Format | undefined;
  readonly responseFormat: Format;
}

export interface JoorServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly calls: JoorCall[];
  readonly token: string;
  /** The styles JOOR holds, in list order. Tests may change them. */
  readonly styles: Record<string, unknown>[];
  /** At most this many items per page, whatever `count` asks. */
  pageSize: number;
  /** Queues answers for the next calls of `operationId`, used before normal service. */
  script(operationId: string, ...replies: JoorReply[]): void;
  reset(): void;
  close(): Promise<void>;
}

/** The styles the server starts with: the spec's example style, numbered 1…n. */
export function sampleStyles(n: number): Record<string, unknown>[] {
  const base = exampleOf({ $ref: "#/components/schemas/Style" }) as Record<string, unknown>;
  return Array.from({ length: n }, (_, i) => ({
    ...structuredClone(base),
    joor_style_id: 700000 + i,
    style_number: `STY-${String(i + 1).padStart(3, "0")}`,
    style_identifier: `STY-${String(i + 1).padStart(3, "0")}`,
    style_name: `Style ${i + 1}`,
  }));
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
const INVENTORY_DATE = /^(\d{4}-\d{2}-\d{2}|\d{2}-\d{2}-\d{4})$/;

export async function startJoorServer(token: string, initialStyles = 7): Promise<JoorServer> {
  const styles = sampleStyles(initialStyles);
  const scripts = new Map<string, JoorReply[]>();
  const calls: JoorCall[] = [];
  let logCounter = 0;
  const expected = `OAuth2 ${Buffer.from(token, "utf8").toString("base64")}`;

  const state = { pageSize: 3 };

  function send(response: ServerResponse, route: Route | undefined, format: Format, reply: JoorReply & { readonly paging?: Record<string, number> }): void {
    logCounter += 1;
    const wrapper = route?.resource ?? "response";
    const node: Record<string, unknown> = { code: format === "json" ? Number(reply.code) : reply.code, comment: reply.comment ?? "", log_id: `LOG-${logCounter}`, ...reply.paging };
    const inner: Record<string, unknown> = { response: node };
    if (reply.payload !== undefined) inner[wrapper] = reply.payload;
    const headers = { "content-type": format === "json" ? "application/json" : "application/xml; charset=utf-8" };
    response.writeHead(reply.status ?? 200, headers);
    if (format === "json") {
      response.end(JSON.stringify({ [wrapper]: inner }));
    } else {
      // The payload is a collection: <styles><style>…</style>…</styles>.
      const item = route?.item ?? wrapper;
      const payload = reply.payload === undefined ? {} : { [wrapper]: { [item]: [reply.payload].flat().map((v) => toXmlTree(v, item)) } };
      const tree = { [wrapper]: { response: toXmlTree(node, "response"), ...payload } };
      response.end(`<?xml version="1.0" encoding="UTF-8"?>\n${xmlBuilder.build(tree) as string}`);
    }
  }

  const server: TestServer = await startServer((request, response) => {
    const route = routes.find((candidate) => candidate.method === request.method && candidate.pattern.test(request.path));
    const requestFormat = formatOf(request.headers["content-type"]);
    const asked = request.query.get("return_format");
    const responseFormat: Format = (asked === "xml" || asked === "json" ? asked : undefined) ?? formatOf(request.headers.accept) ?? requestFormat ?? "json";
    if (requestFormat === undefined) {
      send(response, route, "json", { code: "002", status: 400, comment: "A Content-Type of application/json or application/xml is required" });
      return;
    }
    if (route === undefined) {
      send(response, route, responseFormat, { code: "002", status: 404, comment: "No such endpoint" });
      return;
    }
    const match = route.pattern.exec(request.path) ?? [];
    const params: Record<string, string> = {};
    route.paramNames.forEach((name, index) => {
      params[name] = decodeURIComponent(match[index + 1] ?? "");
    });
    let body: unknown;
    if (request.body !== "") {
      try {
        body = requestFormat === "json" ? JSON.parse(request.body) : fromXmlTree(xmlParser.parse(request.body, true));
      } catch {
        send(response, route, responseFormat, { code: "002", comment: `The body is not valid ${requestFormat}` });
        return;
      }
    }
    calls.push({ operationId: route.operationId, params, request, body, requestFormat, responseFormat });

    if (request.headers.authorization !== expected) {
      send(response, route, responseFormat, { code: "001", comment: "The token provided is missing, incorrect or inactive" });
      return;
    }
    const scripted = scripts.get(route.operationId)?.shift();
    if (scripted !== undefined) {
      send(response, route, responseFormat, scripted);
      return;
    }
    answer(route, params, request, body, (reply) => send(response, route, responseFormat, reply));
  });

  function answer(route: Route, params: Record<string, string>, request: RecordedRequest, body: unknown, reply: (r: JoorReply & { paging?: Record<string, number> }) => void): void {
    const query = request.query;
    // Dates: ISO 8601 (004), X fields (005), ranges in order (101).
    for (const name of ["date_start", "date_end", "date_created_start", "date_created_end"]) {
      const value = query.get(name);
      if (value !== null && !DATE_TIME.test(value)) return reply({ code: "004", comment: `${name} is not an ISO 8601 UTC date` });
    }
    for (const [start, end] of [["date_start", "date_end"], ["date_created_start", "date_created_end"]] as const) {
      if (query.has(start) !== query.has(end)) return reply({ code: "005", comment: `${start} and ${end} go together` });
      if (query.has(start) && Date.parse(query.get(start) ?? "") > Date.parse(query.get(end) ?? "")) return reply({ code: "101", comment: "The date range is in the wrong order" });
    }
    const find = (number: string | undefined, identifier: string | undefined) => styles.findIndex((s) => s["style_number"] === number && s["style_identifier"] === identifier);
    switch (route.operationId) {
      case "Styles_List":
      case "Connections_List":
      case "Orders_List": {
        const all = route.operationId === "Styles_List" ? styles : [exampleOf(route.operation.responses["200"]!.content!["application/json"]!.schema)].flat();
        const start = Number(query.get("start_from") ?? "0");
        const count = Math.min(Number(query.get("count") ?? "50"), state.pageSize);
        const page = all.slice(start, start + count);
        const paging: Record<string, number> = { start_from: start, count: page.length };
        if (start + page.length < all.length) paging["next_start"] = start + page.length;
        return reply({ code: "0", payload: page, paging });
      }
      case "Styles_Get": {
        const style = styles.find((s) => String(s["joor_style_id"]) === params["joor_style_id"]);
        return reply(style === undefined ? { code: "002", comment: "No such style" } : { code: "0", payload: [style] });
      }
      case "Styles_GetByNumber": {
        const index = find(params["style_number"], params["style_identifier"]);
        return reply(index < 0 ? { code: "204", comment: "The style does not exist" } : { code: "0", payload: [styles[index]] });
      }
      case "Styles_Create": {
        const items = (body as { styles?: Record<string, unknown>[] } | undefined)?.styles ?? [];
        for (const item of items) {
          for (const field of ["style_name", "style_number"]) if (typeof item[field] !== "string") return reply({ code: "005", comment: `${field} is required` });
          if (typeof item["style_identifier"] !== "string") return reply({ code: "202", comment: "The style identifier is a required field." });
          if (find(item["style_number"] as string, item["style_identifier"] as string) >= 0) {
            return reply({ code: "203", comment: `Style ${String(item["style_number"])} / ${String(item["style_identifier"])} already exists` });
          }
        }
        for (const item of items) styles.push({ ...item, joor_style_id: 800000 + styles.length });
        return reply({ code: "0" });
      }
      case "Styles_Update": {
        const index = find(params["style_number"], params["style_identifier"]);
        if (index < 0) return reply({ code: "204", comment: "The style being updated does not exist" });
        const [update] = (body as { styles?: Record<string, unknown>[] } | undefined)?.styles ?? [];
        styles[index] = { ...styles[index], ...update };
        return reply({ code: "0" });
      }
      case "Styles_Delete": {
        const index = find(params["style_number"], params["style_identifier"]);
        if (index < 0) return reply({ code: "204", comment: "The style does not exist" });
        styles.splice(index, 1);
        return reply({ code: "0" });
      }
      case "Inventory_UpdateSku": {
        const date = query.get("inventory_date");
        if (date !== null && !INVENTORY_DATE.test(date)) return reply({ code: "004", comment: "inventory_date must be YYYY-MM-DD or MM-DD-YYYY" });
        for (const field of ["color_code", "size", "inventory"]) if (!query.has(field)) return reply({ code: "005", comment: `${field} is required` });
        return reply({ code: "0" });
      }
      case "Inventory_UpdateBulk": {
        const items = (body as { inventory_items?: Record<string, unknown>[] } | undefined)?.inventory_items ?? [];
        for (const item of items) {
          if (typeof item["inventory_date"] === "string" && !INVENTORY_DATE.test(item["inventory_date"])) return reply({ code: "004", comment: "inventory_date must be YYYY-MM-DD or MM-DD-YYYY" });
        }
        return reply({ code: "0" });
      }
      case "Orders_Get":
        return reply({ code: "0", payload: [{ ...(exampleOf({ $ref: "#/components/schemas/Order" }) as object), order_id: Number(params["order_id"]) }] });
      case "Connections_Get":
      case "Connections_GetByCustomerCode": {
        const connection = exampleOf({ $ref: "#/components/schemas/Connection" }) as Record<string, unknown>;
        const code = params["customer_code"];
        if (code !== undefined && code !== connection["customer_code"]) return reply({ code: "102", comment: "The customer code does not match a record within JOOR" });
        return reply({ code: "0", payload: [connection] });
      }
      default:
        return reply({ code: "002", comment: `${route.operationId} is not served` });
    }
  }

  return {
    url: server.url,
    requests: server.requests,
    calls,
    token,
    styles,
    get pageSize() {
      return state.pageSize;
    },
    set pageSize(value: number) {
      state.pageSize = value;
    },
    script(operationId, ...replies) {
      if (!operationIds.has(operationId)) throw new Error(`no operation ${operationId} in specs/joor.yaml`);
      scripts.set(operationId, [...(scripts.get(operationId) ?? []), ...replies]);
    },
    reset() {
      server.reset();
      calls.length = 0;
      scripts.clear();
      styles.splice(0, styles.length, ...sampleStyles(initialStyles));
      state.pageSize = 3;
    },
    close: () => server.close(),
  };
}
