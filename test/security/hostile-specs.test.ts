/**
 * Spec text is untrusted: descriptions, names, enums, URLs and paths crafted to break out of
 * their position must come out inert — the package parses, its literals say exactly what the
 * spec said, and importing or calling it runs nothing.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { ts } from "ts-morph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePackage, type GeneratedPackage } from "../../generator/pipeline.js";

const CANARY = "__clientsmith_pwned__";
const payload = `globalThis.${CANARY}=1`;

const hostileDescription = `Ends */ ${payload}; /* and\r\nbreaks\u2028lines\u2029here */ throw 1; //`;
const hostileUrl = `https://x.example";${payload};x="`;
const hostilePath = "/items/${" + payload + "}/`tick`/'quote'/{itemId}";
const hostileEnum = ["a\"b", "'; " + payload + "; '", "10", "0x1F", "${" + payload + "}", "`x`", "\u2028"];
const hostileLinks = "[docs](javascript:alert(1)) [site](<javascript:alert(2)>) [page](data:text/html,x) [vb](vbscript:x) [ok](https://example.com/docs)";
const oddNames = ["mc.json", "@type", "x[0]", "a b", "class", "delete", ""];

const spec = {
  openapi: "3.1.0",
  info: { title: `Hostile */ ${payload} ${hostileLinks}`, version: "1.0.0", description: hostileDescription },
  servers: [{ url: hostileUrl }],
  paths: {
    [hostilePath]: {
      get: {
        operationId: "Items_Get",
        tags: ["Items"],
        summary: hostileDescription,
        description: hostileDescription,
        parameters: [
          { name: payload, in: "path", required: true, description: hostileDescription, schema: { type: "string" } },
          { name: "itemId", in: "path", required: true, description: hostileDescription, schema: { type: "string" } },
          { name: "q'uery`${x}", in: "query", description: hostileDescription, schema: { type: "string", enum: hostileEnum } },
          // Quote and backtick are allowed in a header name (an RFC 9110 token); a double quote is not.
          { name: "x-head'er`", in: "header", schema: { type: "string" } },
        ],
        responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Odd" } } } } },
      },
    },
  },
  components: {
    schemas: {
      Odd: {
        type: "object",
        description: hostileDescription,
        required: oddNames,
        properties: Object.fromEntries(
          oddNames.map((name) => [name, { type: "string", description: hostileDescription, example: `"${payload}"`, default: "a'b\"c" }]),
        ),
      },
      Kind: { type: "string", enum: hostileEnum, description: hostileDescription },
      Big: { type: "integer", enum: [1, 9007199254740993] },
      "class": { type: "object", properties: { "a b": { $ref: "#/components/schemas/Kind" } } },
      "Class": { type: "object", properties: { x: { type: "number", default: 12345678901234567890 } } },
    },
  },
};

