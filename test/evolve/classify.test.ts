/**
 * Every kind of API change, each as a tiny before/after spec: the Pets spec
 * (test/fixtures/evolve/pets.json) is "before", the case's edit of it is "after", and the table
 * says which changes the report must name and how it must classify them. Both packages go
 * through the real pipeline; the report compares their `dist/*.d.ts`.
 *
 * In the Pets spec, `Pet` and `PetKind` are output only (results), `NewPet` and `Size` input only
 * (the create body), `Owner` is both, `Legacy` is used by no operation (counted as both).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffSurfaces, overallLevel } from "../../generator/evolve/diff.js";
import type { Surface } from "../../generator/evolve/surface.js";
import { type Spec, petsSpec, removeTemps, surfaceFrom } from "./helpers.js";

afterAll(removeTemps);

const schemas = (s: Spec): Spec => s.components.schemas;
const listParams = (s: Spec): Spec[] => s.paths["/pets"].get.parameters;
const getOp = (s: Spec): Spec => s.paths["/pets/{petId}"].get;

interface Case {
  readonly name: string;
  readonly edit: (spec: Spec) => void;
  /** [level, change id], in report order: breaking, additive, none; then by id. */
  readonly want: readonly (readonly [string, string])[];
}

const breaking: Case[] = [
  {
    name: "path parameter renamed and its type changed",
    edit: (s) => {
      getOp(s).parameters[0].name = "id";
      getOp(s).parameters[0].schema = { type: "integer" };
      s.paths["/pets/{id}"] = s.paths["/pets/{petId}"];
      delete s.paths["/pets/{petId}"];
    },
    want: [
      ["breaking", "parameter-type-changed:pets.get(id)"],
      ["none", "parameter-renamed:pets.get(petId->id)"],
    ],
  },
  {
    name: "operation removed",
    edit: (s) => delete s.paths["/pets/{petId}"],
    // The operation's function goes with its method.
    want: [
      ["breaking", "export-removed:petsGet"],
      ["breaking", "operation-removed:pets.get"],
    ],
  },
  {
    name: "operation renamed (same signature, new operationId)",
    edit: (s) => (getOp(s).operationId = "Pets_Fetch"),
    want: [
      ["breaking", "export-removed:petsGet"],
      ["breaking", "operation-renamed:pets.get->fetch"],
      ["additive", "export-added:petsFetch"],
    ],
  },
  {
    name: "path parameter removed",
    edit: (s) => {
      getOp(s).parameters = [];
      s.paths["/pets/current"] = s.paths["/pets/{petId}"];
      delete s.paths["/pets/{petId}"];
    },
    want: [
      ["breaking", "operation-repointed:pets.get"],
      ["breaking", "parameter-moved:pets.get(options)"],
      ["breaking", "parameter-removed:pets.get(petId)"],
    ],
  },
  {
    name: "query parameter removed (the last one: the params argument goes too)",
    edit: (s) => (s.paths["/pets"].get.parameters = []),
    want: [
      ["breaking", "export-removed:PetsListParams"],
      ["breaking", "parameter-moved:pets.list(options)"],
      ["breaking", "parameter-removed:pets.list(params)"],
    ],
  },
  {
    name: "query parameter renamed",
    edit: (s) => (listParams(s)[0].name = "max"),
    want: [["breaking", "property-renamed:PetsListParams.limit->max"]],
  },
  {
    name: "query parameter optional → required",
    edit: (s) => (listParams(s)[0].required = true),
    want: [
      ["breaking", "parameter-required:pets.list(params)"],
      ["breaking", "property-required:PetsListParams.limit"],
    ],
  },
  {
    name: "property removed (output)",
    edit: (s) => delete schemas(s).Pet.properties.tag,
    want: [["breaking", "property-removed:Pet.tag"]],
  },
  {
    name: "property renamed (input)",
    edit: (s) => {
      const { tag, ...rest } = schemas(s).NewPet.properties;
      schemas(s).NewPet.properties = { ...rest, label: tag };
    },
    want: [["breaking", "property-renamed:NewPet.tag->label"]],
  },
  {
    name: "property optional → required (input)",
    edit: (s) => schemas(s).NewPet.required.push("tag"),
    want: [["breaking", "property-required:NewPet.tag"]],
  },
  {
    name: "property required → optional (output)",
    edit: (s) => (schemas(s).Pet.required = ["id"]),
    want: [["breaking", "property-optional:Pet.name"]],
  },
  {
    name: "new required property (input)",
    edit: (s) => {
      schemas(s).NewPet.properties.age = { type: "integer" };
      schemas(s).NewPet.required.push("age");
    },
    want: [["breaking", "property-added:NewPet.age"]],
  },
  {
    name: "enum member removed (output)",
    edit: (s) => (schemas(s).PetKind.enum = ["cat"]),
    want: [["breaking", "enum-member-removed:PetKind.dog"]],
  },
  {
    name: "enum member renamed (input): the old one is removed, the new one added",
    edit: (s) => (schemas(s).Size.enum = ["tiny", "large"]),
    want: [
      ["breaking", "enum-member-removed:Size.small"],
      ["additive", "enum-member-added:Size.tiny"],
    ],
  },
  {
    name: "enum member added on an output",
    edit: (s) => schemas(s).PetKind.enum.push("bird"),
    want: [["breaking", "enum-member-added:PetKind.bird"]],
  },
  {
    name: "type narrowed on input (string → enum)",
    edit: (s) => (schemas(s).NewPet.properties.tag = { type: "string", enum: ["indoor", "outdoor"] }),
    want: [["breaking", "property-type-narrowed:NewPet.tag"]],
  },
  {
    name: "type widened on output (nullable)",
    edit: (s) => (schemas(s).Pet.properties.name = { type: "string", nullable: true }),
    want: [["breaking", "property-type-widened:Pet.name"]],
  },
  {
    name: "enum dropped on an output: the alias widens to string",
    edit: (s) => delete schemas(s).PetKind.enum,
    want: [["breaking", "type-widened:PetKind"]],
  },
  {
    name: "type narrowed on a model used both ways",
    edit: (s) => (schemas(s).Owner.properties.email = { type: "string", enum: ["a@example.com"] }),
    want: [["breaking", "property-type-narrowed:Owner.email"]],
  },
  {
    name: "type widened on a model used both ways",
    edit: (s) => (schemas(s).Owner.properties.email = { type: "string", nullable: true }),
    want: [["breaking", "property-type-widened:Owner.email"]],
  },
  {
    name: "type changed incompatibly",
    edit: (s) => (schemas(s).Pet.properties.id = { type: "integer" }),
    want: [["breaking", "property-type-changed:Pet.id"]],
  },
  {
    name: "method result type changed",
    edit: (s) => (getOp(s).responses["200"].content["application/json"].schema = { $ref: "#/components/schemas/Owner" }),
    want: [["breaking", "result-changed:pets.get"]],
  },
  {
    name: "method result gone (204, no content)",
    edit: (s) => (getOp(s).responses = { "204": { description: "Nothing." } }),
    want: [["breaking", "result-changed:pets.get"]],
  },
  {
    name: "package export removed (a schema no operation uses)",
    edit: (s) => delete schemas(s).Legacy,
    want: [["breaking", "export-removed:Legacy"]],
  },
  {
    name: "new required property on a type no operation uses (counted as input)",
    edit: (s) => {
      schemas(s).Legacy.properties.id = { type: "string" };
      schemas(s).Legacy.required = ["id"];
    },
    want: [["breaking", "property-added:Legacy.id"]],
  },
  {
    name: "path parameter type changed (string → integer)",
    edit: (s) => (getOp(s).parameters[0].schema = { type: "integer" }),
    want: [["breaking", "parameter-type-changed:pets.get(petId)"]],
  },
  {
    name: "path parameter type narrowed (string → enum)",
    edit: (s) => (getOp(s).parameters[0].schema = { type: "string", enum: ["rex", "tom"] }),
    want: [["breaking", "parameter-type-narrowed:pets.get(petId)"]],
  },
  {
    name: "a base with a required property added to an input model (allOf)",
    edit: (s) => {
      const { description, ...own } = schemas(s).NewPet;
      schemas(s).Named = { type: "object", required: ["nickname"], properties: { nickname: { type: "string" } } };
      schemas(s).NewPet = { description, allOf: [{ $ref: "#/components/schemas/Named" }, own] };
    },
    want: [
      ["breaking", "base-added:NewPet(Named)"],
      ["additive", "export-added:Named"],
      ["none", "export-kind-changed:NewPet"],
    ],
  },
  {
    name: "new optional query parameter on an operation without one: options moves",
    edit: (s) => (getOp(s).parameters.push({ name: "expand", in: "query", schema: { type: "boolean" } })),
    want: [
      ["breaking", "parameter-moved:pets.get(options)"],
      ["additive", "export-added:PetsGetParams"],
      ["additive", "parameter-added:pets.get(params)"],
    ],
  },
];

