/**
 * `npm run generate -- --accept-breaking` writes the run's breaking change ids into the spec's
 * `x-conventions.client.accept-breaking` itself: only lines are added, the spec's comments and
 * layout stay byte for byte (given a spec text, want the same text plus the new lines).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { acceptInJson, acceptInYaml } from "../../generator/evolve/accept.js";
import { REPO_ROOT } from "../helpers/packages.js";
import { petsSpec, project, removeTemps, run } from "./helpers.js";

afterAll(removeTemps);

const ID = "property-removed:Pet.tag";

describe("acceptInYaml adds lines and changes nothing else", () => {
  const cases: { name: string; given: string; want: string }[] = [
    {
      name: "a block list: a new item after the last, same indentation, comments kept",
      given: "openapi: 3.0.3 # the version\nx-conventions:\n  client:\n    name: PetStore\n    # accepted after review\n    accept-breaking:\n      - export-removed:Legacy   # gone upstream\n# end\n",
      want: `openapi: 3.0.3 # the version\nx-conventions:\n  client:\n    name: PetStore\n    # accepted after review\n    accept-breaking:\n      - export-removed:Legacy   # gone upstream\n      - "${ID}"\n# end\n`,
    },
    {
      name: "a flow list",
      given: "x-conventions:\n  client: # names\n    accept-breaking: [export-removed:Legacy]\n",
      want: `x-conventions:\n  client: # names\n    accept-breaking: [export-removed:Legacy, "${ID}"]\n`,
    },
    {
      name: "no list yet: the key after the client's last entry",
      given: "x-conventions:\n  client:\n    name: PetStore   # the class\n  auth: { type: bearer }\n",
      want: `x-conventions:\n  client:\n    name: PetStore   # the class\n    accept-breaking:\n      - "${ID}"\n  auth: { type: bearer }\n`,
    },
    {
      name: "no client yet",
      given: "openapi: 3.0.3\nx-conventions:\n    auth:\n        type: bearer\n",
      want: `openapi: 3.0.3\nx-conventions:\n    auth:\n        type: bearer\n    client:\n      accept-breaking:\n        - "${ID}"\n`,
    },
    {
      name: "no x-conventions yet",
      given: "openapi: 3.0.3\ninfo:\n  title: Pets # short\n",
      want: `openapi: 3.0.3\ninfo:\n  title: Pets # short\nx-conventions:\n  client:\n    accept-breaking:\n      - "${ID}"\n`,
    },
    {
      name: "an id listed already is not added twice",
      given: `x-conventions:\n  client:\n    accept-breaking:\n      - ${ID}\n`,
      want: `x-conventions:\n  client:\n    accept-breaking:\n      - ${ID}\n`,
    },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    expect(acceptInYaml(given, [ID]).text).toBe(want);
  });

  it.each(readdirSync(join(REPO_ROOT, "specs")).filter((f) => f.endsWith(".yaml")))("specs/%s round-trips byte for byte but for the added line", (file) => {
    const text = readFileSync(join(REPO_ROOT, "specs", file), "utf8");
    const { text: edited, added } = acceptInYaml(text, ["export-removed:Nothing"]);
    expect(added).toEqual(["export-removed:Nothing"]);
    // The edit is one inserted run of lines: the original is the edited text without it.
    let prefix = 0;
    while (prefix < text.length && text[prefix] === edited[prefix]) prefix++;
    prefix = text.lastIndexOf("\n", prefix - 1) + 1;
    const inserted = edited.slice(prefix, edited.length - (text.length - prefix));
    expect(edited.slice(0, prefix) + edited.slice(prefix + inserted.length)).toBe(text);
    expect(inserted).toMatch(/^(\s*(x-conventions|client|accept-breaking):\n)*\s*- "export-removed:Nothing"\n$/);
  });
});

describe("acceptInJson", () => {
  it("adds the list with the file's own indentation", () => {
    const given = `${JSON.stringify({ openapi: "3.0.3", "x-conventions": { client: { name: "PetStore" } } }, null, 4)}\n`;
    const want = `${JSON.stringify({ openapi: "3.0.3", "x-conventions": { client: { name: "PetStore", "accept-breaking": [ID] } } }, null, 4)}\n`;
    expect(acceptInJson(given, [ID])).toEqual({ text: want, added: [ID] });
  });
});

describe("--accept-breaking on a run", () => {
  it("a YAML spec: the breaking change is accepted in the spec, the package is written as a major release, --check passes", async () => {
    const p = project();
    const spec = petsSpec();
    const yaml = (s: typeof spec): string =>
      `# Pets, as the provider publishes it\n${stringify(s, { lineWidth: 0 }).replace("x-conventions:\n", "# our conventions\nx-conventions: # reviewed\n")}`;
    p.write("pets.yaml", yaml(spec));
    expect((await run(...p.flags)).code).toBe(0);
    delete spec.components.schemas.Pet.properties.tag;
    const before = yaml(spec);
    p.write("pets.yaml", before);
    const refused = await run(...p.flags);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("`npm run generate -- --accept-breaking`");
    const accepted = await run(...p.flags, "--accept-breaking");
    expect(accepted.code).toBe(0);
    const specFile = join(p.specs, "pets.yaml");
    expect(accepted.out).toContain(`${specFile}: accepted 1 breaking change of pets-client 1.0.0 in x-conventions.client.accept-breaking:\n  ${ID}\n`);
    expect(accepted.out).toContain(`wrote ${join(p.generated, "pets")}\n`);
    const after = readFileSync(specFile, "utf8");
    expect(after).toBe(before.replace("    name: PetStore\n", `    name: PetStore\n    accept-breaking:\n      - "${ID}"\n`));
    expect(await run(...p.flags, "--check")).toEqual({ code: 0, out: "1 package up to date.\n", err: "" });
  }, 60_000);

  it("a JSON spec", async () => {
    const p = project();
    const spec = petsSpec();
    p.write("pets.json", spec);
    expect((await run(...p.flags)).code).toBe(0);
    delete spec.components.schemas.Pet.properties.tag;
    p.write("pets.json", spec);
    expect((await run(...p.flags, "--accept-breaking")).code).toBe(0);
    spec["x-conventions"].client["accept-breaking"] = [ID];
    expect(readFileSync(join(p.specs, "pets.json"), "utf8")).toBe(`${JSON.stringify(spec, null, 2)}\n`);
  }, 60_000);

  it("not with --check", async () => {
    const p = project();
    expect((await run(...p.flags, "--check", "--accept-breaking")).code).toBe(2);
  });
});
