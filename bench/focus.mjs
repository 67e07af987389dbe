#!/usr/bin/env node
/**
 * `node bench/focus.mjs [--cases jodo,dojo] [--rounds N] [--requests N] [--repeat N]`: only the
 * one-call bundle row and the loopback throughput table of `npm run bench`, for work on the
 * runtime. Same consumers, same esbuild settings, same server and worker as the full run; the
 * peers are generated once into bench/.focus and reused (clientsmith is regenerated every time).
 * Prints the rows as JSON lines and a summary; writes nothing into RESULTS.md.
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { ensureInstalled } from "./lib/install.mjs";
import { BENCH, CASES, THROUGHPUT_BODY, THROUGHPUT_CASE } from "./lib/cases.mjs";
import { measure } from "./lib/proc.mjs";
import { summary } from "./lib/stats.mjs";
import { CLASS_BUNDLE, TOOLS, fetchConsumer } from "./lib/tools.mjs";

const { values } = parseArgs({
  options: {
    cases: { type: "string", default: "jodo,dojo" },
    rounds: { type: "string", default: "5" },
    requests: { type: "string", default: "5000" },
    repeat: { type: "string", default: "1" },
    "no-throughput": { type: "boolean", default: false },
  },
});
ensureInstalled();
const WORK = join(BENCH, ".focus");
const log = (text) => process.stderr.write(`[focus] ${text}\n`);
const wanted = new Set([...values.cases.split(",").filter(Boolean), ...(values["no-throughput"] ? [] : [THROUGHPUT_CASE])]);
const cases = CASES.filter((c) => wanted.has(c.id));

// orval bakes its base URL in at generation, so the port is chosen once and kept.
const portFile = join(WORK, "port");
mkdirSync(WORK, { recursive: true });
const port = existsSync(portFile) ? Number(readFileSync(portFile, "utf8")) : await freePort();
writeFileSync(portFile, String(port));

const outDir = (tool, c) => join(WORK, "out", tool.id, c.id);
const consumerDir = (tool, c) => join(WORK, "consumers", tool.id, c.id);
const bundlePath = (toolId, c) => join(WORK, "bundles", `${toolId}-${c.id}.mjs`);
for (const c of cases) {
  const spec = join(WORK, "specs", `${c.id}.${c.ext}`);
  mkdirSync(join(WORK, "specs"), { recursive: true });
  cpSync(c.source, spec);
  for (const tool of TOOLS) {
    const out = outDir(tool, c);
    if (tool.id !== "clientsmith" && existsSync(out)) continue;
    rmSync(out, { recursive: true, force: true });
    mkdirSync(join(out, ".."), { recursive: true });
    const { command, args, cwd } = tool.generate(c, spec, out, { port });
    const r = await measure(command, args, { cwd, env: { NO_COLOR: "1", FORCE_COLOR: "0", CLIENTSMITH_STAMPS: "off" } });
    if (r.code !== 0) throw new Error(`${tool.id} ${c.id}: exit ${r.code}: ${`${r.stderr}${r.stdout}`.slice(-800)}`);
  }
}

const esbuild = await import("esbuild");
const bundles = {};
for (const c of cases) {
  for (const tool of [...TOOLS, CLASS_BUNDLE, { id: "fetch" }]) {
    const dir = consumerDir(tool, c);
    mkdirSync(dir, { recursive: true });
    const entry = join(dir, "bundle-entry.ts");
    const of = TOOLS.find((t) => t.id === CLASS_BUNDLE.of);
    writeFileSync(
      entry,
      tool.id === "fetch" ? fetchConsumer(c) : tool === CLASS_BUNDLE ? of.classConsumer(c, outDir(of, c), dir, "dist") : tool.consumer(c, outDir(tool, c), dir, "dist"),
    );
    const { metafile } = await esbuild.build({ entryPoints: [entry], outfile: bundlePath(tool.id, c), bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022", logLevel: "silent", metafile: true });
    const bytes = readFileSync(bundlePath(tool.id, c));
    const inputs = Object.values(metafile.outputs)[0]?.inputs ?? {};
    const parts = Object.entries(inputs)
      .map(([path, { bytesInOutput }]) => ({ path: path.replace(/^.*?\.focus\/(out\/[^/]+\/[^/]+\/)?/, ""), bytes: bytesInOutput }))
      .filter((p) => p.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes);
    (bundles[c.id] ??= {})[tool.id] = { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, parts };
  }
}
for (const [caseId, tools] of Object.entries(bundles)) {
  log(`bundle ${caseId}: ${Object.entries(tools).map(([id, b]) => `${id} ${b.gzip} B gzip (${b.bytes} B min)`).join(", ")}`);
  log(`  clientsmith parts: ${tools.clientsmith.parts.map((p) => `${p.path} ${p.bytes}`).join(", ")}`);
}
process.stdout.write(`${JSON.stringify({ bundles })}\n`);

if (!values["no-throughput"]) {
  const c = cases.find((x) => x.id === THROUGHPUT_CASE);
  const clients = [{ id: "fetch" }, ...TOOLS].map((t) => ({ id: t.id, bundle: bundlePath(t.id, c) }));
  const rounds = Number(values.rounds);
  const requests = Number(values.requests);
  for (let repeat = 0; repeat < Number(values.repeat); repeat++) {
    const server = spawn(process.execPath, [join(BENCH, "lib/server.mjs"), THROUGHPUT_BODY, String(port)], { stdio: ["ignore", "pipe", "inherit"] });
    const actualPort = await new Promise((resolve) => server.stdout.once("data", (d) => resolve(Number(String(d).trim()))));
    const worker = await measure(process.execPath, [join(BENCH, "lib/throughput-worker.mjs"), JSON.stringify({ baseUrl: `http://127.0.0.1:${actualPort}`, clients, rounds, requests, warmup: 1000, blocks: 25 })], { cwd: BENCH });
    server.kill("SIGTERM");
    if (worker.code !== 0) throw new Error(`throughput worker failed: ${worker.stderr.slice(0, 2000)}`);
    const rows = worker.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l));
    const table = {};
    for (const t of clients) {
      const mine = rows.filter((r) => r.id === t.id);
      const ratio = (peer) => mine.map((r) => r.perSecond / rows.find((f) => f.id === peer && f.round === r.round).perSecond);
      table[t.id] = { perSecond: summary(mine.map((r) => r.perSecond)), ratio: summary(ratio("fetch")), vsOrval: summary(ratio("orval")), cpuUs: summary(mine.map((r) => r.cpuUsPerRequest)) };
    }
    process.stdout.write(`${JSON.stringify({ repeat, throughput: table })}\n`);
    const f = (s) => `${s.median.toFixed(3)} (${s.min.toFixed(3)}–${s.max.toFixed(3)})`;
    for (const [id, t] of Object.entries(table)) log(`run ${repeat + 1}: ${id.padEnd(18)} ${Math.round(t.perSecond.median)}/s  ×fetch ${f(t.ratio)}  ×orval ${f(t.vsOrval)}  cpu ${Math.round(t.cpuUs.median)} µs`);
  }
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
