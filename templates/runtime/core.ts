/**
 * The HTTP engine under every generated client: builds the request once, lets the dialect's
 * plug-ins adjust it, then sends it with a per-attempt timeout, retrying what is safe to retry.
 * What only some packages use (paging) is a feature passed in, so that a package without it does
 * not bundle it; `HttpClient` (client.ts) is this engine with every feature.
 */

import { encodeBody } from "./body.js";
import type { EncodedBody } from "./body.js";
import { APIPromise } from "./api-promise.js";
import type { RawResponse, WithResponse } from "./api-promise.js";
import type { ListPagePromise, PagePromise, PagingFeature } from "./paging.js";
import { APIError, ClientError, ConnectionError, RedirectError, RequestValidationError, TimeoutError } from "./errors.js";
import { DEFAULT_MAX_RESPONSE_BYTES, readBodyText } from "./read-body.js";
import { redactBody, redactHeaders, redactUrl } from "./redact.js";
import { ALWAYS_SECRET, type Hop, nextHop, type RedirectRules } from "./redirects.js";
import { RetryBudget } from "./retry-budget.js";
import type { ErrorClasses } from "./errors.js";
import { copyHeaders, buildRequestHeaders, defaultAccept } from "./request-headers.js";
import { decodeFailure, decodeResponse, describeResponse, requestIdFromHeaders } from "./response.js";
import type { ReceivedResponse } from "./response.js";
import { isRetryableMethod, providerSaysRetry, retryDelay, shouldRetryResponse } from "./retry.js";
import { abortError, pause, sleep } from "./sleep.js";
import { buildUrl, parseBaseUrl } from "./url.js";
import type {
  CallInput,
  OperationDescriptor,
  OutgoingRequest,
  Plugin,
  RetryPolicy,
  RequestOptions,
  ResponseInfo,
  TransportOptions,
} from "./types.js";

/** What an engine can do besides single calls; each is a module a package imports only if it uses it. */
export interface Features {
  /** List operations (`paginate`, `paginateList`): `pagingFeature` from paging.ts. */
  readonly paging?: PagingFeature;
}

export interface HttpClientConfig extends TransportOptions {
  readonly baseUrl: string;
  readonly plugins: readonly Plugin[];
  readonly errors: ErrorClasses;
  /** Test seam: how to wait between retries. Must settle early (or is raced) when `signal` fires. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Test seam: jitter source in [0, 1). */
  readonly random?: () => number;
  /** Test seam: clock for `Retry-After` dates, in epoch milliseconds. */
  readonly now?: () => number;
}

/** What a per-operation function accepts: the engine itself, or a client that holds one (`client.core`). */
export type CoreSource = HttpCore | { readonly core: HttpCore };

