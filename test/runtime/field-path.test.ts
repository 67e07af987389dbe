/**
 * The runtime's one field-path reader and writer (templates/runtime/field-path.ts): envelope and
 * errors read with it, paging reads and writes (a cursor sent back in a request body) with it.
 */
import { describe, expect, it } from "vitest";
import { readPath, withPath } from "../../templates/runtime/field-path.js";

describe("readPath", () => {
  const body = { a: { b: [10, { c: "x" }] }, "0": "zero", list: ["p"], errors: [{ code: 7003 }], fields: { "9": "nine" } };
  it.each([
    { name: "a field of a list entry", given: ["errors", "0", "code"], want: 7003 },
    { name: "deep through a list", given: ["a", "b", "1", "c"], want: "x" },
    { name: "a list index", given: ["a", "b", "0"], want: 10 },
    { name: "a digit key on an object", given: ["fields", "9"], want: "nine" },
    { name: "a digit key at the top", given: ["0"], want: "zero" },
    { name: "a missing index", given: ["list", "1"], want: undefined },
    { name: "a key on a list", given: ["list", "x"], want: undefined },
    { name: "a missing step", given: ["a", "missing", "c"], want: undefined },
    { name: "an inherited field", given: ["a", "toString"], want: undefined },
    { name: "the prototype", given: ["__proto__"], want: undefined },
    { name: "no segments: the body", given: [], want: body },
  ])("$name: $given", ({ given, want }) => {
    expect(readPath(body, given)).toEqual(want);
  });
});

describe("withPath", () => {
  it("copies along the path and leaves the caller's body alone", () => {
    const given = { cursor: { limit: 2 }, other: [1] };
    const want = { cursor: { limit: 2, after: "x" }, other: [1] };
    expect(withPath(given, ["cursor", "after"], "x")).toEqual(want);
    expect(given).toEqual({ cursor: { limit: 2 }, other: [1] });
    expect(withPath(undefined, ["a", "b"], 1)).toEqual({ a: { b: 1 } });
  });

  it("a __proto__ segment becomes a plain key, never the prototype", () => {
    const hostile = withPath({}, ["__proto__", "polluted"], true) as Record<string, unknown>;
    expect(Object.getPrototypeOf(hostile)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});
