/**
 * The plug-in interface for provider dialects. A convention owns one key of the spec's root
 * `x-conventions` mapping: it checks that part of the spec, then records facts that the plan
 * stage turns into client options, runtime plug-in calls and documentation.
 */
import type { IRDocument, IRType } from "../ir.js";
import type { JsonPointer, ProblemCollector } from "../spec-error.js";

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** An option of the generated client's constructor. */
export interface ClientOptionFact {
  readonly name: string;
  readonly type: IRType;
  readonly required: boolean;
  readonly description: string;
}

/** A runtime plug-in factory call: `exportName(config, options)` from `runtime/<module>.ts`. */
export interface PluginFact {
  readonly module: string;
  readonly exportName: string;
  readonly config: JsonValue;
  /** Whether the factory also takes the client's options object as its second argument. */
  readonly takesOptions: boolean;
}

/** A namespace of the client (`client.v1`) holding the resources of some operations (keyed by `METHOD path`). */
export interface NamespaceFact {
  /** The client property, camelCase. */
  readonly property: string;
  /** The path prefix its operations share, without slashes at the ends (`v1`); the plan names resources without it. */
  readonly prefix: string;
  readonly description: string;
  readonly operations: readonly string[];
}

/** A typed getter on the status error class for `status` (e.g. `RateLimitError.rateLimit`), read by a runtime function. */
export interface ErrorGetterFact {
  readonly status: number;
  readonly name: string;
  readonly description: string;
  readonly module: string;
  /** Export of `module` called with the error: `(error) => Type | undefined`. */
  readonly reader: string;
  /** Type exported by `module`; the getter returns it or undefined. Reader and type are re-exported by the package. */
  readonly type: string;
}

/** A provider error code with its own error class (named by the plan from `name`). */
export interface ErrorCodeFact {
  /** The code as the provider documents it, e.g. `001`. */
  readonly code: string;
  /** A short name, e.g. `Authentication`; the class becomes `<Provider>AuthenticationError`. */
  readonly name: string;
  readonly description: string;
  /** A status class (`authentication`, `rate-limit`, …; see dialect/code-table.ts): the class extends that status's class. */
  readonly statusClass?: string;
  /** The class's key in the runtime's `byCode` map, when it is not `code` (a table keyed on another field). */
  readonly key?: string;
  /** What the table matched, for the class's JSDoc (`errors[0].category`); absent: the error's code. */
  readonly matched?: string;
}

/** A property of the provider's error class, set from what the error decoder read (`errors`, `details`). */
export interface ErrorFieldFact {
  readonly name: string;
  readonly description: string;
  readonly module: string;
  /** Export of `module` called with the error's init: `(init) => value`; generic in the entry type when `entry` is set. */
  readonly reader: string;
  /** The property's type: `unknown`, or a list of `entry`. */
  readonly entry: IRType | undefined;
  /**
   * A single value instead of a list: the property is `type | undefined` (`type` when `present`),
   * read by `reader<type>(init, argument)` (`errors.fields` passes its name as the argument).
   * The type is the schema's at the field's path, or TypeScript the reader fixes (`{ts: …}`).
   */
  readonly value?: { readonly type: IRType | { readonly ts: string }; readonly argument?: string; readonly present?: boolean };
  /** Whether the reader takes the list's entry or the value type as its type argument; default true. */
  readonly generic?: boolean;
}

/** How the plan types a paged list: where its items are in the response, and the extra method that pages it. */
export interface PagedListFact {
  /** Path segments to the list in the response; the response is the list when undefined. */
  readonly items: readonly string[] | undefined;
  /** A method added beside the operation's own, which keeps returning one response (additive for published packages). */
  readonly method: string | undefined;
}

/** A paragraph of the generated README's "How this client speaks <provider>" section. */
export interface DialectNote {
  readonly title: string;
  readonly text: string;
}

/** What `x-conventions.client` says about the package beyond its names. */
export interface PackageFact {
  /** Output enums typed as their known values plus any other string or number. */
  readonly openEnums: boolean;
  /** Also export `errorClasses`, and `Page`/`PagePromise` without paged lists, as packages released before did. */
  readonly legacyExports: boolean;
  /** Base URL that relative links in the spec's descriptions are resolved against. */
  readonly docsUrl: string | undefined;
  readonly license: string | undefined;
  /** The LICENSE file's text, from `license-text` or `license-file` (a path beside the spec). */
  readonly licenseText: string | undefined;
  readonly repository: string | undefined;
  readonly homepage: string | undefined;
  readonly author: string | undefined;
}

