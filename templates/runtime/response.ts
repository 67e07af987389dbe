/**
 * Turns a received response into what the caller gets: the decoded success value, or the
 * package's error class for the status, with the provider's message, code and request id.
 */

import { capText, errorClassFor, MAX_BODY_TEXT, ResponseParseError } from "./errors.js";
import type { APIError, ErrorClasses } from "./errors.js";
import { definedOnly, ownField, ownString } from "./fields.js";
import { serverDelay } from "./retry.js";
import type { ErrorDetails, OperationDescriptor, Plugin, ResponseInfo } from "./types.js";

/** A response whose body has been read in full. */
export interface ReceivedResponse {
  readonly operation: OperationDescriptor;
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  /** The final URL, after any redirects. */
  readonly url: string;
  readonly text: string;
  /** Shared by every plug-in hook that sees this response; see `ResponseInfo.meta`. */
  readonly meta: Record<string, unknown>;
  /** The request body as the caller passed it; see `ResponseInfo.requestBody`. */
  readonly requestBody?: unknown;
  /** For a failed response: whether the client's retry policy would retry it (status and method). */
  retryable?: boolean;
  /** For a failed response: the provider's "should retry" header, which overrides every other word. */
  shouldRetry?: boolean | undefined;
  /** For a failed response: the status a plug-in says it stands for (see `Plugin.meantStatus`). */
  meantStatus?: number | undefined;
}

/** Returns the success value, or throws the error the response stands for. */
export function decodeResponse(
  received: ReceivedResponse,
  plugins: readonly Plugin[],
  errors: ErrorClasses,
): unknown {
  if (received.status >= 200 && received.status < 300) return decodeSuccess(received, plugins, errors);
  throw decodeFailure(received, plugins, errors);
}

function decodeSuccess(received: ReceivedResponse, plugins: readonly Plugin[], errors: ErrorClasses): unknown {
  const mode = received.operation.response ?? "json";
  // 204s and empty 200s carry nothing; envelope decoders have nothing to unwrap either.
  if (received.text === "") return undefined;
  if (mode === "text") return received.text;
  if (mode === "none") {
    checkIgnoredBody(received, plugins, errors);
    return undefined;
  }

  // A wire format a plug-in reads (e.g. XML) first, JSON otherwise.
  const parsed = parseByPlugins(received, plugins);
  let body: unknown = parsed?.value;
  if (parsed === undefined) {
    try {
      body = JSON.parse(received.text);
    } catch (cause) {
      // The parser's message quotes the body, which may be long or sensitive; it stays in `cause`.
      throw new ResponseParseError({
        message: `${received.operation.id} returned a body that is not valid JSON (status ${received.status})`,
        status: received.status,
        headers: received.headers,
        bodyText: received.text,
        cause,
      });
    }
  }
  return unwrap(received, body, errors, plugins);
}

/** The success value the plug-ins' decoders make of a parsed body (an envelope's data, say). */
function unwrap(received: ReceivedResponse, body: unknown, errors: ErrorClasses, plugins: readonly Plugin[]): unknown {
  let info: ResponseInfo | undefined;
  let value = body;
  for (const plugin of plugins) {
    if (plugin.decodeSuccess === undefined) continue;
    info ??= responseInfo(received, body, errors, plugins);
    value = plugin.decodeSuccess(value, info);
  }
  return value;
}

/**
 * A body the caller will not see may still say the call failed (an envelope whose status is an
 * error), so a JSON body goes through the plug-ins; anything unparseable is simply ignored.
 */
function checkIgnoredBody(received: ReceivedResponse, plugins: readonly Plugin[], errors: ErrorClasses): void {
  let body: unknown;
  try {
    const parsed = parseByPlugins(received, plugins);
    if (parsed !== undefined) body = parsed.value;
    else if (/json/i.test(received.headers.get("content-type") ?? "")) body = JSON.parse(received.text);
    else return;
  } catch {
    return;
  }
  unwrap(received, body, errors, plugins);
}

/** The error a failed (non-2xx) response stands for, read by the error decoders. */
export function decodeFailure(received: ReceivedResponse, plugins: readonly Plugin[], errors: ErrorClasses): APIError<string | number> {
  let body: unknown;
  try {
    body = parseByPlugins(received, plugins)?.value ?? parseErrorBody(received.text);
  } catch {
    body = parseErrorBody(received.text);
  }
  return responseInfo(received, body, errors, plugins).createError({});
}

/** The provider's facts in an error body: the first plug-in to answer wins field by field, the generic reading fills what it left out. */
function readErrorDetails(body: unknown, info: ResponseInfo, plugins: readonly Plugin[]): ErrorDetails {
  let answer: ErrorDetails | undefined;
  for (const plugin of plugins) {
    answer = plugin.decodeError?.(body, info);
    if (answer !== undefined) break;
  }
  const generic = defaultErrorDetails(body);
  return definedOnly<ErrorDetails>({
    message: answer?.message ?? generic.message,
    code: answer?.code ?? generic.code,
    requestId: answer?.requestId ?? generic.requestId,
    retryable: answer?.retryable,
    extra: answer?.extra,
    truncated: answer?.truncated,
    classKey: answer?.classKey,
    meantStatus: answer?.meantStatus,
  });
}

