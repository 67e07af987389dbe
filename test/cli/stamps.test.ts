/**
 * Stamps (generator/emit/stamps.ts): a no-op `generate` skips a spec unread when its bytes, the
 * generator and the package on disk are what the last run left, and regenerates as soon as one
 * of them changes. `--check` never trusts a stamp.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { run } from "../helpers/cli.js";

const PETSTORE = fileURLToPath(new URL("../fixtures/specs/petstore.yaml", import.meta.url));
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe("a stamped package is skipped until something changes", () => {
  let specs: string;
  let generated: string;
  let flags: string[];
  beforeEach(async () => {
    const root = mkdtempSync(join(tmpdir(), "clientsmith-stamps-"));
    temps.push(root);
    specs = join(root, "specs");
    generated = join(root, "generated");
    mkdirSync(specs);
    cpSync(PETSTORE, join(specs, "pets.yaml"));
    flags = ["--specs", specs, "--generated", generated];
    expect((await run(...flags)).code).toBe(0);
  }, 30_000);

  it("an unchanged tree is not regenerated: the spec is not even loaded", async () => {
    const second = await run(...flags, "--timings");
    expect(second.out).toBe("1 package(s) already up to date.\n");
    expect(second.err).toMatch(/^up-to-date\s+\d+ ms\n$/);
  });

  it("a changed spec is regenerated", async () => {
    const spec = join(specs, "pets.yaml");
    const text = readFileSync(spec, "utf8");
    expect(text).toContain("title: Petstore\n");
    writeFileSync(spec, text.replace("title: Petstore\n", "title: Petstore Two\n"));
    const again = await run(...flags, "--timings");
    expect(again.err).toContain("load");
    expect(readFileSync(join(generated, "pets", "README.md"), "utf8")).toContain("Petstore Two");
  });

  it("a hand-edited, deleted or added file is put right", async () => {
    const models = join(generated, "pets", "src/models.ts");
    const original = readFileSync(models, "utf8");
    writeFileSync(models, original.replace("name: string;", "name: number;"));
    await run(...flags);
    expect(readFileSync(models, "utf8")).toBe(original);

    rmSync(models);
    await run(...flags);
    expect(readFileSync(models, "utf8")).toBe(original);

    writeFileSync(join(generated, "pets", "stray.txt"), "x");
    expect((await run(...flags)).out).toBe(`wrote ${join(generated, "pets")}\n`);
  });

  it("--check compares bytes even where a stamp would say nothing changed", async () => {
    const models = join(generated, "pets", "src/models.ts");
    const { mtime, atime } = statSync(models);
    const original = readFileSync(models, "utf8");
    // The same size and mtime: only the bytes tell.
    writeFileSync(models, original.replace("name: string;", "name: String;"));
    utimesSync(models, atime, mtime);
    expect((await run(...flags, "--check")).code).toBe(1);
  });

  it("CLIENTSMITH_STAMPS=off regenerates every time", async () => {
    process.env["CLIENTSMITH_STAMPS"] = "off";
    try {
      const again = await run(...flags, "--timings");
      expect(again.err).toContain("load");
    } finally {
      delete process.env["CLIENTSMITH_STAMPS"];
    }
  });
});
