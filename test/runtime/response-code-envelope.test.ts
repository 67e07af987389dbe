/**
 * The response-code envelope, as the `response-code` preset expands it into primitives
 * (generator/conventions/response-code-envelope.ts): a resource-named wrapper with a `response`
 * node whose code decides success or error whatever the HTTP status, read by the envelope
 * (`beside`, `equals-number`, `meta`, `next-offset`, the `*` segment) and the error reader on the
 * `ResponseCodeError` base. Tables of given → want, through the real HttpClient with an injected
 * fetch, in JSON and XML.
 */

import { describe, expect, it } from "vitest";
import { HttpClient } from "../../templates/runtime/client.js";
import { APIError, type APIErrorClass, type ErrorClasses, ResponseParseError } from "../../templates/runtime/errors.js";
import { type EnvelopeConfig, envelope } from "../../templates/runtime/envelope.js";
import { type ErrorFieldsConfig, errorFields } from "../../templates/runtime/error-fields.js";
import { ResponseCodeError } from "../../templates/runtime/response-code-envelope.js";
import type { ErrorDetails, OperationDescriptor, Plugin, ResponseInfo } from "../../templates/runtime/types.js";
import { wireFormats } from "../../templates/runtime/wire-formats.js";

/** A field of the node, at the top of the body or inside its one wrapper. */
const inNode = (field: string): string[][] => [["response", field], ["*", "response", field]];
const envelopeConfig: EnvelopeConfig = {
  success: { path: inNode("code"), equalsNumber: [0] },
  beside: [["response"], ["*", "response"]],
  meta: { logId: inNode("log_id") },
  nextOffset: inNode("next_start"),
  offset: inNode("start_from"),
};
const errorsConfig: ErrorFieldsConfig = {
  code: inNode("code"),
  message: inNode("comment"),
  requestId: inNode("log_id"),
  fields: { comment: { path: inNode("comment"), as: "text" }, logId: { path: inNode("log_id"), as: "text" }, codeName: { as: "code-name" } },
  tables: [{ match: [inNode("code")], entries: { "001": { classKey: "001" }, "003": { classKey: "003", retryable: true }, "203": { classKey: "203" } }, spellings: { "1": "001", "3": "003" } }],
  codeSpellings: { "1": "001", "3": "003" },
  codeNames: { "001": "Authentication", "003": "System Unavailable", "203": "Style Exists" },
};
const plugins = (): Plugin[] => [envelope(envelopeConfig), errorFields(errorsConfig)];

/** What the envelope makes of a 2xx body: the payload and the meta it keeps, or the error code it throws. */
function locate(body: unknown): { code: string | undefined; success: boolean; logId: unknown; nextOffset: unknown; payload: unknown } {
  const meta: Record<string, unknown> = {};
  const info: ResponseInfo = {
    status: 200,
    headers: new Headers(),
    url: "https://api.test/things",
    operation: { id: "Things_List", method: "GET", path: "/things" },
    meta,
    createError: (details: ErrorDetails) => {
      const found = errorFields(errorsConfig).decodeError?.(body, info);
      return new APIError({ status: 200, headers: new Headers(), body, message: details.message ?? "failed", code: found?.code });
    },
  };
  try {
    const payload = envelope(envelopeConfig).decodeSuccess?.(body, info);
    return { code: undefined, success: true, logId: meta["logId"], nextOffset: meta["nextOffset"], payload };
  } catch (error) {
    if (!(error instanceof APIError) || error instanceof ResponseParseError) throw error;
    return { code: error.code as string, success: false, logId: meta["logId"], nextOffset: meta["nextOffset"], payload: undefined };
  }
}

class ProviderError extends ResponseCodeError {}
class AuthCodeError extends ProviderError {}
class UnavailableError extends ProviderError {}
class ExistsError extends ProviderError {}
class NotFound extends ProviderError {}
const errors: ErrorClasses = {
  byStatus: { 404: NotFound },
  clientError: ProviderError,
  serverError: ProviderError,
  byCode: { "001": AuthCodeError, "003": UnavailableError, "203": ExistsError },
};

