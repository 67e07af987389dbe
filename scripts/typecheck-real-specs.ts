/**
 * `npm run typecheck:real-specs [-- --keep]`: a report, not a gate. Generates the real published
 * documents in test/fixtures/real-specs (petstore, both Dojo versions, Stripe, GitHub) into a temporary
 * directory with the CLI, compiles each package strictly (its src/ plus a consumer that imports
 * it by name, so the shipped .d.ts are checked too) and prints one table row per spec.
 *
 * Exit codes: 0 whatever tsc says (the table is the result; the target is 0 errors everywhere),
 * 2 when a spec fails to generate. `--keep` leaves the temporary directory in place.
 */

import { tmpdir } from "node:os";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { loadSpecFile } from "../generator/load/load-spec.js";
import {
  type TscResult,
  countOperations,
  generateWithCli,
  genericConsumer,
  linkPackages,
  readPackage,
  runTsc,
  strictProject,
  topCodes,
} from "../test/helpers/packages.js";
import { realSpec } from "../test/fixtures/real-specs/real-specs.mjs";

const SPECS = [
  "petstore.yaml",
  "dojo-api.openapi.2024-02-05.yaml",
  "dojo-api.openapi.2026-02-27.json",
  "stripe.spec3.2023-09-12.yaml",
  "github.api.github.com.octokit-23.0.2.json",
];

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

interface Row {
  readonly spec: string;
  readonly operations: number | undefined;
  readonly generateMs: number;
  readonly failure?: string;
  readonly methods?: number;
  readonly files?: number;
  readonly lines?: number;
  readonly tsc?: TscResult;
}

/** Operations the document declares, counted straight from `paths`; undefined when unreadable. */
function countSpecOperations(file: string): number | undefined {
  let document: { paths?: Record<string, Record<string, unknown>> };
  try {
    document = loadSpecFile(file).document as typeof document;
  } catch {
    return undefined;
  }
  let count = 0;
  for (const item of Object.values(document.paths ?? {})) {
    for (const method of HTTP_METHODS) if (item[method] !== undefined) count += 1;
  }
  return count;
}

function filesAndLines(dir: string): { files: number; lines: number } {
  let files = 0;
  let lines = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    lines += readFileSync(join(entry.parentPath, entry.name), "utf8").split("\n").length - 1;
  }
  return { files, lines };
}

function table(rows: readonly Row[]): string {
  const header = ["spec", "operations", "methods", "files", "lines (src+dist)", "generate", "tsc errors", "tsc time", "top error codes"];
  const body = rows.map((row) => {
    const name = basename(row.spec);
    if (row.failure !== undefined) return [name, String(row.operations ?? "-"), "-", "-", "-", "FAILED", "-", "-", "-"];
    const tsc = row.tsc;
    const codes = tsc === undefined ? [] : topCodes(tsc.diagnostics).slice(0, 3);
    return [
      name,
      String(row.operations ?? "-"),
      String(row.methods ?? "-"),
      String(row.files ?? "-"),
      (row.lines ?? 0).toLocaleString("en-US"),
      `${(row.generateMs / 1000).toFixed(1)} s`,
      tsc === undefined ? "-" : tsc.diagnostics.length === 0 && tsc.exitCode !== 0 ? `exit ${tsc.exitCode}` : String(tsc.diagnostics.length),
      tsc === undefined ? "-" : `${(tsc.ms / 1000).toFixed(2)} s`,
      codes.length === 0 ? "-" : codes.map(([code, n]) => `${code}×${n}`).join(", "),
    ];
  });
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...body.map(line)].join("\n");
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { keep: { type: "boolean", default: false } } });
  const root = mkdtempSync(join(tmpdir(), "clientsmith-real-specs-"));
  try {
    const rows: Row[] = [];
    // One spec at a time, so that the generate and tsc times are each spec's own.
    for (const spec of SPECS) {
      const file = realSpec(spec);
      const out = join(root, "packages", basename(spec).replace(/\.(ya?ml|json)$/, ""));
      process.stderr.write(`${spec}: generating\n`);
      const run = await generateWithCli(file, out);
      const operations = countSpecOperations(file);
      if (run.exitCode !== 0) {
        rows.push({ spec, operations, generateMs: run.ms, failure: `${run.stderr}${run.stdout}`.trim() });
        continue;
      }
      process.stderr.write(`${spec}: type-checking\n`);
      const pkg = readPackage(out);
      const project = join(root, "consumers", basename(out));
      linkPackages(project, [pkg]);
      writeFileSync(join(project, "consumer.ts"), genericConsumer(pkg));
      const tsc = await runTsc(strictProject(project, { files: ["consumer.ts"], include: [join(out, "src/**/*.ts")] }));
      rows.push({ spec, operations, generateMs: run.ms, methods: countOperations(out), ...filesAndLines(out), tsc });
    }

    process.stdout.write(`\n${table(rows)}\n`);
    for (const row of rows) {
      if (row.failure !== undefined) process.stdout.write(`\n${row.spec}: generation failed (exit non-zero):\n${row.failure}\n`);
      const diagnostics = row.tsc?.diagnostics ?? [];
      if (diagnostics.length === 0 && (row.tsc?.exitCode ?? 0) === 0) continue;
      process.stdout.write(`\n${row.spec}: first diagnostics\n`);
      const shown = diagnostics.length > 0 ? diagnostics.slice(0, 10).map((d) => `  ${d.file}(${d.line}): ${d.code} ${d.message}`).join("\n") : row.tsc?.output ?? "";
      process.stdout.write(`${shown}\n`);
    }
    if (values.keep) process.stdout.write(`\nkept ${root}\n`);
    return rows.some((row) => row.failure !== undefined) ? 2 : 0;
  } finally {
    if (!values.keep) rmSync(root, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`typecheck-real-specs: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
