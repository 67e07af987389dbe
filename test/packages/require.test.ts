/**
 * CommonJS consumers load the packages too. Node 20.19+ and 22.12+ `require()` an ES module
 * without a flag, so the only thing a package must do is let `require` through its `exports`
 * (the `default` condition). Checked two ways, each in a child process as a user's program runs:
 * a plain `.cjs` script, and a CommonJS TypeScript app (`module: nodenext`, no `"type"`)
 * compiled strict by the repository's `tsc` and then run.
 */

import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PackageInfo, STRICT_COMPILER_OPTIONS, discoverPackages, execNode, linkNodeTypes, linkPackages, runTsc } from "../helpers/packages.js";
import { type TestServer, sendJson, startServer } from "../helpers/server.js";

const PACKAGES = discoverPackages();

let root = "";
let server: TestServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "clientsmith-require-"));
  server = await startServer((request, response) =>
    sendJson(response, 404, { type: "about:blank", title: "Not Found", status: 404, traceId: `trace-${request.path}` }),
  );
});

afterAll(async () => {
  await server.close();
  if (root !== "") rmSync(root, { recursive: true, force: true });
});

/** The export names of the package's ES entry, as `import` sees them. */
async function importedNames(pkg: PackageInfo): Promise<string[]> {
  const module: Record<string, unknown> = await import(pathToFileURL(join(pkg.dir, "dist/index.js")).href);
  return Object.keys(module).sort();
}

/** A CommonJS project (package.json without "type") that sees `packages` in its node_modules. */
function cjsProject(name: string, packages: readonly PackageInfo[]): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name, private: true })}\n`);
  linkPackages(dir, packages);
  return dir;
}

/** Prints the sorted export names, the client class's type and whether its errors are Errors. */
function requireScript(pkg: PackageInfo): string {
  return `const pkg = require(${JSON.stringify(pkg.name)});
const error = new pkg.APIError({ status: 500, headers: new Headers(), body: undefined, message: "x" });
console.log(JSON.stringify({ names: Object.keys(pkg).sort(), client: typeof pkg.${pkg.clientClass}, error: error instanceof pkg.ClientError }));
`;
}

describe("require() from plain CommonJS", () => {
  it.concurrent.each(PACKAGES)("$name: require() gives the same exports as import", async (pkg) => {
    const dir = cjsProject(`plain-${pkg.name}`, [pkg]);
    writeFileSync(join(dir, "main.cjs"), requireScript(pkg));
    const run = await execNode(["main.cjs"], dir);
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ names: await importedNames(pkg), client: "function", error: true });
  });

  it("negative control: a package whose exports offer only `import` cannot be required", async () => {
    const [first] = PACKAGES;
    if (first === undefined) throw new Error("no generated packages");
    const copy = join(root, "import-only");
    cpSync(first.dir, copy, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(copy, "package.json"), "utf8")) as { exports: Record<string, Record<string, string>> };
    const entry = manifest.exports["."] ?? {};
    delete entry["default"];
    writeFileSync(join(copy, "package.json"), JSON.stringify(manifest));
    const dir = cjsProject("import-only-consumer", [{ ...first, dir: copy }]);
    writeFileSync(join(dir, "main.cjs"), requireScript(first));
    const run = await execNode(["main.cjs"], dir);
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toMatch(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });
});

describe("a CommonJS TypeScript app (module: nodenext), compiled strict and run", () => {
  /** The app imports with ES syntax; tsc turns that into require() because the project is CommonJS. */
  function appSource(pkg: PackageInfo): string {
    return `import { ${pkg.clientClass}, APIError, ClientError } from ${JSON.stringify(pkg.name)};
import type { RequestOptions } from ${JSON.stringify(pkg.name)};

const options: RequestOptions = { timeout: 1_000 };
const construct: typeof ${pkg.clientClass} = ${pkg.clientClass};
const error: ClientError = new APIError({ status: 500, headers: new Headers(), body: undefined, message: "x" });
console.log(JSON.stringify({ client: typeof construct, error: error instanceof ClientError, timeout: options.timeout }));
`;
  }

  /** Calls a loopback server through the required Dojo client and narrows the failure by class. */
  const CALL_APP = `import { Dojo, NotFoundError } from "dojo-client";

async function main(baseUrl: string): Promise<string> {
  const dojo = new Dojo({ apiKey: "sk_sandbox_key", baseUrl, maxRetries: 0 });
  try {
    await dojo.paymentIntents.get("pi_missing");
    return "found";
  } catch (error) {
    if (error instanceof NotFoundError) return \`\${error.status} \${error.traceId ?? "?"}\`;
    throw error;
  }
}

main(process.argv[2] ?? "").then((line) => console.log(line));
`;
  let dir = "";

  // Every app in one project and one tsc run (into out/), not one per package.
  beforeAll(async () => {
    dir = cjsProject("ts-apps", PACKAGES);
    linkNodeTypes(dir);
    const sources: Record<string, string> = { "call.ts": CALL_APP };
    for (const pkg of PACKAGES) sources[`app-${pkg.name}.ts`] = appSource(pkg);
    for (const [name, text] of Object.entries(sources)) writeFileSync(join(dir, name), text);
    const compilerOptions = { ...STRICT_COMPILER_OPTIONS, types: ["node"], noEmit: false, outDir: "out" };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: Object.keys(sources) }));
    const compiled = await runTsc(join(dir, "tsconfig.json"));
    expect(compiled.diagnostics, compiled.output).toEqual([]);
    expect(compiled.exitCode, compiled.output).toBe(0);
  });

  it.concurrent.each(PACKAGES)("$name: compiles to require() and runs", async (pkg) => {
    expect(readFileSync(join(dir, `out/app-${pkg.name}.js`), "utf8")).toContain(`require("${pkg.name}")`);
    const run = await execNode([`out/app-${pkg.name}.js`], dir);
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ client: "function", error: true, timeout: 1000 });
  });

  it("a required client calls a loopback server and its error classes narrow a failure", async () => {
    expect(readFileSync(join(dir, "out/call.js"), "utf8")).toContain('require("dojo-client")');
    const run = await execNode(["out/call.js", server.url], dir);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe("404 trace-/payment-intents/pi_missing");
  });
});
