/**
 * When to retry and how long to wait. Pure functions: the client supplies the clock and the
 * randomness so the policy can be tested without waiting.
 */

import type { OperationDescriptor } from "./types.js";

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

/** Timeouts, lock conflicts, rate limits and server errors are often gone a moment later. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
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
  if (asked !== undefined && asked >= 0) return asked;
  const backoff = Math.min(BASE_DELAY_MS * 2 ** attempt, MAX_BACKOFF_MS);
  return backoff * (1 - random() * 0.25);
}

/** The wait the server asked for in milliseconds (`retry-after-ms`, `Retry-After`), if any. */
export function serverDelay(headers: Headers, now: () => number): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "") {
    const value = Number(ms);
    if (Number.isFinite(value)) return value;
  }
  const after = headers.get("retry-after");
  if (after === null || after.trim() === "") return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(after)) return Number(after) * 1000;
  const date = Date.parse(after);
  // A date already past means "now"; clamp rather than fall back to a longer backoff.
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}
