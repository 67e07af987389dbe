/**
 * Inline types, output narrowing, endpoints and deprecations, as a caller compiled against the
 * previous release meets them. Each case is a spec change (given: the Pets spec with inline
 * orders; want: the report's classification and the version 1.0.0 becomes). The orders:
 *
 *   orders.create(params: OrdersCreateParams = { item; note?; email?; priority? }) → { id; state: "pending" | "approved" | "shipped"; total? }
 *   orders.get(orderId) → Pet | Owner   (a response `oneOf`)
 *   Pet.address: { city?; zip? }        (an inline object inside a named output model)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffSurfaces, overallLevel } from "../../generator/evolve/diff.js";
import { bump } from "../../generator/evolve/history.js";
import type { Surface } from "../../generator/evolve/surface.js";
import { type Spec, petsSpec, removeTemps, surfaceFrom } from "./helpers.js";

afterAll(removeTemps);

const json = (schema: Spec): Spec => ({ "application/json": { schema } });
const ref = (name: string): Spec => ({ $ref: `#/components/schemas/${name}` });

function ordersSpec(): Spec {
  const s = petsSpec();
  s.paths["/orders"] = {
    post: {
      tags: ["Orders"],
      operationId: "Orders_Create",
      requestBody: {
        required: true,
        content: json({
          type: "object",
          required: ["item"],
          properties: { item: { type: "string" }, note: { type: "string" }, email: { type: "string" }, priority: { type: "string", enum: ["low", "high"] } },
        }),
      },
      responses: {
        "201": {
          description: "The order.",
          content: json({
            type: "object",
            required: ["id", "state"],
            properties: { id: { type: "string" }, state: { type: "string", enum: ["pending", "approved", "shipped"] }, total: { type: "number" } },
          }),
        },
      },
    },
  };
  s.paths["/orders/{orderId}"] = {
    get: {
      tags: ["Orders"],
      operationId: "Orders_Get",
      parameters: [{ name: "orderId", in: "path", required: true, schema: { type: "string" } }],
      responses: { "200": { description: "What was ordered.", content: json({ oneOf: [ref("Pet"), ref("Owner")] }) } },
    },
  };
  s.components.schemas.Pet.properties.address = { type: "object", properties: { city: { type: "string" }, zip: { type: "string" } } };
  return s;
}

const createOp = (s: Spec): Spec => s.paths["/orders"].post;
const body = (s: Spec): Spec => createOp(s).requestBody.content["application/json"].schema;
const created = (s: Spec): Spec => createOp(s).responses["201"].content["application/json"].schema;

interface Case {
  readonly name: string;
  readonly edit: (spec: Spec) => void;
  /** [level, change id], in report order. */
  readonly want: readonly (readonly [string, string])[];
  /** The version after 1.0.0. */
  readonly version: string;
}

