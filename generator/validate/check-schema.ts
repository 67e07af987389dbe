/**
 * Schema objects, to the depth the generator relies on: `type` names, `properties`, `required`,
 * `enum`, `items`, and the subschema keywords through which nested schemas are reached. Formats,
 * patterns and the like are left alone.
 */

import type { JsonPointer } from "../spec-error.js";
import type { CheckContext } from "./context.js";
import { describeValue, expectList, expectMapping, isMapping } from "./shape.js";

const TYPES = ["array", "boolean", "integer", "null", "number", "object", "string"];

/** Keywords whose value is one schema. */
const SINGLE = ["not", "contains", "propertyNames", "if", "then", "else", "unevaluatedItems", "unevaluatedProperties", "additionalItems"];
/** Keywords whose value is a list of schemas. */
const LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
/** Keywords whose value maps names to schemas (`properties` is handled on its own). */
const MAPS = ["patternProperties", "$defs", "dependentSchemas"];

export function checkSchema(context: CheckContext, value: unknown, pointer: JsonPointer): void {
  const { problems } = context;
  // JSON Schema 2020-12 (OpenAPI 3.1) allows `true` and `false` as schemas; 3.0 does not.
  if (typeof value === "boolean" && context.version === "3.1") return;
  if (!expectMapping(problems, pointer, value, "a schema")) return;

  if (value["$ref"] !== undefined && typeof value["$ref"] !== "string") {
    problems.add([...pointer, "$ref"], `$ref must be a string, got ${describeValue(value["$ref"])}`);
  }
  if (value["type"] !== undefined) checkType(context, value["type"], [...pointer, "type"]);

  const properties = value["properties"];
  if (properties !== undefined && expectMapping(problems, [...pointer, "properties"], properties, "properties")) {
    for (const [name, schema] of Object.entries(properties)) checkSchema(context, schema, [...pointer, "properties", name]);
  }

  const required = value["required"];
  if (required !== undefined) checkRequired(context, required, [...pointer, "required"]);

  if (value["enum"] !== undefined) expectList(problems, [...pointer, "enum"], value["enum"], "enum");

  const items = value["items"];
  if (Array.isArray(items)) {
    const hint = context.version === "3.1" ? " (use prefixItems for tuples)" : "";
    problems.add([...pointer, "items"], `items must be a single schema, not a list${hint}`);
  } else if (items !== undefined) checkSchema(context, items, [...pointer, "items"]);

  // Boolean in both versions: OpenAPI 3.0 allows `additionalProperties: true/false` explicitly.
  const additional = value["additionalProperties"];
  if (additional !== undefined && typeof additional !== "boolean") checkSchema(context, additional, [...pointer, "additionalProperties"]);

  for (const keyword of SINGLE) {
    if (value[keyword] !== undefined) checkSchema(context, value[keyword], [...pointer, keyword]);
  }
  for (const keyword of LISTS) {
    const list = value[keyword];
    if (list !== undefined && expectList(problems, [...pointer, keyword], list, keyword)) {
      list.forEach((schema, index) => checkSchema(context, schema, [...pointer, keyword, index]));
    }
  }
  for (const keyword of MAPS) {
    const map = value[keyword];
    if (map !== undefined && expectMapping(problems, [...pointer, keyword], map, keyword)) {
      for (const [name, schema] of Object.entries(map)) checkSchema(context, schema, [...pointer, keyword, name]);
    }
  }
}

function checkType({ problems, version }: CheckContext, type: unknown, pointer: JsonPointer): void {
  if (typeof type === "string") {
    if (!TYPES.includes(type)) problems.add(pointer, `unknown type "${type}"; expected one of ${TYPES.join(", ")}`);
    return;
  }
  if (type === null) {
    // `type: null` unquoted is YAML's null, not the type name.
    problems.add(pointer, `type is empty (YAML null); write type: "null" with quotes for the null type`);
    return;
  }
  if (!Array.isArray(type)) {
    problems.add(pointer, `type must be a type name, got ${describeValue(type)}`);
    return;
  }
  if (version === "3.0") {
    problems.add(pointer, "type must be a single type name in OpenAPI 3.0 (lists of types need OpenAPI 3.1)");
    return;
  }
  type.forEach((name, index) => {
    if (typeof name !== "string" || !TYPES.includes(name)) {
      problems.add([...pointer, index], `unknown type ${JSON.stringify(name)}; expected one of ${TYPES.join(", ")}`);
    }
  });
}

function checkRequired({ problems }: CheckContext, required: unknown, pointer: JsonPointer): void {
  if (!Array.isArray(required)) {
    // `required: true` on a property is the Swagger 2 habit this usually is.
    problems.add(pointer, `required must be a list of property names, got ${describeValue(required)}`);
    return;
  }
  required.forEach((name, index) => {
    if (typeof name !== "string") problems.add([...pointer, index], `required must list property names (strings), got ${describeValue(name)}`);
  });
}
