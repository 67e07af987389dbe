/**
 * Where a place in the converted OpenAPI 3 document came from in the Swagger 2.0 original, so that
 * a problem found after conversion is reported at a line the author wrote. swagger2openapi moves
 * things in a few regular ways; each is undone here, and anything else maps to itself. The result
 * need not exist in the original: `locate` falls back to its longest existing prefix.
 */

import type { JsonPointer } from "../spec-error.js";

type Segment = string | number;
type Json = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function child(value: unknown, key: Segment): unknown {
  if (Array.isArray(value)) return typeof key === "number" ? value[key] : undefined;
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

export function originalPointer(pointer: JsonPointer, original: Json): JsonPointer {
  const [head, ...rest] = pointer;
  switch (head) {
    case "openapi":
      return ["swagger"];
    case "servers":
      // Built from host, basePath and schemes.
      return [["host", "basePath", "schemes"].find((key) => original[key] !== undefined) ?? "host"];
    case "components":
      return fromComponents(rest, original);
    case "paths":
      return fromPaths(rest, original);
    default:
      return pointer;
  }
}

function fromComponents([section, name, ...rest]: JsonPointer, original: Json): JsonPointer {
  if (name === undefined) return [];
  switch (section) {
    case "schemas":
      return ["definitions", definitionName(original, String(name)), ...rest];
    case "parameters":
      return ["parameters", name, ...fromParameter(rest)];
    case "responses":
      return ["responses", name, ...fromResponse(rest)];
    case "securitySchemes":
      return ["securityDefinitions", name, ...rest];
    default:
      // requestBodies come from body parameters; nothing closer than the list they came from.
      return section === "requestBodies" ? ["parameters"] : [];
  }
}

function fromPaths([path, key, ...rest]: JsonPointer, original: Json): JsonPointer {
  if (path === undefined || key === undefined) return ["paths", ...(path === undefined ? [] : [path])];
  const pathItem = child(original["paths"], path);
  const base = ["paths", path];
  if (key === "parameters") return [...base, ...fromParameterList(child(pathItem, "parameters"), rest, original)];
  const operation = child(pathItem, key);
  const [field, ...inner] = rest;
  if (field === undefined) return [...base, key];
  switch (field) {
    case "parameters":
      return [...base, key, ...fromParameterList(child(operation, "parameters"), inner, original)];
    case "requestBody":
      return fromRequestBody(inner, [...base, key], child(operation, "parameters"), [...base], child(pathItem, "parameters"), original);
    case "responses": {
      const [status, ...response] = inner;
      return status === undefined ? [...base, key, field] : [...base, key, field, status, ...fromResponse(response)];
    }
    default:
      return [...base, key, ...rest];
  }
}

/** A converted parameter list lost its body and formData entries; index `i` counts the others. */
function fromParameterList(list: unknown, [index, ...rest]: JsonPointer, original: Json): JsonPointer {
  if (typeof index !== "number" || !Array.isArray(list)) return ["parameters"];
  let seen = -1;
  for (let i = 0; i < list.length; i++) {
    if (carriesBody(list[i], original)) continue;
    if (++seen === index) return ["parameters", i, ...fromParameter(rest)];
  }
  return ["parameters"];
}

/** Swagger 2.0 puts `type`, `items`, `default`… on the parameter itself; OpenAPI 3 wraps them in `schema`. */
function fromParameter(rest: JsonPointer): JsonPointer {
  return rest[0] === "schema" ? rest.slice(1) : rest;
}

/** `content/<type>/schema` was `schema`; a header's `schema` was the header itself. */
function fromResponse(rest: JsonPointer): JsonPointer {
  const [field, name, ...inner] = rest;
  if (field === "content" && inner[0] === "schema") return ["schema", ...inner.slice(1)];
  if (field === "content") return name === undefined ? [] : ["examples", name];
  if (field === "headers" && inner[0] === "schema") return ["headers", ...(name === undefined ? [] : [name]), ...inner.slice(1)];
  return rest;
}

/**
 * The request body was the operation's (or else the path's) `in: body` parameter, or its
 * `in: formData` parameters, each of which became one property of the body's schema.
 */
function fromRequestBody(
  rest: JsonPointer,
  operationAt: JsonPointer,
  operationParameters: unknown,
  pathAt: JsonPointer,
  pathParameters: unknown,
  original: Json,
): JsonPointer {
  const candidates: [JsonPointer, unknown][] = [
    [operationAt, operationParameters],
    [pathAt, pathParameters],
  ];
  // `content/<media type>/schema/...`: below it, a body parameter's schema or one formData property.
  const inSchema = rest[0] === "content" && rest[2] === "schema";
  const [property, name, ...inner] = rest.slice(3);
  for (const kind of ["body", "formData"]) {
    for (const [at, list] of candidates) {
      if (!Array.isArray(list)) continue;
      const index = list.findIndex((parameter) => locationOf(parameter, original) === kind);
      if (index === -1) continue;
      if (kind === "body") return [...at, "parameters", index, ...(inSchema ? ["schema", ...rest.slice(3)] : [])];
      if (inSchema && property === "properties" && name !== undefined) {
        const named = list.findIndex((parameter) => locationOf(parameter, original) === kind && nameOf(parameter, original) === name);
        if (named !== -1) return [...at, "parameters", named, ...inner];
      }
      return [...at, "parameters", index];
    }
  }
  return operationAt;
}

function carriesBody(parameter: unknown, original: Json): boolean {
  const location = locationOf(parameter, original);
  return location === "body" || location === "formData";
}

function locationOf(parameter: unknown, original: Json): unknown {
  return child(resolveParameter(parameter, original), "in");
}

function nameOf(parameter: unknown, original: Json): unknown {
  return child(resolveParameter(parameter, original), "name");
}

/** Follows a `$ref` to `#/parameters/<name>`, the only place a Swagger 2.0 parameter can be shared from. */
function resolveParameter(parameter: unknown, original: Json): unknown {
  const ref = child(parameter, "$ref");
  if (typeof ref !== "string" || !ref.startsWith("#/parameters/")) return parameter;
  const name = decodeURIComponent(ref.slice("#/parameters/".length)).replaceAll("~1", "/").replaceAll("~0", "~");
  return child(original["parameters"], name);
}

/**
 * The converter renames definitions whose names are not safe component names, as oas-kit-common's
 * `sanitiseAll` does: "/" and runs of other characters become "_", and "[]" becomes "Array".
 */
function definitionName(original: Json, name: string): string {
  const definitions = original["definitions"];
  if (!isRecord(definitions) || Object.hasOwn(definitions, name)) return name;
  return Object.keys(definitions).find((key) => sanitised(key) === name) ?? name;
}

function sanitised(name: string): string {
  return name.split("/").join("_").replace("[]", "Array").replace(/[^A-Za-z0-9_\-.]+|\s+/gm, "_");
}
