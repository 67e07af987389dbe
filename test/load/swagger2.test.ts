import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec, loadSpecFile } from "../../generator/load/load-spec.js";
import { convertSwagger2 } from "../../generator/load/swagger2.js";
import { originalPointer } from "../../generator/load/swagger2-pointers.js";
import { SpecError } from "../../generator/spec-error.js";
import { validateSpec } from "../../generator/validate/validate-spec.js";
import { realSpec } from "../fixtures/real-specs/real-specs.mjs";
import { REPO_ROOT, execNode, generateWithCli, linkPackages, readPackage, runTsc, strictProject } from "../helpers/packages.js";
import { startServer, sendJson, type TestServer } from "../helpers/server.js";
import { lines } from "./problem-lines.js";

const PET_SHOP = join(REPO_ROOT, "test/fixtures/specs/swagger2/pet-shop.yaml");

/** Writes `text` as a spec file in a fresh directory; returns its path. */
function specFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "clientsmith-swagger2-")), name);
  writeFileSync(file, text);
  return file;
}

/** The problems of loading (with conversion) and validating `file`, as `file:line:col: message` lines. */
async function problems(file: string): Promise<string[]> {
  try {
    validateSpec(await loadSpec(file));
    return [];
  } catch (error) {
    if (error instanceof SpecError) return error.message.split("\n");
    throw error;
  }
}

