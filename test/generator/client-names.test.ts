/**
 * What a reviewer reads in a generated package: the public class names, the client's JSDoc, the
 * package.json and the files beside it. Each case generates a small fixture spec in memory.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { generatePackage } from "../../generator/pipeline.js";
import { SpecError } from "../../generator/spec-error.js";
import { generateFrom, petsSpec, project, removeTemps, run } from "../evolve/helpers.js";

afterAll(removeTemps);

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

describe("package.json metadata and the LICENSE from client", () => {
  it("given license, license-file, repository, homepage and author, want them in package.json and the text in LICENSE", async () => {
    const out = await files("zones.yaml");
    const manifest = JSON.parse(out.get("package.json") ?? "{}") as Record<string, unknown>;
    expect(manifest).toMatchObject({
      license: "MIT",
      repository: "github:zones/zones-client",
      homepage: "https://zones.example.com/docs",
      author: "Zones Inc. <sdk@zones.example.com>",
    });
    expect(manifest["files"]).toContain("LICENSE");
    expect(out.get("LICENSE")).toMatch(/^MIT License\n\nCopyright \(c\) 2026 Zones Inc\./);
  });

  it("given no metadata, want none of those fields and no LICENSE", async () => {
    const out = await files("plain.yaml");
    const manifest = JSON.parse(out.get("package.json") ?? "{}") as Record<string, unknown>;
    expect(["license", "repository", "homepage", "author"].filter((k) => k in manifest)).toEqual([]);
    expect(out.has("LICENSE")).toBe(false);
  });
});

describe("a LICENSE given in the spec is generated, so --check accepts it", () => {
  it("given client.license-text, want LICENSE written and --check exiting 0", async () => {
    const p = project();
    const spec = petsSpec();
    spec["x-conventions"].client["license"] = "Apache-2.0";
    spec["x-conventions"].client["license-text"] = "Apache License, Version 2.0";
    p.write("pets.json", spec);
    expect((await run(...p.flags)).code).toBe(0);
    expect(readFileSync(join(p.generated, "pets", "LICENSE"), "utf8")).toBe("Apache License, Version 2.0\n");
    expect(await run(...p.flags, "--check")).toMatchObject({ code: 0, err: "" });
    expect(existsSync(join(p.generated, "pets", "LICENSE"))).toBe(true);
  }, 30_000);
});

describe("x-conventions.operations overrides a method's name and resource by operationId", () => {
  it("given getAlSubscriptions → method listAll and PaymentIntents_GetRefundById → Refunds.get, want subscriptions.listAll and refunds.get", async () => {
    const out = await files("overrides.yaml");
    const client = out.get("src/client.ts") ?? "";
    expect(client).toMatch(/readonly subscriptions: Subscriptions;/);
    expect(client).toMatch(/readonly refunds: Refunds;/);
    expect(client).not.toMatch(/paymentIntents/);
    expect(out.get("src/resources/subscriptions.ts")).toMatch(/^  listAll\(/m);
    expect(out.get("src/resources/refunds.ts")).toMatch(/^  get\(refundId: string/m);
    expect(out.get("src/resources/refunds.ts")).toMatch(/^  create\(id: string/m);
  });

  it("given an unknown operationId and two methods of one resource named get, want each reported at file:line:col", async () => {
    const error = await generatePackage(fixture("bad-overrides.yaml")).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpecError);
    const lines = (error as SpecError).message.split("\n").map((l) => l.replace(/^.*[\\/]/, ""));
    expect(lines).toEqual([
      'bad-overrides.yaml:7:5: operations: the spec has no operation "getAllSubscriptions"',
      'bad-overrides.yaml:12:15: operations: Refunds already has a method "get"; choose another name',
    ]);
  });
});

describe("the client's JSDoc is a summary; the README has the description; no HTML comment or relative link leaks", () => {
  const classDoc = (client: string): string => /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\nexport class/.exec(client)?.[1] ?? "";

  it("given a three-paragraph description and docs-url, want the first paragraph and the docs link on the class", async () => {
    const out = await files("prose.yaml");
    const doc = classDoc(out.get("src/client.ts") ?? "");
    expect(doc).toContain("The Prose API moves words around.");
    expect(doc).not.toContain("Overview");
    expect(doc).toContain("Documentation: https://prose.example.com/docs/api/");
    expect(doc).not.toContain("third paragraph");
    expect(doc).not.toContain("<!--");
  });

  it("given docs-url, want relative links resolved against it in JSDoc and README, and no HTML comment anywhere", async () => {
    const out = await files("prose.yaml");
    const readme = out.get("README.md") ?? "";
    expect(readme).toContain("## About the Prose API\n\n### Overview\n\nThe Prose API moves words around.");
    expect(readme).toContain("[the guide](https://prose.example.com/docs/guides/start/)");
    expect(readme).toContain("A third paragraph that only the README shows.");
    expect(out.get("src/resources/words.ts")).toContain("[counts](https://prose.example.com/counting/)");
    for (const [path, text] of out) {
      if (path.startsWith("src/") || path === "README.md") expect({ path, leaks: /internal: rewrite|editors|hidden/.test(text) }).toEqual({ path, leaks: false });
    }
  });

  it("given no docs-url, want relative links reduced to their text and absolute ones kept", async () => {
    const out = await files("prose-no-docs.yaml");
    const readme = out.get("README.md") ?? "";
    expect(readme).toContain("Start with the guide and read about [limits](https://prose.example.com/limits).");
    expect(out.get("src/resources/words.ts")).toMatch(/Words and their counts\./);
    expect(classDoc(out.get("src/client.ts") ?? "")).not.toContain("Documentation:");
  });

  it("given info.summary, want it rather than the description on the class", async () => {
    const out = await files("overrides.yaml");
    expect(classDoc(out.get("src/client.ts") ?? "")).toContain("Odd operationIds, renamed by the spec.");
    expect(classDoc(out.get("src/client.ts") ?? "")).not.toContain("belongs to the README");
    expect(out.get("README.md")).toContain("A long description that belongs to the README only.");
  });
});

describe("errorClasses and the paging types are exported only where a user needs them", () => {
  const exported = (index: string, name: string): boolean => new RegExp(`export (type )?\\{[^}]*\\b${name}\\b`).test(index);
  const cases: { given: string; spec: () => string; want: Record<string, boolean> }[] = [
    {
      given: "a package without paged lists",
      spec: () => fixture("zones.yaml"),
      want: { errorClasses: false, Page: false, PagePromise: false, APIPromise: true, NotFoundError: true },
    },
    {
      given: "a package with paged lists",
      spec: () => fileURLToPath(new URL("../fixtures/specs/paging-dialects.yaml", import.meta.url)),
      want: { errorClasses: false, Page: true, PagePromise: true, APIPromise: true, NotFoundError: true },
    },
    {
      given: "a package without paged lists that keeps its earlier exports (legacy-exports)",
      spec: () => fixture("legacy-exports.yaml"),
      want: { errorClasses: true, Page: true, PagePromise: true, APIPromise: true, NotFoundError: true },
    },
  ];
  it.each(cases)("$given", async ({ spec, want }) => {
    const pkg = await generatePackage(spec());
    const index = pkg.files.find((f) => f.path === "src/index.ts")?.content ?? "";
    const errors = pkg.files.find((f) => f.path === "src/errors.ts")?.content ?? "";
    const got = Object.fromEntries(Object.keys(want).map((name) => [name, exported(index, name) || (name.endsWith("Error") && errors.includes(`class ${name} `))]));
    expect(got).toEqual(want);
  });
});

describe("client's new keys refuse what they cannot use, at the key", () => {
  const cases: { given: Record<string, unknown>; want: RegExp }[] = [
    { given: { "license-text": "MIT", "license-file": "LICENSE" }, want: /pets\.json:\d+:\d+: client: give the license as license-text or license-file, not both/ },
    { given: { "license-file": "no-such-LICENSE" }, want: /pets\.json:\d+:\d+: client: license-file "no-such-LICENSE" cannot be read/ },
    { given: { "docs-url": "docs/api" }, want: /pets\.json:\d+:\d+: client: docs-url "docs\/api" must be an absolute http\(s\) URL/ },
    { given: { "open-enums": "yes" }, want: /pets\.json:\d+:\d+: client: "open-enums" must be true or false/ },
  ];
  it.each(cases)("given client $given, want an error", async ({ given, want }) => {
    const spec = petsSpec();
    Object.assign(spec["x-conventions"].client, given);
    const error = await generateFrom(spec).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).message).toMatch(want);
  });
});
