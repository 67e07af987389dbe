/**
 * The one error type for everything wrong with a user's spec: loading and validation report
 * problems as `file:line:col: message` lines, never as stack traces, because the reader is the
 * person who wrote the spec and the position is what they need to fix it.
 */

import type { LoadedSpec } from "./load/load-spec.js";

/** A path into the JSON data model: mapping keys are strings, sequence indexes numbers. */
export type JsonPointer = readonly (string | number)[];

export interface SpecProblem {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units of the decoded text (what editors show for ASCII). */
  readonly column: number;
  readonly message: string;
}

/** One or more problems found in a spec; message is one `file:line:col: message` line per problem, sorted by line then column. */
export class SpecError extends Error {
  readonly problems: readonly SpecProblem[];

  constructor(problems: readonly SpecProblem[]) {
    const sorted = sortProblems(problems);
    super(sorted.map(formatProblem).join("\n"));
    this.name = "SpecError";
    this.problems = Object.freeze(sorted);
  }
}

export function formatProblem(problem: SpecProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}

/** Stable sort, so problems at the same position keep the order in which they were found. */
function sortProblems(problems: readonly SpecProblem[]): SpecProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Collects problems at JSON pointers and throws them together. */
export class ProblemCollector {
  readonly #spec: LoadedSpec;
  readonly #problems: SpecProblem[] = [];
  // Several checks can reach the same fact (e.g. a shared parameter seen from two operations);
  // the user should read it once.
  readonly #seen = new Set<string>();

  constructor(spec: LoadedSpec) {
    this.#spec = spec;
  }

  /** A problem with the value at `pointer` (or its nearest existing ancestor). */
  add(pointer: JsonPointer, message: string): void {
    this.#push(pointer, message, false);
  }

  /** A problem with the KEY of the last pointer segment, e.g. "unknown key" or "missing x" reported at the parent's key. */
  addAtKey(pointer: JsonPointer, message: string): void {
    this.#push(pointer, message, true);
  }

  get size(): number {
    return this.#problems.length;
  }

  throwIfAny(): void {
    if (this.#problems.length > 0) throw new SpecError(this.#problems);
  }

  #push(pointer: JsonPointer, message: string, atKey: boolean): void {
    const { line, column } = this.#spec.locate(pointer, atKey);
    const problem: SpecProblem = { file: this.#spec.file, line, column, message };
    const id = formatProblem(problem);
    if (this.#seen.has(id)) return;
    this.#seen.add(id);
    this.#problems.push(problem);
  }
}
