/**
 * One spec → one package, in memory: load → validate → normalize → conventions → plan →
 * render → format → compile. Nothing touches the output directory here; see emit/.
 */
import { basename, extname } from "node:path";
import { compileAll } from "./compile/native-compile.js";
import { applyConventions } from "./conventions/index.js";
import type { SpecFacts } from "./evolve/evolve.js";
import { formatAll } from "./format/fast-format.js";
import { loadSpec } from "./load/load-spec.js";
import { normalize } from "./normalize/normalize.js";
import { plan } from "./plan/plan.js";
import type { RenderedFile } from "./render/render.js";
import { renderPackage } from "./render/render.js";
import { runtimeFiles, testingFiles, testingRuntimeModules } from "./runtime-files.js";
import { validateSpec } from "./validate/validate-spec.js";

export interface GeneratedPackage {
  readonly name: string;
  readonly files: readonly RenderedFile[];
  /** For the evolve stage (generator/evolve/): the spec's path, `info.version` and accepted breaking changes. */
  readonly spec: SpecFacts;
}

export type StageTimings = Record<string, number>;

export async function generatePackage(specFile: string, timings: StageTimings = {}): Promise<GeneratedPackage> {
  const time = <T>(stage: string, run: () => T): T => {
    const start = performance.now();
    try {
      return run();
    } finally {
      timings[stage] = (timings[stage] ?? 0) + performance.now() - start;
    }
  };
  const stem = basename(specFile, extname(specFile));
  const loadStart = performance.now();
  const spec = await loadSpec(specFile);
  timings["load"] = (timings["load"] ?? 0) + performance.now() - loadStart;
  time("validate", () => validateSpec(spec));
  const ir = time("normalize", () => normalize(spec));
  const facts = time("conventions", () => applyConventions(spec, ir));
  const view = time("plan", () => plan({ ir, facts, specName: basename(specFile), stem }));
  const rendered = time("render", () => [...renderPackage(view), ...testingFiles(view.header), ...runtimeFiles([...view.runtimeModules, ...testingRuntimeModules()], view.header)]);
  const start = performance.now();
  const formatted = await formatAll(rendered);
  timings["format"] = (timings["format"] ?? 0) + performance.now() - start;
  const compileStart = performance.now();
  const compiled = await compileAll(formatted, view.header);
  timings["compile"] = (timings["compile"] ?? 0) + performance.now() - compileStart;
  const files = [...formatted, ...compiled].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { name: stem, files, spec: { file: specFile, version: ir.version, acceptBreaking: [...facts.acceptBreaking] } };
}
