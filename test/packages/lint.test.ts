/**
 * Every generated package passes publint (package.json against the files npm would publish) and
 * "Are the types wrong?" (@arethetypeswrong/core: how TypeScript resolves each entry point under
 * node10, node16 CommonJS, node16 ESM and bundler resolution), through their programmatic APIs,
 * over the file list `npm pack` gives.
 *
 * The packages are ES modules. CommonJS code loads them with require() on Node 20.19+/22.12+,
 * and TypeScript types that require() under `module: nodenext` (test/packages/require.test.ts);
 * arethetypeswrong predates require(esm) and reports exactly that resolution as
 * CJSResolvesToESM, which is the one problem accepted, and only under node16 CommonJS: its
 * "esm-only" profile, plus every check of the others.
 */

import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type Problem, Package, checkPackage } from "@arethetypeswrong/core";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENERATED, type PackageInfo, discoverPackages } from "../helpers/packages.js";

const PACKAGES = discoverPackages();

/** The files `npm pack` would publish, relative to the package, with their bytes. */
async function packedFiles(dir: string): Promise<Map<string, Uint8Array>> {
  const { stdout } = await promisify(execFile)("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: dir });
  const [report] = JSON.parse(stdout) as { files: { path: string }[] }[];
  if (report === undefined) throw new Error(`npm pack reported nothing for ${dir}`);
  return new Map(report.files.map((f) => [f.path, readFileSync(join(dir, f.path))]));
}

/** publint's messages, each as `type CODE: message`. */
async function publintMessages(dir: string, files: ReadonlyMap<string, Uint8Array>): Promise<string[]> {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Record<string, unknown>;
  const packFiles = [...files].map(([path, data]) => ({ name: join(dir, path), data }));
  const { messages } = await publint({ pkgDir: dir, level: "suggestion", strict: true, pack: { files: packFiles } });
  return messages.map((m) => `${m.type} ${m.code}: ${formatMessage(m, manifest) ?? ""}`);
}

/** arethetypeswrong's problems that a user of an ES-module package would meet. */
async function typeProblems(files: ReadonlyMap<string, Uint8Array>): Promise<Problem[]> {
  const manifest = JSON.parse(new TextDecoder().decode(files.get("package.json"))) as { name: string; version: string };
  const prefixed = Object.fromEntries([...files].map(([path, data]) => [`/node_modules/${manifest.name}/${path}`, data]));
  const result = await checkPackage(new Package(prefixed, manifest.name, manifest.version));
  if (!("problems" in result)) throw new Error(`${manifest.name}: arethetypeswrong found no types to check`);
  return result.problems.filter((p) => !(p.kind === "CJSResolvesToESM" && "resolutionKind" in p && p.resolutionKind === "node16-cjs"));
}

describe("generated packages pass publint and arethetypeswrong", () => {
  it.concurrent.each(PACKAGES)("$name", async (pkg: PackageInfo) => {
    const files = await packedFiles(pkg.dir);
    expect([...files.keys()]).toEqual(expect.arrayContaining(["package.json", "dist/index.js", "dist/index.d.ts", "README.md"]));
    expect(await publintMessages(pkg.dir, files)).toEqual([]);
    expect(await typeProblems(files)).toEqual([]);
  });
});

describe("negative control: a package whose types entry is missing", () => {
  let dir = "";

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "clientsmith-lint-"));
    cpSync(join(GENERATED, "jodo"), dir, { recursive: true });
    const manifestPath = join(dir, "package.json");
    const manifest = readFileSync(manifestPath, "utf8");
    writeFileSync(manifestPath, manifest.replaceAll('"./dist/index.d.ts"', '"./dist/missing.d.ts"'));
  });

  afterAll(() => {
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  it("fails both checks", async () => {
    const files = await packedFiles(dir);
    expect(await publintMessages(dir, files)).toEqual(expect.arrayContaining([expect.stringMatching(/^error FILE_DOES_NOT_EXIST/)]));
    expect((await typeProblems(files)).map((p) => p.kind)).toContain("UntypedResolution");
  });
});
