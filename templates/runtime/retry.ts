/**
 * When to retry and how long to wait. Pure functions: the client supplies the clock and the
 * randomness so the policy can be tested without waiting.
 */

import { parseHttpDate } from "./http-date.js";
import type { OperationDescriptor, RetryPolicy } from "./types.js";

/**
 * Methods whose repetition cannot do something twice. POST and PATCH qualify only when the
 * operation takes an idempotency key and this request carries one, so the server can
 * recognise the repeat.
 */
export function isRetryableMethod(operation: OperationDescriptor, sentHeaders: Headers): boolean {
  switch (operation.method) {
    case "GET":
    case "HEAD":
    case "PUT":
    case "DELETE":
    case "OPTIONS":
      return true;
    case "POST":
    case "PATCH": {
      const header = operation.idempotencyHeader;
      return header !== undefined && (sentHeaders.get(header) ?? "") !== "";
    }
    default:
      return false;
  }
}

/**
 * Timeouts, rate limits and server errors are often gone a moment later. A 409 is retried only
 * where the provider's policy lists it (a lock that clears), never by default: it usually means
 * the resource's state forbids the change, which repeating will not alter.
 */
export function isRetryableStatus(status: number, statuses?: RetryPolicy["statuses"]): boolean {
  if (statuses === undefined) return status === 408 || status === 429 || status >= 500;
  return statuses.includes(status) || (status >= 500 && statuses.includes("5xx"));
}

/**
 * Whether a failed response is worth another attempt under `policy`:
 * 1. the provider's "should retry" header (`true`/`false`), when it names one and sends it, decides;
 * 2. otherwise the status must be a retried one, and
 * 3. the method must be safe to repeat — or the provider documents that such a response (429, or
 *    503 with a valid `Retry-After`) means the request was not processed, and the policy says so.
 */
export function shouldRetryResponse(
  policy: RetryPolicy,
  status: number,
  headers: Headers,
  methodRetryable: boolean,
): boolean {
  const said = providerSaysRetry(policy, headers);
  if (said !== undefined) return said;
  if (!isRetryableStatus(status, policy.statuses)) return false;
  if (methodRetryable) return true;
  const unprocessed = policy.unprocessed;
  if (unprocessed === undefined) return false;
  if (status === 429) return unprocessed.includes("429");
  return status === 503 && unprocessed.includes("503-with-retry-after") && serverDelay(headers, Date.now) !== undefined;
}

/** The provider's own verdict from its "should retry" header; undefined when it gives none. */
export function providerSaysRetry(policy: RetryPolicy, headers: Headers): boolean | undefined {
  const name = policy.shouldRetryHeader;
  if (name === undefined) return undefined;
  const value = headers.get(name)?.trim().toLowerCase();
  return value === "true" ? true : value === "false" ? false : undefined;
}

const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 8_000;

/**
 * Milliseconds to wait before retry number `attempt` (0 for the first retry). The server's
 * `retry-after-ms` or `Retry-After` (seconds or HTTP-date) wins, however long (the client decides
 * whether a long wait is worth it); otherwise exponential backoff from 0.5 s, capped at 8 s,
 * minus up to 25 % jitter so that many clients throttled together do not come back together.
 */
export function retryDelay(
  attempt: number,
  headers: Headers | undefined,
  random: () => number,
  now: () => number = Date.now,
): number {
  const asked = headers === undefined ? undefined : serverDelay(headers, now);
  if (asked !== undefined) return asked;
  const backoff = Math.min(BASE_DELAY_MS * 2 ** attempt, MAX_BACKOFF_MS);
  return backoff * (1 - random() * 0.25);
}

/** `retry-after-ms`: decimal milliseconds, nothing else (no sign, no hex, no exponent). */
const DECIMAL_MS = /^\d+(?:\.\d+)?$/;
/** `Retry-After` delta-seconds: digits only (RFC 9110 §10.2.3). */
const DELTA_SECONDS = /^\d+$/;

/**
 * The wait the server asked for in milliseconds (`retry-after-ms`, `Retry-After`), if it asked in
 * a form the standards allow; anything else (`-5`, `1 2`, `0x10`) is no answer, so the normal
 * backoff applies instead of a zero wait.
 */
export function serverDelay(headers: Headers, now: () => number): number | undefined {
  const ms = headers.get("retry-after-ms")?.trim();
  if (ms !== undefined && DECIMAL_MS.test(ms)) return Number(ms);
  const after = headers.get("retry-after")?.trim();
  if (after === undefined || after === "") return undefined;
  if (DELTA_SECONDS.test(after)) return Number(after) * 1000;
  const at = now();
  const date = parseHttpDate(after, at);
  // A date already past means "now"; clamp rather than fall back to a longer backoff.
  return date === undefined ? undefined : Math.max(0, date - at);
}
