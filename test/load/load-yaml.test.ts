import { describe, expect, it } from "vitest";
import { loadSpecText } from "../../generator/load/load-spec.js";
import { lines, problemLines } from "./problem-lines.js";

const load = (text: string) => () => loadSpecText("spec.yaml", text);

describe("loadSpecText refuses YAML that is not plain data, at the exact position", () => {
  const cases: { name: string; given: string; want: string[] }[] = [
    {
      name: "bad syntax (the YAML library's message at its position)",
      given: lines("openapi: 3.1.0", "info:", "  title: T", " version: 1"),
      want: ["spec.yaml:4:1: All mapping items must start at the same column"],
    },
    {
      name: "unclosed flow sequence",
      given: lines("tags: [a, b", "info: x"),
      want: ["spec.yaml:2:1: Flow sequence in block collection must be sufficiently indented and end with a ]"],
    },
    {
      name: "duplicate key, at the second key",
      given: lines("info:", "  title: A", "  version: '1'", "  title: B"),
      want: ['spec.yaml:4:3: duplicate key "title" (first defined on line 2)'],
    },
    {
      name: "keys that collide once they are strings (200 and '200')",
      given: lines("responses:", "  200: {}", "  '200': {}"),
      want: ['spec.yaml:3:3: duplicate key "200" (first defined on line 2)'],
    },
    {
      name: "%YAML 1.1 directive",
      given: lines("%YAML 1.1", "---", "enabled: yes"),
      want: ["spec.yaml:1:1: only YAML 1.2 is accepted; remove the %YAML 1.1 directive (YAML 1.1 reads yes/no/on/off as booleans)"],
    },
    {
      name: "!!binary",
      given: lines("logo: !!binary aGVsbG8="),
      want: [
        "spec.yaml:1:7: YAML tag !!binary is not allowed: a spec is plain data (only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are accepted)",
      ],
    },
    {
      name: "!!timestamp",
      given: lines("info:", "  created: !!timestamp 2001-12-14"),
      want: [
        "spec.yaml:2:12: YAML tag !!timestamp is not allowed: a spec is plain data (only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are accepted)",
      ],
    },
    {
      name: "!!js/function",
      given: lines("x: !!js/function 'function () {}'"),
      want: [
        "spec.yaml:1:4: YAML tag !!js/function is not allowed: a spec is plain data (only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are accepted)",
      ],
    },
    {
      name: "a local tag on a mapping",
      given: lines("info: !custom", "  title: T"),
      want: [
        "spec.yaml:1:7: YAML tag !custom is not allowed: a spec is plain data (only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are accepted)",
      ],
    },
    {
      name: "a core tag that does not fit its value",
      given: lines("n: !!int ten"),
      want: ["spec.yaml:1:4: YAML tag !!int does not fit this value; remove the tag"],
    },
    {
      name: "merge key",
      given: lines("base: {a: 1}", "derived:", "  <<: {a: 1}", "  b: 2"),
      want: ["spec.yaml:3:3: YAML merge keys (<<) are not supported; write the keys out"],
    },
    {
      name: "more than one document, at the second",
      given: lines("openapi: 3.1.0", "---", "openapi: 3.0.0"),
      want: ["spec.yaml:2:1: a spec must be a single YAML document, but the file holds more than one"],
    },
    {
      name: "__proto__ key",
      given: lines("components:", "  schemas:", "    __proto__:", "      type: object"),
      want: ['spec.yaml:3:5: key "__proto__" is not allowed: it would be dangerous in generated code'],
    },
    {
      name: "constructor and prototype keys",
      given: lines("a:", "  constructor: 1", "  b: {prototype: 2}"),
      want: [
        'spec.yaml:2:3: key "constructor" is not allowed: it would be dangerous in generated code',
        'spec.yaml:3:7: key "prototype" is not allowed: it would be dangerous in generated code',
      ],
    },
    {
      name: "an alias",
      given: lines("a: &x {b: 1}", "c: *x"),
      want: ["spec.yaml:2:4: YAML alias *x is not supported; write the value out or use a $ref"],
    },
    {
      name: "a mapping as a key",
      given: lines("? {a: 1}", ": b"),
      want: ["spec.yaml:1:3: mapping keys must be strings, not mappings or lists"],
    },
    {
      name: "a number JSON cannot hold",
      given: lines("maximum: .inf"),
      want: ["spec.yaml:1:10: Infinity is not a JSON number; quote it if a string is meant"],
    },
    {
      name: "tabs as indentation",
      given: lines("info:", "\ttitle: T"),
      want: ["spec.yaml:2:1: Tabs are not allowed as indentation"],
    },
    {
      name: "nesting deeper than 256 levels (the 257th container, counting the root mapping)",
      given: `a: ${"[".repeat(300)}${"]".repeat(300)}\n`,
      want: ["spec.yaml:1:259: nesting is deeper than 256 levels"],
    },
  ];

  it.each(cases)("$name", ({ given, want }) => {
    expect(problemLines(load(given))).toEqual(want);
  });

  it("refuses an alias bomb quickly, without expanding it", () => {
    const bomb = lines(
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
      "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
      "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
      "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
      "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
      "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]",
      "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]",
    );
    expect(bomb.length).toBeLessThan(1024);
    const start = performance.now();
    const found = problemLines(load(bomb));
    expect(performance.now() - start).toBeLessThan(1000);
    expect(found[0]).toBe("spec.yaml:2:8: YAML alias *a is not supported; write the value out or use a $ref");
    expect(found).toHaveLength(8 * 9); // one per alias written, none per expansion
  });

  it("refuses deeply nested flow collections without a crash", () => {
    const found = problemLines(load(`a: ${"[".repeat(20000)}${"]".repeat(20000)}\n`));
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(/^spec\.yaml:1:\d+: /);
  });
});

describe("loadSpecText reads YAML 1.2 core-schema values", () => {
  it("keeps yes/no/on/off as strings and dates as strings", () => {
    const spec = loadSpecText("spec.yaml", lines("enabled: no", "other: yes", "switch: off", "date: 2024-02-05", "flag: true"));
    expect(spec.document).toEqual({ enabled: "no", other: "yes", switch: "off", date: "2024-02-05", flag: true });
  });

  it("reads an unquoted 1.10 as the number 1.1 (the validator asks for quotes)", () => {
    expect(loadSpecText("spec.yaml", lines("version: 1.10", "quoted: '1.10'")).document).toEqual({ version: 1.1, quoted: "1.10" });
  });

  it("keeps plain keys as written, so status codes stay strings", () => {
    const spec = loadSpecText("spec.yaml", lines("responses:", "  200: {}", "  1.10: {}", "  default: {}"));
    expect(Object.keys((spec.document as { responses: object }).responses)).toEqual(["200", "1.10", "default"]);
  });

  it("accepts the core tags, comments, anchors without aliases, and an empty value", () => {
    const spec = loadSpecText("spec.yaml", lines("# comment", "a: !!str 5", "b: &anchor {c: 1}", "d:"));
    expect(spec.document).toEqual({ a: "5", b: { c: 1 }, d: null });
  });

  it("loads an empty file as null (the validator then says what is missing)", () => {
    expect(loadSpecText("spec.yaml", "").document).toBeNull();
  });

  it("does not let a spec change Object.prototype", () => {
    expect(problemLines(load(lines("__proto__:", "  polluted: 1")))).toHaveLength(1);
    expect((Object.prototype as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});
