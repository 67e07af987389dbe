/**
 * What each top-level statement of a declaration file contributes to a package's surface, as
 * plain data: the unit the surface is assembled from (surface.ts) and cached by. A statement's
 * facts depend on its own text only (with its leading comments), so a package that differs from
 * an earlier one in a few statements is read by parsing those statements alone.
 *
 *   export interface Pet { name: string }   → { s: "decl", decls: [{ name: "Pet", kind: "interface", members: [{ name: "name", … }] }] }
 *   import type { Pet } from "./models.js"  → { s: "import", from: "./models.js", names: [["Pet", "Pet"]] }
 *
 * Subjects (deprecations) are kept relative to their owner — `""` the declaration itself,
 * `.tag` a property, `(body).email` a parameter's inline property — and prefixed when assembled.
 */
import * as crypto from "node:crypto";
import { ts } from "ts-morph";
import { memberName, membersOf, printShape, shapeOf, signatureShape } from "./shape.js";
import type { ExportKind, Model, Param } from "./surface.js";

/** A method, constructor or function: what callers call, and what of it is deprecated. */
export interface OpFacts {
  readonly params: readonly Param[];
  readonly result: string;
  readonly endpoint?: string;
  /** Relative subjects: `""` the operation, `(body).email`, `().state`. */
  readonly deprecated: readonly string[];
}

/** A property, method or index signature of an object type, its type printed. */
export interface MemberFacts {
  readonly name: string;
  readonly optional: boolean;
  readonly readonly: boolean;
  readonly type: string;
}

/** A resource property's type: an object of resources, a class by name, or neither. */
export type ResourceType = { readonly members: readonly { readonly name: string; readonly type: ResourceType }[] } | { readonly ref: string } | null;

/** A public member of a class, in declaration order. */
export type ClassMember =
  | { readonly m: "prop"; readonly name: string; readonly optional: boolean; readonly readonly: boolean; readonly type: string; readonly resource: ResourceType }
  | { readonly m: "method"; readonly name: string; readonly optional: boolean; readonly type: string; readonly op: OpFacts }
  | { readonly m: "get"; readonly name: string; readonly type: string };

export interface DeclFacts {
  readonly name: string;
  readonly exported: boolean;
  readonly kind: ExportKind;
  readonly typeParameters: string;
  /** Interfaces: every heritage clause; classes: `extends` only. */
  readonly bases: readonly string[];
  /** Interfaces. */
  readonly members?: readonly MemberFacts[];
  /** Type aliases and variables. */
  readonly model?: Model;
  /** Classes. */
  readonly classMembers?: readonly ClassMember[];
  readonly ctors?: readonly OpFacts[];
  /** Functions. */
  readonly op?: OpFacts;
  /** What a model of this declaration has deprecated, relative to its name. */
  readonly modelDeprecated: readonly string[];
}

export type StatementFacts =
  | { readonly s: "decl"; readonly decls: readonly DeclFacts[] }
  | { readonly s: "import"; readonly from: string; readonly names: readonly (readonly [local: string, imported: string])[] }
  | {
      readonly s: "export";
      /** The module specifier; null when it is not a string literal (then the statement exports nothing). */
      readonly from?: string | null;
      readonly clause: "star" | { readonly namespace: string } | readonly (readonly [exported: string, local: string])[];
    }
  | { readonly s: "none" };

