/**
 * A loopback server that speaks Paystack's dialect, from the draft
 * test/fixtures/provider-drafts/paystack.yaml (the client's base URL is `server.url`):
 *
 * - every call needs `Authorization: Bearer <secret key>`; otherwise 401 with the draft's
 *   `Unauthorized` example `{status:false, message:"Invalid key"}`;
 * - request bodies are JSON or `application/x-www-form-urlencoded` (the draft offers both);
 * - success bodies are the envelope `{status:true, message, data}` (+ `meta` on lists), payloads
 *   built from the draft's schemas and examples;
 * - errors are the draft's `Error` shape `{status:false, message, meta:{nextStep}, type, code}`: 404
 *   `NotFound` ("Entity not found"), 400 from transaction_initialize (the draft's
 *   `duplicate_reference` example, and `validation_error` for a missing field);
 * - page paging: `page` + `perPage` in (default 50; Paystack's documented default), `meta`
 *   `{total, skipped, perPage, page, pageCount}` out; bank_list pages by cursor instead when
 *   `use_cursor=true`: `next` in, `meta.next` out (null on the last page);
 * - a 429 (`rateLimited`) in the same error shape with `Retry-After` (ASSUMPTION: the draft is
 *   silent on rate limits).
 */

import { bearerToken, bodyFields, dig, exampleOf, loadDraft, numbered, pageOf, refill, startProviderServer } from "./provider-kit.js";
import type { Call, JsonObject, ProviderServer, Reply } from "./provider-kit.js";

export const PAYSTACK_SECRET_KEY = "sk_test_loopback0123456789abcdef";

const draft = loadDraft("paystack");
const schema = (name: string): JsonObject => exampleOf(draft, { $ref: `#/components/schemas/${name}` }) as JsonObject;
const responseExample = (name: string): JsonObject => dig(draft, "components", "responses", name, "content", "application/json", "example") as JsonObject;

/** The draft's examples and schema-built payloads the server answers with. */
export const paystackExamples = {
  unauthorized: responseExample("Unauthorized"),
  notFound: responseExample("NotFound"),
  duplicateReference: dig(draft, "components", "schemas", "TransactionInitializeBadRequestModel", "example") as JsonObject,
  initialize: schema("TransactionInitializeResponse"),
  transaction: schema("TransactionListResponseArray"),
  customer: schema("CustomerListResponseArray"),
  bank: schema("MiscellaneousListBanksResponseArray"),
  refund: schema("RefundCreateResponse"),
};

export const TRANSACTIONS = numbered(paystackExamples.transaction, 7, "id", (i) => 4099260510 + i).map((t, i): JsonObject => ({ ...t, reference: `ref-${i + 1}` }));
export const CUSTOMERS = numbered(paystackExamples.customer, 3, "id", (i) => 1001 + i).map((c, i): JsonObject => ({ ...c, customer_code: `CUS_loopback${i + 1}`, email: `customer${i + 1}@example.com` }));
export const BANKS = numbered(paystackExamples.bank, 5, "id", (i) => 1 + i).map((b, i): JsonObject => ({ ...b, slug: `bank-${i + 1}` }));

/** Paystack's `Error` body. */
export function paystackError(status: number, message: string, extra: JsonObject = {}): Reply {
  return { status, body: { status: false, message, ...extra } };
}

/** ASSUMPTION: a 429 in the usual error shape, with `Retry-After` in seconds. */
export const rateLimited = (seconds: number): Reply => ({ ...paystackError(429, "Too many requests"), headers: { "retry-after": String(seconds) } });

const ok = (message: string, data: unknown, meta?: JsonObject): Reply => ({ status: 200, body: { status: true, message, data, ...(meta === undefined ? {} : { meta }) } });

