/**
 * The compile stage: each generated `src/**.ts` file becomes `dist/**.js` and `dist/**.d.ts`,
 * file by file (the code is written to satisfy `isolatedDeclarations`, so no type-checker is
 * needed), so the package imports from plain Node and strict TypeScript with no build step.
 */
import { ts } from "ts-morph";
import type { RenderedFile } from "../render/render.js";

const JS_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  verbatimModuleSyntax: true,
  removeComments: false,
  newLine: ts.NewLineKind.LineFeed,
};

const DTS_OPTIONS: ts.CompilerOptions = { ...JS_OPTIONS, declaration: true, isolatedDeclarations: true };

function describe(diagnostics: readonly ts.Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const position = where ? `:${where.line + 1}:${where.character + 1}` : "";
      return `${d.file?.fileName ?? ""}${position}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    })
    .join("\n");
}

export function compileFiles(files: readonly RenderedFile[], header: string): RenderedFile[] {
  const out: RenderedFile[] = [];
  for (const file of files) {
    if (!file.path.startsWith("src/") || !file.path.endsWith(".ts")) continue;
    const base = `dist/${file.path.slice("src/".length, -".ts".length)}`;
    const js = ts.transpileModule(file.content, { compilerOptions: JS_OPTIONS, fileName: file.path, reportDiagnostics: true });
    if (js.diagnostics && js.diagnostics.length > 0) throw new Error(`compile: ${describe(js.diagnostics)}`);
    const dts = ts.transpileDeclaration(file.content, { compilerOptions: DTS_OPTIONS, fileName: file.path, reportDiagnostics: true });
    if (dts.diagnostics && dts.diagnostics.length > 0) throw new Error(`compile: ${describe(dts.diagnostics)}`);
    out.push({ path: `${base}.js`, content: withHeader(js.outputText, header) });
    out.push({ path: `${base}.d.ts`, content: withHeader(dts.outputText, header) });
  }
  return out;
}

/** The compiler keeps or drops the leading comment depending on what follows it; make it certain. */
function withHeader(text: string, header: string): string {
  const line = `// ${header}\n`;
  return text.startsWith(line) ? text : line + text;
}
