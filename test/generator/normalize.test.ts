/**
 * Normalize: what a schema or operation in the spec becomes, first as IR, then as the
 * TypeScript text the package will contain. Schemas are written as YAML, the way users write
 * them, and pass through the loader and validator first, so YAML's own typing is in play too.
 */
import { describe, expect, it } from "vitest";
import { Project, ts } from "ts-morph";
import { emptyFacts } from "../../generator/conventions/convention.js";
import type { IRDocument, IRType } from "../../generator/ir.js";
import { loadSpecText } from "../../generator/load/load-spec.js";
import { normalize } from "../../generator/normalize/normalize.js";
import { SchemaNormalizer } from "../../generator/normalize/schema.js";
import { typeName } from "../../generator/plan/names.js";
import { plan } from "../../generator/plan/plan.js";
import type { MethodView } from "../../generator/plan/view-model.js";
import { type TypeContext, tsObject, tsType } from "../../generator/plan/type-expr.js";
import { generatePackage } from "../../generator/pipeline.js";
import { validateSpec } from "../../generator/validate/validate-spec.js";
import { lines } from "../load/problem-lines.js";
import { prop } from "../helpers/ir.js";

const ctx: TypeContext = { schemaName: (name) => typeName(name, "Schema") };

/** The text a model gets: an interface body for objects, the aliased type otherwise (as plan does). */
function emitted(type: IRType): string {
  return type.kind === "object" ? tsObject(type.properties, type.additional, ctx) : tsType(type, ctx);
}

const indent = (text: string, by: string): string => text.replace(/^/gm, by);

/** A valid document whose `components.schemas.S` is the given YAML; also holds `Pet`. */
function documentWith(schemaYaml: string, openapi: "3.0.3" | "3.1.0"): IRDocument {
  const text = lines(
    `openapi: ${openapi}`,
    "info: {title: T, version: '1'}",
    "paths: {}",
    "components:",
    "  schemas:",
    "    Pet: {type: object, required: [name], properties: {name: {type: string}}}",
    "    S:",
    indent(schemaYaml, "      "),
  );
  const spec = loadSpecText("spec.yaml", text);
  validateSpec(spec);
  return normalize(spec);
}

function schemaS(schemaYaml: string, openapi: "3.0.3" | "3.1.0" = "3.1.0"): IRType {
  const schema = documentWith(schemaYaml, openapi).schemas.find((s) => s.name === "S");
  if (schema === undefined) throw new Error("no schema S");
  return schema.type;
}

const STRING: IRType = { kind: "primitive", type: "string" };
const NUMBER: IRType = { kind: "primitive", type: "number" };
const INTEGER: IRType = { kind: "primitive", type: "integer" };
const BOOLEAN: IRType = { kind: "primitive", type: "boolean" };
const NULL: IRType = { kind: "primitive", type: "null" };
const UNKNOWN: IRType = { kind: "primitive", type: "unknown" };
const PET: IRType = { kind: "ref", schema: "Pet" };

