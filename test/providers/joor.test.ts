/**
 * Behaviour of the generated Joor client (generated/joor/dist, imported as an app would) against a
 * real node:http server on 127.0.0.1 that speaks JOOR v2's dialect in JSON and XML
 * (test/servers/joor-server.ts): the OAuth2 base64 header, Content-Type on every call, format
 * negotiation, the response node and its codes (also under HTTP 200), retries of code 003, ISO 8601
 * dates, "X" fields and offset paging through next_start.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  APIError,
  ClientError,
  Joor,
  JoorAuthenticationError,
  JoorDateFormatError,
  JoorError,
  JoorStyleDoesNotExistError,
  JoorStyleExistsError,
  JoorSystemUnavailableError,
  JoorUnknownCustomerCodeError,
  RequestCheckError,
  RequestValidationError,
} from "../../generated/joor/dist/index.js";
import type { Connection, JoorOptions, Order, Page, Style, StyleInput } from "../../generated/joor/dist/index.js";
import { type Format, type JoorServer, exampleOf, sampleStyles, startJoorServer } from "../servers/joor-server.js";

const TOKEN = "joor-token-7f3Qz";
const FORMATS: readonly Format[] = ["json", "xml"];

let server: JoorServer;

beforeAll(async () => {
  server = await startJoorServer(TOKEN);
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
});

function client(options: Partial<JoorOptions> = {}): Joor {
  return new Joor({ token: TOKEN, baseUrl: server.url, ...options });
}

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

const MEDIA: Readonly<Record<Format, string>> = { json: "application/json", xml: "application/xml" };

const newStyle: StyleInput = {
  style_name: "Linen Shirt",
  style_number: "NEW-001",
  style_identifier: "NEW-001-WHT",
  style_description: "Relaxed linen shirt & <more>",
  colors: [{ color_code: "100", color_name: "White" }],
  sizes: ["S"],
  prices: [{ currency: "USD", wholesale: 45.5, retail: 110 }],
  deliveries: [{ linesheet_name: "SS25", start_ship_date: "2025-02-01T00:00:00Z", complete_ship_date: "2025-03-31T00:00:00Z" }],
};

// ---------------------------------------------------------------------------------------------

describe("construction", () => {
  it("token is required: RequestValidationError naming it, nothing sent", () => {
    expect(() => new Joor({ baseUrl: server.url } as unknown as JoorOptions)).toThrow(RequestValidationError);
    expect(() => new Joor({ baseUrl: server.url } as unknown as JoorOptions)).toThrow(/\btoken\b/);
    expect(server.requests).toHaveLength(0);
  });

  it("refuses a format that is neither json nor xml", () => {
    expect(() => client({ format: "yaml" } as unknown as Partial<JoorOptions>)).toThrow(/format must be "json" or "xml"/);
  });

  it.each([
    { environment: undefined, want: "https://api.jooraccess.com/v2/style/700478" },
    { environment: "production" as const, want: "https://api.jooraccess.com/v2/style/700478" },
    { environment: "sandbox" as const, want: "https://apisandbox.jooraccess.com/v2/style/700478" },
  ])("environment $environment → $want (fetch injected, no network)", async ({ environment, want }) => {
    const seen: string[] = [];
    const fetchImpl: typeof fetch = async (input) => {
      seen.push(String(input));
      return Response.json({ styles: { response: { code: 0 }, styles: [{ joor_style_id: 700478, style_number: "a", style_identifier: "a", style_name: "A" }] } });
    };
    const joor = new Joor({ token: TOKEN, fetch: fetchImpl, ...(environment === undefined ? {} : { environment }) });
    await expect(joor.styles.get(700478)).resolves.toMatchObject({ joor_style_id: 700478 });
    expect(only(seen)).toBe(want);
  });
});

// ---------------------------------------------------------------------------------------------

describe("headers on every request", () => {
  it.each([
    { name: "ASCII token", token: "abc123" },
    { name: "token with symbols", token: "t0k3n+/=:;" },
    { name: "non-ASCII token", token: "jöör-tökén-🔑" },
  ])("$name: Authorization is OAuth2 base64(utf8(token)) and JOOR accepts it", async ({ token }) => {
    const own = await startJoorServer(token);
    try {
      const joor = new Joor({ token, baseUrl: own.url });
      await expect(joor.styles.get(700000)).resolves.toMatchObject({ joor_style_id: 700000 });
      expect(only(own.requests).headers.authorization).toBe(`OAuth2 ${Buffer.from(token, "utf8").toString("base64")}`);
    } finally {
      await own.close();
    }
  });

  it.each(FORMATS)("%s: every call — GET, PUT, POST, DELETE, with and without a body — carries Content-Type and a matching Accept", async (format) => {
    const joor = client({ format });
    await joor.styles.list({ count: 2 });
    await joor.styles.get(700001);
    await joor.styles.getByNumber("STY-001", "STY-001");
    await joor.styles.create({ styles: [newStyle] });
    await joor.styles.update("STY-002", "STY-002", { styles: [{ ...newStyle, style_number: "STY-002", style_identifier: "STY-002" }] });
    await joor.styles.delete("STY-003", "STY-003");
    await joor.inventory.updateSku("STY-001", "STY-001", { color_code: "001", size: "M", inventory: 5 });
    await joor.inventory.updateBulk({ inventory_items: [{ style_number: "STY-001", style_identifier: "STY-001", color_code: "001", size: "M", inventory: 4 }] });
    await joor.orders.list({ count: 1 });
    await joor.connections.get(99120);
    expect(server.requests.map((r) => r.method)).toEqual(["GET", "GET", "GET", "POST", "PUT", "DELETE", "PUT", "PUT", "GET", "GET"]);
    for (const request of server.requests) {
      expect(request.headers["content-type"], `${request.method} ${request.path}`).toBe(MEDIA[format]);
      expect(request.headers.accept, `${request.method} ${request.path}`).toBe(MEDIA[format]);
      expect(request.headers.authorization).toBe(`OAuth2 ${Buffer.from(TOKEN).toString("base64")}`);
    }
  });

  it("a caller's empty Content-Type is replaced: a request without one cannot be sent", async () => {
    await client().styles.get(700001, undefined, { headers: { "content-type": "" } });
    expect(only(server.requests).headers["content-type"]).toBe("application/json");
  });

  it("the server refuses a call without Content-Type (what the client prevents)", async () => {
    const response = await fetch(`${server.url}/style/700001`, { headers: { authorization: `OAuth2 ${Buffer.from(TOKEN).toString("base64")}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ styles: { response: { code: 2, comment: expect.stringContaining("Content-Type") } } });
  });
});

// ---------------------------------------------------------------------------------------------

describe("JSON and XML give the same typed values", () => {
  it("styles.get: one style, with one-item lists, numbers and text as in JSON", async () => {
    const fromJson: Style = await client().styles.get(700002);
    const fromXml: Style = await client({ format: "xml" }).styles.get(700002);
    expect(fromXml).toEqual(fromJson);
    expect(fromJson).toEqual(sampleStyles(3)[2]);
    expect(typeof fromXml.joor_style_id).toBe("number");
    expect(fromXml.style_number).toBe("STY-003");
    expect(fromXml.colors).toEqual([{ color_code: "001", color_name: "Black" }]);
    expect(fromXml.sizes).toEqual(["M"]);
    expect(fromXml.prices).toEqual([{ currency: "USD", wholesale: 120.5, retail: 295 }]);
    expect(server.calls.map((c) => c.responseFormat)).toEqual(["json", "xml"]);
    expect(server.requests[1]?.headers.accept).toBe("application/xml");
  });

  it("styles.getByNumber keeps leading zeros in XML text", async () => {
    server.styles[0] = { ...server.styles[0], style_number: "005000000", style_identifier: "005000000" };
    const style = await client({ format: "xml" }).styles.getByNumber("005000000", "005000000");
    expect(style.style_number).toBe("005000000");
  });

  it("connections: booleans and integers from XML text", async () => {
    const fromXml: Connection = await client({ format: "xml" }).connections.getByCustomerCode("CUST-0042");
    const fromJson: Connection = await client().connections.getByCustomerCode("CUST-0042");
    expect(fromXml).toEqual(fromJson);
    expect(fromXml).toEqual(exampleOf({ $ref: "#/components/schemas/Connection" }));
    expect(fromXml.active).toBe(true);
    expect(fromXml.connection_id).toBe(99120);
  });

  it("orders.list: a one-order page is still a list, with its one line item a list too", async () => {
    const [fromJson, fromXml] = await Promise.all([client().orders.list(), client({ format: "xml" }).orders.list()]);
    expect(fromXml.items).toEqual(fromJson.items);
    const order: Order = only(fromXml.items);
    expect(order.line_items).toHaveLength(1);
    expect(order.total).toBe(1446);
  });

  it("JSON in the mechanical XML→JSON form ({styles: {style: […]}}, FACTS' guess) reads the same", async () => {
    const [one, two] = sampleStyles(2);
    server.script("Styles_List", { code: "0", payload: { style: [one, two] } });
    server.script("Styles_Get", { code: "0", payload: { style: one } });
    const page = await client().styles.list();
    expect(page.items).toEqual([one, two]);
    await expect(client().styles.get(700000)).resolves.toEqual(one);
  });

  it("a per-call format wins over the client's", async () => {
    const joor = client({ format: "xml" });
    await joor.styles.get(700001, undefined, { format: "json" });
    await joor.styles.get(700001);
    expect(server.requests.map((r) => r.headers.accept)).toEqual(["application/json", "application/xml"]);
  });

  it("return_format asks for the answer in the other format; the client reads it by its Content-Type", async () => {
    const joor = client();
    const style = await joor.styles.get(700001, { return_format: "xml" });
    expect(style).toEqual(sampleStyles(2)[1]);
    const call = only(server.calls);
    expect(call.request.query.get("return_format")).toBe("xml");
    expect(call.request.headers["content-type"]).toBe("application/json");
    expect(call.request.headers.accept).toBe("application/xml");
    expect(call.responseFormat).toBe("xml");
  });

  describe("an operation that speaks only JSON (Orders_Get)", () => {
    it("a client set to XML uses JSON there", async () => {
      const order = await client({ format: "xml" }).orders.get(4820117);
      expect(order.order_id).toBe(4820117);
      const request = only(server.requests);
      expect(request.headers["content-type"]).toBe("application/json");
      expect(request.headers.accept).toBe("application/json");
    });

    it("a call that asks for XML is refused before sending", async () => {
      const error = await rejection(client().orders.get(4820117, undefined, { format: "xml" }));
      expect(error).toBeInstanceOf(RequestValidationError);
      expect((error as Error).message).toMatch(/Orders_Get does not speak xml/);
      expect(server.requests).toHaveLength(0);
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe("XML request bodies", () => {
  it("styles.create in XML: <styles><style>…</style></styles> with wrapped lists, read back equal", async () => {
    const joor = client({ format: "xml" });
    await joor.styles.create({ styles: [newStyle] });
    const call = only(server.calls);
    expect(call.request.headers["content-type"]).toBe("application/xml");
    expect(call.request.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><styles><style><style_name>Linen Shirt<\/style_name>/);
    expect(call.request.body).toContain("<colors><color><color_code>100</color_code><color_name>White</color_name></color></colors>");
    expect(call.request.body).toContain("<sizes><size>S</size></sizes>");
    expect(call.request.body).toContain("<style_description>Relaxed linen shirt &amp; &lt;more&gt;</style_description>");
    const created = await joor.styles.getByNumber("NEW-001", "NEW-001-WHT");
    expect(created).toMatchObject({ ...newStyle, joor_style_id: expect.any(Number) });
  });

  it("the same create in JSON sends {\"styles\": [...]}", async () => {
    await client().styles.create({ styles: [newStyle] });
    const call = only(server.calls);
    expect(call.request.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(call.request.body)).toEqual({ styles: [newStyle] });
  });

  it("bulk inventory in XML: <inventory_items><inventory_item>…", async () => {
    const items = [
      { style_number: "STY-001", style_identifier: "STY-001", color_code: "001", size: "M", inventory: 12, inventory_date: "2025-03-01" },
      { style_number: "STY-001", style_identifier: "STY-001", color_code: "001", size: "L", inventory: 0 },
    ];
    await client({ format: "xml" }).inventory.updateBulk({ inventory_items: items, overwrite: 1 });
    const call = only(server.calls);
    expect(call.request.body).toContain("<inventory_items><inventory_item><style_number>STY-001</style_number>");
    expect(call.request.query.get("overwrite")).toBe("1");
    expect((call.body as { inventory_items: { inventory: string }[] }).inventory_items.map((i) => i.inventory)).toEqual(["12", "0"]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("response codes, in JSON and in XML", () => {
  describe.each(FORMATS)("%s", (format) => {
    it("0: success resolves to the payload; log_id is in response.meta", async () => {
      const { data, response } = await client({ format }).styles.get(700001).withResponse();
      expect(data.joor_style_id).toBe(700001);
      expect(response.status).toBe(200);
      expect(response.meta["logId"]).toMatch(/^LOG-\d+$/);
    });

    it("001 (wrong token) under HTTP 200: JoorAuthenticationError with code, comment and logId; not retried", async () => {
      const error = await rejection(client({ format, token: "wrong-token" }).styles.get(700001));
      expect(error).toBeInstanceOf(JoorAuthenticationError);
      expect(error).toBeInstanceOf(JoorError);
      expect(error).toBeInstanceOf(APIError);
      const e = error as JoorAuthenticationError;
      expect(e.status).toBe(200);
      expect(e.code).toBe("001");
      expect(e.codeName).toBe("Authentication");
      expect(e.comment).toBe("The token provided is missing, incorrect or inactive");
      expect(e.message).toBe(e.comment);
      expect(e.logId).toMatch(/^LOG-\d+$/);
      expect(e.requestId).toBe(e.logId);
      expect(e.retryable).toBe(false);
      expect(e.message).not.toContain("wrong-token");
      expect(server.requests).toHaveLength(1);
    });

    it("003 (system unavailable) is retried, then the success is returned", async () => {
      server.script("Styles_Get", { code: "003", comment: "Scheduled maintenance" });
      const style = await client({ format }).styles.get(700001);
      expect(style.joor_style_id).toBe(700001);
      expect(server.requests).toHaveLength(2);
    });

    it("003 on every attempt: JoorSystemUnavailableError, retryable, after the retries", async () => {
      server.script("Styles_Get", ...Array.from({ length: 3 }, () => ({ code: "003", comment: "Outage" })));
      const error = await rejection(client({ format, maxRetries: 2 }).styles.get(700001));
      expect(error).toBeInstanceOf(JoorSystemUnavailableError);
      expect((error as JoorSystemUnavailableError).retryable).toBe(true);
      expect(server.requests).toHaveLength(3);
    });

    it("003 on a POST (not idempotent) is not retried", async () => {
      server.script("Styles_Create", { code: "003" });
      const error = await rejection(client({ format }).styles.create({ styles: [newStyle] }));
      expect(error).toBeInstanceOf(JoorSystemUnavailableError);
      expect(server.requests).toHaveLength(1);
    });

    it("004 (date format) from the server: JoorDateFormatError", async () => {
      const error = await rejection(client({ format }).inventory.updateSku("STY-001", "STY-001", { color_code: "001", size: "M", inventory: 3, inventory_date: "2025/03/01" }));
      expect(error).toBeInstanceOf(JoorDateFormatError);
      expect(error).toMatchObject({ code: "004", comment: "inventory_date must be YYYY-MM-DD or MM-DD-YYYY", status: 200 });
    });

    it("203 (style exists) on create: JoorStyleExistsError, nothing recreated", async () => {
      const existing = sampleStyles(1)[0] as unknown as StyleInput;
      const error = await rejection(client({ format }).styles.create({ styles: [{ style_name: "Again", style_number: existing.style_number, style_identifier: existing.style_identifier }] }));
      expect(error).toBeInstanceOf(JoorStyleExistsError);
      expect(error).toMatchObject({ code: "203", codeName: "Style Exists" });
      expect((error as JoorError).comment).toContain("already exists");
      expect(server.styles).toHaveLength(7);
    });

    it("204 (style does not exist) on update", async () => {
      const error = await rejection(client({ format }).styles.update("NOPE", "NOPE", { styles: [newStyle] }));
      expect(error).toBeInstanceOf(JoorStyleDoesNotExistError);
    });

    it("102 (unknown customer code)", async () => {
      const error = await rejection(client({ format }).connections.getByCustomerCode("CUST-9999"));
      expect(error).toBeInstanceOf(JoorUnknownCustomerCodeError);
    });

    it("a code the spec does not list is still a JoorError with code, comment and logId", async () => {
      server.script("Connections_Get", { code: "302", comment: "Customer exists" });
      const error = await rejection(client({ format }).connections.get(99120));
      expect(error).toBeInstanceOf(JoorError);
      expect(Object.getPrototypeOf(error)).toBe(JoorError.prototype);
      expect(error).toMatchObject({ code: "302", comment: "Customer exists", codeName: undefined });
      expect((error as JoorError).logId).toMatch(/^LOG-/);
    });

    it("a code under an HTTP error status is read from the body too", async () => {
      server.script("Styles_Get", { code: "001", status: 401, comment: "Token revoked" });
      const error = await rejection(client({ format }).styles.get(700001));
      expect(error).toBeInstanceOf(JoorAuthenticationError);
      expect(error).toMatchObject({ status: 401, code: "001", comment: "Token revoked" });
    });
  });

  it("errors are typed: ClientError ⊃ APIError ⊃ JoorError ⊃ the code classes", () => {
    expectTypeOf<JoorStyleExistsError>().toMatchTypeOf<JoorError>();
    expectTypeOf<JoorError>().toMatchTypeOf<APIError>();
    expectTypeOf<JoorError["comment"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<JoorError["logId"]>().toEqualTypeOf<string | undefined>();
    expect(new JoorStyleExistsError({ status: 200, headers: new Headers(), body: undefined, message: "m" })).toBeInstanceOf(ClientError);
  });
});

// ---------------------------------------------------------------------------------------------

describe("checked before sending", () => {
  it.each([
    { name: "orders: date_start without date_end", call: (j: Joor) => j.orders.list({ date_start: "2024-01-01T00:00:00Z" }), fields: ["date_start", "date_end"] },
    { name: "orders: date_end without date_start", call: (j: Joor) => j.orders.list({ date_end: "2024-01-31T00:00:00Z" }), fields: ["date_end", "date_start"] },
    { name: "styles: date_created_start without date_created_end", call: (j: Joor) => j.styles.list({ date_created_start: new Date("2024-01-01T00:00:00Z") }), fields: ["date_created_start", "date_created_end"] },
  ])("X field: $name is refused with RequestCheckError naming both, nothing sent", async ({ call, fields }) => {
    const error = await rejection(call(client()));
    expect(error).toBeInstanceOf(RequestCheckError);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error).toMatchObject({ rule: "required-with", fields });
    expect((error as Error).message).toContain(fields[0]);
    expect((error as Error).message).toContain(fields[1]);
    expect(server.requests).toHaveLength(0);
  });

  it("X field in a body (dependentRequired): a delivery's start ship date without its complete date", async () => {
    const style: StyleInput = { ...newStyle, deliveries: [{ linesheet_name: "SS25", start_ship_date: "2025-02-01T00:00:00Z" }] };
    const error = await rejection(client({ format: "xml" }).styles.create({ styles: [style] }));
    expect(error).toBeInstanceOf(RequestCheckError);
    expect((error as Error).message).toBe(
      "styles[0].deliveries[0].complete_ship_date is required when styles[0].deliveries[0].start_ship_date is given (body of Styles_Create)",
    );
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    { name: "US date", value: "01/31/2024" },
    { name: "no zone", value: "2024-01-31T09:30:00" },
    { name: "not UTC", value: "2024-01-31T09:30:00+02:00" },
    { name: "no such day", value: "2024-02-30T00:00:00Z" },
  ])("a date-time that is not ISO 8601 UTC ($name) is refused (the server would answer 004)", async ({ value }) => {
    const error = await rejection(client().orders.list({ date_start: value, date_end: "2024-03-01T00:00:00Z" }));
    expect(error).toBeInstanceOf(RequestCheckError);
    expect(error).toMatchObject({ rule: "date-time", fields: ["date_start"] });
    expect(server.requests).toHaveLength(0);
  });

  it("a date-time in a body is checked too", async () => {
    const style: StyleInput = { ...newStyle, deliveries: [{ linesheet_name: "SS25", start_ship_date: "Feb 1 2025", complete_ship_date: "2025-03-31T00:00:00Z" }] };
    const error = await rejection(client().styles.create({ styles: [style] }));
    expect(error).toMatchObject({ rule: "date-time", fields: ["styles[0].deliveries[0].start_ship_date"] });
  });

  it("Dates are sent as UTC ISO 8601, in the query and in JSON and XML bodies", async () => {
    const start = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));
    const end = new Date(Date.UTC(2024, 0, 31, 23, 59, 59));
    await client().orders.list({ date_start: start, date_end: end });
    expect(only(server.requests).query.get("date_start")).toBe("2024-01-01T00:00:00.000Z");
    expect(only(server.requests).query.get("date_end")).toBe("2024-01-31T23:59:59.000Z");
    server.reset();
    const withDates = { ...newStyle, deliveries: [{ linesheet_name: "SS25", start_ship_date: start as unknown as string, complete_ship_date: end as unknown as string }] };
    await client({ format: "xml" }).styles.create({ styles: [withDates] });
    expect(only(server.requests).body).toContain("<start_ship_date>2024-01-01T00:00:00.000Z</start_ship_date>");
  });

  it("a range in the wrong order passes the client and is the server's 101", async () => {
    const error = await rejection(client().orders.list({ date_start: "2024-02-01T00:00:00Z", date_end: "2024-01-01T00:00:00Z" }));
    expect(error).toMatchObject({ code: "101", codeName: "Date Range" });
  });
});

// ---------------------------------------------------------------------------------------------

describe("paging with start_from / count / next_start", () => {
  it.each(FORMATS)("%s: for await walks three pages, following next_start", async (format) => {
    const seen: string[] = [];
    for await (const style of client({ format }).styles.list({ count: 5 })) {
      expectTypeOf(style).toEqualTypeOf<Style>();
      seen.push(style.style_number);
    }
    expect(seen).toEqual(sampleStyles(7).map((s) => s["style_number"]));
    // The server sends at most 3 per page although 5 were asked: next_start, not counting, leads.
    // The spec says the first offset (`first: 0`), so the first request names it.
    expect(server.requests.map((r) => r.query.get("start_from"))).toEqual(["0", "3", "6"]);
    expect(server.requests.map((r) => r.query.get("count"))).toEqual(["5", "5", "5"]);
  });

  it("page at a time: await gives the first page, nextPage() the others, the last says no more", async () => {
    const first: Page<Style> = await client().styles.list();
    expect(first.items.map((s) => s.joor_style_id)).toEqual([700000, 700001, 700002]);
    expect(first.hasNextPage).toBe(true);
    expect(first.response.meta["nextOffset"]).toBe(3);
    const second = await first.nextPage();
    expect(second?.items).toHaveLength(3);
    const third = await second?.nextPage();
    expect(third?.items.map((s) => s.joor_style_id)).toEqual([700006]);
    expect(third?.hasNextPage).toBe(false);
    await expect(third?.nextPage()).resolves.toBeUndefined();
    expect(server.requests).toHaveLength(3);
  });

  it(".pages() walks page by page in XML", async () => {
    const sizes: number[] = [];
    for await (const page of client({ format: "xml" }).styles.list().pages()) sizes.push(page.items.length);
    expect(sizes).toEqual([3, 3, 1]);
  });

  it("a 003 in the middle of a walk is retried and the walk goes on", async () => {
    server.pageSize = 3;
    const joor = client();
    const first = await joor.styles.list();
    server.script("Styles_List", { code: "003" });
    const second = await first.nextPage();
    expect(second?.items).toHaveLength(3);
    expect(server.requests.map((r) => r.query.get("start_from"))).toEqual(["0", "3", "3"]);
  });
});
