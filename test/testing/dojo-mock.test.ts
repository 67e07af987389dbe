/**
 * dojo-client/testing: the generated Dojo client run against its own mock, through `mock.fetch`
 * and through `mock.listen()`'s loopback server, as an application's tests would use it. The mock
 * answers with the spec's examples, checks the raw-key Basic header, the `version` header and the
 * terminal headers, validates bodies, and answers every failure as an RFC 7807 problem document.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  Dojo,
  DojoProblemError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
} from "../../generated/dojo/dist/index.js";
import type { CreatePaymentIntentRequest, PaymentIntent } from "../../generated/dojo/dist/index.js";
import { createMock } from "../../generated/dojo/dist/testing/index.js";
import type { Mock, MockOperations, MockServer } from "../../generated/dojo/dist/testing/index.js";
import { rejection } from "../helpers/rejection.js";
import { examples } from "../servers/dojo-server.js";

const KEY = "sk_sandbox_mock-key";
const order = (reference: string): CreatePaymentIntentRequest => ({ amount: { value: 1000, currencyCode: "GBP" }, reference });

describe.each(["fetch", "listen"] as const)("Dojo against its mock (%s)", (transport) => {
  let mock: Mock<MockOperations>;
  let server: MockServer | undefined;
  let baseUrl: string;

  const client = (apiKey = KEY): Dojo =>
    new Dojo({ apiKey, resellerId: "reseller-1", softwareHouseId: "house-1", baseUrl, ...(transport === "fetch" ? { fetch: mock.fetch } : {}) });
  /** A request as any HTTP client would send it, for what the generated client never sends. */
  const raw = (path: string, init: RequestInit): Promise<Response> => (transport === "fetch" ? mock.fetch(`${baseUrl}${path}`, init) : fetch(`${baseUrl}${path}`, init));

  beforeEach(async () => {
    mock = createMock({ credentials: { apiKey: KEY } });
    server = transport === "listen" ? await mock.listen() : undefined;
    baseUrl = server?.url ?? "https://api.dojo.tech";
  });
  afterEach(async () => {
    await server?.close();
  });

  it("answers with the spec's examples, unwrapped as Dojo sends them", async () => {
    const intent = await client().paymentIntents.get("pi_sandbox_S_zeCMipQkSG9fFmqS-ceQ");
    expect(intent).toEqual(examples.paymentIntent);
    expect(await client().terminals.list()).toEqual(examples.terminals);
  });

  it("stores what is created, so get, delete and paging walk real data", async () => {
    const dojo = client();
    const created: PaymentIntent[] = [];
    for (let i = 0; i < 23; i++) created.push(await dojo.paymentIntents.create(order(`Order ${i}`)));
    expect(new Set(created.map((p) => p.id)).size).toBe(23);
    expect((await dojo.paymentIntents.get(created[4]?.id ?? "")).reference).toBe("Order 4");
    const walked: string[] = [];
    for await (const intent of dojo.paymentIntents.searchAll({})) walked.push(intent.reference ?? "");
    expect(walked).toEqual(created.map((p) => p.reference));
    // Three pages of ten: the cursor went back in the body twice, and the last page had none.
    expect(mock.requests.filter((r) => r.operationId === "PaymentIntents_Search").map((r) => r.body)).toEqual([{}, { cursor: { after: "mock-cursor-10" } }, { cursor: { after: "mock-cursor-20" } }]);
    await dojo.paymentIntents.delete(created[0]?.id ?? "");
    const gone = await rejection(dojo.paymentIntents.get(created[0]?.id ?? ""));
    expect(gone).toBeInstanceOf(NotFoundError);
  });

  it("refuses a wrong key with Dojo's 401 problem document, and redacts the key it received", async () => {
    const error = await rejection(client("sk_sandbox_someone-else").paymentIntents.get("pi_1"));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toBeInstanceOf(DojoProblemError);
    expect((error as DojoProblemError).title).toBe("Invalid credentials");
    expect(mock.requests[0]?.headers["authorization"]).toBe("***");
    expect(JSON.stringify(mock.requests)).not.toContain("someone-else");
  });

  it.each([
    { given: "no version header", path: "/payment-intents/pi_1", headers: { authorization: `Basic ${KEY}` }, field: "version" },
    { given: "another version", path: "/payment-intents/pi_1", headers: { authorization: `Basic ${KEY}`, version: "2020-01-01" }, field: "version" },
    { given: "no terminal headers", path: "/terminals", headers: { authorization: `Basic ${KEY}`, version: "2024-02-05" }, field: "reseller-id" },
  ])("answers a request with $given with a 400 problem naming $field", async ({ path, headers, field }) => {
    const response = await raw(path, { headers });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await response.json()) as { status: number; errors: Record<string, string[]> };
    expect(problem.status).toBe(400);
    expect(Object.keys(problem.errors)).toContain(field);
  });

  it("refuses a body without a required field as Dojo does: BadRequestError with the field's messages", async () => {
    const incomplete = { amount: { value: 1000, currencyCode: "GBP" } } as unknown as CreatePaymentIntentRequest;
    const error = await rejection(client().paymentIntents.create(incomplete));
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).errors).toEqual({ reference: ["The reference field is required."] });
  });

  it("fails an operation with the status a scenario asks for, as a typed error", async () => {
    mock.fail("paymentIntents.get", { status: 404, message: "No such payment intent" });
    const error = await rejection(client().paymentIntents.get("pi_1"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).title).toBe("No such payment intent");
  });

  it("replies with a scenario's payload", async () => {
    const payload = { ...(examples.paymentIntent as PaymentIntent), reference: "From the scenario" };
    mock.on("PaymentIntents_Get").reply(payload);
    expect((await client().paymentIntents.get("pi_1")).reference).toBe("From the scenario");
  });

  it("retries a 429 and then succeeds; a storm ends in RateLimitError", async () => {
    mock.rateLimit({ times: 1 });
    expect(await client().terminals.list()).toEqual(examples.terminals);
    expect(mock.requests).toHaveLength(2);
    mock.rateLimit();
    const error = await rejection(client().terminals.list(undefined, { maxRetries: 1 }));
    expect(error).toBeInstanceOf(RateLimitError);
  });

  it("waits as long as a scenario says", async () => {
    mock.latency(300);
    const error = await rejection(client().terminals.list(undefined, { timeout: 50, maxRetries: 0 }));
    expect(error).toBeInstanceOf(TimeoutError);
  });
});

describe("Dojo's mock: scenarios it cannot honour", () => {
  it("names an unknown operation and an undocumented status, at compile time and at run time", () => {
    const mock = createMock();
    // @ts-expect-error no such operation
    expect(() => mock.fail("paymentIntents.refund", { status: 400 })).toThrow(/unknown operation "paymentIntents.refund"/);
    // @ts-expect-error 418 is not documented for PaymentIntents_Get
    expect(() => mock.fail("PaymentIntents_Get", { status: 418 })).toThrow(/PaymentIntents_Get does not document status 418/);
    // @ts-expect-error a payment intent has no such shape
    mock.on("paymentIntents.get").reply({ id: 1 });
  });
});
