import { describe, expect, it } from "vitest";
import { loadSpecFile, loadSpecText } from "../../generator/load/load-spec.js";
import { validateSpec } from "../../generator/validate/validate-spec.js";
import { lines, problemLines } from "../load/problem-lines.js";

const validate = (file: string, text: string) => () => validateSpec(loadSpecText(file, text));

describe("validateSpec reports each problem at its position", () => {
  const cases: { name: string; given: string; want: string[] }[] = [
    {
      name: "openapi as a number",
      given: lines("openapi: 3.1", "info:", "  title: T", '  version: "1"', "paths: {}"),
      want: ['spec.yaml:1:10: openapi must be a string; quote it: openapi: "3.1.0"'],
    },
    {
      name: "openapi of another major version",
      given: lines('openapi: "2.0"', "info: {title: T, version: '1'}", "paths: {}"),
      want: ['spec.yaml:1:10: openapi must be a 3.0.x or 3.1.x version, got "2.0"'],
    },
    {
      name: "a Swagger 2.0 document that was not converted (loadSpecFile leaves it as written)",
      given: lines('swagger: "2.0"', "info: {title: T, version: '1'}", "paths: {}"),
      want: ["spec.yaml:1:1: Swagger 2.0 must be converted to OpenAPI 3 first: load it with loadSpec"],
    },
    {
      name: "a Swagger version other than 2.0",
      given: lines('swagger: "1.2"', "info: {title: T, version: '1'}", "paths: {}"),
      want: ['spec.yaml:1:10: swagger "1.2" is not supported; clientsmith reads Swagger "2.0" and OpenAPI 3.0/3.1'],
    },
    {
      name: "swagger: 2.0 unquoted, which YAML reads as the number 2",
      given: lines("swagger: 2.0", "info: {title: T, version: '1'}", "paths: {}"),
      want: ['spec.yaml:1:10: swagger must be a string; quote it: swagger: "2.0"'],
    },
    {
      name: "version: 1.10, which YAML reads as the number 1.1",
      given: lines("openapi: 3.0.3", "info:", "  title: T", "  version: 1.10", "paths: {}"),
      want: ["spec.yaml:4:12: info.version is a number (1.1); quote it to keep it a string"],
    },
    {
      name: "missing info.title, at the info key",
      given: lines("openapi: 3.0.3", "info:", '  version: "1"', "paths: {}"),
      want: ["spec.yaml:2:1: info.title is required"],
    },
    {
      name: "empty info.title",
      given: lines("openapi: 3.0.3", "info:", "  title:", '  version: "1"', "paths: {}"),
      want: ["spec.yaml:3:3: info.title is empty; it must be a string"],
    },
    {
      name: "missing info and paths (3.0)",
      given: lines("openapi: 3.0.3"),
      want: ["spec.yaml:1:1: info is required", "spec.yaml:1:1: paths is required"],
    },
    {
      name: "missing responses, at the method key",
      given: lines("openapi: 3.0.3", "info: {title: T, version: '1'}", "paths:", "  /pets:", "    get:", "      summary: List"),
      want: ["spec.yaml:5:5: operation get /pets has no responses"],
    },
    {
      name: "a path not starting with /",
      given: lines("openapi: 3.0.3", "info: {title: T, version: '1'}", "paths:", "  pets:", "    get:", "      responses: {}"),
      want: ['spec.yaml:4:3: path "pets" must start with "/"'],
    },
    {
      name: "a parameter with a bad in",
      given: lines(
        "openapi: 3.0.3",
        "info: {title: T, version: '1'}",
        "paths:",
        "  /pets:",
        "    get:",
        "      parameters:",
        "        - name: limit",
        "          in: body",
        "      responses: {}",
      ),
      want: ['spec.yaml:8:15: parameter "limit": "in" must be one of path, query, header, cookie, got the string "body"'],
    },
    {
      name: "a parameter without name and in",
      given: lines(
        "openapi: 3.0.3",
        "info: {title: T, version: '1'}",
        "paths:",
        "  /pets:",
        "    get:",
        "      parameters:",
        "        - description: what?",
        "      responses: {}",
      ),
      want: ['spec.yaml:7:11: parameter has no "name"', 'spec.yaml:7:11: parameter has no "in" (one of path, query, header, cookie)'],
    },
    {
      name: "a path placeholder without a parameter",
      given: lines("openapi: 3.0.3", "info: {title: T, version: '1'}", "paths:", "  /pets/{petId}:", "    get:", "      responses: {}"),
      want: ['spec.yaml:4:3: path "/pets/{petId}" has placeholder {petId}, but get declares no path parameter "petId"'],
    },
    {
      name: "a path parameter that is not in the path and not required",
      given: lines(
        "openapi: 3.0.3",
        "info: {title: T, version: '1'}",
        "paths:",
        "  /pets:",
        "    get:",
        "      parameters:",
        "        - name: id",
        "          in: path",
        "      responses: {}",
      ),
      want: [
        'spec.yaml:7:11: path parameter "id" must have required: true',
        'spec.yaml:7:11: path parameter "id" does not appear in the path "/pets"',
      ],
    },
    {
      name: "a $ref to nothing, at the $ref value",
      given: lines(
        "openapi: 3.0.3",
        "info: {title: T, version: '1'}",
        "paths:",
        "  /pets:",
        "    get:",
        "      responses:",
        '        "200":',
        "          description: ok",
        "          content:",
        "            application/json:",
        "              schema:",
        '                $ref: "#/components/schemas/Nope"',
      ),
      want: ['spec.yaml:12:23: $ref "#/components/schemas/Nope" points to nothing'],
    },
    {
      name: "an external $ref",
      given: lines(
        "openapi: 3.0.3",
        "info: {title: T, version: '1'}",
        "paths: {}",
        "components:",
        "  schemas:",
        "    Pet:",
        "      $ref: other.yaml#/Pet",
        "    Owner:",
        "      $ref: https://example.com/owner.json",
      ),
      want: [
        'spec.yaml:7:13: external $ref "other.yaml#/Pet" is not supported (clientsmith never fetches)',
        'spec.yaml:9:13: external $ref "https://example.com/owner.json" is not supported (clientsmith never fetches)',
      ],
    },
    {
      name: "a bad type, a type list in 3.0, required: true and a non-list enum",
      given: lines(
        "openapi: 3.0.3",
        "info: {title: T, version: '1'}",
        "paths: {}",
        "components:",
        "  schemas:",
        "    Pet:",
        "      type: objekt",
        "      properties:",
        "        name:",
        "          type: [string, 'null']",
        "          required: true",
        "        kind:",
        "          enum: dog",
        "        tags:",
        "          type: array",
        "          items: [{type: string}]",
      ),
      want: [
        'spec.yaml:7:13: unknown type "objekt"; expected one of array, boolean, integer, null, number, object, string',
        "spec.yaml:10:17: type must be a single type name in OpenAPI 3.0 (lists of types need OpenAPI 3.1)",
        "spec.yaml:11:21: required must be a list of property names, got the boolean true",
        'spec.yaml:13:17: enum must be a list, got the string "dog"',
        "spec.yaml:16:18: items must be a single schema, not a list",
      ],
    },
    {
      name: "3.1 schemas: type lists, boolean schemas, and an unquoted null type",
      given: lines(
        "openapi: 3.1.0",
        "info: {title: T, version: '1'}",
        "components:",
        "  schemas:",
        "    Pet:",
        "      type: [object, 'null']",
        "      additionalProperties: false",
        "      properties:",
        "        any: true",
        "        gone:",
        "          type: null",
        "        odd:",
        "          type: [string, text]",
      ),
      want: [
        'spec.yaml:11:17: type is empty (YAML null); write type: "null" with quotes for the null type',
        'spec.yaml:13:26: unknown type "text"; expected one of array, boolean, integer, null, number, object, string',
      ],
    },
    {
      name: "x-conventions that is not a mapping",
      given: lines("openapi: 3.1.0", "info: {title: T, version: '1'}", "paths: {}", "x-conventions: [auth]"),
      want: ["spec.yaml:4:16: x-conventions must be a mapping, got a list"],
    },
    {
      name: "a document that is not a mapping",
      given: lines("just a string"),
      want: ['spec.yaml:1:1: a spec must be a mapping with openapi, info and paths, got the string "just a string"'],
    },
    {
      name: "a header parameter whose name is not an HTTP token",
      given: lines(
        "openapi: 3.0.3",
        "info: {title: T, version: '1'}",
        "paths:",
        "  /a:",
        "    get:",
        "      parameters:",
        "        - {name: X-Bad Header, in: header, schema: {type: string}}",
        "        - {name: X-Fine_Header, in: header, schema: {type: string}}",
        "        - {name: not a header, in: query, schema: {type: string}}",
        "      responses: {'204': {description: none}}",
        "components:",
        "  parameters:",
        "    Reseller:",
        "      name: 'Reseller:Id'",
        "      in: header",
        "      schema: {type: string}",
      ),
      want: [
        "spec.yaml:7:18: header parameter \"X-Bad Header\": not a valid HTTP header name (use only letters, digits and !#$%&'*+-.^_`|~)",
        "spec.yaml:14:13: header parameter \"Reseller:Id\": not a valid HTTP header name (use only letters, digits and !#$%&'*+-.^_`|~)",
      ],
    },
    {
      name: "several problems at once, sorted by position",
      given: lines(
        "openapi: 3.0.3",
        "info:",
        "  title: 42",
        "x-conventions: nope",
        "paths:",
        "  /a/{id}:",
        "    post:",
        "      requestBody:",
        "        $ref: '#/components/requestBodies/Missing'",
        "    get:",
        "      operationId: 7",
      ),
      want: [
        "spec.yaml:2:1: info.version is required",
        "spec.yaml:3:10: info.title is a number (42); quote it to keep it a string",
        'spec.yaml:4:16: x-conventions must be a mapping, got the string "nope"',
        'spec.yaml:6:3: path "/a/{id}" has placeholder {id}, but get declares no path parameter "id"',
        'spec.yaml:6:3: path "/a/{id}" has placeholder {id}, but post declares no path parameter "id"',
        "spec.yaml:7:5: operation post /a/{id} has no responses",
        `spec.yaml:9:15: $ref "#/components/requestBodies/Missing" points to nothing`,
        "spec.yaml:10:5: operation get /a/{id} has no responses",
        "spec.yaml:11:20: operationId is a number (7); quote it to keep it a string",
      ],
    },
  ];

  it.each(cases)("$name", ({ given, want }) => {
    expect(problemLines(validate("spec.yaml", given))).toEqual(want);
  });

  it("reports positions in JSON specs too", () => {
    const given = lines(
      "{",
      '  "openapi": "3.0.3",',
      '  "info": {"title": "T", "version": 2},',
      '  "paths": {',
      '    "/pets/{id}": {',
      '      "get": {"responses": {"200": {"$ref": "#/components/responses/None"}}}',
      "    }",
      "  }",
      "}",
    );
    expect(problemLines(validate("spec.json", given))).toEqual([
      'spec.json:3:37: info.version is a number (2); quote it to keep it a string',
      'spec.json:5:5: path "/pets/{id}" has placeholder {id}, but get declares no path parameter "id"',
      'spec.json:6:45: $ref "#/components/responses/None" points to nothing',
    ]);
  });
});

