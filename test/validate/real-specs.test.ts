/**
 * The five real documents must load and validate with no problems: the checks must not reject
 * what real APIs publish. Timings go to the console, to notice when a change makes them slow.
 */

import { describe, expect, it } from "vitest";
import { loadSpecFile } from "../../generator/load/load-spec.js";
import { isMapping } from "../../generator/validate/shape.js";
import { validateSpec } from "../../generator/validate/validate-spec.js";
import { realSpec } from "../fixtures/real-specs/real-specs.mjs";


const SPECS = [
  "petstore.yaml",
  "dojo-api.openapi.2024-02-05.yaml",
  "dojo-api.openapi.2026-02-27.json",
  "stripe.spec3.2023-09-12.yaml",
  "github.api.github.com.octokit-23.0.2.json",
];

describe("real specs load and validate clean", () => {
  it.each(SPECS)("%s", (name) => {
    const file = realSpec(name);
    const start = performance.now();
    const spec = loadSpecFile(file);
    const loaded = performance.now();
    validateSpec(spec);
    const validated = performance.now();
    console.log(`${name}: load ${(loaded - start).toFixed(0)} ms, validate ${(validated - loaded).toFixed(0)} ms`);
    const document = isMapping(spec.document) ? spec.document : {};
    expect(document["openapi"]).toMatch(/^3\.[01]\./);
    expect(Object.keys(isMapping(document["paths"]) ? document["paths"] : {}).length).toBeGreaterThan(0);
  }, 60_000);
});
