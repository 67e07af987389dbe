/**
 * The surface cache: a surface is served again for the same declarations, also when only their
 * prose changed, and never when something the surface reads changed (a `@deprecated` line, an
 * endpoint line, code).
 */
import { afterAll, describe, expect, it } from "vitest";
import { cachedSurface, surfaceKey } from "../../generator/evolve/surface-cache.js";
import { extractSurface } from "../../generator/evolve/surface.js";
import { generateFrom, petsSpec, removeTemps } from "./helpers.js";

afterAll(removeTemps);

const files = async (edit: (spec: ReturnType<typeof petsSpec>) => void = () => {}): Promise<Map<string, string>> => {
  const spec = petsSpec();
  edit(spec);
  const pkg = await generateFrom(spec);
  return new Map(pkg.files.map((f) => [f.path, f.content]));
};

describe("surfaces cached by what they read", () => {
  it("a cached surface is the surface", async () => {
    const given = await files();
    expect(cachedSurface(given)).toEqual(extractSurface(given));
    expect(cachedSurface(given)).toEqual(extractSurface(given));
  }, 30_000);

  const cases: { name: string; edit: (spec: ReturnType<typeof petsSpec>) => void; same: boolean }[] = [
    { name: "a description changed: the same key", edit: (s) => (s.paths["/pets/{petId}"].get.description = "Fetches one pet, with a 'quote' and a /* comment */."), same: true },
    { name: "an operation deprecated: another key", edit: (s) => (s.paths["/pets/{petId}"].get.deprecated = true), same: false },
    { name: "a property deprecated: another key", edit: (s) => (s.components.schemas.Pet.properties.tag.deprecated = true), same: false },
    { name: "a path changed: another key", edit: (s) => ((s.paths["/animals/{petId}"] = s.paths["/pets/{petId}"]), delete s.paths["/pets/{petId}"]), same: false },
    { name: "a property added: another key", edit: (s) => (s.components.schemas.Pet.properties.color = { type: "string" }), same: false },
  ];
  it.each(cases)("$name", async ({ edit, same }) => {
    const before = await files();
    const after = await files(edit);
    expect(surfaceKey(after) === surfaceKey(before)).toBe(same);
    expect(cachedSurface(after)).toEqual(extractSurface(after));
  }, 30_000);
});
