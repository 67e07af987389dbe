/**
 * The envelope primitives a status-repeating dialect uses (`data: [/body/data, /body/text]`,
 * `success: {field: /status, is: http-status}`, as `type: status-body` expands): data, text or
 * nothing; a status that disagrees with the HTTP status is an API error saying both statuses;
 * a body without the status, or with a scalar where the data paths go deeper, is a
 * ResponseParseError.
 */
import { describe, expect, it } from "vitest";
import { envelope } from "../../templates/runtime/envelope.js";
import { APIError, ResponseParseError } from "../../templates/runtime/errors.js";
import type { ErrorDetails, ResponseInfo } from "../../templates/runtime/types.js";

const CONFIG = {
  data: [
    ["body", "data"],
    ["body", "text"],
  ],
  success: { path: ["status"], is: "http-status" as const },
};

/** A ResponseInfo whose createError builds an APIError as the client would: the decoders' message (here the body's text) unless the caller gives one. */
function info(status: number, body: unknown): ResponseInfo {
  const headers = new Headers();
  const decoded = (body as { body?: { text?: string } } | undefined)?.body?.text;
  return {
    status,
    headers,
    url: "https://x.test/x",
    operation: { id: "Things_Get", method: "GET", path: "/things" },
    meta: {},
    createError: (details: ErrorDetails, fallback?: string) => new APIError({ status, headers, body, message: details.message ?? decoded ?? fallback ?? "no message" }),
  };
}

const decode = (body: unknown, status = 200): unknown => envelope(CONFIG).decodeSuccess?.(body, info(status, body));

describe("an http-status envelope unwraps", () => {
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
});

describe("an http-status envelope refuses", () => {
  it.each([
    {
      name: "a 200 whose body says 400",
      given: { status: "400", message: "Bad Request", body: { text: "Unknown fields submitted.", fields: { "9": "x" } } },
      status: 200,
      want: 'Things_Get: the body reports status "400" in an HTTP 200 response (Unknown fields submitted.)',
    },
    { name: "a 201 whose body says 200", given: { status: "200", message: "OK", body: { text: "Content updated" } }, status: 201, want: 'Things_Get: the body reports status "200" in an HTTP 201 response (Content updated)' },
    { name: "a 200 whose body says 201, nothing decoded", given: { status: "201", message: "Created" }, status: 200, want: 'Things_Get: the body reports status "201" in an HTTP 200 response' },
    { name: "a status text that is not a number", given: { status: "success", body: { data: 1 } }, status: 200, want: 'Things_Get: the body reports status "success" in an HTTP 200 response' },
  ])("$name: an APIError of the HTTP status saying both", ({ given, status, want }) => {
    let thrown: unknown;
    try {
      decode(given, status);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(APIError);
    expect((thrown as APIError).status).toBe(status);
    expect((thrown as APIError).message).toBe(want);
  });

  it.each([
    { name: "an object without status", given: { message: "OK", body: { data: 1 } }, want: 'Things_Get returned an object without "status" where a "status" envelope was expected' },
    { name: "a status of the wrong type", given: { status: true, body: { data: 1 } }, want: 'Things_Get returned an object without "status" as text or a number where a "status" envelope was expected' },
    { name: "an array", given: [{ id: "21" }], want: 'Things_Get returned an array where a "status" envelope was expected' },
    { name: "a string", given: "OK", want: 'Things_Get returned a string where a "status" envelope was expected' },
    { name: "a body that is not an object", given: { status: "200", body: "Content updated" }, want: 'Things_Get returned an object without an object in "body" where a "body.data" envelope was expected' },
  ])("$name: a ResponseParseError", ({ given, want }) => {
    expect(() => decode(given)).toThrow(ResponseParseError);
    expect(() => decode(given)).toThrow(want);
  });

  it("only the steps short of a path's end must be objects: a scalar payload is the payload", () => {
    expect(envelope({ data: [["result"]] }).decodeSuccess?.({ result: "done" }, info(200, undefined))).toBe("done");
    expect(envelope({ data: [["a", "b"]] }).decodeSuccess?.({ a: null }, info(200, undefined))).toBeUndefined();
  });
});
