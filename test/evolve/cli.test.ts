/**
 * Versioning, the changelog, the report file and the CI gate, as users meet them: the CLI driven
 * in-process over a temporary project whose one spec, `specs/pets.json`, changes step by step.
 * The steps share the tree, in order, like a package's history.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Spec, petsSpec, project, removeTemps, run } from "./helpers.js";

afterAll(removeTemps);

/** The end of a report's first line: these projects are outside git, so the baseline is the package on disk. */
const DISK = ", compared with the package on disk (not in a git work tree)";

function hashTree(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else result[relative(dir, full).split(sep).join("/")] = createHash("sha256").update(readFileSync(full)).digest("hex");
    }
  };
  if (existsSync(dir)) walk(dir);
  return result;
}

/** Runs with stamps off, so that "nothing changed" is decided by the evolve stage itself. */
async function runUnstamped(...argv: string[]): ReturnType<typeof run> {
  const saved = process.env["CLIENTSMITH_STAMPS"];
  process.env["CLIENTSMITH_STAMPS"] = "off";
  try {
    return await run(...argv);
  } finally {
    if (saved === undefined) delete process.env["CLIENTSMITH_STAMPS"];
    else process.env["CLIENTSMITH_STAMPS"] = saved;
  }
}

describe("a package's history: versions, changelog, report and gate", () => {
  const p = project();
  const dir = join(p.generated, "pets");
  const specFile = join(p.specs, "pets.json");
  let spec: Spec;
  const version = (): string => (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
  const report = (): { version: string; releases: { version: string; previous: string | null; level: string; changes: { id: string; level: string }[] }[] } =>
    JSON.parse(readFileSync(join(dir, "api-changes.json"), "utf8"));
  const changelog = (): string => readFileSync(join(dir, "CHANGELOG.md"), "utf8");
  const change = (edit: (s: Spec) => void): void => {
    edit(spec);
    p.write("pets.json", spec);
  };

  const gate = (ids: string[], from: string, to: string, previousSpec: string): string =>
    [
      `${dir}: pets-client ${to} has ${ids.length} breaking change${ids.length === 1 ? "" : "s"} that ${specFile} does not accept:`,
      ...ids.map((id) => `  ${id}`),
      `Code that calls pets-client ${from} may stop compiling or behave differently. If ${ids.length === 1 ? "the change is" : "the changes are"} intended,`,
      `accept ${ids.length === 1 ? "it" : "them"} by running again with \`--accept-breaking\` (\`npm run generate -- --accept-breaking\`), which adds ${ids.length === 1 ? "its id" : "their ids"} to`,
      `x-conventions.client.accept-breaking in ${specFile}, keeping the file's comments and layout (keep the list until the next release replaces this one),`,
      `or raise the major version in info.version to ${Number(previousSpec.split(".")[0]) + 1} or more (the previous release came from info.version "${previousSpec}").`,
      "",
    ].join("\n");

  beforeAll(() => {
    spec = petsSpec();
    p.write("pets.json", spec);
  });

  it("a new package starts at 0.1.0, with a report and a changelog", async () => {
    const first = await run(...p.flags);
    expect(first).toEqual({ code: 0, out: `wrote ${dir}\n`, err: "" });
    expect(version()).toBe("0.1.0");
    expect(report().releases).toEqual([{ version: "0.1.0", previous: null, level: "initial", spec: { file: "pets.json", version: "1.0.0" }, changes: [] }]);
    expect(changelog()).toContain("\n## 0.1.0 — first recorded version\n\nGenerated from `pets.json` (info.version `1.0.0`).\n");
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { files: string[] };
    expect(manifest.files).toEqual(["dist", "src", "README.md", "CHANGELOG.md", "api-changes.json"]);
  }, 30_000);

  it("regenerating the same spec bumps nothing, adds no entry and writes nothing", async () => {
    const before = hashTree(dir);
    expect(await runUnstamped(...p.flags)).toEqual({ code: 0, out: "1 package(s) already up to date.\n", err: "" });
    expect(await run(...p.flags, "--check")).toEqual({ code: 0, out: "1 package up to date.\n", err: "" });
    expect(hashTree(dir)).toEqual(before);
  }, 30_000);

  it("a change that leaves the API alone is a patch, recorded once", async () => {
    change((s) => (s.components.schemas.Pet.description = "A pet, as the API returns it."));
    expect(await run(...p.flags)).toEqual({ code: 0, out: `wrote ${dir}\n${dir}: pets-client 0.1.0 → 0.1.1 (patch: no API change)${DISK}\n`, err: "" });
    expect(version()).toBe("0.1.1");
    expect(report().releases.map((r) => [r.version, r.previous, r.level])).toEqual([
      ["0.1.1", "0.1.0", "none"],
      ["0.1.0", null, "initial"],
    ]);
    expect(changelog()).toContain("\n## 0.1.1 — no API change\n\nFrom 0.1.0; generated from `pets.json` (info.version `1.0.0`).\n\nThe package's code or documentation changed; its API did not.\n");
    // and again: sticky
    expect((await runUnstamped(...p.flags)).out).toBe("1 package(s) already up to date.\n");
    expect(version()).toBe("0.1.1");
    expect(changelog().match(/^## /gm)).toHaveLength(2);
  }, 30_000);

  it("an additive change is a minor version, and the run prints it", async () => {
    change((s) => (s.components.schemas.Pet.properties.color = { type: "string" }));
    const result = await run(...p.flags);
    expect(result).toEqual({
      code: 0,
      out: [
        `wrote ${dir}`,
        `${dir}: pets-client 0.1.1 → 0.2.0 (minor: 1 additive)${DISK}`,
        "  additive  property-added:Pet.color  new optional property `color?: string` (Pet is output)",
        "",
      ].join("\n"),
      err: "",
    });
    expect(version()).toBe("0.2.0");
    expect(report().releases[0]).toEqual({
      version: "0.2.0",
      previous: "0.1.1",
      level: "additive",
      spec: { file: "pets.json", version: "1.0.0" },
      changes: [{ id: "property-added:Pet.color", kind: "property-added", level: "additive", subject: "Pet.color", detail: "new optional property `color?: string` (Pet is output)" }],
    });
    expect(changelog()).toContain("## 0.2.0 — additions\n\nFrom 0.1.1; generated from `pets.json` (info.version `1.0.0`).\n\n### Additive\n\n- `property-added:Pet.color`: new optional property `color?: string` (Pet is output)\n");
  }, 30_000);

  it("a breaking change the spec does not accept: exit 1, the exact fix, nothing written", async () => {
    change((s) => delete s.components.schemas.Pet.properties.tag);
    const before = hashTree(dir);
    const refused = await run(...p.flags);
    expect(refused.err).toBe("");
    expect(refused.code).toBe(1);
    expect(refused.out).toBe(
      [
        `${dir}: pets-client 0.2.0 → 1.0.0 (major: 1 breaking)${DISK}`,
        "  breaking  property-removed:Pet.tag  `tag?: string | null` is gone (Pet is output)",
        "",
        gate(["property-removed:Pet.tag"], "0.2.0", "1.0.0", "1.0.0"),
        "Nothing was written.",
        "",
      ].join("\n"),
    );
    expect(hashTree(dir)).toEqual(before);

    // CI's --check fails on it too: the drift, the report and the same message.
    const check = await run(...p.flags, "--check");
    expect(check.code).toBe(1);
    // models.ts and its declarations, the mock's data (src/testing/index.ts, dist/testing/index.js), package.json and the history.
    expect(check.out).toContain(`${dir}: 7 files differ from the spec\n`);
    expect(check.out).toContain("  changed package.json\n");
    expect(check.out).toContain(`\n${dir}: pets-client 0.2.0 → 1.0.0 (major: 1 breaking)${DISK}\n`);
    expect(check.out).toContain(gate(["property-removed:Pet.tag"], "0.2.0", "1.0.0", "1.0.0"));
    expect(hashTree(dir)).toEqual(before);
  }, 30_000);

  it("accepted by its id, the breaking change is a major version", async () => {
    change((s) => (s["x-conventions"].client["accept-breaking"] = ["property-removed:Pet.tag"]));
    const accepted = await run(...p.flags);
    expect(accepted.code).toBe(0);
    expect(accepted.out).toBe(`wrote ${dir}\n${dir}: pets-client 0.2.0 → 1.0.0 (major: 1 breaking)${DISK}\n  breaking  property-removed:Pet.tag  \`tag?: string | null\` is gone (Pet is output)\n`);
    expect(version()).toBe("1.0.0");
    expect(changelog()).toContain("## 1.0.0 — breaking changes\n\nFrom 0.2.0; generated from `pets.json` (info.version `1.0.0`).\n\n### Breaking\n\n- `property-removed:Pet.tag`: `tag?: string | null` is gone (Pet is output)\n");
    expect(await run(...p.flags, "--check")).toEqual({ code: 0, out: "1 package up to date.\n", err: "" });
  }, 30_000);

  it("while the committed release is breaking, the acceptance must stay", async () => {
    const accepted = structuredClone(spec);
    change((s) => delete s["x-conventions"].client["accept-breaking"]);
    const before = hashTree(dir);
    const message = gate(["property-removed:Pet.tag"], "0.2.0", "1.0.0", "1.0.0");
    expect(await run(...p.flags, "--check")).toEqual({ code: 1, out: `\n${message}`, err: "" });
    expect(await run(...p.flags)).toEqual({ code: 1, out: `${message}\nNothing was written.\n`, err: "" });
    expect(hashTree(dir)).toEqual(before);
    spec = accepted;
    p.write("pets.json", spec);
    expect((await run(...p.flags, "--check")).code).toBe(0);
  }, 30_000);

  it("once a later release replaces it, the acceptance accepts nothing and a note says so", async () => {
    change((s) => (s.components.schemas.Pet.properties.age = { type: "integer" }));
    const result = await run(...p.flags);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`${dir}: pets-client 1.0.0 → 1.1.0 (minor: 1 additive)${DISK}\n`);
    expect(result.out).toContain(
      `note: ${specFile}: x-conventions.client.accept-breaking names changes that are not breaking changes of pets-client 1.1.0; they accept nothing and can go:\n  property-removed:Pet.tag\n`,
    );
    change((s) => delete s["x-conventions"].client["accept-breaking"]);
    expect(await run(...p.flags, "--check")).toEqual({ code: 0, out: "1 package up to date.\n", err: "" });
  }, 30_000);

  it("raising info.version's major number accepts a breaking change too", async () => {
    change((s) => {
      delete s.components.schemas.Pet.properties.age;
      s.info.version = "2.0.0";
    });
    const result = await run(...p.flags);
    expect(result.code).toBe(0);
    expect(result.out).toContain("  breaking  property-removed:Pet.age  `age?: number` is gone (Pet is output)\n");
    expect(version()).toBe("2.0.0");
    expect(report().releases.map((r) => r.version)).toEqual(["2.0.0", "1.1.0", "1.0.0", "0.2.0", "0.1.1", "0.1.0"]);
    expect(await run(...p.flags, "--check")).toEqual({ code: 0, out: "1 package up to date.\n", err: "" });
  }, 30_000);

  it("a hand edit is drift, and repairing it is no new version", async () => {
    const models = join(dir, "src/models.ts");
    const original = readFileSync(models, "utf8");
    writeFileSync(models, original.replace("export interface Pet {", "export interface Pet { // edited"));
    const check = await run(...p.flags, "--check");
    expect(check.code).toBe(1);
    expect(check.out).toContain(`${dir}: 1 file differ from the spec\n  changed src/models.ts\n`);
    expect(check.out).not.toContain("→");
    expect(await run(...p.flags)).toEqual({ code: 0, out: `wrote ${dir}\n`, err: "" });
    expect(readFileSync(models, "utf8")).toBe(original);
    expect(version()).toBe("2.0.0");

    const manifest = join(dir, "package.json");
    writeFileSync(manifest, readFileSync(manifest, "utf8").replace('"version": "2.0.0"', '"version": "9.9.9"'));
    const versionEdit = await run(...p.flags, "--check");
    expect(versionEdit.code).toBe(1);
    expect(versionEdit.out).toContain(`  changed package.json\n      @@ -1,7 +1,7 @@\n`);
    expect(versionEdit.out).toContain(`      -  "version": "9.9.9",\n      +  "version": "2.0.0",\n`);
    expect((await run(...p.flags)).code).toBe(0);
    expect(version()).toBe("2.0.0");
  }, 30_000);
});

describe("packages committed before reports existed", () => {
  it("keep their version; the first change after bumps from it", async () => {
    const p = project();
    const dir = join(p.generated, "pets");
    const spec = petsSpec();
    p.write("pets.json", spec);
    expect((await run(...p.flags)).code).toBe(0);
    // What a package from before this stage looks like: no report, no changelog, some version.
    rmSync(join(dir, "api-changes.json"));
    rmSync(join(dir, "CHANGELOG.md"));
    const manifest = join(dir, "package.json");
    writeFileSync(manifest, readFileSync(manifest, "utf8").replace('"version": "0.1.0"', '"version": "0.3.0"'));

    const adopted = await runUnstamped(...p.flags);
    expect(adopted).toEqual({ code: 0, out: `wrote ${dir}\n`, err: "" });
    const first = JSON.parse(readFileSync(join(dir, "api-changes.json"), "utf8")) as { version: string; releases: unknown[] };
    expect(first.version).toBe("0.3.0");
    expect(first.releases).toEqual([{ version: "0.3.0", previous: null, level: "initial", spec: { file: "pets.json", version: "1.0.0" }, changes: [] }]);

    rmSync(join(dir, "api-changes.json"));
    rmSync(join(dir, "CHANGELOG.md"));
    spec.paths["/pets/{petId}"].delete = { tags: ["Pets"], operationId: "Pets_Delete", parameters: spec.paths["/pets/{petId}"].get.parameters, responses: { "204": { description: "Gone." } } };
    p.write("pets.json", spec);
    const changed = await run(...p.flags);
    expect(changed.out).toContain(`${dir}: pets-client 0.3.0 → 0.4.0 (minor: 2 additive)${DISK}\n  additive  export-added:petsDelete  new function \`petsDelete\`\n  additive  operation-added:pets.delete  new \`pets.delete(petId: string, options?: RequestOptions): APIPromise<void>\`\n`);
    const second = JSON.parse(readFileSync(join(dir, "api-changes.json"), "utf8")) as { releases: { version: string; level: string; spec: unknown }[] };
    expect(second.releases.map((r) => [r.version, r.level, r.spec])).toEqual([
      ["0.4.0", "additive", { file: "pets.json", version: "1.0.0" }],
      ["0.3.0", "initial", null],
    ]);
  }, 30_000);
});

describe("x-conventions.client.accept-breaking is checked like any convention", () => {
  const yaml = (acceptBreaking: string): string =>
    [
      "openapi: 3.0.3",
      "info: { title: Tiny, version: 1.0.0 }",
      "paths: {}",
      "x-conventions:",
      "  client:",
      "    accept-breaking:",
      acceptBreaking,
      "",
    ].join("\n");
  const cases: { name: string; given: string; want: string }[] = [
    { name: "not a change id", given: "      - just remove it", want: 'x.yaml:7:9: client: accept-breaking: "just remove it" is not a change id: expected <kind>:<subject>, e.g. property-removed:Pet.tag' },
    { name: "an unknown kind", given: "      - property-deleted:Pet.tag", want: 'x.yaml:7:9: client: accept-breaking: "property-deleted:Pet.tag" names an unknown kind of change "property-deleted" (known: export-added, ' },
    { name: "listed twice", given: "      - property-removed:Pet.tag\n      - property-removed:Pet.tag", want: 'x.yaml:8:9: client: accept-breaking: "property-removed:Pet.tag" is listed twice' },
    { name: "not a list", given: "      property-removed: Pet.tag", want: 'x.yaml:7:7: client: "accept-breaking" must be a list of strings' },
  ];
  it.each(cases)("$name", async ({ given, want }) => {
    const p = project();
    p.write("x.yaml", yaml(given));
    const result = await run(...p.flags);
    expect(result.code).toBe(2);
    expect(result.err.startsWith(join(p.specs, want))).toBe(true);
  });

  it("a valid list, with no client name: the name defaults as before", async () => {
    const p = project();
    p.write("x.yaml", yaml("      - property-removed:Pet.tag"));
    const result = await run(...p.flags);
    expect(result.code).toBe(0);
    expect(readFileSync(join(p.generated, "x", "src/client.ts"), "utf8")).toContain("export class X ");
  }, 30_000);
});
