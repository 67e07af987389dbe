/**
 * The fast paths of the format and compile stages (oxfmt, TypeScript 7's native emit, the runtime
 * compile cache) against the reference ones (prettier, the JavaScript compiler file by file):
 * the same bytes for every package, and the width guard that sends a file to prettier when the
 * two formatters could count columns differently.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { util } from "prettier";
import { format as oxfmt } from "oxfmt";
import { afterEach, describe, expect, it } from "vitest";
import { UNSURE_WIDTH, joinFittingUnions } from "../../generator/format/fast-format.js";
import { nativeTsc } from "../../generator/compile/native-compile.js";
import { generatePackage } from "../../generator/pipeline.js";
import { realSpec } from "../fixtures/real-specs/real-specs.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SPECS = [
  ...readdirSync(join(ROOT, "specs"))
    .filter((f) => /\.ya?ml$|\.json$/.test(f))
    .map((f) => join(ROOT, "specs", f)),
  join(ROOT, "test/fixtures/specs/petstore.yaml"),
  realSpec("dojo-api.openapi.2024-02-05.yaml"),
];

const saved = { ...process.env };
afterEach(() => {
  process.env["CLIENTSMITH_FORMATTER"] = saved["CLIENTSMITH_FORMATTER"];
  process.env["CLIENTSMITH_COMPILER"] = saved["CLIENTSMITH_COMPILER"];
  for (const key of ["CLIENTSMITH_FORMATTER", "CLIENTSMITH_COMPILER"]) if (saved[key] === undefined) delete process.env[key];
});

describe("fast format and compile give the reference bytes", () => {
  it("the native compiler is installed here", () => expect(nativeTsc()).not.toBeNull());

  it.each(SPECS.map((s) => [s.slice(ROOT.length), s]))("%s", async (_, spec) => {
    const fast = await generatePackage(spec);
    process.env["CLIENTSMITH_FORMATTER"] = "prettier";
    process.env["CLIENTSMITH_COMPILER"] = "typescript";
    const reference = await generatePackage(spec);
    expect(fast.files.map((f) => f.path)).toEqual(reference.files.map((f) => f.path));
    for (const [i, file] of fast.files.entries()) expect(file.content, file.path).toBe(reference.files[i]?.content);
  }, 60_000);
});

describe("joinFittingUnions restores prettier's one-line unions", () => {
  const cases: [string, { given: string; want: string }][] = [
    ["after =", { given: 'export type A =\n  | "a"\n  | "b";\n', want: 'export type A =\n  "a" | "b";\n' }],
    ["after :", { given: '  kind?:\n    | "a"\n    | "b";\n', want: '  kind?:\n    "a" | "b";\n' }],
    ["inside ( )[]", { given: '  list?: (\n    | "a"\n    | "b"\n  )[];\n', want: '  list?: (\n    "a" | "b"\n  )[];\n' }],
    ["too long stays broken", { given: `export type A =\n  | "${"a".repeat(50)}"\n  | "${"b".repeat(50)}";\n`, want: `export type A =\n  | "${"a".repeat(50)}"\n  | "${"b".repeat(50)}";\n` }],
    ["a member over several lines stays broken", { given: "export type A =\n  | {\n      a: string;\n    }\n  | B;\n", want: "export type A =\n  | {\n      a: string;\n    }\n  | B;\n" }],
    ["exactly 100 columns joins", { given: `type A =\n  | "${"a".repeat(45)}"\n  | "${"b".repeat(44)}";\n`, want: `type A =\n  "${"a".repeat(45)}" | "${"b".repeat(44)}";\n` }],
  ];
  it.each(cases)("%s", (_, { given, want }) => expect(joinFittingUnions(given)).toBe(want));
});

describe("the width guard", () => {
  it("lets through only characters prettier counts as one column", () => {
    const wider: string[] = [];
    for (let cp = 0x80; cp <= 0xffff; cp++) {
      const c = String.fromCodePoint(cp);
      if (!UNSURE_WIDTH.test(c) && util.getStringWidth(c) !== 1) wider.push(cp.toString(16));
    }
    expect(wider).toEqual([]);
  });

  it("and oxfmt counts each of those as one column too", async () => {
    const options = { printWidth: 100, trailingComma: "all", parser: "typescript" } as const;
    const characters: string[] = [];
    for (let cp = 0xa0; cp <= 0xffff; cp++) {
      const c = String.fromCodePoint(cp);
      if (!UNSURE_WIDTH.test(c)) characters.push(c);
    }
    // Each call is exactly 100 columns wide when its character counts as one: it stays on one line.
    const source = characters.map((c) => `f("${"a".repeat(100 - `f("${c}", bbbbbbbbbb);`.length)}${c}", bbbbbbbbbb);`).join("\n");
    const { code, errors } = await oxfmt("width.ts", `${source}\n`, options);
    expect(errors).toEqual([]);
    const broken = code.split("\n").filter((line) => line.startsWith("f(") && !line.endsWith(");"));
    expect(broken).toEqual([]);
  }, 30_000);
});
