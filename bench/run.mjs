#!/usr/bin/env node
/**
 * `npm run bench [-- --quick]`: clientsmith and its peers (openapi-typescript + openapi-fetch,
 * @hey-api/openapi-ts, orval) in one run, on the same specs, every tool a whole process, runs
 * interleaved. Writes bench/RESULTS.md (tables with ratios, versions, machine, targets) and
 * bench/results.json. A benchmark, not a test: nothing in `npm test` reads it.
 *
 *   --quick        petstore, jodo and Stripe; no warm-up run, 1 measured run, fewer requests
 *   --runs N       measured runs per tool and spec (default 5; quick 1)
 *   --out FILE     the Markdown report (default bench/RESULTS.md, quick: bench/RESULTS-quick.md;
 *                  the JSON goes beside it)
 *   --cases a,b    only these cases (ids in lib/cases.mjs)
 *   --render-only  rewrite the Markdown from the JSON beside it, measuring nothing
 */
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { ensureInstalled } from "./lib/install.mjs";
import { BENCH, BUNDLE_TARGET_CASE, CASES, QUICK_CASES, ROOT, THROUGHPUT_BODY, THROUGHPUT_CASE } from "./lib/cases.mjs";
import { measureEvolve } from "./lib/evolve.mjs";
import { measure } from "./lib/proc.mjs";
import { render } from "./lib/report.mjs";
import { summary } from "./lib/stats.mjs";
import { CLASS_BUNDLE, TOOLS, fetchConsumer, outputStats } from "./lib/tools.mjs";

const { values } = parseArgs({
  options: { quick: { type: "boolean", default: false }, runs: { type: "string" }, out: { type: "string" }, cases: { type: "string" }, "render-only": { type: "boolean", default: false } },
});
if (values["render-only"]) {
  // Rewrites the Markdown from the JSON of the last run, e.g. after a change to lib/report.mjs.
  const report = values.out ?? join(BENCH, "RESULTS.md");
  const saved = JSON.parse(readFileSync(report.replace(/\.md$/, "") + ".json", "utf8"));
  writeFileSync(report, render(saved, { tools: TOOLS, cases: CASES.filter((c) => saved.cases.some((x) => x.id === c.id)) }));
  process.exit(0);
}
ensureInstalled();
const quick = values.quick;
const RUNS = Number(values.runs ?? (quick ? 1 : 5));
const TSC_RUNS = quick ? 1 : 3;
const NOOP_RUNS = quick ? 3 : 10;
const THROUGHPUT = quick ? { rounds: 2, requests: 2_000, warmup: 500, blocks: 10 } : { rounds: 5, requests: 5_000, warmup: 1_000, blocks: 25 };
// Quick runs are for development: they never overwrite the full run's record.
const REPORT = values.out ?? join(BENCH, quick ? "RESULTS-quick.md" : "RESULTS.md");
const WORK = join(BENCH, ".work");
const startedAt = new Date();
const log = (text) => process.stderr.write(`[bench ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4)} s] ${text}\n`);

/** What a careful consumer compiles with; skipLibCheck off so shipped .d.ts count too. */
const STRICT = {
  target: "ES2022",
  module: "ESNext",
  moduleResolution: "Bundler",
  lib: ["ES2022", "DOM", "DOM.Iterable"],
  types: [],
  strict: true,
  skipLibCheck: false,
  noEmit: true,
};

const only = values.cases?.split(",");
const cases = CASES.filter((c) => (only ? only.includes(c.id) : !quick || QUICK_CASES.includes(c.id)));
const results = {
  mode: quick ? "quick" : "full",
  startedAt: startedAt.toISOString(),
  machine: machine(),
  versions: Object.fromEntries(TOOLS.map((t) => [t.id, t.version()])),
  settings: { runs: RUNS, tscRuns: TSC_RUNS, noopRuns: NOOP_RUNS, throughput: THROUGHPUT },
  cases: cases.map((c) => ({ id: c.id, title: c.title })),
  generation: {},
  output: {},
  tsc: {},
  bundle: {},
  throughput: {},
  noop: {},
  stages: {},
  firstRun: undefined,
  evolve: {},
};

