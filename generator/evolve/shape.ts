/**
 * Type expressions of a package's declarations as data: a small AST read from TypeScript type
 * nodes, a canonical one-line spelling, the model names a type refers to, and `isSubtype`, the
 * structural check the API diff uses to tell a narrowed type from a widened one.
 *
 *   parseType('"Auto" | "Manual"')  → { k: "union", members: [lit "Auto", lit "Manual"] }
 *   isSubtype(parseType('"Auto"'), parseType("string"), ctx) → true
 *
 * References to the package's own models are compared by name: `Address` before and `Address`
 * after are the same type here, because a change inside `Address` is reported on `Address`
 * itself. References whose names differ are compared by expanding the models they name.
 */
import { ts } from "ts-morph";

export type Shape =
  | { readonly k: "kw"; readonly name: string }
  | { readonly k: "lit"; readonly text: string; readonly base: "string" | "number" | "boolean" | "bigint" }
  | { readonly k: "ref"; readonly name: string; readonly args: readonly Shape[] }
  | { readonly k: "array"; readonly elem: Shape; readonly readonly: boolean }
  | { readonly k: "union"; readonly members: readonly Shape[] }
  | { readonly k: "inter"; readonly members: readonly Shape[] }
  | { readonly k: "object"; readonly props: readonly PropShape[] }
  | { readonly k: "opaque"; readonly text: string };

export interface PropShape {
  /** The property name; `[string]` or `[number]` for an index signature. */
  readonly name: string;
  readonly optional: boolean;
  readonly readonly: boolean;
  readonly type: Shape;
}

const KEYWORDS: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.StringKeyword]: "string",
  [ts.SyntaxKind.NumberKeyword]: "number",
  [ts.SyntaxKind.BooleanKeyword]: "boolean",
  [ts.SyntaxKind.BigIntKeyword]: "bigint",
  [ts.SyntaxKind.SymbolKeyword]: "symbol",
  [ts.SyntaxKind.ObjectKeyword]: "object",
  [ts.SyntaxKind.UnknownKeyword]: "unknown",
  [ts.SyntaxKind.AnyKeyword]: "any",
  [ts.SyntaxKind.NeverKeyword]: "never",
  [ts.SyntaxKind.VoidKeyword]: "void",
  [ts.SyntaxKind.UndefinedKeyword]: "undefined",
  [ts.SyntaxKind.NullKeyword]: "null",
};

const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim();

/** The name of a property, method or index signature as callers spell it (quotes removed). */
export function memberName(name: ts.PropertyName | ts.Node, sourceFile: ts.SourceFile): string {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return oneLine(name.getText(sourceFile));
}

