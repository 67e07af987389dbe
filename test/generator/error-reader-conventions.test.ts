/**
 * The error reader's alternatives, joined messages and named fields (`errors.code: [paths]`,
 * `message: {join: […]}`, `fields`), and the envelope's primitives for a result node beside the
 * payload (`data: {beside}`, `equals-number`, `meta`, `next-offset`/`offset`, the `*` segment):
 * mistakes are reported at their position; a good block becomes the plug-ins' config and typed
 * properties of the provider's class; the `problem-details` preset expands into them. The error
 * spec's body is fourteen lines (`x-conventions:` is line 15), the node spec's nine (line 10).
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
  "  /things:",
  "    get:",
  "      responses:",
  "        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}",
  "        '400': {description: bad, content: {application/problem+json: {schema: {$ref: '#/components/schemas/Problem'}}}}",
  "components:",
  "  schemas:",
  "    Problem:",
  "      type: object",
  "      properties: {title: {type: string}, detail: {type: string}, traceId: {type: string}, errors: {type: object, additionalProperties: {type: array, items: {type: string}}}, extensions: {type: object}}",
  "    Unused: {type: object}",
];

const NODE_BODY = [
  ...BODY.slice(0, 6),
  "        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {things: {type: object, properties: {response: {type: object}}}}}}}}",
  "components:",
  "  schemas: {}",
];

function conventions(...xConventions: string[]): Facts {
  return conventionsOf(BODY, xConventions);
}

function conventionsOf(body: readonly string[], xConventions: readonly string[]): Facts {
  const spec = loadSpecText("specs/x.yaml", lines(...body, "x-conventions:", ...xConventions));
  validateSpec(spec);
  return applyConventions(spec, normalize(spec));
}

describe("bad alternatives, joins and fields are reported at their position", () => {
  it.each([
    {
      name: "an alternative no error schema can hold",
      given: ["  errors: {request-id: [/traceId, /trace_id]}"],
      want: ['specs/x.yaml:16:35: errors: "request-id" /trace_id cannot match the declared response schemas: no such field'],
    },
    {
      name: "a join that is not a list",
      given: ["  errors: {message: {join: /title}}"],
      want: ['specs/x.yaml:16:21: errors: "message" {join: …} needs a list of paths, e.g. {join: [/title, /detail]}'],
    },
    {
      name: "an unknown key beside join",
      given: ["  errors: {message: {join: [/title], with: ' '}}"],
      want: ['specs/x.yaml:16:38: errors: unknown key "with" in "message" (a path, or {join: [paths]})'],
    },
    {
      name: "a joined part that does not parse",
      given: ["  errors: {message: {join: [/title, /detail//x]}}"],
      want: ['specs/x.yaml:16:37: errors: "1": "/detail//x" has an empty segment'],
    },
    {
      name: "a field named like a property every error has",
      given: ["  errors:", "    fields: {status: /title}"],
      want: ['specs/x.yaml:17:14: errors: field name "status" is already a property of every error; choose another name'],
    },
    {
      name: "a field named with a reserved word",
      given: ["  errors:", "    fields: {delete: /title}"],
      want: ['specs/x.yaml:17:14: errors: field name "delete" must be an identifier (letters, digits, _ or $, not starting with a digit; not a reserved word): it becomes error.delete'],
    },
    {
      name: "a field named errors beside a list",
      given: ["  errors:", "    list: /extensions", "    fields: {errors: {path: /errors, as: field-messages}}"],
      want: ['specs/x.yaml:18:14: errors: field name "errors" is already a property of every error (the block reads it: list); choose another name'],
    },
    {
      name: "an unknown `as`",
      given: ["  errors:", "    fields: {title: {path: /title, as: string}}"],
      want: ['specs/x.yaml:17:40: errors: "as" must be one of value, text, field-messages, code-name'],
    },
    {
      name: "a field path no error schema can hold",
      given: ["  errors:", "    fields: {title: {path: /titel, as: text}}"],
      want: ['specs/x.yaml:17:28: errors: "path" /titel cannot match the declared response schemas: no such field'],
    },
    {
      name: "a field without a path",
      given: ["  errors:", "    fields: {title: {as: text}}"],
      want: ["specs/x.yaml:17:21: errors: field \"title\" needs \"path\""],
    },
  ])("$name", ({ given, want }) => {
    expect(problemLines(() => conventions(...given))).toEqual(want);
  });
});

describe("good alternatives, joins and fields become the reader's config and typed properties", () => {
  const plugin = (facts: Facts) => facts.plugins.find((p) => p.exportName === "errorFields")?.config;

  it("in primitives: the paths pre-split, one property per field typed by how it is read", () => {
    const facts = conventions(
      "  errors:",
      "    message: {join: [/title, /detail, [/errors, /extensions/errors]]}",
      "    request-id: [/traceId, extensions.traceId]",
      "    fields:",
      "      traceId: {path: [/traceId, /extensions/traceId], as: text}",
      "      errors: {path: /errors, as: field-messages}",
      "      raw: /extensions",
    );
    expect(plugin(facts)).toEqual({
      messageJoin: [["title"], ["detail"], [["errors"], ["extensions", "errors"]]],
      requestId: [["traceId"], ["extensions", "traceId"]],
      fields: { traceId: { path: [["traceId"], ["extensions", "traceId"]], as: "text" }, errors: { path: ["errors"], as: "field-messages" }, raw: ["extensions"] },
    });
    expect(facts.errorBase).toBeUndefined();
    expect(facts.errorFields.map((f) => [f.name, f.reader, f.value, f.generic])).toEqual([
      ["traceId", "errorTextField", { type: { kind: "primitive", type: "string" }, argument: "traceId" }, false],
      ["errors", "errorFieldMessages", { type: { ts: "Readonly<Record<string, readonly string[]>>" }, argument: "errors", present: true }, false],
      ["raw", "errorField", { type: { kind: "object", properties: [], additional: { kind: "primitive", type: "unknown" } }, argument: "raw" }, undefined],
    ]);
  });

  it("the problem-details preset expands into them, on the ProblemDetailsError base that exposes the fields", () => {
    const facts = conventions("  errors: {type: problem-details, class: AcmeProblemError}");
    const alternatives = (name: string) => [[name], ["extensions", name]];
    expect(plugin(facts)).toEqual({
      code: ["code"],
      messageJoin: [["title"], ["detail"], alternatives("errors")],
      requestId: alternatives("traceId"),
      fields: {
        type: { path: ["type"], as: "text" },
        title: { path: ["title"], as: "text" },
        detail: { path: ["detail"], as: "text" },
        instance: { path: ["instance"], as: "text" },
        traceId: { path: alternatives("traceId"), as: "text" },
        errors: { path: alternatives("errors"), as: "field-messages" },
      },
    });
    expect(facts.errorBase).toEqual({ module: "problem-details", exportName: "ProblemDetailsError", mediaType: "application/problem+json" });
    expect(facts.errorFields).toEqual([]);
    expect(facts.plugins.map((p) => p.module)).toEqual(["error-fields"]);
  });
});

describe("bad node primitives are reported at their position", () => {
  it.each([
    {
      name: "data as a mapping without beside",
      given: ["  envelope: {data: {next: /response}}"],
      want: ['specs/x.yaml:11:20: envelope: "data" as a mapping needs "beside", the field the payload sits beside', 'specs/x.yaml:11:21: envelope: unknown key "next" in "data" (a path, a list of paths, or {beside: PATH})'],
    },
    {
      name: "beside a path that does not parse",
      given: ["  envelope: {data: {beside: [/response, /*//response]}}"],
      want: ['specs/x.yaml:11:41: envelope: "beside": "/*//response" has an empty segment'],
    },
    {
      name: "equals-number that is no number",
      given: ["  envelope: {success: {field: /things/response/code, equals-number: '0'}}"],
      want: ['specs/x.yaml:11:69: envelope: "equals-number" must be a number (0) or a list of them'],
    },
    {
      name: "equals-number beside equals",
      given: ["  envelope: {success: {field: /things/response/code, equals-number: 0, equals: 0}}"],
      want: ['specs/x.yaml:11:23: envelope: "success" needs exactly one of "equals", "equals-number" and "is"'],
    },
    {
      name: "a test field alternative the schema cannot hold",
      given: ["  envelope: {success: {field: [/*/response/code, /things/respons/code], is: present}}"],
      want: ['specs/x.yaml:11:50: envelope: "field" /things/respons/code cannot match the declared response schemas: no such field'],
    },
    {
      name: "a meta name the client uses itself",
      given: ["  envelope: {success: {field: /things, is: present}, meta: {nextOffset: /things/response/next}}"],
      want: ['specs/x.yaml:11:61: envelope: meta name "nextOffset" must be camelCase and not one the client uses itself (envelope, nextOffset, nextPage, rateLimit)'],
    },
    {
      name: "offset without next-offset",
      given: ["  envelope: {success: {field: /things, is: present}, offset: /things/response/start_from}"],
      want: ['specs/x.yaml:11:62: envelope: "offset" needs "next-offset"'],
    },
  ])("$name", ({ given, want }) => {
    expect(problemLines(() => conventionsOf(NODE_BODY, given))).toEqual(want);
  });
});

it("a good block becomes the envelope's config, paths split, `*` kept as a segment", () => {
  const facts = conventionsOf(NODE_BODY, [
    "  envelope:",
    "    data: {beside: [/response, /*/response]}",
    "    success: {field: [/response/code, /*/response/code], equals-number: [0]}",
    "    meta: {logId: /*/response/log_id}",
    "    next-offset: /*/response/next_start",
    "    offset: /*/response/start_from",
  ]);
  expect(facts.plugins.find((p) => p.exportName === "envelope")?.config).toEqual({
    success: { path: [["response", "code"], ["*", "response", "code"]], equalsNumber: [0] },
    beside: [["response"], ["*", "response"]],
    meta: { logId: ["*", "response", "log_id"] },
    nextOffset: ["*", "response", "next_start"],
    offset: ["*", "response", "start_from"],
  });
});
