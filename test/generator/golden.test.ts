/**
 * The drift check as a test: every `specs/*.yaml` generates exactly the committed
 * `generated/<name>/`, file for file (what `npm run generate -- --check` verifies in CI).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findDrift } from "../../generator/emit/drift.js";
import { evolvePackage } from "../../generator/evolve/evolve.js";
import { generatePackage } from "../../generator/pipeline.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SPECS = readdirSync(join(ROOT, "specs")).filter((f) => /\.ya?ml$|\.json$/.test(f)).sort();

describe("generated/ is what the specs produce", () => {
  it("there are specs to check", () => expect(SPECS.length).toBeGreaterThan(0));

  it.each(SPECS)("specs/%s", async (spec) => {
    const pkg = await generatePackage(join(ROOT, "specs", spec));
    // As the CLI does: versioned against the committed package, with its API report and changelog.
    const { output, unacknowledged } = evolvePackage(join(ROOT, "generated", pkg.name), pkg.files, pkg.spec);
    expect(unacknowledged.map((c) => c.id), "breaking changes the spec does not accept").toEqual([]);
    const drift = findDrift(output);
    const report = drift.map((d) => `${d.kind} generated/${pkg.name}/${d.path}${d.diff === "" ? "" : `\n${d.diff}`}`).join("\n");
    expect(report, "run `npm run generate` (never edit generated/ by hand)").toBe("");
  }, 30_000);
});