const get: OperationDescriptor = { id: "Things_List", method: "GET", path: "/things" };
const post: OperationDescriptor = { id: "Things_Create", method: "POST", path: "/things", body: "json" };

describe("the node, wrapped or not", () => {
  it.each([
    {
      name: "wrapper with node and a list payload (JSON)",
      given: { styles: { response: { code: 0, log_id: "L1", next_start: 50 }, styles: [{ id: 1 }] } },
      want: { code: undefined, success: true, logId: "L1", nextOffset: 50, payload: [{ id: 1 }] },
    },
    {
      name: "the same read from XML: codes and offsets are text",
      given: { styles: { response: { code: "0", comment: "", log_id: "L1", next_start: "50" }, styles: { style: { id: "1" } } } },
      want: { code: undefined, success: true, logId: "L1", nextOffset: 50, payload: { style: { id: "1" } } },
    },
    {
      name: "only the node: no payload",
      given: { styles: { response: { code: "0" } } },
      want: { code: undefined, success: true, logId: undefined, nextOffset: undefined, payload: undefined },
    },
    {
      name: "a known code given as a number finds the documented '001'",
      given: { styles: { response: { code: 1, comment: "Token inactive", log_id: "L2" } } },
      want: { code: "001", success: false, logId: "L2", nextOffset: undefined, payload: undefined },
    },
    {
      name: "an unknown numeric code keeps three digits",
      given: { x: { response: { code: "302" } } },
      want: { code: "302", success: false, logId: undefined, nextOffset: undefined, payload: undefined },
    },
    {
      name: "an empty next_start says there is no next page",
      given: { x: { response: { code: "0", next_start: "" }, x: "" } },
      want: { code: undefined, success: true, logId: undefined, nextOffset: null, payload: "" },
    },
    {
      name: "a page that says where it starts but not where the next does is the last",
      given: { x: { response: { code: 0, start_from: 6, count: 1 }, x: [7] } },
      want: { code: undefined, success: true, logId: undefined, nextOffset: null, payload: [7] },
    },
    {
      name: "the node at the top, without a wrapper",
      given: { response: { code: "0" }, items: [1] },
      want: { code: undefined, success: true, logId: undefined, nextOffset: undefined, payload: [1] },
    },
  ])("$name", ({ given, want }) => {
    expect(locate(given)).toEqual(want);
  });

  it.each([
    { name: "a plain object", given: { id: 1 } },
    { name: "two wrappers", given: { a: { response: { code: 0 } }, b: {} } },
    { name: "a list", given: [{ response: { code: 0 } }] },
    { name: "text", given: "<html>" },
  ])("finds nothing in $name", ({ given }) => {
    expect(() => locate(given)).toThrow(ResponseParseError);
  });
});

/** A fetch answering from a list of replies (the last one repeats). */
function scripted(replies: { status?: number; body: string; type?: string }[]) {
  const seen: { url: string; headers: Headers }[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    seen.push({ url: String(input), headers: new Headers(init?.headers) });
    const reply = replies[Math.min(seen.length - 1, replies.length - 1)]!;
    return new Response(reply.body, { status: reply.status ?? 200, headers: { "content-type": reply.type ?? "application/json" } });
  };
  return { fetchImpl, seen };
}

function client(fetchImpl: typeof fetch): HttpClient {
  const formats = wireFormats(
    { option: "format", prefer: "json", contentTypeAlways: true, wrappedArrays: true, operations: { "GET /things": { response: ["application/json", "application/xml"], result: { type: "array", items: { type: "object", properties: { id: { type: "integer" } } } } } }, schemas: {} },
    {},
  );
  return new HttpClient({ baseUrl: "https://api.test", plugins: [...plugins(), formats], errors, fetch: fetchImpl, sleep: async () => {}, random: () => 0 });
}

const json = (code: string | number, extra: Record<string, unknown> = {}): string => JSON.stringify({ things: { response: { code, log_id: "LOG-1", ...extra }, things: [{ id: 1 }] } });
const xml = (code: string, comment = ""): string =>
  `<?xml version="1.0"?><things><response><code>${code}</code><comment>${comment}</comment><log_id>LOG-1</log_id></response><things><thing><id>1</id></thing></things></things>`;

