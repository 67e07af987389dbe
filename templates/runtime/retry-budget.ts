/**
 * A retry budget per client: every retry spends a token and every call that succeeds at once
 * earns a tenth of one back. Against a server that keeps failing, the budget runs dry and later
 * calls fail fast instead of multiplying the load and the caller's waiting.
 */

export class RetryBudget {
  readonly #capacity: number;
  #tokens: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
    this.#tokens = capacity;
  }

  /** Spends a token for a retry; false when none are left. */
  take(): boolean {
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** A call succeeded on its first attempt. */
  reward(): void {
    this.#tokens = Math.min(this.#capacity, this.#tokens + 0.1);
  }

  get remaining(): number {
    return this.#tokens;
  }
}
