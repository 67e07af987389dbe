/**
 * Checking generated packages the way their users meet them: found by name through
 * `node_modules`, compiled by the repository's own `tsc` under the strictest options a consumer
 * is likely to use, and generated afresh from a spec by the CLI in a child process.
 *
 *   const project = strictProject(dir, { files: ["consumer.ts"] });
 *   const result = await runTsc(project);
 *   expect(result.diagnostics).toEqual([]);
 *
 * Used by test/packages/*.test.ts and scripts/typecheck-real-specs.ts.
 */

import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT: string = fileURLToPath(new URL("../../", import.meta.url));
export const GENERATED: string = join(REPO_ROOT, "generated");

const TSC = join(REPO_ROOT, "node_modules/typescript/bin/tsc");
const TSX = join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs");
const CLI = join(REPO_ROOT, "generator/cli.ts");

/** What a careful consumer compiles with. `skipLibCheck: false` makes the shipped .d.ts count. */
export const STRICT_COMPILER_OPTIONS = {
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  lib: ["ES2022", "DOM"],
  types: [],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: false,
  noEmit: true,
} as const;

/** A generated package on disk. */
export interface PackageInfo {
  /** Absolute path of the package directory. */
  readonly dir: string;
  /** The npm name from its package.json, e.g. `dojo-client`. */
  readonly name: string;
  /** The client class exported by `src/client.ts`, e.g. `Dojo`. */
  readonly clientClass: string;
}

export function readPackage(dir: string): PackageInfo {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown };
  if (typeof manifest.name !== "string") throw new Error(`${dir}/package.json has no name`);
  const client = readFileSync(join(dir, "src/client.ts"), "utf8");
  const match = /^export class (\w+)/m.exec(client);
  if (match?.[1] === undefined) throw new Error(`${dir}/src/client.ts exports no class`);
  return { dir, name: manifest.name, clientClass: match[1] };
}

/** Every directory under `root` that holds a package.json, by directory name. */
export function discoverPackages(root: string = GENERATED): PackageInfo[] {
  return readdirSync(root)
    .sort()
    .map((entry) => join(root, entry))
    .filter((dir) => statSync(dir).isDirectory() && existsSync(join(dir, "package.json")))
    .map(readPackage);
}

/** Makes each package importable by name from anywhere under `projectDir`. */
export function linkPackages(projectDir: string, packages: readonly PackageInfo[]): void {
  for (const pkg of packages) {
    const link = join(projectDir, "node_modules", ...pkg.name.split("/"));
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(pkg.dir, link, "junction");
  }
}

/** Makes the repository's `@types/node` visible to a project, for code that reads `process`. */
export function linkNodeTypes(projectDir: string): void {
  const link = join(projectDir, "node_modules/@types/node");
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(join(REPO_ROOT, "node_modules/@types/node"), link, "junction");
}

/** Writes `<dir>/tsconfig.json` with the strict options; `include` entries may be absolute. */
export function strictProject(dir: string, sources: { files?: readonly string[]; include?: readonly string[] }): string {
  mkdirSync(dir, { recursive: true });
  const tsconfig = join(dir, "tsconfig.json");
  writeFileSync(
    tsconfig,
    `${JSON.stringify({ compilerOptions: STRICT_COMPILER_OPTIONS, ...sources }, null, 2)}\n`,
  );
  return tsconfig;
}

export interface Diagnostic {
  /** As tsc prints it (relative to the working directory), or "" for a global error. */
  readonly file: string;
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

export interface TscResult {
  readonly exitCode: number;
  readonly diagnostics: readonly Diagnostic[];
  /** Everything tsc printed, for failure messages. */
  readonly output: string;
  readonly ms: number;
}

const DIAGNOSTIC = /^(?:(.+?)\((\d+),\d+\): )?error (TS\d+): (.*)$/;

export function parseDiagnostics(output: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = DIAGNOSTIC.exec(line);
    if (match === null) continue;
    found.push({ file: match[1] ?? "", line: Number(match[2] ?? 0), code: match[3] ?? "", message: match[4] ?? "" });
  }
  return found;
}

/** `tsc -p <tsconfig>` with the repository's TypeScript; never rejects. */
export async function runTsc(tsconfig: string): Promise<TscResult> {
  const start = performance.now();
  const run = await execNode([TSC, "-p", tsconfig, "--pretty", "false"], dirname(tsconfig));
  const output = `${run.stdout}${run.stderr}`;
  return { exitCode: run.exitCode, diagnostics: parseDiagnostics(output), output, ms: performance.now() - start };
}

/** Counts per error code, most frequent first: `[["TS2322", 12], ...]`. */
export function topCodes(diagnostics: readonly Diagnostic[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const d of diagnostics) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

export interface ProcessResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** `npm run generate -- --spec <spec> --out <out>`, as a child process. */
export function generateWithCli(spec: string, out: string): Promise<ProcessResult> {
  return execNode([TSX, CLI, "--spec", spec, "--out", out], REPO_ROOT);
}

/** Runs `node <args>`; resolves with the exit code instead of rejecting on failure. */
export function execNode(args: readonly string[], cwd: string): Promise<ProcessResult> {
  const start = performance.now();
  return new Promise((done) => {
    execFile(process.execPath, [...args], { cwd, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      done({ exitCode: code, stdout, stderr, ms: performance.now() - start });
    });
  });
}

/** How many operation descriptors the package's resources declare: one per generated method. */
export function countOperations(packageDir: string): number {
  // The descriptors live beside the per-operation functions, one module per resource.
  const operations = join(packageDir, "src/operations");
  let count = 0;
  for (const file of readdirSync(operations)) {
    if (!file.endsWith(".ts")) continue;
    count += readFileSync(join(operations, file), "utf8").match(/: OperationDescriptor =\s/g)?.length ?? 0;
  }
  return count;
}

/**
 * A consumer that works for any generated package: constructs the client from its own options
 * type, and narrows a caught error through the exported classes.
 */
export function genericConsumer(pkg: PackageInfo): string {
  const client = pkg.clientClass;
  return `import { ${client}, APIError, APIPromise, ClientError, RequestValidationError } from ${JSON.stringify(pkg.name)};
import type { RequestOptions, WithResponse } from ${JSON.stringify(pkg.name)};

declare const options: ConstructorParameters<typeof ${client}>[0];
export const client: ${client} = new ${client}({ ...options, baseUrl: "https://api.example.test", maxRetries: 0 });
export const requestOptions: RequestOptions = { timeout: 1_000, headers: { "x-probe": "1" } };

export async function statusOf<T>(call: () => APIPromise<T>): Promise<number> {
  try {
    const { response }: WithResponse<T> = await call().withResponse();
    return response.status;
  } catch (error) {
    if (error instanceof APIError) {
      const status: number = error.status;
      const requestId: string | undefined = error.requestId;
      return requestId === undefined ? status : -status;
    }
    if (error instanceof RequestValidationError) return -1;
    if (error instanceof ClientError) return 0;
    throw error;
  }
}
`;
}
