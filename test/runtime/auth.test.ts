import { describe, expect, it } from "vitest";
import { basicAuth } from "../../templates/runtime/auth-basic.js";
import { headerAuth } from "../../templates/runtime/auth-header.js";
import { base64Utf8 } from "../../templates/runtime/base64.js";
import { RequestValidationError } from "../../templates/runtime/errors.js";
import { headersAfter } from "../helpers/plugin-request.js";

describe("base64Utf8", () => {
  it.each([
    { given: "", want: "" },
    { given: "user:pass", want: "dXNlcjpwYXNz" },
    { given: "Aladdin:open sesame", want: "QWxhZGRpbjpvcGVuIHNlc2FtZQ==" },
    { given: "pässwörd", want: Buffer.from("pässwörd", "utf8").toString("base64") },
    { given: "密码🔑", want: Buffer.from("密码🔑", "utf8").toString("base64") },
  ])("$given → $want", ({ given, want }) => {
    expect(base64Utf8(given)).toBe(want);
  });

  it("handles inputs longer than one chunk", () => {
    const long = "é".repeat(70_000);
    expect(base64Utf8(long)).toBe(Buffer.from(long, "utf8").toString("base64"));
  });
});

describe("basicAuth", () => {
  const config = { usernameOption: "apiKey", passwordOption: "apiSecret" };

  it.each([
    { given: { apiKey: "user", apiSecret: "pass" }, want: "Basic dXNlcjpwYXNz" },
    { given: { apiKey: "jörg", apiSecret: "pä:ss" }, want: `Basic ${Buffer.from("jörg:pä:ss").toString("base64")}` },
  ])("sends $want", ({ given, want }) => {
    const plugin = basicAuth(config, given);
    expect(headersAfter(plugin).get("authorization")).toBe(want);
    expect(headersAfter(plugin, { id: "Other", method: "POST", path: "/y" }).get("authorization")).toBe(want);
    expect(plugin.secretHeaders).toEqual(["authorization"]);
  });

  it.each([
    { given: {}, want: "apiKey is required: pass it to the client constructor" },
    { given: { apiKey: "", apiSecret: "p" }, want: "apiKey is required: pass it to the client constructor" },
    { given: { apiKey: "u" }, want: "apiSecret is required: pass it to the client constructor" },
    { given: { apiKey: "u", apiSecret: 42 }, want: "apiSecret must be a string, got a number" },
    { given: { apiKey: "a:b", apiSecret: "p" }, want: 'apiKey must not contain ":"' },
  ])("refuses $given at construction", ({ given, want }) => {
    expect(() => basicAuth(config, given)).toThrow(RequestValidationError);
    expect(() => basicAuth(config, given)).toThrow(want);
  });
});

describe("headerAuth", () => {
  it.each([
    {
      name: "raw key behind a Basic prefix (Dojo)",
      config: { option: "apiKey", header: "Authorization", prefix: "Basic ", encoding: "none" as const },
      options: { apiKey: "sk_prod_x" },
      want: { header: "authorization", value: "Basic sk_prod_x" },
    },
    {
      name: "base64 token behind an OAuth2 prefix",
      config: { option: "token", header: "Authorization", prefix: "OAuth2 ", encoding: "base64" as const },
      options: { token: "tok:1" },
      want: { header: "authorization", value: `OAuth2 ${Buffer.from("tok:1").toString("base64")}` },
    },
    {
      name: "custom header without prefix",
      config: { option: "apiKey", header: "X-Api-Key", prefix: "", encoding: "none" as const },
      options: { apiKey: "k" },
      want: { header: "x-api-key", value: "k" },
    },
  ])("$name", ({ config, options, want }) => {
    const plugin = headerAuth(config, options);
    expect(headersAfter(plugin).get(want.header)).toBe(want.value);
    expect(plugin.secretHeaders).toEqual([want.header]);
  });

  it.each([
    { given: {}, want: "apiKey is required: pass it to the client constructor" },
    { given: { apiKey: null }, want: "apiKey is required: pass it to the client constructor" },
    { given: { apiKey: ["k"] }, want: "apiKey must be a string, got an array" },
    { given: { apiKey: "sk_prod_x\n" }, want: /\(from apiKey\) has a value containing CR, LF or NUL/ },
  ])("refuses $given at construction without echoing it", ({ given, want }) => {
    const config = { option: "apiKey", header: "Authorization", prefix: "Basic ", encoding: "none" as const };
    expect(() => headerAuth(config, given)).toThrow(RequestValidationError);
    expect(() => headerAuth(config, given)).toThrow(want);
    expect(() => headerAuth(config, given)).not.toThrow(/sk_prod_x/);
  });
});
