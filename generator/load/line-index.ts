/**
 * Offset → line:column, built only when a position is first asked for, because a clean load of a
 * 13 MB spec never needs one.
 */

import type { SourcePosition } from "./load-spec.js";

export class LineIndex {
  readonly #text: string;
  #lineStarts: number[] | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  /** 1-based line and column (column in UTF-16 code units) of a 0-based offset into the text. */
  position(offset: number): SourcePosition {
    const starts = (this.#lineStarts ??= computeLineStarts(this.#text));
    const at = Math.max(0, Math.min(offset, this.#text.length));
    // Binary search for the last line start <= at.
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if ((starts[mid] ?? 0) <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: at - (starts[low] ?? 0) + 1 };
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  // Only LF ends a line: a CRLF file then has the CR as the last column of each line, which is
  // invisible, and lone-CR files do not occur in practice.
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}
