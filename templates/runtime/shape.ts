/**
 * What a payload's schema says about its structure, as data the generator derives from the spec,
 * and `conform`, which makes a decoded payload fit it: lists where the schema has a list (an XML
 * element that appeared once is still a list), numbers and booleans where XML only has text, and
 * the single item of a one-item list where the schema has one object. Strings need no shape.
 */

/** The parts of a schema that decoding must know; a missing shape means "leave as it is". */
export type Shape =
  | { readonly type: "number" | "integer" | "boolean" }
  | {
      readonly type: "array";
      readonly items?: Shape;
      /** In XML, one element holds the items (`<colors><color/>…</colors>`); undefined: the dialect's default. */
      readonly wrapped?: boolean;
      /** In XML, the element name of each item; the property's own name when absent. */
      readonly item?: string;
    }
  | {
      readonly type: "object";
      /** In XML, the element that holds one such object (`style`): a lone `{style: {…}}` is the object. */
      readonly element?: string;
      readonly properties?: Readonly<Record<string, Shape>>;
      /** Shape of properties not listed (`additionalProperties`). */
      readonly additional?: Shape;
    }
  | { readonly ref: string };

/** Component shapes by schema name, for `{ ref }` shapes. */
export type ShapeTable = Readonly<Record<string, Shape>>;

/** How `conform` reads lists that arrive as objects. */
export interface ConformOptions {
  readonly schemas: ShapeTable;
  /** Lists without their own `wrapped` are wrapped in one element (XML `<colors><color/></colors>`). */
  readonly wrappedArrays: boolean;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The shape of property `key` of an object shape: its own entry, else `additional`; never an inherited member. */
export function propertyShape(shape: Shape | undefined, key: string, schemas: ShapeTable): Shape | undefined {
  const own = resolveShape(shape, schemas);
  if (own === undefined || !("type" in own) || own.type !== "object") return undefined;
  const listed = own.properties !== undefined && Object.prototype.hasOwnProperty.call(own.properties, key);
  return listed ? own.properties?.[key] : own.additional;
}

/** The shape a `{ ref }` stands for (through chains of refs), or undefined for an unknown name. */
export function resolveShape(shape: Shape | undefined, schemas: ShapeTable): Exclude<Shape, { readonly ref: string }> | undefined {
  let current = shape;
  for (let hops = 0; current !== undefined && "ref" in current; hops++) {
    if (hops > 32 || !Object.prototype.hasOwnProperty.call(schemas, current.ref)) return undefined;
    current = schemas[current.ref];
  }
  return current;
}

/**
 * `value` made to fit `shape`. Never throws: what does not fit and cannot be made to is left as it
 * came, so the caller sees the provider's data rather than an error about a detail.
 */
export function conform(value: unknown, shape: Shape | undefined, options: ConformOptions): unknown {
  const own = resolveShape(shape, options.schemas);
  if (own === undefined || value === undefined || value === null) return value;
  switch (own.type) {
    case "number":
    case "integer":
      if (typeof value !== "string") return value;
      if (value.trim() === "") return undefined;
      return NUMBER.test(value.trim()) ? Number(value.trim()) : value;
    case "boolean":
      if (typeof value !== "string") return value;
      switch (value.trim().toLowerCase()) {
        case "true":
        case "1":
          return true;
        case "false":
        case "0":
          return false;
        case "":
          return undefined;
        default:
          return value;
      }
    case "array":
      return listOf(value, own, options).map((item) => conform(item, own.items, options));
    case "object":
      return objectOf(value, own, options);
  }
}

/** The items of a list, however it arrived: a JSON array, an XML wrapper element, a lone element. */
function listOf(value: unknown, shape: Extract<Shape, { readonly type: "array" }>, options: ConformOptions): unknown[] {
  if (Array.isArray(value)) return value;
  // `<colors/>`: an empty list.
  if (value === "") return [];
  if (isPlainRecord(value) && (shape.wrapped ?? options.wrappedArrays)) {
    // `<colors><color>…</color><color>…</color></colors>`: the wrapper's children are the items,
    // whatever they are called (the schema may not name them).
    const keys = Object.keys(value);
    const named = shape.item !== undefined && keys.includes(shape.item) ? [shape.item] : keys;
    return named.flatMap((key) => {
      const children = value[key];
      return Array.isArray(children) ? children : [children];
    });
  }
  return [value];
}

function objectOf(value: unknown, shape: Extract<Shape, { readonly type: "object" }>, options: ConformOptions): unknown {
  // `<address/>`: an object with nothing in it.
  if (value === "") return {};
  // A one-item list where the schema has one object: the provider answers every read with a list.
  if (Array.isArray(value)) return value.length === 1 ? objectOf(value[0], shape, options) : value;
  if (!isPlainRecord(value)) return value;
  // `<styles><style>…</style></styles>` where the schema has one style: the collection of one.
  const keys = Object.keys(value);
  const only = keys.length === 1 ? keys[0] : undefined;
  if (only !== undefined && only === shape.element && !Object.prototype.hasOwnProperty.call(shape.properties ?? {}, only)) {
    const inner = value[only];
    if (isPlainRecord(inner) || Array.isArray(inner)) return objectOf(inner, shape, options);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // Assigning `__proto__` would replace the result's prototype instead of adding a field.
    if (key === "__proto__") continue;
    const conformed = conform(value[key], propertyShape(shape, key, options.schemas), options);
    if (conformed !== undefined) out[key] = conformed;
  }
  return out;
}

function isPlainRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
