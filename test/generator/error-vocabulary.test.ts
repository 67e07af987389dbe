/**
 * The error vocabulary beyond code, message and list: named fields (`errors.fields`), error paths
 * read where failures arrive (2xx bodies too, when an envelope test makes them failures), code
 * tables keyed on other fields or on two (`errors.code-tables`), bare entries (a status class or
 * `retryable: false` only), and constant headers that differ only in case. Mistakes are reported
 * at their position. The spec body is sixteen lines, so `x-conventions:` is line 17.
 */
import { describe, expect, it } from "vitest";
import type { Facts } from "../../generator/conventions/convention.js";
import { applyConventions } from "../../generator/conventions/index.js";
import { loadSpecText } from "../../generator/load/load-spec.js";
import { normalize } from "../../generator/normalize/normalize.js";
import { validateSpec } from "../../generator/validate/validate-spec.js";
import { lines, problemLines } from "../load/problem-lines.js";

// A Square-like document: `errors` only inside the 200-typed body; a 400 with a Paystack-like body.
const BODY = [
  "openapi: 3.1.0",
  "info: {title: T, version: '1'}",
  "paths:",
  "  /customers:",
  "    get:",
  "      responses:",
  "        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/ListResponse'}}}}",
  "        '400': {description: bad, content: {application/json: {schema: {$ref: '#/components/schemas/Failure'}}}}",
  "components:",
  "  schemas:",
  "    ListResponse:",
  "      type: object",
  "      properties: {errors: {type: array, items: {$ref: '#/components/schemas/Problem'}}, customers: {type: array, items: {type: object, properties: {id: {type: string}}}}}",
  "    Problem: {type: object, properties: {category: {type: string}, code: {type: string}, detail: {type: string}, status: {type: integer}}}",
  "    Failure: {type: object, properties: {message: {type: string}, type: {type: string, enum: [validation_error, api_error]}, code: {type: string}, meta: {type: object, properties: {nextStep: {type: string}}}}}",
  "    Unused: {type: object}",
];

function conventions(...xConventions: string[]): Facts {
  const spec = loadSpecText("specs/x.yaml", lines(...BODY, "x-conventions:", ...xConventions));
  validateSpec(spec);
  return applyConventions(spec, normalize(spec));
}

const FAILURE_UNDER_200 = "  envelope: {failure: {field: /errors, is: non-empty}}";

