/**
 * Behaviour of the generated Subscriptions Only client (generated/subscriptions-only/dist,
 * imported as an app would) against a real node:http server on 127.0.0.1 that speaks the dialect
 * with the seed page's JSON examples verbatim (test/servers/subscriptions-only-server.ts): Basic
 * auth from store id and API key, `Accept: application/json`, the `{status, message, body}`
 * envelope, 400s naming fields by index, list parameters and page iteration, and the rate-limit
 * "tokens remaining" header.
 */

import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PagePromise,
  RequestValidationError,
  ResponseParseError,
  SubscriptionsOnly,
  SubscriptionsOnlyError,
  TextFieldsError,
  rateLimitOf,
} from "../../generated/subscriptions-only/dist/index.js";
import type {
  AddOn,
  AddOnCreate,
  APIPromise,
  Confirmation,
  CouponCreate,
  DecimalString,
  Page,
  Subscriber,
  SubscriptionsOnlyOptions,
  Timestamp,
} from "../../generated/subscriptions-only/dist/index.js";
import { SEED, SEED_FILE } from "../servers/subscriptions-only-seed.js";
import { SEED_ADD_ONS, TEST_SUBSCRIBERS, startSubscriptionsOnlyServer } from "../servers/subscriptions-only-server.js";
import type { SoServer } from "../servers/subscriptions-only-server.js";

const STORE_ID = "STO-12345";
const API_KEY = "so_key_8Jq2xW";

let server: SoServer;

beforeAll(async () => {
  server = await startSubscriptionsOnlyServer({ storeId: STORE_ID, apiKey: API_KEY });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
});

function client(options: Partial<SubscriptionsOnlyOptions> = {}): SubscriptionsOnly {
  return new SubscriptionsOnly({ storeId: STORE_ID, apiKey: API_KEY, baseUrl: server.baseUrl, ...options });
}

/** The rejection of `promise`; fails the test when it resolves. */
async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to reject, but it resolved");
}

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

const seed = (text: string): { status: string; message: string; body?: { data?: unknown; text?: string; fields?: unknown } } =>
  JSON.parse(text) as { status: string; message: string; body?: { data?: unknown; text?: string } };

/** The seed's failed coupon POST, as sent: nine coupon fields and a tenth the API does not know. */
const seedCouponPost = JSON.parse(SEED.couponPost) as CouponCreate & { this_should_fail: string };

// ---------------------------------------------------------------------------------------------

describe("the test payloads are the seed's examples, verbatim", () => {
  /** The seed's JSON examples, as written, found by matching braces outside strings. */
  function jsonBlocks(text: string): string[] {
    const blocks: string[] = [];
    for (let start = text.indexOf("{"); start !== -1; start = text.indexOf("{", start)) {
      let depth = 0;
      let inString = false;
      let end = start;
      for (; end < text.length; end++) {
        const c = text[end];
        if (inString) {
          if (c === "\\") end++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === "{") depth++;
        else if (c === "}" && --depth === 0) break;
      }
      blocks.push(text.slice(start, end + 1));
      start = end + 1;
    }
    return blocks;
  }

  it("SEED holds every JSON example of the seed page, in order, character for character", () => {
    expect(Object.values(SEED)).toEqual(jsonBlocks(readFileSync(SEED_FILE, "utf8")));
  });
});

// ---------------------------------------------------------------------------------------------

