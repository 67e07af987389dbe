/**
 * The committed packages run as plain Node ESM: test/packages/import-all.mjs imports each one by
 * name and by path, builds its client and reports the resources and methods it finds. Here it
 * runs in a child process, as a user's program would, and its report is checked against the
 * generated sources.
 */

import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENERATED, REPO_ROOT, countOperations, discoverPackages, execNode } from "../helpers/packages.js";

const SCRIPT = fileURLToPath(new URL("./import-all.mjs", import.meta.url));

interface ImportSummary {
  readonly packages: readonly {
    readonly dir: string;
    readonly name: string;
    readonly client: string;
    readonly options: readonly string[];
    readonly resourceCount: number;
    readonly methodCount: number;
    readonly resources: Readonly<Record<string, readonly string[]>>;
  }[];
}

describe("import-all.mjs over generated/", () => {
  let summary: ImportSummary;

  beforeAll(async () => {
    const run = await execNode([SCRIPT], REPO_ROOT);
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    summary = JSON.parse(run.stdout) as ImportSummary;
  });

  it("imports every package in generated/", () => {
    expect(summary.packages.map((p) => p.name)).toEqual(discoverPackages().map((p) => p.name));
  });

  it("finds the Dojo client and its credentials", () => {
    const dojo = summary.packages.find((p) => p.name === "dojo-client");
    expect(dojo).toMatchObject({ client: "Dojo", options: ["apiKey"] });
    expect(dojo?.resources["paymentIntents"]).toEqual(expect.arrayContaining(["create", "get", "delete", "charge"]));
    expect(dojo?.resources["customers"]).toContain("delete");
  });

  it("finds the Jodo client and its credentials", () => {
    const jodo = summary.packages.find((p) => p.name === "jodo-client");
    expect(jodo).toMatchObject({ client: "Jodo", options: ["apiKey", "apiSecret"] });
    expect(jodo?.resources["students"]).toEqual(expect.arrayContaining(["get", "update", "listProducts"]));
  });

  it("finds the route-versioned client's resources inside its version namespaces", () => {
    const rv = summary.packages.find((p) => p.name === "route-versioned-client");
    expect(rv).toMatchObject({ client: "RouteVersioned", options: ["baseUrl", "apiToken"], resourceCount: 2, methodCount: 10 });
    expect(rv?.resources["v1.customers"]).toEqual(["create", "delete", "get", "list", "update"]);
    expect(rv?.resources["v2.customers"]).toEqual(["create", "delete", "get", "list", "update"]);
  });

  it("finds the Joor client, its token and its resources", () => {
    const joor = summary.packages.find((p) => p.name === "joor-client");
    expect(joor).toMatchObject({ client: "Joor", options: ["token"], resourceCount: 4 });
    expect(joor?.resources["styles"]).toEqual(["create", "delete", "get", "getByNumber", "list", "update"]);
    expect(joor?.resources["inventory"]).toEqual(["updateBulk", "updateSku"]);
  });

  it("has one method at run time for each operation descriptor in src/", () => {
    for (const pkg of summary.packages) {
      expect({ name: pkg.name, methods: pkg.methodCount }).toEqual({ name: pkg.name, methods: countOperations(pkg.dir) });
    }
  });
});

describe("import-all.mjs fails on a broken package", () => {
  let root = "";

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "clientsmith-esm-"));
  });

  afterAll(() => {
    if (root !== "") rmSync(root, { recursive: true, force: true });
  });

  /** A copy of generated/jodo, with `breakIt` applied to it. */
  function brokenCopy(name: string, breakIt: (dir: string) => void): string {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    cpSync(join(GENERATED, "jodo"), dir, { recursive: true });
    breakIt(dir);
    return dir;
  }

  function edit(file: string, from: string | RegExp, to: string): void {
    const text = readFileSync(file, "utf8");
    const changed = text.replace(from, to);
    expect(changed, `${file} did not contain ${String(from)}`).not.toBe(text);
    writeFileSync(file, changed);
  }

  it.each([
    {
      what: "exports pointing at a missing file",
      want: /exports\["\."\]\.import .* does not exist/,
      breakIt: (dir: string) => edit(join(dir, "package.json"), '"import": "./dist/index.js"', '"import": "./dist/missing.js"'),
    },
    {
      what: "a package that is not an ES module",
      want: /type is commonjs/,
      breakIt: (dir: string) => edit(join(dir, "package.json"), '"type": "module"', '"type": "commonjs"'),
    },
    {
      what: "a declared resource the client never sets",
      want: /client\.students is undefined/,
      breakIt: (dir: string) => edit(join(dir, "dist/client.js"), /this\.students = new Students\(http\);/, ""),
    },
  ])("$what", async ({ what, want, breakIt }) => {
    const dir = brokenCopy(what.replace(/\W+/g, "-"), breakIt);
    const run = await execNode([SCRIPT, dir], REPO_ROOT);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(want);
  });
});
