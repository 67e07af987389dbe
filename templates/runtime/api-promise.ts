/**
 * What every generated method returns: awaiting it gives the data, `withResponse()` gives the
 * data with the status and headers. Both read the same single request.
 */

/** The parts of the HTTP response callers may want besides the data. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The final URL, after any redirects. */
  readonly url: string;
  /** The provider's request id from the response headers, for support tickets. */
  readonly requestId: string | undefined;
  /** What the dialect's plug-ins read from the response: paging cursors, rate-limit state, … */
  readonly meta: Readonly<Record<string, unknown>>;
}

export interface WithResponse<T> {
  readonly data: T;
  readonly response: RawResponse;
}

/**
 * Holds a request that is already in flight. Its failure belongs to whoever awaits it: each
 * `then`, `catch` or `withResponse()` hands the caller a promise of its own, which rejects. The
 * shared promise itself is marked handled, so a request that fails before the caller gets to
 * `await` it (a call stored now and awaited later, or never) cannot end the process with an
 * unhandled rejection the caller had no chance to catch.
 */
export function inFlight<T>(outcome: Promise<T>): Promise<T> {
  outcome.catch(() => undefined);
  return outcome;
}

/**
 * A thenable over one in-flight request. The request starts when the method is called (like a
 * plain async function, so a call that is never awaited is still sent) and its outcome is shared,
 * so `await p` and `await p.withResponse()` never send it twice.
 */
export class APIPromise<T> implements PromiseLike<T> {
  readonly #outcome: Promise<WithResponse<T>>;

  constructor(outcome: Promise<WithResponse<T>>) {
    this.#outcome = inFlight(outcome);
  }

  /** The data together with the response it came from. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#outcome.then((outcome) => outcome);
  }

  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    // One hop from the outcome to the caller's callbacks: every extra `then` is a microtask per call.
    const fulfilled = onfulfilled ?? undefined;
    return this.#outcome.then(
      fulfilled === undefined ? (outcome) => outcome.data as unknown as R1 : (outcome) => fulfilled(outcome.data),
      onrejected,
    );
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }
}
