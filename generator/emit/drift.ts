/**
 * Drift: how the packages on disk differ from what the specs produce, as a list of files with a
 * unified diff each (jsdiff), for `--check`. Every hunk is shown with three lines of context, up to
 * a budget of lines per file so one rewritten file cannot bury the rest; what the budget leaves
 * out is counted, never dropped silently.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { structuredPatch } from "diff";
import { type PackageOutput, listFiles } from "./emit.js";

export interface FileDrift {
  readonly path: string;
  readonly kind: "changed" | "missing" | "extra";
  readonly diff: string;
}

/** Lines of diff shown per file; the first hunk is always shown, cut to this length if it must be. */
const MAX_LINES_PER_FILE = 60;
/** Beyond this many edited lines the diff itself would be slow and unreadable: only the sizes are shown. */
const MAX_EDIT_LENGTH = 20_000;

/** `before` → `after` as unified hunks (`@@ -a,b +c,d @@`, then ` `, `-` and `+` lines). */
export function unifiedDiff(before: string, after: string): string {
  const patch = structuredPatch("", "", before, after, undefined, undefined, { context: 3, maxEditLength: MAX_EDIT_LENGTH });
  if (patch === undefined) return `(too many changes to show: ${lineCount(before)} lines → ${lineCount(after)} lines)`;
  const out: string[] = [];
  let shown = 0;
  for (const hunk of patch.hunks) {
    const lines = [`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`, ...hunk.lines];
    if (shown > 0 && out.length + lines.length > MAX_LINES_PER_FILE) break;
    const room = MAX_LINES_PER_FILE - out.length;
    out.push(...lines.slice(0, room));
    if (lines.length > room) out.push(`… ${lines.length - room} more lines of this hunk left out`);
    shown++;
  }
  const left = patch.hunks.length - shown;
  if (left > 0) out.push(`… ${left} more hunk${left === 1 ? "" : "s"} left out`);
  return out.join("\n");
}

function lineCount(text: string): number {
  return text === "" ? 0 : text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

export function findDrift(output: PackageOutput): FileDrift[] {
  const drift: FileDrift[] = [];
  const expected = new Set(output.files.map((f) => f.path));
  for (const file of output.files) {
    const path = join(output.dir, file.path);
    if (!existsSync(path)) {
      drift.push({ path: file.path, kind: "missing", diff: "" });
      continue;
    }
    const current = readFileSync(path, "utf8");
    if (current !== file.content) drift.push({ path: file.path, kind: "changed", diff: unifiedDiff(current, file.content) });
  }
  for (const path of listFiles(output.dir)) {
    if (!expected.has(path)) drift.push({ path, kind: "extra", diff: "" });
  }
  return drift;
}
