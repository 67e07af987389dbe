/**
 * Field paths, the one parser every convention uses (generator/conventions/dialect/field-path.ts):
 * JSON Pointer or dotted with indices and `\.`, parsed once when the spec loads; and the one walker
 * that says what the declared schema holds at a path.
 */
import { describe, expect, it } from "vitest";
import { parseFieldPath, typesAtPath } from "../../generator/conventions/dialect/field-path.js";
import type { IRDocument, IRProperty, IRType } from "../../generator/ir.js";

function prop(name: string, type: IRType): IRProperty {
  return { name, type, required: true, description: undefined, deprecated: false, readOnly: false, writeOnly: false, example: undefined };
}

describe("field paths: JSON Pointer or dotted, parsed once", () => {
  it.each([
    { given: "/errors/0/code", want: ["errors", "0", "code"] },
    { given: "errors.0.code", want: ["errors", "0", "code"] },
    { given: "result_info.total_pages", want: ["result_info", "total_pages"] },
    { given: "/result_info/total_pages", want: ["result_info", "total_pages"] },
    { given: "/a~1b/c~0d", want: ["a/b", "c~d"] },
    { given: "meta.request\\.id", want: ["meta", "request.id"] },
    { given: "meta\\.data.next", want: ["meta.data", "next"] },
    { given: "a\\\\b", want: ["a\\b"] },
  ])("$given → $want", ({ given, want }) => {
    expect(parseFieldPath(given)).toEqual(want);
  });

  it.each([
    { given: "", want: "a path must name a field, e.g. /errors/0/code or errors.0.code" },
    { given: "/", want: '"/" has an empty segment' },
    { given: "/a//b", want: '"/a//b" has an empty segment' },
    { given: "a..b", want: '"a..b" has an empty segment' },
    { given: "a.", want: '"a." has an empty segment' },
    { given: ".a", want: '".a" has an empty segment' },
    { given: "/a~2", want: '"/a~2" is not a JSON Pointer: "~" must be followed by 0 or 1 (~0 is "~", ~1 is "/")' },
    { given: "/a~", want: '"/a~" is not a JSON Pointer: "~" must be followed by 0 or 1 (~0 is "~", ~1 is "/")' },
    { given: "a\\x", want: '"a\\x": "\\" escapes only "." or "\\" in a dotted path' },
  ])("$given is refused: $want", ({ given, want }) => {
    expect(parseFieldPath(given)).toEqual(want);
  });
});

describe("what the declared schema holds at a path", () => {
  const str: IRType = { kind: "primitive", type: "string" };
  const int: IRType = { kind: "primitive", type: "integer" };
  const info: IRType = { kind: "object", properties: [prop("total_pages", int)], additional: undefined };
  const ir: Pick<IRDocument, "schemas"> = { schemas: [{ name: "Info", type: info, description: undefined, deprecated: false, pointer: [] }] };
  const body: IRType = {
    kind: "object",
    properties: [
      prop("result", { kind: "array", items: str }),
      prop("result_info", { kind: "ref", schema: "Info" }),
      prop("meta", { kind: "object", properties: [], additional: undefined }),
      prop("extra", { kind: "primitive", type: "unknown" }),
    ],
    additional: undefined,
  };
  it.each([
    { name: "a field through a $ref", given: ["result_info", "total_pages"], want: [int] },
    { name: "a list entry", given: ["result", "0"], want: [str] },
    { name: "a field the schema lacks", given: ["result_info", "pages"], want: [] },
    { name: "a key on a list", given: ["result", "x"], want: [] },
    { name: "below a free-form object: taken on trust", given: ["meta", "anything"], want: undefined },
    { name: "below an unknown: taken on trust", given: ["extra", "a", "b"], want: undefined },
  ])("$name", ({ given, want }) => {
    expect(typesAtPath(body, given, ir)).toEqual(want);
  });
});
