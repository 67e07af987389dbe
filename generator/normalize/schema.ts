/**
 * Schema Object → IRType. https://spec.openapis.org/oas/v3.1.0#schema-object
 * Covers both dialects: 3.0 `nullable` and 3.1 type arrays / `const` end up as the same unions.
 */
import type { IRProperty, IRType } from "../ir.js";
import { resolveRef } from "../validate/refs.js";

const COMPONENT_SCHEMA = /^#\/components\/schemas\/([^/]+)$/;

const UNKNOWN: IRType = { kind: "primitive", type: "unknown" };
const NULL: IRType = { kind: "primitive", type: "null" };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unescapePointerSegment(segment: string): string {
  return decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~");
}

/** The component name a `$ref` names directly, if it points at `#/components/schemas/<name>`. */
export function componentSchemaName(ref: string): string | undefined {
  const match = COMPONENT_SCHEMA.exec(ref);
  return match?.[1] === undefined ? undefined : unescapePointerSegment(match[1]);
}

export function union(members: readonly IRType[]): IRType {
  const seen = new Map<string, IRType>();
  for (const member of members) {
    const parts = member.kind === "union" ? member.members : [member];
    for (const part of parts) seen.set(JSON.stringify(part), part);
  }
  const unique = [...seen.values()];
  if (unique.some((m) => m.kind === "primitive" && m.type === "unknown")) return UNKNOWN;
  if (unique.length === 1) return unique[0] ?? UNKNOWN;
  return { kind: "union", members: unique };
}

function intersection(members: readonly IRType[]): IRType {
  const meaningful = members.filter((m) => !(m.kind === "primitive" && m.type === "unknown"));
  if (meaningful.length === 0) return UNKNOWN;
  if (meaningful.length === 1) return meaningful[0] ?? UNKNOWN;
  return { kind: "intersection", members: meaningful };
}

function literalValue(value: unknown): string | number | boolean | null | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  return undefined;
}

export class SchemaNormalizer {
  /** Refs being expanded inline right now: a cycle through non-component refs becomes `unknown`. */
  private readonly expanding = new Set<string>();

  constructor(private readonly document: unknown) {}

  toType(schema: unknown): IRType {
    if (schema === true || schema === undefined) return UNKNOWN;
    if (!isObject(schema)) return UNKNOWN;
    const ref = schema["$ref"];
    if (typeof ref === "string") return this.fromRef(ref);

    const nullable = schema["nullable"] === true;
    const base = this.withoutNull(schema);
    return nullable ? union([base, NULL]) : base;
  }

  private fromRef(ref: string): IRType {
    const name = componentSchemaName(ref);
    if (name !== undefined) return { kind: "ref", schema: name };
    if (this.expanding.has(ref)) return UNKNOWN;
    this.expanding.add(ref);
    try {
      return this.toType(resolveRef(this.document, ref));
    } finally {
      this.expanding.delete(ref);
    }
  }

  private withoutNull(schema: Json): IRType {
    if ("const" in schema) {
      const value = literalValue(schema["const"]);
      return value === undefined ? UNKNOWN : { kind: "literal", values: [value] };
    }
    if (Array.isArray(schema["enum"])) {
      const values = schema["enum"].map(literalValue).filter((v) => v !== undefined);
      if (values.length > 0) return { kind: "literal", values };
    }

    const parts: IRType[] = [];
    const own = this.ownShape(schema);
    if (own !== undefined) parts.push(own);
    if (Array.isArray(schema["allOf"])) parts.push(intersection(schema["allOf"].map((s) => this.toType(s))));
    for (const key of ["oneOf", "anyOf"] as const) {
      const list = schema[key];
      if (Array.isArray(list) && list.length > 0) parts.push(union(list.map((s) => this.toType(s))));
    }
    return intersection(parts);
  }

  /** The schema's own `type`/`properties`/`items`, ignoring composition keywords. */
  private ownShape(schema: Json): IRType | undefined {
    const declared = schema["type"];
    if (Array.isArray(declared)) {
      return union(declared.map((t) => this.forType(typeof t === "string" ? t : "", schema)));
    }
    if (typeof declared === "string") return this.forType(declared, schema);
    if (isObject(schema["properties"]) || schema["additionalProperties"] !== undefined) return this.forType("object", schema);
    if (schema["items"] !== undefined) return this.forType("array", schema);
    return undefined;
  }

