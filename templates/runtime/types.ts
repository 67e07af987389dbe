/**
 * The data a generated package hands the runtime: operation descriptors, call inputs and the
 * plug-in interface through which a provider's dialect (auth, headers, envelope, errors) acts.
 */

import type { APIError } from "./errors.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";

/** How one parameter travels: `key` is its property in the caller's object, `name` its wire name. */
export interface ParamSpec {
  readonly key: string;
  readonly name: string;
  /** OpenAPI serialization style for query parameters; `form` when absent. */
  readonly style?: "form" | "spaceDelimited" | "pipeDelimited" | "deepObject";
  /** OpenAPI `explode`; true when absent (the OpenAPI default for `form`). */
  readonly explode?: boolean;
}

/** Everything the runtime needs to know about one operation. Generated code is mostly these. */
export interface OperationDescriptor {
  /** The spec's operationId (or a derived one), used in messages and logs. */
  readonly id: string;
  readonly method: HttpMethod;
  /** Path relative to the base URL with `{wireName}` placeholders, e.g. `/students/{jodo_student_id}`. */
  readonly path: string;
  readonly pathParams?: readonly ParamSpec[];
  readonly query?: readonly ParamSpec[];
  readonly headers?: readonly ParamSpec[];
  /** How the request body is sent: JSON, a URL-encoded form, or raw content; no body when absent. */
  readonly body?: "json" | "form" | "raw";
  /**
   * How the success body is read: `json` (default), `text`, or `none` (the caller gets
   * `undefined`; a JSON body is still checked by the plug-ins, e.g. for an envelope's status).
   */
  readonly response?: "json" | "text" | "none";
  /** Names of header scopes (from the spec's conventions) this operation belongs to. */
  readonly scopes?: readonly string[];
  /** How a list operation pages; such operations return a `PagePromise`. */
  readonly paging?: PagingConfig;
  /** Wire name of the idempotency-key header; its presence makes a POST/PATCH retryable. */
  readonly idempotencyHeader?: string;
}

/** How a list operation is paged: by item offset or by page number, through two query parameters. */
export interface PagingConfig {
  readonly type: "offset" | "page";
  /** The query parameter holding the offset or the page number. */
  readonly cursorParam: string;
  /** The query parameter holding the page size. */
  readonly sizeParam: string;
  /** The first offset (usually 0) or page number (usually 1). */
  readonly first: number;
}

/** The values of one call, grouped by where they travel. Keys are `ParamSpec.key`s. */
export interface CallInput {
  readonly path?: Readonly<Record<string, unknown>>;
  readonly query?: Readonly<Record<string, unknown>> | undefined;
  readonly headers?: Readonly<Record<string, unknown>> | undefined;
  readonly body?: unknown;
}

/** Per-call options, accepted as the last argument of every generated method. */
export interface RequestOptions {
  /** Cancels the call, including waits between retries. */
  readonly signal?: AbortSignal;
  /** Per-attempt timeout in milliseconds. */
  readonly timeout?: number;
  /** Retries after the first attempt. */
  readonly maxRetries?: number;
  /** Extra headers for this call only. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The longest server-requested wait (ms) worth sleeping before a retry; longer ones are thrown. */
  readonly maxRetryWait?: number;
  /** The wire format of this call (e.g. `"xml"`), for APIs that speak several; the client's choice otherwise. */
  readonly format?: string;
}

/** What a plug-in may change before a call is sent. */
export interface OutgoingRequest {
  readonly operation: OperationDescriptor;
  readonly method: HttpMethod;
  readonly url: URL;
  readonly headers: Headers;
  /** The body as the caller passed it, before encoding, for plug-ins that check it. */
  readonly requestBody?: unknown;
  /** The call's own options (e.g. its `format`). */
  readonly options?: RequestOptions;
}

/** What a plug-in sees of a response. */
export interface ResponseInfo {
  readonly status: number;
  readonly headers: Headers;
  readonly url: string;
  readonly operation: OperationDescriptor;
  /**
   * Builds the error the client would throw for this response, of the class its status maps to,
   * carrying the response's body and headers. Lets a success decoder refuse a 2xx body (an
   * envelope that says "failed") without knowing the package's error classes. `fallbackMessage`
   * is used when neither `details` nor the error decoders have a message.
   */
  readonly createError: (details: ErrorDetails, fallbackMessage?: string) => APIError<string | number>;
  /**
   * Facts plug-ins find in a response for other plug-ins, the paginator and the caller (e.g. a
   * next-page offset, rate-limit state). Shared by every hook that sees the same response.
   */
  readonly meta: Record<string, unknown>;
  /**
   * The request body as the caller passed it, before encoding; undefined when the call had none.
   * Lets an error decoder name the fields an answer points at by position ("field 9 is unknown").
   */
  readonly requestBody?: unknown;
}

