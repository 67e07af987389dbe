/**
 * The plan stage: IR + convention facts → one view model per package. The only place names are
 * chosen, collisions settled and imports decided; templates after it only print.
 */
import type { Facts } from "../conventions/convention.js";
import type { IRDocument } from "../ir.js";
import { code } from "../render/code.js";
import { jsonLiteral } from "../render/escape.js";
import { planClient } from "./client.js";
import { errorFieldImports, planErrors, withErrorFields } from "./errors.js";
import { inputSchemas } from "./input-schemas.js";
import { NameScope, typeName } from "./names.js";
import { clientSummary, withCleanProse } from "./prose.js";
import { readmeView } from "./readme.js";
import { planResources } from "./resources.js";
import { planTesting } from "./testing.js";
import { type TypeContext, tsObject, tsType } from "./type-expr.js";
import type { ImportView, ModelView, PackageView } from "./view-model.js";

/** Runtime modules every package carries; conventions add their own. */
export const CORE_RUNTIME = ["types", "errors", "client", "url", "retry", "environments", "params"] as const;

/** Names every package exports from its runtime; models and resources must not take them. */
const RUNTIME_EXPORTS = [
  "ClientError",
  "APIError",
  "ConnectionError",
  "TimeoutError",
  "UserAbortError",
  "RequestValidationError",
  "ResponseParseError",
  "ResponseTooLargeError",
  "RedirectError",
  "APIPromise",
  "ListPage",
  "ListPagePromise",
  "RequestOptions",
  "WithResponse",
  "RawResponse",
  "TransportOptions",
  "RetryPolicy",
  "HttpClient",
  "errorClasses",
];


export interface PlanInput {
  readonly ir: IRDocument;
  readonly facts: Facts;
  /** Base name of the spec file, for the generated-file header. */
  readonly specName: string;
  /** Default package name stem, e.g. `jodo` for `specs/jodo.yaml`. */
  readonly stem: string;
}

function pascalFromStem(stem: string): string {
  return typeName(stem, "Api");
}

export function plan(input: PlanInput): PackageView {
  const { facts } = input;
  const docsUrl = facts.packageFact?.docsUrl;
  const ir = withCleanProse(input.ir, docsUrl);
  const clientName = facts.clientName ?? pascalFromStem(input.stem);
  const exported = new NameScope([...RUNTIME_EXPORTS, clientName]);
  const optionsName = exported.claim(`${clientName}Options`);

  const { providerError, errorClasses: statusAndCodeClasses, errorMap, errorImports } = planErrors(ir, facts, clientName, exported);
  // Runtime names a convention's plug-ins throw or return (e.g. an error class), re-exported as they are.
  const runtimeExports: ImportView[] = [...facts.runtimeExports.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([module, names]) => ({ module, names: [...names].sort() }));
  for (const name of runtimeExports.flatMap((e) => e.names)) {
    if (exported.has(name) || exported.claim(name) !== name) throw new Error(`internal: runtime export ${name} collides with a generated name`);
  }

  // Models.
  const schemaNames = new Map<string, string>();
  for (const schema of ir.schemas) schemaNames.set(schema.name, exported.claim(typeName(schema.name, "Schema")));
  const used = new Set<string>();
  const ctx: TypeContext = {
    schemaName: (name) => {
      const resolved = schemaNames.get(name) ?? "unknown";
      if (resolved !== "unknown") used.add(resolved);
      return resolved;
    },
  };
  const errorClasses = withErrorFields(statusAndCodeClasses, facts, ctx);
  // The models the error classes name (a list's entry type), for errors.ts to import.
  const errorModelImports = [...used].sort();
  // Open enums type what the API returns; a model a caller also sends stays closed.
  const openEnums = facts.packageFact?.openEnums === true;
  const inputs = openEnums ? inputSchemas(ir) : new Set<string>();
  const models: ModelView[] = ir.schemas.map((schema) => {
    const isInterface = schema.type.kind === "object";
    const at: TypeContext = { ...ctx, openEnums: openEnums && !inputs.has(schema.name) };
    const body =
      schema.type.kind === "object" ? tsObject(schema.type.properties, schema.type.additional, at) : tsType(schema.type, at);
    return {
      name: schemaNames.get(schema.name) ?? "unknown",
      description: schema.description,
      deprecated: schema.deprecated,
      isInterface,
      body: code(body),
    };
  });

  const { resources, namespaces } = planResources(ir, facts, exported, ctx, used);
  // Claimed after every model and function, so that they never yield their names to these.
  const coreName = exported.claim(`${clientName}Core`);
  const createCoreName = exported.claim(`create${clientName}Core`);
  const { options, plugins, pluginImports, environments } = planClient(ir, facts, ctx);

  const runtimeModules = [...new Set<string>([...CORE_RUNTIME, ...facts.modules])].sort();
  const packageName = facts.packageName ?? `${input.stem}-client`;
  const legacyExports = facts.packageFact?.legacyExports === true;

  return {
    header: `Generated by clientsmith from ${input.specName}. Do not edit: change the spec and run \`npm run generate\`.`,
    clientName,
    coreName,
    createCoreName,
    optionsName,
    title: ir.title,
    description: ir.description,
    summary: clientSummary(ir, docsUrl),
    packageName,
    version: "0.1.0",
    packageMeta: packageMeta(facts),
    licenseText: facts.packageFact?.licenseText,
    options,
    plugins,
    pluginImports,
    environments,
    resources,
    models,
    errorBase: facts.errorBase === undefined ? { name: "APIError", module: "errors" } : { name: facts.errorBase.exportName, module: facts.errorBase.module },
    errorBaseIsCore: facts.errorBase === undefined,
    providerError,
    errorClasses,
    errorFieldsUsed: errorClasses.some((e) => e.fields.length > 0),
    errorFieldImports: errorFieldImports(facts),
    errorModelImports,
    errorMap,
    errorMapImports: [...new Set([providerError, ...errorClasses.map((e) => e.name)])].sort(),
    exportsPaging: legacyExports || resources.some((r) => r.usesPaging || r.usesListPaging),
    legacyExports,
    errorImports,
    namespaces,
    runtimeModules,
    runtimeExports,
    usesListPaging: resources.some((r) => r.usesListPaging),
    dependencies: Object.fromEntries([...facts.dependencies.entries()].sort(([a], [b]) => a.localeCompare(b))),
    webhooks: facts.webhooks === undefined ? undefined : { config: code(jsonLiteral(facts.webhooks)), header: facts.webhooks.header },
    readme: readmeView(clientName, createCoreName, packageName, options, resources, facts, errorClasses, providerError),
    testing: planTesting(ir, facts, resources, ctx, { clientName, packageName, providerError, options }),
  };
}

/** The package.json fields the spec gives, in package.json's own order. */
function packageMeta(facts: Facts): PackageView["packageMeta"] {
  const given = facts.packageFact;
  const meta: { license?: string; repository?: string; homepage?: string; author?: string } = {};
  if (given?.license !== undefined) meta.license = given.license;
  if (given?.author !== undefined) meta.author = given.author;
  if (given?.homepage !== undefined) meta.homepage = given.homepage;
  if (given?.repository !== undefined) meta.repository = given.repository;
  return meta;
}