rmSync(WORK, { recursive: true, force: true });
mkdirSync(join(WORK, "specs"), { recursive: true });
const specOf = (c) => join(WORK, "specs", `${c.id}.${c.ext}`);
for (const c of cases) cpSync(c.source, specOf(c));
const port = await freePort();
const outDir = (tool, c) => join(WORK, "out", tool.id, c.id);

// 1. Cold generation: a fresh output directory every run; one warm-up run per tool and spec
//    (file cache, the CLI bundle), then RUNS rounds with the tools in a rotating order.
for (const c of cases) {
  // Quick mode skips the warm-up: its numbers are for development, not for the record.
  for (const tool of quick ? [] : TOOLS) {
    log(`${c.id}: warm-up ${tool.id}`);
    await generate(tool, c, join(WORK, "warm", tool.id, c.id));
  }
  for (let run = 0; run < RUNS; run++) {
    const order = TOOLS.map((_, i) => TOOLS[(i + run + cases.indexOf(c)) % TOOLS.length]);
    for (const tool of order) {
      const dir = join(WORK, "gen", tool.id, c.id, String(run));
      const result = await generate(tool, c, dir);
      log(`${c.id}: ${tool.id} run ${run + 1}/${RUNS}: ${result.ok ? `${(result.ms / 1000).toFixed(2)} s, ${Math.round(result.peakKb / 1024)} MB` : "FAILED"}`);
      const entry = ((results.generation[c.id] ??= {})[tool.id] ??= { ms: [], peakKb: [], failures: [] });
      if (result.ok) {
        entry.ms.push(result.ms);
        entry.peakKb.push(result.peakKb);
        if (!existsSync(outDir(tool, c))) {
          mkdirSync(dirname(outDir(tool, c)), { recursive: true });
          renameSync(dir, outDir(tool, c));
        }
      } else entry.failures.push(result.error);
      rmSync(dir, { recursive: true, force: true });
    }
  }
  rmSync(join(WORK, "warm"), { recursive: true, force: true });
}
for (const [caseId, tools] of Object.entries(results.generation)) {
  for (const entry of Object.values(tools)) {
    entry.time = summary(entry.ms);
    entry.peak = summary(entry.peakKb);
  }
  for (const tool of TOOLS) results.output[caseId] = { ...results.output[caseId], [tool.id]: outputStats(outDir(tool, cases.find((c) => c.id === caseId))) };
}

// 2. Consumers: one call of the case's operation, as each tool's users write it.
const consumerDir = (tool, c) => join(WORK, "consumers", tool.id, c.id);
for (const c of cases) {
  for (const tool of TOOLS) {
    if (!existsSync(outDir(tool, c))) continue;
    const dir = consumerDir(tool, c);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "consumer.ts"), tool.consumer(c, outDir(tool, c), dir, "src"));
    writeFileSync(join(dir, "bundle-entry.ts"), tool.consumer(c, outDir(tool, c), dir, "dist"));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: STRICT, files: ["consumer.ts"] }, null, 2));
  }
  const dir = consumerDir({ id: "fetch" }, c);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "bundle-entry.ts"), fetchConsumer(c));
  // The resource-grouped client's one call, bundled only, beside the function style of `clientsmith`.
  const of = TOOLS.find((t) => t.id === CLASS_BUNDLE.of);
  if (existsSync(outDir(of, c))) {
    const classDir = consumerDir(CLASS_BUNDLE, c);
    mkdirSync(classDir, { recursive: true });
    writeFileSync(join(classDir, "bundle-entry.ts"), of.classConsumer(c, outDir(of, c), classDir, "dist"));
  }
}