/** The endpoint line resource methods carry in their JSDoc: `` `POST /pets/{petId}` (operation `Pets_Get`) ``. */
const ENDPOINT_LINE = /^\s*\* `([A-Z]+) (\/[^`\s]*)`(?: \(operation |$)/m;

export const PARSE_OPTIONS: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };

const isExported = (node: ts.Node): boolean => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

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
  const text = sf.text;
  // Searched within the comment only: a search through the rest of the file would cost a pass per declaration.
  const body = text.slice(doc.pos, doc.end);
  for (let i = body.indexOf("@deprecated"); i >= 0; i = body.indexOf("@deprecated", i + 1)) {
    const at = doc.pos + i;
    if (/^\s*(?:\/\*\*|\*)?\s*$/.test(text.slice(text.lastIndexOf("\n", at) + 1, at)) && !/[A-Za-z0-9_$-]/.test(text[at + 11] ?? "")) return true;
  }
  return false;
}

/** The endpoint a method's JSDoc names, if any. */
function endpointOf(node: ts.Node, sf: ts.SourceFile): string | undefined {
  const doc = docRange(node, sf);
  const match = doc === undefined ? null : ENDPOINT_LINE.exec(sf.text.slice(doc.pos, doc.end));
  return match === null ? undefined : `${match[1]} ${match[2]}`;
}

/** The subject of a property of `owner` (a model, or an inline type's position): `Pet.tag`, `Pet["x-y"]`. */
export function propertySubject(owner: string, name: string): string {
  return name.startsWith("[") ? `${owner}${name}` : `${owner}.${/^[A-Za-z0-9_$-]+$/.test(name) ? name : JSON.stringify(name)}`;
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

function opFacts(node: ts.SignatureDeclarationBase, sf: ts.SourceFile, endpoint?: string): OpFacts {
  const deprecated: string[] = [];
  if (isDeprecated(node, sf)) deprecated.push("");
  for (const p of node.parameters) inlineDeprecations(p.type, `(${p.name.getText(sf)})`, sf, deprecated);
  inlineDeprecations(node.type, "()", sf, deprecated);
  return {
    ...(endpoint === undefined ? {} : { endpoint }),
    params: node.parameters.map((p) => ({
      name: `${p.dotDotDotToken === undefined ? "" : "..."}${p.name.getText(sf).replace(/\s+/g, " ")}`,
      optional: p.questionToken !== undefined || p.initializer !== undefined || p.dotDotDotToken !== undefined,
      type: p.type === undefined ? "any" : printShape(shapeOf(p.type, sf)),
    })),
    result: node.type === undefined ? (ts.isConstructorDeclaration(node) ? "void" : "any") : printShape(shapeOf(node.type, sf)),
    deprecated,
  };
}

function typeParameters(node: { readonly typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }, sf: ts.SourceFile): string {
  return node.typeParameters === undefined ? "" : `<${node.typeParameters.map((t) => t.getText(sf).replace(/\s+/g, " ")).join(", ")}>`;
}

const printed = (list: readonly ReturnType<typeof membersOf>[number][]): MemberFacts[] => list.map((p) => ({ name: p.name, optional: p.optional, readonly: p.readonly, type: printShape(p.type) }));

function aliasModel(node: ts.TypeAliasDeclaration, sf: ts.SourceFile): Model {
  const typeParams = typeParameters(node, sf);
  const shape = shapeOf(node.type, sf);
  const literals = shape.k === "union" ? shape.members : [shape];
  if (literals.every((m) => m.k === "lit" || (m.k === "kw" && m.name === "null")) && literals.some((m) => m.k === "lit")) {
    return { kind: "enum", typeParameters: typeParams, members: literals.map(printShape) };
  }
  if (shape.k === "object") return { kind: "object", typeParameters: typeParams, bases: [], properties: properties(printed(shape.props)) };
  if (shape.k === "inter" && shape.members.every((m) => m.k === "object" || m.k === "ref")) {
    const bases = shape.members.filter((m) => m.k === "ref").map(printShape);
    const own = shape.members.flatMap((m) => (m.k === "object" ? m.props : []));
    return { kind: "object", typeParameters: typeParams, bases, properties: properties(printed(own)) };
  }
  return { kind: "alias", typeParameters: typeParams, type: printShape(shape) };
}

/** Properties by name, sorted; a later member of the same name replaces an earlier one. */
export function properties(list: readonly MemberFacts[]): Record<string, { optional: boolean; readonly: boolean; type: string }> {
  const out: Record<string, { optional: boolean; readonly: boolean; type: string }> = {};
  for (const p of list) out[p.name] = { optional: p.optional, readonly: p.readonly, type: p.type };
  const sortedOut: typeof out = {};
  for (const key of Object.keys(out).sort()) sortedOut[key] = out[key] as (typeof out)[string];
  return sortedOut;
}

function resourceType(type: ts.TypeNode, sf: ts.SourceFile): ResourceType {
  if (ts.isTypeLiteralNode(type)) {
    const members: { name: string; type: ResourceType }[] = [];
    for (const member of type.members) {
      if (ts.isPropertySignature(member) && member.type !== undefined) members.push({ name: memberName(member.name, sf), type: resourceType(member.type, sf) });
    }
    return { members };
  }
  return ts.isTypeReferenceNode(type) ? { ref: type.typeName.getText(sf) } : null;
}

function classMembers(node: ts.ClassDeclaration, sf: ts.SourceFile): ClassMember[] {
  const out: ClassMember[] = [];
  for (const member of node.members) {
    if (!isPublic(member) || member.name === undefined) continue;
    const name = memberName(member.name, sf);
    const modifiers = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : [];
    if (ts.isPropertyDeclaration(member)) {
      out.push({
        m: "prop",
        name,
        optional: member.questionToken !== undefined,
        readonly: modifiers.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword),
        type: member.type === undefined ? "any" : printShape(shapeOf(member.type, sf)),
        resource: member.type === undefined ? null : resourceType(member.type, sf),
      });
    } else if (ts.isMethodDeclaration(member)) {
      out.push({ m: "method", name, optional: member.questionToken !== undefined, type: printShape(signatureShape(member, sf)), op: opFacts(member, sf, endpointOf(member, sf)) });
    } else if (ts.isGetAccessorDeclaration(member)) {
      out.push({ m: "get", name, type: member.type === undefined ? "any" : printShape(shapeOf(member.type, sf)) });
    }
  }
  return out;
}

/** A model's own `@deprecated`, its properties', and those inside its inline property types; relative to its name. */
function modelDeprecations(node: ts.Node, statement: ts.Node, sf: ts.SourceFile): string[] {
  const out: string[] = [];
  if (isDeprecated(statement, sf)) out.push("");
  const members: readonly ts.Node[] = ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node) ? node.members : [];
  for (const member of members) {
    if (!(ts.isPropertySignature(member) || ts.isPropertyDeclaration(member) || ts.isMethodSignature(member) || ts.isMethodDeclaration(member)) || member.name === undefined) continue;
    const sub = propertySubject("", memberName(member.name, sf));
    if (isDeprecated(member, sf)) out.push(sub);
    if (ts.isPropertySignature(member) || ts.isPropertyDeclaration(member)) inlineDeprecations(member.type, sub, sf, out);
  }
  if (ts.isTypeAliasDeclaration(node)) inlineDeprecations(node.type, "", sf, out);
  return out;
}

function declFacts(node: ts.Node, name: string, exported: boolean, statement: ts.Node, sf: ts.SourceFile): DeclFacts {
  const base = { name, exported, kind: exportKind(node), typeParameters: "", bases: [] as string[], modelDeprecated: [] as string[] };
  if (ts.isInterfaceDeclaration(node)) {
    return {
      ...base,
      typeParameters: typeParameters(node, sf),
      bases: (node.heritageClauses ?? []).flatMap((h) => h.types.map((t) => printShape(shapeOf(t, sf)))),
      members: printed(membersOf(node.members, sf)),
      modelDeprecated: modelDeprecations(node, statement, sf),
    };
  }
  if (ts.isTypeAliasDeclaration(node)) return { ...base, model: aliasModel(node, sf), modelDeprecated: modelDeprecations(node, statement, sf) };
  if (ts.isClassDeclaration(node)) {
    return {
      ...base,
      typeParameters: typeParameters(node, sf),
      bases: (node.heritageClauses ?? []).filter((h) => h.token === ts.SyntaxKind.ExtendsKeyword).flatMap((h) => h.types.map((t) => printShape(shapeOf(t, sf)))),
      classMembers: classMembers(node, sf),
      ctors: node.members.filter(ts.isConstructorDeclaration).map((ctor) => opFacts(ctor, sf)),
      modelDeprecated: modelDeprecations(node, statement, sf),
    };
  }
  if (ts.isFunctionDeclaration(node)) return { ...base, op: opFacts(node, sf) };
  if (ts.isVariableDeclaration(node)) {
    // `export declare const X: T;` or, for a literal, `export declare const X = "value";`
    const { type, initializer } = node;
    const text = type !== undefined ? printShape(shapeOf(type, sf)) : initializer !== undefined && (ts.isStringLiteral(initializer) || ts.isNumericLiteral(initializer)) ? (ts.isStringLiteral(initializer) ? JSON.stringify(initializer.text) : initializer.text) : "unknown";
    return { ...base, model: { kind: "alias", typeParameters: "", type: text }, modelDeprecated: modelDeprecations(node, statement, sf) };
  }
  return base;
}

/** The facts of one top-level statement of `sf`. */
export function statementFacts(st: ts.Statement, sf: ts.SourceFile): StatementFacts {
  if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isEnumDeclaration(st)) return { s: "decl", decls: [declFacts(st, st.name.text, isExported(st), st, sf)] };
  if ((ts.isClassDeclaration(st) || ts.isFunctionDeclaration(st)) && st.name !== undefined) return { s: "decl", decls: [declFacts(st, st.name.text, isExported(st), st, sf)] };
  if (ts.isModuleDeclaration(st) && ts.isIdentifier(st.name)) return { s: "decl", decls: [declFacts(st, st.name.text, isExported(st), st, sf)] };
  if (ts.isVariableStatement(st)) {
    const decls = st.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [declFacts(d, d.name.text, isExported(st), st, sf)] : []));
    return { s: "decl", decls };
  }
  if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
    const bindings = st.importClause?.namedBindings;
    if (bindings === undefined || !ts.isNamedImports(bindings)) return { s: "none" };
    return { s: "import", from: st.moduleSpecifier.text, names: bindings.elements.map((el) => [el.name.text, (el.propertyName ?? el.name).text] as const) };
  }
  if (ts.isExportDeclaration(st)) {
    const from = st.moduleSpecifier === undefined ? undefined : ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : null;
    const clause = st.exportClause;
    const facts = clause === undefined ? "star" : ts.isNamespaceExport(clause) ? { namespace: clause.name.text } : clause.elements.map((el) => [el.name.text, (el.propertyName ?? el.name).text] as const);
    return from === undefined ? { s: "export", clause: facts } : { s: "export", from, clause: facts };
  }
  return { s: "none" };
}

/** A file's text as the texts of its top-level statements, each with the comments before it. */
export interface Chunk {
  readonly text: string;
}

/**
 * Where the top-level statements of a declaration file emitted by tsc probably are, found from
 * its lines without parsing: a statement starts at the first column (`export …`, `declare …`,
 * `import …`, or the comment before one) and ends where the next begins. Each piece ends with its
 * statement's last character, as a parse's statement ranges do (the newline after it starts the
 * next piece). Only a guess: every piece read this way is checked to parse as exactly one
 * statement without errors (fileFacts), else the whole file is parsed.
 */
export function splitStatements(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  let inComment = false;
  let afterComment = false;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const first = text.charCodeAt(lineStart);
    if (!inComment) {
      // a-z, A-Z, "/" at the first column: a statement or the comment before one
      const opens = (first >= 97 && first <= 122) || (first >= 65 && first <= 90) || first === 47;
      if (opens && !afterComment && lineStart > 0) {
        // the previous piece ends at the end of its last line (the newline belongs to this one)
        pieces.push(text.slice(start, lineStart - 1));
        start = lineStart - 1;
      }
      const line = text.slice(lineStart, lineEnd);
      if (first === 47 && line.startsWith("/*")) {
        inComment = !line.includes("*/", 2);
        afterComment = true;
      } else if (first === 47 && line.startsWith("//")) afterComment = true;
      else if (line.trim() !== "") afterComment = false;
    } else if (text.lastIndexOf("*/", lineEnd) >= lineStart) {
      inComment = false;
    }
    lineStart = lineEnd + 1;
  }
  const rest = text.slice(start);
  // What follows the last statement (a newline) is no statement.
  if (rest.trim() !== "") pieces.push(rest.replace(/\s+$/, ""));
  return pieces;
}

/**
 * Statement facts by a hash of the statement's text: what an earlier package's surface was read
 * from (surface-cache.ts keeps it), and what this read adds.
 */
export class FactsMemo {
  readonly known: Map<string, StatementFacts>;
  readonly added = new Map<string, StatementFacts>();
  constructor(known: ReadonlyMap<string, StatementFacts> = new Map()) {
    this.known = new Map(known);
  }
  get(key: string): StatementFacts | undefined {
    return this.known.get(key) ?? this.added.get(key);
  }
  /** Every statement a read used, known or added: what the next read can start from. */
  readonly used = new Map<string, StatementFacts>();
  use(key: string, facts: StatementFacts): void {
    this.used.set(key, facts);
  }
  add(key: string, facts: StatementFacts): void {
    this.added.set(key, facts);
    this.used.set(key, facts);
  }
}

/** One-shot hashing (Node ≥ 20.12) costs a fraction of a Hash object per statement. */
const statementKey = (text: string): string => (typeof crypto.hash === "function" ? crypto.hash("sha1", text, "base64") : crypto.createHash("sha1").update(text).digest("base64"));

/** TypeScript's syntax errors in a file parsed alone (an internal field; when absent, the piece counts as unreadable). */
function parseErrors(sf: ts.SourceFile): number {
  const found: unknown = Reflect.get(sf, "parseDiagnostics");
  return Array.isArray(found) ? found.length : 1;
}

/** Every top-level statement's facts, parsing the whole file. */
function wholeFileFacts(path: string, text: string, memo: FactsMemo | undefined): StatementFacts[] {
  const sf = ts.createSourceFile(path, text, PARSE_OPTIONS, false);
  return sf.statements.map((st) => {
    const facts = statementFacts(st, sf);
    // Kept under its text when that text reads the same alone: it starts a line (the file, or after a newline).
    if (memo !== undefined && (st.pos === 0 || text.charCodeAt(st.pos) === 10)) memo.add(statementKey(text.slice(st.pos, st.end)), facts);
    return facts;
  });
}

/**
 * The facts of a declaration file's statements, in order. With a memo, statements read before are
 * not parsed again: the file is cut into statements (splitStatements), and only the pieces the
 * memo does not know are parsed, each alone; a piece that does not parse as exactly one whole
 * statement, or many unknown ones, make it parse the whole file instead.
 */
export function fileFacts(path: string, text: string, memo?: FactsMemo): StatementFacts[] {
  if (memo === undefined || memo.known.size === 0) return wholeFileFacts(path, text, memo);
  const pieces = splitStatements(text);
  const keys = pieces.map(statementKey);
  const facts: (StatementFacts | undefined)[] = keys.map((key) => memo.get(key));
  let unknownLength = 0;
  for (let i = 0; i < pieces.length; i++) if (facts[i] === undefined) unknownLength += (pieces[i] as string).length;
  // Parsing pieces one by one costs more per byte than one parse of the file.
  if (unknownLength > text.length / 4) return wholeFileFacts(path, text, memo);
  const fresh = new Map<number, StatementFacts>();
  for (let i = 0; i < pieces.length; i++) {
    if (facts[i] !== undefined) continue;
    const piece = pieces[i] as string;
    const sf = ts.createSourceFile(path, piece, PARSE_OPTIONS, false);
    const [st, ...more] = sf.statements;
    if (st === undefined || more.length > 0 || st.end !== piece.length || parseErrors(sf) > 0) return wholeFileFacts(path, text, memo);
    fresh.set(i, statementFacts(st, sf));
  }
  return keys.map((key, i) => {
    const known = facts[i];
    if (known !== undefined) {
      memo.use(key, known);
      return known;
    }
    const read = fresh.get(i) as StatementFacts;
    memo.add(key, read);
    return read;
  });
}
