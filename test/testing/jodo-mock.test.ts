/**
 * jodo-client/testing: the generated Jodo client against its own mock, through `mock.fetch` and
 * through the loopback server: Basic auth from key and secret, the `{status, data}` envelope the
 * client unwraps, `{status: "error", code, message}` errors, a store behind webhooks, 429 retries.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuthenticationError, BadRequestError, Jodo, JodoError, NotFoundError, RateLimitError } from "../../generated/jodo/dist/index.js";
import type { AddWebhookRequest } from "../../generated/jodo/dist/index.js";
import { createMock } from "../../generated/jodo/dist/testing/index.js";
import type { Mock, MockOperations } from "../../generated/jodo/dist/testing/index.js";
import { rejection } from "../helpers/rejection.js";
import { payloadExample } from "../servers/jodo-server.js";
import { type Served, TRANSPORTS, serve } from "./mock-kit.js";

const API_KEY = "jodo_key_mock";
const API_SECRET = "jodo_secret_mock";
const basic = (user: string, password: string) => `Basic ${btoa(`${user}:${password}`)}`;
const hook = (url: string): AddWebhookRequest => ({ event_code: "direct.payment.added", url, failure_notification_email: "ops@example.com" });

describe.each(TRANSPORTS)("Jodo against its mock (%s)", (transport) => {
  let mock: Mock<MockOperations>;
  let served: Served;
  const client = (apiSecret = API_SECRET): Jodo => new Jodo({ apiKey: API_KEY, apiSecret, baseUrl: served.baseUrl, ...served.fetchOption });

  beforeEach(async () => {
    mock = createMock({ credentials: { apiKey: API_KEY, apiSecret: API_SECRET } });
    served = await serve(mock, transport, "https://ext.devtest1.jodopay.com");
  });
  afterEach(async () => {
    await served.close();
  });

  it("wraps the spec's example in {status: success, data}, which the client unwraps", async () => {
    expect(await client().students.get("365127")).toEqual(payloadExample("Students_Get"));
    const response = await served.raw("/api/v1/integrations/erp/students/365127", { headers: { authorization: basic(API_KEY, API_SECRET) } });
    expect(await response.json()).toEqual({ status: "success", data: payloadExample("Students_Get") });
  });

  it("answers a write without content with the bare envelope", async () => {
    await expect(client().webhooks.disable("21d8f41b-aefd-4463-8179-55144f5f1ea5")).resolves.toBeUndefined();
  });

  it("keeps added webhooks: get and list read them back", async () => {
    const jodo = client();
    const added = await jodo.webhooks.add(hook("https://example.com/a"));
    const second = await jodo.webhooks.add(hook("https://example.com/b"));
    expect(added.id).not.toBe(second.id);
    expect((await jodo.webhooks.get(second.id)).url).toBe("https://example.com/b");
    expect((await jodo.webhooks.list()).map((w) => w.url)).toEqual(["https://example.com/a", "https://example.com/b"]);
  });

  it("refuses a wrong secret with a 401 in Jodo's error shape", async () => {
    const error = await rejection(client("jodo_secret_wrong").students.get("365127"));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toBeInstanceOf(JodoError);
    expect((error as AuthenticationError).body).toEqual({ status: "error", message: "Invalid credentials" });
    expect(mock.requests[0]?.headers["authorization"]).toBe("***");
  });

  it("refuses a body without its required fields with a 400 naming them", async () => {
    const error = await rejection(client().webhooks.add({ url: "https://example.com" } as AddWebhookRequest));
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).message).toBe("Required fields missing: event_code, failure_notification_email");
  });

  it("fails with a documented code as Jodo does: the code, the message, the status's class", async () => {
    mock.fail("students.get", { status: 404, code: "MAE00001", message: "Student not found" });
    const error = await rejection(client().students.get("1"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: "MAE00001", message: "Student not found" });
  });

  it("retries a 429, and a storm ends in RateLimitError", async () => {
    mock.rateLimit({ operation: "Students_Get", times: 2 });
    expect(await client().students.get("365127")).toEqual(payloadExample("Students_Get"));
    expect(mock.requests).toHaveLength(3);
    mock.rateLimit();
    expect(await rejection(client().branches.list({ maxRetries: 0 }))).toBeInstanceOf(RateLimitError);
  });
});
