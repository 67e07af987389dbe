/**
 * The code a reader copies from a README compiles under strict TypeScript. Every ```ts block of
 * each generated package's README is checked against the package itself (imported by name),
 * the blocks of one README in order as one module, as a reader continues from "Construct" to
 * "Calls"; each block of the repository's README is a module of its own.
 */

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TscResult, REPO_ROOT, STRICT_COMPILER_OPTIONS, discoverPackages, linkNodeTypes, linkPackages, runTsc } from "../helpers/packages.js";

const PACKAGES = discoverPackages();

/** The bodies of the ```ts blocks of a Markdown text, in order. */
function typeScriptBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? "");
}

let root = "";

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "clientsmith-readme-"));
  linkPackages(root, PACKAGES);
  linkNodeTypes(root);
});

afterAll(() => {
  if (root !== "") rmSync(root, { recursive: true, force: true });
});

/** Compiles `files` strict, as ES modules (the snippets use top-level await) that may read `process`. */
async function compile(project: string, files: Readonly<Record<string, string>>): Promise<TscResult> {
  const dir = join(root, project);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: project, private: true, type: "module" })}\n`);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const compilerOptions = { ...STRICT_COMPILER_OPTIONS, types: ["node"] };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: Object.keys(files) }));
  return runTsc(join(dir, "tsconfig.json"));
}

function readme(dir: string): string {
  return readFileSync(join(dir, "README.md"), "utf8");
}

describe("README code blocks compile strict", () => {
  // One compilation for all READMEs, a file (a module) per README or block: one tsc run, not one per package.
  const files: Record<string, string> = {};
  for (const pkg of PACKAGES) files[`readme-${pkg.name}.ts`] = typeScriptBlocks(readme(pkg.dir)).join("\n");
  typeScriptBlocks(readme(REPO_ROOT)).forEach((block, i) => (files[`repository-block-${i + 1}.ts`] = block));
  let result: TscResult;

  beforeAll(async () => {
    result = await compile("readmes", files);
  });

  it.each(PACKAGES)("$name: every ts block of its README", (pkg) => {
    const blocks = typeScriptBlocks(readme(pkg.dir));
    expect(blocks.length).toBeGreaterThanOrEqual(3); // Construct, Calls, Errors
    expect(result.diagnostics.filter((d) => d.file.endsWith(`readme-${pkg.name}.ts`)), result.output).toEqual([]);
  });

  it("the repository's README: every ts block", () => {
    expect(Object.keys(files).filter((f) => f.startsWith("repository-block-")).length).toBeGreaterThan(0);
    expect(result.diagnostics.filter((d) => d.file.includes("repository-block-")), result.output).toEqual([]);
  });

  it("the compilation as a whole is clean", () => {
    expect(result.diagnostics, result.output).toEqual([]);
    expect(result.exitCode, result.output).toBe(0);
  });

  it("negative control: the old construction snippet (`apiKey: process.env.API_KEY`) fails with TS2322", async () => {
    const dojo = PACKAGES.find((p) => p.name === "dojo-client");
    if (dojo === undefined) throw new Error("dojo-client is not generated");
    const [construct = ""] = typeScriptBlocks(readme(dojo.dir));
    const old = construct.replace(/setting\("DOJO_API_KEY"\)/, "process.env.API_KEY");
    expect(old).not.toBe(construct);
    const result = await compile("readme-negative", { "readme.ts": old });
    expect(result.exitCode).not.toBe(0);
    expect(result.diagnostics.map((d) => d.code), result.output).toEqual(["TS2322"]);
  });

  it("finds the blocks of a Markdown text, and only the ts ones", () => {
    const markdown = "# x\n\n```sh\nnpm i\n```\n\n```ts\nconst a = 1;\n```\n\ntext\n\n```ts\nconst b = 2;\nconst c = 3;\n```\n";
    expect(typeScriptBlocks(markdown)).toEqual(["const a = 1;\n", "const b = 2;\nconst c = 3;\n"]);
  });
});