describe("bad error vocabulary is reported at its position", () => {
  it.each([
    {
      name: "a field name that is no identifier",
      given: ["  errors: {message: /message, fields: {error-type: /type}}"],
      want: ['specs/x.yaml:18:40: errors: field name "error-type" must be an identifier (letters, digits, _ or $, not starting with a digit; not a reserved word): it becomes error.error-type'],
    },
    {
      name: "a field name that is a reserved word",
      given: ["  errors: {message: /message, fields: {class: /type}}"],
      want: ['specs/x.yaml:18:40: errors: field name "class" must be an identifier (letters, digits, _ or $, not starting with a digit; not a reserved word): it becomes error.class'],
    },
    {
      name: "a field name every error already has",
      given: ["  errors: {message: /message, fields: {status: /type}}"],
      want: ['specs/x.yaml:18:40: errors: field name "status" is already a property of every error; choose another name'],
    },
    {
      name: "a field path no error schema can hold",
      given: ["  errors: {message: /message, fields: {type: /kind}}"],
      want: ['specs/x.yaml:18:46: errors: "type" /kind cannot match the declared response schemas: no such field'],
    },
    {
      name: "fields that are not a mapping",
      given: ["  errors: {message: /message, fields: [type]}"],
      want: ["specs/x.yaml:18:39: errors: expected a mapping, found a list"],
    },
    {
      name: "a path only the 2xx schemas have, when no envelope test makes 2xx bodies failures",
      given: ["  errors: {code: /errors/0/code}"],
      want: ['specs/x.yaml:18:18: errors: "code" /errors/0/code cannot match the declared response schemas: no such field'],
    },
    {
      name: "code-tables that are not a list",
      given: [FAILURE_UNDER_200, "  errors: {code: /errors/0/code, code-tables: {match: /errors/0/category}}"],
      want: ["specs/x.yaml:19:47: errors: code-tables must be a non-empty list of {match, codes}"],
    },
    {
      name: "a code table without match",
      given: [FAILURE_UNDER_200, "  errors:", "    code: /errors/0/code", "    code-tables:", "      - codes: {API_ERROR: {status: server}}"],
      want: ['specs/x.yaml:22:9: errors: a code table needs "match" (the field path, or a list of paths, it is keyed on) and "codes"'],
    },
    {
      name: "a match path no schema can hold",
      given: [FAILURE_UNDER_200, "  errors:", "    code: /errors/0/code", "    code-tables:", "      - match: /errors/0/categroy", "        codes: {API_ERROR: {status: server}}"],
      want: ['specs/x.yaml:22:16: errors: "match" /errors/0/categroy cannot match the declared response schemas: no such field'],
    },
    {
      name: "a match path that reaches a list",
      given: [FAILURE_UNDER_200, "  errors:", "    code: /errors/0/code", "    code-tables:", "      - match: /errors", "        codes: {API_ERROR: {status: server}}"],
      want: ["specs/x.yaml:22:16: errors: match /errors is an object or a list in the declared schemas; a table is keyed on text or numbers"],
    },
    {
      name: "a text key where the matched field is a number",
      given: [FAILURE_UNDER_200, "  errors:", "    code: /errors/0/code", "    code-tables:", "      - match: [/errors/0/category, /errors/0/status]", "        codes: {API_ERROR: {E500: {status: server}}}"],
      want: ['specs/x.yaml:23:29: errors: "E500" is not a number, but the schema declares /errors/0/status a number'],
    },
    {
      name: "a two-field table whose entries are not nested",
      given: [FAILURE_UNDER_200, "  errors:", "    code: /errors/0/code", "    code-tables:", "      - match: [/errors/0/category, /errors/0/code]", "        codes: {API_ERROR: Api}"],
      want: ['specs/x.yaml:23:28: errors: "API_ERROR" must be a mapping of code → { name, description, status, retryable }'],
    },
    {
      name: "an entry with neither name, status nor retryable",
      given: ["  errors:", "    code: /code", "    codes: {E1: {description: Nothing}}"],
      want: ['specs/x.yaml:20:17: errors: code "E1" needs "name" (its own class), "status" or "retryable"'],
    },
    {
      name: "a bare entry with an unknown status class",
      given: [FAILURE_UNDER_200, "  errors:", "    code: /errors/0/code", "    code-tables:", "      - match: /errors/0/category", "        codes: {RATE_LIMIT_ERROR: {status: throttled}}"],
      want: ['specs/x.yaml:23:44: errors: unknown status class "throttled" (known: bad-request, authentication, permission, not-found, conflict, unprocessable, rate-limit, server)'],
    },
    {
      name: "two tables naming a class alike",
      given: [FAILURE_UNDER_200, "  errors:", "    code: /errors/0/code", "    codes: {REFUND_FAILED: {name: Refund}}", "    code-tables:", "      - match: /errors/0/category", "        codes: {REFUND_ERROR: {name: Refund}}"],
      want: ['specs/x.yaml:24:31: errors: codes.REFUND_FAILED and code-tables.0.codes.REFUND_ERROR are both named "Refund"; their error classes need different names'],
    },
    {
      name: "retryable that is not true or false",
      given: ["  errors:", "    code: /code", "    codes: {E1: {retryable: never}}"],
      want: ['specs/x.yaml:20:29: errors: "retryable" must be true or false, found the string "never"'],
    },
    {
      name: "a field named like the getter rate-limits adds to RateLimitError",
      given: ["  errors: {message: /message, fields: {rateLimit: /type}}", "  rate-limits: {headers: {remaining: X-RateLimit-Remaining}}"],
      want: ['specs/x.yaml:18:3: errors: the error property "rateLimit" is already a getter of the status errors another convention adds'],
    },
    {
      name: "two constant headers that differ only in case",
      given: ["  headers:", "    constant:", "      accept: application/json", "      Accept: application/vnd.x+json"],
      want: ['specs/x.yaml:21:7: headers: "Accept" and "accept" are the same header (names have no case); keep one'],
    },
  ])("$name", ({ given, want }) => {
    expect(problemLines(() => conventions(...given))).toEqual(want);
  });
});

