/** Shared by the load and validate tests: run a step and return its problems as message lines. */

import { SpecError } from "../../generator/spec-error.js";

/** The `file:line:col: message` lines of the SpecError thrown by `run`, or [] when it succeeds. */
export function problemLines(run: () => unknown): string[] {
  try {
    run();
    return [];
  } catch (error) {
    if (error instanceof SpecError) return error.message.split("\n");
    throw error;
  }
}

/** Joins lines with "\n", so that a spec in a test reads with its line numbers in view. */
export function lines(...text: string[]): string {
  return `${text.join("\n")}\n`;
}
