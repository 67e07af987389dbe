/**
 * The public API of a generated package, read from its `dist/*.d.ts` with TypeScript's parser
 * (declarations only: no program, no type checker, nothing written) and kept as plain data, so two
 * versions can be compared field by field:
 *
 *   exports     every name `dist/index.d.ts` exports, with its kind
 *   operations  what callers call: `new Dojo(options)`, `paymentIntents.create(body, options?)`,
 *               exported functions (not the per-operation ones, twins of the methods); each with
 *               its positional parameters, its result type and,
 *               for a resource method, the endpoint it calls (`POST /payment-intents`, from the
 *               method's JSDoc)
 *   models      every exported interface, type alias and class other than the client and its
 *               resources: properties (optional or not, with types), enum members, aliases
 *   deprecated  the subjects marked `@deprecated`: operations, models, their properties and the
 *               properties of inline types (`customers.create(body).email`)
 *
 * Types are kept as canonical one-line text (see shape.ts), so a surface is JSON and prints well.
 */
import { posix } from "node:path";
import { type ClassMember, type DeclFacts, type FactsMemo, type MemberFacts, type OpFacts, type StatementFacts, fileFacts, properties, propertySubject } from "./statements.js";

export { propertySubject };

export type ExportKind = "class" | "interface" | "type" | "function" | "variable" | "enum" | "namespace" | "other";

export interface Param {
  readonly name: string;
  readonly optional: boolean;
  readonly type: string;
}

export interface Operation {
  readonly params: readonly Param[];
  readonly result: string;
  /** `METHOD /path` of the endpoint a resource method calls; absent for constructors and functions (and in surfaces from before it was recorded). */
  readonly endpoint?: string;
}

export interface Property {
  readonly optional: boolean;
  readonly readonly: boolean;
  readonly type: string;
}

export type Model =
  /** An interface or an object type (`A & { … }` too); `class` for exported classes such as errors. */
  | {
      readonly kind: "object" | "class";
      readonly typeParameters: string;
      readonly bases: readonly string[];
      readonly properties: Readonly<Record<string, Property>>;
    }
  /** A union of literals: `"Auto" | "Manual"`; members in canonical text (`"Auto"`, `1`, `null`). */
  | { readonly kind: "enum"; readonly typeParameters: string; readonly members: readonly string[] }
  /** Any other type alias, or the type of an exported constant. */
  | { readonly kind: "alias"; readonly typeParameters: string; readonly type: string };

export interface Surface {
  readonly exports: Readonly<Record<string, ExportKind>>;
  readonly operations: Readonly<Record<string, Operation>>;
  readonly models: Readonly<Record<string, Model>>;
  /** Subjects marked `@deprecated`, sorted; absent in surfaces from before it was recorded. */
  readonly deprecated?: readonly string[];
}

export const EMPTY_SURFACE: Surface = { exports: {}, operations: {}, models: {}, deprecated: [] };

/** The position of an operation's parameter (`pets.create(body)`) or of its result (`pets.get()`), as subjects name them. */
export const paramSubject = (operation: string, param: string): string => `${operation}(${param})`;
export const resultSubject = (operation: string): string => `${operation}()`;

/** A declaration and the file it is in. */
interface Local {
  readonly decl: DeclFacts;
  readonly path: string;
}

/** One declaration file: what it declares and exports. */
interface Module {
  /** Local declarations by name (several for overloaded functions, or an interface merged with a class). */
  readonly locals: Map<string, Local[]>;
  /** Local names imported from another module: local → [module path, exported name]. */
  readonly imports: Map<string, [string, string]>;
  /** Exported name → how to find it. */
  readonly named: Map<string, { readonly from?: string; readonly name: string; readonly namespace?: true }>;
  /** `export * from "…"` targets. */
  readonly stars: string[];
}

function resolveModule(from: string, specifier: string, files: ReadonlyMap<string, string>): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = posix.join(posix.dirname(from), specifier).replace(/\.(js|mjs|ts|d\.ts)$/, "");
  return [`${base}.d.ts`, `${base}/index.d.ts`].find((p) => files.has(p));
}

function moduleOf(path: string, statements: readonly StatementFacts[], files: ReadonlyMap<string, string>): Module {
  const locals = new Map<string, Local[]>();
  const imports = new Map<string, [string, string]>();
  const named: Module["named"] = new Map();
  const stars: string[] = [];
  for (const st of statements) {
    if (st.s === "decl") {
      for (const decl of st.decls) {
        if (decl.kind === "variable") {
          locals.set(decl.name, [{ decl, path }]);
          if (decl.exported) named.set(decl.name, { name: decl.name });
        } else {
          locals.set(decl.name, [...(locals.get(decl.name) ?? []), { decl, path }]);
          if (decl.exported && !named.has(decl.name)) named.set(decl.name, { name: decl.name });
        }
      }
    } else if (st.s === "import") {
      const target = resolveModule(path, st.from, files);
      if (target !== undefined) for (const [local, imported] of st.names) imports.set(local, [target, imported]);
    } else if (st.s === "export") {
      const target = typeof st.from === "string" ? resolveModule(path, st.from, files) : undefined;
      if (st.from !== undefined && target === undefined) continue;
      if (st.clause === "star") {
        if (target !== undefined) stars.push(target);
      } else if ("namespace" in st.clause) {
        named.set(st.clause.namespace, { name: st.clause.namespace, namespace: true });
      } else {
        for (const [exportedName, local] of st.clause) named.set(exportedName, target !== undefined ? { from: target, name: local } : { name: local });
      }
    }
  }
  return { locals, imports, named, stars };
}

