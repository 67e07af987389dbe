/**
 * Rate-limit headers, read from every response: how many calls the window allows, how many are
 * left and when it resets (header names configurable, each optional; or the IETF `RateLimit` and
 * `RateLimit-Policy` fields, see ratelimit-fields.ts). The state is kept per
 * client and shown to callers (`rateLimitOf(response)`, `RateLimitError.rateLimit`); it also
 * decides two waits:
 *
 * - a 429 is retried once the window resets, not after a guessed backoff (`retryDelay`) — unless
 *   the window still has calls and the server asked for its own wait (`Retry-After`);
 * - a response of another status the provider uses for rate limits (`limitedStatuses`, e.g. a
 *   403) stands for a 429 when it carries `Retry-After` or says no calls remain (`meantStatus`);
 * - pacing: when the last response said no calls remain, the next call waits for the reset
 *   instead of being sent into a 429 (`beforeAttempt`). On by default; a client option can turn
 *   it off. A wait longer than the client's `maxRetryWait` (default 60 s) is not slept: the call
 *   is sent and the server's answer decides.
 *
 * Test seams: the client options' `now` (epoch ms) and `sleep(ms, signal)`, the same names the
 * HttpClient reads, so one fake clock drives retries and pacing alike. They must agree: a fake
 * `sleep` should advance the fake `now`.
 */

import { RequestValidationError } from "./errors.js";
import { isRecord } from "./fields.js";
import { describeType, optionValue } from "./options.js";
import type { ClientOptions } from "./options.js";
import { readRateLimitFields } from "./ratelimit-fields.js";
import { serverDelay } from "./retry.js";
import { pause, sleep as realSleep } from "./sleep.js";
import type { Plugin, ResponseInfo } from "./types.js";

/** What the reset header counts: time until the reset, or the moment of the reset. */
export type ResetUnit = "seconds" | "milliseconds" | "epoch-seconds" | "epoch-milliseconds";

export interface RateLimitsConfig {
  /** Header with the calls allowed per window, e.g. `X-RateLimit-Limit`. */
  readonly limitHeader?: string;
  /** Header with the calls left in the current window, e.g. `X-RateLimit-Remaining`. */
  readonly remainingHeader?: string;
  /** Header saying when the window resets, e.g. `X-RateLimit-Reset`. */
  readonly resetHeader?: string;
  /** How the reset header counts. */
  readonly reset: ResetUnit;
  /**
   * Whether the IETF fields (`RateLimit`, `RateLimit-Policy`, or the older `RateLimit-Limit`,
   * `-Remaining`, `-Reset`) are read; when a response carries them they win over the named headers.
   */
  readonly ietf?: boolean;
  /** Whether pacing is on when the client option does not say. */
  readonly pacing: boolean;
  /** Client option (true/false) that turns pacing on or off; absent when callers cannot switch it. */
  readonly pacingOption?: string;
  /**
   * Statuses besides 429 the provider answers a rate limit with (e.g. 403): such a response that
   * carries `Retry-After` or says no calls remain is a rate limit, thrown and retried as a 429.
   */
  readonly limitedStatuses?: readonly number[];
}

/** The rate-limit window as one response described it. */
export interface RateLimitState {
  /** Calls allowed per window, when the response said. */
  readonly limit: number | undefined;
  /** Calls left in the current window, when the response said. */
  readonly remaining: number | undefined;
  /** Seconds from the response until the window resets, when the response said. */
  readonly resetAfter: number | undefined;
  /** When the window resets, in epoch milliseconds of the client's clock, when the response said. */
  readonly resetAt: number | undefined;
}

/** The key under which a response's (and an error's) `meta` carries its `RateLimitState`. */
export const RATE_LIMIT_META_KEY = "rateLimit";

const DEFAULT_MAX_WAIT_MS = 60_000;

/**
 * A count or a time from a header: a non-negative decimal number, optionally followed by
 * parameters after `,` or `;` (`100, 100;w=60`). Anything else is ignored, never thrown.
 */
export function headerNumber(value: string | null): number | undefined {
  if (value === null) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:[,;].*)?$/.exec(value);
  if (match === null) return undefined;
  const number = Number(match[1]);
  return Number.isFinite(number) ? number : undefined;
}

