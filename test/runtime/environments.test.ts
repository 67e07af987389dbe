import { describe, expect, it } from "vitest";
import { resolveEnvironment } from "../../templates/runtime/environments.js";
import { RequestValidationError } from "../../templates/runtime/errors.js";

const config = {
  environments: { production: "https://api.dojo.tech", sandbox: "https://api.sandbox.dojo.tech" },
  default: "production",
  inferFrom: { option: "apiKey", prefixes: { sk_prod_: "production", sk_sandbox_: "sandbox" } },
};

describe("resolveEnvironment", () => {
  it.each([
    {
      name: "default when nothing says otherwise",
      given: {},
      want: { environment: "production", baseUrl: "https://api.dojo.tech" },
    },
    {
      name: "inferred from a sandbox key",
      given: { apiKey: "sk_sandbox_abc" },
      want: { environment: "sandbox", baseUrl: "https://api.sandbox.dojo.tech" },
    },
    {
      name: "explicit environment agreeing with the key",
      given: { apiKey: "sk_sandbox_abc", environment: "sandbox" },
      want: { environment: "sandbox", baseUrl: "https://api.sandbox.dojo.tech" },
    },
    {
      name: "explicit environment with a key of unknown prefix",
      given: { apiKey: "legacy_abc", environment: "sandbox" },
      want: { environment: "sandbox", baseUrl: "https://api.sandbox.dojo.tech" },
    },
    {
      name: "unknown prefix falls back to the default",
      given: { apiKey: "legacy_abc" },
      want: { environment: "production", baseUrl: "https://api.dojo.tech" },
    },
    {
      name: "baseUrl overrides the URL, environment still inferred",
      given: { apiKey: "sk_sandbox_abc", baseUrl: "http://127.0.0.1:9999/mock" },
      want: { environment: "sandbox", baseUrl: "http://127.0.0.1:9999/mock" },
    },
  ])("$name", ({ given, want }) => {
    expect(resolveEnvironment(config, given)).toEqual(want);
  });

  it.each([
    {
      name: "production key asked to go to the sandbox",
      given: { apiKey: "sk_prod_secret123", environment: "sandbox" },
      want: 'apiKey is a production key (prefix "sk_prod_") but environment "sandbox" was asked for',
    },
    {
      name: "sandbox key asked to go to production",
      given: { apiKey: "sk_sandbox_secret123", environment: "production" },
      want: 'apiKey is a sandbox key (prefix "sk_sandbox_") but environment "production" was asked for',
    },
    {
      name: "contradiction is still refused with a baseUrl override",
      given: { apiKey: "sk_prod_secret123", environment: "sandbox", baseUrl: "https://proxy.test" },
      want: 'apiKey is a production key (prefix "sk_prod_") but environment "sandbox" was asked for',
    },
    {
      name: "unknown environment lists the known ones",
      given: { environment: "staging" },
      want: 'environment "staging" is not known; use one of: "production", "sandbox"',
    },
    {
      name: "non-string environment",
      given: { environment: 1 },
      want: 'environment must be a string, got a number; use one of: "production", "sandbox"',
    },
    {
      name: "non-string baseUrl",
      given: { baseUrl: 42 },
      want: "baseUrl must be a non-empty string, got a number",
    },
  ])("refuses: $name", ({ given, want }) => {
    const call = (): unknown => resolveEnvironment(config, given);
    expect(call).toThrow(RequestValidationError);
    expect(call).toThrow(want);
    expect(call).not.toThrow(/secret123/);
  });

  it("prefers the longest matching prefix", () => {
    const nested = {
      environments: { live: "https://live.test", test: "https://test.test" },
      default: "live",
      inferFrom: { option: "key", prefixes: { sk_: "live", sk_test_: "test" } },
    };
    expect(resolveEnvironment(nested, { key: "sk_test_1" }).environment).toBe("test");
    expect(resolveEnvironment(nested, { key: "sk_1" }).environment).toBe("live");
  });

  it("works without inference", () => {
    const plain = { environments: { eu: "https://eu.test", us: "https://us.test" }, default: "eu" };
    expect(resolveEnvironment(plain, { environment: "us", apiKey: "sk_prod_x" })).toEqual({
      environment: "us",
      baseUrl: "https://us.test",
    });
  });
});
