/**
 * The compile stage's fast path: the whole package's `src/**.ts` → `dist/**.js` + `dist/**.d.ts`
 * in one run of TypeScript 7's native compiler (`tsc` from the repository's `typescript` 7
 * package), with the options of compile.ts and no type-checking (`noCheck`: the code satisfies
 * `isolatedDeclarations`, so emit needs no checker). The emitted bytes are those of compile.ts's
 * file-by-file `transpileModule`/`transpileDeclaration` (test/generator/native-compile.test.ts);
 * it takes ~0.4 s on Stripe where the JavaScript compiler takes ~1.5–3 s.
 *
 * The runtime modules are the exception: the two compilers' declaration emit differs on some of
 * their constructs (a `[Symbol.asyncIterator]` method, which TypeScript 7 drops), so they go
 * through compile.ts as before. Their output depends only on the module's text (the generated-file
 * header is one comment line, put back in front), so it is cached on disk by content hash under
 * `node_modules/.cache/clientsmith/compile/`, and a run whose runtime is unchanged loads no
 * JavaScript compiler at all.
 *
 * The compiler is found from the `typescript` dependency's public package.json (see nativeTsc).
 * Where it is not installed (another platform, TypeScript < 7), compile.ts does all the work, at
 * several times the cost, and the run says so once on stderr; `CLIENTSMITH_COMPILER=typescript`
 * chooses compile.ts silently.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { RenderedFile } from "../render/render.js";

/** compile.ts's JS_OPTIONS and DTS_OPTIONS as one tsconfig, plus what a whole-program emit needs. */
const COMPILER_OPTIONS = {
  target: "ES2022",
  module: "ESNext",
  moduleResolution: "Bundler",
  verbatimModuleSyntax: true,
  isolatedModules: true,
  removeComments: false,
  newLine: "lf",
  declaration: true,
  isolatedDeclarations: true,
  // Emit only: no checker, no imports followed, no standard library (a stub names the globals
  // every program needs).
  noCheck: true,
  noResolve: true,
  noLib: true,
  types: [],
  skipLibCheck: true,
  rootDir: "src",
  outDir: "dist",
};

const GLOBALS_STUB = `interface Array<T> {}
interface Boolean {}
interface CallableFunction {}
interface Function {}
interface IArguments {}
interface NewableFunction {}
interface Number {}
interface Object {}
interface RegExp {}
interface String {}
interface SymbolConstructor { readonly asyncIterator: unique symbol; readonly iterator: unique symbol; }
declare var Symbol: SymbolConstructor;
`;

/** A command that runs TypeScript 7's native `tsc`: the program and the arguments before tsc's own. */
export interface TscCommand {
  readonly file: string;
  readonly args: readonly string[];
}

let found: TscCommand | null | undefined;

/**
 * TypeScript 7's native `tsc`, or null when this machine has none. Found from what the
 * `typescript` package publishes in its package.json (an exported path): the executable of the
 * platform package it names among its optionalDependencies, resolved from the package as its own
 * launcher does; failing that, its `tsc` bin, run through Node (correct, but it starts a Node
 * process before every compile, ~0.2 s).
 */
export function nativeTsc(): TscCommand | null {
  if (found === undefined) found = findNativeTsc(import.meta.url);
  return found;
}

