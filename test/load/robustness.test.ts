/**
 * Specs are untrusted input: whatever the bytes, loading and validating ends in a result or a
 * SpecError with real positions, never another exception. Deterministic mutations of small specs.
 */

import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { loadSpecText } from "../../generator/load/load-spec.js";
import { validateSpec } from "../../generator/validate/validate-spec.js";
import { SpecError } from "../../generator/spec-error.js";

const BASES = ["test/fixtures/specs/minimal.yaml", "test/fixtures/specs/minimal.json"].map((file) => readFileSync(file, "utf8"));
const FRAGMENTS = ["{", "}", "[", "]", ":", "\n", " ", "- ", "&a ", "*a", "!!binary ", "!x ", "'", '"', "#", "%YAML 1.1\n", "---\n", "<<: ", "__proto__: ", "$ref: '#/x'", "\t", "\\", ",", "? ", "|", "\u0000"];

it("turns 1000 mutated specs into results or SpecErrors, nothing else", () => {
  let seed = 20240205;
  const random = (below: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % below;
  };
  for (let run = 0; run < 1000; run++) {
    let text = BASES[run % BASES.length] ?? "";
    for (let edit = 0; edit <= random(3); edit++) {
      const at = random(text.length);
      const fragment = FRAGMENTS[random(FRAGMENTS.length)] ?? "";
      text = random(2) === 0 ? text.slice(0, at) + fragment + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + random(5));
    }
    try {
      validateSpec(loadSpecText("fuzz.yaml", text));
    } catch (error) {
      if (!(error instanceof SpecError)) throw new Error(`not a SpecError for ${JSON.stringify(text)}`, { cause: error });
      for (const problem of error.problems) {
        expect(problem.line).toBeGreaterThanOrEqual(1);
        expect(problem.column).toBeGreaterThanOrEqual(1);
      }
    }
  }
});
