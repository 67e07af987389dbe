/**
 * IR types → the runtime's `Shape` data (templates/runtime/shape.ts): only what decoding and XML
 * writing must know — lists (and how XML wraps them), numbers, booleans, objects holding those.
 * Strings and anything ambiguous get no shape: the runtime leaves such values as they arrive.
 */
import type { IRDocument, IRType } from "../ir.js";
import type { JsonValue } from "./convention.js";

type Shape = { readonly [key: string]: JsonValue };

/** Adds an own entry even for `__proto__`, which plain assignment would turn into a prototype. */
function put(target: Record<string, JsonValue>, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export class ShapeBuilder {
  /** Component schemas a shape refers to, filled as shapes are built. */
  private readonly referenced = new Set<string>();

  constructor(private readonly ir: IRDocument) {}

  /** The shape of `type`, or undefined when it needs none. */
  shapeOf(type: IRType | undefined): Shape | undefined {
    if (type === undefined) return undefined;
    switch (type.kind) {
      case "ref":
        if (!this.ir.schemas.some((s) => s.name === type.schema)) return undefined;
        this.referenced.add(type.schema);
        return { ref: type.schema };
      case "primitive":
        return type.type === "number" || type.type === "integer" || type.type === "boolean" ? { type: type.type } : undefined;
      case "literal": {
        const values = type.values.filter((v) => v !== null);
        if (values.length > 0 && values.every((v) => typeof v === "number")) return { type: "number" };
        if (values.length > 0 && values.every((v) => typeof v === "boolean")) return { type: "boolean" };
        return undefined;
      }
      case "array": {
        const shape: Record<string, JsonValue> = { type: "array" };
        const items = this.shapeOf(type.items);
        if (items !== undefined) shape["items"] = items;
        if (type.xml?.wrapped !== undefined) shape["wrapped"] = type.xml.wrapped;
        if (type.xml?.itemName !== undefined) shape["item"] = type.xml.itemName;
        return shape;
      }
      case "object": {
        const shape: Record<string, JsonValue> = { type: "object" };
        if (type.xmlName !== undefined) shape["element"] = type.xmlName;
        const properties: Record<string, JsonValue> = {};
        for (const p of type.properties) {
          const own = this.shapeOf(p.type);
          if (own !== undefined) put(properties, p.name, own);
        }
        if (Object.keys(properties).length > 0) shape["properties"] = properties;
        const additional = this.shapeOf(type.additional);
        if (additional !== undefined) shape["additional"] = additional;
        return shape;
      }
      case "union": {
        // `T | null` is T; a real choice between kinds has no single shape, so it is left alone.
        const members = type.members.filter((m) => !(m.kind === "primitive" && m.type === "null"));
        const shapes = members.map((m) => this.shapeOf(m));
        const first = shapes[0];
        if (first === undefined || shapes.some((s) => s === undefined)) return undefined;
        return shapes.every((s) => JSON.stringify(s) === JSON.stringify(first)) ? first : this.merged(members);
      }
      case "intersection":
        return this.merged(type.members);
    }
  }

  /** Component shapes for every schema referred to so far (and those they refer to). */
  table(): Record<string, JsonValue> {
    const out: Record<string, JsonValue> = {};
    const done = new Set<string>();
    for (let pending = [...this.referenced]; pending.length > 0; pending = [...this.referenced].filter((n) => !done.has(n))) {
      for (const name of pending) {
        done.add(name);
        const shape = this.shapeOf(this.ir.schemas.find((s) => s.name === name)?.type);
        if (shape !== undefined) put(out, name, shape);
      }
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  }

  /** One object shape from several object types (allOf, or a union of objects); undefined if any is not an object. */
  private merged(members: readonly IRType[]): Shape | undefined {
    const properties: Record<string, JsonValue> = {};
    for (const member of members) {
      const object = this.objectType(member);
      if (object === undefined) return undefined;
      for (const p of object.properties) {
        const own = this.shapeOf(p.type);
        if (own !== undefined) put(properties, p.name, own);
      }
    }
    return Object.keys(properties).length === 0 ? { type: "object" } : { type: "object", properties };
  }

  private objectType(type: IRType): Extract<IRType, { kind: "object" }> | undefined {
    let current: IRType | undefined = type;
    for (let hops = 0; current?.kind === "ref" && hops < 16; hops++) {
      const name: string = current.schema;
      current = this.ir.schemas.find((s) => s.name === name)?.type;
    }
    return current?.kind === "object" ? current : undefined;
  }
}