/** A body in a wire format a plug-in reads (e.g. XML); undefined when none claims it. */
function parseByPlugins(received: ReceivedResponse, plugins: readonly Plugin[]): { readonly value: unknown } | undefined {
  if (received.text === "") return undefined;
  const { operation, status, headers, url, meta, requestBody } = received;
  for (const plugin of plugins) {
    const parsed = plugin.parseBody?.(received.text, { operation, status, headers, url, meta, requestBody });
    if (parsed !== undefined) return parsed;
  }
  return undefined;
}

/** Error bodies are often HTML from a proxy; keep them as (capped) text rather than fail. */
function parseErrorBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return capText(text);
  }
}

/** `Retry-After` / `retry-after-ms` in seconds, for the caller who decides when to try again. */
function retryAfterSeconds(headers: Headers): number | undefined {
  const ms = serverDelay(headers, Date.now);
  return ms === undefined ? undefined : Math.ceil(ms / 1000);
}

/** The wait a plug-in reads from the response (e.g. a rate-limit reset), in seconds: what a retry would wait. */
function pluginRetryAfter(info: ResponseInfo, plugins: readonly Plugin[]): number | undefined {
  for (const plugin of plugins) {
    const ms = plugin.retryDelay?.(info);
    if (ms !== undefined) return Math.ceil(ms / 1000);
  }
  return undefined;
}

/** What plug-ins see of a response before its body is decoded. */
export function describeResponse(received: ReceivedResponse, errors: ErrorClasses, plugins: readonly Plugin[]): ResponseInfo {
  return responseInfo(received, undefined, errors, plugins);
}

function responseInfo(
  received: ReceivedResponse,
  body: unknown,
  errors: ErrorClasses,
  plugins: readonly Plugin[],
): ResponseInfo {
  const info: ResponseInfo = {
    status: received.status,
    headers: received.headers,
    url: received.url,
    operation: received.operation,
    meta: received.meta,
    requestBody: received.requestBody,
    createError(details: ErrorDetails, fallbackMessage?: string): APIError<string | number> {
      // What the caller passed wins; the error decoders fill in the rest, so an error built from a
      // 2xx body (an envelope reporting a failure) keeps the provider's code like any error response.
      const found = readErrorDetails(body, info, plugins);
      const code = details.code ?? found.code;
      // A code table's bare status stands in only for a failure under 2xx, whose status says nothing.
      const tableStatus = received.status >= 200 && received.status < 300 ? found.meantStatus : undefined;
      const ErrorClass = errorClassFor(errors, received.meantStatus ?? tableStatus ?? received.status, code, details.code === undefined ? found.classKey : undefined);
      return new ErrorClass({
        status: received.status,
        headers: received.headers,
        body,
        message: details.message ?? found.message ?? fallbackMessage ?? statusMessage(received),
        code,
        requestId: details.requestId ?? found.requestId ?? requestIdFromHeaders(received.headers),
        retryable: received.shouldRetry ?? details.retryable ?? found.retryable ?? received.retryable,
        retryAfter: details.retryAfter ?? pluginRetryAfter(info, plugins) ?? retryAfterSeconds(received.headers),
        extra: details.extra ?? found.extra,
        meta: received.meta,
        truncatedBody: received.text.length > MAX_BODY_TEXT ? capText(received.text) : undefined,
        truncated: details.truncated ?? found.truncated,
      });
    },
  };
  return info;
}

/**
 * The common shapes of error bodies: `{message}`, `{error: {message, code}}`, `{error: "..."}`,
 * `{detail}`, `{title}`. Used when no plug-in recognises the body.
 */
export function defaultErrorDetails(body: unknown): ErrorDetails {
  const error = ownField(body, "error");
  const message = nonEmpty(
    ownString(body, "message") ??
      ownString(error, "message") ??
      (typeof error === "string" ? error : undefined) ??
      ownString(body, "detail") ??
      ownString(body, "title"),
  );
  const code = nonEmpty(ownString(body, "code") ?? ownString(error, "code"));
  return definedOnly<ErrorDetails>({ message, code });
}

/** The request id the usual headers carry, for quoting to the provider's support. */
export function requestIdFromHeaders(headers: Headers): string | undefined {
  return headers.get("x-request-id") ?? headers.get("request-id") ?? undefined;
}

/** E.g. `HTTP 404 Not Found for GET /students/{id} (Students_Get)`: the template, not the URL, which may carry ids or keys. */
function statusMessage(received: ReceivedResponse): string {
  const { operation } = received;
  const reason = received.statusText === "" ? "" : ` ${received.statusText}`;
  return `HTTP ${received.status}${reason} for ${operation.method} ${operation.path} (${operation.id})`;
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === "" ? undefined : text;
}
