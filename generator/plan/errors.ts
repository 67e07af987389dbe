/**
 * Planning the package's errors: the provider's class, one class per HTTP status, one per
 * provider code (extending its status class when the code table names one), the typed properties
 * the error decoder fills, and the map the runtime picks classes from.
 */
import type { Facts } from "../conventions/convention.js";
import { STATUS_CLASSES } from "../conventions/dialect/code-table.js";
import type { IRDocument } from "../ir.js";
import { code } from "../render/code.js";
import { stringLiteral } from "../render/escape.js";
import { type NameScope, typeName } from "./names.js";
import { type TypeContext, tsType } from "./type-expr.js";
import type { Code } from "../render/code.js";
import type { ErrorClassView, ErrorFieldView, ErrorGetterView, ErrorImportView, ImportView } from "./view-model.js";

/** HTTP status classes every package gets, all extending the provider's error class. */
const STATUS_ERRORS: readonly { status: number; name: string; when: string }[] = [
  { status: 400, name: "BadRequestError", when: "400: the request was invalid" },
  { status: 401, name: "AuthenticationError", when: "401: credentials missing or wrong" },
  { status: 403, name: "PermissionDeniedError", when: "403: the credentials may not do this" },
  { status: 404, name: "NotFoundError", when: "404: no such resource" },
  { status: 405, name: "MethodNotAllowedError", when: "405: the method is not allowed here" },
  { status: 406, name: "NotAcceptableError", when: "406: the requested format is unsupported" },
  { status: 409, name: "ConflictError", when: "409: conflicts with the resource's state" },
  { status: 422, name: "UnprocessableEntityError", when: "422: understood but refused" },
  { status: 429, name: "RateLimitError", when: "429: too many requests (retried first)" },
];

const SERVER_ERROR = { name: "InternalServerError", when: "5xx: the server failed (retried first when safe)" };

export interface ErrorsPlan {
  readonly providerError: string;
  readonly providerErrorArgs: Code | undefined;
  readonly errorClasses: ErrorClassView[];
  readonly errorMap: Code;
  readonly errorImports: ErrorImportView[];
}

/** Error classes come first: their names are promised by the docs, models yield to them. */
export function planErrors(ir: IRDocument, facts: Facts, clientName: string, exported: NameScope): ErrorsPlan {
  const providerError = exported.claim(facts.errorClassName ?? `${clientName}Error`);
  const gettersFor = (status: number | undefined): ErrorGetterView[] =>
    facts.errorGetters.filter((g) => g.status === status).map((g) => ({ name: g.name, description: g.description, reader: g.reader, type: code(`${g.type} | undefined`) }));
  const providerErrorArgs = facts.errorCodeType === "number" ? code("number") : undefined;
  const errorClasses: ErrorClassView[] = [
    { name: providerError, base: facts.errorBase?.exportName ?? "APIError", baseArgs: providerErrorArgs, description: `Any error response from the ${ir.title}.`, status: undefined, getters: [], fields: [] },
    ...STATUS_ERRORS.map((e) => ({ name: exported.claim(e.name), base: providerError, description: `HTTP ${e.when}.`, status: e.status, getters: gettersFor(e.status), fields: [] })),
  ];
  const serverError = exported.claim(SERVER_ERROR.name);
  errorClasses.push({ name: serverError, base: providerError, description: `HTTP ${SERVER_ERROR.when}.`, status: undefined, getters: [], fields: [] });
  const statusClass = (name: string | undefined): string => {
    const status = name === undefined ? undefined : STATUS_CLASSES[name];
    if (status === undefined) return providerError;
    if (status === "5xx") return serverError;
    return errorClasses.find((e) => e.status === status)?.name ?? providerError;
  };
  // The provider's own error codes, one class each (`JoorAuthenticationError`), picked by code whatever the status.
  const codeStem = providerError.replace(/Error$/, "");
  const codeClasses = facts.errorCodes.map((c) => ({
    code: c.key ?? c.code,
    view: {
      name: exported.claim(`${codeStem}${typeName(c.name, "Code")}Error`),
      base: statusClass(c.statusClass),
      description: `${c.matched === undefined ? "Response code" : `An error whose ${c.matched} is`} ${c.code.replace(/ /g, ", ")} (${c.name})${c.description === "" ? "" : `: ${c.description}`}`,
      status: undefined,
      getters: [],
      fields: [],
    },
  }));
  errorClasses.push(...codeClasses.map((c) => c.view));
  const byCode = codeClasses.length === 0 ? "" : `, byCode: { ${codeClasses.map((c) => `${stringLiteral(c.code)}: ${c.view.name}`).join(", ")} }`;
  const errorImports = errorGetterImports(facts, exported);
  const byStatus = errorClasses.filter((e) => e.status !== undefined).map((e) => `${e.status}: ${e.name}`);
  const errorMap = code(`{ byStatus: { ${byStatus.join(", ")} }, clientError: ${providerError}, serverError: ${serverError}${byCode} }`);
  return { providerError, providerErrorArgs, errorClasses, errorMap, errorImports };
}

/** The runtime readers behind the provider class's typed properties: imported by errors.ts, not exported. */
export function errorFieldImports(facts: Facts): ImportView[] {
  const byModule = new Map<string, Set<string>>();
  for (const f of facts.errorFields) byModule.set(f.module, (byModule.get(f.module) ?? new Set()).add(f.reader));
  return [...byModule.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([module, names]) => ({ module, names: [...names].sort() }));
}

/** The provider class's typed properties (`errors`, `details`); after the models are named, since entry types name them. */
export function withErrorFields(errorClasses: readonly ErrorClassView[], facts: Facts, ctx: TypeContext): ErrorClassView[] {
  const fields: ErrorFieldView[] = facts.errorFields.map((f) => {
    if (f.value !== undefined) {
      const type = f.value.type;
      const value = "ts" in type ? type.ts : tsType(type, ctx);
      const argument = f.value.argument === undefined ? undefined : code(stringLiteral(f.value.argument));
      return { name: f.name, description: f.description, reader: f.reader, type: code(f.value.present === true ? value : `${value} | undefined`), typeArgument: f.generic === false ? undefined : code(value), argument };
    }
    const entry = f.entry === undefined ? undefined : tsType(f.entry, ctx);
    const list = entry === undefined ? "unknown" : `readonly ${/^[\w.]+$/.test(entry) ? entry : `(${entry})`}[]`;
    const argument = f.generic === false ? undefined : entry;
    return { name: f.name, description: f.description, reader: f.reader, type: code(list), typeArgument: argument === undefined ? undefined : code(argument) };
  });
  return errorClasses.map((e, i) => (i === 0 ? { ...e, fields } : e));
}

/** The runtime readers and types behind error getters: imported by errors.ts and exported with it. */
function errorGetterImports(facts: Facts, exported: NameScope): ErrorImportView[] {
  const byModule = new Map<string, { names: Set<string>; types: Set<string> }>();
  const entry = (module: string) => {
    const found = byModule.get(module) ?? { names: new Set<string>(), types: new Set<string>() };
    byModule.set(module, found);
    return found;
  };
  for (const g of facts.errorGetters) {
    entry(g.module).names.add(g.reader);
    entry(g.module).types.add(g.type);
  }
  return [...byModule.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([module, { names, types }]) => {
      // Runtime exports cannot be renamed; the package's own names must yield to them.
      for (const name of [...names, ...types]) {
        if (exported.has(name) || exported.claim(name) !== name) throw new Error(`internal: runtime export ${name} collides with a generated name`);
      }
      return { module, names: [...names].sort(), types: [...types].sort() };
    });
}
