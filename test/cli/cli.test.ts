/**
 * The command line, driven in-process through `main(argv, io)` against a temporary tree with
 * `specs/` and `generated/`: what a user sees (exit code, stdout, stderr) and what is on disk.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { run, tempDirs } from "../helpers/cli.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/specs/", import.meta.url));
const PETSTORE = join(FIXTURES, "petstore.yaml");

const tempDir = tempDirs("clientsmith-cli-");

/** Every file under dir (relative path → sha256), so "nothing changed" is checked byte for byte. */
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

/** Every file and directory under dir with its inode and mtime: a rewrite or swap changes one of them. */
function statTree(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (current: string): void => {
    const s = statSync(current, { bigint: true });
    result[relative(dir, current) || "."] = `${s.ino}:${s.mtimeNs}`;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const f = statSync(full, { bigint: true });
        result[relative(dir, full)] = `${f.ino}:${f.mtimeNs}`;
      }
    }
  };
  walk(dir);
  return result;
}

/** A project tree: `specs/pets.yaml` (the plain petstore) and an empty `generated/`. */
function project(): { root: string; specs: string; generated: string; flags: string[] } {
  const root = tempDir();
  const specs = join(root, "specs");
  const generated = join(root, "generated");
  mkdirSync(specs);
  cpSync(PETSTORE, join(specs, "pets.yaml"));
  return { root, specs, generated, flags: ["--specs", specs, "--generated", generated] };
}

/** The first generation of a fresh project, with a copy taken before any test touches it. */
let firstRun: Promise<{ p: ReturnType<typeof project>; result: Awaited<ReturnType<typeof run>>; pristine: string }> | undefined;
function generatedOnce() {
  firstRun ??= (async () => {
    const p = project();
    const result = await run(...p.flags);
    const pristine = tempDir();
    cpSync(p.root, pristine, { recursive: true });
    return { p, result, pristine };
  })();
  return firstRun;
}

describe("generate, regenerate, check", () => {
  let p: ReturnType<typeof project>;
  let first: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    ({ p, result: first } = await generatedOnce());
  }, 30_000);

  it("generate writes one package per spec and exits 0", () => {
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(first.out).toBe(`wrote ${join(p.generated, "pets")}\n`);
    const files = Object.keys(hashTree(join(p.generated, "pets")));
    expect(files).toEqual(expect.arrayContaining(["package.json", "README.md", "src/index.ts", "src/models.ts", "src/resources/pets.ts", "dist/index.js", "dist/index.d.ts"]));
    expect(readFileSync(join(p.generated, "pets", "src/models.ts"), "utf8")).toContain("export interface Pet {");
    expect(readdirSync(p.generated)).toEqual(["pets"]);
  });

  it("a second run is a no-op that rewrites nothing", async () => {
    const before = statTree(p.generated);
    const second = await run(...p.flags);
    expect(second.code).toBe(0);
    expect(second.out).toBe("1 package(s) already up to date.\n");
    expect(statTree(p.generated)).toEqual(before);
  });

  it("--check on a clean tree exits 0 and writes nothing", async () => {
    const before = statTree(p.generated);
    const check = await run(...p.flags, "--check");
    expect(check).toEqual({ code: 0, out: "1 package up to date.\n", err: "" });
    expect(statTree(p.generated)).toEqual(before);
  });

  it("--check after a hand edit, a stray file and a deleted file exits 1, lists them with a diff, and writes nothing", async () => {
    const models = join(p.generated, "pets", "src/models.ts");
    const original = readFileSync(models, "utf8");
    expect(original).toContain("  name: string;\n");
    writeFileSync(models, original.replace("  name: string;\n", "  name: string; // hand-edited\n"));
    writeFileSync(join(p.generated, "pets", "src/notes.txt"), "mine\n");
    rmSync(join(p.generated, "pets", "dist/models.js"));
    const before = hashTree(p.generated);

    const check = await run(...p.flags, "--check");
    expect(check.code).toBe(1);
    expect(check.err).toBe("");
    expect(check.out).toContain(`${join(p.generated, "pets")}: 3 files differ from the spec\n`);
    expect(check.out).toContain("  changed src/models.ts\n");
    expect(check.out).toContain(
      [
        "      @@ -2,7 +2,7 @@",
        "       ",
        "       export interface Pet {",
        "         id: number;",
        "      -  name: string; // hand-edited",
        "      +  name: string;",
        "         tag?: string | null;",
        "       }",
        "       ",
      ].join("\n"),
    );
    expect(check.out).toContain("  missing dist/models.js\n");
    expect(check.out).toContain("  extra   src/notes.txt\n");
    expect(check.out).toContain("Run `npm run generate` and commit the result.");
    // The diff is short: the edited line, its position and context, not the whole file.
    expect(check.out.split("\n").length).toBeLessThan(20);
    expect(hashTree(p.generated)).toEqual(before);

    // A regular run repairs all three.
    expect((await run(...p.flags)).code).toBe(0);
    expect(readFileSync(models, "utf8")).toBe(original);
    expect(existsSync(join(p.generated, "pets", "src/notes.txt"))).toBe(false);
    expect(existsSync(join(p.generated, "pets", "dist/models.js"))).toBe(true);
  }, 30_000);
});