describe("construction", () => {
  it.each([
    { name: "no API key", given: { storeId: STORE_ID }, names: "apiKey" },
    { name: "no store id", given: { apiKey: API_KEY }, names: "storeId" },
    { name: "an empty API key", given: { storeId: STORE_ID, apiKey: "" }, names: "apiKey" },
    { name: "a store id with a colon", given: { storeId: "STO-1:2", apiKey: API_KEY }, names: "storeId" },
  ])("$name: throws RequestValidationError naming $names, without the key", ({ given, names }) => {
    const build = (): SubscriptionsOnly => new SubscriptionsOnly({ ...given, baseUrl: server.baseUrl } as unknown as SubscriptionsOnlyOptions);
    expect(build).toThrow(RequestValidationError);
    expect(build).toThrow(new RegExp(`\\b${names}\\b`));
    expect(build).not.toThrow(API_KEY);
    expect(server.requests).toHaveLength(0);
  });

  it("calls https://api.subscriptionsonly.com/1.0.0 when no baseUrl is given (fetch injected, no network)", async () => {
    const seen: string[] = [];
    const recordingFetch: typeof fetch = async (input) => {
      seen.push(String(input));
      return new Response(SEED.getOne, { headers: { "content-type": "application/json" } });
    };
    const so = new SubscriptionsOnly({ storeId: STORE_ID, apiKey: API_KEY, fetch: recordingFetch });
    await so.addOns.get("SAO-000000");
    expect(seen).toEqual(["https://api.subscriptionsonly.com/1.0.0/add-ons/SAO-000000"]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("authentication and headers", () => {
  const calls: { name: string; call: (so: SubscriptionsOnly) => PromiseLike<unknown>; method: string }[] = [
    { name: "addOns.get", call: (so) => so.addOns.get("SAO-000000"), method: "GET" },
    { name: "addOns.list", call: (so) => so.addOns.list(), method: "GET" },
    { name: "addOns.create", call: (so) => so.addOns.create(newAddOn), method: "POST" },
    { name: "addOns.update", call: (so) => so.addOns.update("SAO-000000", { addon_price: "12.50" }), method: "PUT" },
    { name: "addOns.delete", call: (so) => so.addOns.delete("SAO-000001"), method: "DELETE" },
    { name: "subscribers.list", call: (so) => so.subscribers.list(), method: "GET" },
  ];

  it.each(calls)("$name sends Basic base64(storeId:apiKey), Accept: application/json and SO-Ver", async ({ call, method }) => {
    await call(client());
    const request = only(server.requests);
    expect(request.method).toBe(method);
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from("STO-12345:so_key_8Jq2xW").toString("base64")}`);
    expect(request.headers.accept).toBe("application/json");
    expect(request.headers["so-ver"]).toBe("1.0.0");
  });

  it("POST and PUT send their body as JSON with Content-Type: application/json", async () => {
    await client().addOns.create(newAddOn);
    await client().addOns.update("SAO-000000", { addon_price: "12.50" });
    for (const request of server.requests) {
      expect(request.headers["content-type"]).toBe("application/json");
    }
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual(newAddOn);
    expect(server.requests[1]?.body).toBe('{"addon_price":"12.50"}');
  });

  it("a caller's SO-Ver in defaultHeaders wins over the pinned 1.0.0", async () => {
    await client({ defaultHeaders: { "SO-Ver": "1.0.1" } }).addOns.get("SAO-000000");
    expect(only(server.requests).headers["so-ver"]).toBe("1.0.1");
  });

  it("a wrong API key is a 401 AuthenticationError carrying the API's text, not the key", async () => {
    const error = await rejection(client({ apiKey: "wrong-key-77" }).addOns.get("SAO-000000"));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toBeInstanceOf(SubscriptionsOnlyError);
    const apiError = error as AuthenticationError;
    expect(apiError.status).toBe(401);
    expect(apiError.text).toBe("Invalid Store ID or API Key.");
    expect(apiError.message).toBe("Invalid Store ID or API Key.");
    expect(apiError.message).not.toContain("wrong-key-77");
    expect(apiError.envelopeStatus).toBe("401");
    expect(apiError.statusMismatch).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------

const newAddOn: AddOnCreate = {
  addon_status: "Active",
  addon_name: "Gift wrap",
  addon_description: "<p>Wrapped in paper</p>",
  addon_price: "4.99",
  addon_quantities: "0",
  addon_code: "WRAP",
};

describe("success envelopes (the seed's examples)", () => {
  it("addOns.get resolves to body.data, the seed's add-on, typed AddOn with every scalar a string", async () => {
    const addOn = await client().addOns.get("SAO-000000");
    expectTypeOf(addOn).toEqualTypeOf<AddOn>();
    expect(addOn).toEqual(seed(SEED.getOne).body?.data);
    expect(addOn.id).toBe("21");
    expect(addOn.addon_price).toBe("10.00");
    expect(addOn.subscription_id).toBeNull();
    expect(addOn.created).toBe("2018-03-20 15:00:47");
    expect(addOn.addon_description).toBe("<p>Add-On</p>\n");
    expect(only(server.calls).reply).toEqual({ status: 200, text: SEED.getOne });
    expect(only(server.requests).url).toBe("/1.0.0/add-ons/SAO-000000");
  });

  it("the generated types say strings and nulls exactly as the API sends them", () => {
    expectTypeOf<AddOn["id"]>().toEqualTypeOf<string>();
    expectTypeOf<AddOn["addon_price"]>().toEqualTypeOf<DecimalString>();
    expectTypeOf<DecimalString>().toEqualTypeOf<string>();
    expectTypeOf<AddOn["created"]>().toEqualTypeOf<Timestamp>();
    expectTypeOf<AddOn["deleted"]>().toEqualTypeOf<string | null>();
    expectTypeOf<AddOn["subscription_id"]>().toEqualTypeOf<string | null>();
    expectTypeOf<AddOn["addon_image"]>().toEqualTypeOf<string | null>();
    expectTypeOf<AddOn["charge_tax"]>().toEqualTypeOf<"0" | "1">();
    expectTypeOf<Subscriber[string]>().toEqualTypeOf<string | null>();
  });

  it("addOns.list is a PagePromise whose first page is the seed's list (body.data, an array)", async () => {
    const list = client().addOns.list();
    expectTypeOf(list).toEqualTypeOf<PagePromise<AddOn>>();
    const page = await list;
    expectTypeOf(page).toEqualTypeOf<Page<AddOn>>();
    expect(page.items).toEqual(seed(SEED.getMany).body?.data);
    expect(page.items.map((a) => a.unique_id)).toEqual(["SAO-000000", "SAO-000001"]);
    expect(only(server.calls).reply).toEqual({ status: 200, text: SEED.getMany });
    // The spec says pages start at 1 (`first: 1`), so the first request names page 1.
    expect(only(server.requests).url).toBe("/1.0.0/add-ons?page=1");
  });

  it("addOns.update (PUT) resolves to the confirmation text in body.text", async () => {
    const result = client().addOns.update("SAO-000000", { addon_price: "12.50" });
    expectTypeOf(result).toEqualTypeOf<APIPromise<Confirmation>>();
    await expect(result).resolves.toBe("Content updated");
    expect(only(server.calls).reply).toEqual({ status: 200, text: SEED.put });
  });

  it("addOns.delete resolves to the confirmation text in body.text", async () => {
    await expect(client().addOns.delete("SAO-000001")).resolves.toBe("Delete successful");
    const call = only(server.calls);
    expect(call.request.method).toBe("DELETE");
    expect(call.reply).toEqual({ status: 200, text: SEED.delete });
  });

  it("addOns.create (POST) answers 201 Created without a body and resolves to undefined", async () => {
    const result = client().addOns.create(newAddOn);
    expectTypeOf(result).toEqualTypeOf<APIPromise<void>>();
    const { data, response } = await result.withResponse();
    expect(data).toBeUndefined();
    expect(response.status).toBe(201);
    expect(only(server.calls).reply).toEqual({ status: 201, text: SEED.post });
  });

  it("coupons.create sends the seed's coupon fields and resolves to undefined on 201", async () => {
    const { this_should_fail: _unknown, ...coupon } = seedCouponPost;
    await expect(client().coupons.create(coupon)).resolves.toBeUndefined();
    const request = only(server.requests);
    expect(request.url).toBe("/1.0.0/coupons");
    expect(Object.keys(JSON.parse(request.body) as object)).toEqual(Object.keys(coupon));
  });

  it("an unknown add-on is a NotFoundError with the API's text", async () => {
    const error = await rejection(client().addOns.get("SAO-999999"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).text).toBe("Item not found.");
  });

  it("a 2xx that is not an envelope is a ResponseParseError, not passed through", async () => {
    server.script("AddOns_Get", { status: 200, body: { id: "21" } });
    const error = await rejection(client().addOns.get("SAO-000000"));
    expect(error).toBeInstanceOf(ResponseParseError);
    expect((error as ResponseParseError).message).toMatch(/AddOns_Get returned an object without/);
  });
});

// ---------------------------------------------------------------------------------------------

describe("400 Bad Request: the fields, by name", () => {
  it("the seed's unknown-field example: index 9 is the 10th field the client sent, this_should_fail", async () => {
    const error = await rejection(client().coupons.create(seedCouponPost));
    expect(only(server.calls).reply).toEqual({ status: 400, text: SEED.unknownFields });
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toBeInstanceOf(SubscriptionsOnlyError);
    expect(error).toBeInstanceOf(TextFieldsError);
    expect(error).toBeInstanceOf(APIError);
    const bad = error as BadRequestError;
    expect(bad).toMatchObject({
      status: 400,
      text: "Unknown fields submitted.",
      kind: "unknown-fields",
      fields: ["this_should_fail"],
      unknownFields: ["this_should_fail"],
      missingFields: [],
      envelopeStatus: "400",
      statusMismatch: false,
      message: "Unknown fields submitted: this_should_fail",
    });
    expect(bad.body).toEqual(seed(SEED.unknownFields));
    expectTypeOf(bad.unknownFields).toEqualTypeOf<readonly string[]>();
    expectTypeOf(bad.kind).toEqualTypeOf<"unknown-fields" | "missing-fields" | undefined>();
  });

  it("an index is resolved against the body the client sent, even where the API quotes the value", async () => {
    // Same request; the API (scripted) names the field by the value sent instead of the key.
    server.script("Coupons_Create", { status: 400, body: { status: "400", message: "Bad Request", body: { text: "Unknown fields submitted.", fields: { "9": "because I am unknown" } } } });
    const bad = (await rejection(client().coupons.create(seedCouponPost))) as BadRequestError;
    expect(bad.unknownFields).toEqual(["this_should_fail"]);
  });

  it("the seed's missing-fields example: the values name the required fields", async () => {
    const error = await rejection(client().addOns.create({ addon_name: "Add On" } as AddOnCreate));
    expect(only(server.calls).reply).toEqual({ status: 400, text: SEED.missingFields });
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({
      text: "Required fields missing.",
      kind: "missing-fields",
      missingFields: ["addon_status", "addon_description", "addon_price", "addon_quantities", "addon_code"],
      unknownFields: [],
      message: "Required fields missing: addon_status, addon_description, addon_price, addon_quantities, addon_code",
    });
  });

  it("a 400 is not retried", async () => {
    await rejection(client().coupons.create(seedCouponPost));
    expect(server.requests).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------

describe("a body whose status disagrees with the HTTP status is an error", () => {
  it.each([
    {
      name: "HTTP 200 whose body says 400 (with the seed's unknown-field body)",
      op: "Coupons_Create",
      call: (so: SubscriptionsOnly) => so.coupons.create(seedCouponPost),
      reply: { status: 200, body: SEED.unknownFields },
      want: { envelopeStatus: "400", kind: "unknown-fields", unknownFields: ["this_should_fail"] },
    },
    {
      name: "HTTP 200 whose body says 500, on a read",
      op: "AddOns_Get",
      call: (so: SubscriptionsOnly) => so.addOns.get("SAO-000000"),
      reply: { status: 200, body: { status: "500", message: "Internal Server Error" } },
      want: { envelopeStatus: "500" },
    },
    {
      name: "HTTP 200 answering a create with the seed's 201 body",
      op: "AddOns_Create",
      call: (so: SubscriptionsOnly) => so.addOns.create(newAddOn),
      reply: { status: 200, body: SEED.post },
      want: { envelopeStatus: "201" },
    },
    {
      name: "HTTP 201 answering an update with the seed's 200 PUT body",
      op: "AddOns_Update",
      call: (so: SubscriptionsOnly) => so.addOns.update("SAO-000000", { addon_code: "X" }),
      reply: { status: 201, body: SEED.put },
      want: { envelopeStatus: "200" },
    },
  ])("$name", async ({ op, call, reply, want }) => {
    server.script(op, reply);
    const error = await rejection(call(client()));
    expect(error).toBeInstanceOf(SubscriptionsOnlyError);
    expect(error).not.toBeInstanceOf(BadRequestError); // the HTTP status decides the class
    expect(error).toMatchObject({ status: reply.status, statusMismatch: true, ...want });
    expect((error as Error).message).toContain(`the body reports status "${want.envelopeStatus}"`);
    expect((error as Error).message).toContain(`in an HTTP ${reply.status} response`);
  });
});

// ---------------------------------------------------------------------------------------------

describe("list parameters", () => {
  it("go on the wire in the documented order and pairs, whatever the order they are given in", async () => {
    await client().addOns.list({
      paginate: 5,
      sort: "desc",
      exclude_by: "123",
      filter: "Active",
      page: 1,
      sort_by: "addon_price",
      exclude: "subscription_id",
      filter_by: "addon_status",
    });
    expect(only(server.requests).url).toBe(
      "/1.0.0/add-ons?filter_by=addon_status&filter=Active&exclude=subscription_id&exclude_by=123&sort_by=addon_price&sort=desc&page=1&paginate=5",
    );
  });

  it("exclude names the field and exclude_by the value (reversed from filter_by/filter), as documented", async () => {
    const page = await client().addOns.list({ exclude: "unique_id", exclude_by: "SAO-000000" });
    expect(page.items.map((a) => a.unique_id)).toEqual(["SAO-000001"]);
    expect(only(server.requests).query.get("exclude")).toBe("unique_id");
  });

  it.each([
    { params: { filter_by: "addon_name", filter: "Add-On" } as const, want: ["SAO-000001"] },
    { params: { sort_by: "addon_price", sort: "asc" } as const, want: ["SAO-000001", "SAO-000000"] },
    { params: { sort_by: "addon_price", sort: "desc" } as const, want: ["SAO-000000", "SAO-000001"] },
  ])("$params → $want", async ({ params, want }) => {
    const page = await client().addOns.list(params);
    expect(page.items.map((a) => a.unique_id)).toEqual(want);
  });

  it("subscribers.list filters too", async () => {
    const page = await client().subscribers.list({ filter_by: "subscriber_status", filter: "Active", sort_by: "id", sort: "desc" });
    expect(page.items).toEqual([TEST_SUBSCRIBERS[2], TEST_SUBSCRIBERS[0]]);
    expect(only(server.requests).url).toBe("/1.0.0/subscribers?filter_by=subscriber_status&filter=Active&sort_by=id&sort=desc&page=1");
  });
});

describe("page iteration (page + paginate, pages from 1)", () => {
  it("for await walks every add-on across pages and stops at the empty page", async () => {
    const seen: AddOn[] = [];
    for await (const addOn of client().addOns.list({ paginate: 1 })) seen.push(addOn);
    expect(seen).toEqual(SEED_ADD_ONS);
    expect(server.requests.map((r) => r.url)).toEqual([
      "/1.0.0/add-ons?page=1&paginate=1",
      "/1.0.0/add-ons?page=2&paginate=1",
      "/1.0.0/add-ons?page=3&paginate=1",
    ]);
  });

  it("a short page is the last: no request after it", async () => {
    const pages: (readonly AddOn[])[] = [];
    for await (const page of client().addOns.list({ paginate: 5 }).pages()) pages.push(page.items);
    expect(pages).toEqual([SEED_ADD_ONS]);
    expect(server.requests).toHaveLength(1);
  });

  it("nextPage() follows from a given page", async () => {
    const first = await client().addOns.list({ page: 1, paginate: 1 });
    expect(first.hasNextPage).toBe(true);
    const second = await first.nextPage();
    expect(second?.items.map((a) => a.unique_id)).toEqual(["SAO-000001"]);
    expect(server.requests[1]?.query.get("page")).toBe("2");
  });
});

// ---------------------------------------------------------------------------------------------

describe("rate limit: the tokens remaining in the window", () => {
  it("every response's X-RateLimit-Remaining is exposed as rateLimitOf(response).remaining", async () => {
    const { response } = await client().addOns.get("SAO-000000").withResponse();
    expect(response.headers.get("x-ratelimit-remaining")).toBe(String(server.tokens()));
    expect(rateLimitOf(response)).toMatchObject({ remaining: server.tokens() });
    const page = await client().addOns.list();
    expect(rateLimitOf(page.response)?.remaining).toBe(server.tokens());
    expect(server.tokens()).toBe(server.options.tokens - 2);
  });

  it("an error response carries it too", async () => {
    const error = (await rejection(client().addOns.get("SAO-999999"))) as NotFoundError;
    expect(rateLimitOf(error)?.remaining).toBe(server.tokens());
  });
});
