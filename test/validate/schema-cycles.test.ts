import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpecFile, loadSpecText } from "../../generator/load/load-spec.js";
import { validateSpec } from "../../generator/validate/validate-spec.js";
import { generateWithCli } from "../helpers/packages.js";
import { lines, problemLines } from "../load/problem-lines.js";

/** A spec whose only content is the given `components.schemas` lines (indented by four). */
const withSchemas = (...schemas: string[]): string =>
  lines("openapi: 3.1.0", "info: {title: T, version: '1'}", "paths: {}", "components:", "  schemas:", ...schemas.map((line) => `    ${line}`));

const HINT = "a schema cannot be made only of itself (through $ref, allOf, oneOf or anyOf); refer back through a property or array items instead";

describe("a schema made only of itself is a spec error at the $ref that starts the cycle", () => {
  const cases: { name: string; given: string; want: string[] }[] = [
    {
      name: "A is a reference to A",
      given: withSchemas("A: {$ref: '#/components/schemas/A'}"),
      want: [`spec.yaml:6:15: $ref cycle A → A: ${HINT}`],
    },
    {
      name: "A → B → A through references only",
      given: withSchemas("A:", "  $ref: '#/components/schemas/B'", "B:", "  $ref: '#/components/schemas/A'"),
      want: [`spec.yaml:7:13: $ref cycle A → B → A: ${HINT}`],
    },
    {
      name: "an allOf that makes A its own base, with properties beside it",
      given: withSchemas(
        "A:",
        "  allOf:",
        "    - $ref: '#/components/schemas/B'",
        "    - {type: object, properties: {a: {type: string}}}",
        "B:",
        "  allOf: [{$ref: '#/components/schemas/A'}]",
      ),
      want: [`spec.yaml:8:17: $ref cycle A → B → A: ${HINT}`],
    },
    {
      name: "a union member that is the union itself",
      given: withSchemas("A:", "  oneOf:", "    - {type: string}", "    - $ref: '#/components/schemas/A'"),
      want: [`spec.yaml:9:17: $ref cycle A → A: ${HINT}`],
    },
    {
      name: "a cycle through a reference into another schema's innards",
      given: withSchemas("A:", "  anyOf: [{$ref: '#/components/schemas/B/allOf/0'}]", "B:", "  allOf:", "    - $ref: '#/components/schemas/A'"),
      want: [`spec.yaml:10:17: $ref cycle A → A: ${HINT}`],
    },
    {
      name: "a schema leading into a cycle is not blamed for it",
      given: withSchemas("Entry: {$ref: '#/components/schemas/A'}", "A: {$ref: '#/components/schemas/B'}", "B: {$ref: '#/components/schemas/A'}"),
      want: [`spec.yaml:7:15: $ref cycle A → B → A: ${HINT}`],
    },
    {
      name: "a tree: children refer back through a property and items",
      given: withSchemas(
        "Node:",
        "  type: object",
        "  properties:",
        "    parent: {oneOf: [{$ref: '#/components/schemas/Node'}, {type: 'null'}]}",
        "    children: {type: array, items: {$ref: '#/components/schemas/Node'}}",
        "    meta: {additionalProperties: {$ref: '#/components/schemas/Node'}}",
      ),
      want: [],
    },
    {
      name: "an alias of an alias of a real type",
      given: withSchemas("A: {$ref: '#/components/schemas/B'}", "B: {allOf: [{$ref: '#/components/schemas/C'}]}", "C: {type: string}"),
      want: [],
    },
    {
      name: "a dangling reference is the ref check's to report, once",
      given: withSchemas("A: {$ref: '#/components/schemas/Gone'}"),
      want: ['spec.yaml:6:15: $ref "#/components/schemas/Gone" points to nothing'],
    },
  ];

  it.each(cases)("$name", ({ given, want }) => {
    expect(problemLines(() => validateSpec(loadSpecText("spec.yaml", given)))).toEqual(want);
  });

  it("keeps the recursive fixture valid (a tree node and a JSON value defined in terms of themselves)", () => {
    expect(problemLines(() => validateSpec(loadSpecFile(new URL("../fixtures/specs/recursive.yaml", import.meta.url).pathname)))).toEqual([]);
  });

  it("stops the CLI with exit 2 and writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "clientsmith-cycle-"));
    const spec = join(dir, "loop.yaml");
    writeFileSync(spec, withSchemas("A:", "  $ref: '#/components/schemas/B'", "B:", "  $ref: '#/components/schemas/A'"));
    const result = await generateWithCli(spec, join(dir, "out"));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${spec}:7:13: $ref cycle A → B → A`);
    expect(existsSync(join(dir, "out"))).toBe(false);
  }, 30_000);
});
