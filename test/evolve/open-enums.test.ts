/**
 * `x-conventions.client.open-enums: true`: enums the API returns are typed as their known values
 * plus any other string, so a value the provider adds is additive (a minor release), while one it
 * removes is still breaking and enums a caller sends stay closed. Each case is a spec change
 * (given: the Pets spec with open enums and an inline order; want: the report's classification
 * and the version 1.0.0 becomes).
 *
 *   PetKind "cat" | "dog" | "fish"      output only (Pet.kind)
 *   Size "small" | "large"              input only (NewPet.size)
 *   Owner.role "admin" | "member"       sent and received
 *   orders.create() → { state: "pending" | "shipped" | "returned" }   an inline output enum
 *
 * An enum of one value is exact even when open (a discriminator such as `object: "customer"`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffSurfaces, overallLevel } from "../../generator/evolve/diff.js";
import { bump } from "../../generator/evolve/history.js";
import type { Surface } from "../../generator/evolve/surface.js";
import { type Spec, petsSpec, removeTemps, surfaceFrom } from "./helpers.js";

afterAll(removeTemps);

const json = (schema: Spec): Spec => ({ "application/json": { schema } });

function openSpec(open = true): Spec {
  const s = petsSpec();
  s["x-conventions"].client["open-enums"] = open;
  s.components.schemas.PetKind.enum.push("fish");
  s.components.schemas.Owner.properties.role = { type: "string", enum: ["admin", "member"] };
  s.paths["/orders"] = {
    post: {
      tags: ["Orders"],
      operationId: "Orders_Create",
      requestBody: { required: true, content: json({ type: "object", properties: { item: { type: "string" } } }) },
      responses: {
        "201": {
          description: "The order.",
          content: json({ type: "object", required: ["state"], properties: { state: { type: "string", enum: ["pending", "shipped", "returned"] } } }),
        },
      },
    },
  };
  return s;
}

const state = (s: Spec): Spec => s.paths["/orders"].post.responses["201"].content["application/json"].schema.properties.state;

interface Case {
  readonly name: string;
  readonly edit: (spec: Spec) => void;
  readonly want: readonly (readonly [string, string])[];
  readonly version: string;
}

const cases: Case[] = [
  {
    name: "a value added to a named output enum is additive",
    edit: (s) => s.components.schemas.PetKind.enum.push("bird"),
    want: [["additive", "enum-member-added:PetKind.bird"]],
    version: "1.1.0",
  },
  {
    name: "a value removed from a named output enum is still breaking",
    edit: (s) => (s.components.schemas.PetKind.enum = ["cat", "fish"]),
    want: [["breaking", "enum-member-removed:PetKind.dog"]],
    version: "2.0.0",
  },
  {
    name: "an output enum down to one value (exact, so closed) is breaking",
    edit: (s) => (s.components.schemas.PetKind.enum = ["cat"]),
    want: [["breaking", "type-changed:PetKind"]],
    version: "2.0.0",
  },
  {
    name: "a value added to an inline output enum is additive",
    edit: (s) => state(s).enum.push("lost"),
    want: [["additive", "enum-member-added:orders.create().state.lost"]],
    version: "1.1.0",
  },
  {
    name: "a value removed from an inline output enum is still breaking",
    edit: (s) => (state(s).enum = ["pending", "returned"]),
    want: [["breaking", "enum-member-removed:orders.create().state.shipped"]],
    version: "2.0.0",
  },
  {
    name: "a value added to an input enum is additive, as without open enums",
    edit: (s) => s.components.schemas.Size.enum.push("medium"),
    want: [["additive", "enum-member-added:Size.medium"]],
    version: "1.1.0",
  },
  {
    name: "a value added to an enum that is sent and received stays breaking (it is closed: a caller sends it)",
    edit: (s) => s.components.schemas.Owner.properties.role.enum.push("guest"),
    want: [["breaking", "enum-member-added:Owner.role.guest"]],
    version: "2.0.0",
  },
];

describe("open output enums", () => {
  let before: Surface;
  beforeAll(async () => {
    before = await surfaceFrom(openSpec());
  }, 30_000);

  it("types output enums open and input enums closed", () => {
    expect(before.models["PetKind"]).toMatchObject({ kind: "alias", type: expect.stringMatching(/^"cat" \| "dog" \| "fish" \| \(?string & \{\}\)?$/) });
    expect(before.models["Size"]).toMatchObject({ kind: "enum", members: ['"small"', '"large"'] });
    expect(before.models["Owner"]).toMatchObject({ kind: "object" });
    expect(JSON.stringify(before.models["Owner"])).not.toContain("string & {}");
  });

  it.each(cases)("$name", async ({ edit, want, version }) => {
    const spec = openSpec();
    edit(spec);
    const changes = diffSurfaces(before, await surfaceFrom(spec));
    expect(changes.map((c) => [c.level, c.id])).toEqual(want);
    expect(bump("1.0.0", overallLevel(changes))).toBe(version);
  });

  it("turning open enums on is itself breaking for outputs (an exhaustive switch gains a case), so it comes with a major release", async () => {
    const changes = diffSurfaces(await surfaceFrom(openSpec(false)), before);
    expect(overallLevel(changes)).toBe("breaking");
    expect(changes.filter((c) => c.level === "breaking").map((c) => c.subject)).toEqual(expect.arrayContaining(["PetKind"]));
  });
});
