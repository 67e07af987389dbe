/**
 * The runtime side of a result node beside the payload: the `*` segment (an object's only key),
 * alternatives, `equalsNumber` tests, and the envelope's `beside`, `meta` and next offset.
 */
import { describe, expect, it } from "vitest";
import { envelope } from "../../templates/runtime/envelope.js";
import { readFirst, readPath } from "../../templates/runtime/field-path.js";
import { holds } from "../../templates/runtime/field-test.js";
import { APIError } from "../../templates/runtime/errors.js";
import type { ResponseInfo } from "../../templates/runtime/types.js";

describe("the * segment is an object's only key", () => {
  it.each([
    { given: { styles: { response: { code: 0 } } }, path: ["*", "response", "code"], want: 0 },
    { given: { a: 1, b: 2 }, path: ["*"], want: undefined },
    { given: {}, path: ["*"], want: undefined },
    { given: [{ x: 1 }], path: ["*"], want: undefined },
    { given: { "*": 1, other: 2 }, path: ["*"], want: undefined },
    { given: JSON.parse('{"__proto__": {"code": 1}}') as unknown, path: ["*", "code"], want: 1 },
  ])("$path in $given → $want", ({ given, path, want }) => {
    expect(readPath(given, path)).toBe(want);
  });

  it("alternatives: the first present", () => {
    expect(readFirst({ x: { response: { code: "7" } } }, [["response", "code"], ["*", "response", "code"]])).toBe("7");
    expect(readFirst({ response: { code: null }, x: 1 }, [["response", "code"], ["*", "response", "code"]])).toBeNull();
  });
});

describe("equalsNumber: a number sent as a number or as text", () => {
  const test = { path: ["code"], equalsNumber: [0] };
  it.each([
    { given: 0, want: true },
    { given: "0", want: true },
    { given: " 000 ", want: true },
    { given: "0.0", want: true },
    { given: "", want: false },
    { given: "0x0", want: false },
    { given: false, want: false },
    { given: null, want: false },
    { given: 1, want: false },
  ])("$given → $want", ({ given, want }) => {
    expect(holds(test, { code: given }, 200)).toBe(want);
  });
});

describe("the envelope's beside, meta and next offset", () => {
  const config = { success: { path: [["response", "code"], ["*", "response", "code"]], equalsNumber: [0] }, beside: [["response"], ["*", "response"]], meta: { logId: [["*", "response", "log_id"]] }, nextOffset: ["*", "response", "next_start"], offset: ["*", "response", "start_from"] };
  const decode = (body: unknown) => {
    const meta: Record<string, unknown> = {};
    const info: ResponseInfo = { status: 200, headers: new Headers(), url: "https://x.test/", operation: { id: "X", method: "GET", path: "/" }, meta, createError: () => new APIError({ status: 200, headers: new Headers(), body, message: "failed" }) };
    try {
      return { payload: envelope(config).decodeSuccess?.(body, info), meta };
    } catch (error) {
      return { error: (error as Error).message, meta };
    }
  };
  it.each([
    { name: "one key beside the node: its value", given: { s: { response: { code: 0, log_id: " L1 " }, s: [1] } }, want: { payload: [1], meta: { logId: "L1" } } },
    { name: "several: an object of them", given: { s: { response: { code: 0 }, a: 1, b: 2 } }, want: { payload: { a: 1, b: 2 }, meta: {} } },
    { name: "a numeric log id kept as text; next offset as a number", given: { s: { response: { code: "0", log_id: 42, next_start: "50" } } }, want: { payload: undefined, meta: { logId: "42", nextOffset: 50 } } },
    { name: "start_from without next_start: the last page", given: { s: { response: { code: 0, start_from: 6 }, s: [7] } }, want: { payload: [7], meta: { nextOffset: null } } },
    { name: "a failure keeps the log id for the error", given: { s: { response: { code: 3, log_id: "L2", next_start: 9 } } }, want: { error: "failed", meta: { logId: "L2" } } },
  ])("$name", ({ given, want }) => {
    expect(decode(given)).toEqual(want);
  });
});
