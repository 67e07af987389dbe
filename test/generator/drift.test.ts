/**
 * `--check`'s diff (generator/emit/drift.ts): every changed place in a file is shown as a unified
 * hunk with its line numbers and context, however far apart the edits are; a file with too much
 * to show says how many hunks were left out.
 */
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../generator/emit/drift.js";

/** `count` numbered lines, `line 1` … `line N`, each ending in a newline. */
function lines(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `line ${i + 1}`);
}
const text = (list: readonly string[]) => `${list.join("\n")}\n`;
function edited(count: number, edits: Record<number, string>): string {
  return text(lines(count).map((line, i) => edits[i + 1] ?? line));
}

describe("unifiedDiff", () => {
  it("two edits 990 lines apart: both hunks, each with three lines of context and its position", () => {
    const diff = unifiedDiff(text(lines(1200)), edited(1200, { 10: "line 10 edited", 1000: "line 1000 edited" }));
    expect(diff).toBe(
      [
        "@@ -7,7 +7,7 @@",
        " line 7",
        " line 8",
        " line 9",
        "-line 10",
        "+line 10 edited",
        " line 11",
        " line 12",
        " line 13",
        "@@ -997,7 +997,7 @@",
        " line 997",
        " line 998",
        " line 999",
        "-line 1000",
        "+line 1000 edited",
        " line 1001",
        " line 1002",
        " line 1003",
      ].join("\n"),
    );
  });

  it("added and removed lines shift the new side's numbers", () => {
    const before = text(lines(20));
    const after = text([...lines(20).slice(0, 4), "inserted", ...lines(20).slice(4, 15), ...lines(20).slice(16)]);
    expect(unifiedDiff(before, after)).toBe(
      ["@@ -2,6 +2,7 @@", " line 2", " line 3", " line 4", "+inserted", " line 5", " line 6", " line 7", "@@ -13,7 +14,6 @@", " line 13", " line 14", " line 15", "-line 16", " line 17", " line 18", " line 19"].join("\n"),
    );
  });

  const capped: { given: string; before: string; after: string; want: string[]; lines: number }[] = [
    {
      given: "30 edits far apart",
      before: text(lines(3000)),
      after: edited(3000, Object.fromEntries(Array.from({ length: 30 }, (_, i) => [100 * (i + 1), "edited"]))),
      // 6 hunks of 9 lines fit in 60 lines: the edits at lines 100 to 600.
      want: ["@@ -97,7 +97,7 @@", "@@ -597,7 +597,7 @@", "… 24 more hunks left out"],
      lines: 6 * 9 + 1,
    },
    {
      given: "one hunk longer than the budget",
      before: text(lines(200)),
      after: text(lines(200).map((line) => `${line} edited`)),
      // The header and the first 59 of 200 removed lines; 141 removed and 200 added lines are left out.
      want: ["@@ -1,200 +1,200 @@", "-line 1", "-line 59", "… 341 more lines of this hunk left out"],
      lines: 61,
    },
  ];
  it.each(capped)("$given: the hunks that fit, then how much was left out", ({ before, after, want, lines: count }) => {
    const diff = unifiedDiff(before, after);
    for (const line of want) expect(diff.split("\n")).toContain(line);
    expect(diff.split("\n").length).toBe(count);
  });
});
