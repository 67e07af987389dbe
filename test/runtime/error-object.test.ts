/**
 * Two runtime pieces of the route-versioned dialect: the `{error: {code, message, details}}`
 * reading (the error reader with the paths the `error-object` preset expands to) with its
 * `ErrorObjectError` base class, and `headerAuth`'s caller-chosen scheme word.
 */
import { describe, expect, it } from "vitest";
import { headerAuth } from "../../templates/runtime/auth-header.js";
import { HttpClient } from "../../templates/runtime/client.js";
import { APIError, type ErrorClasses, RequestValidationError } from "../../templates/runtime/errors.js";
import { type ErrorFieldsConfig, errorFields } from "../../templates/runtime/error-fields.js";
import { ErrorObjectError } from "../../templates/runtime/error-object.js";
import type { ErrorDetails, ResponseInfo } from "../../templates/runtime/types.js";
import { headersAfter } from "../helpers/plugin-request.js";

/** What `errors: {type: error-object}` expands to with its default keys. */
const CONFIG: ErrorFieldsConfig = { code: ["error", "code"], message: ["error", "message"], details: ["error", "details"] };

function info(status: number): ResponseInfo {
  return {
    status,
    headers: new Headers(),
    url: "https://x.test/x",
    operation: { id: "Things_Get", method: "GET", path: "/things" },
    meta: {},
    createError: (details: ErrorDetails) => new APIError({ status, headers: new Headers(), body: undefined, message: details.message ?? "fallback" }),
  };
}

describe("the error-object preset's paths: decodeError", () => {
  const decode = (body: unknown, config: ErrorFieldsConfig = CONFIG): ErrorDetails | undefined => errorFields(config).decodeError?.(body, info(400));

  it.each([
    {
      name: "code, message and details",
      given: { error: { code: "invalid_request", message: "name is required.", details: { field: "name" } } },
      want: { code: "invalid_request", message: "name is required.", extra: { details: { field: "name" } } },
    },
    { name: "no details", given: { error: { code: "unauthorized", message: "Bad token." } }, want: { code: "unauthorized", message: "Bad token." } },
    { name: "details as a list", given: { error: { message: "Invalid.", details: [{ field: "a" }] } }, want: { message: "Invalid.", extra: { details: [{ field: "a" }] } } },
    { name: "a numeric code becomes text", given: { error: { code: 4001, message: "Nope." } }, want: { code: "4001", message: "Nope." } },
    { name: "an error that is a string: not this shape", given: { error: "boom" }, want: undefined },
    { name: "an empty error object: not this shape", given: { error: {} }, want: undefined },
    { name: "no error object", given: { message: "flat" }, want: undefined },
    { name: "a text body", given: "<html>502</html>", want: undefined },
    { name: "an inherited key is no field", given: JSON.parse('{"error": {"__proto__": {"code": "x"}}}') as unknown, want: undefined },
    {
      name: "other key names",
      config: { code: ["fault", "kind"], message: ["fault", "text"], details: ["fault", "info"] },
      given: { fault: { kind: "k", text: "t", info: 1 } },
      want: { code: "k", message: "t", extra: { details: 1 } },
    },
  ])("$name", ({ given, want, config }) => {
    expect(decode(given, config)).toEqual(want);
  });
});

describe("ErrorObjectError through the HttpClient", () => {
  class ProviderError extends ErrorObjectError {}
  class NotFound extends ProviderError {}
  const errors: ErrorClasses = { byStatus: { 404: NotFound }, clientError: ProviderError, serverError: ProviderError };

  it.each([
    {
      name: "404 with details",
      status: 404,
      body: { error: { code: "customer_not_found", message: "No customer with id 7.", details: { id: "7" } } },
      want: { name: "NotFound", code: "customer_not_found", message: "No customer with id 7.", details: { id: "7" } },
    },
    { name: "400 without details", status: 400, body: { error: { code: "bad", message: "Bad." } }, want: { name: "ProviderError", code: "bad", message: "Bad.", details: undefined } },
    { name: "a body of another shape: the generic reading, no details", status: 400, body: { message: "flat" }, want: { name: "ProviderError", code: undefined, message: "flat", details: undefined } },
  ])("$name", async ({ status, body, want }) => {
    const client = new HttpClient({
      baseUrl: "https://api.test",
      plugins: [errorFields(CONFIG)],
      errors,
      maxRetries: 0,
      fetch: async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }),
    });
    const error = await client.request({ id: "Things_Get", method: "GET", path: "/things" }, {}).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorObjectError);
    const e = error as ErrorObjectError;
    expect({ name: e.name, code: e.code, message: e.message, details: e.details }).toEqual(want);
    expect(e.body).toEqual(body);
  });
});

describe("headerAuth with a scheme option", () => {
  const config = { option: "apiToken", header: "Authorization", prefix: "Bearer ", encoding: "none" as const, schemeOption: "authScheme" };

  it.each([
    { name: "unset: the spec's prefix", options: { apiToken: "t" }, want: "Bearer t" },
    { name: "null: the spec's prefix", options: { apiToken: "t", authScheme: null }, want: "Bearer t" },
    { name: "another word", options: { apiToken: "t", authScheme: "Token" }, want: "Token t" },
    { name: "empty: the bare token", options: { apiToken: "t", authScheme: "" }, want: "t" },
    { name: "base64 after the caller's word", config: { encoding: "base64" as const }, options: { apiToken: "t", authScheme: "OAuth2" }, want: "OAuth2 dA==" },
  ])("$name → $want", ({ options, want, ...rest }) => {
    expect(headersAfter(headerAuth({ ...config, ...rest.config }, options)).get("authorization")).toBe(want);
  });

  it("without a scheme option in the config, a caller's authScheme is ignored", () => {
    const { schemeOption: _unused, ...fixed } = config;
    expect(headersAfter(headerAuth(fixed, { apiToken: "t", authScheme: "Token" })).get("authorization")).toBe("Bearer t");
  });

  it.each([
    { given: { apiToken: "t", authScheme: "Bearer x" }, want: /authScheme must be one word/ },
    { given: { apiToken: "t", authScheme: "Bear\ner" }, want: /authScheme must be one word/ },
    { given: { apiToken: "t", authScheme: 1 }, want: "authScheme must be a string, got a number" },
  ])("refuses $given at construction", ({ given, want }) => {
    expect(() => headerAuth(config, given)).toThrow(RequestValidationError);
    expect(() => headerAuth(config, given)).toThrow(want);
  });
});
