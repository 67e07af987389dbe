/**
 * The source line under a `file:line:col` message, with a caret under the column and one line of
 * context either side, so the reader sees what is wrong without opening the file:
 *
 *   specs/x.yaml:9:7: info.title must be a string
 *      8 | info:
 *   >  9 |   title: [Petstore]
 *        |          ^
 *     10 |   version: 1.0.0
 *
 * Tabs are shown as two spaces (the caret follows them); a line longer than the width is clipped
 * to a window around the column, with `…` where text was cut.
 */

const WIDTH = 100;
/** How much of a clipped line is shown before the column. */
const LEAD = 40;
const TAB = "  ";

/** The frame for 1-based `line` and `column` of `text`, or "" when the line is not in it. */
export function codeFrame(text: string, line: number, column: number): string {
  const lines = text.replace(/^\uFEFF/, "").split("\n").map((l) => l.replace(/\r$/, ""));
  // A final newline ends the last line rather than starting an empty one.
  if (lines.length > 1 && lines.at(-1) === "" && line < lines.length) lines.pop();
  const source = lines[line - 1];
  if (source === undefined) return "";
  const first = Math.max(1, line - 1);
  const last = Math.min(lines.length, line + 1);
  const gutter = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const { shown, caret } = clip(lines[n - 1] ?? "", column);
    out.push(`${n === line ? ">" : " "} ${String(n).padStart(gutter)} | ${shown}`.trimEnd());
    if (n === line) out.push(`  ${" ".repeat(gutter)} | ${" ".repeat(caret)}^`);
  }
  return out.join("\n");
}

/** The line as shown (tabs expanded, clipped around the column) and where the caret goes in it. */
function clip(source: string, column: number): { shown: string; caret: number } {
  const at = Math.max(0, Math.min(column - 1, source.length));
  const start = source.length > WIDTH ? Math.max(0, Math.min(at - LEAD, source.length - WIDTH)) : 0;
  const end = Math.min(source.length, start + WIDTH);
  const before = (start > 0 ? "…" : "") + expand(source.slice(start, at));
  const shown = before + expand(source.slice(at, end)) + (end < source.length ? "…" : "");
  return { shown, caret: before.length };
}

/** Tabs as spaces; other control characters (a NUL, an escape) as one visible character each, so the caret stays in place. */
function expand(text: string): string {
  return text.replaceAll("\t", TAB).replace(/[\x00-\x08\x0b-\x1f\x7f]/g, "\uFFFD");
}
