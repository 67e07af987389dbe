/**
 * Everything the client throws. One base class lets callers catch "anything from this client"
 * without also catching their own bugs; the subclasses say what went wrong and whether it is worth
 * trying again. Messages never include credentials: they name options and operations, not values.
 */

/** Bodies kept on errors are capped so a huge HTML error page cannot pin megabytes in memory. */
export const MAX_BODY_TEXT: number = 64 * 1024;

/** Cuts `text` to `limit` ({@link MAX_BODY_TEXT}) UTF-16 units without splitting a surrogate pair. */
export function capText(text: string, limit: number = MAX_BODY_TEXT): string {
  if (text.length <= limit) return text;
  let end = limit;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/** Messages are capped too: an error is read in logs, and a 4 MB message helps nobody. */
export const MAX_MESSAGE_LENGTH: number = 4096;

/** The most field errors (validation messages, field names) an error keeps. */
export const MAX_FIELD_ERRORS: number = 100;

/** A message-like field (a title, a comment) cut at {@link MAX_MESSAGE_LENGTH} with an ellipsis; undefined stays undefined. */
export function capMessage(text: string | undefined): string | undefined {
  return text === undefined || text.length <= MAX_MESSAGE_LENGTH ? text : `${capText(text, MAX_MESSAGE_LENGTH)}…`;
}

/** Base of every error the client throws. */
export class ClientError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    // Subclass names survive into logs and `String(error)` without each class repeating this.
    this.name = new.target.name;
  }
}

/** What the client knows about an error response when it builds the error. */
export interface APIErrorInit {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body, or the (capped) text when it was not JSON; undefined when empty. */
  readonly body: unknown;
  readonly message: string;
  /** Text, or a number when the spec declares the provider's codes numbers. */
  readonly code?: string | number | undefined;
  readonly requestId?: string | undefined;
  /** The provider says repeating the call may succeed (e.g. its "system unavailable" code). */
  readonly retryable?: boolean | undefined;
  /** Seconds the server asked the caller to wait before trying again. */
  readonly retryAfter?: number | undefined;
  /** Dialect facts an error decoder found for the provider's error class (`ErrorDetails.extra`). */
  readonly extra?: Readonly<Record<string, unknown>> | undefined;
  /** What the dialect's plug-ins read from the response (`ResponseInfo.meta`), e.g. rate-limit state. */
  readonly meta?: Readonly<Record<string, unknown>> | undefined;
  /**
   * Set when the body was larger than {@link MAX_BODY_TEXT}: its first 64 KiB as text, kept as
   * `body` instead of the parsed value (which subclasses still read their fields from).
   */
  readonly truncatedBody?: string | undefined;
  /** A decoder cut a list (e.g. field errors) to {@link MAX_FIELD_ERRORS}. */
  readonly truncated?: boolean | undefined;
}

/**
 * The server answered with a non-2xx status (or a 2xx body that reports a failure). `Code` is the
 * type of the provider's error codes: text, or a number when its spec declares them numbers.
 */
export class APIError<Code extends string | number = string> extends ClientError {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  /** The provider's machine-readable error code, when it sends one. */
  readonly code: Code | undefined;
  /** The id to quote to the provider's support, when it sends one. */
  readonly requestId: string | undefined;
  /**
   * Whether repeating the call may succeed: the provider's "should retry" header when its policy
   * names one, else its error code's word, else the retry policy for this status and method (by
   * default 408, 429 and 5xx on a method safe to repeat). The client already retried, where it could.
   */
  readonly retryable: boolean;
  /** Seconds the server asked to wait before trying again (`Retry-After`, rate-limit reset), if it said. */
  readonly retryAfter: number | undefined;
  /** What the dialect's plug-ins read from the response, as `withResponse().response.meta` has it for a success. */
  readonly meta: Readonly<Record<string, unknown>>;
  /**
   * True when something was cut to its cap: the body (then its first 64 KiB as text), the message
   * (4096 characters) or a list of field errors (100 entries). The message then says so.
   */
  readonly truncated: boolean;