export interface Facts {
  clientName: string | undefined;
  packageName: string | undefined;
  /** The package's metadata and typing choices (`client`); undefined: the defaults. */
  packageFact: PackageFact | undefined;
  readonly options: ClientOptionFact[];
  readonly plugins: PluginFact[];
  /** Config for the runtime's `resolveEnvironment`. */
  environments: { readonly urls: Readonly<Record<string, string>>; readonly default: string } | undefined;
  /** Environment inferred from a credential's prefix (e.g. `sk_sandbox_`). */
  environmentInference: { readonly option: string; readonly prefixes: Readonly<Record<string, string>> } | undefined;
  /** Runtime modules to copy besides the core ones. */
  readonly modules: Set<string>;
  /** The provider's base error class: its runtime parent and its name in the package. */
  /** The runtime base of the provider's error class; `mediaType`: the one its error bodies come in, when fixed (RFC 7807's). */
  errorBase: { readonly module: string; readonly exportName: string; readonly mediaType?: string } | undefined;
  errorClassName: string | undefined;
  /** The type of the provider's error codes when the spec declares them numbers; text otherwise. */
  errorCodeType: "number" | undefined;
  /** Properties of the provider's error class beyond the runtime base's (`errors`, `details`). */
  readonly errorFields: ErrorFieldFact[];
  /** Header parameters (lower-case wire names) the client supplies itself; methods do not take them. */
  readonly suppliedHeaders: Set<string>;
  /** Header parameters (lower-case wire names) the spec names as idempotency keys, beyond `Idempotency-Key` and its spellings. */
  readonly idempotencyHeaders: Set<string>;
  /** Query and header parameters (wire names) the client's credential stands in for; methods do not take them. */
  readonly credentialParams: Set<string>;
  /** Scopes per operation (keyed by `METHOD path`), for headers that only some operations carry. */
  readonly scopes: Map<string, string[]>;
  readonly notes: DialectNote[];
  /** Paging config per operation (keyed by `METHOD path`), for list operations that page. */
  readonly paging: Map<string, JsonValue>;
  /** How the plan types each paged list (keyed by `METHOD path`). */
  readonly pagedLists: Map<string, PagedListFact>;
  /** Config for the runtime's webhook signature check, when the provider signs webhooks. */
  webhooks: { readonly header: string; readonly encoding: string; readonly prefix: string } | undefined;
  /** Client namespaces (route versions), in the order the spec lists them. */
  readonly namespaces: NamespaceFact[];
  /** Typed getters on status error classes. */
  readonly errorGetters: ErrorGetterFact[];
  /** Breaking API changes the spec accepts (`client.accept-breaking` ids), for the evolve stage. */
  readonly acceptBreaking: string[];
  /** npm packages the package depends on (name → exact version), for runtime modules that need one. */
  readonly dependencies: Map<string, string>;
  /** Provider error codes that get their own error classes, all extending the provider's class. */
  readonly errorCodes: ErrorCodeFact[];
  /** Runtime exports the package re-exports (module → names), e.g. an error class a plug-in throws. */
  readonly runtimeExports: Map<string, Set<string>>;
  /**
   * Set when the 2xx schemas describe the whole envelope (`envelope.schemas: envelope`): the
   * paths to the payload, so a method's result is typed from what the schema holds there.
   */
  payloadPaths: readonly (readonly string[])[] | undefined;
  /** A method's name and/or resource by operationId (`operations`). */
  readonly operationOverrides: Map<string, { readonly method: string | undefined; readonly resource: string | undefined }>;
}

export function emptyFacts(): Facts {
  return {
    clientName: undefined,
    packageName: undefined,
    packageFact: undefined,
    options: [],
    plugins: [],
    environments: undefined,
    environmentInference: undefined,
    modules: new Set(),
    errorBase: undefined,
    errorClassName: undefined,
    errorCodeType: undefined,
    errorFields: [],
    suppliedHeaders: new Set(),
    idempotencyHeaders: new Set(),
    credentialParams: new Set(),
    scopes: new Map(),
    notes: [],
    webhooks: undefined,
    paging: new Map(),
    pagedLists: new Map(),
    namespaces: [],
    errorGetters: [],
    acceptBreaking: [],
    dependencies: new Map(),
    errorCodes: [],
    runtimeExports: new Map(),
    payloadPaths: undefined,
    operationOverrides: new Map(),
  };
}

/** Facts that one convention alone may state: a second claim is a spec error naming both keys. */
export const SINGLE_FACTS = ["clientName", "packageName", "packageFact", "environments", "environmentInference", "errorBase", "errorClassName", "errorCodeType", "webhooks", "payloadPaths"] as const;
export type SingleFact = (typeof SINGLE_FACTS)[number];

/**
 * What one convention states: facts of the same shape as the merged ones, written by that
 * convention alone. `claimedAt` says which key of the convention stated a single fact (relative
 * to the convention's own key), so a clash is reported where the second claim is written.
 */
export interface Contribution extends Facts {
  readonly claimedAt: Map<SingleFact, JsonPointer>;
}

export function emptyContribution(): Contribution {
  return { ...emptyFacts(), claimedAt: new Map() };
}

export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/**
 * What conventions tell those after them in the registry while parsing, for checks that depend on
 * another key (each slot is stated by one convention; see `Convention.tells`).
 */
export interface DialectContext {
  /**
   * A 2xx body may be a failure (an envelope's success or failure test) and the 2xx schemas
   * describe such bodies whole: error paths are read there too, so they are checked and typed there.
   */
  readonly failuresUnder2xx: boolean;
}

export const EMPTY_CONTEXT: DialectContext = { failuresUnder2xx: false };

export interface Convention<Config> {
  /** The key this convention owns under `x-conventions`. */
  readonly key: string;
  /** One line for `--help` and the docs. */
  readonly summary: string;
  /** Checks this convention's part of the spec; reports each problem at its position. */
  parse(value: unknown, at: JsonPointer, problems: ProblemCollector, ir: IRDocument, context: DialectContext): Config | undefined;
  /** What this convention's config tells the conventions parsed after it. */
  tells?(config: Config): Partial<DialectContext>;
  /**
   * States the facts the rest of the pipeline needs in `facts`, this convention's own
   * contribution (never shared): the stage merges contributions and refuses two claims of a
   * single fact. Problems only the IR shows (a path no schema has) go to `problems`.
   */
  apply(config: Config, ir: IRDocument, facts: Contribution, problems: ProblemCollector): void;
}