describe("schema → IR → TypeScript", () => {
  const cases: { name: string; openapi?: "3.0.3" | "3.1.0"; given: string; ir?: IRType; want: string }[] = [
    { name: "$ref to a component", given: '$ref: "#/components/schemas/Pet"', ir: PET, want: "Pet" },
    {
      name: "allOf → intersection",
      given: lines("allOf:", '  - $ref: "#/components/schemas/Pet"', "  - {type: object, required: [id], properties: {id: {type: integer}}}"),
      ir: { kind: "intersection", members: [PET, { kind: "object", properties: [prop("id", INTEGER, true)], additional: undefined }] },
      want: "Pet & {\nid: number;\n}",
    },
    {
      name: "allOf with a single $ref is just that ref",
      given: lines("allOf:", '  - $ref: "#/components/schemas/Pet"'),
      ir: PET,
      want: "Pet",
    },
    {
      name: "oneOf → union",
      given: lines("oneOf:", '  - $ref: "#/components/schemas/Pet"', "  - {type: string}"),
      ir: { kind: "union", members: [PET, STRING] },
      want: "Pet | string",
    },
    {
      name: "anyOf → union",
      given: lines("anyOf:", "  - {type: number}", "  - {type: boolean}"),
      ir: { kind: "union", members: [NUMBER, BOOLEAN] },
      want: "number | boolean",
    },
    {
      name: "a union member that is an intersection keeps its parentheses",
      given: lines("oneOf:", "  - {type: string}", "  - allOf: [{$ref: '#/components/schemas/Pet'}, {type: object, properties: {x: {type: string}}}]"),
      want: "string | (Pet & {\nx?: string;\n})",
    },
    {
      name: "string enum with quotes, backslashes and apostrophes",
      given: lines("type: string", "enum:", "  - 'say \"hi\"'", "  - 'C:\\dir\\'", "  - \"it's\""),
      ir: { kind: "literal", values: ['say "hi"', "C:\\dir\\", "it's"] },
      want: '"say \\"hi\\"" | "C:\\\\dir\\\\" | "it\'s"',
    },
    {
      name: "an enum member that would end a line or a comment stays inside its literal",
      given: lines("type: string", "enum:", '  - "a\\nb"', '  - "*/ x"', '  - "\\u2028"'),
      want: '"a\\nb" | "*/ x" | "\\u2028"',
    },
    { name: "number enum", given: "enum: [1, 2.5, -3, 0]", ir: { kind: "literal", values: [1, 2.5, -3, 0] }, want: "1 | 2.5 | -3 | 0" },
    {
      name: "numeric-looking strings stay string literals",
      given: lines("type: string", 'enum: ["10", "010", "1e3", "true", "null"]'),
      ir: { kind: "literal", values: ["10", "010", "1e3", "true", "null"] },
      want: '"10" | "010" | "1e3" | "true" | "null"',
    },
    {
      name: "integers beyond 2^53 in an enum become number, not a wrong literal",
      given: lines("type: integer", "enum: [1, 9007199254740993]"),
      want: "1 | number",
    },
    { name: "integer const beyond 2^53", given: "const: 18446744073709551615", want: "number" },
    { name: "2^53 - 1 is still exact", given: "enum: [9007199254740991]", want: "9007199254740991" },
    { name: "boolean enum", given: "enum: [true, false]", want: "true | false" },
    { name: "3.0 nullable string", openapi: "3.0.3", given: "{type: string, nullable: true}", ir: { kind: "union", members: [STRING, NULL] }, want: "string | null" },
    {
      name: "3.0 nullable enum",
      openapi: "3.0.3",
      given: "{type: string, enum: [a, b], nullable: true}",
      ir: { kind: "union", members: [{ kind: "literal", values: ["a", "b"] }, NULL] },
      want: '"a" | "b" | null',
    },
    {
      name: "3.0 nullable allOf-wrapped $ref",
      openapi: "3.0.3",
      given: lines("nullable: true", "allOf:", '  - $ref: "#/components/schemas/Pet"'),
      ir: { kind: "union", members: [PET, NULL] },
      want: "Pet | null",
    },
    {
      name: "3.0 nullable: false changes nothing",
      openapi: "3.0.3",
      given: "{type: integer, nullable: false}",
      ir: INTEGER,
      want: "number",
    },
    { name: '3.1 type array [string, "null"]', given: 'type: [string, "null"]', ir: { kind: "union", members: [STRING, NULL] }, want: "string | null" },
    { name: "3.1 type array [integer, string]", given: "type: [integer, string]", want: "number | string" },
    {
      name: '3.1 oneOf with {type: "null"}',
      given: lines("oneOf:", '  - $ref: "#/components/schemas/Pet"', '  - type: "null"'),
      want: "Pet | null",
    },
    {
      name: "3.1 nullable enum lists null among its values",
      given: lines('type: [string, "null"]', "enum: [a, null]"),
      ir: { kind: "literal", values: ["a", null] },
      want: '"a" | null',
    },
    { name: "string const", given: "const: active", ir: { kind: "literal", values: ["active"] }, want: '"active"' },
    { name: "numeric const", given: "const: 3", want: "3" },
    { name: "null const", given: "const: null", want: "null" },
    {
      name: "additionalProperties: schema → typed index signature",
      given: "{type: object, additionalProperties: {type: integer}}",
      ir: { kind: "object", properties: [], additional: INTEGER },
      want: "{\n[key: string]: number;\n}",
    },
    {
      name: "additionalProperties: $ref",
      given: "{type: object, additionalProperties: {$ref: '#/components/schemas/Pet'}}",
      want: "{\n[key: string]: Pet;\n}",
    },
    { name: "additionalProperties: true", given: "{type: object, additionalProperties: true}", want: "{\n[key: string]: unknown;\n}" },
    { name: "type: object alone is an open map", given: "type: object", ir: { kind: "object", properties: [], additional: UNKNOWN }, want: "{\n[key: string]: unknown;\n}" },
    {
      name: "additionalProperties: false with properties is closed",
      given: "{type: object, additionalProperties: false, properties: {a: {type: string}}}",
      ir: { kind: "object", properties: [prop("a", STRING)], additional: undefined },
      want: "{\na?: string;\n}",
    },
    {
      name: "properties plus an additionalProperties schema stay open (the index admits every property)",
      given: "{type: object, required: [id], properties: {id: {type: integer}}, additionalProperties: {type: string}}",
      ir: { kind: "object", properties: [prop("id", INTEGER, true)], additional: STRING },
      want: "{\nid: number;\n[key: string]: unknown;\n}",
    },
    {
      name: "inline nested objects, with keys that are not identifiers",
      given: lines(
        "type: object",
        "required: [outer]",
        "properties:",
        "  outer:",
        "    type: object",
        "    properties:",
        '      "content-type": {type: string}',
        "      \"a b\": {type: boolean}",
        "      class: {type: number}",
      ),
      want: '{\nouter: {\n"content-type"?: string;\n"a b"?: boolean;\nclass?: number;\n};\n}',
    },
    {
      name: "properties without type: object are still an object",
      given: "properties: {a: {type: string}}",
      want: "{\na?: string;\n}",
    },
    {
      name: "array of a union",
      given: "{type: array, items: {oneOf: [{type: string}, {type: integer}]}}",
      ir: { kind: "array", items: { kind: "union", members: [STRING, INTEGER] } },
      want: "(string | number)[]",
    },
    { name: "array of an enum", given: "{type: array, items: {enum: [a, b]}}", want: '("a" | "b")[]' },
    { name: "array of a nullable ref (3.1)", given: "{type: array, items: {oneOf: [{$ref: '#/components/schemas/Pet'}, {type: 'null'}]}}", want: "(Pet | null)[]" },
    { name: "array of arrays of a union", given: "{type: array, items: {type: array, items: {type: [string, 'null']}}}", want: "(string | null)[][]" },
    { name: "array without items", given: "type: array", want: "unknown[]" },
    { name: "format: binary → Blob", given: "{type: string, format: binary}", ir: { kind: "primitive", type: "binary" }, want: "Blob" },
    { name: "array of binaries", given: "{type: array, items: {type: string, format: binary}}", want: "Blob[]" },
    { name: "other string formats stay string", given: "{type: string, format: date-time}", want: "string" },
    { name: "int64 is a number", given: "{type: integer, format: int64}", want: "number" },
    { name: "an empty schema is unknown", given: "{}", ir: UNKNOWN, want: "unknown" },
    { name: "a union with an unknown member is unknown", given: "oneOf: [{type: string}, {}]", want: "unknown" },
  ];
  it.each(cases)("$name", ({ given, openapi, ir, want }) => {
    const type = schemaS(given, openapi);
    if (ir !== undefined) expect(type).toEqual(ir);
    expect(emitted(type)).toBe(want);
  });
});