describe("good error vocabulary becomes the decoder's config, typed properties and classes", () => {
  const plugin = (facts: Facts) => facts.plugins.find((p) => p.exportName === "errorFields")?.config;
  const fieldTypes = (facts: Facts) => facts.errorFields.map((f) => [f.name, f.value?.type ?? f.entry]);

  it("named fields are typed from the error schema: an enum stays its values", () => {
    const facts = conventions("  errors: {code: /code, message: /message, fields: {type: /type, nextStep: meta.nextStep}}");
    expect(plugin(facts)).toEqual({ code: ["code"], message: ["message"], fields: { type: ["type"], nextStep: ["meta", "nextStep"] } });
    expect(fieldTypes(facts)).toEqual([
      ["type", { kind: "literal", values: ["validation_error", "api_error"] }],
      ["nextStep", { kind: "primitive", type: "string" }],
    ]);
  });

  it("with failures under 200, error paths are read in the 2xx schemas: the list is typed", () => {
    const facts = conventions(FAILURE_UNDER_200, "  errors: {code: /errors/0/code, message: /errors/0/detail, list: /errors}");
    expect(fieldTypes(facts)).toEqual([["errors", { kind: "ref", schema: "Problem" }]]);
  });

  it("a payload-only envelope (data without schemas: envelope) keeps error paths to the error schemas", () => {
    expect(problemLines(() => conventions("  envelope: {data: /customers, failure: {field: /errors, is: non-empty}}", "  errors: {list: /errors}"))).toEqual([
      'specs/x.yaml:19:18: errors: "list" /errors cannot match the declared response schemas: no such field',
    ]);
  });

  it("code tables: two fields first, then codes, then one-field tables; bare entries carry a status or a retry word", () => {
    const facts = conventions(
      FAILURE_UNDER_200,
      "  errors:",
      "    code: /errors/0/code",
      "    codes:",
      "      NOT_FOUND: {name: Not Found, status: not-found}",
      "      MAX_ATTEMPTS: {retryable: false}",
      "    code-tables:",
      "      - match: /errors/0/category",
      "        codes:",
      "          RATE_LIMIT_ERROR: {status: rate-limit, retryable: true}",
      "          REFUND_ERROR: {name: Refund}",
      "      - match: [/errors/0/category, /errors/0/code]",
      "        codes: {API_ERROR: {TIMEOUT: {name: Api Timeout, status: server}}}",
    );
    expect((plugin(facts) as { tables: unknown }).tables).toEqual([
      { match: [["errors", "0", "category"], ["errors", "0", "code"]], entries: { "API_ERROR TIMEOUT": { classKey: "code-tables/1/API_ERROR TIMEOUT" } } },
      { match: [["errors", "0", "code"]], entries: { MAX_ATTEMPTS: { retryable: false }, NOT_FOUND: { classKey: "NOT_FOUND" } } },
      { match: [["errors", "0", "category"]], entries: { RATE_LIMIT_ERROR: { status: 429, retryable: true }, REFUND_ERROR: { classKey: "code-tables/0/REFUND_ERROR" } } },
    ]);
    expect(facts.errorCodes).toEqual([
      { code: "API_ERROR TIMEOUT", name: "Api Timeout", description: "", statusClass: "server", key: "code-tables/1/API_ERROR TIMEOUT", matched: "errors[0].category and errors[0].code" },
      { code: "NOT_FOUND", name: "Not Found", description: "", statusClass: "not-found" },
      { code: "REFUND_ERROR", name: "Refund", description: "", key: "code-tables/0/REFUND_ERROR", matched: "errors[0].category" },
    ]);
  });
});
