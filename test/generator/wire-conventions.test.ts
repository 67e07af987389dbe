/**
 * `formats`, `request-checks` and `envelope: {type: response-code}`: mistakes are reported at their
 * position, and a good configuration becomes plug-in configs (per-operation media types, shapes
 * and checks derived from the spec's schemas), a package dependency, error-code classes and
 * README notes. The spec body below is the same for every case; `x-conventions:` follows it.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Facts, JsonValue } from "../../generator/conventions/convention.js";
import { XML_PARSER } from "../../generator/conventions/formats.js";
import { applyConventions } from "../../generator/conventions/index.js";
import { loadSpecText } from "../../generator/load/load-spec.js";
import { normalize } from "../../generator/normalize/normalize.js";
import { plan } from "../../generator/plan/plan.js";
import { validateSpec } from "../../generator/validate/validate-spec.js";
import { lines, problemLines } from "../load/problem-lines.js";

const BODY = [
  "openapi: 3.1.0",
  "info: {title: T, version: '1'}",
  "paths:",
  "  /things:",
  "    get:",
  "      tags: [Things]",
  "      parameters:",
  "        - {name: from, in: query, schema: {type: string, format: date-time}}",
  "        - {name: to, in: query, schema: {type: string, format: date-time}}",
  "        - {name: other, in: query, schema: {type: string}}",
  "      responses:",
  "        '200':",
  "          description: ok",
  "          content:",
  "            application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Thing'}}}",
  "            application/xml: {schema: {type: array, items: {$ref: '#/components/schemas/Thing'}}}",
  "    post:",
  "      tags: [Things]",
  "      requestBody:",
  "        content:",
  "          application/xml: {schema: {$ref: '#/components/schemas/Batch'}}",
  "      responses: {'200': {description: ok}}",
  "  /json-only:",
  "    get:",
  "      tags: [Things]",
  "      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}}",
  "components:",
  "  schemas:",
  "    Thing:",
  "      type: object",
  "      xml: {name: thing}",
  "      properties:",
  "        id: {type: integer}",
  "        name: {type: string}",
  "        on: {type: boolean}",
  "        tags: {type: array, xml: {wrapped: false}, items: {type: string, xml: {name: tag}}}",
  "        start: {type: string, format: date-time}",
  "        end: {type: string, format: date-time}",
  "      dependentRequired: {start: [end]}",
  "    Batch:",
  "      type: object",
  "      properties:",
  "        things: {type: array, items: {$ref: '#/components/schemas/Thing'}}",
];
const X_LINE = BODY.length + 1;

function load(...xConventions: string[]) {
  const spec = loadSpecText("specs/x.yaml", lines(...BODY, ...(xConventions.length === 0 ? [] : ["x-conventions:", ...xConventions])));
  validateSpec(spec);
  return { spec, ir: normalize(spec) };
}

function conventions(...xConventions: string[]): Facts {
  const { spec, ir } = load(...xConventions);
  return applyConventions(spec, ir);
}

function pluginConfig(facts: Facts, module: string): Record<string, JsonValue> {
  const plugin = facts.plugins.find((p) => p.module === module);
  expect(plugin, module).toBeDefined();
  return plugin?.config as Record<string, JsonValue>;
}

describe("the IR keeps what these conventions read", () => {
  it("media types, formats, xml names and dependentRequired", () => {
    const { ir } = load();
    const [list, create] = ir.operations;
    expect(list?.responses[0]?.mediaTypes).toEqual(["application/json", "application/xml"]);
    expect(create?.body?.mediaTypes).toEqual(["application/xml"]);
    expect(list?.parameters[0]?.type).toEqual({ kind: "primitive", type: "string", format: "date-time" });
    const thing = ir.schemas.find((s) => s.name === "Thing")?.type;
    expect(thing).toMatchObject({ kind: "object", xmlName: "thing", dependentRequired: { start: ["end"] } });
    const tags = thing?.kind === "object" ? thing.properties.find((p) => p.name === "tags")?.type : undefined;
    expect(tags).toEqual({ kind: "array", items: { kind: "primitive", type: "string" }, xml: { wrapped: false, itemName: "tag" } });
    const batch = ir.schemas.find((s) => s.name === "Batch")?.type;
    expect(batch?.kind === "object" ? batch.properties[0]?.type : undefined).toMatchObject({ kind: "array", xml: { itemName: "thing" } });
  });
});

describe("formats", () => {
  it("per-operation media types and shapes, the client option, the one dependency", () => {
    const facts = conventions("  formats: {content-type: always, default-media-types: [application/json, application/xml], xml: {arrays: wrapped}}");
    const config = pluginConfig(facts, "wire-formats");
    expect(config["operations"]).toEqual({
      "GET /things": { response: ["application/json", "application/xml"], result: { type: "array", items: { ref: "Thing" }, item: "thing" } },
      "POST /things": { request: ["application/xml"], response: ["application/json", "application/xml"], body: { ref: "Batch" } },
      "GET /json-only": { response: ["application/json"], result: { ref: "Thing" } },
    });
    expect(config["schemas"]).toEqual({
      Batch: { type: "object", properties: { things: { type: "array", items: { ref: "Thing" }, item: "thing" } } },
      Thing: { type: "object", element: "thing", properties: { id: { type: "integer" }, on: { type: "boolean" }, tags: { type: "array", wrapped: false, item: "tag" } } },
    });
    expect(config).toMatchObject({ option: "format", prefer: "json", contentTypeAlways: true, wrappedArrays: true });
    expect(facts.dependencies).toEqual(new Map([["fast-xml-parser", XML_PARSER.version]]));
    expect(facts.options).toEqual([expect.objectContaining({ name: "format", required: false, type: { kind: "literal", values: ["json", "xml"] } })]);
    expect(facts.notes.map((n) => n.title)).toEqual(["Formats"]);
  });

  it("the packages pin the exact version the repository tests with, which the generator itself does not load", () => {
    const root = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(XML_PARSER.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(root.devDependencies[XML_PARSER.name]).toBe(XML_PARSER.version);
    expect(root.dependencies[XML_PARSER.name]).toBeUndefined();
  });

  it.each([
    { name: "an unknown key", given: ["  formats: {prefer: json, accept: all}"], want: [`specs/x.yaml:${X_LINE + 1}:27: formats: unknown key "accept" (known keys: prefer, option, return-format-param, content-type, default-media-types, xml)`] },
    { name: "an unknown preference", given: ["  formats: {prefer: yaml}"], want: [`specs/x.yaml:${X_LINE + 1}:21: formats: "prefer" must be one of json, xml, found "yaml"`] },
    { name: "an option that is no camelCase name", given: ["  formats: {option: wire-format}"], want: [`specs/x.yaml:${X_LINE + 1}:21: formats: option name "wire-format" must be camelCase letters and digits`] },
    { name: "a default media type that is neither", given: ["  formats: {default-media-types: [text/csv]}"], want: [`specs/x.yaml:${X_LINE + 1}:35: formats: "text/csv" is neither a JSON nor an XML media type`] },
    { name: "an xml array style", given: ["  formats: {xml: {arrays: nested}}"], want: [`specs/x.yaml:${X_LINE + 1}:27: formats: "arrays" must be one of wrapped, repeated, found "nested"`] },
    { name: "a root element that is no XML name", given: ["  formats: {xml: {root-element: '1root'}}"], want: [`specs/x.yaml:${X_LINE + 1}:33: formats: "1root" is not an XML element name`] },
  ])("$name is reported at its position", ({ given, want }) => {
    expect(problemLines(() => conventions(...given))).toEqual(want);
  });
});

describe("request-checks", () => {
  it("query date-times and required-with, body date-time paths and dependentRequired", () => {
    const facts = conventions("  request-checks:", "    required-with: {from: [to], to: [from], nowhere: [other]}");
    expect(pluginConfig(facts, "request-checks")).toEqual({
      utcOnly: true,
      operations: {
        "GET /things": { query: { dateTimes: ["from", "to"], dependent: [{ at: "", fields: { from: ["to"], to: ["from"] } }] } },
        "POST /things": { body: { dateTimes: ["things[].start", "things[].end"], dependent: [{ at: "things[]", fields: { start: ["end"] } }] } },
      },
    });
    expect(facts.runtimeExports).toEqual(new Map([["request-checks", new Set(["RequestCheckError"])]]));
  });

  it("date-time: off keeps the required-with rules only", () => {
    const config = pluginConfig(conventions("  request-checks: {date-time: off}"), "request-checks");
    expect(config["operations"]).toEqual({ "POST /things": { body: { dependent: [{ at: "things[]", fields: { start: ["end"] } }] } } });
  });

  it.each([
    { name: "a date-time mode", given: ["  request-checks: {date-time: local}"], want: [`specs/x.yaml:${X_LINE + 1}:31: request-checks: "date-time" must be one of utc, iso8601, off, found "local"`] },
    { name: "a rule that is not a list", given: ["  request-checks: {required-with: {from: to}}"], want: [`specs/x.yaml:${X_LINE + 1}:42: request-checks: required-with.from must be a non-empty list of parameter names`] },
    { name: "a parameter requiring itself", given: ["  request-checks: {required-with: {from: [from]}}"], want: [`specs/x.yaml:${X_LINE + 1}:42: request-checks: from cannot require itself`] },
  ])("$name is reported at its position", ({ given, want }) => {
    expect(problemLines(() => conventions(...given))).toEqual(want);
  });
});

describe("envelope: response-code", () => {
  const good = [
    "  envelope:",
    "    type: response-code",
    "    next-offset-field: next_start",
    "    offset-field: start_from",
    "    error-class: ThingError",
    "    codes:",
    "      '001': {name: Authentication}",
    "      '003': {name: System Unavailable, retryable: true, description: Try later.}",
  ];

  it("expands into the envelope's and the error reader's primitives, the error base, the provider class and one class per code", () => {
    const { spec, ir } = load(...good);
    const facts = applyConventions(spec, ir);
    const inNode = (field: string) => [["response", field], ["*", "response", field]];
    expect(pluginConfig(facts, "envelope")).toEqual({
      success: { path: inNode("code"), equalsNumber: [0] },
      beside: [["response"], ["*", "response"]],
      meta: { logId: inNode("log_id") },
      nextOffset: inNode("next_start"),
      offset: inNode("start_from"),
    });
    expect(pluginConfig(facts, "error-fields")).toEqual({
      code: inNode("code"),
      message: inNode("comment"),
      requestId: inNode("log_id"),
      fields: { comment: { path: inNode("comment"), as: "text" }, logId: { path: inNode("log_id"), as: "text" }, codeName: { as: "code-name" } },
      codeSpellings: { "1": "001", "3": "003" },
      codeNames: { "001": "Authentication", "003": "System Unavailable" },
      tables: [{ match: [inNode("code")], entries: { "001": { classKey: "001" }, "003": { classKey: "003", retryable: true } }, spellings: { "1": "001", "3": "003" } }],
    });
    expect(facts.plugins.some((p) => p.module === "response-code-envelope")).toBe(false);
    expect(facts.errorBase).toEqual({ module: "response-code-envelope", exportName: "ResponseCodeError" });
    const view = plan({ ir, facts, specName: "x.yaml", stem: "x" });
    expect(view.errorClasses.map((e) => [e.name, e.base]).slice(-2)).toEqual([
      ["ThingAuthenticationError", "ThingError"],
      ["ThingSystemUnavailableError", "ThingError"],
    ]);
    expect(view.errorMap.text).toMatch(/byCode: \{ "001": ThingAuthenticationError, "003": ThingSystemUnavailableError \}/);
    expect(view.readme.errorRows).toContainEqual({ name: "ThingSystemUnavailableError", when: "Response code 003 (System Unavailable): Try later" });
  });

  it.each([
    { name: "an unquoted code read as a number is still a code", given: ["  envelope: {type: response-code, codes: {1: {name: A}}}"], want: [] },
    { name: "the success code among the error codes", given: ["  envelope: {type: response-code, codes: {'0': {name: A}}}"], want: [`specs/x.yaml:${X_LINE + 1}:43: envelope: code "0" is the success code`] },
    {
      name: "two codes with the same class name",
      given: ["  envelope: {type: response-code, codes: {'102': {name: Customer Code}, '301': {name: customer code}}}"],
      want: [`specs/x.yaml:${X_LINE + 1}:87: envelope: codes 102 and 301 are both named "customer code"; their error classes need different names`],
    },
    { name: "a name that cannot name a class", given: ["  envelope: {type: response-code, codes: {'002': {name: 'General!'}}}"], want: [`specs/x.yaml:${X_LINE + 1}:57: envelope: name "General!" must be words of letters and digits; the error class is named after it`] },
    { name: "an error class not ending in Error", given: ["  envelope: {type: response-code, error-class: Oops}"], want: [`specs/x.yaml:${X_LINE + 1}:48: envelope: error-class "Oops" must be a PascalCase identifier ending in Error, e.g. JoorError`] },
    { name: "an offset field without a next-offset field", given: ["  envelope: {type: response-code, offset-field: start_from}"], want: [`specs/x.yaml:${X_LINE + 1}:49: envelope: offset-field needs next-offset-field`] },
    { name: "a status-data key", given: ["  envelope: {type: response-code, data-field: data}"], want: [`specs/x.yaml:${X_LINE + 1}:35: envelope: unknown key "data-field" (known keys: type, node, code-field, comment-field, log-id-field, success-code, next-offset-field, offset-field, error-class, codes)`] },
  ])("$name", ({ given, want }) => {
    expect(problemLines(() => conventions(...given))).toEqual(want);
  });
});
