/**
 * `npm run generate [-- options]` and `npx clientsmith [options]`: regenerates every
 * `specs/*.yaml` into `generated/<name>/`, or one spec with `--spec/--out`. Exit codes: 0 ok,
 * 1 drift (`--check`) or a breaking API change the spec does not accept (generator/evolve/),
 * 2 bad input (a spec, a flag, an output folder that is not clientsmith's), 3 the disk refused a write.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { parseArgs } from "node:util";
import { didYouMeanFlag } from "./did-you-mean.js";
import { findDrift } from "./emit/drift.js";
import { CannotWriteError, type PackageOutput, emitPackages, isUpToDate } from "./emit/emit.js";
import { isFresh, recordStamp } from "./emit/stamps.js";
import { targetProblem } from "./emit/target.js";
import type { Evolution } from "./evolve/evolve.js";
import { summarize } from "./evolve/report.js";
import type { StageTimings } from "./pipeline.js";
import { codeFrame } from "./code-frame.js";
import { SpecError, formatProblem } from "./spec-error.js";

export const EXIT = { ok: 0, drift: 1, breaking: 1, badInput: 2, cannotWrite: 3, internal: 70 } as const;

const HELP = `clientsmith: typed TypeScript clients from OpenAPI specs with provider conventions

Usage:
  npm run generate                          regenerate every specs/*.yaml into generated/<name>/
  npm run generate -- --check               write nothing; list files that differ, exit 1 on drift
  npm run generate -- --spec F --out DIR    generate one spec (any OpenAPI 3.0/3.1 YAML or JSON) into DIR
  npx clientsmith --spec F --out DIR        the same, installed as a dependency

Options:
  --spec <file>     one spec file instead of every specs/*.yaml
  --out <dir>       output directory for --spec (default: generated/<spec name>): a new or empty
                    folder, or one holding a package clientsmith generated, which is replaced whole
  --specs <dir>     where the specs are (default: specs)
  --generated <dir> where packages go (default: generated)
  --check           compare instead of writing; exit 1 when anything differs
  --timings         print how long each pipeline stage took
  --accept-breaking add the run's breaking API changes to each spec's x-conventions.client.accept-breaking
                    (the spec's comments and layout are kept), then write the packages
  --version         print clientsmith's version
  -h, --help        this text

Every package records its API changes in api-changes.json and CHANGELOG.md and takes its semver
version from them; the changes are printed after each run that makes them.

Exit codes: 0 ok, 1 drift (with --check) or a breaking API change the spec does not accept
(x-conventions.client.accept-breaking; nothing is written), 2 bad input (the spec's file:line:col
is printed; also a bad flag or an output folder clientsmith does not own), 3 the disk refused a
write (full, read-only, a path through a file; nothing is left behind).
`;

const OPTIONS = {
  spec: { type: "string" },
  out: { type: "string" },
  specs: { type: "string", default: "specs" },
  generated: { type: "string", default: "generated" },
  check: { type: "boolean", default: false },
  timings: { type: "boolean", default: false },
  "accept-breaking": { type: "boolean", default: false },
  version: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const processIo: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: false, strict: true }));
  } catch (error) {
    io.err(`clientsmith: ${flagProblem(error)}\n\n${HELP}`);
    return EXIT.badInput;
  }
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  if (values.version) {
    io.out(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (values["accept-breaking"] && values.check) {
    io.err("clientsmith: --accept-breaking writes to the specs; it cannot be used with --check\n");
    return EXIT.badInput;
  }
  if (values.out !== undefined && values.spec === undefined) {
    io.err("clientsmith: --out needs --spec\n");
    return EXIT.badInput;
  }

  let jobs: { spec: string; dir: string }[];
  if (values.spec !== undefined) {
    jobs = [{ spec: values.spec, dir: values.out ?? packageDir(values.generated, values.spec) }];
  } else {
    if (!existsSync(values.specs)) {
      io.err(`clientsmith: no specs directory at ${values.specs}\n`);
      return EXIT.badInput;
    }
    jobs = readdirSync(values.specs)
      .filter((f) => /\.ya?ml$|\.json$/.test(f))
      .sort()
      .map((f) => ({ spec: join(values.specs, f), dir: packageDir(values.generated, f) }));
  }
  // Checked before any work: a package is written by replacing its folder whole.
  const refused = values.check ? [] : jobs.flatMap(({ spec, dir }) => targetProblem(dir, spec) ?? []);
  if (refused.length > 0) {
    io.err(`${refused.join("\n")}\n\nNothing was written.\n`);
    return EXIT.badInput;
  }

  const timings: StageTimings = {};
  const outputs: PackageOutput[] = [];
  // Per generated package: its version, release record and API report (generator/evolve/).
  const evolutions: Evolution[] = [];
  const failures: string[] = [];
  // A spec whose package is stamped as generated from these very bytes by this very generator is
  // skipped unread (emit/stamps.ts); --check always compares.
  const stamped: { spec: string; dir: string }[] = [];
  let fresh = 0;
  for (const { spec, dir } of jobs) {
    if (!values.check) {
      const start = performance.now();
      const skip = isFresh(spec, dir);
      timings["up-to-date"] = (timings["up-to-date"] ?? 0) + performance.now() - start;
      if (skip) {
        fresh++;
        continue;
      }
      stamped.push({ spec, dir });
    }
    try {
      // Loaded only when a spec needs generating, so that a no-op run starts in milliseconds.
      const { generatePackage } = await import("./pipeline.js");
      const pkg = await generatePackage(spec, timings);
      const { evolvePackage } = await import("./evolve/evolve.js");
      const start = performance.now();
      const evolution = evolvePackage(dir, pkg.files, pkg.spec);
      timings["evolve"] = (timings["evolve"] ?? 0) + performance.now() - start;
      evolutions.push(evolution);
      outputs.push(evolution.output);
    } catch (error) {
      if (error instanceof SpecError) failures.push(withCodeFrames(error));
      else throw error;
    }
  }
  if (failures.length > 0) {
    io.err(`${failures.join("\n")}\n\nNothing was written.\n`);
    return EXIT.badInput;
  }
  if (values.timings) {
    io.err(`${Object.entries(timings).map(([stage, ms]) => `${stage.padEnd(12)} ${ms.toFixed(0).padStart(6)} ms`).join("\n")}\n`);
  }

  if (values.check) {
    let drifted = 0;
    const driftedDirs = new Set<string>();
    for (const output of outputs) {
      const drift = findDrift(output);
      if (drift.length === 0) continue;
      driftedDirs.add(output.dir);
      drifted += drift.length;
      io.out(`${output.dir}: ${drift.length} file${drift.length === 1 ? "" : "s"} differ from the spec\n`);
      for (const d of drift) {
        io.out(`  ${d.kind.padEnd(7)} ${d.path}\n`);
        if (d.diff !== "") io.out(`${d.diff.replace(/^/gm, "      ")}\n`);
      }
    }
    const api = summarize(evolutions, (dir) => driftedDirs.has(dir));
    if (api.text !== "") io.out(`\n${api.text}`);
    if (drifted > 0) {
      io.out("\nRun `npm run generate` and commit the result.\n");
      return EXIT.drift;
    }
    if (api.refused > 0) return EXIT.breaking;
    io.out(`${outputs.length} package${outputs.length === 1 ? "" : "s"} up to date.\n`);
    return EXIT.ok;
  }

  const stale = new Set(outputs.filter((o) => !isUpToDate(o)).map((o) => o.dir));
  const gated = values["accept-breaking"] ? (await import("./evolve/accept.js")).acceptUnacknowledged(evolutions, io.out) : evolutions;
  const api = summarize(gated, (dir) => stale.has(dir));
  if (api.refused > 0) {
    io.out(`${api.text}\nNothing was written.\n`);
    return EXIT.breaking;
  }
  let written: string[];
  try {
    written = emitPackages(outputs);
  } catch (error) {
    if (!(error instanceof CannotWriteError)) throw error;
    io.err(`clientsmith: ${error.message}\n\nNothing was written.\n`);
    return EXIT.cannotWrite;
  }
  for (const { spec, dir } of stamped) recordStamp(spec, dir);
  io.out(written.length === 0 ? `${outputs.length + fresh} package(s) already up to date.\n` : `wrote ${written.join(", ")}\n`);
  if (api.text !== "") io.out(api.text);
  return EXIT.ok;
}

/** Each problem's `file:line:col: message` line, with the source around it underneath. */
function withCodeFrames(error: SpecError): string {
  const texts = new Map<string, string | undefined>();
  const lines = error.problems.map((problem) => {
    if (!texts.has(problem.file)) texts.set(problem.file, readText(problem.file));
    const text = texts.get(problem.file);
    const frame = text === undefined ? "" : codeFrame(text, problem.line, problem.column);
    return frame === "" ? formatProblem(problem) : `${formatProblem(problem)}\n${frame}`;
  });
  return lines.join("\n");
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** generated/<spec file name without extension>. */
function packageDir(generated: string, spec: string): string {
  return join(generated, basename(spec, extname(spec)));
}

const VERSION = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

/** parseArgs's complaint, with the nearest known flag when an unknown one looks like a typo. */
function flagProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '(--?[^']+)'/.exec(message)?.[1];
  if (unknown === undefined) return message;
  const flags = Object.entries(OPTIONS).flatMap(([name, option]) => ["short" in option ? `-${option.short}` : [], `--${name}`].flat());
  return `unknown option ${unknown}${didYouMeanFlag(unknown, flags)}`;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("generator/cli.ts")) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`clientsmith: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(EXIT.internal);
    },
  );
}