/** The state the configured headers describe, or undefined when a response carries none of them. */
export function readRateLimit(config: RateLimitsConfig, headers: Headers, now: number): RateLimitState | undefined {
  const ietf = config.ietf === true ? readRateLimitFields(headers) : undefined;
  const read = (name: string | undefined): number | undefined => (name === undefined ? undefined : headerNumber(headers.get(name)));
  const limit = ietf === undefined ? read(config.limitHeader) : ietf.limit;
  const remaining = ietf === undefined ? read(config.remainingHeader) : ietf.remaining;
  const reset = ietf === undefined ? read(config.resetHeader) : ietf.reset;
  if (limit === undefined && remaining === undefined && reset === undefined) return undefined;
  // The IETF fields always count seconds until the reset.
  const unit: ResetUnit = ietf === undefined ? config.reset : "seconds";
  let resetAt: number | undefined;
  switch (unit) {
    case "seconds":
      resetAt = reset === undefined ? undefined : now + reset * 1000;
      break;
    case "milliseconds":
      resetAt = reset === undefined ? undefined : now + reset;
      break;
    case "epoch-seconds":
      resetAt = reset === undefined ? undefined : reset * 1000;
      break;
    case "epoch-milliseconds":
      resetAt = reset;
      break;
  }
  // A moment already past means "now": the window has reset.
  const resetAfter = resetAt === undefined ? undefined : Math.max(0, resetAt - now) / 1000;
  return Object.freeze({
    limit: limit === undefined ? undefined : Math.floor(limit),
    remaining: remaining === undefined ? undefined : Math.floor(remaining),
    resetAfter,
    resetAt: resetAt === undefined ? undefined : Math.max(resetAt, now),
  });
}

/**
 * The rate-limit state a response reported, typed: works on `withResponse().response` and on any
 * error response (`error` from a failed call), whose `meta` the plug-in filled.
 */
export function rateLimitOf(source: { readonly meta: Readonly<Record<string, unknown>> }): RateLimitState | undefined {
  const value = isRecord(source.meta) ? source.meta[RATE_LIMIT_META_KEY] : undefined;
  return isRateLimitState(value) ? value : undefined;
}

function isRateLimitState(value: unknown): value is RateLimitState {
  if (!isRecord(value)) return false;
  const numberOrUndefined = (key: string): boolean => value[key] === undefined || typeof value[key] === "number";
  return ["limit", "remaining", "resetAfter", "resetAt"].every(numberOrUndefined);
}

/** Reads and keeps the rate-limit state of one client; see the module comment for the waits. */
export function rateLimits(config: RateLimitsConfig, options: ClientOptions): Plugin {
  const pacing = pacingEnabled(config, options);
  const now = clockOption(options);
  const sleep = sleepOption(options);
  const maxWait = maxWaitOption(options);
  /** Epoch ms before which no call should be sent: no calls remain until the window resets. */
  let blockedUntil: number | undefined;
  const limitedStatuses = config.limitedStatuses ?? [];
  /** A 429, or a response of a status the provider also uses for rate limits that says it is one. */
  const isRateLimited = (response: ResponseInfo): boolean =>
    response.status === 429 ||
    (limitedStatuses.includes(response.status) && (serverDelay(response.headers, now) !== undefined || rateLimitOf(response)?.remaining === 0));

  return {
    onResponse(response: ResponseInfo): void {
      const state = readRateLimit(config, response.headers, now());
      if (state === undefined) return;
      response.meta[RATE_LIMIT_META_KEY] = state;
      // The latest response wins: a window with calls left lifts an earlier block.
      const exhausted = state.remaining === 0 || response.status === 429;
      blockedUntil = exhausted ? state.resetAt : undefined;
    },

    retryDelay(response: ResponseInfo): number | undefined {
      if (!isRateLimited(response)) return undefined;
      const state = rateLimitOf(response);
      // A window with calls left was not what ran out (a secondary limit): the server's own wait decides.
      if (state?.remaining !== 0 && serverDelay(response.headers, now) !== undefined) return undefined;
      const after = state?.resetAfter;
      return after === undefined ? undefined : Math.ceil(after * 1000);
    },

    meantStatus(response: ResponseInfo): number | undefined {
      return response.status !== 429 && isRateLimited(response) ? 429 : undefined;
    },

    async beforeAttempt(_request, signal): Promise<void> {
      if (!pacing || blockedUntil === undefined) return;
      const until = blockedUntil;
      const wait = until - now();
      if (wait > maxWait) return; // too long to hold the caller: send, and let the server answer
      if (wait > 0) await pause(sleep, wait, signal);
      // One wait per window, even with a clock that a fake sleep did not move.
      if (blockedUntil === until) blockedUntil = undefined;
    },
  };
}

function pacingEnabled(config: RateLimitsConfig, options: ClientOptions): boolean {
  if (config.pacingOption === undefined) return config.pacing;
  const value = optionValue(options, config.pacingOption);
  if (value === undefined || value === null) return config.pacing;
  if (typeof value !== "boolean") {
    throw new RequestValidationError(`${config.pacingOption} must be true or false, got ${describeType(value)}`);
  }
  return value;
}

function clockOption(options: ClientOptions): () => number {
  const value = optionValue(options, "now");
  return typeof value === "function" ? (value as () => number) : Date.now;
}

function sleepOption(options: ClientOptions): (ms: number, signal?: AbortSignal) => Promise<void> {
  const value = optionValue(options, "sleep");
  return typeof value === "function" ? (value as (ms: number, signal?: AbortSignal) => Promise<void>) : realSleep;
}

function maxWaitOption(options: ClientOptions): number {
  const value = optionValue(options, "maxRetryWait");
  return typeof value === "number" && value >= 0 ? value : DEFAULT_MAX_WAIT_MS;
}

