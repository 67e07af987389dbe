/**
 * What a reviewer reads in a generated package: the public class names, the client's JSDoc, the
 * package.json and the files beside it. Each case generates a small fixture spec in memory.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generatePackage } from "../../generator/pipeline.js";

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/specs/naming/${name}`, import.meta.url));

async function files(spec: string): Promise<Map<string, string>> {
  const pkg = await generatePackage(fixture(spec));
  return new Map(pkg.files.map((f) => [f.path, f.content]));
}

describe("a resource class never takes a numbered name", () => {
  it("given tag Zone beside model Zone, want class ZoneResource (not Zone2) and the model keeps Zone", async () => {
    const out = await files("zones.yaml");
    const index = out.get("src/index.ts") ?? "";
    expect(index).toContain("export { ZoneResource }");
    expect(index).not.toMatch(/\bZone2\b/);
    expect(out.get("src/models.ts")).toMatch(/export interface Zone \{/);
  });
});