describe("a Swagger 2.0 document is converted and generates a package", () => {
  const out = join(mkdtempSync(join(tmpdir(), "clientsmith-swagger2-")), "pet-shop");
  let server: TestServer;

  beforeAll(async () => {
    const result = await generateWithCli(PET_SHOP, out);
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    server = await startServer((request, response) => {
      if (request.path === "/v1/pets/p1/photos") sendJson(response, 200, { id: "ph1", caption: "in the garden" });
      else sendJson(response, 201, { id: "p9", name: "Rex", kind: "dog" });
    });
  }, 60_000);
  afterAll(() => server.close());

  it("whose methods and models type-check strict, as a consumer uses them", async () => {
    const project = mkdtempSync(join(tmpdir(), "clientsmith-swagger2-consumer-"));
    linkPackages(project, [readPackage(out)]);
    writeFileSync(
      join(project, "consumer.ts"),
      lines(
        'import { PetShop, type Pet, type PetPage } from "pet-shop-client";',
        'const shop = new PetShop({ apiKey: "k" });',
        "export async function use(): Promise<[Pet, PetPage]> {",
        '  return [await shop.pets.create({ name: "Rex", kind: "dog" }), await shop.pets.list({ limit: 10, cursor: "c1" })];',
        "}",
        'export const photo = shop.photos.add("p1", { caption: "x", tags: ["a"], public: true });',
        "export const next: string | null | undefined = ({} as PetPage).next_cursor;",
        "// @ts-expect-error kind is one of the definition's enum",
        'shop.pets.create({ name: "Rex", kind: "fish" });',
        "// @ts-expect-error caption is a required form field",
        'shop.photos.add("p1", { tags: [] });',
      ),
    );
    const result = await runTsc(strictProject(project, { files: ["consumer.ts"] }));
    expect(result.diagnostics).toEqual([]);
  }, 60_000);

  it("whose form operation sends a form-encoded body and whose body operation sends JSON", async () => {
    const mod = (await import(pathToFileURL(join(out, "dist/index.js")).href)) as {
      PetShop: new (options: object) => {
        photos: { add: (petId: string, body: object) => Promise<unknown> };
        pets: { create: (body: object) => Promise<unknown> };
      };
    };
    const shop = new mod.PetShop({ apiKey: "k", baseUrl: `${server.url}/v1`, maxRetries: 0 });
    await expect(shop.photos.add("p1", { caption: "in the garden", tags: ["a", "b"] })).resolves.toEqual({ id: "ph1", caption: "in the garden" });
    await expect(shop.pets.create({ name: "Rex", kind: "dog" })).resolves.toEqual({ id: "p9", name: "Rex", kind: "dog" });
    const [form, json] = server.requests;
    expect(form?.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(new URLSearchParams(form?.body).get("caption")).toBe("in the garden");
    expect(form?.headers["x-api-key"]).toBe("k");
    expect(form?.headers["x-shop-version"]).toBe("2024-01-01");
    expect(json?.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(json?.body ?? "")).toEqual({ name: "Rex", kind: "dog" });
  });
});

describe("problems in a Swagger 2.0 document are reported at their place in the original file", () => {
  /** A Swagger 2.0 document around the given `paths`, `definitions` and `parameters` lines (each indented by two). */
  const swagger = (paths: string[], definitions: string[] = [], parameters: string[] = []): string =>
    lines(
      'swagger: "2.0"',
      "info: {title: T, version: '1'}",
      "host: api.example.com",
      "paths:",
      ...paths.map((line) => `  ${line}`),
      ...(definitions.length > 0 ? ["definitions:", ...definitions.map((line) => `  ${line}`)] : []),
      ...(parameters.length > 0 ? ["parameters:", ...parameters.map((line) => `  ${line}`)] : []),
    );
  const ok = "responses: {'200': {description: ok}}";

  const cases: { name: string; given: string; want: string[] }[] = [
    {
      name: "a definition's unknown type (components/schemas ↔ definitions)",
      given: swagger(["/a:", "  get:", "    " + ok], ["Pet:", "  type: object", "  properties:", "    age: {type: int}"]),
      want: ['spec.yaml:12:19: unknown type "int"; expected one of array, boolean, integer, null, number, object, string'],
    },
    {
      name: "a body parameter's schema (requestBody ↔ the in: body parameter)",
      given: swagger(["/a:", "  post:", "    parameters:", "      - {name: q, in: query, type: string}", "      - {name: pet, in: body, schema: {type: objekt}}", "    " + ok]),
      want: ['spec.yaml:9:48: unknown type "objekt"; expected one of array, boolean, integer, null, number, object, string'],
    },
    {
      name: "a form field (a requestBody property ↔ its in: formData parameter)",
      given: swagger([
        "/a:",
        "  post:",
        "    consumes: [application/x-www-form-urlencoded]",
        "    parameters:",
        "      - {name: first, in: formData, type: string}",
        "      - {name: second, in: formData, type: array, items: {type: strin}}",
        "    " + ok,
      ]),
      want: ['spec.yaml:10:67: unknown type "strin"; expected one of array, boolean, integer, null, number, object, string'],
    },
    {
      name: "a header parameter after a body parameter (indexes that the conversion shifts)",
      given: swagger([
        "/a:",
        "  post:",
        "    parameters:",
        "      - {name: pet, in: body, schema: {type: object}}",
        "      - {name: X-Bad Header, in: header, type: string}",
        "    " + ok,
      ]),
      want: ["spec.yaml:9:18: header parameter \"X-Bad Header\": not a valid HTTP header name (use only letters, digits and !#$%&'*+-.^_`|~)"],
    },
    {
      name: "a response schema (content/<type>/schema ↔ schema)",
      given: swagger(["/a:", "  get:", "    produces: [application/json]", "    responses:", "      '200': {description: ok, schema: {type: object, properties: {n: {type: numbr}}}}"]),
      want: ['spec.yaml:9:80: unknown type "numbr"; expected one of array, boolean, integer, null, number, object, string'],
    },
    {
      name: "a shared parameter (components/parameters ↔ parameters)",
      given: swagger(["/a:", "  get:", "    parameters: [{$ref: '#/parameters/Mode'}]", "    " + ok], [], ["Mode: {name: 'Mode:Fast', in: header, type: string}"]),
      want: ["spec.yaml:10:16: header parameter \"Mode:Fast\": not a valid HTTP header name (use only letters, digits and !#$%&'*+-.^_`|~)"],
    },
    {
      name: "a $ref to a definition that does not exist, named as written",
      given: swagger(["/a:", "  get:", "    responses:", "      '200': {description: ok, schema: {$ref: '#/definitions/Missing'}}"]),
      want: ['spec.yaml:8:49: $ref "#/definitions/Missing" points to nothing'],
    },
    {
      name: "what the converter cannot convert, at the parameter",
      given: swagger([
        "/a:",
        "  get:",
        "    parameters:",
        "      - name: X-Modes",
        "        in: header",
        "        type: array",
        "        items: {type: string}",
        "        collectionFormat: tsv",
        "    " + ok,
      ]),
      want: ["spec.yaml:8:11: cannot convert from Swagger 2.0: collectionFormat:tsv is no longer supported"],
    },
    {
      name: "what stops the converter altogether, at the swagger key",
      given: swagger(
        ["/a:", "  get:", "    parameters: [{$ref: '#/parameters/a b'}, {$ref: '#/parameters/a_b'}]", "    " + ok],
        [],
        ["a b: {name: q, in: query, type: string}", "a_b: {name: r, in: query, type: string}"],
      ),
      want: ["spec.yaml:1:1: cannot convert from Swagger 2.0: Duplicate sanitised parameter name a_b"],
    },
    {
      name: "a $ref cycle among definitions",
      given: swagger(["/a:", "  get:", "    " + ok], ["A: {$ref: '#/definitions/B'}", "B: {$ref: '#/definitions/A'}"]),
      want: [
        "spec.yaml:9:13: $ref cycle A → B → A: a schema cannot be made only of itself (through $ref, allOf, oneOf or anyOf); refer back through a property or array items instead",
      ],
    },
  ];

  it.each(cases)("$name", async ({ given, want }) => {
    const file = specFile("spec.yaml", given);
    expect((await problems(file)).map((line) => line.replace(file, "spec.yaml"))).toEqual(want);
  });

  it("in JSON documents too", async () => {
    const file = specFile(
      "spec.json",
      lines(
        "{",
        '  "swagger": "2.0",',
        '  "info": {"title": "T", "version": "1"},',
        '  "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}}}}}},',
        '  "definitions": {',
        '    "Pet": {"type": "object", "properties": {"tags": {"type": "array", "items": {"type": "strng"}}}}',
        "  }",
        "}",
      ),
    );
    expect((await problems(file)).map((line) => line.replace(file, "spec.json"))).toEqual([
      'spec.json:6:90: unknown type "strng"; expected one of array, boolean, integer, null, number, object, string',
    ]);
  });

  it("the CLI stops with exit 2, names the original file:line:col and writes nothing", async () => {
    const file = specFile("broken.yaml", swagger(["/a:", "  get:", "    " + ok], ["Pet: {type: object, properties: {age: {type: int}}}"]));
    const out = join(mkdtempSync(join(tmpdir(), "clientsmith-swagger2-")), "out");
    const result = await generateWithCli(file, out);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${file}:9:48: unknown type "int"`);
    expect(existsSync(out)).toBe(false);
  }, 30_000);
});

describe("a place in the converted document maps back to the original", () => {
  const original = {
    swagger: "2.0",
    host: "api.example.com",
    paths: {
      "/a": {
        parameters: [{ name: "form", in: "formData", type: "string" }],
        post: { parameters: [{ $ref: "#/parameters/Body" }, { name: "q", in: "query", type: "string" }] },
      },
    },
    parameters: { Body: { name: "body", in: "body", schema: { type: "object" } } },
    definitions: { "Pet[]": { type: "array" }, "a/b": { type: "object" } },
  };
  const cases: { given: (string | number)[]; want: (string | number)[] }[] = [
    { given: ["openapi"], want: ["swagger"] },
    { given: ["servers", 0, "url"], want: ["host"] },
    { given: ["components", "schemas", "PetArray", "type"], want: ["definitions", "Pet[]", "type"] },
    { given: ["components", "schemas", "a_b"], want: ["definitions", "a/b"] },
    { given: ["components", "responses", "Gone", "headers", "X-Rate", "schema", "type"], want: ["responses", "Gone", "headers", "X-Rate", "type"] },
    { given: ["paths", "/a", "post", "parameters", 0, "schema", "type"], want: ["paths", "/a", "post", "parameters", 1, "type"] },
    { given: ["paths", "/a", "post", "requestBody", "content", "application/json", "schema", "type"], want: ["paths", "/a", "post", "parameters", 0, "schema", "type"] },
    { given: ["paths", "/a", "post", "responses", "200", "content", "application/json", "schema"], want: ["paths", "/a", "post", "responses", "200", "schema"] },
    { given: ["x-conventions", "auth", "header"], want: ["x-conventions", "auth", "header"] },
  ];

  it.each(cases)("$given", ({ given, want }) => {
    expect(originalPointer(given, original)).toEqual(want);
  });
});

describe("the conversion", () => {
  it("keeps x-conventions exactly as written and leaves the loaded original untouched", async () => {
    const original = loadSpecFile(PET_SHOP);
    const before = structuredClone(original.document);
    const withNull = { ...(original.document as Record<string, unknown>) };
    withNull["x-conventions"] = { client: { name: "PetShop", note: null, items: [{ $ref: "#/definitions/Pet" }] } };
    const converted = await convertSwagger2({ ...original, document: withNull });
    expect(original.document).toEqual(before);
    expect((converted.document as Record<string, unknown>)["x-conventions"]).toEqual(withNull["x-conventions"]);
    expect((converted.document as Record<string, unknown>)["openapi"]).toBe("3.0.0");
  });

  it.each([
    { given: "items: [A, B] and no type", schema: { items: [{ $ref: "#/definitions/A" }, { type: "string" }] }, want: { anyOf: [{ $ref: "#/components/schemas/A" }, { type: "string" }] } },
    { given: "items: [A, B] with type: array", schema: { type: "array", items: [{ $ref: "#/definitions/A" }, { type: "string" }] }, want: { type: "array", items: { anyOf: [{ $ref: "#/components/schemas/A" }, { type: "string" }] } } },
    { given: "items: A and no type", schema: { items: { $ref: "#/definitions/A" } }, want: { items: { $ref: "#/components/schemas/A" } } },
    { given: "an example holding an items list", schema: { type: "object", example: { items: [1, 2] } }, want: { type: "object", example: { items: [1, 2] } } },
  ])("reads a schema with $given as Swagger 2.0 alternatives are written", async ({ schema, want }) => {
    const document = { swagger: "2.0", info: { title: "T", version: "1" }, paths: {}, definitions: { A: { type: "object" }, B: schema } };
    const converted = await convertSwagger2({ file: "spec.yaml", document, locate: () => ({ line: 1, column: 1 }) });
    expect((converted.document as { components: { schemas: Record<string, unknown> } }).components.schemas["B"]).toEqual(want);
    expect(document.definitions.B).toEqual(schema); // the loaded original is left alone
  });

  it("fetches nothing: an external $ref is refused where it is written", async () => {
    const server = await startServer((_, response) => sendJson(response, 200, { type: "object" }));
    try {
      const file = specFile(
        "spec.yaml",
        lines('swagger: "2.0"', "info: {title: T, version: '1'}", "paths:", "  /a:", "    get:", "      responses:", `        '200': {description: ok, schema: {$ref: '${server.url}/pet.json'}}`),
      );
      expect((await problems(file)).map((line) => line.replace(file, "spec.yaml"))).toEqual([
        `spec.yaml:7:49: external $ref "${server.url}/pet.json" is not supported (clientsmith never fetches)`,
      ]);
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("is loaded only for Swagger 2.0 input", async () => {
    // A fresh process, so that no other test has loaded the converter already.
    const probe = specFile(
      "probe.mts",
      lines(
        'import { createRequire } from "node:module";',
        `import { loadSpec } from ${JSON.stringify(pathToFileURL(join(REPO_ROOT, "generator/load/load-spec.ts")).href)};`,
        "const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes(\"swagger2openapi\"));",
        `await loadSpec(${JSON.stringify(join(REPO_ROOT, "test/fixtures/specs/minimal.yaml"))});`,
        "const afterOpenApi3 = loaded();",
        `await loadSpec(${JSON.stringify(PET_SHOP)});`,
        "console.log(JSON.stringify({ afterOpenApi3, afterSwagger2: loaded() }));",
      ),
    );
    const result = await execNode([join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), probe], REPO_ROOT);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ afterOpenApi3: false, afterSwagger2: true });
  }, 30_000);
});

describe("Slack's Web API document (Swagger 2.0, 1.2 MB)", () => {
  it("loads, converts and validates", async () => {
    const file = realSpec("slack_web_openapi_v2.json");
    expect(readFileSync(file).length).toBe(1_237_332);
    const spec = await loadSpec(file);
    validateSpec(spec);
    const document = spec.document as { openapi: string; paths: Record<string, object> };
    expect(document.openapi).toBe("3.0.0");
    const paths = document.paths;
    expect(Object.keys(paths)).toHaveLength(174);
    expect(Object.keys(paths["/chat.postMessage"] ?? {})).toEqual(["post"]);
    // Positions are the original file's: the converted components/schemas/objs_paging is definitions/objs_paging.
    const lineOf = (key: string) => readFileSync(file, "utf8").split("\n").findIndex((line) => line.includes(`"${key}": {`)) + 1;
    expect(spec.locate(["components", "schemas", "objs_paging"], true).line).toBe(lineOf("objs_paging"));
  }, 30_000);
});
