/**
 * The public API of a generated package, read from its `dist/*.d.ts` with TypeScript's parser
 * (declarations only: no program, no type checker, nothing written) and kept as plain data, so two
 * versions can be compared field by field:
 *
 *   exports     every name `dist/index.d.ts` exports, with its kind
 *   operations  what callers call: `new Dojo(options)`, `paymentIntents.create(body, options?)`,
 *               exported functions; each with its positional parameters, its result type and,
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
import { ts } from "ts-morph";
import { memberName, membersOf, printShape, shapeOf, signatureShape } from "./shape.js";

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

/** The subject of a property of `owner` (a model, or an inline type's position): `Pet.tag`, `Pet["x-y"]`. */
export function propertySubject(owner: string, name: string): string {
  return name.startsWith("[") ? `${owner}${name}` : `${owner}.${/^[A-Za-z0-9_$-]+$/.test(name) ? name : JSON.stringify(name)}`;
}

/** The position of an operation's parameter (`pets.create(body)`) or of its result (`pets.get()`), as subjects name them. */
export const paramSubject = (operation: string, param: string): string => `${operation}(${param})`;
export const resultSubject = (operation: string): string => `${operation}()`;

/** The endpoint line resource methods carry in their JSDoc: `` `POST /pets/{petId}` (operation `Pets_Get`) ``. */
const ENDPOINT_LINE = /^\s*\* `([A-Z]+) (\/[^`\s]*)`(?: \(operation |$)/m;

/** The file each declaration was read from, and the statement carrying a variable's JSDoc (files are parsed without parent links). */
const fileOf = new WeakMap<ts.Node, ts.SourceFile>();
const statementOf = new WeakMap<ts.Node, ts.Node>();
const sourceOf = (node: ts.Node): ts.SourceFile => fileOf.get(node) as ts.SourceFile;

/** One parsed declaration file and what it declares and exports. */
interface Module {
  readonly sf: ts.SourceFile;
  /** Local declarations by name (several for overloaded functions). */
  readonly locals: Map<string, ts.Node[]>;
  /** Local names imported from another module: local → [module path, exported name]. */
  readonly imports: Map<string, [string, string]>;
  /** Exported name → how to find it. */
  readonly named: Map<string, { readonly from?: string; readonly name: string; readonly namespace?: true }>;
  /** `export * from "…"` targets. */
  readonly stars: string[];
}

const isExported = (node: ts.Node): boolean => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

function resolveModule(from: string, specifier: string, files: ReadonlyMap<string, string>): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = posix.join(posix.dirname(from), specifier).replace(/\.(js|mjs|ts|d\.ts)$/, "");
  return [`${base}.d.ts`, `${base}/index.d.ts`].find((p) => files.has(p));
}

function parseModule(path: string, text: string, files: ReadonlyMap<string, string>): Module {
  const sf = ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false);
  const locals = new Map<string, ts.Node[]>();
  const imports = new Map<string, [string, string]>();
  const named: Module["named"] = new Map();
  const stars: string[] = [];
  const declare = (name: string, node: ts.Node): void => {
    fileOf.set(node, sf);
    locals.set(name, [...(locals.get(name) ?? []), node]);
    if (isExported(node) && !named.has(name)) named.set(name, { name });
  };
  for (const st of sf.statements) {
    if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isEnumDeclaration(st)) declare(st.name.text, st);
    else if ((ts.isClassDeclaration(st) || ts.isFunctionDeclaration(st)) && st.name !== undefined) declare(st.name.text, st);
    else if (ts.isModuleDeclaration(st) && ts.isIdentifier(st.name)) declare(st.name.text, st);
    else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) continue;
        fileOf.set(d, sf);
        statementOf.set(d, st);
        locals.set(d.name.text, [d]);
        if (isExported(st)) named.set(d.name.text, { name: d.name.text });
      }
    } else if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const target = resolveModule(path, st.moduleSpecifier.text, files);
      const bindings = st.importClause?.namedBindings;
      if (target !== undefined && bindings !== undefined && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) imports.set(el.name.text, [target, (el.propertyName ?? el.name).text]);
      }
    } else if (ts.isExportDeclaration(st)) {
      const target = st.moduleSpecifier !== undefined && ts.isStringLiteral(st.moduleSpecifier) ? resolveModule(path, st.moduleSpecifier.text, files) : undefined;
      if (st.moduleSpecifier !== undefined && target === undefined) continue;
      const clause = st.exportClause;
      if (clause === undefined) {
        if (target !== undefined) stars.push(target);
      } else if (ts.isNamespaceExport(clause)) {
        named.set(clause.name.text, { name: clause.name.text, namespace: true });
      } else {
        for (const el of clause.elements) {
          const local = (el.propertyName ?? el.name).text;
          named.set(el.name.text, target !== undefined ? { from: target, name: local } : { name: local });
        }
      }
    }
  }
  return { sf, locals, imports, named, stars };
}

/** The declarations a module exports under `name`, following re-exports and imports. */
function resolveExport(modules: ReadonlyMap<string, Module>, path: string, name: string, seen: Set<string> = new Set()): ts.Node[] | "namespace" | undefined {
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

/**
 * The JSDoc block right before a declaration, as a range of the file's text. Files are parsed
 * without JSDoc (most of a package's declaration text is documentation, and parsing it would
 * double the cost), so the two facts read from it — `@deprecated` and the endpoint line — are
 * found in the comment's text.
 */
function docRange(node: ts.Node, sf: ts.SourceFile): { readonly pos: number; readonly end: number } | undefined {
  const ranges = ts.getLeadingCommentRanges(sf.text, node.pos);
  const last = ranges?.[ranges.length - 1];
  if (last === undefined || last.kind !== ts.SyntaxKind.MultiLineCommentTrivia || !sf.text.startsWith("/**", last.pos)) return undefined;
  return last;
}

/** Whether a line of the declaration's JSDoc starts with `@deprecated`. */
function isDeprecated(node: ts.Node, sf: ts.SourceFile): boolean {
  const doc = docRange(node, sf);
  if (doc === undefined) return false;
  for (let at = sf.text.indexOf("@deprecated", doc.pos); at >= 0 && at < doc.end; at = sf.text.indexOf("@deprecated", at + 1)) {
    if (/^\s*(?:\/\*\*|\*)?\s*$/.test(sf.text.slice(sf.text.lastIndexOf("\n", at) + 1, at)) && !/[A-Za-z0-9_$-]/.test(sf.text[at + 11] ?? "")) return true;
  }
  return false;
}

/** The endpoint a method's JSDoc names, if any. */
function endpointOf(node: ts.Node, sf: ts.SourceFile): string | undefined {
  const doc = docRange(node, sf);
  const match = doc === undefined ? null : ENDPOINT_LINE.exec(sf.text.slice(doc.pos, doc.end));
  return match === null ? undefined : `${match[1]} ${match[2]}`;
}

/** Deprecated properties inside an inline type at `subject`: members of object literals, array elements, union and generic arguments. */
function inlineDeprecations(node: ts.TypeNode | undefined, subject: string, sf: ts.SourceFile, out: string[]): void {
  if (node === undefined) return;
  if (ts.isTypeLiteralNode(node)) {
    for (const member of node.members) {
      if (member.name === undefined || !ts.isPropertySignature(member)) continue;
      const sub = propertySubject(subject, memberName(member.name, sf));
      if (isDeprecated(member, sf)) out.push(sub);
      inlineDeprecations(member.type, sub, sf, out);
    }
  } else if (ts.isArrayTypeNode(node)) inlineDeprecations(node.elementType, `${subject}[]`, sf, out);
  else if (ts.isParenthesizedTypeNode(node)) inlineDeprecations(node.type, subject, sf, out);
  else if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) for (const t of node.types) inlineDeprecations(t, subject, sf, out);
  else if (ts.isTypeReferenceNode(node)) for (const t of node.typeArguments ?? []) inlineDeprecations(t, subject, sf, out);
}

const TESTING_ENTRY = "dist/testing/index.d.ts";

/** The surface of a package given its files (paths relative to the package, e.g. `dist/index.d.ts`). */
export function extractSurface(files: ReadonlyMap<string, string>): Surface {
  if (!files.has("dist/index.d.ts")) return EMPTY_SURFACE;
  const modules = new Map<string, Module>();
  for (const [path, text] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (path.startsWith("dist/") && path.endsWith(".d.ts")) modules.set(path, parseModule(path, text, files));
  }
  const deprecated: string[] = [];

  const exports: Record<string, ExportKind> = {};
  const declarations = new Map<string, ts.Node>();
  const exported = new Map<string, ts.Node[]>();
  const merged = new Map<string, ts.InterfaceDeclaration[]>();
  for (const name of [...exportedNames(modules, "dist/index.d.ts")].sort()) {
    const found = resolveExport(modules, "dist/index.d.ts", name);
    if (found === undefined) continue;
    if (found === "namespace") {
      exports[name] = "namespace";
      continue;
    }
    // A class merged with an interface (`interface PagePromise<T> extends AsyncIterable<T> {}`
    // beside `class PagePromise<T>`) is the class, with the interface's bases and members.
    const node = found.find(ts.isClassDeclaration) ?? found[0];
    if (node !== undefined && ts.isClassDeclaration(node)) merged.set(name, found.filter(ts.isInterfaceDeclaration));
    if (node === undefined) continue;
    exports[name] = exportKind(node);
    declarations.set(name, node);
    exported.set(name, found);
  }
  // The `testing` entry point (`<package>/testing`): its exports count as exports, named
  // `testing/<name>`, so gaining or losing the mock is a change the report lists.
  if (modules.has(TESTING_ENTRY)) {
    for (const name of [...exportedNames(modules, TESTING_ENTRY)].sort()) {
      const found = resolveExport(modules, TESTING_ENTRY, name);
      const node = found === "namespace" ? undefined : found?.[0];
      if (found === "namespace" || node !== undefined) exports[`testing/${name}`] = node === undefined ? "namespace" : exportKind(node);
    }
  }
  const classes = new Map<string, ts.ClassDeclaration>();
  for (const mod of modules.values()) {
    for (const [name, nodes] of mod.locals) {
      const cls = nodes.find(ts.isClassDeclaration);
      if (cls !== undefined && !classes.has(name)) classes.set(name, cls);
    }
  }
  for (const [name, node] of declarations) if (ts.isClassDeclaration(node)) classes.set(name, node);

  const operations: Record<string, Operation> = {};
  const resources = new Set<string>();
  for (const [name, node] of declarations) {
    if (ts.isClassDeclaration(node) && sourceOf(node).fileName === "dist/client.d.ts") {
      resources.add(name);
      for (const ctor of node.members.filter(ts.isConstructorDeclaration)) {
        addOperation(operations, `new ${name}`, ctor, sourceOf(node), deprecated);
      }
      walkResource(node, sourceOf(node), "", classes, operations, resources, new Set([name]), deprecated);
    } else if (ts.isFunctionDeclaration(node)) {
      for (const decl of exported.get(name) ?? []) {
        if (ts.isFunctionDeclaration(decl)) addOperation(operations, name, decl, sourceOf(decl), deprecated);
      }
    }
  }

  const models: Record<string, Model> = {};
  for (const [name, node] of declarations) {
    const sf = sourceOf(node);
    if (ts.isInterfaceDeclaration(node)) models[name] = interfaceModel(node, sf);
    else if (ts.isTypeAliasDeclaration(node)) models[name] = aliasModel(node, sf);
    else if (ts.isClassDeclaration(node) && !resources.has(name)) models[name] = classModel(node, sf, merged.get(name) ?? []);
    else if (ts.isVariableDeclaration(node)) {
      // `export declare const X: T;` or, for a literal, `export declare const X = "value";`
      const { type, initializer } = node;
      const text = type !== undefined ? printShape(shapeOf(type, sf)) : initializer !== undefined && (ts.isStringLiteral(initializer) || ts.isNumericLiteral(initializer)) ? (ts.isStringLiteral(initializer) ? JSON.stringify(initializer.text) : initializer.text) : "unknown";
      models[name] = { kind: "alias", typeParameters: "", type: text };
    } else continue;
    modelDeprecations(name, node, sf, deprecated);
  }
  return { exports: sorted(exports), operations: sorted(operations), models: sorted(models), deprecated: [...new Set(deprecated)].sort() };
}

/** A model's own `@deprecated`, its properties', and those inside its inline property types. */
function modelDeprecations(name: string, node: ts.Node, sf: ts.SourceFile, out: string[]): void {
  if (isDeprecated(statementOf.get(node) ?? node, sf)) out.push(name);
  const members: readonly ts.Node[] = ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node) ? node.members : [];
  for (const member of members) {
    if (!(ts.isPropertySignature(member) || ts.isPropertyDeclaration(member) || ts.isMethodSignature(member) || ts.isMethodDeclaration(member)) || member.name === undefined) continue;
    const sub = propertySubject(name, memberName(member.name, sf));
    if (isDeprecated(member, sf)) out.push(sub);
    if (ts.isPropertySignature(member) || ts.isPropertyDeclaration(member)) inlineDeprecations(member.type, sub, sf, out);
  }
  if (ts.isTypeAliasDeclaration(node)) inlineDeprecations(node.type, name, sf, out);
}

function exportKind(node: ts.Node): ExportKind {
  if (ts.isClassDeclaration(node)) return "class";
  if (ts.isInterfaceDeclaration(node)) return "interface";
  if (ts.isTypeAliasDeclaration(node)) return "type";
  if (ts.isFunctionDeclaration(node)) return "function";
  if (ts.isVariableDeclaration(node)) return "variable";
  if (ts.isEnumDeclaration(node)) return "enum";
  if (ts.isModuleDeclaration(node)) return "namespace";
  return "other";
}

function isPublic(member: ts.ClassElement): boolean {
  if (member.name !== undefined && ts.isPrivateIdentifier(member.name)) return false;
  const modifiers = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : [];
  return !modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword || m.kind === ts.SyntaxKind.StaticKeyword);
}

/** A resource's methods become operations under `prefix`; properties typed by a class are nested resources. */
function walkResource(
  cls: ts.ClassDeclaration,
  sf: ts.SourceFile,
  prefix: string,
  classes: ReadonlyMap<string, ts.ClassDeclaration>,
  operations: Record<string, Operation>,
  resources: Set<string>,
  seen: ReadonlySet<string>,
  deprecated: string[],
): void {
  for (const member of cls.members) {
    if (!isPublic(member) || member.name === undefined) continue;
    const name = memberName(member.name, sf);
    if (ts.isMethodDeclaration(member)) {
      addOperation(operations, `${prefix}${name}`, member, sf, deprecated, endpointOf(member, sf));
    } else if (ts.isPropertyDeclaration(member) && member.type !== undefined) {
      walkResourceType(member.type, sf, `${prefix}${name}.`, classes, operations, resources, seen, deprecated);
    }
  }
}

/** A resource property's type: a resource class, or an object of them (`readonly v1: { customers: V1Customers }`). */
function walkResourceType(
  type: ts.TypeNode,
  sf: ts.SourceFile,
  prefix: string,
  classes: ReadonlyMap<string, ts.ClassDeclaration>,
  operations: Record<string, Operation>,
  resources: Set<string>,
  seen: ReadonlySet<string>,
  deprecated: string[],
): void {
  if (ts.isTypeLiteralNode(type)) {
    for (const member of type.members) {
      if (ts.isPropertySignature(member) && member.type !== undefined) {
        walkResourceType(member.type, sf, `${prefix}${memberName(member.name, sf)}.`, classes, operations, resources, seen, deprecated);
      }
    }
    return;
  }
  if (!ts.isTypeReferenceNode(type)) return;
  const typeName = type.typeName.getText(sf);
  const target = classes.get(typeName);
  if (target === undefined || seen.has(typeName)) return;
  resources.add(typeName);
  walkResource(target, sourceOf(target), prefix, classes, operations, resources, new Set([...seen, typeName]), deprecated);
}

function addOperation(operations: Record<string, Operation>, key: string, node: ts.SignatureDeclarationBase, sf: ts.SourceFile, deprecated: string[], endpoint?: string): void {
  let id = key;
  for (let n = 2; operations[id] !== undefined; n++) id = `${key}#${n}`; // overloads
  if (isDeprecated(node, sf)) deprecated.push(id);
  for (const p of node.parameters) inlineDeprecations(p.type, paramSubject(id, p.name.getText(sf)), sf, deprecated);
  inlineDeprecations(node.type, resultSubject(id), sf, deprecated);
  operations[id] = {
    ...(endpoint === undefined ? {} : { endpoint }),
    params: node.parameters.map((p) => ({
      name: `${p.dotDotDotToken === undefined ? "" : "..."}${p.name.getText(sf).replace(/\s+/g, " ")}`,
      optional: p.questionToken !== undefined || p.initializer !== undefined || p.dotDotDotToken !== undefined,
      type: p.type === undefined ? "any" : printShape(shapeOf(p.type, sf)),
    })),
    result: node.type === undefined ? (ts.isConstructorDeclaration(node) ? "void" : "any") : printShape(shapeOf(node.type, sf)),
  };
}