const cases: Case[] = [
  {
    name: "an optional property removed from an inline request body (a caller passing it: TS2353)",
    edit: (s) => delete body(s).properties.email,
    want: [["breaking", "property-removed:OrdersCreateParams.email"]],
    version: "2.0.0",
  },
  {
    name: "an optional property removed from an inline response (a caller reading it: TS2339)",
    edit: (s) => delete created(s).properties.total,
    want: [["breaking", "property-removed:orders.create().total"]],
    version: "2.0.0",
  },
  {
    name: "two body properties removed: one id each",
    edit: (s) => {
      delete body(s).properties.email;
      delete body(s).properties.note;
    },
    want: [
      ["breaking", "property-removed:OrdersCreateParams.email"],
      ["breaking", "property-removed:OrdersCreateParams.note"],
    ],
    version: "2.0.0",
  },
  {
    name: "an optional property added to an inline request body",
    edit: (s) => (body(s).properties.coupon = { type: "string" }),
    want: [["additive", "property-added:OrdersCreateParams.coupon"]],
    version: "1.1.0",
  },
  {
    name: "a property added to an inline response",
    edit: (s) => (created(s).properties.currency = { type: "string" }),
    want: [["additive", "property-added:orders.create().currency"]],
    version: "1.1.0",
  },
  {
    name: "a required property added to an inline request body",
    edit: (s) => {
      body(s).properties.quantity = { type: "integer" };
      body(s).required.push("quantity");
    },
    want: [["breaking", "property-added:OrdersCreateParams.quantity"]],
    version: "2.0.0",
  },
  {
    name: "a property removed from an inline object inside a named model",
    edit: (s) => delete s.components.schemas.Pet.properties.address.properties.zip,
    want: [["breaking", "property-removed:Pet.address.zip"]],
    version: "2.0.0",
  },
  {
    name: "an inline enum value removed from an output (`state === \"approved\"`: TS2367)",
    edit: (s) => (created(s).properties.state.enum = ["pending", "shipped"]),
    want: [["breaking", "enum-member-removed:orders.create().state.approved"]],
    version: "2.0.0",
  },
  {
    name: "an inline enum value added to an output (a `switch` misses it)",
    edit: (s) => created(s).properties.state.enum.push("returned"),
    want: [["breaking", "enum-member-added:orders.create().state.returned"]],
    version: "2.0.0",
  },
  {
    name: "an inline enum value removed from an input",
    edit: (s) => (body(s).properties.priority.enum = ["high"]),
    want: [["breaking", "enum-member-removed:OrdersCreateParams.priority.low"]],
    version: "2.0.0",
  },
  {
    name: "an inline enum value added to an input",
    edit: (s) => body(s).properties.priority.enum.push("urgent"),
    want: [["additive", "enum-member-added:OrdersCreateParams.priority.urgent"]],
    version: "1.1.0",
  },
  {
    name: "a response oneOf variant removed",
    edit: (s) => (s.paths["/orders/{orderId}"].get.responses["200"].content["application/json"].schema = { oneOf: [ref("Pet")] }),
    want: [["breaking", "variant-removed:orders.get().Owner"]],
    version: "2.0.0",
  },
  {
    name: "a response oneOf variant added",
    edit: (s) => s.paths["/orders/{orderId}"].get.responses["200"].content["application/json"].schema.oneOf.push(ref("Legacy")),
    want: [["breaking", "variant-added:orders.get().Legacy"]],
    version: "2.0.0",
  },
  {
    name: "a method whose name now calls another endpoint",
    edit: (s) => {
      s.paths["/animals/{petId}"] = s.paths["/pets/{petId}"];
      delete s.paths["/pets/{petId}"];
    },
    want: [["breaking", "operation-repointed:pets.get"]],
    version: "2.0.0",
  },
  {
    name: "a path parameter renamed is the same endpoint",
    edit: (s) => {
      s.paths["/orders/{id}"] = s.paths["/orders/{orderId}"];
      s.paths["/orders/{id}"].get.parameters[0].name = "id";
      delete s.paths["/orders/{orderId}"];
    },
    want: [["none", "parameter-renamed:orders.get(orderId->id)"]],
    version: "1.0.1",
  },
  {
    name: "an operation newly deprecated",
    edit: (s) => (s.paths["/pets/{petId}"].get.deprecated = true),
    want: [["additive", "deprecated:pets.get"]],
    version: "1.1.0",
  },
  {
    name: "a query parameter, a schema property and an inline body property newly deprecated",
    edit: (s) => {
      s.paths["/pets"].get.parameters[0].deprecated = true;
      s.components.schemas.Pet.properties.tag.deprecated = true;
      body(s).properties.note.deprecated = true;
    },
    want: [
      ["additive", "deprecated:OrdersCreateParams.note"],
      ["additive", "deprecated:Pet.tag"],
      ["additive", "deprecated:PetsListParams.limit"],
    ],
    version: "1.1.0",
  },
  {
    name: "a new operation deprecated from the start is only new",
    edit: (s) => (s.paths["/pets/{petId}"].delete = { tags: ["Pets"], operationId: "Pets_Delete", deprecated: true, parameters: s.paths["/pets/{petId}"].get.parameters, responses: { "204": { description: "Gone." } } }),
    want: [
      ["additive", "export-added:petsDelete"],
      ["additive", "operation-added:pets.delete"],
    ],
    version: "1.1.0",
  },
];

describe("inline types, output narrowing, endpoints and deprecations", () => {
  let before: Surface;
  beforeAll(async () => {
    before = await surfaceFrom(ordersSpec());
  }, 30_000);

  it("the unchanged spec has no changes, and its methods know their endpoints", async () => {
    expect(diffSurfaces(before, await surfaceFrom(ordersSpec()))).toEqual([]);
    expect(before.operations["orders.create"]?.endpoint).toBe("POST /orders");
    expect(before.operations["orders.get"]?.endpoint).toBe("GET /orders/{orderId}");
  });

  it.each(cases)("$name", async ({ edit, want, version }) => {
    const spec = ordersSpec();
    edit(spec);
    const changes = diffSurfaces(before, await surfaceFrom(spec));
    expect(changes.map((c) => [c.level, c.id])).toEqual(want);
    expect(bump("1.0.0", overallLevel(changes))).toBe(version);
  });

  it("a baseline from before endpoints and deprecations were recorded reports neither", async () => {
    const spec = ordersSpec();
    spec.paths["/pets/{petId}"].get.deprecated = true;
    spec.paths["/animals/{petId}"] = spec.paths["/pets/{petId}"];
    delete spec.paths["/pets/{petId}"];
    const old: Surface = {
      exports: before.exports,
      models: before.models,
      operations: Object.fromEntries(Object.entries(before.operations).map(([id, { params, result }]) => [id, { params, result }])),
    };
    expect(diffSurfaces(old, await surfaceFrom(spec))).toEqual([]);
  });
});
