/**
 * The XML codec (templates/runtime/xml.ts) and the schema-driven `conform` (shape.ts) that makes
 * XML (and JSON) payloads fit their schema: tables of given → want.
 */

import { describe, expect, it } from "vitest";
import { RequestValidationError } from "../../templates/runtime/errors.js";
import { type Shape, type ShapeTable, conform } from "../../templates/runtime/shape.js";
import { formatOf, pick } from "../../templates/runtime/wire-formats.js";
import { XmlSyntaxError, readXml, writeXml } from "../../templates/runtime/xml.js";

const schemas: ShapeTable = {
  Style: {
    type: "object",
    properties: {
      joor_style_id: { type: "integer" },
      active: { type: "boolean" },
      colors: { type: "array", items: { ref: "Color" }, item: "color" },
      sizes: { type: "array", item: "size" },
      prices: { type: "array", items: { ref: "Price" } },
    },
  },
  Color: { type: "object" },
  One: { type: "object", element: "style", properties: { joor_style_id: { type: "integer" } } },
  Price: { type: "object", properties: { wholesale: { type: "number" } } },
  StyleList: { type: "array", items: { ref: "Style" }, item: "style" },
  Node: { type: "object", properties: { children: { type: "array", items: { ref: "Node" } }, depth: { type: "integer" } } },
};
const wrapped = { schemas, wrappedArrays: true };
const repeated = { schemas, wrappedArrays: false };

describe("readXml", () => {
  it.each([
    { name: "elements become objects, text stays text", given: "<a><b>00123</b><c>x</c></a>", want: { a: { b: "00123", c: "x" } } },
    { name: "declaration and comments are dropped", given: '<?xml version="1.0" encoding="UTF-8"?><!-- c --><a><b>1</b></a>', want: { a: { b: "1" } } },
    { name: "an empty element is an empty string", given: "<a><comment/><b></b></a>", want: { a: { comment: "", b: "" } } },
    { name: "a repeated element is a list", given: "<a><b>1</b><b>2</b></a>", want: { a: { b: ["1", "2"] } } },
    { name: "a single element is not (conform decides)", given: "<a><b>1</b></a>", want: { a: { b: "1" } } },
    { name: "entities and character references are decoded", given: "<a>A &amp; B &lt;x&gt; caf&#233; &#x1F600;</a>", want: { a: "A & B <x> café 😀" } },
    { name: "CDATA is text", given: "<a><![CDATA[<not-markup>]]></a>", want: { a: "<not-markup>" } },
    { name: "attributes are ignored", given: '<a id="1"><b kind="x">t</b></a>', want: { a: { b: "t" } } },
    { name: "surrounding whitespace is trimmed", given: "<a>\n  <b>  t  </b>\n</a>", want: { a: { b: "t" } } },
  ])("$name", ({ given, want }) => {
    expect(readXml(given)).toEqual(want);
  });

  it.each([
    { name: "unclosed element", given: "<a><b></a>" },
    { name: "two roots", given: "<a>1</a><b>2</b>" },
    { name: "not XML", given: "not xml at all" },
    { name: "JSON", given: '{"a": 1}' },
    { name: "empty", given: "" },
    { name: "a DOCTYPE (entity expansion)", given: '<!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>' },
    { name: "a __proto__ element", given: "<a><__proto__><x>1</x></__proto__></a>" },
  ])("refuses $name with XmlSyntaxError", ({ given }) => {
    expect(() => readXml(given)).toThrow(XmlSyntaxError);
  });
});

