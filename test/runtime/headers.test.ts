import { describe, expect, it } from "vitest";
import { RequestValidationError } from "../../templates/runtime/errors.js";
import { assertHeaderValue, constantHeaders, scopedHeaders } from "../../templates/runtime/headers.js";
import type { OperationDescriptor } from "../../templates/runtime/types.js";
import { headersAfter } from "../helpers/plugin-request.js";

describe("assertHeaderValue", () => {
  it.each([
    { name: "x-a", value: "plain value" },
    { name: "x-a", value: "" },
    { name: "X-Custom_Header.1", value: "tab\tis fine" },
  ])("accepts $name: $value", ({ name, value }) => {
    expect(() => assertHeaderValue(name, value)).not.toThrow();
  });

  it.each([
    { name: "x-a", value: "a\r\nx-injected: 1", want: /Header "x-a" has a value containing CR, LF or NUL/ },
    { name: "x-a", value: "a\nb", want: /CR, LF or NUL/ },
    { name: "x-a", value: "a\rb", want: /CR, LF or NUL/ },
    { name: "x-a", value: "a\0b", want: /CR, LF or NUL/ },
    { name: "bad name", value: "v", want: /"bad name" is not a valid header name/ },
    { name: "x-a\r\n", value: "v", want: /is not a valid header name/ },
  ])("refuses $name: $value", ({ name, value, want }) => {
    expect(() => assertHeaderValue(name, value)).toThrow(RequestValidationError);
    expect(() => assertHeaderValue(name, value)).toThrow(want);
  });

  it("names the source but never echoes the value", () => {
    expect(() => assertHeaderValue("authorization", "sk_live_secret\n", "apiKey")).toThrow(
      'Header "authorization" (from apiKey) has a value containing CR, LF or NUL; refusing to send it',
    );
  });
});

describe("constantHeaders", () => {
  const plugin = constantHeaders({ headers: { version: "2024-02-05" } });

  it("sends the header on every operation", () => {
    expect(headersAfter(plugin).get("version")).toBe("2024-02-05");
    expect(headersAfter(plugin, { id: "B", method: "POST", path: "/b" }).get("version")).toBe("2024-02-05");
  });

  it("leaves a header the caller set explicitly", () => {
    expect(headersAfter(plugin, undefined, { version: "2025-01-01" }).get("version")).toBe("2025-01-01");
  });

  it("refuses a bad constant when the client is built", () => {
    expect(() => constantHeaders({ headers: { version: "a\nb" } })).toThrow(RequestValidationError);
  });
});

describe("scopedHeaders", () => {
  const listTerminals: OperationDescriptor = {
    id: "Terminals_ListTerminals",
    method: "GET",
    path: "/terminals",
    scopes: ["terminals"],
  };
  const getPayment: OperationDescriptor = { id: "Payments_Get", method: "GET", path: "/payments/1" };
  const config = {
    scopes: [
      { scope: "terminals", header: "reseller-id", option: "resellerId", required: true },
      { scope: "terminals", header: "software-house-id", option: "softwareHouseId", required: false },
    ],
  };

  const cases = [
    {
      name: "scoped op gets the header",
      given: { options: { resellerId: "r1", softwareHouseId: "s1" }, operation: listTerminals },
      want: { "reseller-id": "r1", "software-house-id": "s1" },
    },
    {
      name: "optional header is omitted when its option is missing",
      given: { options: { resellerId: "r1" }, operation: listTerminals },
      want: { "reseller-id": "r1", "software-house-id": null },
    },
    {
      name: "op outside the scope never gets it",
      given: { options: { resellerId: "r1", softwareHouseId: "s1" }, operation: getPayment },
      want: { "reseller-id": null, "software-house-id": null },
    },
    {
      name: "op outside the scope does not need the required option",
      given: { options: {}, operation: getPayment },
      want: { "reseller-id": null, "software-house-id": null },
    },
  ];

  it.each(cases)("$name", ({ given, want }) => {
    const headers = headersAfter(scopedHeaders(config, given.options), given.operation);
    for (const [name, value] of Object.entries(want)) expect(headers.get(name)).toBe(value);
  });

  it("names the missing option and the operation", () => {
    const plugin = scopedHeaders(config, {});
    expect(() => headersAfter(plugin, listTerminals)).toThrow(RequestValidationError);
    expect(() => headersAfter(plugin, listTerminals)).toThrow(
      "resellerId is required for Terminals_ListTerminals: pass it to the client constructor",
    );
  });

  it("accepts the header passed for this call instead of the option", () => {
    const headers = headersAfter(scopedHeaders(config, {}), listTerminals, { "reseller-id": "per-call" });
    expect(headers.get("reseller-id")).toBe("per-call");
  });

  it.each([
    { given: { resellerId: { id: 1 } }, want: /resellerId must be a string/ },
    { given: { resellerId: "r1\r\nx: y" }, want: /\(from resellerId\) has a value containing CR, LF or NUL/ },
  ])("refuses option value $given.resellerId", ({ given, want }) => {
    expect(() => headersAfter(scopedHeaders(config, given), listTerminals)).toThrow(want);
  });
});
