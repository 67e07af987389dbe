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

const TESTING_DIR = new URL("../templates/testing/", import.meta.url);
const TESTING_MODULES = ["dialect-writer", "listen", "mock", "mock-data", "paging-writer", "values"] as const;
const RUNTIME_IMPORT = /from\s+"\.\.\/runtime\/([A-Za-z0-9-]+)\.js"/g;

function testingSource(module: string): string {
  const key = `testing/${module}`;
  let text = cache.get(key);
  if (text === undefined) {
    text = readFileSync(new URL(`${module}.ts`, TESTING_DIR), "utf8");
    cache.set(key, text);
  }
  return text;
}

/** The runtime modules the mock's engine imports (the package carries them for its `testing` entry). */
export function testingRuntimeModules(): string[] {
  return [...new Set(TESTING_MODULES.flatMap((module) => [...testingSource(module).matchAll(RUNTIME_IMPORT)].map((m) => m[1] as string)))].sort();
}

/** The mock's dependency-free engine, copied as it is beside the generated `src/testing/index.ts`. */
export function testingFiles(header: string): RenderedFile[] {
  return TESTING_MODULES.map((module) => ({
    path: `src/testing/${module}.ts`,
    content: `// ${header}\n// Copied from clientsmith's mock engine (templates/testing/${module}.ts).\n${testingSource(module)}`,
  }));
}