/** A TypeScript type node as a Shape. */
export function shapeOf(node: ts.TypeNode, sf: ts.SourceFile): Shape {
  const keyword = KEYWORDS[node.kind];
  if (keyword !== undefined) return { k: "kw", name: keyword };
  if (ts.isParenthesizedTypeNode(node)) return shapeOf(node.type, sf);
  if (ts.isLiteralTypeNode(node)) {
    const lit = node.literal;
    if (lit.kind === ts.SyntaxKind.NullKeyword) return { k: "kw", name: "null" };
    if (lit.kind === ts.SyntaxKind.TrueKeyword || lit.kind === ts.SyntaxKind.FalseKeyword) {
      return { k: "lit", text: lit.kind === ts.SyntaxKind.TrueKeyword ? "true" : "false", base: "boolean" };
    }
    if (ts.isStringLiteral(lit) || ts.isNoSubstitutionTemplateLiteral(lit)) return { k: "lit", text: JSON.stringify(lit.text), base: "string" };
    if (ts.isNumericLiteral(lit)) return { k: "lit", text: String(Number(lit.text)), base: "number" };
    if (ts.isBigIntLiteral(lit)) return { k: "lit", text: lit.text, base: "bigint" };
    if (ts.isPrefixUnaryExpression(lit) && ts.isNumericLiteral(lit.operand)) {
      return { k: "lit", text: String(-Number(lit.operand.text)), base: "number" };
    }
  }
  if (ts.isUnionTypeNode(node)) {
    const members = node.types.flatMap((t) => {
      const s = shapeOf(t, sf);
      return s.k === "union" ? s.members : [s];
    });
    return { k: "union", members };
  }
  if (ts.isIntersectionTypeNode(node)) return { k: "inter", members: node.types.map((t) => shapeOf(t, sf)) };
  if (ts.isArrayTypeNode(node)) return { k: "array", elem: shapeOf(node.elementType, sf), readonly: false };
  if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.ReadonlyKeyword && ts.isArrayTypeNode(node.type)) {
    return { k: "array", elem: shapeOf(node.type.elementType, sf), readonly: true };
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = oneLine(node.typeName.getText(sf));
    const args = (node.typeArguments ?? []).map((t) => shapeOf(t, sf));
    if ((name === "Array" || name === "ReadonlyArray") && args.length === 1 && args[0] !== undefined) {
      return { k: "array", elem: args[0], readonly: name === "ReadonlyArray" };
    }
    if (name === "Record" && args.length === 2 && args[1] !== undefined && args[0]?.k === "kw" && (args[0].name === "string" || args[0].name === "number")) {
      return { k: "object", props: [{ name: `[${args[0].name}]`, optional: true, readonly: false, type: args[1] }] };
    }
    return { k: "ref", name, args };
  }
  if (ts.isExpressionWithTypeArguments(node)) {
    return { k: "ref", name: oneLine(node.expression.getText(sf)), args: (node.typeArguments ?? []).map((t) => shapeOf(t, sf)) };
  }
  if (ts.isTypeLiteralNode(node)) return { k: "object", props: membersOf(node.members, sf) };
  return { k: "opaque", text: oneLine(node.getText(sf)) };
}

/** The members of an object type or interface body: properties, methods and index signatures. */
export function membersOf(members: readonly ts.TypeElement[], sf: ts.SourceFile): PropShape[] {
  const props: PropShape[] = [];
  for (const member of members) {
    const isReadonly = ts.canHaveModifiers(member) && (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword);
    if (ts.isPropertySignature(member)) {
      props.push({
        name: memberName(member.name, sf),
        optional: member.questionToken !== undefined,
        readonly: isReadonly,
        type: member.type === undefined ? { k: "kw", name: "any" } : shapeOf(member.type, sf),
      });
    } else if (ts.isMethodSignature(member)) {
      props.push({ name: memberName(member.name, sf), optional: member.questionToken !== undefined, readonly: true, type: signatureShape(member, sf) });
    } else if (ts.isIndexSignatureDeclaration(member)) {
      const key = member.parameters[0]?.type;
      props.push({
        name: `[${key === undefined ? "string" : oneLine(key.getText(sf))}]`,
        optional: true,
        readonly: isReadonly,
        type: shapeOf(member.type, sf),
      });
    }
  }
  return props;
}

