/**
 * clientsmith as another project uses it: `npm pack` the repository, `npm i` the tarball into a
 * fresh project, then `npx clientsmith`. Proves the bin is a file Node runs, the tarball holds
 * everything the generator reads, and the installed generator takes the fast compile path (it
 * says on stderr when it cannot). The installed package's own cache folder is made unwritable (a
 * file where the folder would go), as in a read-only install: the launcher's bundle then goes to
 * the user's cache folder and still runs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDirs } from "../helpers/cli.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PETSTORE = fileURLToPath(new URL("../fixtures/specs/petstore.yaml", import.meta.url));
const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
const tempDir = tempDirs("clientsmith-installed-");

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const NPX = process.platform === "win32" ? "npx.cmd" : "npx";

describe("npm pack, npm i ./clientsmith-*.tgz, npx clientsmith", () => {
  let app: string;
  let packed: string[];
  let userCache: string;
  const npx = (...argv: string[]) => {
    const result = spawnSync(NPX, ["clientsmith", ...argv], { cwd: app, encoding: "utf8", env: { ...process.env, XDG_CACHE_HOME: userCache } });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };
  beforeAll(() => {
    const packs = tempDir();
    const pack = JSON.parse(execFileSync(NPM, ["pack", "--json", "--pack-destination", packs], { cwd: ROOT, encoding: "utf8" })) as { filename: string; files: { path: string }[] }[];
    packed = (pack[0]?.files ?? []).map((file) => file.path);
    app = tempDir();
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }));
    copyFileSync(PETSTORE, join(app, "petstore.yaml"));
    const tarball = join(packs, readdirSync(packs).find((name) => /^clientsmith-.*\.tgz$/.test(name)) ?? "missing.tgz");
    execFileSync(NPM, ["i", tarball, "--prefer-offline", "--no-audit", "--no-fund"], { cwd: app, encoding: "utf8", stdio: "pipe" });
    const ownModules = join(app, "node_modules", "clientsmith", "node_modules");
    mkdirSync(ownModules, { recursive: true });
    writeFileSync(join(ownModules, ".cache"), "not a folder\n");
    userCache = tempDir();
  }, 120_000);

  it("the tarball holds the generator, templates and runtime, and neither tests nor generated packages", () => {
    expect(packed).toEqual(expect.arrayContaining(["package.json", "README.md", "generator/launch.mjs", "generator/cli.ts", "templates/runtime/client.ts"]));
    expect(packed.filter((path) => /^(test|generated|specs|bench)\//.test(path))).toEqual([]);
  });

  it("npx clientsmith --version prints the version; the launcher's bundle is cached in the user's cache folder", () => {
    expect(npx("--version")).toEqual({ code: 0, out: `${version}\n`, err: "" });
    expect(readdirSync(join(userCache, "clientsmith")).filter((name) => name.startsWith("cli-"))).toHaveLength(1);
  });

  it("npx clientsmith --spec petstore.yaml --out clients/pets generates a package, on the native compiler", () => {
    expect(npx("--spec", "petstore.yaml", "--out", "clients/pets")).toEqual({ code: 0, out: "wrote clients/pets\n", err: "" });
    const manifest = JSON.parse(readFileSync(join(app, "clients/pets/package.json"), "utf8")) as { name: string; main: string; types: string };
    expect(manifest.name).toBe("petstore-client");
    expect(existsSync(join(app, "clients/pets", manifest.main))).toBe(true);
    expect(existsSync(join(app, "clients/pets", manifest.types))).toBe(true);
    expect(readFileSync(join(app, "clients/pets/src/models.ts"), "utf8")).toContain("export interface Pet {");
  });
});
