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
   * The key of the caller's `params` that holds the whole body (a body that is not an object, or
   * one whose fields share a parameter's name). Absent: the body is every key of `params` that
   * names no query or header parameter.
   */
  readonly bodyKey?: string;
  /** The spec lets the body be left out: `params` without body fields then send none (else `{}`). */
  readonly optionalBody?: boolean;
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

/**
 * How a list operation is paged. Body paths are segments into the decoded response (what the
 * operation's schema declares), split by the generator: `["result_info", "total_pages"]`.
 * - `offset` / `page`: an item offset or a page number in `cursorParam`, counted on from `first`.
 * - `cursor`: an opaque cursor read from `next` (or the `nextHeader` response header) and sent
 *   back in `cursorParam` (query) or `cursorField` (request body).
 * - `link`: the RFC 8288 `Link` header's `rel="next"` URL, followed as-is (same origin only).
 * - `next-url`: a URL read from `next` in the body, followed as-is (same origin only).
 */
export interface PagingConfig {
  readonly type: "offset" | "page" | "cursor" | "link" | "next-url";
  /** The query parameter holding the offset, the page number or the cursor. */
  readonly cursorParam?: string;
  /** The request body field holding the cursor, as path segments. */
  readonly cursorField?: readonly string[];
  /** The query parameter holding the page size. */
  readonly sizeParam?: string;
  /** The request body field holding the page size, as path segments. */
  readonly sizeField?: readonly string[];
  /** The first offset (usually 0) or page number (usually 1). */
  readonly first?: number;
  /** Whether the first request names the first page (`page=1`) when the caller names none. */
  readonly sendFirst?: boolean;
  /** The page size the server uses when the request names none (the size parameter's `default`). */
  readonly defaultSize?: number;
  /** Where the page's items are in the response; the response is the list itself when absent. */
  readonly items?: readonly string[];
  /** Where the next cursor (`cursor`) or next URL (`next-url`) is in the response. */
  readonly next?: readonly string[];
  /** The response header carrying the next cursor (`cursor`), instead of a body field. */
  readonly nextHeader?: string;
  /** A response field that is `false` on the last page (`has_more`). */
  readonly hasMore?: readonly string[];
  /** A response field with the number of pages (`total_pages`); page `total_pages` is the last. */
  readonly totalPages?: readonly string[];
}

/** The values of one call, grouped by where they travel. Keys are `ParamSpec.key`s. */
export interface CallInput {
  readonly path?: Readonly<Record<string, unknown>>;
  readonly query?: Readonly<Record<string, unknown>> | undefined;
  readonly headers?: Readonly<Record<string, unknown>> | undefined;
  readonly body?: unknown;
  /** A URL to send the call to instead of the one built from the path and query (a next-page link). */
  readonly url?: string;
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
  /**
   * The longest this call may take in milliseconds, all attempts and the waits between them
   * included; the client's `totalTimeout` otherwise.
   */
  readonly totalTimeout?: number;
  /** Which failures this call retries; each field given replaces the client's. */
  readonly retry?: RetryPolicy;
}

/**
 * Which failed responses are retried. A provider declares its policy in the spec's conventions;
 * a client (option `retry`) or a call (`RequestOptions.retry`) may replace any field of it.
 */
export interface RetryPolicy {
  /**
   * Statuses worth another attempt; `"5xx"` stands for every 5xx. Default: 408, 429 and every 5xx
   * (409 only when listed: it is retried only where it means a lock that clears).
   */
  readonly statuses?: readonly (number | "5xx")[];
  /**
   * Responses that mean the request was not processed, so that any method (POST and PATCH too)
   * is retried on them: `"429"`, `"503-with-retry-after"`. Default: none.
   */
  readonly unprocessed?: readonly ("429" | "503-with-retry-after")[];
  /** Response header whose `true`/`false` overrides the client's decision to retry, e.g. `x-should-retry`. */
  readonly shouldRetryHeader?: string;
  /** Request header that carries the attempt number (0 on the first), e.g. `x-stainless-retry-count`. */
  readonly retryCountHeader?: string;
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
  /** The decoder cut a list it read (e.g. field errors) to its cap; the error says so. */
  readonly truncated?: boolean;
  /**
   * The key in `ErrorClasses.byCode` of the class a code table picked for this error (a code, or
   * another field's value): it wins over `code` and the status.
   */
  readonly classKey?: string;
  /**
   * The status a failure under HTTP 2xx stands for, from a code table entry that names a status
   * class without a class of its own (e.g. a category `RATE_LIMIT_ERROR` → 429).
   */
  readonly meantStatus?: number;
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
   * The status a failed response stands for when the provider uses another (a 403 that reports a
   * rate limit stands for 429): it picks the error class and the retry decision; `error.status`
   * stays the one received. Undefined keeps the response's own status.
   */
  readonly meantStatus?: (response: ResponseInfo) => number | undefined;
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
  /** The provider's retry policy and default total deadline; the first plug-in that has one sets them. */
  readonly retryPolicy?: ProviderRetryPolicy;
}

/** A provider's retry policy as its conventions declare it, with its default total deadline. */
export interface ProviderRetryPolicy extends RetryPolicy {
  /** Default of the client's `totalTimeout`, in milliseconds. */
  readonly totalTimeout?: number;
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
  /**
   * Redirects followed per attempt (default 5); credentials never follow one to another origin,
   * https never leads to http, and only http(s) locations are followed.
   */
  readonly maxRedirects?: number;
  /**
   * Re-send the request body when a 307/308 redirect leads to another origin (default false: such
   * a redirect is refused with `RedirectError`, so a body never reaches a host you did not call).
   */
  readonly resendBodyAcrossOrigins?: boolean;
  /**
   * The longest one call may take in milliseconds, all attempts and the waits between them
   * included (default 120 000, or `timeout` when that is longer, unless the provider declares
   * another); when it runs out the call fails with the last error or a `TimeoutError`.
   */
  readonly totalTimeout?: number;
  /** Which failures are retried; each field given replaces the provider's policy. */
  readonly retry?: RetryPolicy;
  /** Logs each request and response with every secret shown as `***`; `true` logs to `console.debug`. */
  readonly debug?: boolean | ((line: string) => void);
}