describe("recursive schemas", () => {
  it("a component that refers to itself stays a reference (no expansion, no loop)", () => {
    const type = schemaS(
      lines(
        "type: object",
        "required: [name, children]",
        "properties:",
        "  name: {type: string}",
        "  children: {type: array, items: {$ref: '#/components/schemas/S'}}",
      ),
    );
    expect(emitted(type)).toBe("{\nname: string;\nchildren: S[];\n}");
  });

  it("a cycle through a non-component $ref ends in unknown instead of recursing forever", () => {
    const document = {
      components: { schemas: { Box: { type: "object", properties: { inner: { $ref: "#/components/schemas/Box/properties/inner" } } } } },
    };
    const normalizer = new SchemaNormalizer(document);
    expect(normalizer.toType({ $ref: "#/components/schemas/Box/properties/inner" })).toEqual(UNKNOWN);
  });

  it("a non-component $ref is inlined", () => {
    const document = { components: { schemas: { Pet: { type: "object", properties: { tag: { type: "string", enum: ["a"] } } } } } };
    const type = new SchemaNormalizer(document).toType({ $ref: "#/components/schemas/Pet/properties/tag" });
    expect(tsType(type, ctx)).toBe('"a"');
  });

  it("a tree node whose children are itself generates and type-checks", async () => {
    const pkg = await generatePackage(new URL("../fixtures/specs/recursive.yaml", import.meta.url).pathname);
    const models = pkg.files.find((f) => f.path === "src/models.ts")?.content ?? "";
    expect(models).toContain("export interface TreeNode {");
    expect(models).toContain("children: TreeNode[];");
    expect(models).toContain("parent?: TreeNode | null;");
    expect(models).toMatch(/export type JsonValue =\s+\| string\s+\| number\s+\| boolean\s+\| null\s+\| JsonValue\[\]\s+\| \{\s+\[key: string\]: JsonValue;\s+\};/);
    expect(pkg.files.find((f) => f.path === "dist/models.d.ts")?.content).toContain("children: TreeNode[];");

    const project = new Project({
      useInMemoryFileSystem: true,
      compilerOptions: {
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
        noEmit: true,
      },
    });
    for (const f of pkg.files) if (f.path.startsWith("src/") && f.path.endsWith(".ts")) project.createSourceFile(`/pkg/${f.path}`, f.content);
    project.createSourceFile(
      "/pkg/use.ts",
      lines(
        'import { Recursive, type JsonValue, type TreeNode } from "./src/index.js";',
        'const tree: TreeNode = { name: "root", parent: null, children: [{ name: "leaf", children: [] }] };',
        "export const deepest: string | undefined = tree.children[0]?.children[0]?.name;",
        "export async function fetchTree(client: Recursive): Promise<string[]> {",
        '  const node = await client.nodes.get("n1");',
        "  return node.children.flatMap((c) => c.children.map((g) => g.name));",
        "}",
        "// @ts-expect-error children must be nodes",
        'export const bad: TreeNode = { name: "x", children: [1] };',
        'export const json: JsonValue = { a: [1, "x", null, { b: true }], c: { d: [[]] } };',
        "// @ts-expect-error a function is not JSON",
        "export const notJson: JsonValue = { f: () => 1 };",
      ),
    );
    const diagnostics = project.getPreEmitDiagnostics();
    expect(project.formatDiagnosticsWithColorAndContext(diagnostics)).toBe("");
  });
});