let dir: string;
let pkg: GeneratedPackage;
const file = (path: string): string => pkg.files.find((f) => f.path === path)?.content ?? "";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "clientsmith-hostile-"));
  const specFile = join(dir, "hostile.json");
  writeFileSync(specFile, JSON.stringify(spec));
  pkg = await generatePackage(specFile);
  for (const f of pkg.files) {
    const path = join(dir, "out", f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("hostile spec text", () => {
  it("every generated TypeScript and JavaScript file parses", () => {
    for (const f of pkg.files.filter((f) => /\.(ts|js)$/.test(f.path))) {
      const source = ts.createSourceFile(f.path, f.content, ts.ScriptTarget.ES2022, true);
      const diagnostics = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
      expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")), f.path).toEqual([]);
    }
  });

  it("descriptions stay inside comments: models.ts holds only type declarations", () => {
    const source = ts.createSourceFile("models.ts", file("src/models.ts"), ts.ScriptTarget.ES2022, true);
    const kinds = new Set(source.statements.map((s) => ts.SyntaxKind[s.kind]));
    expect([...kinds].sort()).toEqual(["ExportDeclaration", "InterfaceDeclaration", "TypeAliasDeclaration"]);
    expect(file("src/models.ts")).not.toMatch(/\u2028|\u2029/);
  });

  it("the server URL, path and enum values appear only as exact string literals", () => {
    const literals = (text: string): string[] => {
      const out: string[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
        if (ts.isTemplateExpression(node)) out.push("<template>");
        node.forEachChild(visit);
      };
      visit(ts.createSourceFile("x.ts", text, ts.ScriptTarget.ES2022, true));
      return out;
    };
    // The runtime and the mock's engine are copied as written; src/testing/index.ts holds the mock's data.
    const copied = (path: string) => path.startsWith("src/runtime/") || (path.startsWith("src/testing/") && path !== "src/testing/index.ts");
    const all = pkg.files.filter((f) => f.path.startsWith("src/") && !copied(f.path)).flatMap((f) => literals(f.content));
    expect(all).toContain(hostilePath);
    for (const value of hostileEnum) expect(all).toContain(value);
    expect(all).not.toContain("<template>");
    // The mock routes the hostile path as the data it is.
    expect(literals(file("src/testing/index.ts"))).toContain(hostilePath);
    // A URL with quotes cannot be a default host: the package asks for baseUrl instead of running it.
    expect(file("src/client.ts")).toContain("readonly baseUrl: string");
  });

  it("odd property names become quoted keys; __proto__-free; no collisions between class and Class", () => {
    const models = file("src/models.ts");
    for (const key of ['"mc.json"', '"@type"', '"x[0]"', '"a b"', '""']) expect(models).toContain(`${key}: string;`);
    expect(models).toMatch(/\bclass: string;/);
    expect(models).toMatch(/\bdelete: string;/);
    expect(models).toContain("export interface Class ");
    expect(models).toContain("export interface Class2 ");
    // Integers beyond 2^53 are not trusted as literals.
    expect(models).toMatch(/export type Big = 1 \| number;/);
  });

  it("importing the built package and calling a method runs nothing from the spec", async () => {
    const mod = (await import(pathToFileURL(join(dir, "out", "dist", "index.js")).href)) as Record<string, unknown>;
    expect((globalThis as Record<string, unknown>)[CANARY]).toBeUndefined();
    const Client = Object.values(mod).find((v) => typeof v === "function" && /^class Hostile/.test(String(v))) as new (o: object) => {
      items: { get: (code: string, id: string, params?: object, options?: object) => Promise<unknown> };
    };
    const seen: string[] = [];
    const client = new Client({
      baseUrl: "https://api.test",
      maxRetries: 0,
      fetch: async (input: string | URL) => {
        seen.push(String(input));
        return new Response("{}", { headers: { "content-type": "application/json" } });
      },
    });
    await client.items.get("P", "1", { "q'uery`${x}": "10" });
    expect((globalThis as Record<string, unknown>)[CANARY]).toBeUndefined();
    expect(seen).toHaveLength(1);
    const url = new URL(seen[0] ?? "");
    expect(url.origin).toBe("https://api.test");
    expect(decodeURIComponent(url.pathname)).toBe("/items/$P/`tick`/'quote'/1");
    expect(url.searchParams.get("q'uery`${x}")).toBe("10");
  });
});

describe("keys that would be dangerous in generated objects", () => {
  it.each(["__proto__", "constructor", "prototype"])("%s as a property name is a spec error with its position", async (name) => {
    const d = mkdtempSync(join(tmpdir(), "clientsmith-proto-"));
    try {
      const text = [
        'openapi: "3.1.0"',
        "info: { title: T, version: '1' }",
        "paths: {}",
        "components:",
        "  schemas:",
        "    A:",
        "      type: object",
        "      properties:",
        `        ${name}: { type: string }`,
      ].join("\n");
      writeFileSync(join(d, "x.yaml"), text);
      await expect(generatePackage(join(d, "x.yaml"))).rejects.toThrow(new RegExp(`x\\.yaml:9:9: .*${name}`));
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe("the emitted README keeps hostile text out of HTML", () => {
  it("no raw tags, no broken code fences", () => {
    const readme = readFileSync(join(dir, "out", "README.md"), "utf8");
    expect(readme).not.toMatch(/<(?!!--)[a-z]/i);
  });

  it("links to javascript:, data: and vbscript: stay text; an https link stays a link", () => {
    const readme = readFileSync(join(dir, "out", "README.md"), "utf8");
    // A link forms where `]` (not escaped by a backslash) meets `(`: none of those may lead to a script.
    const targets = [...readme.matchAll(/(?<!\\)\]\(\s*<?([^)\s>]*)/g)].map((m) => m[1]);
    expect(targets).toContain("https://example.com/docs");
    expect(targets.filter((t) => /^(javascript|data|vbscript)/i.test(t ?? ""))).toEqual([]);
    expect(readme).toContain("[docs\\](javascript:alert(1))");
  });
});
