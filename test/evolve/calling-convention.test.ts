/**
 * What the calling convention is for: an operation with a body takes one `params` object after
 * its path parameters, so a provider adding an optional query parameter, header or body field
 * adds an optional property — additive, a minor release — and never moves `options`. Something
 * required stays breaking. Each case edits the Pets spec (test/fixtures/evolve/pets.json), whose
 * `Pets_Create` takes a `NewPet` body; the case with an inline body edits that spec first.
 */
import { afterAll, describe, expect, it } from "vitest";
import { diffSurfaces, overallLevel } from "../../generator/evolve/diff.js";
import { bump } from "../../generator/evolve/history.js";
import { type Spec, petsSpec, removeTemps, surfaceFrom } from "./helpers.js";

afterAll(removeTemps);

const create = (s: Spec): Spec => s.paths["/pets"].post;
const addParameter = (where: "query" | "header", name: string, required: boolean) => (s: Spec) => {
  create(s).parameters = [...(create(s).parameters ?? []), { name, in: where, required, schema: { type: "string" } }];
};
/** `Pets_Create` with its body written inline rather than as `$ref: NewPet`. */
const inlineBody = (s: Spec): void => {
  create(s).requestBody.content["application/json"].schema = { type: "object", required: ["name"], properties: { name: { type: "string" } } };
};

interface Case {
  readonly name: string;
  readonly base?: (spec: Spec) => void;
  readonly edit: (spec: Spec) => void;
  readonly want: { readonly changes: readonly (readonly [string, string])[]; readonly version: string };
}

describe("a new parameter of an operation with a body (1.0.0 before)", () => {
  const cases: Case[] = [
    {
      name: "an optional query parameter: additive, minor",
      edit: addParameter("query", "expand", false),
      want: { changes: [["additive", "property-added:PetsCreateParams.expand"]], version: "1.1.0" },
    },
    {
      name: "an optional header parameter: additive, minor",
      edit: addParameter("header", "X-Trace", false),
      want: { changes: [["additive", "property-added:PetsCreateParams.X-Trace"]], version: "1.1.0" },
    },
    {
      name: "an optional body property: additive, minor",
      edit: (s) => (s.components.schemas.NewPet.properties.nickname = { type: "string" }),
      want: { changes: [["additive", "property-added:NewPet.nickname"]], version: "1.1.0" },
    },
    {
      name: "an optional body property of an inline body: additive, minor",
      base: inlineBody,
      edit: (s) => (create(s).requestBody.content["application/json"].schema.properties.nickname = { type: "string" }),
      want: { changes: [["additive", "property-added:PetsCreateParams.nickname"]], version: "1.1.0" },
    },
    {
      name: "a required query parameter: breaking, major",
      edit: addParameter("query", "expand", true),
      want: { changes: [["breaking", "property-added:PetsCreateParams.expand"]], version: "2.0.0" },
    },
    {
      name: "a required body property: breaking, major",
      edit: (s) => {
        const newPet = s.components.schemas.NewPet;
        newPet.properties.nickname = { type: "string" };
        newPet.required = [...newPet.required, "nickname"];
      },
      want: { changes: [["breaking", "property-added:NewPet.nickname"]], version: "2.0.0" },
    },
  ];
  it.each(cases)("$name", async ({ base, edit, want }) => {
    const before = petsSpec();
    base?.(before);
    const after = structuredClone(before);
    edit(after);
    const changes = diffSurfaces(await surfaceFrom(before), await surfaceFrom(after));
    expect({ changes: changes.map((c) => [c.level, c.id]), version: bump("1.0.0", overallLevel(changes)) }).toEqual(want);
  }, 60_000);
});