// 3. Strict type-check of the output plus the consumer, tools interleaved.
const compilers = [{ id: "tsc5", label: `tsc ${pkgVersion(join(BENCH, "node_modules/typescript"))}`, bin: join(BENCH, "node_modules/typescript/bin/tsc") }];
const nativeTsc = join(ROOT, "node_modules/typescript/bin/tsc");
if (existsSync(nativeTsc) && pkgVersion(join(ROOT, "node_modules/typescript")).startsWith("7.")) {
  compilers.push({ id: "tsc7", label: `tsc ${pkgVersion(join(ROOT, "node_modules/typescript"))} (native)`, bin: nativeTsc });
}
results.compilers = compilers.map(({ id, label }) => ({ id, label }));
for (const c of cases.filter((x) => !quick || x.id !== "petstore")) {
  for (let run = 0; run < TSC_RUNS; run++) {
    for (const tool of TOOLS.map((_, i) => TOOLS[(i + run) % TOOLS.length])) {
      if (!existsSync(consumerDir(tool, c))) continue;
      for (const compiler of compilers) {
        const r = await measure(process.execPath, [compiler.bin, "-p", join(consumerDir(tool, c), "tsconfig.json"), "--pretty", "false"], { cwd: consumerDir(tool, c) });
        const output = `${r.stdout}${r.stderr}`;
        const errors = output.split("\n").filter((l) => /error TS\d+/.test(l));
        const entry = (((results.tsc[c.id] ??= {})[tool.id] ??= {})[compiler.id] ??= { ms: [], peakKb: [], errors: 0, codes: {}, first: [] });
        entry.ms.push(r.ms);
        entry.peakKb.push(r.peakKb);
        entry.errors = errors.length;
        entry.exitCode = r.code;
        entry.codes = {};
        for (const line of errors) {
          const code = /error (TS\d+)/.exec(line)[1];
          entry.codes[code] = (entry.codes[code] ?? 0) + 1;
        }
        entry.first = errors.slice(0, 3).map((l) => l.slice(0, 300));
        log(`${c.id}: ${compiler.id} ${tool.id}: ${(r.ms / 1000).toFixed(2)} s, ${errors.length} errors`);
      }
    }
  }
  for (const tools of Object.values(results.tsc[c.id] ?? {})) for (const entry of Object.values(tools)) entry.time = summary(entry.ms);
}

