/**
 * The YAML fast path (js-yaml's events) builds the very data of the `yaml` library path on clean
 * documents, and gives up — so that parse-yaml.ts reports — on anything else.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseYamlFast, plainScalar } from "../../generator/load/fast-yaml.js";
import { parseYamlSpec } from "../../generator/load/parse-yaml.js";
import { realSpec } from "../fixtures/real-specs/real-specs.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FILES = [
  ...readdirSync(join(ROOT, "specs")).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(ROOT, "specs", f)),
  ...readdirSync(join(ROOT, "test/fixtures/specs")).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(ROOT, "test/fixtures/specs", f)),
  realSpec("petstore.yaml"),
  realSpec("dojo-api.openapi.2024-02-05.yaml"),
  realSpec("stripe.spec3.2023-09-12.yaml"),
];

const lines = (...l: string[]): string => `${l.join("\n")}\n`;

describe("on real specs the fast path gives the yaml library's data", () => {
  it.each(FILES.map((f) => [f.slice(f.lastIndexOf("/") + 1), f]))("%s", (_, file) => {
    const text = readFileSync(file, "utf8");
    const fast = parseYamlFast(file, text);
    expect(fast, "the fast path gave up").toBeDefined();
    expect(fast?.document).toStrictEqual(parseYamlSpec(file, text).document);
  }, 60_000);
});

describe("values follow YAML 1.2's core schema and keys stay as written", () => {
  const cases: [string, string, unknown][] = [
    ["yes/no/on/off are strings", lines("a: yes", "b: no", "c: on", "d: off"), { a: "yes", b: "no", c: "on", d: "off" }],
    ["booleans", lines("a: true", "b: False", "c: TRUE"), { a: true, b: false, c: true }],
    ["nulls", lines("a: ~", "b: null", "c:", "d: NULL"), { a: null, b: null, c: null, d: null }],
    ["numbers", lines("a: 1.10", "b: 0x1F", "c: 0o17", "d: -5", "e: 1e3", "f: .5", "g: 007"), { a: 1.1, b: 31, c: 15, d: -5, e: 1000, f: 0.5, g: 7 }],
    ["dates stay strings", lines("a: 2024-02-05"), { a: "2024-02-05" }],
    ["keys as written", lines("200: {}", "1.10: x", "true: y", "~: z"), { "200": {}, "1.10": "x", true: "y", "~": "z" }],
    ["quoted and block scalars", lines("a: '1.10'", 'b: "x\\ty"', "c: >-", "  folded", "  text", "d: |", "  kept", "  lines"), { a: "1.10", b: "x\ty", c: "folded text", d: "kept\nlines\n" }],
    ["flow collections", lines("a: [1, two, {b: 3}]", "c: {}"), { a: [1, "two", { b: 3 }], c: {} }],
  ];
  it.each(cases)("%s", (_, text, want) => {
    expect(parseYamlFast("x.yaml", text)?.document).toStrictEqual(want);
    expect(parseYamlSpec("x.yaml", text).document).toStrictEqual(want);
  });

  it.each([["0.0", 0], ["-0", -0], ["+12", 12], ["1_000", "1_000"], ["0x", "0x"], ["word", "word"], ["Null", null], ["nULL", "nULL"]])("plainScalar(%j)", (text, want) => {
    expect(plainScalar(text)).toStrictEqual(want);
  });
});

describe("anything but clean plain data is left to the yaml library", () => {
  const cases: [string, string][] = [
    ["an anchor", lines("a: &x 1")],
    ["an alias", lines("a: &x 1", "b: *x")],
    ["a tag", lines("a: !!str 5")],
    ["a merge key", lines("a: {b: 1}", "c:", "  <<: {b: 2}")],
    ["a duplicate key", lines("a: 1", "a: 2")],
    ["a reserved key", lines("__proto__: 1")],
    ["a non-finite number", lines("a: .inf")],
    ["a directive", lines("%YAML 1.2", "---", "a: 1")],
    ["two documents", lines("a: 1", "---", "b: 2")],
    ["a syntax error", lines("a: [1, 2", "b: 3")],
    ["an empty file", ""],
    ["a complex key", lines("? [a, b]", ": 1")],
  ];
  it.each(cases)("%s", (_, text) => expect(parseYamlFast("x.yaml", text)).toBeUndefined());
});

describe("positions are computed only when asked, as the yaml library path gives them", () => {
  it("locates a key and a value", () => {
    const text = lines("openapi: 3.0.0", "paths:", "  /a:", "    get:", "      operationId: x");
    const fast = parseYamlFast("x.yaml", text);
    const slow = parseYamlSpec("x.yaml", text);
    for (const [pointer, atKey] of [[["paths", "/a", "get"], true], [["paths", "/a", "get", "operationId"], false], [["nope"], false]] as const) {
      expect(fast?.locate([...pointer], atKey)).toEqual(slow.locate([...pointer], atKey));
    }
  });
});
