#!/usr/bin/env node
/**
 * `npm run generate`: runs generator/cli.ts from one esbuild bundle instead of through tsx, which
 * transpiles and resolves every module at each start (~0.4 s before the first stage runs).
 *
 * The bundle is cached under node_modules/.cache/clientsmith/cli-<hash>/, named by a hash of the generator's
 * sources, so an edit to any of them rebuilds it on the next run (~0.1 s) and a stale bundle can
 * never run. Dependencies stay outside it (imported from node_modules as usual), and every
 * `import.meta.url` keeps meaning its own source file, so templates/ and the runtime are found as
 * before. If the bundle cannot be built, the CLI runs through tsx as it always did.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const GENERATOR = join(ROOT, "generator");
const CACHE = join(ROOT, "node_modules", ".cache", "clientsmith");
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

async function bundle(outdir) {
  const esbuild = await import("esbuild");
  mkdirSync(CACHE, { recursive: true });
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
    packages: "external",
    logLevel: "silent",
    plugins: [ownImportMetaUrl],
  });
  try {
    renameSync(temp, outdir);
  } catch (error) {
    // Another run built the same bundle first.
    rmSync(temp, { recursive: true, force: true });
    if (!existsSync(join(outdir, "cli.mjs"))) throw error;
  }
  // Bundles of earlier sources are never used again.
  for (const entry of readdirSync(CACHE)) {
    if (/^cli-[0-9a-f]+$/.test(entry) && join(CACHE, entry) !== outdir) rmSync(join(CACHE, entry), { recursive: true, force: true });
  }
}

async function loadCli() {
  const outdir = join(CACHE, `cli-${sourceHash()}`);
  try {
    if (!existsSync(join(outdir, "cli.mjs"))) await bundle(outdir);
    return await import(pathToFileURL(join(outdir, "cli.mjs")).href);
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
