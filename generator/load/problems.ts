/** Small constructors for loader problems, which know a text offset rather than a JSON pointer. */

import { SpecError, type SpecProblem } from "../spec-error.js";
import type { LineIndex } from "./line-index.js";

export function problemAt(file: string, lines: LineIndex, offset: number, message: string): SpecProblem {
  return { file, ...lines.position(offset), message };
}

/** For problems with the file as a whole (unreadable, too large), which have no better position. */
export function fileError(file: string, message: string): SpecError {
  return new SpecError([{ file, line: 1, column: 1, message }]);
}
