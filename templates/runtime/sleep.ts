/** Waiting between retries in a way the caller can cut short. */

import { UserAbortError } from "./errors.js";

/** Resolves after `ms`, or rejects with UserAbortError as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The error for a caller's abort, keeping the signal's reason as the cause. */
export function abortError(signal: AbortSignal | undefined): UserAbortError {
  return new UserAbortError("The request was aborted by the caller", { cause: signal?.reason });
}

/**
 * Waits `ms` with an injected `sleep` (a test clock, say); the caller's abort ends the wait at
 * once even if that `sleep` ignores the signal.
 */
export async function pause(
  wait: (ms: number, signal?: AbortSignal) => Promise<void>,
  ms: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (signal === undefined) return wait(ms);
  if (signal.aborted) throw abortError(signal);
  let stop = (): void => {};
  const aborted = new Promise<never>((_, reject) => {
    stop = () => reject(abortError(signal));
    signal.addEventListener("abort", stop, { once: true });
  });
  try {
    await Promise.race([wait(ms, signal), aborted]);
  } catch (error) {
    if (signal.aborted) throw abortError(signal);
    throw error;
  } finally {
    signal.removeEventListener("abort", stop);
  }
}