/** nativeTsc, with `typescript` resolved as from the module at `from` (a file URL or path). */
export function findNativeTsc(from: string): TscCommand | null {
  try {
    const manifestPath = createRequire(from).resolve("typescript/package.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { version: string; bin?: Record<string, string>; optionalDependencies?: Record<string, string> };
    if (Number(manifest.version.split(".")[0]) < 7) return null;
    const platformPackage = Object.keys(manifest.optionalDependencies ?? {}).find((name) => name.endsWith(`-${process.platform}-${process.arch}`));
    const exe = platformPackage === undefined ? undefined : platformExecutable(manifestPath, platformPackage);
    if (exe !== undefined) return { file: exe, args: [] };
    const bin = manifest.bin?.["tsc"];
    if (bin === undefined) return null;
    const command = { file: process.execPath, args: [join(dirname(manifestPath), bin)] };
    const probe = spawnSync(command.file, [...command.args, "--version"], { encoding: "utf8" });
    return probe.status === 0 && /^Version 7\./.test(probe.stdout) ? command : null;
  } catch {
    // Not installed: the JavaScript compiler takes over.
    return null;
  }
}

function platformExecutable(manifestPath: string, platformPackage: string): string | undefined {
  try {
    const platformManifest = createRequire(manifestPath).resolve(`${platformPackage}/package.json`);
    const exe = join(dirname(platformManifest), "lib", process.platform === "win32" ? "tsc.exe" : "tsc");
    return existsSync(exe) ? exe : undefined;
  } catch {
    return undefined;
  }
}

let warned = false;

export async function compileAll(files: readonly RenderedFile[], header: string): Promise<RenderedFile[]> {
  const chosen = process.env["CLIENTSMITH_COMPILER"] === "typescript";
  const tsc = chosen ? null : nativeTsc();
  if (tsc === null) {
    if (!chosen && !warned) {
      warned = true;
      process.stderr.write("clientsmith: TypeScript 7's native compiler is not installed here (the `typescript` 7 package); compiling with the JavaScript compiler, which is several times slower\n");
    }
    const { compileFiles } = await import("./compile.js");
    return compileFiles(files, header);
  }
  const all = files.filter((file) => file.path.startsWith("src/") && file.path.endsWith(".ts"));
  const runtime = await compileRuntime(all.filter((file) => file.path.startsWith(RUNTIME_PREFIX)), header);
  const sources = all.filter((file) => !file.path.startsWith(RUNTIME_PREFIX));
  if (sources.length === 0) return runtime;
  const root = mkdtempSync(join(tmpdir(), "clientsmith-compile-"));
  try {
    for (const file of sources) {
      const path = join(root, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
    writeFileSync(join(root, "globals.d.ts"), GLOBALS_STUB);
    const tsconfig = { compilerOptions: COMPILER_OPTIONS, files: ["globals.d.ts", ...sources.map((file) => file.path)] };
    writeFileSync(join(root, "tsconfig.json"), JSON.stringify(tsconfig));
    const run = spawnSync(tsc.file, [...tsc.args, "-p", join(root, "tsconfig.json"), "--pretty", "false"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (run.error !== undefined || run.status !== 0) {
      // Syntax or isolatedDeclarations errors mean the render produced invalid code: a generator bug.
      throw new Error(`compile: ${run.error?.message ?? `${run.stdout}${run.stderr}`.trim()}`);
    }
    const out: RenderedFile[] = [...runtime];
    for (const file of sources) {
      const base = `dist/${file.path.slice("src/".length, -".ts".length)}`;
      out.push({ path: `${base}.js`, content: withHeader(readFileSync(join(root, `${base}.js`), "utf8"), header) });
      out.push({ path: `${base}.d.ts`, content: withHeader(readFileSync(join(root, `${base}.d.ts`), "utf8"), header) });
    }
    return out;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const RUNTIME_PREFIX = "src/runtime/";
const CACHE_DIR = new URL("../../node_modules/.cache/clientsmith/compile/", import.meta.url);

/**
 * compile.ts for the runtime modules, through the cache. The key covers the module's text without
 * its header line, the compiler's version and compile.ts itself (its options).
 */
async function compileRuntime(files: readonly RenderedFile[], header: string): Promise<RenderedFile[]> {
  const headerLine = `// ${header}\n`;
  const out: RenderedFile[] = [];
  const missing: { file: RenderedFile; cache: URL | undefined }[] = [];
  for (const file of files) {
    const cache = file.content.startsWith(headerLine) ? new URL(`${cacheKey(file.path, file.content.slice(headerLine.length))}.json`, CACHE_DIR) : undefined;
    const hit = cache === undefined ? undefined : readCache(cache);
    if (hit === undefined) {
      missing.push({ file, cache });
      continue;
    }
    const base = `dist/${file.path.slice("src/".length, -".ts".length)}`;
    out.push({ path: `${base}.js`, content: headerLine + hit.js }, { path: `${base}.d.ts`, content: headerLine + hit.dts });
  }
  if (missing.length === 0) return out;
  const { compileFiles } = await import("./compile.js");
  for (const { file, cache } of missing) {
    const [js, dts] = compileFiles([file], header);
    if (js === undefined || dts === undefined) throw new Error(`compile: no output for ${file.path}`);
    out.push(js, dts);
    if (cache !== undefined && js.content.startsWith(headerLine) && dts.content.startsWith(headerLine)) {
      writeCache(cache, { js: js.content.slice(headerLine.length), dts: dts.content.slice(headerLine.length) });
    }
  }
  return out;
}

let compilerId: string | undefined;

function cacheKey(path: string, body: string): string {
  compilerId ??= (() => {
    const require = createRequire(import.meta.url);
    const tsMorph = readFileSync(require.resolve("@ts-morph/common/package.json"), "utf8");
    const compileTs = readFileSync(new URL("./compile.ts", import.meta.url), "utf8");
    return createHash("sha256").update(tsMorph).update(compileTs).digest("hex");
  })();
  return createHash("sha256").update(compilerId).update("\0").update(path).update("\0").update(body).digest("hex");
}

interface CachedOutput {
  readonly js: string;
  readonly dts: string;
}

function readCache(file: URL): CachedOutput | undefined {
  try {
    const value = JSON.parse(readFileSync(file, "utf8")) as Partial<CachedOutput>;
    return typeof value.js === "string" && typeof value.dts === "string" ? { js: value.js, dts: value.dts } : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort and atomic: a cache that cannot be written only costs time. */
function writeCache(file: URL, value: CachedOutput): void {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const temp = new URL(`${file.pathname.split("/").at(-1)}.${process.pid}.tmp`, CACHE_DIR);
    writeFileSync(temp, JSON.stringify(value));
    renameSync(temp, file);
  } catch {
    // read-only checkout: compile every time
  }
}

/** As compile.ts: the compiler keeps or drops the leading comment depending on what follows it. */
function withHeader(text: string, header: string): string {
  const line = `// ${header}\n`;
  return text.startsWith(line) ? text : line + text;
}
