import { describe, expect, it } from "vitest";
import { loadSpecText } from "../../generator/load/load-spec.js";
import { ProblemCollector, SpecError } from "../../generator/spec-error.js";
import { lines } from "../load/problem-lines.js";

describe("SpecError and ProblemCollector", () => {
  it("formats one file:line:col line per problem, sorted by line then column", () => {
    const error = new SpecError([
      { file: "a.yaml", line: 3, column: 1, message: "third" },
      { file: "a.yaml", line: 1, column: 9, message: "second" },
      { file: "a.yaml", line: 1, column: 2, message: "first" },
    ]);
    expect(error.message).toBe("a.yaml:1:2: first\na.yaml:1:9: second\na.yaml:3:1: third");
    expect(error.problems.map((p) => p.message)).toEqual(["first", "second", "third"]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("SpecError");
  });

  it("collects at values or keys, once each, and throws them together", () => {
    const spec = loadSpecText("specs/x.yaml", lines("info:", "  title: 5"));
    const problems = new ProblemCollector(spec);
    problems.throwIfAny();
    problems.add(["info", "title"], "at the value");
    problems.addAtKey(["info", "title"], "at the key");
    problems.add(["info", "title"], "at the value");
    expect(problems.size).toBe(2);
    expect(() => problems.throwIfAny()).toThrow("specs/x.yaml:2:3: at the key\nspecs/x.yaml:2:10: at the value");
  });
});
