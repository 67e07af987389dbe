/**
 * statusBodyEnvelope: `{status: "<HTTP status>", message, body: {data | text}}` → data, text or
 * nothing; a status that disagrees with the HTTP status is an API error; anything that is not the
 * envelope is a ResponseParseError.
 */
import { describe, expect, it } from "vitest";
import { APIError, ResponseParseError } from "../../templates/runtime/errors.js";
import { reportedStatus, statusBodyEnvelope } from "../../templates/runtime/status-body-envelope.js";
import type { ErrorDetails, ResponseInfo } from "../../templates/runtime/types.js";

const CONFIG = { statusField: "status", messageField: "message", bodyField: "body", dataField: "data", textField: "text" };

/** A ResponseInfo whose createError builds a plain APIError carrying the details it was given. */
function info(status: number): ResponseInfo {
  const headers = new Headers();
  return {
    status,
    headers,
    url: "https://x.test/x",
    operation: { id: "Things_Get", method: "GET", path: "/things" },
    meta: {},
    createError: (details: ErrorDetails) => new APIError({ status, headers, body: undefined, message: details.message ?? "fallback" }),
  };
}

const decode = (body: unknown, status = 200): unknown => statusBodyEnvelope(CONFIG).decodeSuccess?.(body, info(status));

describe("statusBodyEnvelope unwraps", () => {
  it.each([
    { name: "a read: body.data, an object", given: { status: "200", message: "OK", body: { data: { id: "21" } } }, want: { id: "21" } },
    { name: "a list: body.data, an array", given: { status: "200", message: "OK", body: { data: [{ id: "21" }, { id: "23" }] } }, want: [{ id: "21" }, { id: "23" }] },
    { name: "an empty list", given: { status: "200", message: "OK", body: { data: [] } }, want: [] },
    { name: "a null datum", given: { status: "200", message: "OK", body: { data: null } }, want: null },
    { name: "a PUT: body.text", given: { status: "200", message: "OK", body: { text: "Content updated" } }, want: "Content updated" },
    { name: "data wins over text", given: { status: "200", message: "OK", body: { data: { id: "1" }, text: "x" } }, want: { id: "1" } },
    { name: "a POST: no body", given: { status: "201", message: "Created" }, status: 201, want: undefined },
    { name: "a null body", given: { status: "200", message: "OK", body: null }, want: undefined },
    { name: "a body with neither data nor text", given: { status: "200", message: "OK", body: {} }, want: undefined },
    { name: "a numeric status that agrees", given: { status: 200, message: "OK", body: { text: "ok" } }, want: "ok" },
    { name: "a status with spaces around it", given: { status: " 200 ", body: { text: "ok" } }, want: "ok" },
  ])("$name", ({ given, status, want }) => {
    expect(decode(given, status)).toEqual(want);
  });

  it("reads the configured field names", () => {
    const plugin = statusBodyEnvelope({ statusField: "code", messageField: "reason", bodyField: "payload", dataField: "items", textField: "note" });
    expect(plugin.decodeSuccess?.({ code: "200", reason: "OK", payload: { items: [1] } }, info(200))).toEqual([1]);
    expect(plugin.decodeSuccess?.({ code: "200", payload: { note: "done" } }, info(200))).toBe("done");
  });
});

describe("statusBodyEnvelope refuses", () => {
  it.each([
    {
      name: "a 200 whose body says 400",
      given: { status: "400", message: "Bad Request", body: { text: "Unknown fields submitted.", fields: { "9": "x" } } },
      status: 200,
      want: 'Things_Get: the body reports status "400" (Bad Request: Unknown fields submitted.) in an HTTP 200 response',
    },
    { name: "a 201 whose body says 200", given: { status: "200", message: "OK", body: { text: "Content updated" } }, status: 201, want: 'the body reports status "200" (OK: Content updated) in an HTTP 201 response' },
    { name: "a 200 whose body says 201", given: { status: "201", message: "Created" }, status: 200, want: 'the body reports status "201" (Created) in an HTTP 200 response' },
    { name: "a status text that is not a number", given: { status: "success", body: { data: 1 } }, status: 200, want: 'the body reports status "success" in an HTTP 200 response' },
  ])("$name: an APIError saying so", ({ given, status, want }) => {
    let thrown: unknown;
    try {
      decode(given, status);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(APIError);
    expect((thrown as APIError).status).toBe(status);
    expect((thrown as APIError).message).toContain(want);
  });

  it.each([
    { name: "an object without status", given: { message: "OK", body: { data: 1 } }, want: /returned an object without a "status"/ },
    { name: "a status of the wrong type", given: { status: true, body: { data: 1 } }, want: /returned an object without a "status"/ },
    { name: "an array", given: [{ id: "21" }], want: /returned an array where/ },
    { name: "a string", given: "OK", want: /returned a string where/ },
    { name: "a body that is not an object", given: { status: "200", body: "Content updated" }, want: /without an object in "body"/ },
  ])("$name: a ResponseParseError", ({ given, want }) => {
    expect(() => decode(given)).toThrow(ResponseParseError);
    expect(() => decode(given)).toThrow(want);
  });
});

describe("reportedStatus", () => {
  it.each([
    { given: { status: "200" }, want: "200" },
    { given: { status: 404 }, want: "404" },
    { given: { status: 200.5 }, want: undefined },
    { given: { status: null }, want: undefined },
    { given: {}, want: undefined },
    { given: "200", want: undefined },
  ])("$given → $want", ({ given, want }) => {
    expect(reportedStatus(given, "status")).toBe(want);
  });
});
