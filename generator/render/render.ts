/**
 * The render stage: view models → file texts through logic-less Handlebars templates.
 * Templates are compiled with `noEscape` (this is code, not HTML), `strict` (a missing field is
 * an error, not an empty string) and `knownHelpersOnly`; spec text is printed only through the
 * position-specific helpers registered here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import type { PackageView, ResourceView } from "../plan/view-model.js";
import { Code } from "./code.js";
import { docLines, identifier, jsdoc, markdownBlock, markdownCode, markdownText, propertyKey, stringLiteral } from "./escape.js";

const TEMPLATE_DIR = new URL("../../templates/", import.meta.url);

type HelperArgs = unknown[];

/** Handlebars passes its options object last; helpers want only the real arguments. */
const args = (raw: HelperArgs): unknown[] => raw.slice(0, -1);

function requireString(value: unknown, helper: string): string {
  if (typeof value !== "string") throw new Error(`template: {{${helper}}} expects a string, got ${typeof value}`);
  return value;
}

export const HELPERS: Readonly<Record<string, (...raw: HelperArgs) => string>> = {
  /** A TypeScript fragment built by the plan stage from escaped parts. */
  code: (...raw) => {
    const [value] = args(raw);
    if (!(value instanceof Code)) throw new Error("template: {{code}} accepts only plan-built Code");
    return value.text;
  },
  id: (...raw) => identifier(requireString(args(raw)[0], "id")),
  key: (...raw) => propertyKey(requireString(args(raw)[0], "key")),
  str: (...raw) => stringLiteral(requireString(args(raw)[0], "str")),
  /** A module file name the plan derived; only plain names can pass. */
  path: (...raw) => {
    const value = requireString(args(raw)[0], "path");
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(value)) throw new Error(`internal: unsafe module name ${JSON.stringify(value)}`);
    return value;
  },
  /** A JSDoc block from text paragraphs; a `true` argument adds `@deprecated`. */
  jsdoc: (...raw) => {
    const parts = args(raw);
    const texts = parts.filter((p): p is string => typeof p === "string" && p.trim() !== "");
    const tags = parts.includes(true) ? ["@deprecated"] : [];
    return jsdoc(texts.length === 0 ? undefined : texts.join("\n\n"), tags);
  },
  /** Text for a `//` comment: one line, whatever the input. */
  line: (...raw) => docLines(requireString(args(raw)[0], "line")).join(" "),
  md: (...raw) => markdownText(requireString(args(raw)[0], "md")),
  /** Paragraphs of Markdown prose (a README section), each escaped as `md`. */
  mdblock: (...raw) => markdownBlock(requireString(args(raw)[0], "mdblock")),
  mdcode: (...raw) => markdownCode(requireString(args(raw)[0], "mdcode")),
};

const compiled = new Map<string, Handlebars.TemplateDelegate>();

function template(name: string): Handlebars.TemplateDelegate {
  let t = compiled.get(name);
  if (t === undefined) {
    const source = readFileSync(new URL(name, TEMPLATE_DIR), "utf8");
    t = Handlebars.create().compile(source, { noEscape: true, strict: true, knownHelpersOnly: true, knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((h) => [h, true])) });
    compiled.set(name, t);
  }
  return t;
}

function render(name: string, context: object): string {
  return template(name)(context, { helpers: { ...HELPERS } });
}

export interface RenderedFile {
  readonly path: string;
  readonly content: string;
}

/** Renders every generated source file of a package (runtime copies are added by the caller). */
export function renderPackage(view: PackageView): RenderedFile[] {
  const files: RenderedFile[] = [
    { path: "src/index.ts", content: render("index.ts.hbs", view) },
    { path: "src/client.ts", content: render("client.ts.hbs", view) },
    { path: "src/core.ts", content: render("core.ts.hbs", view) },
    { path: "src/errors.ts", content: render("errors.ts.hbs", view) },
    { path: "src/error-map.ts", content: render("error-map.ts.hbs", view) },
    { path: "src/models.ts", content: render("models.ts.hbs", view) },
    { path: "src/testing/index.ts", content: render("testing.ts.hbs", view) },
    { path: "README.md", content: render("README.md.hbs", view) },
  ];
  if (view.webhooks !== undefined) files.push({ path: "src/webhooks.ts", content: render("webhooks.ts.hbs", view) });
  for (const resource of view.resources) {
    files.push({ path: join("src/resources", `${resource.file}.ts`), content: render("resource.ts.hbs", { header: view.header, resource } satisfies { header: string; resource: ResourceView }) });
    files.push({
      path: join("src/operations", `${resource.file}.ts`),
      content: render("operations.ts.hbs", { header: view.header, coreName: view.coreName, resource } satisfies { header: string; coreName: string; resource: ResourceView }),
    });
  }
  files.push({ path: "package.json", content: packageJson(view) });
  // Generated too, so `--check` knows it: a hand-added LICENSE would be an unknown file there.
  if (view.licenseText !== undefined) files.push({ path: "LICENSE", content: view.licenseText.endsWith("\n") ? view.licenseText : `${view.licenseText}\n` });
  return files;
}

/** package.json is data: it is serialised, not templated. */
function packageJson(view: PackageView): string {
  const manifest = {
    "//": view.header,
    name: view.packageName,
    version: view.version,
    description: `Typed client for the ${view.title}.`,
    ...view.packageMeta,
    type: "module",
    main: "./dist/index.js",
    types: "./dist/index.d.ts",
    // `default` serves require() as well as import: Node 20.19+ loads this ES module synchronously
    // (it has no top-level await), and TypeScript's nodenext resolution reads `types` for both.
    exports: {
      ".": { types: "./dist/index.d.ts", import: "./dist/index.js", default: "./dist/index.js" },
      // The mock for applications' tests: its own module tree, never imported by the main entry.
      "./testing": { types: "./dist/testing/index.d.ts", import: "./dist/testing/index.js", default: "./dist/testing/index.js" },
      "./package.json": "./package.json",
    },
    // TypeScript's node10 resolution reads no `exports`: this points it at the testing entry's types.
    typesVersions: { "*": { testing: ["./dist/testing/index.d.ts"] } },
    // CHANGELOG.md and api-changes.json are written by the evolve stage (generator/evolve/).
    files: ["dist", "src", "README.md", "CHANGELOG.md", "api-changes.json", ...(view.licenseText === undefined ? [] : ["LICENSE"])],
    sideEffects: false,
    engines: { node: ">=20" },
    ...(Object.keys(view.dependencies).length === 0 ? {} : { dependencies: view.dependencies }),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
