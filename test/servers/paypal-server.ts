/**
 * A loopback server that speaks PayPal's REST dialect (Orders v2 and Invoicing v2), from
 * specs/paypal.yaml (the client's base URL is `server.url`):
 *
 * - every call needs `Authorization: Bearer <access token>`; otherwise 401 `error_401`;
 * - JSON bodies; resources come back bare with HATEOAS `links: [{href, rel, method}]` (absolute
 *   URLs on this server); `Prefer: return=minimal` on orders.create gives `{id, status, links}`;
 *   a repeated `PayPal-Request-Id` gives the first answer again instead of a second order;
 * - errors are the draft's per-status schemas `{name, message, debug_id, details:[{field, value?,
 *   location, issue, description}], links}`, `name` and `message` taken from each `error_<status>`
 *   schema's enum: 400 INVALID_REQUEST (MISSING_REQUIRED_PARAMETER), 404 RESOURCE_NOT_FOUND
 *   (INVALID_RESOURCE_ID), 422 UNPROCESSABLE_ENTITY (ORDER_NOT_APPROVED, ORDER_ALREADY_CAPTURED,
 *   both in the draft's `orders.capture-422` issues);
 * - invoice paging: `page` (from 1), `page_size` (default 20), `total_required` in; `{items,
 *   links}` out, with `total_items`/`total_pages` when `total_required=true` and a `next` link
 *   until the last page (invoices.list and invoices.search-invoices);
 * - a 429 (`rateLimited`): `{name:"RATE_LIMIT_REACHED", …}` (ASSUMPTION: the draft declares no
 *   429; the name is PayPal's documented one), with no Retry-After.
 */

import { randomUUID } from "node:crypto";
import type { RecordedRequest } from "../helpers/server.js";
import { bearerToken, bodyFields, dig, loadDraft, pageOf, refill, startProviderServer } from "./provider-kit.js";
import type { Call, JsonObject, ProviderServer, Reply } from "./provider-kit.js";

export const PAYPAL_TOKEN = "A21AAloopback-access-token";

const draft = loadDraft("paypal");
const enumOf = (schema: string, property: string): string => (dig(draft, "components", "schemas", schema, "properties", property, "enum") as string[])[0] ?? "";

export const paypalExamples = {
  // The document puts this request-shaped example on the 201 response (a quirk of its own).
  createOrder: dig(draft, "paths", "/v2/checkout/orders", "post", "responses", "201", "content", "application/json", "examples", "orders_request_create", "value") as JsonObject,
  invoice: dig(draft, "components", "examples", "invoice", "value") as JsonObject,
};

export interface Issue {
  readonly issue: string;
  readonly field?: string;
  readonly location?: string;
  readonly description?: string;
}

/** PayPal's error body for `status` (400, 401, 403, 404, 422, 500, 503), from the draft's enums. */
export function paypalError(status: number, details: readonly Issue[] = []): Reply {
  const schema = `error_${status}`;
  return {
    status,
    body: {
      name: enumOf(schema, "name"),
      message: enumOf(schema, "message"),
      debug_id: randomUUID().replaceAll("-", "").slice(0, 13),
      ...(details.length === 0 ? {} : { details: details.map((detail) => ({ location: "body", ...detail })) }),
      links: [{ href: `https://developer.paypal.com/api/rest/reference/orders/v2/errors/#${details[0]?.issue ?? enumOf(schema, "name")}`, rel: "information_link" }],
    },
  };
}

export const rateLimited = (): Reply => ({
  status: 429,
  body: { name: "RATE_LIMIT_REACHED", message: "Too many requests. Blocked due to rate limiting.", debug_id: "ratelimit00001" },
});

export interface PaypalServer extends ProviderServer {
  /** Marks an order approved by its payer (what the buyer's approval does), so it can be captured. */
  approve(orderId: string): void;
}

