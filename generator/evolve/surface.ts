/**
 * The public API of a generated package, read from its `dist/*.d.ts` with ts-morph (in memory,
 * nothing is written) and kept as plain data, so two versions can be compared field by field:
 *
 *   exports     every name `dist/index.d.ts` exports, with its kind
 *   operations  what callers call: `new Dojo(options)`, `paymentIntents.create(body, options?)`,
 *               exported functions; each with its positional parameters and its result type
 *   models      every exported interface, type alias and class other than the client and its
 *               resources: properties (optional or not, with types), enum members, aliases
 *
 * Types are kept as canonical one-line text (see shape.ts), so a surface is JSON and prints well.
 */
import { Node, Project, ts } from "ts-morph";
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
}

export const EMPTY_SURFACE: Surface = { exports: {}, operations: {}, models: {} };

const ROOT = "/package/";

/** The surface of a package given its files (paths relative to the package, e.g. `dist/index.d.ts`). */
export function extractSurface(files: ReadonlyMap<string, string>): Surface {
  if (!files.has("dist/index.d.ts")) return EMPTY_SURFACE;
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    compilerOptions: { noLib: true, types: [], module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
  });
  for (const [path, text] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (path.startsWith("dist/") && path.endsWith(".d.ts")) project.createSourceFile(`${ROOT}${path}`, text);
  }
  const index = project.getSourceFileOrThrow(`${ROOT}dist/index.d.ts`);

  const exported = index.getExportedDeclarations();
  const exports: Record<string, ExportKind> = {};
  const declarations = new Map<string, Node>();
  const merged = new Map<string, ts.InterfaceDeclaration[]>();
  for (const [name, nodes] of exported) {
    // A class merged with an interface (`interface PagePromise<T> extends AsyncIterable<T> {}`
    // beside `class PagePromise<T>`) is the class, with the interface's bases and members.
    const node = nodes.find((n) => Node.isClassDeclaration(n)) ?? nodes[0];
    if (node === undefined) continue;
    if (Node.isClassDeclaration(node)) merged.set(name, nodes.filter(Node.isInterfaceDeclaration).map((n) => n.compilerNode));
    exports[name] = exportKind(node);
    declarations.set(name, node);
  }
  const classes = new Map<string, ts.ClassDeclaration>();
  for (const sf of project.getSourceFiles()) {
    for (const cls of sf.getClasses()) {
      const name = cls.getName();
      if (name !== undefined && !classes.has(name)) classes.set(name, cls.compilerNode);
    }
  }
  for (const [name, node] of declarations) if (Node.isClassDeclaration(node)) classes.set(name, node.compilerNode);

  const operations: Record<string, Operation> = {};
  const resources = new Set<string>();
  for (const [name, node] of declarations) {
    if (Node.isClassDeclaration(node) && node.getSourceFile().getFilePath() === `${ROOT}dist/client.d.ts`) {
      resources.add(name);
      const cls = node.compilerNode;
      for (const ctor of cls.members.filter(ts.isConstructorDeclaration)) {
        addOperation(operations, `new ${name}`, ctor, cls.getSourceFile());
      }
      walkResource(cls, "", classes, operations, resources, new Set([name]));
    } else if (Node.isFunctionDeclaration(node)) {
      for (const decl of exported.get(name) ?? []) {
        if (Node.isFunctionDeclaration(decl)) addOperation(operations, name, decl.compilerNode, decl.getSourceFile().compilerNode);
      }
    }
  }

  const models: Record<string, Model> = {};
  for (const [name, node] of declarations) {
    const sf = node.getSourceFile().compilerNode;
    if (Node.isInterfaceDeclaration(node)) models[name] = interfaceModel(node.compilerNode, sf);
    else if (Node.isTypeAliasDeclaration(node)) models[name] = aliasModel(node.compilerNode, sf);
    else if (Node.isClassDeclaration(node) && !resources.has(name)) models[name] = classModel(node.compilerNode, sf, merged.get(name) ?? []);
    else if (Node.isVariableDeclaration(node)) {
      // `export declare const X: T;` or, for a literal, `export declare const X = "value";`
      const { type, initializer } = node.compilerNode;
      const text = type !== undefined ? printShape(shapeOf(type, sf)) : initializer !== undefined && (ts.isStringLiteral(initializer) || ts.isNumericLiteral(initializer)) ? (ts.isStringLiteral(initializer) ? JSON.stringify(initializer.text) : initializer.text) : "unknown";
      models[name] = { kind: "alias", typeParameters: "", type: text };
    }
  }
  return { exports: sorted(exports), operations: sorted(operations), models: sorted(models) };
}

function exportKind(node: Node): ExportKind {
  if (Node.isClassDeclaration(node)) return "class";
  if (Node.isInterfaceDeclaration(node)) return "interface";
  if (Node.isTypeAliasDeclaration(node)) return "type";
  if (Node.isFunctionDeclaration(node)) return "function";
  if (Node.isVariableDeclaration(node)) return "variable";
  if (Node.isEnumDeclaration(node)) return "enum";
  if (Node.isModuleDeclaration(node)) return "namespace";
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
  prefix: string,
  classes: ReadonlyMap<string, ts.ClassDeclaration>,
  operations: Record<string, Operation>,
  resources: Set<string>,
  seen: ReadonlySet<string>,
): void {
  const sf = cls.getSourceFile();
  for (const member of cls.members) {
    if (!isPublic(member) || member.name === undefined) continue;
    const name = memberName(member.name, sf);
    if (ts.isMethodDeclaration(member)) {
      addOperation(operations, `${prefix}${name}`, member, sf);
    } else if (ts.isPropertyDeclaration(member) && member.type !== undefined && ts.isTypeReferenceNode(member.type)) {
      const typeName = member.type.typeName.getText(sf);
      const target = classes.get(typeName);
      if (target === undefined || seen.has(typeName)) continue;
      resources.add(typeName);
      walkResource(target, `${prefix}${name}.`, classes, operations, resources, new Set([...seen, typeName]));
    }
  }
}

function addOperation(operations: Record<string, Operation>, key: string, node: ts.SignatureDeclarationBase, sf: ts.SourceFile): void {
  let id = key;
  for (let n = 2; operations[id] !== undefined; n++) id = `${key}#${n}`; // overloads
  operations[id] = {
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
    ...interfaces.flatMap((i) => (i.heritageClauses ?? []).flatMap((h) => h.types.map((t) => printShape(shapeOf(t, i.getSourceFile()))))),
  ];
  const list: { name: string; optional: boolean; readonly: boolean; type: ReturnType<typeof shapeOf> }[] = interfaces.flatMap((i) => membersOf(i.members, i.getSourceFile()));
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
