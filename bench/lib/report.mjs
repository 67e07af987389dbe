/** bench/RESULTS.md from the results object of run.mjs. */
import { BUNDLE_TARGET_CASE } from "./cases.mjs";
import { int, kB, mb, ratio, seconds, spread } from "./stats.mjs";

const BUNDLE_LIMIT = 3 * 1024;
const NOOP_LIMIT_MS = 300;
const THROUGHPUT_FLOOR = 0.97;

const table = (header, rows) => [`| ${header.join(" | ")} |`, `| ${header.map((h, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");

export function render(results, { tools, cases }) {
  const label = (id) => tools.find((t) => t.id === id)?.label ?? id;
  const gen = (caseId, toolId) => results.generation[caseId]?.[toolId];
  const lines = [];
  const push = (...text) => lines.push(...text, "");

  push(
    "# Benchmarks: clientsmith and its peers",
    `Measured by \`npm run bench${results.mode === "quick" ? " -- --quick" : ""}\` (${results.mode} mode) on ${results.startedAt.slice(0, 16).replace("T", " ")} UTC. ` +
      "Rerun with `npm run bench` (full, about 25 minutes) or `npm run bench -- --quick` (under two minutes: petstore, jodo and Stripe, one measured run). " +
      "Every tool runs as a whole process through its own CLI, on the same spec files, one after another in a rotating order; times are medians with min–max over the measured runs, after one warm-up run per tool and spec. The numbers come from a shared, noisy 2-core machine: compare the rows of one run, not runs of different days.",
  );

  push("## Machine and versions");
  push(
    table(
      ["", ""],
      [
        ["machine", `${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memoryGiB} GiB, ${results.machine.os}`],
        ["Node.js", results.machine.node],
        ["load average before / after", `${results.machine.loadBefore} / ${results.machine.loadAfter}`],
        ...tools.map((t) => [t.label, results.versions[t.id]]),
        ["type-checkers", results.compilers.map((c) => c.label).join(", ")],
        ["runs", `${results.settings.runs} measured generation runs, ${results.settings.tscRuns} type-check runs, ${results.settings.noopRuns} no-op runs`],
      ],
    ),
  );

  // ---- targets
  const targetRows = [];
  for (const caseId of ["stripe", "github"]) {
    const cs = gen(caseId, "clientsmith")?.time?.median;
    const ot = gen(caseId, "openapi-typescript")?.time?.median;
    const csPeak = gen(caseId, "clientsmith")?.peak?.median;
    const heyPeak = gen(caseId, "hey-api")?.peak?.median;
    if (cs === undefined) continue;
    targetRows.push([
      `cold generation, ${caseId}: ≤ 1.0× openapi-typescript`,
      `${seconds(cs)} vs ${ot === undefined ? "–" : seconds(ot)}: ${ratio(cs / ot)}`,
      verdict(ot !== undefined && cs <= ot),
    ]);
    targetRows.push([
      `peak memory, ${caseId}: ≤ hey-api's`,
      `${mb(csPeak)} vs ${heyPeak === undefined ? "–" : mb(heyPeak)}: ${ratio(csPeak / heyPeak)}`,
      verdict(heyPeak !== undefined && csPeak <= heyPeak),
    ]);
  }
  if (results.noop.npm !== undefined) {
    targetRows.push([
      `no-op \`npm run generate\` of all ${results.noop.specs.length} specs ≤ 0.3 s`,
      `${seconds(results.noop.npm.median)} (bare process ${seconds(results.noop.direct.median)})`,
      verdict(results.noop.npm.median <= NOOP_LIMIT_MS),
    ]);
  }
  for (const caseId of ["stripe", "github"]) {
    const cs = results.tsc[caseId]?.clientsmith?.tsc5;
    const hey = results.tsc[caseId]?.["hey-api"]?.tsc5;
    if (cs === undefined) continue;
    targetRows.push([`${caseId}: strict tsc, 0 errors`, `${cs.errors} errors`, verdict(cs.errors === 0 && cs.exitCode === 0)]);
    targetRows.push([
      `${caseId}: tsc time ≤ hey-api's`,
      `${seconds(cs.time.median)} vs ${hey === undefined ? "–" : seconds(hey.time.median)}: ${ratio(cs.time.median / hey?.time.median)}`,
      verdict(hey !== undefined && cs.time.median <= hey.time.median),
    ]);
  }
  const bundle = results.bundle[BUNDLE_TARGET_CASE]?.clientsmith;
  if (bundle?.gzip !== undefined) {
    targetRows.push([`one-operation consumer bundle (${BUNDLE_TARGET_CASE}: typed errors, retries, envelope) ≤ 3 kB gzip`, `${int(bundle.gzip)} B gzip (${int(bundle.bytes)} B minified)`, verdict(bundle.gzip <= BUNDLE_LIMIT)]);
  }
  const tp = results.throughput.clientsmith?.ratio;
  if (tp !== undefined) {
    targetRows.push([`per-request throughput ≥ ${THROUGHPUT_FLOOR}× bare fetch`, `${ratio(tp.median)} (rounds ${ratio(tp.min)}–${ratio(tp.max)})`, verdict(tp.median >= THROUGHPUT_FLOOR)]);
  }
  push("## Targets", "clientsmith's row against the peers' rows of this same run.", table(["target", "measured", "met"], targetRows));

  // ---- generation
  push(
    "## Cold generation",
    "Wall time of the whole process (start to exit) into an empty output directory, and the peak resident memory of its process tree (sampled from /proc every 10 ms, and the root's own high-water mark). Output: every file the tool wrote; clientsmith writes a package (TypeScript sources, compiled `dist/*.js` and `*.d.ts`, README, package.json), the peers TypeScript only, so the TypeScript-source columns compare like with like.",
  );
  for (const c of cases) {
    const ot = gen(c.id, "openapi-typescript")?.time?.median;
    const rows = tools.map((t) => {
      const g = gen(c.id, t.id);
      const out = results.output[c.id]?.[t.id];
      if (g === undefined || g.time === undefined) return [t.label, `failed: ${(g?.failures?.[0] ?? "no run").replace(/\s+/g, " ").replace(/\|/g, "\\|").slice(0, 160)}`, "", "", "", "", "", ""];
      return [
        t.label,
        spread(g.time, seconds),
        ratio(g.time.median / ot),
        spread(g.peak, mb),
        int(out.total.files),
        `${int(out.total.lines)} / ${kB(out.total.bytes)}`,
        int(out.ts.files),
        `${int(out.ts.lines)} / ${kB(out.ts.bytes)}`,
      ];
    });
    push(`### ${c.title}`, table(["tool", "time", "× openapi-typescript", "peak memory", "files", "lines / bytes", "TS files", "TS lines / bytes"], rows));
  }

  // ---- type-check
  push(
    "## Strict type-check",
    "`tsc -p` with `strict: true`, `skipLibCheck: false`, `noEmit`, module `ESNext` / resolution `Bundler`, on a one-call consumer (the case's operation, error handling included) and everything it imports from the generated output. Time of the whole `tsc` process; errors are `error TS…` lines.",
  );
  for (const c of cases) {
    const rows = tools.map((t) => {
      const byCompiler = results.tsc[c.id]?.[t.id];
      if (byCompiler === undefined) return [t.label, ...results.compilers.flatMap(() => ["–", "–"])];
      return [
        t.label,
        ...results.compilers.flatMap((comp) => {
          const e = byCompiler[comp.id];
          if (e === undefined) return ["–", "–"];
          const codes = Object.entries(e.codes).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([code, n]) => `${code}×${n}`).join(", ");
          return [spread(e.time, seconds), `${int(e.errors)}${codes ? ` (${codes})` : ""}`];
        }),
      ];
    });
    push(`### ${c.title}`, table(["tool", ...results.compilers.flatMap((comp) => [`${comp.label} time`, "errors"])], rows));
  }

  // ---- bundles
  push(
    "## One-operation consumer bundle",
    "The consumer (one call, error handling) bundled by esbuild for the browser, ESM, minified; gzip at level 9. `fetch` is the floor: the same call written with bare `fetch`. clientsmith's consumer imports the package's `dist/index.js`, as its users do; the package declares `sideEffects: false`. `clientsmith` calls the operation's function over the package's core (`studentsGet(core, id)`); `clientsmith (client class)` makes the same call through the resource-grouped client (`client.students.get(id)`).",
    table(
      ["spec", ...[...tools.map((t) => t.label), "clientsmith (client class)", "bare fetch"]],
      cases.map((c) => [
        c.id,
        ...[...tools.map((t) => t.id), "clientsmith-class", "fetch"].map((id) => {
          const b = results.bundle[c.id]?.[id];
          if (b === undefined) return "–";
          if (b.error !== undefined) return "failed";
          return `${int(b.gzip)} B (${int(b.bytes)} B min)`;
        }),
      ]),
    ),
  );

  const parts = (caseId) => {
    const b = results.bundle[caseId]?.clientsmith;
    if (b?.parts === undefined) return "";
    const top = b.parts.slice(0, 8).map((p) => `\`${p.path.replace(/^.*?(src|dist)\//, "")}\` ${int(p.bytes)} B`).join(", ");
    return `clientsmith's ${caseId} bundle, minified bytes by source file (largest first): ${top}.`;
  };
  for (const text of [parts(BUNDLE_TARGET_CASE), parts("stripe")]) if (text !== "") push(text);

  // ---- throughput
  const tpRows = ["fetch", ...tools.map((t) => t.id)]
    .filter((id) => results.throughput[id] !== undefined)
    .map((id) => {
      const r = results.throughput[id];
      return [id === "fetch" ? "bare fetch" : label(id), spread(r.perSecond, (v) => int(Math.round(v))), spread(r.ratio, (v) => v.toFixed(3)), spread(r.cpuUs, (v) => `${Math.round(v)} µs`), int(r.requests)];
    });
  push(
    "## Per-request throughput",
    `Each client calls the ${results.throughput.case} spec's \`GET /pets/{petId}\` against a \`node:http\` server on 127.0.0.1 (a separate process; a ${Buffer.byteLength('{"id":1,"name":"doggie","tag":"dog"}')}-byte JSON body), one request in flight, from its bundled consumer, all clients in one process; ${results.settings.throughput.warmup} warm-up calls each, then ${results.settings.throughput.rounds} rounds of ${int(results.settings.throughput.requests)} requests per client, each round made of ${results.settings.throughput.blocks} passes over all clients in a rotating order (so that a change in the machine's load weighs on all alike). The ratio is taken against bare \`fetch\` over the same round; medians and min–max over the rounds.`,
    results.throughput.error ? `Worker failed: ${results.throughput.error}` : table(["client", "requests / s", "ratio to fetch", "client CPU per request", "requests"], tpRows),
  );
  if (results.throughput.variants !== undefined) {
    const base = Object.values(results.throughput.variants)[0];
    push(
      "What the pieces of a careful client cost on bare `fetch`, measured the same way (CPU time of the client process per request, interleaved blocks of 100 requests):",
      table(["variant", "CPU per request", "over bare fetch"], Object.entries(results.throughput.variants).map(([k, v]) => [k, `${Math.round(v)} µs`, k.startsWith("bare") ? "" : `${v - base >= 0 ? "+" : ""}${Math.round(v - base)} µs`])),
    );
  }

  // ---- no-op
  if (results.noop.npm !== undefined) {
    const peersAll = tools
      .filter((t) => t.id !== "clientsmith")
      .map((t) => {
        const total = results.noop.specs.reduce((sum, id) => sum + (gen(id, t.id)?.time?.median ?? NaN), 0);
        return `${t.label} ${Number.isFinite(total) ? seconds(total) : "–"}`;
      });
    push(
      "## No-op regeneration",
      `Every spec above (${results.noop.specs.join(", ")}) regenerated with nothing changed: clientsmith in one \`npm run generate -- --specs … --generated …\` (a spec whose package is stamped as generated from the same bytes by the same generator, and untouched since, is skipped unread). The peers have no such mode: regenerating costs them a full generation, the sum of their medians above.`,
      table(
        ["", "time"],
        [
          ["clientsmith, all specs, first (cold) run", seconds(results.noop.allSpecsCold)],
          ["clientsmith, no-op, `npm run generate`", spread(results.noop.npm, seconds)],
          ["clientsmith, no-op, bare `node generator/launch.mjs`", spread(results.noop.direct, seconds)],
          ["for scale: `npm run env` (npm's own start)", spread(results.noop.npmAlone, seconds)],
          ["for scale: `node -e 0` (Node's own start)", spread(results.noop.nodeAlone, seconds)],
          ...peersAll.map((p) => {
            const at = p.lastIndexOf(" ", p.length - 3);
            return [`${p.slice(0, at)}, regenerate all`, p.slice(at + 1)];
          }),
        ],
      ),
    );
  }

  // ---- stages
  if (Object.keys(results.stages).length > 0) {
    const rows = Object.entries(results.stages).map(([stage, s]) => [stage, spread(s, (v) => `${Math.round(v)} ms`)]);
    push(
      "## Where clientsmith's time goes (Stripe)",
      "`--timings` of cold runs on Stripe (medians, min–max). The rest of the whole process is Node's start, loading the bundled CLI and its dependencies, and writing the package.",
      table(["stage", "time"], rows),
      results.firstRun === undefined
        ? ""
        : `The first run after a change to the generator (no CLI bundle and no compiled runtime in \`node_modules/.cache/clientsmith\` yet) took ${seconds(results.firstRun.ms)} and ${mb(results.firstRun.peakKb)}: it bundles the CLI with esbuild and compiles the runtime modules with the JavaScript TypeScript compiler once.`,
    );
  }

  // ---- evolve
  if (Object.keys(results.evolve ?? {}).length > 0) {
    const ms = (v) => `${Math.round(v)} ms`;
    const rows = Object.entries(results.evolve).map(([id, e]) => [id, spread(e.docsOnly, ms), spread(e.apiChange, ms)]);
    push(
      "## The evolve stage with a baseline",
      "`--timings`' evolve stage when a regeneration is compared with the package before it (target ≤ 0.3 s; median, min–max). Surfaces are cached by their declarations without comment prose, with the facts of each statement: a documentation-only change reads no surface; an API change parses only the new package's statements that differ from the baseline's (the operations added are new to each benchmark run, so none is cached from an earlier one).",
      table(["spec", "documentation changed", "one operation added"], rows),
    );
  }

  // ---- limits
  const limits = limitNotes(results, { gen, targetRows });
  if (limits.length > 0) push("## Targets not met: what limits them", ...limits);

  // ---- failures
  const failures = [];
  for (const c of cases) for (const t of tools) for (const f of gen(c.id, t.id)?.failures ?? []) failures.push(`- ${t.label} on ${c.id}: ${f.replace(/\s+/g, " ").slice(0, 400)}`);
  if (failures.length > 0) push("## Failures", ...failures);
  return `${lines.join("\n").trimEnd()}\n`;
}