const additive: Case[] = [
  {
    name: "new operation",
    edit: (s) => (s.paths["/pets/{petId}"].delete = { tags: ["Pets"], operationId: "Pets_Delete", parameters: getOp(s).parameters, responses: { "204": { description: "Gone." } } }),
    want: [
      ["additive", "export-added:petsDelete"],
      ["additive", "operation-added:pets.delete"],
    ],
  },
  {
    name: "new operation under a new tag: a new resource",
    edit: (s) => (s.paths["/owners"] = { get: { tags: ["Owners"], operationId: "Owners_List", responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Owner" } } } } } } } }),
    want: [
      ["additive", "export-added:Owners"],
      ["additive", "export-added:ownersList"],
      ["additive", "operation-added:owners.list"],
    ],
  },
  {
    name: "new optional query parameter",
    edit: (s) => listParams(s).push({ name: "cursor", in: "query", schema: { type: "string" } }),
    want: [["additive", "property-added:PetsListParams.cursor"]],
  },
  {
    name: "new optional response field",
    edit: (s) => (schemas(s).Pet.properties.color = { type: "string" }),
    want: [["additive", "property-added:Pet.color"]],
  },
  {
    name: "new required response field",
    edit: (s) => {
      schemas(s).Pet.properties.createdAt = { type: "string" };
      schemas(s).Pet.required.push("createdAt");
    },
    want: [["additive", "property-added:Pet.createdAt"]],
  },
  {
    name: "new optional field on an input",
    edit: (s) => (schemas(s).NewPet.properties.color = { type: "string" }),
    want: [["additive", "property-added:NewPet.color"]],
  },
  {
    name: "new enum member on an input",
    edit: (s) => schemas(s).Size.enum.push("medium"),
    want: [["additive", "enum-member-added:Size.medium"]],
  },
  {
    name: "a base with only optional properties added to an input model",
    edit: (s) => {
      const { description, ...own } = schemas(s).NewPet;
      schemas(s).NewPet = { description, allOf: [{ $ref: "#/components/schemas/Legacy" }, own] };
    },
    want: [
      ["additive", "base-added:NewPet(Legacy)"],
      ["none", "export-kind-changed:NewPet"],
    ],
  },
  {
    name: "path parameter type widened",
    edit: (s) => (getOp(s).parameters[0].schema = { oneOf: [{ type: "string" }, { type: "integer" }] }),
    want: [["additive", "parameter-type-widened:pets.get(petId)"]],
  },
  {
    name: "request body no longer required: the params become optional",
    edit: (s) => (s.paths["/pets"].post.requestBody.required = false),
    want: [["additive", "parameter-optional:pets.create(params)"]],
  },
  {
    name: "enum dropped on an input: the alias widens to string",
    edit: (s) => delete schemas(s).Size.enum,
    want: [["additive", "type-widened:Size"]],
  },
  {
    name: "type widened on input",
    edit: (s) => (schemas(s).NewPet.properties.tag = { type: "string", nullable: true }),
    want: [["additive", "property-type-widened:NewPet.tag"]],
  },
  {
    name: "type narrowed on output",
    edit: (s) => (schemas(s).Pet.properties.tag = { type: "string" }),
    want: [["additive", "property-type-narrowed:Pet.tag"]],
  },
  {
    name: "property required → optional on input (the body's last required field: the params become optional)",
    edit: (s) => (schemas(s).NewPet.required = []),
    want: [
      ["additive", "parameter-optional:pets.create(params)"],
      ["additive", "property-optional:NewPet.name"],
    ],
  },
  {
    name: "property optional → required on output",
    edit: (s) => schemas(s).Pet.required.push("tag"),
    want: [["additive", "property-required:Pet.tag"]],
  },
  {
    name: "new schema: a new export",
    edit: (s) => (schemas(s).Toy = { type: "object", properties: { name: { type: "string" } } }),
    want: [["additive", "export-added:Toy"]],
  },
];

const none: Case[] = [
  {
    name: "path parameter renamed (callers pass it by position)",
    edit: (s) => {
      getOp(s).parameters[0].name = "id";
      s.paths["/pets/{id}"] = s.paths["/pets/{petId}"];
      delete s.paths["/pets/{petId}"];
    },
    want: [["none", "parameter-renamed:pets.get(petId->id)"]],
  },
  {
    name: "descriptions, summaries and examples only",
    edit: (s) => {
      schemas(s).Pet.description = "Something else entirely.";
      schemas(s).Pet.properties.name.example = "Rex";
      getOp(s).summary = "Fetch a pet";
    },
    want: [],
  },
  {
    name: "an enum renamed with the same members: the export changes, the property's type is respelled",
    edit: (s) => {
      schemas(s).AnimalKind = schemas(s).PetKind;
      delete schemas(s).PetKind;
      schemas(s).Pet.properties.kind = { $ref: "#/components/schemas/AnimalKind" };
    },
    want: [
      ["breaking", "export-removed:PetKind"],
      ["additive", "export-added:AnimalKind"],
      ["none", "property-type-respelled:Pet.kind"],
    ],
  },
];

describe("the API report classifies every kind of change", () => {
  let before: Surface;
  beforeAll(async () => {
    before = await surfaceFrom(petsSpec());
  }, 30_000);

  it("the unchanged spec has no changes, and its surface is what the spec says", async () => {
    expect(diffSurfaces(before, await surfaceFrom(petsSpec()))).toEqual([]);
    // The per-operation functions count as exports only (their methods carry the signatures); the core's constructor is an operation.
    expect(Object.keys(before.operations)).toEqual(["createPetStoreCore", "new PetStore", "pets.create", "pets.get", "pets.list"]);
    expect(before.operations["pets.get"]).toEqual({
      endpoint: "GET /pets/{petId}",
      params: [
        { name: "petId", optional: false, type: "string" },
        { name: "options", optional: true, type: "RequestOptions" },
      ],
      result: "APIPromise<Pet>",
    });
    expect(before.models["PetKind"]).toEqual({ kind: "enum", typeParameters: "", members: ['"cat"', '"dog"'] });
    expect(before.models["Pet"]).toMatchObject({ kind: "object", properties: { tag: { optional: true, readonly: false, type: "string | null" } } });
  });

  const tables: [string, Case[]][] = [
    ["breaking", breaking],
    ["additive", additive],
    ["none", none],
  ];
  for (const [level, cases] of tables) {
    describe(level, () => {
      it.each(cases)("$name", async ({ edit, want }) => {
        const spec = petsSpec();
        edit(spec);
        const changes = diffSurfaces(before, await surfaceFrom(spec));
        expect(changes.map((c) => [c.level, c.id])).toEqual(want);
        // Every change explains itself in one line.
        for (const c of changes) expect(c.detail).toMatch(/^[^\n]{8,}$/);
        // The release level is the highest level among the changes.
        const expected = want.some(([l]) => l === "breaking") ? "breaking" : want.some(([l]) => l === "additive") ? "additive" : "none";
        expect(overallLevel(changes)).toBe(expected);
        if (level !== "none") expect(overallLevel(changes)).toBe(level);
      });
    });
  }
});

describe("type parameters added to a class that had none", () => {
  const surface = (typeParameters: string, code: string): Surface => ({
    exports: { AcmeError: "class" },
    operations: {},
    models: { AcmeError: { kind: "class", typeParameters, bases: ["ClientError"], properties: { code: { optional: false, readonly: true, type: code } } } },
  });
  const before = surface("", "string | undefined");

  it.each([
    {
      name: "all with defaults that keep each use as it was: additive",
      given: surface("<Code extends string | number = string>", "Code | undefined"),
      want: [["additive", "type-parameters-added:AcmeError"]],
    },
    {
      name: "a default that changes a property: the property change counts",
      given: surface("<Code extends string | number = number>", "Code | undefined"),
      want: [["breaking", "property-type-changed:AcmeError.code"], ["additive", "type-parameters-added:AcmeError"]],
    },
    {
      name: "one without a default: every use must change, breaking",
      given: surface("<Code extends string | number>", "Code | undefined"),
      want: [["breaking", "property-type-changed:AcmeError.code"], ["breaking", "type-parameters-changed:AcmeError"]],
    },
  ])("$name", ({ given, want }) => {
    expect(diffSurfaces(before, given).map((c) => [c.level, c.id])).toEqual(want);
  });
});
