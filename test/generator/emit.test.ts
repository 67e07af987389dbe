/**
 * Emit: packages are swapped in whole or not at all, and the same spec always gives the same
 * bytes, with nothing of the machine that generated them inside.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type PackageOutput, type WriteFile, emitPackages, isUpToDate } from "../../generator/emit/emit.js";
import { type GeneratedPackage, generatePackage } from "../../generator/pipeline.js";
import { snapshot, tempDirs } from "../helpers/cli.js";

const tempDir = tempDirs("clientsmith-emit-");

const file = (path: string, content: string) => ({ path, content });

/**
 * An output directory holding `alpha/` (an old version: one file to change, one to delete) and
 * `beta/` (up to date), and outputs that change alpha and create gamma.
 */
function scene(): { root: string; outputs: PackageOutput[]; fileCount: number } {
  const root = tempDir();
  mkdirSync(join(root, "alpha/src"), { recursive: true });
  writeFileSync(join(root, "alpha/src/index.ts"), "export const version = 1;\n");
  writeFileSync(join(root, "alpha/src/removed.ts"), "export {};\n");
  writeFileSync(join(root, "alpha/package.json"), '{"name":"alpha"}\n');
  mkdirSync(join(root, "beta"));
  writeFileSync(join(root, "beta/README.md"), "# beta\n");
  const outputs: PackageOutput[] = [
    { dir: join(root, "alpha"), files: [file("package.json", '{"name":"alpha"}\n'), file("src/index.ts", "export const version = 2;\n"), file("src/new/deep.ts", "export {};\n")] },
    { dir: join(root, "beta"), files: [file("README.md", "# beta\n")] },
    { dir: join(root, "gamma"), files: [file("a.txt", "a\n"), file("b/c.txt", "c\n")] },
  ];
  // beta is up to date, so it is not rewritten: 3 files for alpha, 2 for gamma.
  return { root, outputs, fileCount: 5 };
}

/** What the outputs should look like on disk, written plainly into a fresh directory. */
function materialize(outputs: readonly PackageOutput[], root: string): string {
  const want = tempDir();
  for (const o of outputs) {
    for (const f of o.files) {
      const path = join(want, relative(root, o.dir), f.path);
      mkdirSync(join(path, ".."), { recursive: true });
      writeFileSync(path, f.content);
    }
  }
  return want;
}

describe("emitPackages is atomic", () => {
  it("writes changed packages whole: changed files, new files, deleted files; up-to-date ones untouched", () => {
    const { root, outputs } = scene();
    const written: string[] = [];
    const write: WriteFile = (path, content) => {
      written.push(relative(root, path));
      writeFileSync(path, content);
    };
    expect(emitPackages(outputs, write)).toEqual([join(root, "alpha"), join(root, "gamma")]);
    expect(snapshot(root)).toEqual(snapshot(materialize(outputs, root)));
    expect(written.some((p) => p.startsWith("beta"))).toBe(false);
    expect(outputs.every(isUpToDate)).toBe(true);
    expect(emitPackages(outputs)).toEqual([]);
  });

  const failAt = [1, 2, 3, 4, 5];
  it.each(failAt)("a write that fails on file %i leaves every package as it was and no staging behind, and says which folder", (n) => {
    const { root, outputs, fileCount } = scene();
    expect(n).toBeLessThanOrEqual(fileCount);
    const before = snapshot(root);
    let count = 0;
    const write: WriteFile = (path, content) => {
      count++;
      if (count === n) throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: "ENOSPC" });
      writeFileSync(path, content);
    };
    // Files 1-3 belong to alpha, 4-5 to gamma.
    const dir = join(root, n <= 3 ? "alpha" : "gamma");
    expect(() => emitPackages(outputs, write)).toThrow(
      expect.objectContaining({ name: "CannotWriteError", dir, message: expect.stringMatching(new RegExp(`^cannot write ${dir}: ENOSPC: no space left on device, write '`)) }),
    );
    expect(count).toBe(n);
    expect(snapshot(root)).toEqual(before);
    expect(readdirSync(root).filter((name) => name.includes("clientsmith-"))).toEqual([]);
  });

  it("a write that fails after writing part of a file leaves nothing half-written", () => {
    const { root, outputs } = scene();
    const before = snapshot(root);
    const write: WriteFile = (path, content) => {
      writeFileSync(path, content.slice(0, 3));
      if (path.endsWith("deep.ts")) throw new Error("EIO: i/o error");
      writeFileSync(path, content);
    };
    expect(() => emitPackages(outputs, write)).toThrow(/EIO/);
    expect(snapshot(root)).toEqual(before);
  });

  it("a stale staging directory from a killed run is replaced, not merged", () => {
    const { root, outputs } = scene();
    mkdirSync(join(root, "alpha.clientsmith-staging/src"), { recursive: true });
    writeFileSync(join(root, "alpha.clientsmith-staging/src/stale.ts"), "stale\n");
    emitPackages(outputs);
    expect(existsSync(join(root, "alpha/src/stale.ts"))).toBe(false);
    expect(readdirSync(root).sort()).toEqual(["alpha", "beta", "gamma"]);
  });
});

describe("generation is deterministic and machine-independent", () => {
  const fixture = fileURLToPath(new URL("../fixtures/specs/petstore.yaml", import.meta.url));
  let first: GeneratedPackage;
  let second: GeneratedPackage;
  let dirA: string;
  let dirB: string;
  beforeAll(async () => {
    // The same spec from two different directories, generated one after the other.
    dirA = join(tempDir(), "one");
    dirB = join(tempDir(), "two", "deeper");
    mkdirSync(dirA, { recursive: true });
    mkdirSync(dirB, { recursive: true });
    cpSync(fixture, join(dirA, "petstore.yaml"));
    cpSync(fixture, join(dirB, "petstore.yaml"));
    first = await generatePackage(join(dirA, "petstore.yaml"));
    second = await generatePackage(join(dirB, "petstore.yaml"));
  }, 30_000);

  it("the same spec gives identical bytes, file for file", () => {
    expect(second.name).toBe(first.name);
    expect(second.files.map((f) => f.path)).toEqual(first.files.map((f) => f.path));
    for (const [i, f] of first.files.entries()) expect(second.files[i]?.content, f.path).toBe(f.content);
  });

  it("files come sorted by path, so write order is stable too", () => {
    const paths = first.files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("no file contains a path of this machine, a user name or a timestamp", () => {
    const repo = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
    const forbidden = [dirA, dirB, tmpdir(), repo, process.cwd()];
    const today = new Date().toISOString().slice(0, 10);
    for (const f of first.files) {
      for (const text of forbidden) expect(f.content.includes(text), `${f.path} contains ${text}`).toBe(false);
      expect(f.content.includes(today), `${f.path} contains today's date`).toBe(false);
      expect(f.content, f.path).not.toMatch(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    }
  });

  it("the header names the spec by its file name only", () => {
    const index = first.files.find((f) => f.path === "src/index.ts")?.content ?? "";
    expect(index.split("\n")[0]).toBe("// Generated by clientsmith from petstore.yaml. Do not edit: change the spec and run `npm run generate`.");
  });
});
