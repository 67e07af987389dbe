import { describe, expect, it } from "vitest";
import { followRefs, refPointer, resolveRef } from "../../generator/validate/refs.js";

const document = {
  components: { schemas: { Pet: { type: "object" }, "a/b": { type: "string" }, "m~n": { type: "integer" } } },
  paths: { "/pets/{id}": { get: { tags: ["x", "y"] } } },
  chain: { first: { $ref: "#/chain/second" }, second: { $ref: "#/components/schemas/Pet" }, loop: { $ref: "#/chain/loop" } },
};

describe("resolveRef", () => {
  const cases: { ref: string; want: unknown }[] = [
    { ref: "#/components/schemas/Pet", want: { type: "object" } },
    { ref: "#/components/schemas/a~1b", want: { type: "string" } },
    { ref: "#/components/schemas/m~0n", want: { type: "integer" } },
    { ref: "#/paths/~1pets~1%7Bid%7D/get/tags/1", want: "y" },
    { ref: "#", want: document },
    { ref: "#/components/schemas/Nope", want: undefined },
    { ref: "#/paths/~1pets~1%7Bid%7D/get/tags/2", want: undefined },
    { ref: "#/paths/~1pets~1%7Bid%7D/get/tags/01", want: undefined },
    { ref: "#/constructor", want: undefined },
    { ref: "#/components/schemas/Pet/type/length", want: undefined },
    { ref: "other.yaml#/components/schemas/Pet", want: undefined },
    { ref: "#components/schemas/Pet", want: undefined },
    { ref: "#/bad%ZZescape", want: undefined },
  ];

  it.each(cases)("$ref", ({ ref, want }) => {
    expect(resolveRef(document, ref)).toEqual(want);
  });

  it("splits pointers per RFC 6901", () => {
    expect(refPointer("#/a/b~1c/~01")).toEqual(["a", "b/c", "~1"]);
    expect(refPointer("https://x/y.json")).toBeUndefined();
  });

  it("follows chains of references and stops on loops", () => {
    expect(followRefs(document, { $ref: "#/chain/first" })).toEqual({ type: "object" });
    expect(followRefs(document, { $ref: "#/chain/loop" })).toBeUndefined();
    expect(followRefs(document, { $ref: "#/missing" })).toBeUndefined();
    expect(followRefs(document, "plain")).toBe("plain");
  });
});
