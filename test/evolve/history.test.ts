/**
 * The release history's pieces: semver bumps, which `info.version` counts as a major version,
 * the fingerprint that decides "nothing changed", the report file and the changelog drawn from it.
 */
import { describe, expect, it } from "vitest";
import { type ApiReport, bump, fingerprint, parseReport, renderChangelog, serializeReport, specMajor, withVersion } from "../../generator/evolve/history.js";

describe("bump", () => {
  const cases: { given: [string, "breaking" | "additive" | "none"]; want: string }[] = [
    { given: ["0.1.0", "none"], want: "0.1.1" },
    { given: ["0.1.0", "additive"], want: "0.2.0" },
    { given: ["0.1.0", "breaking"], want: "1.0.0" },
    { given: ["1.4.7", "none"], want: "1.4.8" },
    { given: ["1.4.7", "additive"], want: "1.5.0" },
    { given: ["1.4.7", "breaking"], want: "2.0.0" },
    { given: ["2.0.0-beta.1", "none"], want: "2.0.1" },
  ];
  it.each(cases)("$given.0 + $given.1 → $want", ({ given, want }) => expect(bump(...given)).toBe(want));
});

describe("specMajor: which info.version can accept a breaking change by its major number", () => {
  const cases: { given: string | undefined; want: number | undefined }[] = [
    { given: "1.0.0", want: 1 },
    { given: "v2.3", want: 2 },
    { given: "3.0.0-rc.1", want: 3 },
    { given: "2024-02-05", want: undefined }, // dated versions: list the changes instead
    { given: "1", want: undefined },
    { given: "latest", want: undefined },
    { given: undefined, want: undefined },
  ];
  it.each(cases)("$given → $want", ({ given, want }) => expect(specMajor(given)).toBe(want));
});

describe("fingerprint", () => {
  const manifest = (version: string): string => `${JSON.stringify({ name: "x-client", version, type: "module" }, null, 2)}\n`;
  const files = (version: string, extra: Record<string, string> = {}): Map<string, string> =>
    new Map(Object.entries({ "package.json": manifest(version), "src/index.ts": "export {};\n", ...extra }));

  it("ignores the version and the files it manages", () => {
    expect(fingerprint(files("0.1.0"))).toBe(fingerprint(files("7.0.0", { "CHANGELOG.md": "# x\n", "api-changes.json": "{}\n" })));
  });
  it("sees any other byte", () => {
    expect(fingerprint(files("0.1.0"))).not.toBe(fingerprint(files("0.1.0", { "src/index.ts": "export { };\n" })));
    expect(fingerprint(files("0.1.0"))).not.toBe(fingerprint(files("0.1.0", { "README.md": "" })));
  });
  it("withVersion changes only the version", () => {
    expect(withVersion(manifest("0.1.0"), "1.2.3")).toBe(manifest("1.2.3"));
  });
});

const report: ApiReport = {
  package: "pets-client",
  version: "0.2.0",
  fingerprint: "sha256:00",
  releases: [
    {
      version: "0.2.0",
      previous: "0.1.0",
      level: "additive",
      spec: { file: "pets.json", version: "1.1.0" },
      changes: [
        { id: "operation-added:pets.delete", kind: "operation-added", level: "additive", subject: "pets.delete", detail: "new `pets.delete(petId: string): APIPromise<void>`" },
        { id: "result-respelled:pets.get", kind: "result-respelled", level: "none", subject: "pets.get", detail: "`A | B` → `B | A`, the same type" },
      ],
    },
    { version: "0.1.0", previous: null, level: "initial", spec: { file: "pets.json", version: "1.0.0" }, changes: [] },
  ],
};

describe("the report file and the changelog", () => {
  it("the report round-trips; anything else is no report", () => {
    expect(parseReport(serializeReport(report))).toEqual(report);
    for (const text of [undefined, "", "{", "[]", '{"package":"x"}', JSON.stringify({ ...report, version: "one" }), JSON.stringify({ ...report, releases: [] })]) {
      expect(parseReport(text)).toBeUndefined();
    }
  });

  it("the changelog lists every release, newest first, grouped by level", () => {
    expect(renderChangelog(report)).toBe(
      [
        "# Changelog: pets-client",
        "",
        "Written by clientsmith from [`api-changes.json`](api-changes.json) at every regeneration that changes the package; do not edit.",
        "Versions follow the API report: major for a breaking change, minor for an addition, patch when the",
        "package changed but its API did not.",
        "",
        "## 0.2.0 — additions",
        "",
        "From 0.1.0; generated from `pets.json` (info.version `1.1.0`).",
        "",
        "### Additive",
        "",
        "- `operation-added:pets.delete`: new `pets.delete(petId: string): APIPromise<void>`",
        "",
        "### No effect on callers",
        "",
        "- `result-respelled:pets.get`: `A | B` → `B | A`, the same type",
        "",
        "## 0.1.0 — first recorded version",
        "",
        "Generated from `pets.json` (info.version `1.0.0`).",
        "",
      ].join("\n"),
    );
  });

  it("text outside code spans cannot open HTML", () => {
    const hostile: ApiReport = {
      ...report,
      releases: [{ ...report.releases[0]!, changes: [{ ...report.releases[0]!.changes[0]!, detail: "<img src=x> | `<ok>`" }] }],
    };
    expect(renderChangelog(hostile)).toContain("- `operation-added:pets.delete`: &lt;img src=x&gt; \\| `<ok>`\n");
  });
});
