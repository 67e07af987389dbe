/**
 * Property: whatever string a spec puts in any position — descriptions, titles, names, enum
 * values, paths, tags, operationIds, URLs, lone surrogates included — the rendered package
 * parses, and every string literal carrying spec text says exactly what the spec said — the
 * package's mock (`src/testing/index.ts`) included.
 * `npm test` runs a few hundred cases; `npm run fuzz` (also in CI) runs 10 000.
 */
import fc from "fast-check";
import { ts } from "ts-morph";
import { describe, expect, it } from "vitest";
import { applyConventions } from "../../generator/conventions/index.js";
import { loadSpecText } from "../../generator/load/load-spec.js";
import { normalize } from "../../generator/normalize/normalize.js";
import { plan } from "../../generator/plan/plan.js";
import { renderPackage } from "../../generator/render/render.js";
import { SpecError } from "../../generator/spec-error.js";
import { validateSpec } from "../../generator/validate/validate-spec.js";

const RUNS = Number(process.env["FUZZ_RUNS"] ?? 300);

/** Any string: full Unicode, lone surrogates, control and line-separator characters. */
const anyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 24 }),
  fc.string({ unit: fc.constantFrom("*", "/", "`", "$", "{", "}", "'", '"', "\\", "\n", "\r", "\u2028", "\u2029", "\ud800", "\udc00", "<", ">", "|", "@", " ", "a", "0"), maxLength: 24 }),
);

function literals(text: string): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
    node.forEachChild(visit);
  };
  visit(ts.createSourceFile("x.ts", text, ts.ScriptTarget.ES2022, true));
  return out;
}

function parseErrors(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  return (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, "\n"),
  );
}

describe("any spec string in any position", () => {
  it(`renders code that parses and round-trips its literals (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        fc.record({ description: anyString, title: anyString, enumValue: anyString, property: anyString, path: anyString, tag: anyString, operationId: anyString, param: anyString, url: anyString }),
        (s) => {
          const spec = {
            openapi: "3.1.0",
            info: { title: s.title || "t", version: "1", description: s.description },
            servers: [{ url: s.url }],
            tags: [{ name: s.tag, description: s.description }],
            paths: {
              [`/${s.path.replace(/[{}]/g, "")}`]: {
                get: {
                  operationId: s.operationId,
                  tags: [s.tag],
                  summary: s.description,
                  parameters: [{ name: s.param, in: "query", description: s.description, schema: { type: "string", enum: [s.enumValue] } }],
                  responses: { "200": { description: s.description, content: { "application/json": { schema: { $ref: "#/components/schemas/M" } } } } },
                },
              },
            },
            components: {
              schemas: {
                M: { type: "object", description: s.description, properties: { [s.property]: { type: "string", enum: [s.enumValue], description: s.description } } },
              },
            },
          };
          let files;
          try {
            const loaded = loadSpecText("fuzz.json", JSON.stringify(spec));
            validateSpec(loaded);
            const ir = normalize(loaded);
            files = renderPackage(plan({ ir, facts: applyConventions(loaded, ir), specName: "fuzz.json", stem: "fuzz" }));
          } catch (error) {
            // Refusing a spec (e.g. a `__proto__` key, an empty parameter name) is fine; crashing is not.
            if (error instanceof SpecError) return;
            throw error;
          }
          const ts = files.filter((f) => f.path.endsWith(".ts"));
          for (const f of ts) expect(parseErrors(f.path, f.content), f.path).toEqual([]);
          const all = ts.flatMap((f) => literals(f.content));
          expect(all).toContain(s.enumValue);
          expect(all).toContain(spec.paths && Object.keys(spec.paths)[0]);
          // The mock (`<package>/testing`) carries the spec's strings as data, exactly as written.
          const mock = literals(files.find((f) => f.path === "src/testing/index.ts")?.content ?? "");
          expect(mock).toContain(Object.keys(spec.paths)[0]);
          expect(mock).toContain(s.param);
          expect(mock).toContain(s.enumValue);
          if (s.operationId.trim() !== "") expect(mock).toContain(s.operationId);
        },
      ),
      { numRuns: RUNS },
    );
  }, 600_000);
});