export async function startPaystackServer(): Promise<ProviderServer> {
  const references = new Set<string>();
  const customers: JsonObject[] = [];
  const restore = (): void => {
    refill(references, TRANSACTIONS.map((t) => String(t["reference"])));
    refill(customers, CUSTOMERS);
  };

  const list = (message: string, items: readonly JsonObject[], query: URLSearchParams): Reply => {
    const perPage = Number(query.get("perPage") ?? query.get("per_page") ?? 50);
    const page = Number(query.get("page") ?? 1);
    const { page: slice } = pageOf(items, (page - 1) * perPage, perPage);
    const meta = { total: items.length, total_volume: 0, skipped: (page - 1) * perPage, perPage, page, pageCount: Math.ceil(items.length / perPage) };
    return ok(message, slice, meta);
  };

  const answer = ({ operationId, params, request }: Call): Reply => {
    const body = bodyFields(request) ?? {};
    const customer = (code: string | undefined) => customers.find((c) => c["customer_code"] === code || String(c["id"]) === code || c["email"] === code);
    switch (operationId) {
      case "transaction_initialize": {
        for (const field of ["email", "amount"]) {
          if (body[field] === undefined || body[field] === "") {
            return paystackError(400, `${field} is required`, { meta: { nextStep: `Provide ${field} and try again` }, type: "validation_error", code: "invalid_params" });
          }
        }
        const reference = typeof body["reference"] === "string" ? body["reference"] : `ref-${references.size + 1}`;
        if (references.has(reference)) return { status: 400, body: paystackExamples.duplicateReference };
        references.add(reference);
        const data = { authorization_url: `https://checkout.paystack.com/${reference}`, access_code: `access-${reference}`, reference };
        return ok("Authorization URL created", data);
      }
      case "transaction_list":
        return list("Transactions retrieved", TRANSACTIONS, request.query);
      case "transaction_fetch": {
        const found = TRANSACTIONS.find((t) => String(t["id"]) === params["id"]);
        return found === undefined ? paystackError(404, String(paystackExamples.notFound["message"])) : ok("Transaction retrieved", found);
      }
      case "transaction_verify": {
        const found = TRANSACTIONS.find((t) => t["reference"] === params["reference"]);
        return found === undefined ? paystackError(404, String(paystackExamples.notFound["message"])) : ok("Verification successful", found);
      }
      case "customer_create": {
        if (typeof body["email"] !== "string" || body["email"] === "") {
          return paystackError(400, "Invalid Email Address Passed", { meta: { nextStep: "Provide a valid email address" }, type: "validation_error", code: "invalid_params" });
        }
        const created = { ...paystackExamples.customer, ...body, id: 1001 + customers.length, customer_code: `CUS_loopback${customers.length + 1}` };
        customers.push(created);
        return ok("Customer created", created);
      }
      case "customer_list":
        return list("Customers retrieved", customers, request.query);
      case "customer_fetch": {
        const found = customer(params["code"]);
        return found === undefined ? paystackError(404, "Customer not found") : ok("Customer retrieved", found);
      }
      case "customer_update": {
        const found = customer(params["code"]);
        if (found === undefined) return paystackError(404, "Customer not found");
        Object.assign(found, body);
        return ok("Customer updated", found);
      }
      case "refund_create":
        if (!references.has(String(body["transaction"] ?? "")) && !TRANSACTIONS.some((t) => String(t["id"]) === String(body["transaction"]))) {
          return paystackError(404, "Transaction not found");
        }
        return ok("Refund has been queued for processing", paystackExamples.refund["data"]);
      case "bank_list":
        return banks(request.query);
      case "refund_retry":
        return ok("Refund retried", { ...(schema("RefundRetryResponse")["data"] as JsonObject), id: Number(params["id"]) });
      default:
        throw new Error(`the Paystack server has no answer for ${operationId}`);
    }
  };

  /** Cursor paging when `use_cursor=true`: `next` is the id after which the page starts. */
  const banks = (query: URLSearchParams): Reply => {
    const perPage = Number(query.get("perPage") ?? 50);
    if (query.get("use_cursor") !== "true") return list("Banks retrieved", BANKS, query);
    const next = query.get("next");
    const start = next === null ? 0 : BANKS.findIndex((b) => Buffer.from(`bank:${String(b["id"])}`).toString("base64") === next);
    if (start < 0) return paystackError(400, "Invalid cursor", { type: "validation_error", code: "invalid_params" });
    const { page, more } = pageOf(BANKS, start, perPage);
    const after = BANKS[start + page.length];
    const previous = start === 0 ? null : Buffer.from(`bank:${String(BANKS[Math.max(0, start - perPage)]?.["id"])}`).toString("base64");
    return ok("Banks retrieved", page, { next: more && after !== undefined ? Buffer.from(`bank:${String(after["id"])}`).toString("base64") : null, previous, perPage });
  };

  return startProviderServer(draft, {
    check(request) {
      return bearerToken(request.headers.authorization) === PAYSTACK_SECRET_KEY ? undefined : { status: 401, body: paystackExamples.unauthorized };
    },
    notFound: () => paystackError(404, "Resource not found"),
    answer,
    restore,
  });
}
