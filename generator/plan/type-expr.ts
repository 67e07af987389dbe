/**
 * IRType → TypeScript type text. A small vocabulary of emitters, like the code they emit;
 * every spec string inside goes through the escaping helpers.
 */
import type { IRProperty, IRType } from "../ir.js";
import { jsdoc, propertyKey, stringLiteral } from "../render/escape.js";

export interface TypeContext {
  /** TypeScript name of a component schema. */
  readonly schemaName: (specName: string) => string;
  /**
   * Types a value the API returns (`client.open-enums`): an enum of two or more values also admits
   * any other string or number, so a value the provider adds later is not a type error. A single
   * value (a discriminator such as `object: "customer"`) stays exact.
   */
  readonly openEnums?: boolean;
}

/** `(string & {})`: any string, while editors still offer the known literals beside it. */
function openMembers(values: readonly (string | number | boolean | null)[]): string[] {
  const open: string[] = [];
  if (values.some((v) => typeof v === "string")) open.push("(string & {})");
  if (values.some((v) => typeof v === "number")) open.push("(number & {})");
  return open;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function literal(value: string | number | boolean | null): string {
  if (typeof value === "string") return stringLiteral(value);
  // Integers beyond 2^53 lose precision when parsed; the honest type is `number`.
  if (typeof value === "number") return Math.abs(value) > MAX_SAFE ? "number" : String(value);
  return String(value);
}

export function tsUnion(members: readonly string[]): string {
  const unique = [...new Set(members)];
  if (unique.length === 0) return "never";
  return unique.join(" | ");
}

function needsParens(type: IRType): boolean {
  return type.kind === "union" || type.kind === "intersection" || (type.kind === "literal" && type.values.length > 1);
}

export function tsType(type: IRType, ctx: TypeContext): string {
  switch (type.kind) {
    case "ref":
      return ctx.schemaName(type.schema);
    case "primitive":
      return type.type === "integer" ? "number" : type.type === "binary" ? "Blob" : type.type;
    case "literal":
      if (ctx.openEnums === true && type.values.length > 1) return tsUnion([...type.values.map(literal), ...openMembers(type.values)]);
      return tsUnion(type.values.map(literal));
    case "array": {
      const item = tsType(type.items, ctx);
      return needsParens(type.items) ? `(${item})[]` : `${item}[]`;
    }
    case "union":
      return tsUnion(type.members.map((m) => (m.kind === "intersection" ? `(${tsType(m, ctx)})` : tsType(m, ctx))));
    case "intersection":
      return type.members.map((m) => (needsParens(m) ? `(${tsType(m, ctx)})` : tsType(m, ctx))).join(" & ");
    case "object":
      return tsObject(type.properties, type.additional, ctx);
  }
}

export function propertyLine(p: IRProperty, ctx: TypeContext): string {
  const tags = p.deprecated ? ["@deprecated"] : [];
  const doc = jsdoc(p.description, tags);
  return `${doc}${propertyKey(p.name)}${p.required ? "" : "?"}: ${tsType(p.type, ctx)};`;
}

export function tsObject(properties: readonly IRProperty[], additional: IRType | undefined, ctx: TypeContext): string {
  const lines = properties.map((p) => propertyLine(p, ctx));
  if (additional !== undefined) {
    // An index signature must admit every declared property's type, so mixed shapes stay open.
    const value = properties.length === 0 ? tsType(additional, ctx) : "unknown";
    lines.push(`[key: string]: ${value};`);
  }
  return lines.length === 0 ? "{}" : `{\n${lines.join("\n")}\n}`;
}
