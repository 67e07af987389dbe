#!/usr/bin/env node
/**
 * `npm run generate`, and the `clientsmith` bin of an installed package (`npx clientsmith`): runs
 * generator/cli.ts from one esbuild bundle instead of through tsx, which transpiles and resolves
 * every module at each start (~0.4 s before the first stage runs).
 *
 * The bundle is cached in a folder named by a hash of the generator's sources and their paths, so
 * an edit to any of them rebuilds it on the next run (~0.1 s) and a stale bundle can never run.
 * Dependencies stay outside it, imported by their absolute paths as resolved from here, and every
 * `import.meta.url` keeps meaning its own source file, so templates/ and the runtime are found as
 * before and the bundle runs from wherever it is cached: the package's own
 * node_modules/.cache/clientsmith/, or, when that cannot be written (a package installed
 * somewhere read-only), the user's cache folder, then the system's temp folder. If no bundle can
 * be built, the CLI runs through tsx as it always did.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import { isBuiltin } from "node:module";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const GENERATOR = join(ROOT, "generator");
const OWN_CACHE = join(ROOT, "node_modules", ".cache", "clientsmith");
const CACHES = [
  OWN_CACHE,
  join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "clientsmith"),
  join(tmpdir(), `clientsmith-cache-${process.getuid?.() ?? "user"}`),
];
const INTERNAL_ERROR = 70;

function sourceHash() {
  const hash = createHash("sha256");
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) hash.update(path).update("\0").update(readFileSync(path)).update("\0");
    }
  };
  walk(GENERATOR);
  return hash.digest("hex").slice(0, 20);
}

/** Each module's `import.meta.url` becomes its own file's URL, as when it runs unbundled. */
const ownImportMetaUrl = {
  name: "own-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, "utf8").replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
      loader: "ts",
    }));
  },
};

/** Packages are imported by absolute URL, resolved as from the sources, so the bundle can live in any folder. */
const absoluteDependencies = {
  name: "absolute-dependencies",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      isBuiltin(args.path) ? { path: args.path, external: true } : { path: import.meta.resolve(args.path), external: true },
    );
  },
};

async function bundle(cache, outdir) {
  const esbuild = await import("esbuild");
  mkdirSync(cache, { recursive: true });
  const temp = `${outdir}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: { cli: join(GENERATOR, "cli.ts") },
    outdir: temp,
    outExtension: { ".js": ".mjs" },
    // Modules behind a dynamic import() become chunks loaded on demand, with their dependencies:
    // a no-op run loads neither the pipeline nor prettier, TypeScript or the YAML libraries.
    splitting: true,
    chunkNames: "[name]-[hash]",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "silent",
    plugins: [absoluteDependencies, ownImportMetaUrl],
  });
  try {
    renameSync(temp, outdir);
  } catch (error) {
    // Another run built the same bundle first.
    rmSync(temp, { recursive: true, force: true });
    if (!existsSync(join(outdir, "cli.mjs"))) throw error;
  }
  // Bundles of earlier sources are never used again (a shared cache may hold other installations' bundles).
  if (cache !== OWN_CACHE) return;
  for (const entry of readdirSync(cache)) {
    if (/^cli-[0-9a-f]+$/.test(entry) && join(cache, entry) !== outdir) rmSync(join(cache, entry), { recursive: true, force: true });
  }
}

/** The bundle's path in the first cache that holds it or can be written. */
async function bundled() {
  const name = `cli-${sourceHash()}`;
  const found = CACHES.map((cache) => join(cache, name, "cli.mjs")).find((file) => existsSync(file));
  if (found !== undefined) return found;
  let failure;
  for (const cache of CACHES) {
    try {
      await bundle(cache, join(cache, name));
      return join(cache, name, "cli.mjs");
    } catch (error) {
      // A cache folder that cannot be written: try the next one.
      if (typeof error?.code !== "string") throw error;
      failure = error;
    }
  }
  throw failure;
}

async function loadCli() {
  try {
    return await import(pathToFileURL(await bundled()).href);
  } catch (error) {
    if (process.env.CLIENTSMITH_DEBUG) process.stderr.write(`clientsmith: no bundle (${error?.message ?? error}); running through tsx\n`);
    const { register } = await import("tsx/esm/api");
    register();
    return import(pathToFileURL(join(GENERATOR, "cli.ts")).href);
  }
}

loadCli()
  .then(({ main }) => main(process.argv.slice(2)))
  .then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`clientsmith: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(INTERNAL_ERROR);
    },
  );