/** The declarations a module exports under `name`, following re-exports and imports. */
function resolveExport(modules: ReadonlyMap<string, Module>, path: string, name: string, seen: Set<string> = new Set()): Local[] | "namespace" | undefined {
  const key = `${path}\u0000${name}`;
  if (seen.has(key)) return undefined;
  seen.add(key);
  const mod = modules.get(path);
  if (mod === undefined) return undefined;
  const entry = mod.named.get(name);
  if (entry !== undefined) {
    if (entry.namespace === true) return "namespace";
    if (entry.from !== undefined) return resolveExport(modules, entry.from, entry.name, seen);
    const local = mod.locals.get(entry.name);
    if (local !== undefined) return local;
    const imported = mod.imports.get(entry.name);
    return imported === undefined ? undefined : resolveExport(modules, imported[0], imported[1], seen);
  }
  for (const star of mod.stars) {
    const found = resolveExport(modules, star, name, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Every name a module exports (`export *` included). */
function exportedNames(modules: ReadonlyMap<string, Module>, path: string, seen: Set<string> = new Set()): Set<string> {
  const names = new Set<string>();
  if (seen.has(path)) return names;
  seen.add(path);
  const mod = modules.get(path);
  if (mod === undefined) return names;
  for (const name of mod.named.keys()) names.add(name);
  for (const star of mod.stars) for (const name of exportedNames(modules, star, seen)) if (name !== "default") names.add(name);
  return names;
}

const TESTING_ENTRY = "dist/testing/index.d.ts";

/**
 * The surface of a package given its files (paths relative to the package, e.g. `dist/index.d.ts`).
 * With a memo (surface-cache.ts), statements read for an earlier surface are not parsed again.
 */
export function extractSurface(files: ReadonlyMap<string, string>, memo?: FactsMemo): Surface {
  if (!files.has("dist/index.d.ts")) return EMPTY_SURFACE;
  const modules = new Map<string, Module>();
  for (const [path, text] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (path.startsWith("dist/") && path.endsWith(".d.ts")) modules.set(path, moduleOf(path, fileFacts(path, text, memo), files));
  }
  const deprecated: string[] = [];

  const exports: Record<string, ExportKind> = {};
  const declarations = new Map<string, Local>();
  const exported = new Map<string, Local[]>();
  const merged = new Map<string, DeclFacts[]>();
  for (const name of [...exportedNames(modules, "dist/index.d.ts")].sort()) {
    const found = resolveExport(modules, "dist/index.d.ts", name);
    if (found === undefined) continue;
    if (found === "namespace") {
      exports[name] = "namespace";
      continue;
    }
    // A class merged with an interface (`interface PagePromise<T> extends AsyncIterable<T> {}`
    // beside `class PagePromise<T>`) is the class, with the interface's bases and members.
    const local = found.find((l) => l.decl.kind === "class") ?? found[0];
    if (local !== undefined && local.decl.kind === "class") merged.set(name, found.filter((l) => l.decl.kind === "interface").map((l) => l.decl));
    if (local === undefined) continue;
    exports[name] = local.decl.kind;
    declarations.set(name, local);
    exported.set(name, found);
  }
  // The `testing` entry point (`<package>/testing`): its exports count as exports, named
  // `testing/<name>`, so gaining or losing the mock is a change the report lists.
  if (modules.has(TESTING_ENTRY)) {
    for (const name of [...exportedNames(modules, TESTING_ENTRY)].sort()) {
      const found = resolveExport(modules, TESTING_ENTRY, name);
      const local = found === "namespace" ? undefined : found?.[0];
      if (found === "namespace" || local !== undefined) exports[`testing/${name}`] = local === undefined ? "namespace" : local.decl.kind;
    }
  }
  const classes = new Map<string, DeclFacts>();
  for (const mod of modules.values()) {
    for (const [name, locals] of mod.locals) {
      const cls = locals.find((l) => l.decl.kind === "class");
      if (cls !== undefined && !classes.has(name)) classes.set(name, cls.decl);
    }
  }
  for (const [name, local] of declarations) if (local.decl.kind === "class") classes.set(name, local.decl);

  const operations: Record<string, Operation> = {};
  const resources = new Set<string>();
  for (const [name, { decl, path }] of declarations) {
    if (decl.kind === "class" && path === "dist/client.d.ts") {
      resources.add(name);
      for (const ctor of decl.ctors ?? []) addOperation(operations, `new ${name}`, ctor, deprecated);
      walkResource(decl, "", classes, operations, resources, new Set([name]), deprecated);
    } else if (decl.kind === "function" && !path.startsWith("dist/operations/")) {
      // A per-operation function (dist/operations/) is its resource method's twin, generated from
      // the same plan with the engine as first argument: its signature changes with the method's,
      // which the report already lists, so it counts as an export only (added, removed, renamed).
      for (const other of exported.get(name) ?? []) {
        if (other.decl.kind === "function" && other.decl.op !== undefined) addOperation(operations, name, other.decl.op, deprecated);
      }
    }
  }

  const models: Record<string, Model> = {};
  for (const [name, { decl }] of declarations) {
    if (decl.kind === "interface") models[name] = { kind: "object", typeParameters: decl.typeParameters, bases: decl.bases, properties: properties(decl.members ?? []) };
    else if ((decl.kind === "type" || decl.kind === "variable") && decl.model !== undefined) models[name] = decl.model;
    else if (decl.kind === "class" && !resources.has(name)) models[name] = classModel(decl, merged.get(name) ?? []);
    else continue;
    for (const sub of decl.modelDeprecated) deprecated.push(`${name}${sub}`);
  }
  return { exports: sorted(exports), operations: sorted(operations), models: sorted(models), deprecated: [...new Set(deprecated)].sort() };
}

/** A resource's methods become operations under `prefix`; properties typed by a class are nested resources. */
function walkResource(
  cls: DeclFacts,
  prefix: string,
  classes: ReadonlyMap<string, DeclFacts>,
  operations: Record<string, Operation>,
  resources: Set<string>,
  seen: ReadonlySet<string>,
  deprecated: string[],
): void {
  for (const member of cls.classMembers ?? []) {
    if (member.m === "method") addOperation(operations, `${prefix}${member.name}`, member.op, deprecated);
    else if (member.m === "prop" && member.resource !== null) walkResourceType(member.resource, `${prefix}${member.name}.`, classes, operations, resources, seen, deprecated);
  }
}

/** A resource property's type: a resource class, or an object of them (`readonly v1: { customers: V1Customers }`). */
function walkResourceType(
  type: Exclude<Extract<ClassMember, { m: "prop" }>["resource"], null>,
  prefix: string,
  classes: ReadonlyMap<string, DeclFacts>,
  operations: Record<string, Operation>,
  resources: Set<string>,
  seen: ReadonlySet<string>,
  deprecated: string[],
): void {
  if ("members" in type) {
    for (const member of type.members) {
      if (member.type !== null) walkResourceType(member.type, `${prefix}${member.name}.`, classes, operations, resources, seen, deprecated);
    }
    return;
  }
  const target = classes.get(type.ref);
  if (target === undefined || seen.has(type.ref)) return;
  resources.add(type.ref);
  walkResource(target, prefix, classes, operations, resources, new Set([...seen, type.ref]), deprecated);
}

function addOperation(operations: Record<string, Operation>, key: string, op: OpFacts, deprecated: string[]): void {
  let id = key;
  for (let n = 2; operations[id] !== undefined; n++) id = `${key}#${n}`; // overloads
  for (const sub of op.deprecated) deprecated.push(`${id}${sub}`);
  operations[id] = { ...(op.endpoint === undefined ? {} : { endpoint: op.endpoint }), params: op.params, result: op.result };
}

function classModel(cls: DeclFacts, interfaces: readonly DeclFacts[]): Model {
  const bases = [...cls.bases, ...interfaces.flatMap((i) => i.bases)];
  const list: MemberFacts[] = interfaces.flatMap((i) => i.members ?? []);
  for (const member of cls.classMembers ?? []) {
    if (member.m === "prop") list.push({ name: member.name, optional: member.optional, readonly: member.readonly, type: member.type });
    else if (member.m === "method") {
      const earlier = list.findIndex((p) => p.name === member.name);
      const previous = earlier >= 0 ? list[earlier] : undefined;
      // Overloads: an intersection of the signatures, as TypeScript sees them.
      if (previous !== undefined) list.splice(earlier, 1, { ...previous, type: `${parenthesized(previous.type)} & ${parenthesized(member.type)}` });
      else list.push({ name: member.name, optional: member.optional, readonly: true, type: member.type });
    } else list.push({ name: member.name, optional: false, readonly: true, type: member.type });
  }
  return { kind: "class", typeParameters: cls.typeParameters, bases, properties: properties(list) };
}

function parenthesized(text: string): string {
  return text.startsWith("(") && text.endsWith(")") && !text.includes("=>") ? text : `(${text})`;
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key] as T;
  return out;
}
