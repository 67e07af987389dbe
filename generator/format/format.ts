/**
 * The format stage: prettier with a pinned configuration, so output is the same bytes on
 * every machine whatever prettier configuration the surroundings have.
 */
import { format as prettierFormat, type Options } from "prettier";
import type { RenderedFile } from "../render/render.js";

export const PRETTIER_OPTIONS: Options = {
  printWidth: 100,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: false,
  quoteProps: "as-needed",
  trailingComma: "all",
  bracketSpacing: true,
  arrowParens: "always",
  endOfLine: "lf",
  proseWrap: "preserve",
};

function parserFor(path: string): string | undefined {
  if (path.endsWith(".ts")) return "typescript";
  if (path.endsWith(".md")) return "markdown";
  return undefined;
}

export async function formatFiles(files: readonly RenderedFile[]): Promise<RenderedFile[]> {
  return Promise.all(
    files.map(async (file) => {
      const parser = parserFor(file.path);
      if (parser === undefined) return file;
      try {
        return { path: file.path, content: await prettierFormat(file.content, { ...PRETTIER_OPTIONS, parser }) };
      } catch (error) {
        // A formatter failure means the render produced invalid code: a generator bug, never hidden.
        throw new Error(`format: ${file.path} is not valid ${parser}: ${(error as Error).message}`);
      }
    }),
  );
}
