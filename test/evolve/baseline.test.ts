/**
 * In a git work tree the baseline is the package as committed (HEAD), so a package regenerated
 * several times between two commits gets one release, compared with the last commit, and the
 * history never records an intermediate state nobody committed.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { committedPackage } from "../../generator/evolve/baseline.js";
import { listFiles } from "../../generator/emit/emit.js";
import { petsSpec, project, removeTemps, run } from "./helpers.js";

afterAll(removeTemps);

const git = (cwd: string, ...args: string[]): string =>
  execFileSync("git", ["-c", "user.name=clientsmith-test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });

describe("the baseline is git's HEAD inside a work tree", () => {
  const p = project();
  const dir = join(p.generated, "pets");
  const spec = petsSpec();
  const releases = (): [string, string, string[]][] =>
    (JSON.parse(readFileSync(join(dir, "api-changes.json"), "utf8")) as { releases: { version: string; level: string; changes: { id: string }[] }[] }).releases.map((r) => [
      r.version,
      r.level,
      r.changes.map((c) => c.id),
    ]);

  it("before the first commit, the package on disk is the baseline: a change after the first run is a release", async () => {
    git(p.root, "init", "--quiet");
    p.write("pets.json", spec);
    expect((await run(...p.flags)).code).toBe(0);
    spec.components.schemas.Pet.properties.color = { type: "string" };
    p.write("pets.json", spec);
    expect((await run(...p.flags)).out).toBe(
      `wrote ${dir}\n${dir}: pets-client 0.1.0 → 0.2.0 (minor: 1 additive), compared with the package on disk (git has no commit of it: git-ignored or never committed)\n  additive  property-added:Pet.color  new optional property \`color?: string\` (Pet is output)\n`,
    );
    expect(releases()).toEqual([
      ["0.2.0", "additive", ["property-added:Pet.color"]],
      ["0.1.0", "initial", []],
    ]);
    git(p.root, "add", "-A");
    git(p.root, "commit", "--quiet", "-m", "first");
  }, 30_000);

  it("reads the committed package exactly as a clean checkout has it", () => {
    const baseline = committedPackage(dir);
    expect(baseline.source).toBe("git");
    expect([...baseline.files.keys()].sort()).toEqual(listFiles(dir));
    for (const path of listFiles(dir)) expect(baseline.files.get(path), path).toBe(readFileSync(join(dir, path), "utf8"));
  });

  it("two regenerations before the next commit make one release against the commit", async () => {
    spec.components.schemas.Pet.properties.weight = { type: "number" };
    p.write("pets.json", spec);
    expect((await run(...p.flags)).out).toContain("pets-client 0.2.0 → 0.3.0 (minor: 1 additive), compared with git HEAD\n");
    spec.components.schemas.NewPet.properties.weight = { type: "number" };
    p.write("pets.json", spec);
    expect((await run(...p.flags)).out).toContain("pets-client 0.2.0 → 0.3.0 (minor: 2 additive), compared with git HEAD\n");
    expect(releases()).toEqual([
      ["0.3.0", "additive", ["property-added:NewPet.weight", "property-added:Pet.weight"]],
      ["0.2.0", "additive", ["property-added:Pet.color"]],
      ["0.1.0", "initial", []],
    ]);
    expect(await run(...p.flags, "--check")).toEqual({ code: 0, out: "1 package up to date.\n", err: "" });
  }, 30_000);

  it("after the commit, the next change is the next release", async () => {
    git(p.root, "add", "-A");
    git(p.root, "commit", "--quiet", "-m", "second");
    expect(await run(...p.flags, "--check")).toEqual({ code: 0, out: "1 package up to date.\n", err: "" });
    spec.components.schemas.Pet.properties.legs = { type: "integer" };
    p.write("pets.json", spec);
    expect((await run(...p.flags)).out).toContain("pets-client 0.3.0 → 0.4.0 (minor: 1 additive), compared with git HEAD\n");
    expect(releases().map(([v]) => v)).toEqual(["0.4.0", "0.3.0", "0.2.0", "0.1.0"]);
  }, 30_000);

  it("a git-ignored package is compared with the package on disk, and a breaking change is refused", async () => {
    const ignored = project();
    const ignoredDir = join(ignored.generated, "pets");
    git(ignored.root, "init", "--quiet");
    writeFileSync(join(ignored.root, ".gitignore"), "generated/\n");
    const pets = petsSpec();
    ignored.write("pets.json", pets);
    git(ignored.root, "add", "-A");
    git(ignored.root, "commit", "--quiet", "-m", "specs only");
    expect((await run(...ignored.flags)).code).toBe(0);
    expect(committedPackage(ignoredDir).source).toBe("disk");
    delete pets.components.schemas.Pet.properties.tag;
    ignored.write("pets.json", pets);
    const refused = await run(...ignored.flags);
    expect(refused.code).toBe(1);
    expect(refused.out.split("\n")[0]).toBe(`${ignoredDir}: pets-client 0.1.0 → 1.0.0 (major: 1 breaking), compared with the package on disk (git has no commit of it: git-ignored or never committed)`);
    expect(refused.out).toContain("Nothing was written.");
  }, 30_000);

  it("outside a work tree it is the package on disk", () => {
    const outside = project();
    expect(committedPackage(join(outside.generated, "pets")).source).toBe("disk");
  });
});
