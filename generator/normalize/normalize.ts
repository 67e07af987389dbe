/**
 * Validated OpenAPI document → IR. Resolves parameter, request-body and response `$ref`s,
 * merges path-level parameters into each operation and picks the media types the runtime speaks.
 * https://spec.openapis.org/oas/v3.1.0#operation-object
 */
import type {
  IRBody,
  IRDocument,
  IRMethod,
  IROperation,
  IRParameter,
  IRResponse,
  IRSchema,
  ParamLocation,
} from "../ir.js";
import type { LoadedSpec } from "../load/load-spec.js";
import { resolveRef } from "../validate/refs.js";
import { SchemaNormalizer, describe } from "./schema.js";

type Json = Record<string, unknown>;

const METHODS: readonly IRMethod[] = ["get", "put", "post", "delete", "options", "head", "patch"];
const LOCATIONS: readonly ParamLocation[] = ["path", "query", "header", "cookie"];

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** Media types in order of preference: JSON, then form, then anything else. */
export function preferredMediaType(content: Json): string | undefined {
  const types = Object.keys(content);
  return (
    types.find((t) => /^application\/json\b/i.test(t)) ??
    types.find((t) => /[/+]json\b/i.test(t)) ??
    types.find((t) => /^application\/x-www-form-urlencoded\b/i.test(t)) ??
    types[0]
  );
}

export function normalize(spec: LoadedSpec): IRDocument {
  const document = spec.document as Json;
  const schemas = new SchemaNormalizer(document);
  const deref = (node: unknown): Json => {
    let current = node;
    for (let hops = 0; isObject(current) && typeof current["$ref"] === "string" && hops < 32; hops++) {
      current = resolveRef(document, current["$ref"]);
    }
    return isObject(current) ? current : {};
  };

  const info = deref(document["info"]);
  const components = deref(document["components"]);

  const componentSchemas: IRSchema[] = Object.entries(deref(components["schemas"])).map(([name, schema]) => {
    const node = isObject(schema) ? schema : {};
    return {
      name,
      type: schemas.toType(schema),
      description: describe(node),
      deprecated: node["deprecated"] === true,
      pointer: ["components", "schemas", name],
    };
  });

  const parameter = (raw: unknown): IRParameter | undefined => {
    const node = deref(raw);
    const location = LOCATIONS.find((l) => l === node["in"]);
    if (typeof node["name"] !== "string" || location === undefined) return undefined;
    let schema = node["schema"];
    if (schema === undefined && isObject(node["content"])) {
      const content = node["content"];
      const media = preferredMediaType(content);
      schema = media === undefined ? undefined : deref(content[media])["schema"];
    }
    const fallback: unknown = isObject(schema) ? deref(schema)["default"] : undefined;
    return {
      ...(typeof fallback === "string" || typeof fallback === "number" || typeof fallback === "boolean" ? { default: fallback } : {}),
      name: node["name"],
      in: location,
      required: location === "path" || node["required"] === true,
      type: schemas.toType(schema),
      description: text(node["description"]),
      deprecated: node["deprecated"] === true,
      style: typeof node["style"] === "string" ? node["style"] : undefined,
      explode: typeof node["explode"] === "boolean" ? node["explode"] : undefined,
    };
  };

  const body = (raw: unknown): IRBody | undefined => {
    if (raw === undefined) return undefined;
    const node = deref(raw);
    const content = deref(node["content"]);
    const mediaType = preferredMediaType(content);
    if (mediaType === undefined) return undefined;
    return {
      mediaType,
      mediaTypes: Object.keys(content),
      type: schemas.toType(deref(content[mediaType])["schema"]),
      required: node["required"] === true,
      description: text(node["description"]),
    };
  };

  const responses = (raw: unknown): IRResponse[] =>
    Object.entries(deref(raw)).map(([status, response]) => {
      const node = deref(response);
      const content = deref(node["content"]);
      const mediaType = preferredMediaType(content);
      const example = mediaType === undefined ? undefined : exampleOf(deref(content[mediaType]));
      return {
        status,
        description: text(node["description"]),
        mediaType,
        mediaTypes: Object.keys(content),
        type: mediaType === undefined ? undefined : schemas.toType(deref(content[mediaType])["schema"]),
        ...(example === undefined ? {} : { example }),
      };
    });

  /** A media type's example: `example`, else the first `examples` entry's `value`, else its schema's `example`. */
  const exampleOf = (media: Json): unknown => {
    if (media["example"] !== undefined) return media["example"];
    const examples = deref(media["examples"]);
    for (const entry of Object.values(examples)) {
      const value = deref(entry)["value"];
      if (value !== undefined) return value;
    }
    return media["schema"] === undefined ? undefined : deref(media["schema"])["example"];
  };

  const operations: IROperation[] = [];
  for (const [path, rawItem] of Object.entries(deref(document["paths"]))) {
    const item = deref(rawItem);
    const shared = Array.isArray(item["parameters"]) ? item["parameters"] : [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      // Operation-level parameters override path-level ones with the same name and location.
      const merged = new Map<string, IRParameter>();
      for (const raw of [...shared, ...(Array.isArray(op["parameters"]) ? op["parameters"] : [])]) {
        const p = parameter(raw);
        if (p !== undefined) merged.set(`${p.in}:${p.name}`, p);
      }
      operations.push({
        operationId: text(op["operationId"]),
        method,
        path,
        tags: Array.isArray(op["tags"]) ? op["tags"].filter((t): t is string => typeof t === "string") : [],
        summary: text(op["summary"]),
        description: text(op["description"]),
        deprecated: op["deprecated"] === true,
        parameters: [...merged.values()],
        // fetch cannot send a body with GET or HEAD; some documents (Stripe) declare an empty one anyway.
        body: method === "get" || method === "head" ? undefined : body(op["requestBody"]),
        responses: responses(op["responses"]),
        pointer: ["paths", path, method],
      });
    }
  }

  const tags = new Map<string, string | undefined>();
  for (const tag of Array.isArray(document["tags"]) ? document["tags"] : []) {
    if (isObject(tag) && typeof tag["name"] === "string") tags.set(tag["name"], text(tag["description"]));
  }

  const servers = (Array.isArray(document["servers"]) ? document["servers"] : [])
    .map((s) => (isObject(s) && typeof s["url"] === "string" ? s["url"] : undefined))
    .filter((url): url is string => url !== undefined);

  return {
    file: spec.file,
    title: text(info["title"]) ?? "API",
    version: typeof info["version"] === "string" ? info["version"] : "0.0.0",
    summary: text(info["summary"]),
    description: text(info["description"]),
    servers,
    tags,
    schemas: componentSchemas,
    operations,
  };
}
