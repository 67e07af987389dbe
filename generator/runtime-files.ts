/**
 * The hand-written runtime that each package carries: the modules the plan selected plus every
 * module they import, copied as they are under a generated-file header.
 */
import { readFileSync } from "node:fs";
import type { RenderedFile } from "./render/render.js";

const RUNTIME_DIR = new URL("../templates/runtime/", import.meta.url);
const LOCAL_IMPORT = /from\s+"\.\/([A-Za-z0-9-]+)\.js"/g;

const cache = new Map<string, string>();

function source(module: string): string {
  let text = cache.get(module);
  if (text === undefined) {
    text = readFileSync(new URL(`${module}.ts`, RUNTIME_DIR), "utf8");
    cache.set(module, text);
  }
  return text;
}

/** The modules plus their local imports, transitively, sorted. */
export function withDependencies(modules: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (module: string): void => {
    if (seen.has(module)) return;
    seen.add(module);
    for (const match of source(module).matchAll(LOCAL_IMPORT)) visit(match[1] as string);
  };
  modules.forEach(visit);
  return [...seen].sort();
}

export function runtimeFiles(modules: readonly string[], header: string): RenderedFile[] {
  return withDependencies(modules).map((module) => ({
    path: `src/runtime/${module}.ts`,
    content: `// ${header}\n// Copied from clientsmith's runtime (templates/runtime/${module}.ts).\n${source(module)}`,
  }));
}