describe("conform: the schema decides what XML cannot say", () => {
  it.each<{ name: string; given: unknown; shape: Shape | undefined; options?: typeof wrapped; want: unknown }>([
    { name: "integer text → number", given: "42", shape: { type: "integer" }, want: 42 },
    { name: "decimal text → number", given: " 120.50 ", shape: { type: "number" }, want: 120.5 },
    { name: "a number stays a number (JSON)", given: 7, shape: { type: "number" }, want: 7 },
    { name: "non-numeric text stays text", given: "n/a", shape: { type: "number" }, want: "n/a" },
    { name: "empty text for a number → absent", given: "", shape: { type: "integer" }, want: undefined },
    { name: "true / 1 → true", given: "1", shape: { type: "boolean" }, want: true },
    { name: "false → false", given: "false", shape: { type: "boolean" }, want: false },
    { name: "no shape: text stays text (leading zeros kept)", given: "00123", shape: undefined, want: "00123" },
    { name: "wrapped list of two", given: { style: [{ joor_style_id: "1" }, { joor_style_id: "2" }] }, shape: { ref: "StyleList" }, want: [{ joor_style_id: 1 }, { joor_style_id: 2 }] },
    { name: "wrapped list of ONE is still a list", given: { style: { joor_style_id: "1" } }, shape: { ref: "StyleList" }, want: [{ joor_style_id: 1 }] },
    { name: "wrapped empty list (<styles/>)", given: "", shape: { ref: "StyleList" }, want: [] },
    { name: "wrapped list whose item name the schema does not give", given: { thing: ["a", "b"] }, shape: { type: "array" }, want: ["a", "b"] },
    { name: "repeated list of one (unwrapped dialect)", given: { joor_style_id: "3" }, shape: { ref: "StyleList" }, options: repeated, want: [{ joor_style_id: 3 }] },
    { name: "a JSON array stays an array", given: [{ joor_style_id: 5 }], shape: { ref: "StyleList" }, want: [{ joor_style_id: 5 }] },
    {
      name: "nested lists inside one item",
      given: { joor_style_id: "9", active: "true", colors: { color: { color_code: "001" } }, sizes: { size: ["S", "M"] }, prices: { price: { wholesale: "10.5" } } },
      shape: { ref: "Style" },
      want: { joor_style_id: 9, active: true, colors: [{ color_code: "001" }], sizes: ["S", "M"], prices: [{ wholesale: 10.5 }] },
    },
    { name: "a one-item list where the schema has one object → the object", given: [{ joor_style_id: "4" }], shape: { ref: "Style" }, want: { joor_style_id: 4 } },
    { name: "a two-item list where the schema has one object is left alone", given: [{ a: 1 }, { a: 2 }], shape: { ref: "Style" }, want: [{ a: 1 }, { a: 2 }] },
    { name: "an empty element for an object → {}", given: "", shape: { ref: "Style" }, want: {} },
    { name: "an XML collection of one (<styles><style>…) where the schema has one object → the object", given: { style: { joor_style_id: "4" } }, shape: { ref: "One" }, want: { joor_style_id: 4 } },
    { name: "…also when the parser saw a list", given: { style: [{ joor_style_id: "4" }] }, shape: { ref: "One" }, want: { joor_style_id: 4 } },
    { name: "an object whose own element name is not its only key is itself", given: { joor_style_id: "4" }, shape: { ref: "One" }, want: { joor_style_id: 4 } },
    { name: "unknown properties pass through", given: { joor_style_id: "1", extra: "x" }, shape: { ref: "Style" }, want: { joor_style_id: 1, extra: "x" } },
    { name: "recursive schemas", given: { depth: "0", children: { node: { depth: "1", children: "" } } }, shape: { ref: "Node" }, want: { depth: 0, children: [{ depth: 1, children: [] }] } },
    { name: "an unknown ref leaves the value alone", given: { a: "1" }, shape: { ref: "Nope" }, want: { a: "1" } },
  ])("$name", ({ given, shape, options, want }) => {
    expect(conform(given, shape, options ?? wrapped)).toEqual(want);
  });

  it("never turns a __proto__ key into a prototype", () => {
    const given = JSON.parse('{"__proto__": {"polluted": true}, "a": "1"}') as unknown;
    const out = conform(given, { type: "object", properties: { a: { type: "integer" } } }, wrapped) as Record<string, unknown>;
    expect(out).toEqual({ a: 1 });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("readXml + conform give what JSON gives", () => {
  it.each([
    {
      name: "a list of one style",
      xml: "<styles><style><joor_style_id>700478</joor_style_id><colors><color><color_code>001</color_code></color></colors><sizes><size>M</size></sizes></style></styles>",
      json: [{ joor_style_id: 700478, colors: [{ color_code: "001" }], sizes: ["M"] }],
    },
    {
      name: "a list of two styles, one without lists",
      xml: "<styles><style><joor_style_id>1</joor_style_id><colors/></style><style><joor_style_id>2</joor_style_id></style></styles>",
      json: [{ joor_style_id: 1, colors: [] }, { joor_style_id: 2 }],
    },
  ])("$name", ({ xml, json }) => {
    const tree = readXml(xml) as { styles: unknown };
    expect(conform(tree.styles, { ref: "StyleList" }, wrapped)).toEqual(json);
    expect(conform(json, { ref: "StyleList" }, wrapped)).toEqual(json);
  });
});

describe("writeXml", () => {
  const bodyShape: Shape = { type: "object", properties: { styles: { type: "array", items: { ref: "Style" }, item: "style" } } };
  const decl = '<?xml version="1.0" encoding="UTF-8"?>';

  it.each<{ name: string; given: unknown; shape?: Shape; options?: Partial<{ wrappedArrays: boolean; rootElement: string }>; want: string }>([
    {
      name: "the one property is the document element; lists are wrapped",
      given: { styles: [{ style_number: "00123", colors: [{ color_code: "001" }], sizes: ["S", "M"] }] },
      shape: bodyShape,
      want: `${decl}<styles><style><style_number>00123</style_number><colors><color><color_code>001</color_code></color></colors><sizes><size>S</size><size>M</size></sizes></style></styles>`,
    },
    {
      name: "repeated lists when the dialect does not wrap (the document element still wraps)",
      given: { styles: [{ sizes: ["S", "M"] }] },
      shape: bodyShape,
      options: { wrappedArrays: false },
      want: `${decl}<styles><style><sizes>S</sizes><sizes>M</sizes></style></styles>`,
    },
    {
      name: "an item name the schema does not give is the property's",
      given: { tags: ["a", "b"] },
      want: `${decl}<tags><tags>a</tags><tags>b</tags></tags>`,
    },
    {
      name: "scalars: numbers, booleans, Dates as UTC ISO",
      given: { item: { n: 120.5, yes: true, no: false, at: new Date(Date.UTC(2024, 0, 31, 9, 30)) } },
      want: `${decl}<item><n>120.5</n><yes>true</yes><no>false</no><at>2024-01-31T09:30:00.000Z</at></item>`,
    },
    {
      name: "markup characters are escaped",
      given: { item: { name: `A & B <x> "q" 'a'` } },
      want: `${decl}<item><name>A &amp; B &lt;x&gt; &quot;q&quot; &apos;a&apos;</name></item>`,
    },
    { name: "undefined is left out, null is empty", given: { item: { a: undefined, b: null } }, want: `${decl}<item><b></b></item>` },
    { name: "an empty wrapped list is an empty element", given: { item: { sizes: [] } }, want: `${decl}<item><sizes></sizes></item>` },
    {
      name: "a root element for bodies of several properties",
      given: { a: "1", b: "2" },
      options: { rootElement: "request" },
      want: `${decl}<request><a>1</a><b>2</b></request>`,
    },
  ])("$name", ({ given, shape, options, want }) => {
    expect(writeXml(given, shape, { schemas, wrappedArrays: true, where: "the body of X", ...options })).toBe(want);
  });

  it.each([
    { name: "a body of two properties without a root element", given: { a: 1, b: 2 }, message: /must be an object with one property/ },
    { name: "a property that is no XML name", given: { item: { "a b": 1 } }, message: /"a b" cannot be an XML element name/ },
    { name: "a control character", given: { item: { name: "a\u0001b" } }, message: /item.name .*character XML cannot carry/ },
    { name: "an invalid Date", given: { item: { at: new Date(Number.NaN) } }, message: /item.at .*invalid Date/ },
    { name: "an infinite number", given: { item: { n: Number.POSITIVE_INFINITY } }, message: /finite/ },
  ])("refuses $name with RequestValidationError", ({ given, message }) => {
    const write = (): string => writeXml(given, undefined, { schemas, wrappedArrays: true, where: "the body of X" });
    expect(write).toThrow(RequestValidationError);
    expect(write).toThrow(message);
  });

  it("what it writes reads back to the same values", () => {
    const body = { styles: [{ style_number: "00123", joor_style_id: 7, active: false, colors: [{ color_code: "001" }], sizes: ["M"] }] };
    const tree = readXml(writeXml(body, bodyShape, { schemas, wrappedArrays: true, where: "x" })) as { styles: unknown };
    expect(conform(tree.styles, { ref: "StyleList" }, wrapped)).toEqual(body.styles);
  });
});

describe("media types", () => {
  it.each([
    { given: "application/json", want: "json" },
    { given: "application/json; charset=utf-8", want: "json" },
    { given: "application/problem+json", want: "json" },
    { given: "application/xml", want: "xml" },
    { given: "text/xml; charset=UTF-8", want: "xml" },
    { given: "application/atom+xml", want: "xml" },
    { given: "text/html", want: undefined },
    { given: "image/jpeg", want: undefined },
  ])("formatOf($given) = $want", ({ given, want }) => {
    expect(formatOf(given)).toBe(want);
  });

  it.each([
    { declared: ["application/json", "application/xml"], wanted: "xml" as const, want: { format: "xml", mediaType: "application/xml" } },
    { declared: ["application/json", "application/xml"], wanted: "json" as const, want: { format: "json", mediaType: "application/json" } },
    { declared: ["application/json"], wanted: "xml" as const, want: { format: "json", mediaType: "application/json" } },
    { declared: ["text/xml"], wanted: "json" as const, want: { format: "xml", mediaType: "text/xml" } },
    { declared: undefined, wanted: "xml" as const, want: { format: "json", mediaType: "application/json" } },
  ])("pick($declared, $wanted)", ({ declared, wanted, want }) => {
    expect(pick(declared, wanted)).toEqual(want);
  });
});

describe("names that are also Object.prototype members", () => {
  it("conform and writeXml use own shape entries only", () => {
    const shape: Shape = { type: "object", properties: { id: { type: "integer" } } };
    expect(conform({ constructor: "7", toString: "x", id: "1" }, shape, wrapped)).toEqual({ constructor: "7", toString: "x", id: 1 });
    expect(writeXml({ item: { constructor: "7", hasOwnProperty: "y" } }, undefined, { schemas, wrappedArrays: true, where: "b" })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><item><constructor>7</constructor><hasOwnProperty>y</hasOwnProperty></item>',
    );
  });

  it("a __proto__ key in a body is refused, not merged into a prototype", () => {
    const body = JSON.parse('{"item": {"__proto__": {"x": "1"}}}') as unknown;
    expect(() => writeXml(body, undefined, { schemas, wrappedArrays: true, where: "b" })).toThrow(/"__proto__" cannot be an XML element name/);
  });
});