describe("through the client", () => {
  it.each([
    { name: "JSON code 0", reply: { body: json(0) } },
    { name: "XML code 0, one item still a list", reply: { body: xml("0"), type: "application/xml" } },
  ])("$name resolves to the payload", async ({ reply }) => {
    const { fetchImpl } = scripted([reply]);
    const { data, response } = await client(fetchImpl).request(get, {}).withResponse();
    expect(data).toEqual([{ id: 1 }]);
    expect(response.meta["logId"]).toBe("LOG-1");
  });

  it.each<{ name: string; reply: { status?: number; body: string; type?: string }; want: { class: APIErrorClass; code: string; comment?: string; codeName?: string; status: number } }>([
    { name: "JSON 001 under HTTP 200", reply: { body: json("001", { comment: "Token inactive" }) }, want: { class: AuthCodeError, code: "001", comment: "Token inactive", codeName: "Authentication", status: 200 } },
    { name: "XML 001 under HTTP 200", reply: { body: xml("001", "Token inactive"), type: "application/xml" }, want: { class: AuthCodeError, code: "001", comment: "Token inactive", codeName: "Authentication", status: 200 } },
    { name: "JSON 203 as a number", reply: { body: json(203) }, want: { class: ExistsError, code: "203", codeName: "Style Exists", status: 200 } },
    { name: "an unknown code is the provider's class", reply: { body: json("302", { comment: "Customer exists" }) }, want: { class: ProviderError, code: "302", comment: "Customer exists", status: 200 } },
    { name: "a code under HTTP 404 picks the code's class", reply: { status: 404, body: xml("001"), type: "text/xml" }, want: { class: AuthCodeError, code: "001", codeName: "Authentication", status: 404 } },
    // The success code is read like any code (it names no class): the status decides.
    { name: "a node with code 0 under HTTP 404 is the status class", reply: { status: 404, body: json(0) }, want: { class: NotFound, code: "0", status: 404 } },
  ])("$name", async ({ reply, want }) => {
    const { fetchImpl } = scripted([reply]);
    const error = await client(fetchImpl).request(post, { body: {} }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(want.class);
    expect(error).toBeInstanceOf(ProviderError);
    const e = error as ResponseCodeError;
    expect(e.status).toBe(want.status);
    expect(e.code ?? "").toBe(want.code);
    expect(e.comment).toBe(want.comment);
    expect(e.codeName).toBe(want.codeName);
    expect(e.logId).toBe("LOG-1");
    expect(e.requestId).toBe("LOG-1");
    if (want.comment !== undefined) expect(e.message).toBe(want.comment);
  });

  it("a retryable code (003) is retried on a GET, then the success is returned", async () => {
    const { fetchImpl, seen } = scripted([{ body: json("003") }, { body: xml("003"), type: "application/xml" }, { body: json(0) }]);
    await expect(client(fetchImpl).request(get, {})).resolves.toEqual([{ id: 1 }]);
    expect(seen).toHaveLength(3);
  });

  it("a retryable code is not retried on a POST, and says it is retryable", async () => {
    const { fetchImpl, seen } = scripted([{ body: json("003") }, { body: json(0) }]);
    const error = await client(fetchImpl).request(post, { body: {} }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as APIError).retryable).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it("a 2xx body without the node is a ResponseParseError, not data", async () => {
    const { fetchImpl } = scripted([{ body: JSON.stringify({ things: [{ id: 1 }] }) }]);
    await expect(client(fetchImpl).request(get, {})).rejects.toThrow(/returned an object without "response.code"/);
  });

  it("next_start becomes the paginator's next offset", async () => {
    const { fetchImpl } = scripted([{ body: json(0, { next_start: 25 }) }]);
    const { response } = await client(fetchImpl).request(get, {}).withResponse();
    expect(response.meta["nextOffset"]).toBe(25);
  });
});
