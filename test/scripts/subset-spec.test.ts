/**
 * scripts/subset-spec.mjs: given a document and some operations, the output keeps those
 * operations and exactly the components they reach, in the document's own order and names.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readDocument, subsetSpec, writeDocument } from "../../scripts/subset-spec.mjs";

const SCRIPT = new URL("../../scripts/subset-spec.mjs", import.meta.url).pathname;

const OAS3 = `
openapi: 3.0.3
info: { title: Shop, version: "1" }
servers: [{ url: https://shop.example }]
security: [{ apiKey: [] }]
tags: [{ name: pets }, { name: orders }, { name: admin }]
paths:
  /pets:
    parameters: [{ $ref: "#/components/parameters/Trace" }]
    get:
      operationId: listPets
      tags: [pets]
      parameters: [{ $ref: "#/components/parameters/Limit" }]
      responses:
        "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/PetList" } } } }
        default: { $ref: "#/components/responses/Problem" }
    post:
      operationId: createPet
      tags: [pets]
      requestBody: { $ref: "#/components/requestBodies/NewPet" }
      responses: { "201": { description: created } }
  /orders/{id}:
    get:
      operationId: getOrder
      tags: [orders]
      security: [{ oauth: [read] }]
      responses:
        "200":
          description: ok
          headers: { X-Rate: { $ref: "#/components/headers/X-Rate" } }
          content: { application/json: { schema: { $ref: "#/components/schemas/Order" } } }
  /admin:
    delete: { operationId: wipe, tags: [admin], responses: { "204": { description: gone } } }
components:
  securitySchemes:
    apiKey: { type: apiKey, in: header, name: X-Key }
    oauth: { type: oauth2, flows: { clientCredentials: { tokenUrl: /t, scopes: { read: r } } } }
    unused: { type: http, scheme: basic }
  parameters:
    Trace: { name: trace, in: header, schema: { type: string } }
    Limit: { name: limit, in: query, schema: { $ref: "#/components/schemas/Count" } }
  headers:
    X-Rate: { schema: { $ref: "#/components/schemas/Count" } }
  requestBodies:
    NewPet: { content: { application/json: { schema: { $ref: "#/components/schemas/NewPet" } } } }
  responses:
    Problem: { description: bad, content: { application/json: { schema: { $ref: "#/components/schemas/Problem" } } } }
  schemas:
    Count: { type: integer }
    PetList: { type: array, items: { $ref: "#/components/schemas/Pet" } }
    Pet:
      allOf:
        - $ref: "#/components/schemas/Base"
        - properties:
            tags: { type: object, additionalProperties: { $ref: "#/components/schemas/Tag" } }
            kind: { oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }] }
    Base: { properties: { id: { type: string } } }
    Tag: { type: string }
    Cat: { properties: { meow: { type: boolean } } }
    Dog: { properties: { woof: { type: boolean } } }
    NewPet: { properties: { name: { type: string } }, example: { $ref: "#/components/schemas/ExampleOnly" } }
    ExampleOnly: { type: string }
    Order:
      properties: { shape: { $ref: "#/components/schemas/Shape" }, issue: { $ref: "#/components/schemas/422" } }
    Shape:
      oneOf: [{ $ref: "#/components/schemas/Square" }]
      discriminator: { propertyName: kind, mapping: { circle: Circle, square: "#/components/schemas/Square" } }
    Square: { properties: { side: { type: number } } }
    Circle: { properties: { r: { type: number } } }
    422: { properties: { issue: { $ref: "#/components/schemas/Issue" } } }
    Issue: { type: string }
    Problem: { properties: { title: { type: string } } }
    Orphan: { type: string }
`;

type Node = Map<unknown, unknown>;
const node = (value: unknown): Node => (value instanceof Map ? value : new Map());
const names = (value: unknown): string[] => [...node(value).keys()].map(String);

/** The names kept per component kind (and the operations kept), read back from the YAML written. */
function keptBy(operations: readonly string[]): Record<string, string[]> {
  const { document } = subsetSpec(readDocument(OAS3), operations);
  const out = readDocument(writeDocument(document, "yaml"));
  const tags = out.get("tags");
  const kept: Record<string, string[]> = {
    operations: [...node(out.get("paths")).values()].flatMap((item) =>
      [...node(item).values()].flatMap((op) => {
        const id = node(op).get("operationId");
        return typeof id === "string" ? [id] : [];
      }),
    ),
    tags: Array.isArray(tags) ? tags.map((tag) => String(node(tag).get("name"))) : [],
  };
  for (const [kind, entries] of node(out.get("components"))) kept[String(kind)] = names(entries);
  return kept;
}

