/**
 * The data a generated package hands its mock: each operation as the spec declares it, the schemas
 * its requests and responses use, and the dialect — the very plug-in configs the client is built
 * with — so the mock writes what the client reads.
 */
import type { PagingConfig } from "../runtime/types.js";

/** A schema as the generator's IR has it (descriptions left out). */
export type MockType =
  | { readonly kind: "ref"; readonly schema: string }
  | { readonly kind: "primitive"; readonly type: string; readonly format?: string }
  | { readonly kind: "literal"; readonly values: readonly (string | number | boolean | null)[] }
  | { readonly kind: "array"; readonly items: MockType }
  | { readonly kind: "object"; readonly properties: readonly MockProperty[]; readonly additional?: MockType }
  | { readonly kind: "union"; readonly members: readonly MockType[] }
  | { readonly kind: "intersection"; readonly members: readonly MockType[] };

export interface MockProperty {
  readonly name: string;
  readonly type: MockType;
  readonly required: boolean;
  readonly readOnly?: boolean;
  /** The spec's scalar example for the property. */
  readonly example?: string | number | boolean;
}

export interface MockParam {
  readonly name: string;
  readonly required: boolean;
}

/** How a list operation pages: the client's own paging config, read the other way round. */
export type MockPaging = PagingConfig;

export interface MockOperationData {
  /** The spec's operationId (or the client's derived one). */
  readonly id: string;
  /** The client's names for it: `paymentIntents.create`, `v1.customers.list`. */
  readonly aliases: readonly string[];
  readonly method: string;
  /** The path template, e.g. `/payment-intents/{paymentIntentId}`. */
  readonly path: string;
  readonly query: readonly MockParam[];
  /** Header parameters the caller passes (those the client supplies are dialect checks). */
  readonly headers: readonly MockParam[];
  readonly body?: { readonly kind: "json" | "form" | "raw"; readonly required: boolean; readonly type: MockType };
  /** The first documented 2xx: its status, how its body is read, its example and its schema. */
  readonly success: { readonly status: number; readonly kind: "json" | "text" | "none"; readonly example?: unknown; readonly type?: MockType };
  /** Every status the spec documents for it (`4XX` and `default` spelled as written). */
  readonly statuses: readonly string[];
  /** Header scopes the operation belongs to (headers some operations only carry). */
  readonly scopes?: readonly string[];
  readonly paging?: MockPaging;
  /** What the store does for it: create, get, list or delete on the collection at `collection`. */
  readonly store?: {
    readonly action: "create" | "get" | "list" | "delete";
    readonly collection: string;
    /** The property of a stored item that holds its id (the get's path parameter). */
    readonly idField: string;
    /** For a create: the shape of a stored item (what the collection's get answers). */
    readonly itemType?: MockType;
  };
}

/** One of the client's dialect plug-ins: its factory's name and its config, as the client passes it. */
export interface MockPlugin {
  readonly use: string;
  readonly config: unknown;
}

/** A provider error code from the spec's code table, with the HTTP status its class stands for. */
export interface MockCode {
  readonly code: string;
  readonly name: string;
  readonly status?: number;
}

export interface MockDialect {
  readonly plugins: readonly MockPlugin[];
  readonly codes: readonly MockCode[];
  /** The 2xx schemas describe the whole envelope (`envelope.schemas: envelope`). */
  readonly wholeBody: boolean;
  /** The media type error bodies come in, when the dialect fixes one (RFC 7807's `application/problem+json`). */
  readonly errorMediaType?: string;
}

export interface MockPackageData {
  readonly operations: readonly MockOperationData[];
  /** The paths of the provider's hosts (`/v2`), stripped before routing. */
  readonly basePaths: readonly string[];
  readonly schemas: Readonly<Record<string, MockType>>;
  readonly dialect: MockDialect;
}
