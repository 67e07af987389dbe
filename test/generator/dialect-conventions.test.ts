/**
 * The dialect primitives of `envelope` and `errors`: field paths, success and failure tests, the
 * error reader and the code table. Mistakes are reported at their position; a good configuration
 * becomes plug-in configs with pre-split paths, a typed code and error classes.
 * The spec body is fourteen lines, so `x-conventions:` is line 15.
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
  "  /zones:",
  "    get:",
  "      responses:",
  "        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}",
  "        '400': {description: bad, content: {application/json: {schema: {$ref: '#/components/schemas/Failure'}}}}",
  "components:",
  "  schemas:",
  "    Failure:",
  "      type: object",
  "      properties: {success: {type: boolean}, errors: {type: array, items: {$ref: '#/components/schemas/Problem'}}, meta: {type: object}}",
  "    Problem: {type: object, properties: {code: {type: integer}, message: {type: string}}}",
];

function conventions(...xConventions: string[]): Facts {
  const spec = loadSpecText("specs/x.yaml", lines(...BODY, "x-conventions:", ...xConventions));
  validateSpec(spec);
  return applyConventions(spec, normalize(spec));
}

describe("bad envelope and errors primitives are reported at their position", () => {
  it.each([
    {
      name: "an unknown key",
      given: ["  errors: {code: /errors/0/code, kode: x}"],
      want: ['specs/x.yaml:16:34: errors: unknown key "kode" (did you mean "code"? known keys: type, class, code, message, details, list, request-id, request-id-header, fields, codes, code-tables, kinds, field-indexes, reported-status)'],
    },
    {
      name: "a path that does not parse",
      given: ["  errors: {code: /errors//code}"],
      want: ['specs/x.yaml:16:18: errors: "code": "/errors//code" has an empty segment'],
    },
    {
      name: "a path no error schema can hold",
      given: ["  errors: {code: errors.0.kode}"],
      want: ['specs/x.yaml:16:18: errors: "code" /errors/0/kode cannot match the declared response schemas: no such field'],
    },
    {
      name: "an index into an object",
      given: ["  errors: {message: /errors/message}"],
      want: ['specs/x.yaml:16:21: errors: "message" /errors/message cannot match the declared response schemas: no such field'],
    },
    {
      name: "a test path the (unwrapped) success schema cannot hold",
      given: ["  envelope: {failure: {field: /errorz, is: non-empty}}"],
      want: ['specs/x.yaml:16:31: envelope: "field" /errorz cannot match the declared response schemas: no such field'],
    },
    {
      name: "with schemas: envelope, a data path the whole-body schema cannot hold",
      given: ["  envelope: {schemas: envelope, data: /result, success: {field: /id, is: present}}"],
      want: ['specs/x.yaml:16:39: envelope: "data" /result cannot match the declared response schemas: no such field'],
    },
    {
      name: "with schemas: envelope, a test path the whole-body schema cannot hold",
      given: ["  envelope: {schemas: envelope, data: /id, success: {field: /success, equals: true}}"],
      want: ['specs/x.yaml:16:61: envelope: "field" /success cannot match the declared response schemas: no such field'],
    },
    {
      name: "schemas: envelope without data",
      given: ["  envelope: {schemas: envelope, success: {field: /id, is: present}}"],
      want: ['specs/x.yaml:16:14: envelope: "schemas: envelope" needs "data", the path to the payload (without it the whole body is the payload anyway)'],
    },
    {
      name: "schemas: neither payload nor envelope",
      given: ["  envelope: {schemas: body, data: /id}"],
      want: ['specs/x.yaml:16:23: envelope: "schemas" must be one of payload, envelope, found "body"'],
    },
    {
      name: "a test with both equals and is",
      given: ["  envelope: {data: /result, success: {field: /success, equals: true, is: present}}"],
      want: ['specs/x.yaml:16:38: envelope: "success" needs exactly one of "equals", "equals-number" and "is"'],
    },
    {
      name: "an unknown test kind",
      given: ["  envelope: {data: /result, success: {field: /success, is: truthy}}"],
      want: ['specs/x.yaml:16:60: envelope: "is" must be one of present, non-empty, absent, http-status'],
    },
    {
      name: "a code-table entry naming an unknown status class",
      given: ["  errors:", "    code: /errors/0/code", "    codes:", "      10000: {name: Authentication, status: authentification}"],
      want: ['specs/x.yaml:19:45: errors: unknown status class "authentification" (known: bad-request, authentication, permission, not-found, conflict, unprocessable, rate-limit, server)'],
    },
    {
      name: "a code path that reaches a list",
      given: ["  errors: {code: /errors}"],
      want: ['specs/x.yaml:16:18: errors: "code" /errors is an object or a list in the declared schemas; a code is text or a number'],
    },
    {
      name: "a code-table code that is no number where the schema declares numbers",
      given: ["  errors:", "    code: /errors/0/code", "    codes:", "      E_AUTH: Authentication"],
      want: ['specs/x.yaml:19:7: errors: code "E_AUTH" is not a number, but the schema declares /errors/0/code a number'],
    },
    {
      name: "a code table without a code path",
      given: ["  errors:", "    message: /errors/0/message", "    codes: {971: Throttled}"],
      want: ['specs/x.yaml:18:12: errors: "codes" needs "code", the path of the code'],
    },
    {
      name: "two conventions claiming the provider's error class, at the second",
      given: ["  envelope: {type: response-code, error-class: JoorError}", "  errors: {type: code-message, class: AcmeError}"],
      want: ["specs/x.yaml:17:32: errors.class and envelope.error-class both state the provider's error class name; keep one"],
    },
    {
      name: "two conventions claiming the error base class, at the second",
      given: ["  envelope: {type: response-code}", "  errors: {type: problem-details}"],
      want: ["specs/x.yaml:17:12: errors.type and envelope.type both state the runtime base of the provider's error class; keep one"],
    },
  ])("$name", ({ given, want }) => {
    expect(problemLines(() => conventions(...given))).toEqual(want);
  });
});

describe("good primitives become plug-in configs and error classes", () => {
  const plugin = (facts: Facts, name: string) => facts.plugins.find((p) => p.exportName === name)?.config;

  it("a boolean success flag, a numeric code from the schema, a typed list and a code table", () => {
    const facts = conventions(
      "  envelope: {data: /result, success: {field: /success, equals: true}}",
      "  errors:",
      "    code: /errors/0/code",
      "    message: errors.0.message",
      "    list: /errors",
      "    codes:",
      "      10000: {name: Authentication, status: authentication}",
      "      971: {name: Throttled, status: rate-limit, retryable: true}",
    );
    expect(plugin(facts, "envelope")).toEqual({ data: [["result"]], success: { path: ["success"], equals: [true] } });
    expect(plugin(facts, "errorFields")).toEqual({
      code: ["errors", "0", "code"],
      numericCode: true,
      message: ["errors", "0", "message"],
      list: ["errors"],
      tables: [{ match: [["errors", "0", "code"]], entries: { "971": { classKey: "971", retryable: true }, "10000": { classKey: "10000" } } }],
    });
    expect(facts.errorCodeType).toBe("number");
    expect(facts.errorFields.map((f) => [f.name, f.entry])).toEqual([["errors", { kind: "ref", schema: "Problem" }]]);
    expect(facts.errorCodes).toEqual([
      { code: "971", name: "Throttled", description: "", statusClass: "rate-limit" },
      { code: "10000", name: "Authentication", description: "", statusClass: "authentication" },
    ]);
  });

  it("a preset expands into the same primitives: status-data and code-message", () => {
    const facts = conventions("  envelope: {type: status-data}", "  errors: {type: code-message, code-field: errorCode}");
    expect(plugin(facts, "envelope")).toEqual({ data: [["data"], ["message"]], success: { path: ["status"], equals: ["success"] } });
    expect(plugin(facts, "errorFields")).toEqual({ code: ["errorCode"], message: ["message"] });
    expect(facts.errorCodeType).toBeUndefined();
  });

  it("a code table works beside a preset", () => {
    const facts = conventions("  errors: {type: code-message, codes: {E_AUTH: {name: Bad Key, status: authentication}}}");
    expect(facts.errorCodes).toEqual([{ code: "E_AUTH", name: "Bad Key", description: "", statusClass: "authentication" }]);
  });
});