/** The engine behind `source`. */
export function coreOf(source: CoreSource): HttpCore {
  return "core" in source ? source.core : source;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;
const DEFAULT_MAX_REDIRECTS = 5;
const DEFAULT_RETRY_BUDGET = 20;
/** Two minutes for a call, retries and waits included (or the per-attempt timeout, when that is longer). */
const DEFAULT_TOTAL_TIMEOUT_MS = 120_000;
/** setTimeout fires at once for delays above a signed 32-bit int, which would be no timeout at all. */
const MAX_TIMEOUT_MS = 2_147_483_647;

export class HttpCore {
  readonly #plugins: readonly Plugin[];
  readonly #errors: ErrorClasses;
  readonly #fetch: typeof fetch;
  /** The caller's own fetch, which may ignore its signal (the platform's honours it). */
  readonly #injectedFetch: boolean;
  /** The base URL, parsed once. */
  readonly #base: URL;
  /** The plug-ins that have each per-call hook, found once rather than on every call. */
  readonly #hooks: { readonly onRequest: readonly Plugin[]; readonly beforeAttempt: readonly Plugin[]; readonly onResponse: readonly Plugin[] };
  readonly #timeout: number;
  readonly #maxRetries: number;
  readonly #defaultHeaders: Readonly<Record<string, string>> | undefined;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #random: () => number;
  readonly #now: () => number;
  readonly #maxRetryWait: number;
  readonly #maxResponseBytes: number;
  readonly #maxRedirects: number;
  readonly #budget: RetryBudget;
  readonly #secretHeaders: readonly string[];
  readonly #log: ((line: string) => void) | undefined;
  readonly #redirectRules: RedirectRules;
  /** The client's or the provider's total deadline; undefined: the default, stretched to `timeout`. */
  readonly #totalTimeout: number | undefined;
  readonly #retryPolicy: RetryPolicy;
  readonly #paging: PagingFeature | undefined;

  constructor(config: HttpClientConfig, features: Features = {}) {
    // Everything that can be checked without a request is checked here, so a misconfigured client
    // fails where it is built.
    this.#base = parseBaseUrl(config.baseUrl);
    copyHeaders(new Headers(), config.defaultHeaders, "defaultHeaders");
    this.#plugins = config.plugins;
    this.#errors = config.errors;
    this.#timeout = checkTimeout(config.timeout, "timeout") ?? DEFAULT_TIMEOUT_MS;
    this.#maxRetries = checkRetries(config.maxRetries, "maxRetries") ?? DEFAULT_MAX_RETRIES;
    this.#defaultHeaders = config.defaultHeaders;
    if (config.fetch === undefined && typeof fetch !== "function") {
      throw new RequestValidationError("No global fetch is available; pass the fetch option");
    }
    // Resolved per call and called without a receiver: some fetches throw "Illegal invocation"
    // when called as a method of another object, and tests may replace the global.
    this.#fetch = config.fetch ?? ((input, init) => fetch(input, init));
    this.#injectedFetch = config.fetch !== undefined;
    this.#paging = features.paging;
    this.#hooks = {
      onRequest: config.plugins.filter((p) => p.onRequest !== undefined),
      beforeAttempt: config.plugins.filter((p) => p.beforeAttempt !== undefined),
      onResponse: config.plugins.filter((p) => p.onResponse !== undefined),
    };
    this.#sleep = config.sleep ?? sleep;
    this.#random = config.random ?? Math.random;
    this.#now = config.now ?? Date.now;
    this.#maxRetryWait = checkCount(config.maxRetryWait, "maxRetryWait") ?? DEFAULT_MAX_RETRY_WAIT_MS;
    this.#maxResponseBytes = checkCount(config.maxResponseBytes, "maxResponseBytes") ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#maxRedirects = checkCount(config.maxRedirects, "maxRedirects") ?? DEFAULT_MAX_REDIRECTS;
    this.#budget = new RetryBudget(checkCount(config.retryBudget, "retryBudget") ?? DEFAULT_RETRY_BUDGET);
    const secret = [...ALWAYS_SECRET, ...config.plugins.flatMap((p) => p.secretHeaders ?? [])].map((h) => h.toLowerCase());
    this.#secretHeaders = [...new Set(secret)];
    this.#redirectRules = { secretHeaders: this.#secretHeaders, resendBodyAcrossOrigins: config.resendBodyAcrossOrigins === true };
    const provider = config.plugins.find((p) => p.retryPolicy !== undefined)?.retryPolicy;
    const { totalTimeout: providerTotal, ...providerPolicy } = provider ?? {};
    this.#retryPolicy = { ...providerPolicy, ...checkRetryPolicy(config.retry, "retry") };
    this.#totalTimeout = checkTimeout(config.totalTimeout, "totalTimeout") ?? providerTotal;
    this.#log = config.debug === true ? (line) => console.debug(line) : typeof config.debug === "function" ? config.debug : undefined;
  }

  /**
   * Starts a list operation: awaitable to its first page, async-iterable over all its items.
   * `paging` is the feature for this call (a generated list function passes it, so that only a
   * bundle that pages carries it); without it, the engine's own.
   */
  paginate<T>(operation: OperationDescriptor, input: CallInput, options: RequestOptions = {}, paging?: PagingFeature): PagePromise<T> {
    return this.#pager(operation, paging).items<T>(operation, input, this.#pageSender(operation, options), this.#base.origin);
  }

  /** Starts a list operation whose response wraps its items; each page also carries the whole response (`data`). */
  paginateList<T, Data>(operation: OperationDescriptor, input: CallInput, options: RequestOptions = {}, paging?: PagingFeature): ListPagePromise<T, Data> {
    return this.#pager(operation, paging).list<T, Data>(operation, input, this.#pageSender(operation, options), this.#base.origin);
  }

  #pager(operation: OperationDescriptor, paging: PagingFeature | undefined = this.#paging): PagingFeature {
    if (operation.paging === undefined) throw new RequestValidationError(`${operation.id} is not a paged operation`);
    if (paging === undefined) throw new RequestValidationError(`${operation.id} is paged, but this client was built without paging`);
    return paging;
  }

  #pageSender(operation: OperationDescriptor, options: RequestOptions): (page: CallInput) => Promise<WithResponse<unknown>> {
    return (page) => this.#send<unknown>(operation, page, options);
  }

  /** Sends one call. Errors (including refused input) arrive as rejections, never as throws. */
  request<T>(operation: OperationDescriptor, input: CallInput, options: RequestOptions = {}): APIPromise<T> {
    return new APIPromise<T>(this.#send<T>(operation, input, options));
  }

  async #send<T>(operation: OperationDescriptor, input: CallInput, options: RequestOptions): Promise<WithResponse<T>> {
    const timeout = checkTimeout(options.timeout, "options.timeout") ?? this.#timeout;
    const maxRetries = checkRetries(options.maxRetries, "options.maxRetries") ?? this.#maxRetries;
    const totalTimeout = checkTimeout(options.totalTimeout, "options.totalTimeout") ?? this.#totalTimeout ?? Math.max(DEFAULT_TOTAL_TIMEOUT_MS, timeout);
    const policy = options.retry === undefined ? this.#retryPolicy : { ...this.#retryPolicy, ...checkRetryPolicy(options.retry, "options.retry") };
    const { signal } = options;
    if (signal?.aborted) throw abortError(signal);
    const deadline = this.#now() + totalTimeout;

    // A next-page link arrives whole (its origin checked by the paginator); otherwise the URL is built.
    const url = input.url !== undefined ? new URL(input.url) : buildUrl(this.#base, operation, input);
    const encoded = this.#encodeBody(operation, input.body, options);
    const body = encoded?.body;
    const headers = buildRequestHeaders({
      operation,
      input,
      contentType: encoded?.contentType,
      defaultHeaders: this.#defaultHeaders,
      callHeaders: options.headers,
    });
    const request: OutgoingRequest = { operation, method: operation.method, url, headers, requestBody: input.body, options };
    for (const plugin of this.#hooks.onRequest) plugin.onRequest?.(request);
    // After the plug-ins: a dialect's constant `Accept` (e.g. a vendor media type) replaces the default.
    if (!headers.has("accept")) headers.set("accept", defaultAccept(operation));
    // An operation that takes an idempotency key always sends one: the caller's, or one made
    // here once and kept for every attempt, so a retried POST cannot act twice.
    const keyHeader = operation.idempotencyHeader;
    if (keyHeader !== undefined && (headers.get(keyHeader) ?? "") === "") headers.set(keyHeader, crypto.randomUUID());
    // Decided on the final headers: an idempotency key a plug-in added counts. A stream can be read once only.
    const replayable = !(body instanceof ReadableStream);
    const retryableMethod = replayable && isRetryableMethod(operation, headers);
    const maxRetryWait = checkCount(options.maxRetryWait, "options.maxRetryWait") ?? this.#maxRetryWait;
    const countHeader = policy.retryCountHeader;
    const call = new CallTimer(signal);

    try {
      for (let attempt = 0; ; attempt++) {
        const mayRetry = retryableMethod && attempt < maxRetries;
        for (const plugin of this.#hooks.beforeAttempt) await plugin.beforeAttempt?.(request, signal);
        if (countHeader !== undefined) headers.set(countHeader, String(attempt));
        const left = deadline - this.#now();
        if (left <= 0) throw new TimeoutError(`${operation.id} ran out of its total deadline (totalTimeout ${totalTimeout} ms)`);
        let received: ReceivedResponse;
        try {
          received = await this.#attempt(request, body, call, Math.min(timeout, left), left < timeout ? totalTimeout : undefined, signal);
        } catch (error) {
          if (!(error instanceof ConnectionError) || !mayRetry) throw error;
          const wait = retryDelay(attempt, undefined, this.#random, this.#now);
          if (!this.#withinDeadline(wait, deadline) || !this.#budget.take()) throw error;
          await this.#pause(wait, signal);
          continue;
        }
        const status = received.status;
        const failed = status < 200 || status >= 300;
        // What plug-ins see of the response; built only when one looks at it or it failed.
        const info = failed || this.#hooks.onResponse.length > 0 ? describeResponse(received, this.#errors, this.#plugins) : undefined;
        if (info !== undefined) for (const plugin of this.#hooks.onResponse) plugin.onResponse?.(info);
        if (failed && info !== undefined) {
          received.meantStatus = this.#meantStatus(info);
          received.shouldRetry = providerSaysRetry(policy, received.headers);
          received.retryable = replayable && shouldRetryResponse(policy, received.meantStatus ?? status, received.headers, retryableMethod);
          // Decided on the error, not the status alone: a provider code that says "never retry" wins
          // over a retried status, and one that says "retry" is retried where the method allows.
          const failure = decodeFailure(received, this.#plugins, this.#errors);
          if (failure.retryable && (received.retryable || mayRetry) && attempt < maxRetries) {
            // A wait longer than maxRetryWait, or past the deadline, is not slept: the error carries retryAfter instead.
            const wait = this.#retryDelay(attempt, info);
            if (wait <= maxRetryWait && this.#withinDeadline(wait, deadline) && this.#budget.take()) {
              await this.#pause(wait, signal);
              continue;
            }
          }
          throw failure;
        }
        let data: T;
        try {
          data = decodeResponse(received, this.#plugins, this.#errors) as T;
        } catch (error) {
          // A provider code that says "try again" (even inside an HTTP 200) is retried like a 503,
          // unless the provider's "should retry" header said otherwise (it decides `retryable`).
          if (!(error instanceof APIError && error.retryable && mayRetry)) throw error;
          const wait = this.#retryDelay(attempt, info ?? describeResponse(received, this.#errors, this.#plugins));
          if (wait > maxRetryWait || !this.#withinDeadline(wait, deadline) || !this.#budget.take()) throw error;
          await this.#pause(wait, signal);
          continue;
        }
        if (attempt === 0) this.#budget.reward();
        const response: RawResponse = {
          status: received.status,
          headers: received.headers,
          url: received.url,
          requestId: requestIdFromHeaders(received.headers),
          meta: received.meta,
        };
        return { data, response };
      }
    } finally {
      call.end();
    }
  }

  /** Whether a wait of `ms` still leaves time for another attempt before the deadline. */
  #withinDeadline(ms: number, deadline: number): boolean {
    return this.#now() + ms < deadline;
  }

  /** A dialect's wire format (a plug-in that writes e.g. XML) first, the operation's own encoding otherwise. */
  #encodeBody(operation: OperationDescriptor, body: unknown, options: RequestOptions): EncodedBody | undefined {
    if (body === undefined || operation.body === undefined) return undefined;
    for (const plugin of this.#plugins) {
      const encoded = plugin.encodeBody?.(body, operation, options);
      if (encoded !== undefined) return encoded;
    }
    return encodeBody(operation, body);
  }

  /** The status a plug-in says a failed response stands for; undefined when none says. */
  #meantStatus(info: ResponseInfo): number | undefined {
    for (const plugin of this.#plugins) {
      const status = plugin.meantStatus?.(info);
      if (status !== undefined) return status;
    }
    return undefined;
  }

  /** The provider's own word on the wait (a plug-in reading its headers) wins over the backoff. */
  #retryDelay(attempt: number, info: ResponseInfo): number {
    for (const plugin of this.#plugins) {
      const ms = plugin.retryDelay?.(info);
      if (ms !== undefined) return ms;
    }
    return retryDelay(attempt, info.headers, this.#random, this.#now);
  }

  /** One fetch plus reading the body, both under the attempt's timeout and the caller's signal. */
  async #attempt(
    request: OutgoingRequest,
    body: BodyInit | undefined,
    call: CallTimer,
    timeout: number,
    /** Set when `timeout` is what is left of the call's total deadline, for the message. */
    totalTimeout: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<ReceivedResponse> {
    const attemptSignal = call.arm(timeout);
    // The platform's fetch honours its signal, body included; an injected one may not, so only
    // its promises are raced against the abort, lest it outlive the timeout or the caller's abort.
    const guarded = this.#injectedFetch;
    const { operation } = request;
    const started = this.#log === undefined ? 0 : this.#now();
    try {
      let hop: Hop = { url: request.url, method: request.method, headers: request.headers, body };
      for (let hops = 0; ; hops++) {
        const init: RequestInit & { duplex?: "half" } = { method: hop.method, headers: hop.headers, signal: attemptSignal, redirect: "manual" };
        if (hop.body !== undefined) {
          init.body = hop.body;
          // Node's fetch (and the Fetch standard) refuse a stream body unless it is sent half-duplex.
          if (hop.body instanceof ReadableStream) init.duplex = "half";
        }
        this.#log?.(`→ ${hop.method} ${redactUrl(hop.url, this.#secretHeaders)} ${JSON.stringify(redactHeaders(hop.headers, this.#secretHeaders))}${hop.body === undefined ? "" : ` ${redactBody(hop.body, this.#secretHeaders)}`}`);
        const doFetch = this.#fetch;
        const sent = doFetch(hop.url, init);
        const response = await (guarded ? call.race(sent) : sent);
        const next = nextHop(hop, response, this.#redirectRules, operation.id);
        if (next !== undefined) {
          await response.body?.cancel().catch(() => undefined);
          if (hops >= this.#maxRedirects) {
            // Final: a loop does not stop looping because the same request is sent again.
            throw new RedirectError(`${operation.id} was redirected more than ${this.#maxRedirects} times (maxRedirects)`, {
              status: response.status,
              location: response.headers.get("location") ?? "",
            });
          }
          this.#log?.(`↪ ${response.status} to ${redactUrl(next.url, this.#secretHeaders)}`);
          hop = next;
          continue;
        }
        const reading = readBodyText(response, this.#maxResponseBytes, operation.id, !this.#injectedFetch);
        const text = await (guarded ? call.race(reading) : reading);
        this.#log?.(`← ${response.status} ${hop.method} ${redactUrl(hop.url, this.#secretHeaders)} in ${Math.round(this.#now() - started)} ms`);
        return {
          operation,
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
          url: response.url === "" ? hop.url.href : response.url,
          text,
          meta: {},
          // The body as the caller gave it travels with the response, for decoders that name fields by position.
          requestBody: request.requestBody,
        };
      }
    } catch (error) {
      // The caller's abort wins over a timeout that fired at the same moment: they asked to stop.
      if (signal?.aborted) throw abortError(signal);
      const timedOut = call.timedOut;
      if (error instanceof ClientError && !timedOut) throw error;
      if (timedOut) {
        const why = totalTimeout === undefined ? `timed out after ${timeout} ms` : `ran out of its total deadline (totalTimeout ${totalTimeout} ms)`;
        throw new TimeoutError(`${operation.id} ${why}`, { cause: error });
      }
      throw new ConnectionError(
        `${operation.id} could not reach ${request.url.origin}: ${describeFailure(error)}`,
        { cause: error },
      );
    } finally {
      call.disarm();
    }
  }

  /** Waits before a retry; the caller's abort ends the wait at once, even if `sleep` ignores it. */
  #pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return pause(this.#sleep, ms, signal);
  }

}

/**
 * The abort and timeout machinery of one call: one AbortController for every attempt (a new one
 * only after an attempt was aborted), the caller's signal forwarded to it once, and the timer
 * re-armed per attempt.
 */
class CallTimer {
  #controller = new AbortController();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped: Promise<never> | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #forward: (() => void) | undefined;
  /** Whether the current attempt's timer fired. */
  timedOut = false;

  constructor(signal: AbortSignal | undefined) {
    this.#signal = signal;
    if (signal !== undefined) {
      this.#forward = () => this.#controller.abort();
      signal.addEventListener("abort", this.#forward, { once: true });
    }
  }

  /** Starts an attempt that may take `ms`; returns the signal to pass to fetch. */
  arm(ms: number): AbortSignal {
    let controller = this.#controller;
    let signal = controller.signal;
    if (signal.aborted) {
      controller = this.#controller = new AbortController();
      signal = controller.signal;
      this.#stopped = undefined;
    }
    this.timedOut = false;
    this.#timer = setTimeout(() => {
      this.timedOut = true;
      controller.abort();
    }, ms);
    return signal;
  }

  disarm(): void {
    clearTimeout(this.#timer);
  }

  /** `promise`, or the abort's rejection if the attempt is aborted first. */
  race<V>(promise: Promise<V>): Promise<V> {
    const signal = this.#controller.signal;
    this.#stopped ??= new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      else signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
    return Promise.race([promise, this.#stopped]);
  }

  end(): void {
    clearTimeout(this.#timer);
    if (this.#forward !== undefined) this.#signal?.removeEventListener("abort", this.#forward);
  }
}

function checkTimeout(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !(value > 0) || value > MAX_TIMEOUT_MS) {
    throw new RequestValidationError(`${name} must be a number of milliseconds between 1 and ${MAX_TIMEOUT_MS}`);
  }
  return value;
}

/** A caller's retry policy, checked field by field; undefined fields are left out so they do not replace the provider's. */
function checkRetryPolicy(value: RetryPolicy | undefined, name: string): RetryPolicy {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null) throw new RequestValidationError(`${name} must be an object`);
  const out: { -readonly [K in keyof RetryPolicy]: RetryPolicy[K] } = {};
  const { statuses, unprocessed, shouldRetryHeader, retryCountHeader } = value;
  if (statuses !== undefined) {
    if (!Array.isArray(statuses) || !statuses.every((s) => s === "5xx" || (Number.isInteger(s) && s >= 100 && s <= 599))) {
      throw new RequestValidationError(`${name}.statuses must be a list of HTTP statuses (100–599) or "5xx"`);
    }
    out.statuses = statuses;
  }
  if (unprocessed !== undefined) {
    if (!Array.isArray(unprocessed) || !unprocessed.every((u) => u === "429" || u === "503-with-retry-after")) {
      throw new RequestValidationError(`${name}.unprocessed must be a list of "429" and "503-with-retry-after"`);
    }
    out.unprocessed = unprocessed;
  }
  for (const [key, header] of [["shouldRetryHeader", shouldRetryHeader], ["retryCountHeader", retryCountHeader]] as const) {
    if (header === undefined) continue;
    if (typeof header !== "string" || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(header)) {
      throw new RequestValidationError(`${name}.${key} must be a header name`);
    }
    out[key] = header;
  }
  return out;
}

function checkCount(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RequestValidationError(`${name} must be a number, 0 or more`);
  }
  return value;
}

function checkRetries(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new RequestValidationError(`${name} must be a whole number of retries, 0 or more`);
  }
  return value;
}

/** Node's fetch says only "fetch failed"; the useful part (ECONNREFUSED, ENOTFOUND) is in `cause`. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  const code = typeof cause === "object" && cause !== null && "code" in cause ? cause.code : undefined;
  return typeof code === "string" ? `${error.message} (${code})` : error.message;
}
