import { describe, expect, it } from "vitest";
import { loadSpecText } from "../../generator/load/load-spec.js";
import { lines, problemLines } from "./problem-lines.js";

const load = (text: string) => () => loadSpecText("spec.json", text);

describe("loadSpecText reports JSON syntax errors at their position", () => {
  const cases: { name: string; given: string; want: string[] }[] = [
    {
      name: "missing value",
      given: lines("{", '  "openapi": "3.1.0",', '  "info": }'),
      want: ['spec.json:3:11: invalid JSON: unexpected character "}"; expected a value'],
    },
    {
      name: "trailing comma",
      given: lines("{", '  "a": 1,', "}"),
      want: ["spec.json:3:1: invalid JSON: trailing comma before }"],
    },
    {
      name: "missing comma between members",
      given: lines("{", '  "a": 1', '  "b": 2', "}"),
      want: ['spec.json:3:3: invalid JSON: expected "," or "}" after a property value'],
    },
    {
      name: "unquoted key",
      given: lines("{", "  a: 1", "}"),
      want: ["spec.json:2:3: invalid JSON: expected a property name in double quotes"],
    },
    {
      name: "single-quoted string",
      given: lines("{", "  \"a\": 'x'", "}"),
      want: ["spec.json:2:8: invalid JSON: strings must use double quotes"],
    },
    {
      name: "misspelled literal",
      given: lines("{", '  "a": [true, flase]', "}"),
      want: ['spec.json:2:15: invalid JSON: unexpected word "flase"; expected a value (strings need double quotes)'],
    },
    {
      name: "unterminated string",
      given: '{\n  "a": "abc',
      want: ["spec.json:2:8: invalid JSON: unterminated string"],
    },
    {
      name: "line break inside a string",
      given: lines("{", '  "a": "ab', 'c"', "}"),
      want: ["spec.json:2:11: invalid JSON: line break inside a string (unterminated string?)"],
    },
    {
      name: "bad escape",
      given: lines("{", '  "a": "\\x41"', "}"),
      want: ["spec.json:2:9: invalid JSON: invalid escape sequence in a string"],
    },
    {
      name: "unexpected end",
      given: lines("{", '  "a": [1, 2'),
      want: ['spec.json:3:1: invalid JSON: unexpected end of the file; expected "," or "]"'],
    },
    {
      name: "text after the document",
      given: lines('{"a": 1}', "extra"),
      want: ["spec.json:2:1: invalid JSON: unexpected text after the end of the document"],
    },
    {
      name: "reserved key, at the key",
      given: lines("{", '  "components": {', '    "schemas": {"constructor": {}}', "  }", "}"),
      want: ['spec.json:3:17: key "constructor" is not allowed: it would be dangerous in generated code'],
    },
    {
      name: "nesting deeper than 256 levels",
      given: `{"a": ${"[".repeat(300)}${"]".repeat(300)}}`,
      want: ["spec.json:1:262: nesting is deeper than 256 levels"],
    },
  ];

  it.each(cases)("$name", ({ given, want }) => {
    expect(problemLines(load(given))).toEqual(want);
  });
});

describe("loadSpecText refuses duplicate keys in JSON, as in YAML, at the second key", () => {
  const cases: { name: string; given: string; want: string[] }[] = [
    {
      name: "a repeated key in one object",
      given: lines("{", '  "info": {', '    "title": "A",', '    "version": "1",', '    "title": "B"', "  }", "}"),
      want: ['spec.json:5:5: duplicate key "title" (first defined on line 3)'],
    },
    {
      name: "the same key spelled with an escape",
      given: lines("{", '  "paths": {},', '  "p\\u0061ths": {}', "}"),
      want: ['spec.json:3:3: duplicate key "paths" (first defined on line 2)'],
    },
    {
      name: "every repeat, in nested objects too",
      given: lines('{"a": {"x": 1, "x": 2}, "b": [{"y": 1, "y": 2, "y": 3}], "a": 0}'),
      want: [
        'spec.json:1:16: duplicate key "x" (first defined on line 1)',
        'spec.json:1:40: duplicate key "y" (first defined on line 1)',
        'spec.json:1:48: duplicate key "y" (first defined on line 1)',
        'spec.json:1:58: duplicate key "a" (first defined on line 1)',
      ],
    },
    {
      name: "the same key in different objects",
      given: lines('{"a": {"title": "A"}, "b": {"title": "A"}, "c": [{"title": 1}, {"title": 2}]}'),
      want: [],
    },
    {
      name: "values that look like keys",
      given: lines('{"a": ":", "b": "\\":\\" \\"a\\": 1", "c": [":", " :"], "d": "x\\\\"}'),
      want: [],
    },
  ];

  it.each(cases)("$name", ({ given, want }) => {
    expect(problemLines(load(given))).toEqual(want);
  });

  it("says the same as the YAML loader", () => {
    const yaml = problemLines(() => loadSpecText("spec.yaml", lines("info:", "  # the title", "  title: A", '  version: "1"', "  title: B")));
    const json = problemLines(() => loadSpecText("spec.json", lines("{", '  "info": {', '    "title": "A",', '    "version": "1",', '    "title": "B"', "  }", "}")));
    const withoutColumn = (line: string) => line.replace(/^spec\.\w+:(\d+):\d+: /, "line $1: ");
    expect(yaml.map(withoutColumn)).toEqual(['line 5: duplicate key "title" (first defined on line 3)']);
    expect(json.map(withoutColumn)).toEqual(yaml.map(withoutColumn));
  });
});

describe("loadSpecText loads JSON with JSON.parse", () => {
  it("reports a __proto__ key without polluting any prototype", () => {
    const text = lines("{", '  "info": {"__proto__": {"polluted": true}}', "}");
    expect(problemLines(load(text))).toEqual([
      'spec.json:2:12: key "__proto__" is not allowed: it would be dangerous in generated code',
    ]);
    expect((Object.prototype as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("takes text opening with { as JSON, after whitespace and a BOM", () => {
    const spec = loadSpecText("spec.json", '\uFEFF \n {"a": [1, "x", null, true]}');
    expect(spec.document).toEqual({ a: [1, "x", null, true] });
    expect(Object.getPrototypeOf(spec.document)).toBe(Object.prototype);
  });

  it("reads a JSON array through the YAML path (it is not a spec, the validator says so)", () => {
    expect(loadSpecText("spec.json", "[1, 2]").document).toEqual([1, 2]);
  });
});
