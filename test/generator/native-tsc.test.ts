/**
 * Which TypeScript compiler the compile stage runs (findNativeTsc): found from what the
 * `typescript` package publishes in its package.json, in whatever project clientsmith is installed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findNativeTsc } from "../../generator/compile/native-compile.js";
import { tempDirs } from "../helpers/cli.js";

const tempDir = tempDirs("clientsmith-tsc-");
const PLATFORM_PACKAGE = `@typescript/typescript-${process.platform}-${process.arch}`;

/** A project whose node_modules/typescript has this package.json and, when given, this bin/tsc script. */
function projectWith(manifest: object | undefined, binScript?: string): { from: string; bin: string } {
  const root = tempDir();
  const typescript = join(root, "node_modules", "typescript");
  if (manifest !== undefined) {
    mkdirSync(join(typescript, "bin"), { recursive: true });
    writeFileSync(join(typescript, "package.json"), JSON.stringify({ name: "typescript", ...manifest }));
    if (binScript !== undefined) writeFileSync(join(typescript, "bin", "tsc"), binScript);
  }
  return { from: join(root, "index.js"), bin: join(typescript, "bin", "tsc") };
}

const seven = { version: "7.0.2", bin: { tsc: "./bin/tsc" }, optionalDependencies: { [PLATFORM_PACKAGE]: "7.0.2" } };

describe("findNativeTsc", () => {
  it("the repository's typescript 7: its platform package's executable, run directly", () => {
    const found = findNativeTsc(import.meta.url);
    expect(found?.file).toMatch(new RegExp(`${PLATFORM_PACKAGE.replace("/", "[\\\\/]")}[\\\\/]lib[\\\\/]tsc(\\.exe)?$`));
    expect(found?.args).toEqual([]);
  });

  it("typescript 7 without its platform package: its tsc bin, through Node", () => {
    const project = projectWith(seven, 'console.log("Version 7.0.2");\n');
    expect(findNativeTsc(project.from)).toEqual({ file: process.execPath, args: [project.bin] });
  });

  const none: { given: string; project: () => { from: string } }[] = [
    { given: "no typescript installed", project: () => projectWith(undefined) },
    { given: "typescript 5", project: () => projectWith({ version: "5.9.3", bin: { tsc: "./bin/tsc" } }, 'console.log("Version 5.9.3");\n') },
    { given: "typescript 7 whose tsc cannot run here", project: () => projectWith(seven, 'console.error("Unable to resolve the platform package"); process.exit(1);\n') },
  ];
  it.each(none)("$given: none, so the JavaScript compiler is used", ({ project }) => expect(findNativeTsc(project().from)).toBeNull());
});