function typeParameters(node: { readonly typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }, sf: ts.SourceFile): string {
  return node.typeParameters === undefined ? "" : `<${node.typeParameters.map((t) => t.getText(sf).replace(/\s+/g, " ")).join(", ")}>`;
}

function properties(list: readonly { name: string; optional: boolean; readonly: boolean; type: ReturnType<typeof shapeOf> }[]): Record<string, Property> {
  const out: Record<string, Property> = {};
  for (const p of list) out[p.name] = { optional: p.optional, readonly: p.readonly, type: printShape(p.type) };
  return sorted(out);
}

function interfaceModel(node: ts.InterfaceDeclaration, sf: ts.SourceFile): Model {
  const bases = (node.heritageClauses ?? []).flatMap((h) => h.types.map((t) => printShape(shapeOf(t, sf))));
  return { kind: "object", typeParameters: typeParameters(node, sf), bases, properties: properties(membersOf(node.members, sf)) };
}

function aliasModel(node: ts.TypeAliasDeclaration, sf: ts.SourceFile): Model {
  const typeParams = typeParameters(node, sf);
  const shape = shapeOf(node.type, sf);
  const literals = shape.k === "union" ? shape.members : [shape];
  if (literals.every((m) => m.k === "lit" || (m.k === "kw" && m.name === "null")) && literals.some((m) => m.k === "lit")) {
    return { kind: "enum", typeParameters: typeParams, members: literals.map(printShape) };
  }
  if (shape.k === "object") return { kind: "object", typeParameters: typeParams, bases: [], properties: properties(shape.props) };
  if (shape.k === "inter" && shape.members.every((m) => m.k === "object" || m.k === "ref")) {
    const bases = shape.members.filter((m) => m.k === "ref").map(printShape);
    const own = shape.members.flatMap((m) => (m.k === "object" ? m.props : []));
    return { kind: "object", typeParameters: typeParams, bases, properties: properties(own) };
  }
  return { kind: "alias", typeParameters: typeParams, type: printShape(shape) };
}

