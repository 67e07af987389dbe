/**
 * The fast paths of the API gate give the report the full path gives: a package is compared with
 * its baseline by reading only the statements of its declarations that differ from the
 * baseline's (statements.ts), and not at all when only prose differs (surface-cache.ts).
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ts } from "ts-morph";
import { afterAll, describe, expect, it } from "vitest";
import { diffSurfaces } from "../../generator/evolve/diff.js";
import { FactsMemo, PARSE_OPTIONS, splitStatements } from "../../generator/evolve/statements.js";
import { apiChanges, cachedSurface, surfaceKey } from "../../generator/evolve/surface-cache.js";
import { extractSurface } from "../../generator/evolve/surface.js";
import { type Spec, generateFrom, petsSpec, removeTemps } from "./helpers.js";

afterAll(removeTemps);

const files = async (edit: (spec: Spec) => void = () => {}): Promise<Map<string, string>> => {
  const spec = petsSpec();
  edit(spec);
  const pkg = await generateFrom(spec);
  return new Map(pkg.files.map((f) => [f.path, f.content]));
};

const changes: { name: string; edit: (spec: Spec) => void; reported: boolean }[] = [
  { name: "a description changed", edit: (s) => (s.paths["/pets/{petId}"].get.description = "Fetches one pet."), reported: false },
  { name: "an operation added", edit: (s) => (s.paths["/owners"] = { get: { tags: ["Owners"], operationId: "Owners_List", responses: { 200: { description: "ok" } } } }), reported: true },
  { name: "a property added", edit: (s) => (s.components.schemas.Pet.properties.color = { type: "string" }), reported: true },
  { name: "a property removed", edit: (s) => delete s.components.schemas.Pet.properties.tag, reported: true },
  { name: "a required input property added", edit: (s) => ((s.components.schemas.NewPet.properties.age = { type: "integer" }), s.components.schemas.NewPet.required.push("age")), reported: true },
  { name: "an operation deprecated", edit: (s) => (s.paths["/pets/{petId}"].get.deprecated = true), reported: true },
  { name: "an operation removed", edit: (s) => delete s.paths["/pets/{petId}"], reported: true },
  { name: "a path changed", edit: (s) => ((s.paths["/animals/{petId}"] = s.paths["/pets/{petId}"]), delete s.paths["/pets/{petId}"]), reported: true },
];

describe("the incremental read of a changed package", () => {
  it.each(changes)("$name: the statements of the baseline are reused, and the surface is the one a full read gives", async ({ edit }) => {
    const before = await files();
    const after = await files(edit);
    const known = new FactsMemo();
    extractSurface(before, known);
    const memo = new FactsMemo(known.used);
    expect(extractSurface(after, memo)).toEqual(extractSurface(after));
    // only what differs is read again: a few statements of the package's hundreds
    expect(memo.added.size).toBeLessThan(known.used.size / 4);
  }, 30_000);

  it.each(changes)("$name: compared with a baseline whose surface is cached, the report is the full path's", async ({ edit, reported }) => {
    const before = await files();
    const after = await files(edit);
    cachedSurface(before);
    const full = diffSurfaces(extractSurface(before), extractSurface(after));
    expect(apiChanges(before, after)).toEqual(full);
    expect(full.length > 0).toBe(reported);
    // and again, now that both are cached
    expect(apiChanges(before, after)).toEqual(full);
  }, 30_000);

  it("a baseline read for the first time gives the full path's report too", async () => {
    // a model no earlier test has: declarations no cache has seen
    const name = `Unseen${Date.now()}`;
    const unseen = (s: Spec): void => {
      s.components.schemas[name] = { type: "object", properties: { id: { type: "string" } } };
    };
    const before = await files(unseen);
    const after = await files((s) => (unseen(s), (s.components.schemas.Pet.properties.color = { type: "string" })));
    expect(apiChanges(before, after)).toEqual(diffSurfaces(extractSurface(before), extractSurface(after)));
  }, 30_000);

  it("a statement whose text changed is read again, not served from the baseline's", async () => {
    const before = await files();
    const after = await files((s) => (s.components.schemas.Pet.properties.name = { type: "integer" }));
    const known = new FactsMemo();
    extractSurface(before, known);
    const surface = extractSurface(after, new FactsMemo(known.used));
    expect(surface.models["Pet"]).toMatchObject({ properties: { name: { type: "number" } } });
  }, 30_000);

  it("a file whose statements cannot be cut apart by lines is read whole, with the same surface", async () => {
    const before = await files();
    const known = new FactsMemo();
    extractSurface(before, known);
    // two statements on one line: no piece reads as one whole statement
    const models = (before.get("dist/models.d.ts") ?? "").replace(/;\nexport /, "; export ");
    const after = new Map([...before, ["dist/models.d.ts", `${models}export type Extra = "a" | "b";\n`]]);
    expect(extractSurface(after, new FactsMemo(known.used))).toEqual(extractSurface(after));
  }, 30_000);
});

describe("what the cache holds is checked, not trusted", () => {
  const CACHE = join(import.meta.dirname, "../../node_modules/.cache/clientsmith/surfaces");
  it.each([
    { name: "unreadable", text: "{ not json" },
    { name: "empty", text: "{}" },
  ])("the baseline's cached surface and statements $name: the report is still the full path's", async ({ text }) => {
    const before = await files((s) => (s.components.schemas.Pet.properties.weight = { type: "number" }));
    const after = await files((s) => ((s.components.schemas.Pet.properties.weight = { type: "number" }), delete s.components.schemas.Pet.properties.tag));
    cachedSurface(before);
    const key = surfaceKey(before);
    for (const file of [`${key}.json`, `${key}.facts.json`]) writeFileSync(join(CACHE, file), text);
    const full = diffSurfaces(extractSurface(before), extractSurface(after));
    expect(full.map((c) => c.id)).toContain("property-removed:Pet.tag");
    expect(apiChanges(before, after)).toEqual(full);
  }, 30_000);
});

describe("statements cut by lines are the statements TypeScript reads", () => {
  const root = join(import.meta.dirname, "../../generated");
  const packages = readdirSync(root).filter((d) => existsSync(join(root, d, "dist/index.d.ts")));
  it.each(packages)("generated/%s", (name) => {
    const dist = join(root, name, "dist");
    for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".d.ts")) continue;
      const text = readFileSync(join(entry.parentPath, entry.name), "utf8");
      const sf = ts.createSourceFile(entry.name, text, PARSE_OPTIONS, false);
      expect(splitStatements(text)).toEqual(sf.statements.map((st) => text.slice(st.pos, st.end)));
    }
  });
});
