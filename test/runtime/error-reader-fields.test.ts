/**
 * The error reader's alternatives, joined messages and named fields (templates/runtime/error-fields.ts),
 * given a body → what the error says, and the readers the provider's class takes its properties from.
 */
import { describe, expect, it } from "vitest";
import { errorField, errorFieldMessages, errorFields, errorTextField } from "../../templates/runtime/error-fields.js";
import { APIError } from "../../templates/runtime/errors.js";
import type { ErrorDetails, ResponseInfo } from "../../templates/runtime/types.js";

function info(): ResponseInfo {
  const headers = new Headers();
  return {
    status: 400,
    headers,
    url: "https://x.test/x",
    operation: { id: "Things_Get", method: "GET", path: "/things" },
    meta: {},
    createError: (details: ErrorDetails) => new APIError({ status: 400, headers, body: undefined, message: details.message ?? "m" }),
  };
}

describe("alternatives: the first path present is read", () => {
  const plugin = errorFields({ code: [["error", "code"], ["code"]], requestId: [["meta", "request_id"], ["request_id"]] });
  it.each([
    { given: { error: { code: "E1" }, code: "E2", request_id: "r-2" }, want: { code: "E1", requestId: "r-2" } },
    { given: { code: "E2", meta: { request_id: "r-1" } }, want: { code: "E2", requestId: "r-1" } },
    // null is present (as for envelope `data`): the first alternative answers, with no code.
    { given: { error: { code: null }, code: "E2" }, want: undefined },
    { given: { other: 1 }, want: undefined },
  ])("$given → $want", ({ given, want }) => {
    expect(plugin.decodeError?.(given, info())).toEqual(want);
  });
});

describe("a message joined from several fields", () => {
  const plugin = errorFields({ messageJoin: [["title"], ["detail"], [["errors"], ["extensions", "errors"]]] });
  it.each([
    { name: "title and detail as sentences", given: { title: "Bad request", detail: "Amount is negative." }, want: "Bad request. Amount is negative." },
    { name: "a text said once", given: { title: "Unauthorized", detail: "Unauthorized" }, want: "Unauthorized" },
    { name: "a field map as field: messages, only text kept", given: { title: "Invalid", extensions: { errors: { amount: ["too low", 3], currency: "unknown", empty: [] } } }, want: "Invalid. amount: too low. currency: unknown" },
    { name: "parts that are not text or a map are skipped", given: { title: 404, detail: ["x"], errors: null }, want: undefined },
  ])("$name", ({ given, want }) => {
    expect(plugin.decodeError?.(given, info())?.message).toBe(want);
  });

  it("a message longer than 4096 characters is cut per part", () => {
    const message = plugin.decodeError?.({ title: "t", detail: "d".repeat(10_000) }, info())?.message ?? "";
    expect(message).toMatch(/^t\. d{4096}…$/);
  });
});

describe("named fields, as the provider's class reads them", () => {
  const plugin = errorFields({
    fields: {
      traceId: { path: [["traceId"], ["extensions", "traceId"]], as: "text" },
      errors: { path: ["errors"], as: "field-messages" },
      raw: { path: ["meta"] },
    },
  });
  const init = (body: unknown) => ({ status: 400, headers: new Headers(), body, message: "m", extra: plugin.decodeError?.(body, info())?.extra });

  it.each([
    {
      given: { extensions: { traceId: "t-1" }, errors: { a: "x", b: ["y", "z"] }, meta: { n: 1 } },
      want: { traceId: "t-1", errors: { a: ["x"], b: ["y", "z"] }, raw: { n: 1 } },
    },
    { given: { traceId: 7, errors: ["not", "a", "map"] }, want: { traceId: undefined, errors: {}, raw: undefined } },
    { given: JSON.parse('{"errors": {"__proto__": ["polluted"], "ok": "yes"}}') as unknown, want: { traceId: undefined, errors: { ok: ["yes"] }, raw: undefined } },
    { given: "<html>", want: { traceId: undefined, errors: {}, raw: undefined } },
  ])("$given → $want", ({ given, want }) => {
    const i = init(given);
    expect({ traceId: errorTextField(i, "traceId"), errors: errorFieldMessages(i, "errors"), raw: errorField(i, "raw") }).toEqual(want);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("a body with only named fields still answers, so the class gets them", () => {
    expect(plugin.decodeError?.({ traceId: "t-9" }, info())).toEqual({ extra: { fields: { traceId: "t-9" } } });
  });

  it("150 fields of messages: the first 100 kept, truncated", () => {
    const errors = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}`, "wrong"]));
    const found = plugin.decodeError?.({ errors }, info());
    expect(found?.truncated).toBe(true);
    expect(Object.keys(errorFieldMessages({ status: 400, headers: new Headers(), body: undefined, message: "m", extra: found?.extra }, "errors"))).toHaveLength(100);
  });
});
