/**
 * Contract check: the Dojo mock's request validation agrees with an independent validator of
 * Dojo's own OpenAPI document (openapi-backend, over the real 2024-02-05 document in
 * test/fixtures/real-specs/). Every call the generated client makes correctly passes both; each
 * broken request — no `version` header, no terminal headers, a body without a required field —
 * is refused by both.
 */
import { readFileSync } from "node:fs";
import { type Document, OpenAPIBackend } from "openapi-backend";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Dojo } from "../../generated/dojo/dist/index.js";
import type { CreateCustomerRequest, CreatePaymentIntentRequest, CreateRefundRequest, CreateTerminalSessionRequest } from "../../generated/dojo/dist/index.js";
import { createMock } from "../../generated/dojo/dist/testing/index.js";
import { realSpec } from "../fixtures/real-specs/real-specs.mjs";
import { examples } from "../servers/dojo-server.js";

const KEY = "sk_sandbox_contract";
const BASE = "https://api.dojo.tech";

/**
 * ajv refuses `nullable` without `type`, which Dojo's document writes beside `allOf` references;
 * dropped here (it only admits `null`, which no request below sends), the document is otherwise as published.
 */
function withoutUntypedNullable(node: unknown): void {
  if (Array.isArray(node)) node.forEach(withoutUntypedNullable);
  else if (typeof node === "object" && node !== null) {
    const record = node as Record<string, unknown>;
    if (record["nullable"] === true && record["type"] === undefined) delete record["nullable"];
    Object.values(record).forEach(withoutUntypedNullable);
  }
}

// The published document, read as the OpenAPI 3.0 document it declares itself to be.
const document = parse(readFileSync(realSpec("dojo-api.openapi.2024-02-05.yaml"), "utf8")) as Document;
withoutUntypedNullable(document);
// `quick` skips checking the document against the OpenAPI schema (it has a few `$ref` siblings); requests are still validated.
const validator = new OpenAPIBackend({ definition: document, quick: true, ajvOpts: { logger: false } });
beforeAll(async () => {
  await validator.init();
});

/** What the document's validator says of a request. */
async function documentAccepts(request: Request): Promise<{ valid: boolean; errors: unknown }> {
  const url = new URL(request.url);
  const text = await request.clone().text();
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  const result = validator.validateRequest({
    method: request.method.toLowerCase(),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    ...(text === "" ? {} : { body: JSON.parse(text) as unknown }),
  });
  return { valid: result.valid, errors: result.errors };
}

const calls: Readonly<Record<string, (dojo: Dojo) => PromiseLike<unknown>>> = {
  "paymentIntents.create": (d) => d.paymentIntents.create(examples.createPaymentIntentAuto as CreatePaymentIntentRequest),
  "paymentIntents.get": (d) => d.paymentIntents.get("pi_sandbox_S_zeCMipQkSG9fFmqS-ceQ"),
  "paymentIntents.search": (d) => d.paymentIntents.search({}),
  "refunds.create": (d) => d.refunds.create("pi_sandbox_RBMHTJ4fIkmSppDILZVCGw", { ...(examples.createRefund as CreateRefundRequest), idempotencyKey: "rf-1" }),
  "customers.create": (d) => d.customers.create(examples.createCustomer as CreateCustomerRequest),
  "webhooks.getAll": (d) => d.webhooks.getAll(),
  "terminals.list": (d) => d.terminals.list(),
  "terminals.get": (d) => d.terminals.get("tm_sandbox_65c5fe8a104a1222b2d8b968"),
  "terminalSessions.create": (d) => d.terminalSessions.create(examples.createTerminalSessionSale as CreateTerminalSessionRequest),
  "terminalSessions.get": (d) => d.terminalSessions.get("ts_sandbox_65cd5f4a57ba13ad7424acd0"),
};

describe("Dojo: the mock and the OpenAPI document agree", () => {
  it.each(Object.keys(calls))("%s, called correctly by the client, passes both", async (name) => {
    const mock = createMock({ credentials: { apiKey: KEY } });
    const verdicts: { valid: boolean; errors: unknown }[] = [];
    const statuses: number[] = [];
    const checked: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      verdicts.push(await documentAccepts(request));
      const response = await mock.fetch(request);
      statuses.push(response.status);
      return response;
    };
    const dojo = new Dojo({ apiKey: KEY, resellerId: "reseller-1", softwareHouseId: "house-1", baseUrl: BASE, fetch: checked });
    await (calls[name] as (d: Dojo) => PromiseLike<unknown>)(dojo);
    expect(verdicts).toEqual([{ valid: true, errors: null }]);
    expect(statuses[0]).toBeLessThan(300);
  });

  const body = (value: unknown) => ({ method: "POST", body: JSON.stringify(value), headers: { authorization: `Basic ${KEY}`, version: "2024-02-05", "content-type": "application/json" } });
  const get = (headers: Record<string, string>) => ({ headers: { authorization: `Basic ${KEY}`, ...headers } });
  it.each([
    { given: "no version header", path: "/payment-intents/pi_1", init: get({}) },
    { given: "no terminal headers", path: "/terminals", init: get({ version: "2024-02-05" }) },
    { given: "no software-house-id", path: "/terminals/tm_1", init: get({ version: "2024-02-05", "reseller-id": "reseller-1" }) },
    { given: "a payment intent without its reference", path: "/payment-intents", init: body({ amount: { value: 1000, currencyCode: "GBP" } }) },
    { given: "a customer without a body", path: "/customers", init: { method: "POST", headers: { authorization: `Basic ${KEY}`, version: "2024-02-05", "content-type": "application/json" } } },
    { given: "a terminal session without its terminal", path: "/terminal-sessions", init: { ...body({ details: { sale: { transactionId: "t1" } } }), headers: { ...body({}).headers, "software-house-id": "house-1", "reseller-id": "reseller-1" } } },
  ])("$given: refused by both", async ({ path, init }) => {
    const request = new Request(`${BASE}${path}`, init);
    const verdict = await documentAccepts(request);
    const response = await createMock({ credentials: { apiKey: KEY } }).fetch(request);
    expect(verdict.valid, JSON.stringify(verdict.errors)).toBe(false);
    expect(response.status).toBe(400);
  });

  it("where they differ, the spec says why: reseller-id alone is optional in the document, required by the prose specs/dojo.yaml follows", async () => {
    const request = new Request(`${BASE}/terminals`, get({ version: "2024-02-05", "software-house-id": "house-1" }));
    expect((await documentAccepts(request)).valid).toBe(true);
    expect((await createMock({ credentials: { apiKey: KEY } }).fetch(request)).status).toBe(400);
  });
});
