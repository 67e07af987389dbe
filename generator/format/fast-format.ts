/**
 * The format stage's fast path: oxfmt, a native formatter that prints Prettier's style, with the
 * same pinned options as format.ts. On the code clientsmith renders it gives prettier's bytes
 * (checked file by file against prettier on the repository's specs, petstore, both Dojo documents,
 * Stripe and GitHub: test/generator/fast-format.test.ts and `npm run bench`), in ~0.1 s where
 * prettier takes 4–6 s on Stripe.
 *
 * Where the two are known to differ, this module either repairs oxfmt's output or hands the file
 * to prettier:
 * - a union that fits on the line after `=`, `:` or `(` stays on one line in prettier, while oxfmt
 *   puts each member on its own `| …` line: `joinFittingUnions` restores prettier's layout;
 * - widths: prettier counts wide characters and emoji as two columns and combining marks as none;
 *   a file whose code (not comments) or whose Markdown tables hold any character whose width is
 *   not plainly one column goes to prettier (the test checks every BMP character against both).
 *
 * `CLIENTSMITH_FORMATTER=prettier` forces the reference formatter for every file.
 */
import type { RenderedFile } from "../render/render.js";
import { PRETTIER_OPTIONS } from "./format.js";

/** prettier's options (format.ts): oxfmt takes the same names and values. */
const OXFMT_OPTIONS = PRETTIER_OPTIONS as typeof PRETTIER_OPTIONS & { readonly printWidth: number };

const PRINT_WIDTH = OXFMT_OPTIONS.printWidth;

/** Which formatter printed each file, for `--timings` and the benchmark. */
export interface FormatReport {
  oxfmt: number;
  prettier: number;
}

function wanted(): "oxfmt" | "prettier" {
  return process.env["CLIENTSMITH_FORMATTER"] === "prettier" ? "prettier" : "oxfmt";
}

function formattable(path: string): boolean {
  return path.endsWith(".ts") || path.endsWith(".md");
}

type OxfmtFormat = (fileName: string, source: string, options: object) => Promise<{ code: string; errors: readonly { message: string }[] }>;

let oxfmt: Promise<OxfmtFormat | undefined> | undefined;

/** oxfmt's native binding, or undefined where it cannot load (an unsupported platform). */
function loadOxfmt(): Promise<OxfmtFormat | undefined> {
  oxfmt ??= import("oxfmt").then(
    (module) => module.format as unknown as OxfmtFormat,
    () => undefined,
  );
  return oxfmt;
}

export async function formatAll(files: readonly RenderedFile[], report?: FormatReport): Promise<RenderedFile[]> {
  const format = wanted() === "oxfmt" ? await loadOxfmt() : undefined;
  const results = await Promise.all(
    files.map(async (file): Promise<RenderedFile | undefined> => {
      if (!formattable(file.path) || format === undefined) return undefined;
      const result = await format(file.path, file.content, OXFMT_OPTIONS);
      // A parse error is a generator bug; prettier's message names it better, so let it report.
      if (result.errors.length > 0) return undefined;
      const content = file.path.endsWith(".ts") ? joinFittingUnions(result.code) : result.code;
      if (!widthSafe(file.path, content)) return undefined;
      return { path: file.path, content };
    }),
  );
  const rest = files.filter((file, index) => formattable(file.path) && results[index] === undefined);
  let byPrettier: RenderedFile[] = [];
  if (rest.length > 0) {
    const { formatFiles } = await import("./format.js");
    byPrettier = await formatFiles(rest);
  }
  const prettierByPath = new Map(byPrettier.map((file) => [file.path, file]));
  if (report !== undefined) {
    report.oxfmt += results.filter((r) => r !== undefined).length;
    report.prettier += byPrettier.length;
  }
  return files.map((file, index) => results[index] ?? prettierByPath.get(file.path) ?? file);
}

/**
 * Characters that prettier may not count as one column (controls, combining and zero-width marks,
 * East Asian wide and fullwidth forms, emoji, astral characters) plus the two Khmer letters oxfmt
 * counts differently. Broader than needed on purpose: a match only costs a prettier run.
 */
export const UNSURE_WIDTH =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class
  /[\u0000-\u0008\u000b-\u001f\u007f-\u00a0\u00ad\u0300-\u036f\u1100-\u115f\u17a4\u17d8\u200b-\u200f\u2028-\u202e\u2060-\u206f\u2329\u232a\u261d\u2630-\u2637\u268a-\u268f\u26f9\u270c\u270d\u2e80-\ua4cf\ua960-\ua97f\uac00-\ud7a3\ud800-\udfff\uf900-\ufaff\ufe00-\ufe6f\uff00-\uffef]|\p{M}|\p{Emoji_Presentation}|\p{Default_Ignorable_Code_Point}/u;

/** Nothing of uncertain width where prettier measures width to decide a layout. */
function widthSafe(path: string, content: string): boolean {
  if (!/[^\x00-\x7f]/.test(content)) return true;
  const lines = content.split("\n");
  if (path.endsWith(".md")) return !lines.some((line) => line.startsWith("|") && UNSURE_WIDTH.test(line));
  // Comments are printed as written; only code lines take part in layout decisions.
  return !lines.some((line) => UNSURE_WIDTH.test(line) && !/^\s*(\/\*\*|\*|\/\/)/.test(line));
}

/**
 * prettier keeps a union on one line after the `=`, `:` or `(` that precedes it when it fits
 * there (`type A =\n  "a" | "b";`, `x?: (\n  "a" | "b"\n)[];`); oxfmt 0.78 breaks it into
 * `| "a"` lines instead. Joins such a run of one-line members when the joined line fits.
 */
export function joinFittingUnions(code: string): string {
  const lines = code.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    out.push(line);
    const opener = line.at(-1);
    if (opener !== "=" && opener !== ":" && opener !== "(") continue;
    const first = /^( *)\| /.exec(lines[i + 1] ?? "");
    if (first === null) continue;
    const indent = first[1] as string;
    const members: string[] = [];
    let end = i + 1;
    let closed = false;
    for (; end < lines.length; end++) {
      const member = lines[end] as string;
      if (!member.startsWith(`${indent}| `)) break;
      const body = member.slice(indent.length + 2);
      if (opener !== "(" && body.endsWith(";")) {
        members.push(body.slice(0, -1));
        closed = true;
        end++;
        break;
      }
      members.push(body);
    }
    // After "(" the run must be followed by the closing parenthesis one level out.
    if (opener === "(") closed = members.length > 0 && (lines[end] ?? "").startsWith(`${indent.slice(2)})`);
    if (!closed || members.length < 2) continue;
    const joined = `${indent}${members.join(" | ")}${opener === "(" ? "" : ";"}`;
    if (joined.length > PRINT_WIDTH) continue;
    out.push(joined);
    i = end - 1;
  }
  return out.join("\n");
}