describe("subset-spec", () => {
  it.each([
    {
      given: ["listPets"],
      want: {
        operations: ["listPets"],
        tags: ["pets"],
        securitySchemes: ["apiKey"],
        parameters: ["Trace", "Limit"],
        responses: ["Problem"],
        // allOf → Base; additionalProperties → Tag; oneOf → Cat, Dog; items → Pet; Limit → Count
        schemas: ["Count", "PetList", "Pet", "Base", "Tag", "Cat", "Dog", "Problem"],
      },
    },
    {
      given: ["POST /pets"],
      want: {
        operations: ["createPet"],
        tags: ["pets"],
        securitySchemes: ["apiKey"],
        parameters: ["Trace"],
        requestBodies: ["NewPet"],
        // ExampleOnly appears only inside an `example`: data, not a reference
        schemas: ["NewPet"],
      },
    },
    {
      given: ["getOrder"],
      want: {
        operations: ["getOrder"],
        tags: ["orders"],
        // the operation's own security requirement and the document's
        securitySchemes: ["apiKey", "oauth"],
        headers: ["X-Rate"],
        // discriminator mapping: a bare name (Circle) and a $ref (Square); a numeric name (422)
        schemas: ["Count", "Order", "Shape", "Square", "Circle", "422", "Issue"],
      },
    },
    {
      given: ["delete /admin", "listPets"],
      want: {
        operations: ["listPets", "wipe"],
        tags: ["pets", "admin"],
        securitySchemes: ["apiKey"],
        parameters: ["Trace", "Limit"],
        responses: ["Problem"],
        schemas: ["Count", "PetList", "Pet", "Base", "Tag", "Cat", "Dog", "Problem"],
      },
    },
  ])("$given keeps $want.schemas", ({ given, want }) => {
    expect(keptBy(given)).toEqual(want);
  });

  it("keeps the document's key order, integer-like keys included, and is deterministic", () => {
    const text = `{"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{"/b":{"get":{"operationId":"b","responses":{"404":{"description":"n"},"200":{"description":"y"}}}},"/a":{"get":{"operationId":"a","responses":{"200":{"description":"y"}}}}}}`;
    const once = writeDocument(subsetSpec(readDocument(text), ["a", "b"]).document, "json");
    expect(once).toBe(writeDocument(subsetSpec(readDocument(text), ["b", "a"]).document, "json"));
    expect(JSON.stringify(JSON.parse(once))).toBe(JSON.stringify(JSON.parse(text)));
    expect(once.indexOf('"404"')).toBeLessThan(once.indexOf('"200"'));
  });

  it("follows Swagger 2.0 definitions, parameters and responses", () => {
    const swagger = `
swagger: "2.0"
info: { title: Chat, version: "1" }
securityDefinitions: { slackAuth: { type: oauth2, flow: implicit, authorizationUrl: /a, scopes: {} }, other: { type: basic } }
paths:
  /chat.postMessage:
    post:
      operationId: chat_postMessage
      security: [{ slackAuth: [chat:write] }]
      parameters: [{ $ref: "#/parameters/Token" }]
      responses:
        "200": { description: ok, schema: { $ref: "#/definitions/Ok" } }
        default: { $ref: "#/responses/Failure" }
  /users.list: { get: { operationId: users_list, responses: { "200": { description: ok } } } }
parameters:
  Token: { name: token, in: formData, type: string }
responses:
  Failure: { description: failed, schema: { $ref: "#/definitions/Error" } }
definitions:
  Ok: { properties: { ok: { $ref: "#/definitions/OkTrue" } } }
  OkTrue: { type: boolean, enum: [true] }
  Error: { properties: { error: { type: string } } }
  Unused: { type: string }
`;
    const out = parse(writeDocument(subsetSpec(readDocument(swagger), ["chat_postMessage"]).document, "yaml")) as Record<string, Record<string, unknown>>;
    expect(Object.keys(out["paths"] ?? {})).toEqual(["/chat.postMessage"]);
    expect(Object.keys(out["definitions"] ?? {})).toEqual(["Ok", "OkTrue", "Error"]);
    expect(Object.keys(out["parameters"] ?? {})).toEqual(["Token"]);
    expect(Object.keys(out["responses"] ?? {})).toEqual(["Failure"]);
    expect(Object.keys(out["securityDefinitions"] ?? {})).toEqual(["slackAuth"]);
  });

  it("reports a dangling $ref and keeps it as written", () => {
    const text = OAS3.replace("Tag: { type: string }", "");
    const { document, dangling } = subsetSpec(readDocument(text), ["listPets"]);
    expect(dangling).toEqual(["#/components/schemas/Tag"]);
    expect(writeDocument(document, "yaml")).toContain('$ref: "#/components/schemas/Tag"');
  });

  it.each([
    { given: "args", args: [] as string[], want: { code: 2, stderr: /usage: node scripts\/subset-spec\.mjs/ } },
    { given: "an unknown operation", args: ["listPets", "GET /nowhere"], want: { code: 2, stderr: /not in the document: GET \/nowhere/ } },
  ])("the command exits 2 on missing $given", async ({ args, want }) => {
    const dir = mkdtempSync(join(tmpdir(), "subset-"));
    writeFileSync(join(dir, "in.yaml"), OAS3);
    const full = args.length === 0 ? [] : [join(dir, "in.yaml"), join(dir, "out.yaml"), ...args];
    const failure = await promisify(execFile)(process.execPath, [SCRIPT, ...full]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(want.code);
    expect(failure?.stderr).toMatch(want.stderr);
  });

  it("the command writes YAML or JSON by the output's extension", async () => {
    const dir = mkdtempSync(join(tmpdir(), "subset-"));
    writeFileSync(join(dir, "in.yaml"), OAS3);
    for (const out of ["out.yaml", "out.json"]) {
      await promisify(execFile)(process.execPath, [SCRIPT, join(dir, "in.yaml"), join(dir, out), "wipe"]);
    }
    const yamlOut = readFileSync(join(dir, "out.yaml"), "utf8");
    const jsonOut = readFileSync(join(dir, "out.json"), "utf8");
    expect(parse(yamlOut)).toEqual(JSON.parse(jsonOut));
    expect(yamlOut.startsWith("openapi: 3.0.3\n")).toBe(true);
    expect(Object.keys((JSON.parse(jsonOut) as { paths: object }).paths)).toEqual(["/admin"]);
  });
});
