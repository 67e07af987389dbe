/**
 * A loopback server that speaks Square's dialect, from its spec
 * specs/square.yaml (the client's base URL is `server.url`):
 *
 * - every call needs `Authorization: Bearer <access token>` (else 401, category
 *   AUTHENTICATION_ERROR, code UNAUTHORIZED) and a `Square-Version: YYYY-MM-DD` header (else 400,
 *   INVALID_SQUARE_VERSION_FORMAT; the test server is stricter than Square, which falls back to
 *   the application's version, so that tests see the header on every call);
 * - no envelope: bodies are the draft's `*Response` examples, e.g. `{customers:[…], cursor}`;
 * - errors are `{errors:[{category, code, detail, field?}]}`: HTTP 4xx for unknown ids (404
 *   NOT_FOUND), missing fields (400 MISSING_REQUIRED_PARAMETER) and bad cursors (400
 *   INVALID_CURSOR); and, where the draft types errors into the 200 response (every `*Response`
 *   has `errors`), a business error under HTTP 200: UpdateCustomer with a stale `version` answers
 *   200 `{errors:[{category:"INVALID_REQUEST_ERROR", code:"CONFLICT", …}]}`;
 * - opaque cursor paging: `cursor` + `limit` in the query (ListCustomers, ListCatalog) or the body
 *   (SearchCustomers); `cursor` in the body until the last page, where it is absent;
 * - a 429 (`rateLimited`): `{errors:[{category:"RATE_LIMIT_ERROR", code:"RATE_LIMITED"}]}` and
 *   no Retry-After (ASSUMPTION: the draft names the code and category but no header).
 */

import type { RecordedRequest } from "../helpers/server.js";
import { bearerToken, bodyFields, exampleOf, loadDraft, numbered, pageOf, refill, startProviderServer } from "./provider-kit.js";
import type { Call, JsonObject, ProviderServer, Reply } from "./provider-kit.js";

export const SQUARE_TOKEN = "EAAAloopback-square-token";
export const SQUARE_VERSION = "2025-08-20";

const draft = loadDraft("square");
const responseOf = (name: string): JsonObject => exampleOf(draft, { $ref: `#/components/schemas/${name}` }) as JsonObject;

export const squareExamples = {
  customer: (responseOf("ListCustomersResponse")["customers"] as JsonObject[])[0] as JsonObject,
  created: responseOf("CreateCustomerResponse"),
  locations: responseOf("ListLocationsResponse"),
  catalogObject: responseOf("RetrieveCatalogObjectResponse"),
};

export const CUSTOMERS = numbered(squareExamples.customer, 5, "id", (i) => `CUSTOMER${String(i + 1).padStart(20, "0")}`);
const CATALOG = numbered(squareExamples.catalogObject["object"], 3, "id", (i) => `CATALOG${String(i + 1).padStart(18, "0")}`);

type Category = "API_ERROR" | "AUTHENTICATION_ERROR" | "INVALID_REQUEST_ERROR" | "RATE_LIMIT_ERROR";

/** Square's error body under `status`: one `Error` per problem. */
export function squareError(status: number, category: Category, code: string, detail: string, field?: string): Reply {
  return { status, body: { errors: [{ category, code, detail, ...(field === undefined ? {} : { field }) }] } };
}

export const rateLimited = (): Reply => squareError(429, "RATE_LIMIT_ERROR", "RATE_LIMITED", "Rate limit exceeded; try again later.");

/** The cursor for the page starting at `index` (opaque to clients). */
const cursorAt = (kind: string, index: number): string => Buffer.from(`${kind}|${index}`).toString("base64url");

