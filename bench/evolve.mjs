#!/usr/bin/env node
/**
 * `node bench/evolve.mjs [--runs N] [--cases stripe,github]`: only the benchmark's evolve section
 * (lib/evolve.mjs), for working on that stage without the whole `npm run bench`. Prints the
 * medians; writes no report.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { BENCH, CASES } from "./lib/cases.mjs";
import { measureEvolve } from "./lib/evolve.mjs";
import { spread } from "./lib/stats.mjs";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3" }, cases: { type: "string", default: "stripe,github" } } });
const work = join(BENCH, ".work", "evolve-only");
const ms = (n) => `${Math.round(n)} ms`;
const log = (text) => process.stderr.write(`[evolve] ${text}\n`);
rmSync(work, { recursive: true, force: true });
const rows = [];
for (const id of values.cases.split(",")) {
  const c = CASES.find((x) => x.id === id);
  if (c === undefined) throw new Error(`no case ${id}`);
  const r = await measureEvolve(c, c.source, work, Number(values.runs), log);
  rows.push(`| ${id} | ${spread(r.docsOnly, ms)} | ${spread(r.apiChange, ms)} |`);
}
process.stdout.write(`| spec | documentation changed | one operation added |\n| --- | ---: | ---: |\n${rows.join("\n")}\n`);
