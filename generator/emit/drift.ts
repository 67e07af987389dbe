/**
 * Drift: how the packages on disk differ from what the specs produce, as a list of files with a
 * short diff each, for `--check`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type PackageOutput, listFiles } from "./emit.js";

export interface FileDrift {
  readonly path: string;
  readonly kind: "changed" | "missing" | "extra";
  readonly diff: string;
}

const MAX_DIFF_LINES = 12;

/** A short diff: the changed middle of the file between its common first and last lines. */
export function shortDiff(before: string, after: string): string {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const removed = a.slice(start, endA).map((l) => `- ${l}`);
  const added = b.slice(start, endB).map((l) => `+ ${l}`);
  const lines = [`@@ line ${start + 1} @@`, ...removed.slice(0, MAX_DIFF_LINES), ...added.slice(0, MAX_DIFF_LINES)];
  const hidden = Math.max(0, removed.length - MAX_DIFF_LINES) + Math.max(0, added.length - MAX_DIFF_LINES);
  if (hidden > 0) lines.push(`… ${hidden} more changed lines`);
  return lines.join("\n");
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
    if (current !== file.content) drift.push({ path: file.path, kind: "changed", diff: shortDiff(current, file.content) });
  }
  for (const path of listFiles(output.dir)) {
    if (!expected.has(path)) drift.push({ path, kind: "extra", diff: "" });
  }
  return drift;
}