/** A method or function signature as an opaque function type: `(a: string, b?: number) => R`. */
export function signatureShape(node: ts.SignatureDeclarationBase, sf: ts.SourceFile): Shape {
  const typeParams = node.typeParameters === undefined ? "" : `<${node.typeParameters.map((t) => oneLine(t.getText(sf))).join(", ")}>`;
  const params = node.parameters.map((p) => {
    const rest = p.dotDotDotToken === undefined ? "" : "...";
    const optional = p.questionToken === undefined ? "" : "?";
    const type = p.type === undefined ? "any" : printShape(shapeOf(p.type, sf));
    return `${rest}${oneLine(p.name.getText(sf))}${optional}: ${type}`;
  });
  const result = node.type === undefined ? "void" : printShape(shapeOf(node.type, sf));
  return { k: "opaque", text: `${typeParams}(${params.join(", ")}) => ${result}` };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function printKey(name: string): string {
  return /^\[.*\]$/.test(name) ? `[key: ${name.slice(1, -1)}]` : IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

function wrap(shape: Shape, inside: "array" | "union" | "inter"): string {
  const text = printShape(shape);
  const needs =
    (shape.k === "opaque" && /=>|\bkeyof\b|\?/.test(text)) ||
    (inside !== "union" && shape.k === "union") ||
    (inside === "array" && shape.k === "inter");
  return needs ? `(${text})` : text;
}

/** The canonical one-line spelling of a shape; it parses back to the same shape. */
export function printShape(shape: Shape): string {
  switch (shape.k) {
    case "kw":
      return shape.name;
    case "lit":
      return shape.text;
    case "ref":
      return shape.args.length === 0 ? shape.name : `${shape.name}<${shape.args.map(printShape).join(", ")}>`;
    case "array":
      return `${shape.readonly ? "readonly " : ""}${wrap(shape.elem, "array")}[]`;
    case "union":
      return shape.members.map((m) => wrap(m, "union")).join(" | ");
    case "inter":
      return shape.members.map((m) => wrap(m, "inter")).join(" & ");
    case "object":
      return shape.props.length === 0
        ? "{}"
        : `{ ${shape.props.map((p) => `${p.readonly ? "readonly " : ""}${printKey(p.name)}${p.optional && !p.name.startsWith("[") ? "?" : ""}: ${printShape(p.type)}`).join("; ")} }`;
    case "opaque":
      return shape.text;
  }
}

const parsed = new Map<string, Shape>();

/** A type expression's text as a Shape (memoised: the diff parses the same texts often). */
export function parseType(text: string): Shape {
  let shape = parsed.get(text);
  if (shape === undefined) {
    const sf = ts.createSourceFile("type.ts", `type __T = ${text};`, ts.ScriptTarget.ES2022, true);
    const statement = sf.statements[0];
    shape = statement !== undefined && ts.isTypeAliasDeclaration(statement) ? shapeOf(statement.type, sf) : { k: "opaque", text };
    if (parsed.size > 50_000) parsed.clear();
    parsed.set(text, shape);
  }
  return shape;
}

/** Every type name a shape refers to (type arguments included), for reachability. */
export function referencedNames(shape: Shape, into: Set<string> = new Set()): Set<string> {
  switch (shape.k) {
    case "ref":
      into.add(shape.name);
      for (const a of shape.args) referencedNames(a, into);
      break;
    case "array":
      referencedNames(shape.elem, into);
      break;
    case "union":
    case "inter":
      for (const m of shape.members) referencedNames(m, into);
      break;
    case "object":
      for (const p of shape.props) referencedNames(p.type, into);
      break;
    case "opaque":
      // Function types and the like: any identifier that names a type counts.
      for (const m of shape.text.matchAll(/[A-Za-z_$][A-Za-z0-9_$]*/g)) into.add(m[0]);
      break;
    default:
      break;
  }
  return into;
}

/**
 * The names a type's canonical text (printShape's) may refer to, read from the text without
 * parsing it: every identifier outside string literals that is not a property key (`name:`,
 * `name?:`). A superset of `referencedNames(parseType(text))` — keywords and type parameters come
 * too — which callers filter by the names they know; it is what reachability needs, at a
 * fraction of a parse's cost.
 */
export function namesInText(text: string, into: Set<string> = new Set()): Set<string> {
  const bare = text.includes('"') ? text.replace(/"(?:[^"\\]|\\.)*"/g, '""') : text;
  for (const m of bare.matchAll(/[A-Za-z_$][A-Za-z0-9_$]*(?![A-Za-z0-9_$]|\??:)/g)) into.add(m[0]);
  return into;
}

/** How a shape's model references expand: the model's structure, or undefined when the name is not a model. */
export type Expand = (name: string) => Shape | undefined;

interface Side {
  readonly shape: Shape;
  readonly expand: Expand;
}

/**
 * Whether every value of `a` is a value of `b` (a is assignable to b), with same-named model
 * references taken as equal. Conservative where it cannot tell: false.
 */
export function isSubtype(a: Shape, aExpand: Expand, b: Shape, bExpand: Expand): boolean {
  return sub({ shape: a, expand: aExpand }, { shape: b, expand: bExpand }, new Set());
}

function sub(a: Side, b: Side, assumed: Set<string>): boolean {
  const x = a.shape;
  const y = b.shape;
  const xText = printShape(x);
  const yText = printShape(y);
  if (xText === yText) return true;
  if (y.k === "kw" && (y.name === "unknown" || y.name === "any")) return true;
  if (x.k === "kw" && (x.name === "never" || x.name === "any")) return true;
  if (x.k === "union") return x.members.every((m) => sub({ shape: m, expand: a.expand }, b, assumed));
  // A member of y that takes x as it is, before any reference is expanded: `Address` fits `Address | null`.
  if (y.k === "union" && y.members.some((m) => sub(a, { shape: m, expand: b.expand }, assumed))) return true;
  if (x.k === "ref" || y.k === "ref") {
    if (x.k === "ref" && y.k === "ref" && x.name === y.name) {
      return x.args.length === y.args.length && x.args.every((arg, i) => sub({ shape: arg, expand: a.expand }, { shape: y.args[i] as Shape, expand: b.expand }, assumed));
    }
    const key = `${xText}\u0000${yText}`;
    if (assumed.has(key)) return true;
    const xe = x.k === "ref" ? a.expand(x.name) : x;
    const ye = y.k === "ref" ? b.expand(y.name) : y;
    if (xe !== undefined && ye !== undefined && (xe !== x || ye !== y)) {
      assumed.add(key);
      return sub({ shape: xe, expand: a.expand }, { shape: ye, expand: b.expand }, assumed);
    }
  }
  if (y.k === "union") return false;
  if (x.k === "inter" || y.k === "inter") {
    const xo = flatten(x, a.expand);
    const yo = flatten(y, b.expand);
    if (xo !== undefined && yo !== undefined) return sub({ shape: xo, expand: a.expand }, { shape: yo, expand: b.expand }, assumed);
    if (x.k === "inter") return x.members.some((m) => sub({ shape: m, expand: a.expand }, b, assumed));
    return y.k === "inter" && y.members.every((m) => sub(a, { shape: m, expand: b.expand }, assumed));
  }
  if (x.k === "lit" && y.k === "kw") return x.base === y.name;
  if (x.k === "array" && y.k === "array") return (y.readonly || !x.readonly) && sub({ shape: x.elem, expand: a.expand }, { shape: y.elem, expand: b.expand }, assumed);
  if (x.k === "object" && y.k === "object") return objectSub(x, a.expand, y, b.expand, assumed);
  return false;
}

function objectSub(x: Extract<Shape, { k: "object" }>, xe: Expand, y: Extract<Shape, { k: "object" }>, ye: Expand, assumed: Set<string>): boolean {
  const xProps = new Map(x.props.map((p) => [p.name, p]));
  for (const want of y.props) {
    const have = xProps.get(want.name);
    if (want.name.startsWith("[")) {
      // Every property of x (and its own index signature) must fit y's index signature.
      for (const p of x.props) {
        if (p.name.startsWith("[") && p.name !== want.name) continue;
        if (!sub({ shape: p.type, expand: xe }, { shape: want.type, expand: ye }, assumed)) return false;
      }
      continue;
    }
    if (have === undefined) {
      if (!want.optional) return false;
      continue;
    }
    if (have.optional && !want.optional) return false;
    if (!sub({ shape: have.type, expand: xe }, { shape: want.type, expand: ye }, assumed)) return false;
  }
  return true;
}

/** An intersection of object-like parts as one object, or undefined when a part is not object-like. */
export function flatten(shape: Shape, expand: Expand, depth = 0): Extract<Shape, { k: "object" }> | undefined {
  if (depth > 20) return undefined;
  if (shape.k === "object") return shape;
  if (shape.k === "ref") {
    const e = expand(shape.name);
    return e === undefined || e === shape ? undefined : flatten(e, expand, depth + 1);
  }
  if (shape.k !== "inter") return undefined;
  const props = new Map<string, PropShape>();
  for (const member of shape.members) {
    const o = flatten(member, expand, depth + 1);
    if (o === undefined) return undefined;
    for (const p of o.props) props.set(p.name, p);
  }
  return { k: "object", props: [...props.values()] };
}

export type Relation = "equal" | "narrowed" | "widened" | "changed";

/** How the type after relates to the type before: the same set of values, fewer, more, or neither. */
export function relate(before: Shape, beforeExpand: Expand, after: Shape, afterExpand: Expand): Relation {
  const narrower = isSubtype(after, afterExpand, before, beforeExpand);
  const wider = isSubtype(before, beforeExpand, after, afterExpand);
  return narrower && wider ? "equal" : narrower ? "narrowed" : wider ? "widened" : "changed";
}