describe("a broken spec: exit 2, file:line:col, nothing written", () => {
  // A generated tree to protect: pets.yaml generated once, then changed so that a run that
  // wrote anything would change generated/pets too.
  const base = { root: tempDir() };
  beforeAll(async () => {
    cpSync((await generatedOnce()).pristine, base.root, { recursive: true });
    const spec = readFileSync(join(base.root, "specs", "pets.yaml"), "utf8");
    writeFileSync(join(base.root, "specs", "pets.yaml"), spec.replace("title: Petstore", "title: Petstore Renamed"));
  }, 30_000);

  const cases: { fixture: string; want: string }[] = [
    { fixture: "bad-yaml.yaml", want: "x.yaml:9:1: Flow map in block collection must be sufficiently indented and end with a }" },
    {
      fixture: "unknown-convention.yaml",
      want: 'x.yaml:11:3: unknown convention "retry" (known: client, operations, environments, auth, headers, envelope, errors',
    },
    { fixture: "dangling-ref.yaml", want: 'x.yaml:13:31: $ref "#/components/schemas/Pet" points to nothing' },
    { fixture: "missing-title.yaml", want: "x.yaml:2:1: info.title is required" },
    { fixture: "paging-path.yaml", want: 'x.yaml:28:18: paging: Pets_List has no field at "meta.next" in its response' },
    { fixture: "clashing-conventions.yaml", want: "x.yaml:12:32: errors.class and envelope.error-class both state the provider's error class name; keep one" },
    { fixture: "unknown-status-class.yaml", want: 'x.yaml:14:47: errors: unknown status class "authentification"' },
  ];
  /** A copy of the protected tree with the given broken fixtures as specs/<name>; pets.yaml stays only if asked. */
  function treeWith(broken: Record<string, string>, keepValid: boolean) {
    const root = tempDir();
    cpSync(base.root, root, { recursive: true });
    const specs = join(root, "specs");
    const generated = join(root, "generated");
    if (!keepValid) rmSync(join(specs, "pets.yaml"));
    for (const [name, fixture] of Object.entries(broken)) cpSync(join(FIXTURES, "broken", fixture), join(specs, name));
    return { root, specs, generated, before: hashTree(generated) };
  }

  it.each(cases)("$fixture", async ({ fixture, want }) => {
    const tree = treeWith({ "x.yaml": fixture }, false);
    expect(Object.keys(tree.before).length).toBeGreaterThan(10);

    const result = await run("--specs", tree.specs, "--generated", tree.generated);
    expect(result.code).toBe(2);
    expect(result.out).toBe("");
    expect(result.err.startsWith(`${join(tree.specs, want)}`)).toBe(true);
    expect(result.err.endsWith("\n\nNothing was written.\n")).toBe(true);
    expect(result.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(hashTree(tree.generated)).toEqual(tree.before);
    expect(readdirSync(tree.root).sort()).toEqual(["generated", "specs"]);
  });

  it("every broken spec is reported, and a valid spec beside them is not written either", async () => {
    const names = ["a.yaml", "b.yaml", "c.yaml", "d.yaml", "e.yaml", "f.yaml", "g.yaml"];
    const tree = treeWith(Object.fromEntries(cases.map((c, i) => [names[i], c.fixture])), true);

    const result = await run("--specs", tree.specs, "--generated", tree.generated);
    expect(result.code).toBe(2);
    expect(result.out).toBe("");
    cases.forEach((c, i) => expect(result.err).toContain(join(tree.specs, c.want.replace("x.yaml", names[i] ?? ""))));
    expect(result.err).not.toContain("pets.yaml");
    expect(result.err.endsWith("\n\nNothing was written.\n")).toBe(true);
    expect(hashTree(tree.generated)).toEqual(tree.before);
    expect(readdirSync(tree.generated)).toEqual(["pets"]);
    expect(readdirSync(tree.root).sort()).toEqual(["generated", "specs"]);

    // With the broken specs gone, the same run writes the renamed title.
    for (const name of names) rmSync(join(tree.specs, name));
    expect((await run("--specs", tree.specs, "--generated", tree.generated)).code).toBe(0);
    expect(readFileSync(join(tree.generated, "pets", "package.json"), "utf8")).toContain("Petstore Renamed");
  }, 30_000);

  it("the spec path in messages is the one given, e.g. specs/x.yaml, and the source line is shown under it", async () => {
    const root = tempDir();
    const out = join(root, "out");
    const result = await run("--spec", join(FIXTURES, "broken", "missing-title.yaml"), "--out", out);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      [
        `${join(FIXTURES, "broken", "missing-title.yaml")}:2:1: info.title is required`,
        "  1 | openapi: 3.1.0",
        "> 2 | info:",
        "    | ^",
        "  3 |   version: \"1.0\"",
        "",
        "Nothing was written.",
        "",
      ].join("\n"),
    );
    expect(existsSync(out)).toBe(false);
  });

  it("a spec that does not exist", async () => {
    const result = await run("--spec", join(tempDir(), "nope.yaml"));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/nope\.yaml:1:1: cannot read the file: no such file\n\nNothing was written\.\n$/);
  });
});

