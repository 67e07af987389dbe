/**
 * The code frame under each spec error (generator/code-frame.ts): the line, a caret under the
 * column and a line of context either side, whatever the line holds.
 */
import { describe, expect, it } from "vitest";
import { codeFrame } from "../../generator/code-frame.js";

const SPEC = ["openapi: 3.0.0", "info:", "  title: [Petstore]", "  version: 1.0.0", ""].join("\n");

describe("codeFrame", () => {
  const cases: { given: string; text: string; line: number; column: number; want: string[] }[] = [
    {
      given: "a line in the middle",
      text: SPEC,
      line: 3,
      column: 10,
      want: ["  2 | info:", "> 3 |   title: [Petstore]", "    |          ^", "  4 |   version: 1.0.0"],
    },
    { given: "the first line", text: SPEC, line: 1, column: 1, want: ["> 1 | openapi: 3.0.0", "    | ^", "  2 | info:"] },
    {
      given: "the last line, before the final newline",
      text: SPEC,
      line: 4,
      column: 12,
      want: ["  3 |   title: [Petstore]", "> 4 |   version: 1.0.0", "    |            ^"],
    },
    { given: "the end of a file that ends in a newline", text: SPEC, line: 5, column: 1, want: ["  4 |   version: 1.0.0", "> 5 |", "    | ^"] },
    { given: "a file without a final newline", text: "a: 1\nb: [", line: 2, column: 5, want: ["  1 | a: 1", "> 2 | b: [", "    |     ^"] },
    { given: "tabs before the column", text: "a:\n\t\tb: x\n", line: 2, column: 3, want: ["  1 | a:", "> 2 |     b: x", "    |     ^"] },
    { given: "CRLF line ends", text: "a: 1\r\nb: x\r\nc: 3\r\n", line: 2, column: 4, want: ["  1 | a: 1", "> 2 | b: x", "    |    ^", "  3 | c: 3"] },
    { given: "a NUL byte", text: "a: \u0000\n", line: 1, column: 4, want: ["> 1 | a: \uFFFD", "    |    ^"] },
    {
      given: "a long line, clipped around the column",
      text: `${"x".repeat(300)}Y${"z".repeat(300)}\n`,
      line: 1,
      column: 301,
      want: [`> 1 | …${"x".repeat(40)}Y${"z".repeat(59)}…`, `    | ${" ".repeat(41)}^`],
    },
    { given: "a long line, column near its start", text: `ab${"c".repeat(200)}\n`, line: 1, column: 2, want: [`> 1 | ab${"c".repeat(98)}…`, "    |  ^"] },
    {
      given: "line numbers of different widths",
      text: Array.from({ length: 10 }, (_, i) => `k${i + 1}: v`).join("\n"),
      line: 9,
      column: 1,
      want: ["   8 | k8: v", ">  9 | k9: v", "     | ^", "  10 | k10: v"],
    },
    { given: "a line past the end", text: "a: 1\n", line: 7, column: 1, want: [""] },
  ];
  it.each(cases)("$given", ({ text, line, column, want }) => expect(codeFrame(text, line, column)).toBe(want.join("\n")));
});