describe("validateSpec accepts what real specs do", () => {
  it("takes path parameters from $refs and from the path item, and each shared problem once", () => {
    const given = lines(
      "openapi: 3.0.3",
      "info: {title: T, version: '1'}",
      "paths:",
      "  /owners/{ownerId}/pets/{petId}:",
      "    parameters:",
      "      - $ref: '#/components/parameters/OwnerId'",
      "      - {name: extra, in: path, required: true}",
      "    get:",
      "      parameters:",
      "        - {name: petId, in: path, required: true}",
      "      responses: {}",
      "    delete:",
      "      parameters:",
      "        - {name: petId, in: path, required: true}",
      "      responses: {}",
      "components:",
      "  parameters:",
      "    OwnerId: {name: ownerId, in: path, required: true, schema: {type: string}}",
    );
    expect(problemLines(validate("spec.yaml", given))).toEqual([
      'spec.yaml:7:9: path parameter "extra" does not appear in the path "/owners/{ownerId}/pets/{petId}"',
    ]);
  });

  it("does not treat $ref inside example data or extensions as references", () => {
    const given = lines(
      "openapi: 3.1.0",
      "info: {title: T, version: '1'}",
      "x-conventions: {anything: {$ref: 'elsewhere.yaml'}}",
      "paths: {}",
      "components:",
      "  schemas:",
      "    Doc:",
      "      type: object",
      "      example: {$ref: '#/not/a/ref'}",
      "      default: {$ref: '#/not/a/ref'}",
      "      properties:",
      "        $ref: {type: string}",
      "        default: {$ref: '#/components/schemas/Doc'}",
      "  examples:",
      "    One:",
      "      value: {$ref: '#/just/data'}",
    );
    expect(problemLines(validate("spec.yaml", given))).toEqual([]);
  });

  it("returns the document for a valid spec (YAML and JSON fixtures)", () => {
    for (const file of ["test/fixtures/specs/minimal.yaml", "test/fixtures/specs/minimal.json"]) {
      const spec = loadSpecFile(file);
      expect(validateSpec(spec)).toBe(spec.document);
    }
  });
});