  private forType(type: string, schema: Json): IRType {
    switch (type) {
      case "string": {
        const format = schema["format"];
        if (format === "binary") return { kind: "primitive", type: "binary" };
        return typeof format === "string" && format !== "" ? { kind: "primitive", type: "string", format } : { kind: "primitive", type: "string" };
      }
      case "number":
      case "integer":
      case "boolean":
      case "null":
        return { kind: "primitive", type };
      case "array": {
        const xml = this.arrayXml(schema);
        return xml === undefined ? { kind: "array", items: this.toType(schema["items"]) } : { kind: "array", items: this.toType(schema["items"]), xml };
      }
      case "object":
        return this.object(schema);
      default:
        return UNKNOWN;
    }
  }

  /** The array's `xml.wrapped` and its items' `xml.name` (through a `$ref`), when the spec gives them. */
  private arrayXml(schema: Json): { wrapped?: boolean; itemName?: string } | undefined {
    const own = isObject(schema["xml"]) ? schema["xml"] : {};
    let items = schema["items"];
    for (let hops = 0; isObject(items) && typeof items["$ref"] === "string" && hops < 32; hops++) items = resolveRef(this.document, items["$ref"]);
    const itemXml = isObject(items) && isObject(items["xml"]) ? items["xml"] : {};
    const xml: { wrapped?: boolean; itemName?: string } = {};
    if (typeof own["wrapped"] === "boolean") xml.wrapped = own["wrapped"];
    if (typeof itemXml["name"] === "string" && itemXml["name"] !== "") xml.itemName = itemXml["name"];
    return Object.keys(xml).length === 0 ? undefined : xml;
  }

  private object(schema: Json): IRType {
    const required = new Set(Array.isArray(schema["required"]) ? schema["required"].filter((r) => typeof r === "string") : []);
    const properties: IRProperty[] = [];
    const declared = schema["properties"];
    if (isObject(declared)) {
      for (const [name, propertySchema] of Object.entries(declared)) {
        const details = isObject(propertySchema) ? propertySchema : {};
        properties.push({
          name,
          type: this.toType(propertySchema),
          required: required.has(name),
          description: describe(details),
          deprecated: details["deprecated"] === true,
          readOnly: details["readOnly"] === true,
          writeOnly: details["writeOnly"] === true,
          example: scalarExample(details["example"]),
        });
      }
    }
    const extra = schema["additionalProperties"];
    const additional = extra === undefined || extra === false ? undefined : this.toType(extra);
    if (properties.length === 0 && additional === undefined && extra !== false) {
      // `{type: object}` alone is an open map in OpenAPI.
      return { kind: "object", properties, additional: UNKNOWN };
    }
    const dependentRequired = dependencies(schema["dependentRequired"]);
    const xml = isObject(schema["xml"]) ? schema["xml"] : {};
    const xmlName = typeof xml["name"] === "string" && xml["name"] !== "" ? xml["name"] : undefined;
    return {
      kind: "object",
      properties,
      additional,
      ...(dependentRequired === undefined ? {} : { dependentRequired }),
      ...(xmlName === undefined ? {} : { xmlName }),
    };
  }
}

/** JSON Schema `dependentRequired` (`{start: [end]}`): the well-formed entries, or undefined. */
function dependencies(value: unknown): Record<string, string[]> | undefined {
  if (!isObject(value)) return undefined;
  const entries = Object.entries(value).filter(
    (entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].length > 0 && entry[1].every((item) => typeof item === "string"),
  );
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

/** A schema's human text: `description`, else `title`. */
export function describe(node: Json): string | undefined {
  const text = node["description"] ?? node["title"];
  return typeof text === "string" && text.trim() !== "" ? text : undefined;
}

function scalarExample(value: unknown): string | number | boolean | undefined {
  if (typeof value === "string" || typeof value === "boolean") return value;
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