// 4. The consumer bundled for the browser by esbuild: minified, then gzip -9.
const esbuild = await import("esbuild");
const bundlePath = (toolId, c) => join(WORK, "bundles", `${toolId}-${c.id}.mjs`);
for (const c of cases) {
  for (const tool of [...TOOLS, CLASS_BUNDLE, { id: "fetch" }]) {
    const entry = join(consumerDir(tool, c), "bundle-entry.ts");
    if (!existsSync(entry)) continue;
    try {
      const { metafile } = await esbuild.build({ entryPoints: [entry], outfile: bundlePath(tool.id, c), bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022", logLevel: "silent", metafile: true });
      const bytes = readFileSync(bundlePath(tool.id, c));
      // What the minified bundle is made of, by source file: where a size target is missed.
      const inputs = Object.values(metafile.outputs)[0]?.inputs ?? {};
      const parts = Object.entries(inputs)
        .map(([path, { bytesInOutput }]) => ({ path: path.replace(/^.*?\.work\/(out\/[^/]+\/[^/]+\/)?/, ""), bytes: bytesInOutput }))
        .sort((a, b) => b.bytes - a.bytes);
      (results.bundle[c.id] ??= {})[tool.id] = { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, parts };
    } catch (error) {
      (results.bundle[c.id] ??= {})[tool.id] = { error: String(error.message ?? error).slice(0, 500) };
    }
  }
}
log("bundles done");

// 5. Per-request throughput against a node:http server on 127.0.0.1, as a ratio to bare fetch
//    measured in the same round.
{
  const c = cases.find((x) => x.id === THROUGHPUT_CASE);
  const server = spawn(process.execPath, [join(BENCH, "lib/server.mjs"), THROUGHPUT_BODY, String(port)], { stdio: ["ignore", "pipe", "inherit"] });
  const actualPort = await new Promise((resolve) => server.stdout.once("data", (d) => resolve(Number(String(d).trim()))));
  const clients = [{ id: "fetch" }, ...TOOLS].filter((t) => existsSync(bundlePath(t.id, c))).map((t) => ({ id: t.id, bundle: bundlePath(t.id, c) }));
  log(`throughput: ${clients.length} clients × ${THROUGHPUT.rounds} rounds × ${THROUGHPUT.requests} requests on port ${actualPort}`);
  const worker = await measure(process.execPath, [join(BENCH, "lib/throughput-worker.mjs"), JSON.stringify({ baseUrl: `http://127.0.0.1:${actualPort}`, clients, ...THROUGHPUT })], { cwd: BENCH });
  const variants = await measure(process.execPath, [join(BENCH, "lib/fetch-variants.mjs"), `http://127.0.0.1:${actualPort}`, quick ? "10" : "30"], { cwd: BENCH });
  results.throughput.variants = variants.code === 0 ? JSON.parse(variants.stdout.trim().split("\n").at(-1)) : undefined;
  server.kill("SIGTERM");
  if (worker.code !== 0) log(`throughput worker failed: ${worker.stderr.slice(0, 2000)}`);
  const rows = worker.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l));
  for (const t of clients) {
    const mine = rows.filter((r) => r.id === t.id);
    const ratios = mine.map((r) => r.perSecond / (rows.find((f) => f.id === "fetch" && f.round === r.round)?.perSecond ?? NaN));
    results.throughput[t.id] = {
      perSecond: summary(mine.map((r) => r.perSecond)),
      ratio: summary(ratios),
      cpuUs: summary(mine.map((r) => r.cpuUsPerRequest)),
      requests: mine.reduce((n, r) => n + r.requests, 0),
    };
  }
  results.throughput.case = c.id;
  results.throughput.error = worker.code === 0 ? undefined : worker.stderr.slice(0, 1000);
}

// 6. No-op regeneration of every spec above: one cold run, then NOOP_RUNS runs with nothing
//    changed, both as the bare process and as `npm run generate`.
{
  const specs = join(WORK, "noop", "specs");
  const generated = join(WORK, "noop", "generated");
  mkdirSync(specs, { recursive: true });
  for (const c of cases) cpSync(specOf(c), join(specs, basename(specOf(c))));
  const cli = [join(ROOT, "generator/launch.mjs"), "--specs", specs, "--generated", generated];
  const first = await measure(process.execPath, cli, { cwd: ROOT });
  results.noop.allSpecsCold = first.ms;
  results.noop.specs = cases.map((c) => c.id);
  const direct = [];
  const viaNpm = [];
  const npm = process.env.npm_execpath;
  for (let run = 0; run < NOOP_RUNS; run++) {
    const r = await measure(process.execPath, cli, { cwd: ROOT });
    if (!/already up to date/.test(r.stdout)) log(`no-op run was not a no-op: ${r.stdout}${r.stderr}`);
    direct.push(r.ms);
    const n = npm !== undefined && npm.endsWith(".js")
      ? await measure(process.execPath, [npm, "run", "--silent", "generate", "--", "--specs", specs, "--generated", generated], { cwd: ROOT })
      : await measure("npm", ["run", "--silent", "generate", "--", "--specs", specs, "--generated", generated], { cwd: ROOT });
    viaNpm.push(n.ms);
  }
  // npm's own start, for scale: `npm run env` runs a one-line script of npm's.
  const npmAlone = [];
  for (let run = 0; run < NOOP_RUNS; run++) {
    const r = npm !== undefined && npm.endsWith(".js")
      ? await measure(process.execPath, [npm, "run", "--silent", "env"], { cwd: ROOT })
      : await measure("npm", ["run", "--silent", "env"], { cwd: ROOT });
    npmAlone.push(r.ms);
  }
  results.noop.npmAlone = summary(npmAlone);
  const nodeAlone = [];
  for (let run = 0; run < NOOP_RUNS; run++) nodeAlone.push((await measure(process.execPath, ["-e", "0"], { cwd: ROOT })).ms);
  results.noop.nodeAlone = summary(nodeAlone);
  results.noop.direct = summary(direct);
  results.noop.npm = summary(viaNpm);
  log(`no-op: ${(results.noop.npm.median / 1000).toFixed(2)} s via npm run generate`);
}

