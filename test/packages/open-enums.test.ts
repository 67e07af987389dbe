/**
 * Open output enums (`x-conventions.client.open-enums: true`) as a strict consumer compiles them:
 * a `switch` over a returned enum with a `default` compiles, and a value the provider adds later
 * is a string it may already receive; an unknown string where an input enum is expected is still
 * a type error.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateFrom, petsSpec, removeTemps, tempDir } from "../evolve/helpers.js";
import { type TscResult, runTsc, strictProject } from "../helpers/packages.js";

afterAll(removeTemps);

const CONSUMER = `import { PetStore } from "./pkg/src/index.js";
import type { Pet, PetKind } from "./pkg/src/index.js";

const store = new PetStore({ baseUrl: "https://api.example.test" });

export function describeKind(kind: PetKind): string {
  switch (kind) {
    case "cat":
      return "meows";
    case "dog":
      return "barks";
    default:
      return \`an animal the API added later: \${kind}\`;
  }
}

export async function first(): Promise<string> {
  const pet: Pet = await store.pets.get("p1");
  const later: PetKind = "bird";
  return pet.kind === undefined ? describeKind(later) : describeKind(pet.kind);
}
`;

const UNKNOWN_INPUT = `import { PetStore } from "./pkg/src/index.js";

const store = new PetStore({ baseUrl: "https://api.example.test" });
export const created = store.pets.create({ name: "Rex", size: "huge" });
`;

describe("open output enums for a strict consumer", () => {
  let dir: string;
  let open: TscResult;
  let input: TscResult;
  beforeAll(async () => {
    const spec = petsSpec();
    spec["x-conventions"].client["open-enums"] = true;
    const pkg = await generateFrom(spec);
    dir = tempDir();
    for (const file of pkg.files) {
      mkdirSync(dirname(join(dir, "pkg", file.path)), { recursive: true });
      writeFileSync(join(dir, "pkg", file.path), file.content);
    }
    mkdirSync(join(dir, "open"));
    mkdirSync(join(dir, "input"));
    writeFileSync(join(dir, "open", "consumer.ts"), CONSUMER.replaceAll("./pkg/", "../pkg/"));
    writeFileSync(join(dir, "input", "consumer.ts"), UNKNOWN_INPUT.replaceAll("./pkg/", "../pkg/"));
    [open, input] = await Promise.all([
      runTsc(strictProject(join(dir, "open"), { files: ["consumer.ts"] })),
      runTsc(strictProject(join(dir, "input"), { files: ["consumer.ts"] })),
    ]);
  }, 60_000);

  it("given a switch with a default over an output enum and a value the API may add, want it to compile", () => {
    expect(open.diagnostics).toEqual([]);
    expect(open.exitCode).toBe(0);
  });

  it("given an unknown string where an input enum is expected, want a type error there", () => {
    expect(input.diagnostics.map((d) => [d.file.replace(/\\\\/g, "/").split("/").pop(), d.line, d.code])).toEqual([["consumer.ts", 4, "TS2322"]]);
  });
});