function classModel(node: ts.ClassDeclaration, sf: ts.SourceFile, interfaces: readonly ts.InterfaceDeclaration[]): Model {
  const bases = [
    ...(node.heritageClauses ?? []).filter((h) => h.token === ts.SyntaxKind.ExtendsKeyword).flatMap((h) => h.types.map((t) => printShape(shapeOf(t, sf)))),
    ...interfaces.flatMap((i) => (i.heritageClauses ?? []).flatMap((h) => h.types.map((t) => printShape(shapeOf(t, sourceOf(i)))))),
  ];
  const list: { name: string; optional: boolean; readonly: boolean; type: ReturnType<typeof shapeOf> }[] = interfaces.flatMap((i) => membersOf(i.members, sourceOf(i)));
  for (const member of node.members) {
    if (!isPublic(member) || member.name === undefined) continue;
    const name = memberName(member.name, sf);
    const modifiers = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : [];
    const isReadonly = modifiers.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword);
    if (ts.isPropertyDeclaration(member)) {
      list.push({ name, optional: member.questionToken !== undefined, readonly: isReadonly, type: member.type === undefined ? { k: "kw", name: "any" } : shapeOf(member.type, sf) });
    } else if (ts.isMethodDeclaration(member)) {
      const earlier = list.findIndex((p) => p.name === name);
      const type = signatureShape(member, sf);
      const previous = earlier >= 0 ? list[earlier] : undefined;
      // Overloads: an intersection of the signatures, as TypeScript sees them.
      if (previous !== undefined) list.splice(earlier, 1, { ...previous, type: { k: "opaque", text: `${parenthesized(previous.type)} & ${parenthesized(type)}` } });
      else list.push({ name, optional: member.questionToken !== undefined, readonly: true, type });
    } else if (ts.isGetAccessorDeclaration(member)) {
      list.push({ name, optional: false, readonly: true, type: member.type === undefined ? { k: "kw", name: "any" } : shapeOf(member.type, sf) });
    }
  }
  return { kind: "class", typeParameters: typeParameters(node, sf), bases, properties: properties(list) };
}

function parenthesized(shape: ReturnType<typeof shapeOf>): string {
  const text = printShape(shape);
  return text.startsWith("(") && text.endsWith(")") && !text.includes("=>") ? text : `(${text})`;
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key] as T;
  return out;
}
