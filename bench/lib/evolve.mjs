/**
 * The evolve stage with a baseline to compare (issue: ≤ 0.3 s on Stripe and GitHub): the package
 * is generated once, then each run changes the spec and is a release compared with the package
 * before it — first changing only documentation (info.description), then the API (one new
 * operation per run). Each run is clientsmith's whole CLI; the figure is its `--timings` evolve
 * stage. Used by run.mjs (section 8) and, alone, by bench/evolve.mjs.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ROOT } from "./cases.mjs";
import { measure } from "./proc.mjs";
import { summary } from "./stats.mjs";

/**
 * @param {{ id: string, ext: string }} c the case
 * @param {string} source the case's spec file
 * @param {string} work a folder of its own to write in
 * @param {number} runs runs of each kind
 * @param {(text: string) => void} log
 */
export async function measureEvolve(c, source, work, runs, log) {
  const { parse } = await import("yaml");
  const doc = c.ext === "json" ? JSON.parse(readFileSync(source, "utf8")) : parse(readFileSync(source, "utf8"), { maxAliasCount: -1 });
  const dir = join(work, c.id);
  const spec = join(work, `${c.id}.json`);
  mkdirSync(dirname(dir), { recursive: true });
  const evolveMs = async (label) => {
    writeFileSync(spec, JSON.stringify(doc));
    const r = await measure(process.execPath, [join(ROOT, "generator/launch.mjs"), "--spec", spec, "--out", dir, "--timings"], { cwd: ROOT, env: { CLIENTSMITH_STAMPS: "off" } });
    const ms = /^evolve\s+(\d+) ms$/m.exec(r.stderr);
    log(`${c.id}: evolve, ${label}: ${ms?.[1] ?? `failed: ${r.stdout.slice(-300)}${r.stderr.slice(-300)}`} ms`);
    return ms === null ? NaN : Number(ms[1]);
  };
  await evolveMs("first generation, no baseline");
  const docsOnly = [];
  for (let run = 1; run <= runs; run++) {
    doc.info = { ...doc.info, description: `${doc.info?.description ?? ""} (bench run ${run})` };
    docsOnly.push(await evolveMs(`documentation changed, run ${run}`));
  }
  // New to this benchmark run, so that no surface of it is cached from an earlier one.
  const nonce = Date.now().toString(36);
  const apiChange = [];
  for (let run = 1; run <= runs; run++) {
    doc.paths[`/clientsmith-bench/${nonce}/run${run}`] = { get: { operationId: `ClientsmithBench${nonce}_Run${run}`, responses: { 200: { description: "ok" } } } };
    apiChange.push(await evolveMs(`one operation added, run ${run}`));
  }
  return { docsOnly: summary(docsOnly), apiChange: summary(apiChange) };
}
