/**
 * Shared by the evolve suites: the tiny Pets spec (test/fixtures/evolve/pets.json) as data to
 * mutate, packages generated from spec objects in memory, their API surfaces, and temporary
 * project trees for driving the CLI in-process.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Surface, extractSurface } from "../../generator/evolve/surface.js";
import { type GeneratedPackage, generatePackage } from "../../generator/pipeline.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures/evolve/", import.meta.url));

// Specs are JSON data; tests reach into them freely.
export type Spec = any;

export function petsSpec(): Spec {
  return JSON.parse(readFileSync(join(FIXTURES, "pets.json"), "utf8")) as Spec;
}

const temps: string[] = [];
export function tempDir(prefix = "clientsmith-evolve-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
export function removeTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The package a spec object generates, in memory (the spec is written as `<name>.json` in a temporary directory). */
export async function generateFrom(spec: Spec, name = "pets"): Promise<GeneratedPackage> {
  const file = join(tempDir(), `${name}.json`);
  writeFileSync(file, JSON.stringify(spec, null, 2));
  return generatePackage(file);
}

export async function surfaceFrom(spec: Spec): Promise<Surface> {
  const pkg = await generateFrom(spec);
  return extractSurface(new Map(pkg.files.map((f) => [f.path, f.content])));
}

/** `npm run generate -- …argv`, in-process. */
export { type CliResult as RunResult, run } from "../helpers/cli.js";

/** A project tree with `specs/` and `generated/`; `write` puts a spec object at `specs/<file>`. */
export function project(): { root: string; specs: string; generated: string; flags: string[]; write: (file: string, spec: Spec) => void } {
  const root = tempDir();
  const specs = join(root, "specs");
  const generated = join(root, "generated");
  mkdirSync(specs);
  return {
    root,
    specs,
    generated,
    flags: ["--specs", specs, "--generated", generated],
    write: (file, spec) => writeFileSync(join(specs, file), typeof spec === "string" ? spec : `${JSON.stringify(spec, null, 2)}\n`),
  };
}