describe("--spec and --out: any plain OpenAPI document", () => {
  it("writes a package with package.json, src/ and dist/", async () => {
    const out = join(tempDir(), "nested", "petstore-client");
    const result = await run("--spec", PETSTORE, "--out", out);
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toBe(`wrote ${out}\n`);
    expect(readdirSync(out).sort()).toEqual(["CHANGELOG.md", "README.md", "api-changes.json", "dist", "package.json", "src"]);
    const manifest = JSON.parse(readFileSync(join(out, "package.json"), "utf8")) as { name: string; main: string; types: string };
    expect(manifest.name).toBe("petstore-client");
    expect(existsSync(join(out, manifest.main))).toBe(true);
    expect(existsSync(join(out, manifest.types))).toBe(true);
    const pets = readFileSync(join(out, "src/resources/pets.ts"), "utf8");
    expect(pets).toContain("list(params?: PetsListParams, options?: RequestOptions): APIPromise<Pet[]>");
    expect(pets).toContain("create(params: PetsCreateParams, options?: RequestOptions): APIPromise<void>");
    const operations = readFileSync(join(out, "src/operations/pets.ts"), "utf8");
    expect(operations).toContain("export interface PetsCreateParams extends Pet {}");
    expect(pets).toContain("showPetById(petId: string, options?: RequestOptions): APIPromise<Pet>");
    expect(readFileSync(join(out, "src/models.ts"), "utf8")).toContain("tag?: string | null;");
    expect(readFileSync(join(out, "src/core.ts"), "utf8")).toContain('"https://petstore.example.com/v1"');
  }, 30_000);
});

describe("flags", () => {
  it("--help prints usage and exits 0", async () => {
    const result = await run("--help");
    expect(result.code).toBe(0);
    expect(result.out).toContain("Usage:");
    expect(result.out).toContain("--check");
    expect(result.err).toBe("");
  });

  it("-h is --help", async () => expect((await run("-h")).code).toBe(0));

  it("--version prints the version from package.json and exits 0", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    expect(await run("--version")).toEqual({ code: 0, out: `${version}\n`, err: "" });
  });

  const misspelt: { given: string; want: string }[] = [
    { given: "--chek", want: "clientsmith: unknown option --chek (did you mean --check?)\n" },
    { given: "--tmings", want: "clientsmith: unknown option --tmings (did you mean --timings?)\n" },
    { given: "--verison", want: "clientsmith: unknown option --verison (did you mean --version?)\n" },
    { given: "--frobnicate", want: "clientsmith: unknown option --frobnicate\n" },
  ];
  it.each(misspelt)("an unknown flag $given exits 2, names it and suggests the nearest", async ({ given, want }) => {
    const result = await run(given);
    expect(result.code).toBe(2);
    expect(result.err.startsWith(`${want}\n`)).toBe(true);
    expect(result.err).toContain("Usage:");
    expect(result.out).toBe("");
  });

  it("a positional argument exits 2", async () => expect((await run("specs/dojo.yaml")).code).toBe(2));

  it("--out without --spec exits 2", async () => {
    const out = join(tempDir(), "out");
    const result = await run("--out", out);
    expect(result).toEqual({ code: 2, out: "", err: "clientsmith: --out needs --spec\n" });
    expect(existsSync(out)).toBe(false);
  });

  it("a missing specs directory exits 2", async () => {
    const missing = join(tempDir(), "no-specs");
    const result = await run("--specs", missing, "--generated", join(tempDir(), "generated"));
    expect(result).toEqual({ code: 2, out: "", err: `clientsmith: no specs directory at ${missing}\n` });
  });
});
