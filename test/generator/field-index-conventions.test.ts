/**
 * The error reader's primitives for errors that explain themselves in a sentence and name fields
 * by index: `kinds`, `field-indexes` and `reported-status`. Mistakes are reported at their
 * position; a good configuration becomes the reader's config and typed properties of the
 * provider's class. The spec body is sixteen lines, so `x-conventions:` is line 17.
 */
import { describe, expect, it } from "vitest";
import type { Facts } from "../../generator/conventions/convention.js";
import { applyConventions } from "../../generator/conventions/index.js";
import { loadSpecText } from "../../generator/load/load-spec.js";
import { normalize } from "../../generator/normalize/normalize.js";
import { validateSpec } from "../../generator/validate/validate-spec.js";
import { lines, problemLines } from "../load/problem-lines.js";

const BODY = [
  "openapi: 3.1.0",
  "info: {title: T, version: '1'}",
  "paths:",
  "  /coupons:",
  "    post:",
  "      requestBody: {content: {application/json: {schema: {type: object}}}}",
  "      responses:",
  "        '201': {description: created}",
  "        '400': {description: bad, content: {application/json: {schema: {$ref: '#/components/schemas/Failure'}}}}",
  "components:",
  "  schemas:",
  "    Failure:",
  "      type: object",
  "      properties: {status: {type: string}, message: {type: string}, body: {$ref: '#/components/schemas/Said'}}",
  "    Said:",
  "      {type: object, properties: {text: {type: string}, fields: {type: object, additionalProperties: {type: string}}}}",
];

function conventions(...xConventions: string[]): Facts {
  const spec = loadSpecText("specs/x.yaml", lines(...BODY, "x-conventions:", ...xConventions));
  validateSpec(spec);
  return applyConventions(spec, normalize(spec));
}

describe("bad kinds, field-indexes and reported-status are reported at their position", () => {
  it.each([
    {
      name: "kinds that are not a mapping",
      given: ["  errors: {message: /body/text, kinds: [unknown-fields]}"],
      want: ['specs/x.yaml:18:40: errors: "kinds" must be a mapping of kind name to the text its message starts with, e.g. unknown-fields: Unknown fields submitted'],
    },
    {
      name: "a kind name that is not kebab-case, at the name",
      given: ["  errors:", "    message: /body/text", "    kinds: {Unknown Fields: Unknown fields submitted}"],
      want: ['specs/x.yaml:20:13: errors: kind "Unknown Fields" must be kebab-case, e.g. unknown-fields'],
    },
    {
      name: "a kind without its text",
      given: ["  errors:", "    message: /body/text", "    kinds: {unknown-fields: ''}"],
      want: ['specs/x.yaml:20:29: errors: kind "unknown-fields" needs the text its message starts with, a non-empty string'],
    },
    {
      name: "kinds without a message to tell them apart by",
      given: ["  errors:", "    reported-status: /status", "    kinds: {unknown-fields: Unknown fields submitted}"],
      want: ['specs/x.yaml:20:12: errors: "kinds" needs "message", the path of the text they are told apart by'],
    },
    {
      name: "a field-indexes path no error schema holds",
      given: ["  errors: {field-indexes: /body/feilds}"],
      want: ['specs/x.yaml:18:27: errors: "field-indexes" /body/feilds cannot match the declared response schemas: no such field'],
    },
    {
      name: "field-indexes without its path",
      given: ["  errors:", "    field-indexes: {except-kinds: []}"],
      want: ['specs/x.yaml:19:20: errors: "field-indexes" needs "path", where the fields are named by index'],
    },
    {
      name: "an unknown key in field-indexes",
      given: ["  errors:", "    field-indexes: {path: /body/fields, except: [x]}"],
      want: ['specs/x.yaml:19:41: errors: unknown key "except" (known keys: path, except-kinds)'],
    },
    {
      name: "except-kinds naming a kind that is not declared",
      given: [
        "  errors:",
        "    message: /body/text",
        "    kinds: {unknown-fields: Unknown fields submitted}",
        "    field-indexes: {path: /body/fields, except-kinds: [missing-fields]}",
      ],
      want: ['specs/x.yaml:21:56: errors: "except-kinds" names "missing-fields", which is not one of "kinds" (known kinds: unknown-fields)'],
    },
    {
      name: "except-kinds without any kinds",
      given: ["  errors:", "    field-indexes: {path: /body/fields, except-kinds: [missing-fields]}"],
      want: ['specs/x.yaml:19:56: errors: "except-kinds" names "missing-fields", which is not one of "kinds" (no "kinds" are declared)'],
    },
    {
      name: "a reported-status path that does not parse",
      given: ["  errors: {reported-status: status..code}"],
      want: ['specs/x.yaml:18:29: errors: "reported-status": "status..code" has an empty segment'],
    },
  ])("$name", ({ given, want }) => {
    expect(problemLines(() => conventions(...given))).toEqual(want);
  });
});

describe("good configurations become the reader's config and the class's typed properties", () => {
  const errorFieldsConfig = (facts: Facts) => facts.plugins.find((p) => p.exportName === "errorFields")?.config;

  it.each([
    {
      name: "all three, field-indexes as a mapping",
      given: [
        "  errors:",
        "    message: /body/text",
        "    kinds: {unknown-fields: Unknown fields submitted, missing-fields: Required fields missing}",
        "    field-indexes: {path: /body/fields, except-kinds: [missing-fields]}",
        "    reported-status: /status",
      ],
      want: {
        config: {
          message: ["body", "text"],
          kinds: [
            { name: "unknown-fields", text: "Unknown fields submitted" },
            { name: "missing-fields", text: "Required fields missing" },
          ],
          fieldIndexes: { path: ["body", "fields"], exceptKinds: ["missing-fields"] },
          reportedStatus: ["status"],
        },
        properties: [
          ["kind", "errorKind", { kind: "literal", values: ["unknown-fields", "missing-fields"] }],
          ["fieldNames", "errorFieldNames", undefined],
          ["reportedStatus", "errorReportedStatus", { kind: "primitive", type: "string" }],
        ],
      },
    },
    {
      name: "field-indexes as a bare path (every index into the body sent), dotted",
      given: ["  errors: {message: body.text, field-indexes: body.fields}"],
      want: {
        config: { message: ["body", "text"], fieldIndexes: { path: ["body", "fields"], exceptKinds: [] } },
        properties: [["fieldNames", "errorFieldNames", undefined]],
      },
    },
    {
      name: "reported-status alone is enough for an error reader",
      given: ["  errors: {reported-status: /status}"],
      want: { config: { reportedStatus: ["status"] }, properties: [["reportedStatus", "errorReportedStatus", { kind: "primitive", type: "string" }]] },
    },
  ])("$name", ({ given, want }) => {
    const facts = conventions(...given);
    expect(errorFieldsConfig(facts)).toEqual(want.config);
    expect(facts.errorFields.map((f) => [f.name, f.reader, f.value?.type])).toEqual(want.properties);
    expect(facts.errorBase).toBeUndefined();
    const note = facts.notes.find((n) => n.title === "Errors")?.text;
    for (const [name] of want.properties) expect(note).toContain(`\`${String(name)}\``);
  });
});