function verdict(met) {
  return met ? "**met**" : "**not met**";
}

/** Measured explanations for each target this run missed. */
function limitNotes(results, { gen, targetRows }) {
  const notes = [];
  const missed = (prefix) => targetRows.some((r) => r[0].startsWith(prefix) && r[2].includes("not met"));
  if (missed("cold generation")) {
    const stages = Object.entries(results.stages).filter(([k]) => k !== "whole process" && k !== "up-to-date").sort((a, b) => b[1].median - a[1].median);
    const whole = results.stages["whole process"]?.median;
    const inStages = stages.reduce((sum, [, v]) => sum + v.median, 0);
    notes.push(
      `- **Cold generation.** On Stripe the stages take ${Math.round(inStages)} ms of the ${whole === undefined ? "–" : Math.round(whole)} ms process (largest: ${stages.slice(0, 4).map(([k, v]) => `${k} ${Math.round(v.median)} ms`).join(", ")}); the rest is Node's start, loading the CLI bundle and its dependencies (js-yaml, handlebars, oxfmt's native binding) and writing ${int(results.output.stripe?.clientsmith?.total.files ?? 0)} files. clientsmith also does more than the peers: it compiles its output to \`dist/*.js\` and \`*.d.ts\` and writes a README.`,
    );
  }
  if (missed("peak memory")) notes.push("- **Peak memory.** The document, its IR and every file's text (sources, formatted, compiled) are held at once, and the native compiler runs as a second process beside Node.");
  if (missed("no-op")) {
    const n = results.noop;
    notes.push(
      `- **No-op generate.** clientsmith's own process takes ${seconds(n.direct.median)} (Node's start alone: ${n.nodeAlone === undefined ? "–" : seconds(n.nodeAlone.median)}); \`npm run\` adds its own start (${n.npmAlone === undefined ? "–" : seconds(n.npmAlone.median)} for \`npm run env\`, which runs nothing of ours). On a loaded machine npm's start alone can pass 0.3 s; what remains in our process is reading the stamps, hashing the generator's sources (~0.5 MB) and listing each package's files.`,
    );
  }
  if (missed("one-operation consumer bundle")) {
    const share = (caseId) => {
      const parts = results.bundle[caseId]?.clientsmith?.parts ?? [];
      const sum = (test) => parts.filter((p) => test(p.path)).reduce((n, p) => n + p.bytes, 0);
      const runtime = sum((p) => p.includes("/runtime/"));
      const operations = sum((p) => p.includes("/operations/") || p.includes("/resources/"));
      const total = parts.reduce((n, p) => n + p.bytes, 0);
      return { runtime, operations, other: total - runtime - operations, total };
    };
    const j = share(BUNDLE_TARGET_CASE);
    const st = share("stripe");
    notes.push(
      `- **Bundle size.** The one-call consumer calls one operation's function over the package's core, so no resource class and no other operation is bundled: of the ${BUNDLE_TARGET_CASE} bundle's ${int(j.total)} minified bytes, ${int(j.operations)} are the operation, ${int(j.other)} the core's constructor, the error classes and the consumer, and ${int(j.runtime)} the runtime (HTTP engine with retries, total and per-attempt timeouts, redirects that drop credentials across origins, capped body reads, redacted logging, plug-in hooks; the dialect's plug-ins; the error hierarchy); on Stripe the runtime is ${int(st.runtime)} of ${int(st.total)}. What is left is the runtime every call goes through: reaching 3 kB needs the engine itself split (redirect handling, debug logging, the retry budget and the \`Retry-After\` date parser as optional features) or a smaller engine without them.`,
    );
  }
  if (missed("per-request throughput")) {
    const cs = results.throughput.clientsmith;
    const f = results.throughput.fetch;
    const v = results.throughput.variants ?? {};
    const base = Object.values(v)[0];
    const delta = (name) => (v[name] === undefined || base === undefined ? "–" : `${Math.round(v[name] - base) >= 0 ? "+" : ""}${Math.round(v[name] - base)} µs`);
    notes.push(
      `- **Throughput.** clientsmith's client spends ${cs?.cpuUs === undefined ? "–" : `${Math.round(cs.cpuUs.median)} µs`} of CPU per request against bare fetch's ${f?.cpuUs === undefined ? "–" : `${Math.round(f.cpuUs.median)} µs`}. Its runtime wraps every attempt in what the table under the throughput section prices on bare fetch: an AbortController for the attempt (${delta("+ AbortController signal")}), a timeout timer (${delta("+ signal and a 60 s timer")} with the signal), the response and the body raced against the abort so that a fetch that ignores its signal cannot outlive the timeout (${delta("+ signal, response raced against abort")} for the three together), a Headers object (${delta("+ Headers object (2 headers)")}), the body read as a capped stream (${delta("+ body read as a capped stream")}), plus manual redirects and the retry loop. The abort and timeout machinery alone is about the whole gap: racing only an injected \`fetch\` (the platform's honours its signal) and arming one timer per call rather than per attempt are the levers, in templates/runtime/client.ts. Differences of a few percent are within this machine's noise between rounds (see the min–max).`,
    );
  }
  return notes;
}
