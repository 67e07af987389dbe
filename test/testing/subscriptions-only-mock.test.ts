/**
 * subscriptions-only-client/testing: the generated client against its own mock, through
 * `mock.fetch` and the loopback server: Basic auth from store id and API key, the `SO-Ver` header,
 * the `{status: "200", message, body: {data | text}}` envelope, 400s naming fields by index, and
 * `page`/`paginate` paging over what was created.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuthenticationError, BadRequestError, RateLimitError, SubscriptionsOnly, SubscriptionsOnlyError } from "../../generated/subscriptions-only/dist/index.js";
import type { AddOnCreate } from "../../generated/subscriptions-only/dist/index.js";
import { createMock } from "../../generated/subscriptions-only/dist/testing/index.js";
import type { Mock, MockOperations } from "../../generated/subscriptions-only/dist/testing/index.js";
import { rejection } from "../helpers/rejection.js";
import { type Served, TRANSPORTS, serve } from "./mock-kit.js";

const STORE_ID = "store-7";
const API_KEY = "so_key_mock";
const addOn = (code: string): AddOnCreate => ({ addon_status: "active", addon_name: `Add-on ${code}`, addon_description: "Extra", addon_price: "9.99", addon_quantities: "1", addon_code: code });

describe.each(TRANSPORTS)("Subscriptions Only against its mock (%s)", (transport) => {
  let mock: Mock<MockOperations>;
  let served: Served;
  const client = (apiKey = API_KEY): SubscriptionsOnly => new SubscriptionsOnly({ storeId: STORE_ID, apiKey, baseUrl: served.baseUrl, ...served.fetchOption });

  beforeEach(async () => {
    mock = createMock({ credentials: { storeId: STORE_ID, apiKey: API_KEY } });
    served = await serve(mock, transport, "https://api.subscriptionsonly.example");
  });
  afterEach(async () => {
    await served.close();
  });

  it("walks every page of what was created: page=1, 2, 3 of two", async () => {
    const so = client();
    for (const code of ["a", "b", "c", "d", "e"]) await expect(so.addOns.create(addOn(code))).resolves.toBeUndefined();
    const codes: string[] = [];
    for await (const item of so.addOns.list({ paginate: 2 })) codes.push(item.addon_code ?? "");
    expect(codes).toEqual(["a", "b", "c", "d", "e"]);
    expect(mock.requests.filter((r) => r.operationId === "AddOns_List").map((r) => r.query["page"])).toEqual(["1", "2", "3"]);
  });

  it("answers a write with the confirmation text in body.text", async () => {
    const response = await served.raw("/add-ons/1", {
      method: "PUT",
      headers: { authorization: `Basic ${btoa(`${STORE_ID}:${API_KEY}`)}`, "so-ver": "1.0.0", "content-type": "application/json" },
      body: JSON.stringify({ addon_name: "Renamed" }),
    });
    expect(await response.json()).toEqual({ status: "200", body: { text: "Content updated" } });
    await expect(client().addOns.update("1", { addon_name: "Renamed" })).resolves.toBe("Content updated");
  });

  it("names the missing fields as the API does: by index, read back as names", async () => {
    const error = await rejection(client().addOns.create({ addon_code: "x" } as AddOnCreate));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toBeInstanceOf(SubscriptionsOnlyError);
    expect(error).toMatchObject({ kind: "missing-fields", missingFields: ["addon_status", "addon_name", "addon_description", "addon_price", "addon_quantities"] });
  });

  it("refuses a wrong API key with a 401 in the envelope", async () => {
    const error = await rejection(client("so_key_wrong").addOns.get("1"));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).body).toEqual({ status: "401", body: { text: "Invalid credentials" } });
  });

  it("refuses a call without SO-Ver", async () => {
    const response = await served.raw("/add-ons/1", { headers: { authorization: `Basic ${btoa(`${STORE_ID}:${API_KEY}`)}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ status: "400", body: { text: "Invalid request headers", fields: { "0": "SO-Ver" } } });
  });

  it("retries a 429 with the rate-limit headers, and a storm ends in RateLimitError", async () => {
    mock.rateLimit({ times: 1 });
    await expect(client().addOns.get("1")).resolves.toMatchObject({ addon_code: expect.any(String) });
    expect(mock.requests).toHaveLength(2);
    mock.rateLimit({ operation: "addOns.get" });
    expect(await rejection(client().addOns.get("1", { maxRetries: 0 }))).toBeInstanceOf(RateLimitError);
  });
});