/** The provider-specific facts an error decoder finds in an error response. */
export interface ErrorDetails {
  readonly message?: string;
  /** The provider's machine-readable error code (e.g. `HUE00000`, or 7003 when the spec declares codes numbers). */
  readonly code?: string | number;
  /** The provider's request or trace id. */
  readonly requestId?: string;
  /** Whether the provider says the call may succeed if repeated (e.g. "system unavailable"). */
  readonly retryable?: boolean;
  /** Seconds the provider asked to wait before trying again, when it says so outside `Retry-After`. */
  readonly retryAfter?: number;
  /**
   * Dialect facts for the provider's error class beyond the common ones (e.g. field names resolved
   * against the request body); its constructor reads them from `APIErrorInit.extra`.
   */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/**
 * A dialect plug-in. A convention in the spec selects runtime modules whose factories return
 * these; the client runs them in order. Every hook is optional.
 */
export interface Plugin {
  /** Runs once per call, before the first attempt. Throw a `RequestValidationError` to refuse. */
  readonly onRequest?: (request: OutgoingRequest) => void;
  /** Turns a parsed 2xx body into what the caller receives, or throws an error to surface. */
  readonly decodeSuccess?: (body: unknown, response: ResponseInfo) => unknown;
  /** Reads the provider's error facts from a parsed error body. The first plug-in to answer wins. */
  readonly decodeError?: (body: unknown, response: ResponseInfo) => ErrorDetails | undefined;
  /** Header names that carry secrets: redacted in logs and dropped on cross-origin redirects. */
  readonly secretHeaders?: readonly string[];
  /** Runs before every attempt and may wait, e.g. until a rate-limit window resets. */
  readonly beforeAttempt?: (request: OutgoingRequest, signal: AbortSignal | undefined) => Promise<void> | void;
  /** Observes every response, success or not, before it is decoded (e.g. rate-limit headers). */
  readonly onResponse?: (response: ResponseInfo) => void;
  /** Milliseconds to wait before retrying this response when the provider says how long; undefined for the default backoff. */
  readonly retryDelay?: (response: ResponseInfo) => number | undefined;
  /**
   * Writes the request body in the dialect's wire format (e.g. XML); undefined leaves it to the
   * operation's own encoding (JSON, form). The first plug-in to answer wins.
   */
  readonly encodeBody?: (
    body: unknown,
    operation: OperationDescriptor,
    options: RequestOptions,
  ) => { readonly body: string; readonly contentType: string } | undefined;
  /**
   * Reads a response body in the dialect's wire format (e.g. XML) into plain values; undefined
   * leaves it to JSON. Throws a `ResponseParseError` for a body it claims but cannot read.
   */
  readonly parseBody?: (text: string, response: Omit<ResponseInfo, "createError">) => { readonly value: unknown } | undefined;
}

/** Client options every generated client accepts besides its provider's own. */
export interface TransportOptions {
  /** Overrides the environment's base URL. */
  readonly baseUrl?: string;
  /** The fetch implementation; the global `fetch` when absent. */
  readonly fetch?: typeof fetch;
  /** Per-attempt timeout in milliseconds (default 60 000). */
  readonly timeout?: number;
  /** Retries after the first attempt (default 2). */
  readonly maxRetries?: number;
  /** Headers sent on every call. */
  readonly defaultHeaders?: Readonly<Record<string, string>>;
  /**
   * The longest wait in milliseconds the server may ask for (`Retry-After`, a rate-limit reset)
   * that the client sleeps before retrying (default 60 000); a longer one is thrown at once as the
   * status error (e.g. `RateLimitError`) with `retryAfter` set.
   */
  readonly maxRetryWait?: number;
  /** Retries the client may spend before it stops retrying; calls that succeed at once earn them back (default 20). */
  readonly retryBudget?: number;
  /** The largest response body in bytes the client reads (default 32 MiB). */
  readonly maxResponseBytes?: number;
  /** Redirects followed per attempt (default 5); credentials never follow one to another origin. */
  readonly maxRedirects?: number;
  /** Logs each request and response with every secret shown as `***`; `true` logs to `console.debug`. */
  readonly debug?: boolean | ((line: string) => void);
}