// 7. Where clientsmith's time goes on Stripe: its own --timings, per stage.
{
  const c = cases.find((x) => x.id === "stripe");
  if (c !== undefined) {
    const stages = {};
    for (let run = 0; run < (quick ? 1 : Math.max(RUNS, 3)); run++) {
      const dir = join(WORK, "stages", String(run));
      const r = await measure(process.execPath, [join(ROOT, "generator/launch.mjs"), "--spec", specOf(c), "--out", dir, "--timings"], { cwd: ROOT });
      for (const m of r.stderr.matchAll(/^(\S[\w-]*)\s+(\d+) ms$/gm)) (stages[m[1]] ??= []).push(Number(m[2]));
      (stages["whole process"] ??= []).push(r.ms);
      rmSync(dir, { recursive: true, force: true });
    }
    results.stages = Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, summary(v)]));
    // The first run after a generator change: no CLI bundle, no compiled runtime yet.
    rmSync(join(ROOT, "node_modules/.cache/clientsmith"), { recursive: true, force: true });
    const r = await measure(process.execPath, [join(ROOT, "generator/launch.mjs"), "--spec", specOf(c), "--out", join(WORK, "stages", "first")], { cwd: ROOT });
    results.firstRun = { ms: r.ms, peakKb: r.peakKb, ok: r.code === 0 };
  }
}

// 8. The evolve stage with a baseline to compare (issue: ≤ 0.3 s on Stripe and GitHub): see
//    lib/evolve.mjs (also runnable alone: `node bench/evolve.mjs`).
for (const id of ["stripe", "github"]) {
  const c = cases.find((x) => x.id === id);
  if (c === undefined) continue;
  results.evolve = { ...results.evolve, [id]: await measureEvolve(c, specOf(c), join(WORK, "evolve"), quick ? 2 : Math.max(RUNS, 3), log) };
}

results.finishedAt = new Date().toISOString();
results.machine.loadAfter = os.loadavg().map((l) => l.toFixed(2)).join(" ");
mkdirSync(dirname(REPORT), { recursive: true });
writeFileSync(REPORT.replace(/\.md$/, "") + ".json", `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(REPORT, render(results, { tools: TOOLS, cases }));
log(`wrote ${REPORT}`);

// ---------------------------------------------------------------------------------------------

async function generate(tool, c, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  const { command, args, cwd } = tool.generate(c, specOf(c), dir, { port });
  const r = await measure(command, args, { cwd, env: { NO_COLOR: "1", FORCE_COLOR: "0" } });
  const ok = r.code === 0 && existsSync(dir);
  return { ...r, ok, error: ok ? undefined : `exit ${r.code}: ${`${r.stderr}${r.stdout}`.slice(-800)}` };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port: p } = server.address();
      server.close(() => resolve(p));
    });
  });
}

function pkgVersion(dir) {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version;
}

function machine() {
  const cpus = os.cpus();
  let commit = "";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    // not a git checkout
  }
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadBefore: os.loadavg().map((l) => l.toFixed(2)).join(" "),
    commit,
  };
}
