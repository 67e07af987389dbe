/**
 * A package generated from a spec into a fresh temporary folder and imported from its built
 * `dist/`, for behaviour tests against loopback servers:
 *
 *   const generated = await generateAndImport<Package>(SPEC, "paging");
 *   generated.module.Client; ... generated.remove();
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { generatePackage } from "../../generator/pipeline.js";

export interface GeneratedPackage<Module> {
  /** The folder holding the package (`src/`, `dist/`, …). */
  readonly dir: string;
  readonly module: Module;
  remove(): void;
}

export async function generateAndImport<Module>(spec: string, name: string): Promise<GeneratedPackage<Module>> {
  const dir = mkdtempSync(join(tmpdir(), `clientsmith-${name}-`));
  const generated = await generatePackage(spec);
  for (const f of generated.files) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
  const module = (await import(pathToFileURL(join(dir, "dist", "index.js")).href)) as Module;
  return { dir, module, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Packages generated from several cookbook fixtures (test/fixtures/dialects/), imported by fixture name. */
export async function generateFixtures<Module>(fixtures: readonly string[], root: string): Promise<{ readonly modules: ReadonlyMap<string, Module>; readonly packages: readonly GeneratedPackage<Module>[]; remove(): void }> {
  const packages = await Promise.all(fixtures.map((f) => generateAndImport<Module>(join(root, "test/fixtures/dialects", f), f.replace(/\.yaml$/, ""))));
  return { modules: new Map(fixtures.map((f, i) => [f, (packages[i] as GeneratedPackage<Module>).module])), packages, remove: () => packages.forEach((p) => p.remove()) };
}
