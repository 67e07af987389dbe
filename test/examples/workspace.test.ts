/**
 * The example application (examples/checkout) consumes generated packages as a user's app does:
 * through the npm workspace, which `npm ci` links into node_modules from the lockfile. Here: the
 * app type-checks strict with its own tsconfig; the workspace and the lockfile agree, so a fresh
 * clone's `npm ci` links every package the app depends on; and those links survive a
 * regeneration, which swaps package directories in by rename. (The app's own behaviour tests,
 * against loopback servers, are examples/checkout/test/, which vitest runs with the rest.)
 */

import { mkdirSync, readFileSync, realpathSync, symlinkSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT, runTsc } from "../helpers/packages.js";
import { petsSpec, project, removeTemps, run } from "../evolve/helpers.js";

afterAll(removeTemps);

const EXAMPLE = join(REPO_ROOT, "examples/checkout");

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly workspaces?: readonly string[];
  readonly dependencies?: Readonly<Record<string, string>>;
}

function manifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
}

interface LockEntry {
  readonly name?: string;
  readonly version?: string;
  readonly resolved?: string;
  readonly link?: boolean;
}
const lock = JSON.parse(readFileSync(join(REPO_ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };

/** The workspace directories the root package.json names, relative to the repository. */
function workspaceDirs(): string[] {
  const patterns = manifest(REPO_ROOT).workspaces ?? [];
  return Object.keys(lock.packages).filter((key) => !key.includes("node_modules") && key !== "" && patterns.some((p) => p === key || (p.endsWith("/*") && key.startsWith(p.slice(0, -1)))));
}

describe("examples/checkout", () => {
  it("type-checks strict with its own tsconfig", async () => {
    const result = await runTsc(join(EXAMPLE, "tsconfig.json"));
    expect(result.diagnostics, result.output).toEqual([]);
    expect(result.exitCode, result.output).toBe(0);
  });

  it("depends on two generated packages, each a workspace of the root", () => {
    const dependencies = Object.keys(manifest(EXAMPLE).dependencies ?? {});
    expect(dependencies).toEqual(["dojo-client", "jodo-client"]);
    const workspaces = manifest(REPO_ROOT).workspaces;
    expect(workspaces).toEqual(expect.arrayContaining(["examples/*", "generated/dojo", "generated/jodo"]));
  });

  it("the lockfile has every workspace and its node_modules link, so `npm ci` on a fresh clone links them", () => {
    const dirs = ["examples/checkout", "generated/dojo", "generated/jodo"];
    expect(workspaceDirs().sort()).toEqual(dirs);
    for (const dir of dirs) {
      const { name } = manifest(join(REPO_ROOT, dir));
      expect(lock.packages[dir], dir).toMatchObject({ name });
      expect(lock.packages[`node_modules/${name}`], name).toEqual({ resolved: dir, link: true });
    }
  });

  it("resolves its dependencies to generated/ through node_modules", () => {
    for (const [name, dir] of [["dojo-client", "generated/dojo"], ["jodo-client", "generated/jodo"]] as const) {
      expect(relative(REPO_ROOT, realpathSync(join(REPO_ROOT, "node_modules", name)))).toBe(dir);
    }
  });
});

describe("workspace links and regeneration", () => {
  it("a node_modules link to generated/<name> sees the regenerated package", async () => {
    const p = project();
    p.write("pets.json", petsSpec());
    expect((await run(...p.flags)).code).toBe(0);
    // As npm links a workspace: a relative symlink from node_modules.
    mkdirSync(join(p.root, "node_modules"));
    const link = join(p.root, "node_modules/pets-client");
    symlinkSync("../generated/pets", link);
    const before = manifest(link).version;

    const spec = petsSpec();
    spec.paths["/pets"].get.description = "Lists every pet, newest first.";
    p.write("pets.json", spec);
    const regenerated = await run(...p.flags);
    expect(regenerated.err).toBe("");
    expect(regenerated.code).toBe(0);

    expect(realpathSync(link)).toBe(realpathSync(join(p.generated, "pets")));
    expect(manifest(link).version).not.toBe(before);
    expect(readFileSync(join(link, "src/resources/pets.ts"), "utf8")).toContain("Lists every pet, newest first.");
  });
});