export async function startPaypalServer(): Promise<PaypalServer> {
  let baseUrl = "";
  const orders = new Map<string, JsonObject>();
  const byRequestId = new Map<string, Reply>();
  const invoices: JsonObject[] = [];
  const restore = (): void => {
    orders.clear();
    byRequestId.clear();
    refill(invoices, Array.from({ length: 5 }, (_, i) => invoice(`INV2-LOOP-000${i + 1}`, `#000${i + 1}`, "DRAFT")));
  };

  function invoice(id: string, number: string, status: string): JsonObject {
    const detail = { ...(paypalExamples.invoice["detail"] as JsonObject), invoice_number: number };
    return { ...paypalExamples.invoice, id, status, detail, links: [] };
  }
  const withLinks = (resource: JsonObject, path: string, extra: ReadonlyArray<readonly [string, string, string]> = []): JsonObject => ({
    ...resource,
    links: [[`${baseUrl}${path}`, "self", "GET"] as const, ...extra].map(([href, rel, method]) => ({ href, rel, method })),
  });
  const orderLinks = (order: JsonObject): JsonObject => {
    const path = `/v2/checkout/orders/${String(order["id"])}`;
    return withLinks(order, path, [
      [`https://www.sandbox.paypal.com/checkoutnow?token=${String(order["id"])}`, "approve", "GET"],
      [`${baseUrl}${path}`, "update", "PATCH"],
      [`${baseUrl}${path}/capture`, "capture", "POST"],
    ]);
  };

  const invoicePage = (request: RecordedRequest): Reply => {
    const page = Number(request.query.get("page") ?? 1);
    const size = Number(request.query.get("page_size") ?? 20);
    const { page: items, more } = pageOf(invoices, (page - 1) * size, size);
    const pageUrl = (n: number): string => `${baseUrl}${request.path}?page=${n}&page_size=${size}${request.query.has("total_required") ? `&total_required=${request.query.get("total_required")}` : ""}`;
    const method = request.method;
    const links = [{ href: pageUrl(page), rel: "self", method }, ...(more ? [{ href: pageUrl(page + 1), rel: "next", method }] : []), ...(page > 1 ? [{ href: pageUrl(page - 1), rel: "prev", method }] : [])];
    const totals = request.query.get("total_required") === "true" ? { total_items: invoices.length, total_pages: Math.ceil(invoices.length / size) } : {};
    return { status: 200, body: { ...totals, items: items.map((item) => withLinks(item, `/v2/invoicing/invoices/${String(item["id"])}`)), links } };
  };

  const answer = ({ operationId, params, request }: Call): Reply => {
    const body = bodyFields(request) ?? {};
    const notFound = (): Reply => paypalError(404, [{ issue: "INVALID_RESOURCE_ID", field: request.path, location: "path", description: "Specified resource ID does not exist. Please check the resource ID and try again." }]);
    switch (operationId) {
      case "orders.create": {
        const requestId = request.headers["paypal-request-id"];
        const seen = typeof requestId === "string" ? byRequestId.get(requestId) : undefined;
        if (seen !== undefined) return seen;
        for (const field of ["intent", "purchase_units"]) {
          if (body[field] === undefined) return paypalError(400, [{ issue: "MISSING_REQUIRED_PARAMETER", field: `/${field}`, description: "A required field / parameter is missing." }]);
        }
        const id = `5O190127TN3645${String(orders.size).padStart(3, "0")}`;
        const order = { id, status: "CREATED", intent: body["intent"], purchase_units: body["purchase_units"], create_time: "2025-01-01T00:00:00Z" };
        orders.set(id, order);
        const full = orderLinks(order);
        const minimal = /return=minimal/.test(String(request.headers["prefer"] ?? ""));
        const reply = { status: 201, body: minimal ? { id, status: order.status, links: full["links"] } : full };
        if (typeof requestId === "string") byRequestId.set(requestId, reply);
        return reply;
      }
      case "orders.get": {
        const order = orders.get(params["id"] ?? "");
        return order === undefined ? notFound() : { status: 200, body: orderLinks(order) };
      }
      case "orders.patch": {
        const order = orders.get(params["id"] ?? "");
        if (order === undefined) return notFound();
        const patch: unknown = JSON.parse(request.body || "null");
        if (!Array.isArray(patch)) return paypalError(400, [{ issue: "MALFORMED_REQUEST_JSON", description: "The request JSON is not well formed." }]);
        return { status: 204 };
      }
      case "orders.capture": {
        const order = orders.get(params["id"] ?? "");
        if (order === undefined) return notFound();
        if (order["status"] === "COMPLETED") return paypalError(422, [{ issue: "ORDER_ALREADY_CAPTURED", description: "Order already captured.If 'intent=CAPTURE' only one capture per order is allowed." }]);
        if (order["status"] !== "APPROVED") return paypalError(422, [{ issue: "ORDER_NOT_APPROVED", description: "Payer has not yet approved the Order for payment." }]);
        order["status"] = "COMPLETED";
        return { status: 201, body: orderLinks(order) };
      }
      case "invoices.list":
      case "invoices.search-invoices":
        return invoicePage(request);
      case "invoices.create": {
        const detail = body["detail"] as JsonObject | undefined;
        if (detail?.["currency_code"] === undefined) {
          return paypalError(400, [{ issue: "MISSING_REQUIRED_PARAMETER", field: "/detail/currency_code", description: "A required field / parameter is missing." }]);
        }
        const created = { ...invoice(`INV2-LOOP-${String(invoices.length + 1).padStart(4, "0")}`, String(detail["invoice_number"] ?? `#${invoices.length + 1}`), "DRAFT"), ...body };
        invoices.push(created);
        return { status: 201, body: withLinks(created, `/v2/invoicing/invoices/${String(created["id"])}`) };
      }
      case "invoices.get": {
        const found = invoices.find((i) => i["id"] === params["invoice_id"]);
        return found === undefined ? notFound() : { status: 200, body: withLinks(found, `/v2/invoicing/invoices/${String(found["id"])}`) };
      }
      case "invoices.send": {
        const found = invoices.find((i) => i["id"] === params["invoice_id"]);
        if (found === undefined) return notFound();
        found["status"] = "SENT";
        return { status: 200, body: { href: `https://www.sandbox.paypal.com/invoice/p/#${String(found["id"])}`, rel: "payer-view", method: "GET" } };
      }
      case "invoices.delete": {
        const index = invoices.findIndex((i) => i["id"] === params["invoice_id"]);
        if (index < 0) return notFound();
        invoices.splice(index, 1);
        return { status: 204 };
      }
      case "invoicing.generate-next-invoice-number":
        return { status: 200, body: { invoice_number: `#${String(invoices.length + 1).padStart(4, "0")}` } };
      default:
        throw new Error(`the PayPal server has no answer for ${operationId}`);
    }
  };

  const server = await startProviderServer(draft, {
    check: (request) => (bearerToken(request.headers.authorization) === PAYPAL_TOKEN ? undefined : paypalError(401)),
    notFound: () => paypalError(404),
    answer,
    restore,
  });
  baseUrl = server.url;
  return {
    ...server,
    approve(orderId) {
      const order = orders.get(orderId);
      if (order === undefined) throw new Error(`no order ${orderId}`);
      order["status"] = "APPROVED";
    },
  };
}
