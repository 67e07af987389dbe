/**
 * The intermediate representation: what the spec means, with OpenAPI's spelling variants
 * (3.0 `nullable`, 3.1 type arrays, `$ref`s, path-level parameters) already resolved.
 * Names here are the spec's own; the plan stage alone derives TypeScript names.
 */
import type { JsonPointer } from "./spec-error.js";

export type IRType =
  | { readonly kind: "ref"; readonly schema: string }
  | {
      readonly kind: "primitive";
      readonly type: "string" | "number" | "integer" | "boolean" | "null" | "unknown" | "binary";
      /** A string's `format` (`date-time`, `email`, …), when the schema gives one. */
      readonly format?: string;
    }
  | { readonly kind: "literal"; readonly values: readonly (string | number | boolean | null)[] }
  | {
      readonly kind: "array";
      readonly items: IRType;
      /** The schema's `xml` object: items wrapped in one element, and the items' element name. */
      readonly xml?: { readonly wrapped?: boolean; readonly itemName?: string };
    }
  | {
      readonly kind: "object";
      readonly properties: readonly IRProperty[];
      readonly additional: IRType | undefined;
      /** JSON Schema `dependentRequired`: when the key property is present, the listed ones are required. */
      readonly dependentRequired?: Readonly<Record<string, readonly string[]>>;
      /** The schema's `xml.name`: the element that holds such an object in XML. */
      readonly xmlName?: string;
    }
  | { readonly kind: "union"; readonly members: readonly IRType[] }
  | { readonly kind: "intersection"; readonly members: readonly IRType[] };

export interface IRProperty {
  readonly name: string;
  readonly type: IRType;
  readonly required: boolean;
  readonly description: string | undefined;
  readonly deprecated: boolean;
  readonly readOnly: boolean;
  readonly writeOnly: boolean;
  /** The schema's `example`, kept only when it is a plain scalar (used for README samples). */
  readonly example: string | number | boolean | undefined;
}

export interface IRSchema {
  /** The key under `components.schemas`. */
  readonly name: string;
  readonly type: IRType;
  readonly description: string | undefined;
  readonly deprecated: boolean;
  readonly pointer: JsonPointer;
}

export type ParamLocation = "path" | "query" | "header" | "cookie";

export interface IRParameter {
  readonly name: string;
  readonly in: ParamLocation;
  readonly required: boolean;
  readonly type: IRType;
  readonly description: string | undefined;
  readonly deprecated: boolean;
  readonly style: string | undefined;
  readonly explode: boolean | undefined;
  /** The schema's `default` when it is a scalar: what the server assumes when the parameter is omitted. */
  readonly default?: string | number | boolean;
}

export interface IRBody {
  readonly mediaType: string;
  /** Every media type the body may be sent in, as the spec lists them (`mediaType` is the preferred one). */
  readonly mediaTypes?: readonly string[];
  readonly type: IRType;
  readonly required: boolean;
  readonly description: string | undefined;
}

export interface IRResponse {
  /** `200`, `4XX`, `default`, … as written. */
  readonly status: string;
  readonly description: string | undefined;
  readonly mediaType: string | undefined;
  /** Every media type the response comes in, as the spec lists them. */
  readonly mediaTypes?: readonly string[];
  readonly type: IRType | undefined;
  /**
   * The spec's example of this response's body, when it gives one: the media type's `example`, its
   * first `examples` entry's `value`, or the schema's own `example` (for the package's mock).
   */
  readonly example?: unknown;
}

export type IRMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch";

export interface IROperation {
  readonly operationId: string | undefined;
  readonly method: IRMethod;
  readonly path: string;
  readonly tags: readonly string[];
  readonly summary: string | undefined;
  readonly description: string | undefined;
  readonly deprecated: boolean;
  readonly parameters: readonly IRParameter[];
  readonly body: IRBody | undefined;
  readonly responses: readonly IRResponse[];
  readonly pointer: JsonPointer;
}

export interface IRDocument {
  readonly file: string;
  readonly title: string;
  readonly version: string;
  /** `info.summary` (OpenAPI 3.1): one line about the API. */
  readonly summary?: string | undefined;
  readonly description: string | undefined;
  readonly servers: readonly string[];
  readonly tags: ReadonlyMap<string, string | undefined>;
  readonly schemas: readonly IRSchema[];
  readonly operations: readonly IROperation[];
}