export async function startSquareServer(): Promise<ProviderServer> {
  const customers: JsonObject[] = [];
  const restore = (): void => refill(customers, CUSTOMERS);

  /** `{[key]: page, cursor?}`, or a 400 INVALID_CURSOR. */
  const page = (kind: string, key: string, items: readonly JsonObject[], cursor: unknown, limit: unknown, extra: JsonObject = {}): Reply => {
    let start = 0;
    if (typeof cursor === "string" && cursor !== "") {
      const match = new RegExp(`^${kind}\\|(\\d+)$`).exec(Buffer.from(cursor, "base64url").toString("utf8"));
      if (match === null) return squareError(400, "INVALID_REQUEST_ERROR", "INVALID_CURSOR", "The pagination cursor is invalid.", "cursor");
      start = Number(match[1]);
    }
    const { page: slice, more } = pageOf(items, start, Number(limit ?? 100));
    return { status: 200, body: { [key]: slice, ...(more ? { cursor: cursorAt(kind, start + slice.length) } : {}), ...extra } };
  };

  const customerReply = (id: string | undefined, found: (customer: JsonObject) => Reply): Reply => {
    const customer = customers.find((c) => c["id"] === id);
    return customer === undefined ? squareError(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", `Customer with ID \`${id}\` not found.`) : found(customer);
  };

  const answer = ({ operationId, params, request }: Call): Reply => {
    const body = bodyFields(request) ?? {};
    switch (operationId) {
      case "ListCustomers":
        return page("customers", "customers", customers, request.query.get("cursor"), request.query.get("limit") ?? undefined);
      case "SearchCustomers":
        return page("search", "customers", customers, body["cursor"], body["limit"]);
      case "CreateCustomer": {
        const identifying = ["given_name", "family_name", "company_name", "email_address", "phone_number"];
        if (!identifying.some((field) => typeof body[field] === "string" && body[field] !== "")) {
          return squareError(400, "INVALID_REQUEST_ERROR", "MISSING_REQUIRED_PARAMETER", `At least one of ${identifying.join(", ")} is required.`);
        }
        const customer = { ...(squareExamples.created["customer"] as JsonObject), ...body, id: `CUSTOMER${String(customers.length + 1).padStart(20, "0")}`, version: 0 };
        customers.push(customer);
        return { status: 200, body: { customer } };
      }
      case "RetrieveCustomer":
        return customerReply(params["customer_id"], (customer) => ({ status: 200, body: { customer } }));
      case "UpdateCustomer":
        return customerReply(params["customer_id"], (customer) => {
          if (body["version"] !== undefined && body["version"] !== customer["version"]) {
            // The draft types errors into the 200 response; this is the business error it carries.
            return squareError(200, "INVALID_REQUEST_ERROR", "CONFLICT", `Customer version ${String(body["version"])} is stale; the current version is ${String(customer["version"])}.`, "version");
          }
          Object.assign(customer, body, { version: Number(customer["version"] ?? 0) + 1 });
          return { status: 200, body: { customer } };
        });
      case "DeleteCustomer":
        return customerReply(params["customer_id"], (customer) => {
          customers.splice(customers.indexOf(customer), 1);
          return { status: 200, body: {} };
        });
      case "ListLocations":
        return { status: 200, body: squareExamples.locations };
      case "ListCatalog":
        return page("catalog", "objects", CATALOG, request.query.get("cursor"), request.query.get("limit") ?? 2);
      case "RetrieveCatalogObject": {
        const object = CATALOG.find((o) => o["id"] === params["object_id"]);
        return object === undefined
          ? squareError(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", `Object with ID \`${params["object_id"]}\` not found.`)
          : { status: 200, body: { ...squareExamples.catalogObject, object } };
      }
      default:
        throw new Error(`the Square server has no answer for ${operationId}`);
    }
  };

  return startProviderServer(draft, {
    check(request: RecordedRequest) {
      if (bearerToken(request.headers.authorization) !== SQUARE_TOKEN) {
        return squareError(401, "AUTHENTICATION_ERROR", "UNAUTHORIZED", "This request could not be authorized.");
      }
      const version = request.headers["square-version"];
      if (typeof version !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(version)) {
        return squareError(400, "INVALID_REQUEST_ERROR", "INVALID_SQUARE_VERSION_FORMAT", "The provided Square-Version is incorrectly formatted.");
      }
      return undefined;
    },
    notFound: () => squareError(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", "Resource not found."),
    answer,
    restore,
  });
}
