/**
 * The runtime side of the dialect primitives: success and failure tests, the envelope that uses
 * them, and the error reader configured by paths.
 */
import { describe, expect, it } from "vitest";
import { errorFields } from "../../templates/runtime/error-fields.js";
import { envelope } from "../../templates/runtime/envelope.js";
import { APIError, ResponseParseError } from "../../templates/runtime/errors.js";
import { type FieldTest, holds } from "../../templates/runtime/field-test.js";
import type { ErrorDetails, ResponseInfo } from "../../templates/runtime/types.js";

function info(status: number, body: unknown = undefined): ResponseInfo {
  const headers = new Headers({ "x-request-id": "req-9" });
  return {
    status,
    headers,
    url: "https://x.test/x",
    operation: { id: "Zones_Get", method: "GET", path: "/zones" },
    meta: {},
    createError: (details: ErrorDetails, fallbackMessage?: string) =>
      new APIError<string | number>({ status, headers, body, message: details.message ?? fallbackMessage ?? "no message", code: details.code }),
  };
}

describe("field tests", () => {
  const test = (t: Omit<FieldTest, "path">): FieldTest => ({ path: ["f"], ...t });
  it.each([
    { name: "equals true, given true", given: { f: true }, test: test({ equals: [true] }), want: true },
    { name: "equals true, given \"true\"", given: { f: "true" }, test: test({ equals: [true] }), want: false },
    { name: "equals 0, given 0", given: { f: 0 }, test: test({ equals: [0] }), want: true },
    { name: "equals one of a list", given: { f: "ok" }, test: test({ equals: ["success", "ok"] }), want: true },
    { name: "equals null, given null", given: { f: null }, test: test({ equals: [null] }), want: true },
    { name: "present, given null", given: { f: null }, test: test({ is: "present" }), want: true },
    { name: "present, given nothing", given: {}, test: test({ is: "present" }), want: false },
    { name: "non-empty, given []", given: { f: [] }, test: test({ is: "non-empty" }), want: false },
    { name: "non-empty, given {}", given: { f: {} }, test: test({ is: "non-empty" }), want: false },
    { name: "non-empty, given \"\"", given: { f: "" }, test: test({ is: "non-empty" }), want: false },
    { name: "non-empty, given [1]", given: { f: [1] }, test: test({ is: "non-empty" }), want: true },
    { name: "absent, given nothing", given: {}, test: test({ is: "absent" }), want: true },
    { name: "http-status, given \"200\" in a 200", given: { f: "200" }, test: test({ is: "http-status" }), want: true },
    { name: "http-status, given 200 in a 200", given: { f: 200 }, test: test({ is: "http-status" }), want: true },
    { name: "http-status, given \"400\" in a 200", given: { f: "400" }, test: test({ is: "http-status" }), want: false },
  ])("$name", ({ given, test: t, want }) => {
    expect(holds(t, given, 200)).toBe(want);
  });
});

describe("the envelope in primitives", () => {
  it.each([
    { name: "a boolean flag and a data path", config: { data: [["result"]], success: { path: ["success"], equals: [true] } }, given: { success: true, result: { id: 1 } }, want: { id: 1 } },
    { name: "no data path: the body is the payload", config: { success: { path: ["ok"], equals: [true] } }, given: { ok: true, channel: { id: "C1" } }, want: { ok: true, channel: { id: "C1" } } },
    { name: "the first data path present", config: { data: [["body", "data"], ["body", "text"]] }, given: { body: { text: "Content updated" } }, want: "Content updated" },
    { name: "a failure test that does not hold", config: { failure: { path: ["errors"], is: "non-empty" as const } }, given: { errors: [], locations: [] }, want: { errors: [], locations: [] } },
  ])("unwraps: $name", ({ config, given, want }) => {
    expect(envelope(config).decodeSuccess?.(given, info(200, given))).toEqual(want);
  });

  it.each([
    { name: "success false", config: { data: [["result"]], success: { path: ["success"], equals: [true] } }, given: { success: false, errors: [] }, want: "Zones_Get reported success false in a 200 response" },
    { name: "ok false", config: { success: { path: ["ok"], equals: [true] } }, given: { ok: false, error: "invalid_auth" }, want: "Zones_Get reported ok false in a 200 response" },
    { name: "errors non-empty", config: { failure: { path: ["errors"], is: "non-empty" as const } }, given: { errors: [{ code: "UNAUTHORIZED" }] }, want: "Zones_Get reported errors an array in a 200 response" },
  ])("throws the API error under 200: $name", ({ config, given, want }) => {
    expect(() => envelope(config).decodeSuccess?.(given, info(200, given))).toThrow(APIError);
    expect(() => envelope(config).decodeSuccess?.(given, info(200, given))).toThrow(want);
  });

  it("refuses a body without the success field as no envelope", () => {
    expect(() => envelope({ success: { path: ["success"], equals: [true] } }).decodeSuccess?.({ result: 1 }, info(200))).toThrow(ResponseParseError);
  });
});