/** Plans a tiny document and returns its only resource's methods, by name. */
function methodsOf(...text: string[]): Record<string, MethodView> {
  return plannedOf(...text).methods;
}

/** The planned methods by `resource.method`, and each params type as declared (`interface X extends Pet {}`, `type X = …`) by name. */
function plannedOf(...text: string[]): { methods: Record<string, MethodView>; paramsTypes: Record<string, string> } {
  const spec = loadSpecText("spec.yaml", lines(...text));
  validateSpec(spec);
  const ir = normalize(spec);
  const view = plan({ ir, facts: emptyFacts(), specName: "spec.yaml", stem: "spec" });
  const types = view.resources.flatMap((r) => r.paramsTypes);
  return {
    methods: Object.fromEntries(view.resources.flatMap((r) => r.methods.map((m) => [`${r.property}.${m.name}`, m]))),
    paramsTypes: Object.fromEntries(types.map((t) => [t.name, t.isInterface ? `interface ${t.name} extends ${t.heritage?.text ?? ""} ${t.body.text}` : `type ${t.name} = ${t.body.text}`])),
  };
}

const HEAD = ["openapi: 3.1.0", "info: {title: T, version: '1'}", "servers: [{url: 'https://api.example.com'}]"];

describe("operations: parameters", () => {
  const spec = [
    ...HEAD,
    "paths:",
    "  /pets/{petId}/toys:",
    "    parameters:",
    "      - $ref: '#/components/parameters/PetId'",
    "      - {name: limit, in: query, description: path-level, schema: {type: integer}}",
    "      - {name: x-trace, in: header, schema: {type: string}}",
    "    get:",
    "      operationId: Pets_ListToys",
    "      parameters:",
    "        - {name: limit, in: query, required: true, description: operation-level, schema: {type: string}}",
    "        - {name: limit, in: header, schema: {type: boolean}}",
    "      responses: {'200': {description: ok}}",
    "    post:",
    "      operationId: Pets_AddToy",
    "      responses: {'204': {description: ok}}",
    "components:",
    "  parameters:",
    "    PetId: {name: petId, in: path, required: true, schema: {type: string}}",
  ];
  const ir = () => {
    const loaded = loadSpecText("spec.yaml", lines(...spec));
    validateSpec(loaded);
    return normalize(loaded);
  };

  it("operation-level parameters override path-level ones with the same name and location", () => {
    const list = ir().operations.find((o) => o.operationId === "Pets_ListToys");
    const summary = list?.parameters.map((p) => `${p.in}:${p.name}:${p.required}:${p.description ?? ""}:${emitted(p.type)}`);
    expect(summary).toEqual([
      "path:petId:true::string",
      "query:limit:true:operation-level:string",
      "header:x-trace:false::string",
      "header:limit:false::boolean",
    ]);
  });

  it("path-level parameters reach every operation of the path, $ref'd ones resolved", () => {
    const add = ir().operations.find((o) => o.operationId === "Pets_AddToy");
    expect(add?.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(["path:petId", "query:limit", "header:x-trace"]);
  });

  it("the method signature: path parameter, then a params object required because of the override", () => {
    const methods = methodsOf(...spec);
    expect(methods["pets.listToys"]?.parameters.text).toBe("petId: string, params: PetsListToysParams, options?: RequestOptions");
    expect(methods["pets.addToy"]?.parameters.text).toBe("petId: string, params?: PetsAddToyParams, options?: RequestOptions");
  });
});

describe("operations: $ref'd request bodies and responses, result types, media types", () => {
  const { methods, paramsTypes } = plannedOf(
    ...HEAD,
    "paths:",
    "  /pets:",
    "    post:",
    "      operationId: Pets_Create",
    "      requestBody: {$ref: '#/components/requestBodies/NewPet'}",
    "      responses:",
    "        '200': {$ref: '#/components/responses/PetResponse'}",
    "        '201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Created'}}}}",
    "        '202': {description: queued, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}",
    "        '400': {description: bad, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}",
    "        default: {description: error, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}",
    "  /pets/search:",
    "    post:",
    "      operationId: Pets_Search",
    "      requestBody:",
    "        content:",
    "          application/x-www-form-urlencoded: {schema: {type: object, properties: {q: {type: string}}}}",
    "          application/json: {schema: {$ref: '#/components/schemas/Query'}}",
    "      responses: {'200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}}}",
    "  /pets/form:",
    "    post:",
    "      operationId: Pets_Form",
    "      requestBody:",
    "        required: true",
    "        content:",
    "          application/x-www-form-urlencoded: {schema: {type: object, required: [name], properties: {name: {type: string}}}}",
    "      responses: {'204': {description: done}}",
    "  /pets/patch:",
    "    patch:",
    "      operationId: Pets_Patch",
    "      requestBody:",
    "        required: true",
    "        content:",
    "          text/plain: {schema: {type: string}}",
    "          application/merge-patch+json: {schema: {$ref: '#/components/schemas/Pet'}}",
    "      responses: {'200': {description: ok, content: {text/plain: {schema: {type: string}}}}}",
    "  /pets/{id}:",
    "    put:",
    "      operationId: Pets_Replace",
    "      parameters: [{name: id, in: path, required: true, schema: {type: string}}]",
    "      responses:",
    "        '200': {description: replaced, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}",
    "        '204': {description: nothing changed}",
    "components:",
    "  schemas:",
    "    Pet: {type: object, properties: {name: {type: string}}}",
    "    Created: {type: object, properties: {id: {type: string}}}",
    "    Problem: {type: object, properties: {detail: {type: string}}}",
    "    Query: {type: object, properties: {q: {type: string}}}",
    "  requestBodies:",
    "    NewPet: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}",
    "  responses:",
    "    PetResponse: {description: the pet, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}",
  );

  it("a $ref'd request body's fields are the params (optional: Pet requires none)", () => {
    expect(methods["pets.create"]?.parameters.text).toBe("params?: PetsCreateParams, options?: RequestOptions");
    expect(paramsTypes["PetsCreateParams"]).toBe("interface PetsCreateParams extends Pet {}");
  });

  it("several 2xx responses ($ref'd ones included) → a union result; error responses are not part of it", () => {
    expect(methods["pets.create"]?.returns.text).toBe("APIPromise<Pet | Created>");
  });

  it("a 2xx without content beside one with content makes the result possibly undefined", () => {
    expect(methods["pets.replace"]?.returns.text).toBe("APIPromise<Pet | undefined>");
  });

  it("JSON is preferred over form when both are offered", () => {
    expect(methods["pets.search"]?.parameters.text).toBe("params?: PetsSearchParams, options?: RequestOptions");
    expect(paramsTypes["PetsSearchParams"]).toBe("interface PetsSearchParams extends Query {}");
    expect(methods["pets.search"]?.descriptor.text).toContain('body: "json"');
    expect(methods["pets.search"]?.returns.text).toBe("APIPromise<Pet[]>");
  });

  it('form-urlencoded alone → body: "form"', () => {
    expect(methods["pets.form"]?.descriptor.text).toContain('body: "form"');
    expect(methods["pets.form"]?.parameters.text).toBe("params: PetsFormParams, options?: RequestOptions");
    expect(paramsTypes["PetsFormParams"]).toBe("type PetsFormParams = {\nname: string;\n}");
    expect(methods["pets.form"]?.returns.text).toBe("APIPromise<void>");
    expect(methods["pets.form"]?.descriptor.text).toContain('response: "none"');
  });

  it("a +json media type counts as JSON, over text/plain listed first; a text response is read as text", () => {
    expect(methods["pets.patch"]?.parameters.text).toBe("params?: PetsPatchParams, options?: RequestOptions");
    expect(paramsTypes["PetsPatchParams"]).toBe("interface PetsPatchParams extends Pet {}");
    expect(methods["pets.patch"]?.descriptor.text).toContain('body: "json"');
    expect(methods["pets.patch"]?.descriptor.text).toContain('response: "text"');
    expect(methods["pets.patch"]?.returns.text).toBe("APIPromise<string>");
  });
});

describe("request bodies on GET and HEAD", () => {
  it("are dropped: fetch cannot send them, and documents like Stripe's declare empty ones", () => {
    const text = [
      'openapi: "3.0.3"',
      "info: { title: T, version: '1' }",
      "paths:",
      "  /things:",
      "    get:",
      "      requestBody: { content: { application/x-www-form-urlencoded: { schema: { type: object } } } }",
      "      responses: { '200': { description: ok } }",
      "    post:",
      "      requestBody: { content: { application/x-www-form-urlencoded: { schema: { type: object } } } }",
      "      responses: { '200': { description: ok } }",
    ].join("\n");
    const ir = normalize(loadSpecText("spec.yaml", text));
    expect(ir.operations.map((op) => [op.method, op.body?.mediaType])).toEqual([
      ["get", undefined],
      ["post", "application/x-www-form-urlencoded"],
    ]);
  });
});