  constructor(init: APIErrorInit) {
    const cutMessage = init.message.length > MAX_MESSAGE_LENGTH;
    const truncated = cutMessage || init.truncatedBody !== undefined || init.truncated === true;
    const message = capMessage(init.message) ?? init.message;
    super(truncated ? `${message} (truncated: the error response was larger than the client keeps)` : message);
    this.truncated = truncated;
    this.status = init.status;
    this.headers = init.headers;
    this.body = init.truncatedBody ?? init.body;
    // The package's decoders read codes as its spec types them, so `Code` is what arrives.
    this.code = init.code as Code | undefined;
    this.requestId = init.requestId;
    this.retryable = init.retryable ?? false;
    this.retryAfter = init.retryAfter;
    this.meta = init.meta ?? {};
  }
}

/**
 * A redirect the client will not follow: to a scheme other than http(s), from https to http, or
 * one that would carry the request body to another origin; also too many redirects. Never retried.
 */
export class RedirectError extends ClientError {
  /** The redirect's status (301, 302, 303, 307, 308). */
  readonly status: number;
  /** The `Location` the server sent. */
  readonly location: string;

  constructor(message: string, init: { readonly status: number; readonly location: string }) {
    super(message);
    this.status = init.status;
    this.location = init.location;
  }
}

/** The request never got an answer: DNS, refused connection, reset socket. Worth retrying. */
export class ConnectionError extends ClientError {}

/** An attempt outlived its timeout. A subclass of ConnectionError because it is retried alike. */
export class TimeoutError extends ConnectionError {}

/** The caller's AbortSignal fired. Never retried: the caller asked us to stop. */
export class UserAbortError extends ClientError {}

/**
 * The call or the client configuration was refused before anything was sent. The message names
 * the offending option or parameter, never its value.
 */
export class RequestValidationError extends ClientError {}

/** What the client knows about a response whose body is not what it claims to be. */
export interface ResponseParseErrorInit {
  readonly message: string;
  readonly status: number;
  readonly headers: Headers;
  readonly bodyText: string;
  readonly cause?: unknown;
}

/**
 * A response body could not be read as promised (e.g. invalid JSON, or not the envelope the
 * provider documents). Callers see this instead of a bare SyntaxError.
 */
export class ResponseParseError extends ClientError {
  readonly status: number;
  readonly headers: Headers;
  /** The raw body, capped at 64 KiB, to show what the server actually sent. */
  readonly bodyText: string;

  constructor(init: ResponseParseErrorInit) {
    super(init.message, "cause" in init ? { cause: init.cause } : undefined);
    this.status = init.status;
    this.headers = init.headers;
    this.bodyText = capText(init.bodyText);
  }
}

/** The response was bigger than `maxResponseBytes`; reading stopped as soon as that was known. */
export class ResponseTooLargeError extends ClientError {
  readonly status: number;
  readonly headers: Headers;
  /** The limit in bytes that was exceeded. */
  readonly limit: number;

  constructor(init: { readonly message: string; readonly status: number; readonly headers: Headers; readonly limit: number }) {
    super(init.message);
    this.status = init.status;
    this.headers = init.headers;
    this.limit = init.limit;
  }
}

export type APIErrorClass = new (init: APIErrorInit) => APIError<string | number>;

/**
 * Which class each status becomes. Generated packages build this from their own subclasses so
 * callers can `catch (e) { if (e instanceof NotFoundError) ... }`.
 */
export interface ErrorClasses {
  readonly byStatus: Readonly<Record<number, APIErrorClass>>;
  /** Any other status below 500. */
  readonly clientError: APIErrorClass;
  /** Any 5xx status without its own entry. */
  readonly serverError: APIErrorClass;
  /** Classes for the provider's own error codes; a known code wins over the status. */
  readonly byCode?: Readonly<Record<string, APIErrorClass>>;
}

/**
 * Picks the class for `classKey` (what a code table matched) or `code` (when the provider's codes
 * have classes), else `status`: its own entry, else the 5xx or the catch-all class.
 */
export function errorClassFor(errors: ErrorClasses, status: number, code?: string | number, classKey?: string): APIErrorClass {
  const key = classKey ?? (code === undefined ? undefined : String(code));
  if (key !== undefined && errors.byCode !== undefined && Object.prototype.hasOwnProperty.call(errors.byCode, key)) {
    const own = errors.byCode[key];
    if (own !== undefined) return own;
  }
  // Own properties only: a status can never reach Object.prototype, but a map built from a spec
  // should not be trusted to be a plain object either.
  if (Object.prototype.hasOwnProperty.call(errors.byStatus, status)) {
    const own = errors.byStatus[status];
    if (own !== undefined) return own;
  }
  return status >= 500 ? errors.serverError : errors.clientError;
}