describe("the error reader configured by paths", () => {
  const read = (config: Parameters<typeof errorFields>[0], body: unknown) => errorFields(config).decodeError?.(body, info(400, body));
  const listed = { errors: [{ code: 7003, message: "No route" }, { code: 1001, message: "second" }] };

  it.each([
    {
      name: "a numeric code kept a number, the list kept whole",
      config: { code: ["errors", "0", "code"], numericCode: true, message: ["errors", "0", "message"], list: ["errors"] },
      given: listed,
      want: { code: 7003, message: "No route", extra: { errors: listed.errors } },
    },
    { name: "a numeric code read as text when the schema says text", config: { code: ["errors", "0", "code"] }, given: listed, want: { code: "7003" } },
    { name: "a numeric code sent as text, read as a number", config: { code: ["code"], numericCode: true }, given: { code: "20404" }, want: { code: 20404 } },
    { name: "a code that is no number, when numbers are declared", config: { code: ["code"], numericCode: true }, given: { code: "E1" }, want: undefined },
    {
      name: "a body that is a list: its first entry is primary",
      config: { code: ["code"], message: ["detail"] },
      given: [{ code: "UNAUTHORIZED", detail: "Bad token" }, { code: "OTHER" }],
      want: { code: "UNAUTHORIZED", message: "Bad token", extra: { errors: [{ code: "UNAUTHORIZED", detail: "Bad token" }, { code: "OTHER" }] } },
    },
    { name: "the request id from a path", config: { message: ["message"], requestId: ["debug_id"] }, given: { message: "m", debug_id: "d-1" }, want: { message: "m", requestId: "d-1" } },
    { name: "a retryable code", config: { code: ["error"], tables: [{ match: [["error"]], entries: { ratelimited: { classKey: "ratelimited", retryable: true } } }] }, given: { error: "ratelimited" }, want: { code: "ratelimited", classKey: "ratelimited", retryable: true } },
    { name: "a code that is never retried", config: { code: ["code"], tables: [{ match: [["code"]], entries: { "60203": { retryable: false } } }] }, given: { code: 60203 }, want: { code: "60203", retryable: false } },
    {
      name: "a table keyed on another field: a bare status for a failure under 2xx",
      config: { code: ["errors", "0", "code"], tables: [{ match: [["errors", "0", "category"]], entries: { RATE_LIMIT_ERROR: { status: 429, retryable: true } } }] },
      given: { errors: [{ category: "RATE_LIMIT_ERROR", code: "RATE_LIMITED" }] },
      want: { code: "RATE_LIMITED", meantStatus: 429, retryable: true },
    },
    {
      name: "two tables: the two-field entry (consulted first) names the class, the category the retry word",
      config: {
        code: ["code"],
        tables: [
          { match: [["category"], ["code"]], entries: { "API_ERROR TIMEOUT": { classKey: "code-tables/1/API_ERROR TIMEOUT" } } },
          { match: [["category"]], entries: { API_ERROR: { classKey: "code-tables/0/API_ERROR", retryable: true } } },
        ],
      },
      given: { category: "API_ERROR", code: "TIMEOUT" },
      want: { code: "TIMEOUT", classKey: "code-tables/1/API_ERROR TIMEOUT", retryable: true },
    },
    { name: "named fields, absent ones left out", config: { message: ["message"], fields: { type: ["type"], step: ["meta", "nextStep"] } }, given: { message: "m", type: "validation_error" }, want: { message: "m", extra: { fields: { type: "validation_error" } } } },
    { name: "details as sent", config: { details: ["error", "details"] }, given: { error: { details: [{ reason: "x" }] } }, want: { extra: { details: [{ reason: "x" }] } } },
    { name: "nothing at the paths: left to the common reading", config: { code: ["errors", "0", "code"] }, given: { message: "plain" }, want: undefined },
  ])("$name", ({ config, given, want }) => {
    expect(read(config, given)).toEqual(want);
  });
});
