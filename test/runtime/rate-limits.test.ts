/**
 * The rate-limit runtime module (templates/runtime/rate-limits.ts): header parsing and reset
 * semantics, the state a response carries, the retry delay of a 429, pacing before an attempt,
 * its options; and, through a real HttpClient with a scripted fetch, how they meet the retry loop
 * and the errors. Time is a fake clock; `sleep` records each wait and moves the clock.
 */

import { describe, expect, it } from "vitest";
import { HttpClient } from "../../templates/runtime/client.js";
import { APIError, type ErrorClasses, RequestValidationError, UserAbortError } from "../../templates/runtime/errors.js";
import {
  type RateLimitState,
  type RateLimitsConfig,
  headerNumber,
  rateLimitOf,
  rateLimits,
  readRateLimit,
} from "../../templates/runtime/rate-limits.js";
import type { APIErrorInit } from "../../templates/runtime/errors.js";
import type { OperationDescriptor, OutgoingRequest, Plugin, ResponseInfo } from "../../templates/runtime/types.js";

const NOW = 1_700_000_000_000;

const ALL: RateLimitsConfig = {
  limitHeader: "X-RateLimit-Limit",
  remainingHeader: "X-RateLimit-Remaining",
  resetHeader: "X-RateLimit-Reset",
  reset: "seconds",
  pacing: true,
  pacingOption: "rateLimitPacing",
};

function fakeClock(start = NOW) {
  const clock = {
    time: start,
    sleeps: [] as number[],
    now: (): number => clock.time,
    sleep: async (ms: number): Promise<void> => {
      clock.sleeps.push(ms);
      clock.time += ms;
    },
  };
  return clock;
}

const get: OperationDescriptor = { id: "Things_List", method: "GET", path: "/things" };

function info(status: number, headers: Record<string, string>, meta: Record<string, unknown> = {}): ResponseInfo {
  return {
    status,
    headers: new Headers(headers),
    url: "https://api.test/things",
    operation: get,
    meta,
    createError: () => new APIError({ status, headers: new Headers(headers), body: undefined, message: "x" }),
  } as ResponseInfo;
}

const request: OutgoingRequest = { operation: get, method: "GET", url: new URL("https://api.test/things"), headers: new Headers() };

// ---------------------------------------------------------------------------------------------

describe("headerNumber", () => {
  it.each([
    { given: "42", want: 42 },
    { given: " 7 ", want: 7 },
    { given: "0", want: 0 },
    { given: "1.5", want: 1.5 },
    { given: "100, 100;w=60", want: 100 },
    { given: "60;w=60", want: 60 },
    { given: "", want: undefined },
    { given: "-1", want: undefined },
    { given: "abc", want: undefined },
    { given: "1e3", want: undefined },
    { given: "0x10", want: undefined },
    { given: null, want: undefined },
  ])("$given → $want", ({ given, want }) => {
    expect(headerNumber(given)).toBe(want);
  });
});

describe("readRateLimit", () => {
  const cases: { name: string; config?: Partial<RateLimitsConfig>; headers: Record<string, string>; want: RateLimitState | undefined }[] = [
    {
      name: "all three, reset in seconds",
      headers: { "X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "99", "X-RateLimit-Reset": "60" },
      want: { limit: 100, remaining: 99, resetAfter: 60, resetAt: NOW + 60_000 },
    },
    {
      name: "header names are case-insensitive",
      headers: { "x-ratelimit-limit": "10", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "7" },
      want: { limit: 10, remaining: 0, resetAfter: 7, resetAt: NOW + 7000 },
    },
    { name: "none of them: no state", headers: { "content-type": "application/json" }, want: undefined },
    { name: "garbage only: no state", headers: { "X-RateLimit-Remaining": "lots" }, want: undefined },
    {
      name: "only remaining (a provider that sends no limit nor reset)",
      config: { limitHeader: "X-Not-Sent-Limit", resetHeader: "X-Not-Sent-Reset" },
      headers: { "X-RateLimit-Remaining": "3", "X-RateLimit-Reset": "9" },
      want: { limit: undefined, remaining: 3, resetAfter: undefined, resetAt: undefined },
    },
    {
      name: "other header names",
      config: { limitHeader: "RateLimit-Limit", remainingHeader: "RateLimit-Remaining", resetHeader: "RateLimit-Reset" },
      headers: { "RateLimit-Limit": "5", "RateLimit-Remaining": "4", "RateLimit-Reset": "2", "X-RateLimit-Remaining": "0" },
      want: { limit: 5, remaining: 4, resetAfter: 2, resetAt: NOW + 2000 },
    },
    {
      name: "reset in milliseconds",
      config: { reset: "milliseconds" },
      headers: { "X-RateLimit-Reset": "1500" },
      want: { limit: undefined, remaining: undefined, resetAfter: 1.5, resetAt: NOW + 1500 },
    },
    {
      name: "reset as Unix seconds",
      config: { reset: "epoch-seconds" },
      headers: { "X-RateLimit-Reset": String(NOW / 1000 + 30) },
      want: { limit: undefined, remaining: undefined, resetAfter: 30, resetAt: NOW + 30_000 },
    },
    {
      name: "reset as Unix milliseconds",
      config: { reset: "epoch-milliseconds" },
      headers: { "X-RateLimit-Reset": String(NOW + 250) },
      want: { limit: undefined, remaining: undefined, resetAfter: 0.25, resetAt: NOW + 250 },
    },
    {
      name: "a reset moment already past means now",
      config: { reset: "epoch-seconds" },
      headers: { "X-RateLimit-Reset": String(NOW / 1000 - 10) },
      want: { limit: undefined, remaining: undefined, resetAfter: 0, resetAt: NOW },
    },
    {
      name: "fractional counts are floored",
      headers: { "X-RateLimit-Limit": "10.9", "X-RateLimit-Remaining": "2.5" },
      want: { limit: 10, remaining: 2, resetAfter: undefined, resetAt: undefined },
    },
  ];
  it.each(cases)("$name", ({ config, headers, want }) => {
    const state = readRateLimit({ ...ALL, ...config }, new Headers(headers), NOW);
    expect(state).toEqual(want);
    if (state !== undefined) expect(Object.isFrozen(state)).toBe(true);
  });
});

describe("rateLimitOf", () => {
  const state: RateLimitState = { limit: 1, remaining: 0, resetAfter: 1, resetAt: NOW + 1000 };
  it.each([
    { name: "the state the plug-in stored", meta: { rateLimit: state }, want: state },
    { name: "no state", meta: {}, want: undefined },
    { name: "something else under the key", meta: { rateLimit: "soon" }, want: undefined },
    { name: "an object of the wrong shape", meta: { rateLimit: { remaining: "0" } }, want: undefined },
  ])("$name", ({ meta, want }) => {
    expect(rateLimitOf({ meta })).toEqual(want);
  });
});

// ---------------------------------------------------------------------------------------------

describe("the plug-in", () => {
  it("onResponse stores the state in the response's meta; responses without the headers leave meta alone", () => {
    const plugin = rateLimits(ALL, { now: () => NOW });
    const withHeaders = info(200, { "X-RateLimit-Remaining": "4", "X-RateLimit-Reset": "10" });
    plugin.onResponse?.(withHeaders);
    expect(withHeaders.meta).toEqual({ rateLimit: { limit: undefined, remaining: 4, resetAfter: 10, resetAt: NOW + 10_000 } });
    const without = info(200, {});
    plugin.onResponse?.(without);
    expect(without.meta).toEqual({});
  });

  it.each([
    { name: "a 429 with a reset waits for it", status: 429, headers: { "X-RateLimit-Reset": "7" }, want: 7000 },
    { name: "a 429 with a fractional reset rounds up", status: 429, headers: { "X-RateLimit-Reset": "0.2501" }, want: 251 },
    { name: "a 429 whose window has reset retries at once", status: 429, headers: { "X-RateLimit-Reset": "0" }, want: 0 },
    { name: "a 429 without a reset: the default backoff", status: 429, headers: { "X-RateLimit-Remaining": "0" }, want: undefined },
    { name: "a 503 with a reset: the default backoff", status: 503, headers: { "X-RateLimit-Reset": "7" }, want: undefined },
  ])("retryDelay: $name", ({ status, headers, want }) => {
    const plugin = rateLimits(ALL, { now: () => NOW });
    const response = info(status, headers);
    plugin.onResponse?.(response);
    expect(plugin.retryDelay?.(response)).toBe(want);
  });

  it.each([
    { name: "a 429 whose window has calls left but that says Retry-After: the server's wait", status: 429, headers: { "X-RateLimit-Remaining": "4", "X-RateLimit-Reset": "3600", "Retry-After": "5" }, want: undefined },
    { name: "a 429 with no calls left and Retry-After: the reset", status: 429, headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "7", "Retry-After": "5" }, want: 7000 },
    { name: "a limited 403 with no calls left: the reset", status: 403, headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "7" }, want: 7000 },
    { name: "a limited 403 with Retry-After: the server's wait", status: 403, headers: { "Retry-After": "5" }, want: undefined },
    { name: "a 403 with calls left and no Retry-After is no rate limit", status: 403, headers: { "X-RateLimit-Remaining": "4", "X-RateLimit-Reset": "7" }, want: undefined },
  ])("retryDelay with limited-statuses [403]: $name", ({ status, headers, want }) => {
    const plugin = rateLimits({ ...ALL, limitedStatuses: [403] }, { now: () => NOW });
    const response = info(status, headers);
    plugin.onResponse?.(response);
    expect(plugin.retryDelay?.(response)).toBe(want);
  });

  it.each([
    { name: "a 403 with Retry-After", limited: [403], status: 403, headers: { "Retry-After": "60" }, want: 429 },
    { name: "a 403 saying no calls remain", limited: [403], status: 403, headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "60" }, want: 429 },
    { name: "a 403 with calls left and no Retry-After", limited: [403], status: 403, headers: { "X-RateLimit-Remaining": "12" }, want: undefined },
    { name: "a 403 without any rate-limit word", limited: [403], status: 403, headers: {}, want: undefined },
    { name: "a 403 with Retry-After, 403 not listed", limited: [], status: 403, headers: { "Retry-After": "60" }, want: undefined },
    { name: "a 503 with Retry-After, only 403 listed", limited: [403], status: 503, headers: { "Retry-After": "60" }, want: undefined },
    { name: "a 429 keeps its own status", limited: [403], status: 429, headers: { "Retry-After": "60" }, want: undefined },
  ])("meantStatus: $name → $want", ({ limited, status, headers, want }) => {
    const plugin = rateLimits({ ...ALL, limitedStatuses: limited }, { now: () => NOW });
    const response = info(status, headers);
    plugin.onResponse?.(response);
    expect(plugin.meantStatus?.(response)).toBe(want);
  });

  type Step = { status: number; headers: Record<string, string> } | { advance: number };
  const pacingCases: { name: string; options?: Record<string, unknown>; config?: Partial<RateLimitsConfig>; steps: Step[]; want: number[] }[] = [
    { name: "calls left: no wait", steps: [{ status: 200, headers: { "X-RateLimit-Remaining": "1", "X-RateLimit-Reset": "30" } }], want: [] },
    { name: "none left: wait for the reset", steps: [{ status: 200, headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "30" } }], want: [30_000] },
    {
      name: "none left, part of the window gone by: wait for the rest",
      steps: [{ status: 200, headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "30" } }, { advance: 12_000 }],
      want: [18_000],
    },
    {
      name: "none left, the window already over: no wait",
      steps: [{ status: 200, headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "30" } }, { advance: 31_000 }],
      want: [],
    },
    { name: "after a 429 with a reset (no remaining header): wait", steps: [{ status: 429, headers: { "X-RateLimit-Reset": "5" } }], want: [5000] },
    { name: "none left but no reset: nothing to wait for", steps: [{ status: 200, headers: { "X-RateLimit-Remaining": "0" } }], want: [] },
    {
      name: "a later response with calls left lifts the block",
      steps: [
        { status: 200, headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "30" } },
        { status: 200, headers: { "X-RateLimit-Remaining": "9", "X-RateLimit-Reset": "60" } },
      ],
      want: [],
    },
    {
      name: "a later response without the headers keeps the block",
      steps: [{ status: 200, headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "30" } }, { status: 200, headers: {} }],
      want: [30_000],
    },
    {
      name: "pacing turned off by the client option",
      options: { rateLimitPacing: false },
      steps: [{ status: 200, headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "30" } }],
      want: [],
    },
    {
      name: "pacing off by the spec, on by the client option",
      config: { pacing: false },
      options: { rateLimitPacing: true },
      steps: [{ status: 200, headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "30" } }],
      want: [30_000],
    },
    {
      name: "pacing off by the spec, option unset",
      config: { pacing: false },
      steps: [{ status: 200, headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "30" } }],
      want: [],
    },
    {
      name: "a reset beyond maxRetryWait (default 60 s) is not waited for",
      steps: [{ status: 200, headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "61" } }],
      want: [],
    },
    {
      name: "a client maxRetryWait raises the cap",
      options: { maxRetryWait: 120_000 },
      steps: [{ status: 200, headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "90" } }],
      want: [90_000],
    },
  ];
  it.each(pacingCases)("beforeAttempt: $name → waits $want", async ({ options, config, steps, want }) => {
    const clock = fakeClock();
    const plugin = rateLimits({ ...ALL, ...config }, { now: clock.now, sleep: clock.sleep, ...options });
    for (const step of steps) {
      if ("advance" in step) clock.time += step.advance;
      else plugin.onResponse?.(info(step.status, step.headers));
    }
    await plugin.beforeAttempt?.(request, undefined);
    expect(clock.sleeps).toEqual(want);
    // One wait per window: the next call goes at once.
    await plugin.beforeAttempt?.(request, undefined);
    expect(clock.sleeps).toEqual(want);
  });

  it("waits once per window even when the injected sleep does not move the clock", async () => {
    const sleeps: number[] = [];
    const plugin = rateLimits(ALL, { now: () => NOW, sleep: async (ms: number) => void sleeps.push(ms) });
    plugin.onResponse?.(info(200, { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "3" }));
    await plugin.beforeAttempt?.(request, undefined);
    await plugin.beforeAttempt?.(request, undefined);
    expect(sleeps).toEqual([3000]);
  });

  it("the caller's abort ends a pacing wait at once, even if the sleep ignores it", async () => {
    const plugin = rateLimits(ALL, { now: () => NOW, sleep: () => new Promise<void>(() => {}) });
    plugin.onResponse?.(info(200, { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "30" }));
    const controller = new AbortController();
    const waiting = plugin.beforeAttempt?.(request, controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toBeInstanceOf(UserAbortError);
    const already = new AbortController();
    already.abort();
    await expect(plugin.beforeAttempt?.(request, already.signal)).rejects.toBeInstanceOf(UserAbortError);
  });

  it("state is per plug-in instance (per client)", async () => {
    const clock = fakeClock();
    const first = rateLimits(ALL, { now: clock.now, sleep: clock.sleep });
    const second = rateLimits(ALL, { now: clock.now, sleep: clock.sleep });
    first.onResponse?.(info(200, { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "30" }));
    await second.beforeAttempt?.(request, undefined);
    expect(clock.sleeps).toEqual([]);
    await first.beforeAttempt?.(request, undefined);
    expect(clock.sleeps).toEqual([30_000]);
  });

  it.each([
    { given: { rateLimitPacing: "no" }, want: "rateLimitPacing must be true or false, got a string" },
    { given: { rateLimitPacing: 0 }, want: "rateLimitPacing must be true or false, got a number" },
  ])("refuses $given at construction", ({ given, want }) => {
    expect(() => rateLimits(ALL, given)).toThrow(RequestValidationError);
    expect(() => rateLimits(ALL, given)).toThrow(want);
  });

  it("without a pacing option, only the spec decides", async () => {
    const clock = fakeClock();
    const { pacingOption: _unused, ...noOption } = ALL;
    const plugin = rateLimits({ ...noOption, pacing: false }, { rateLimitPacing: true, now: clock.now, sleep: clock.sleep });
    plugin.onResponse?.(info(200, { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "30" }));
    await plugin.beforeAttempt?.(request, undefined);
    expect(clock.sleeps).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

class RateLimitErrorForTest extends APIError {
  constructor(init: APIErrorInit) {
    super(init);
  }
}
const errors: ErrorClasses = { byStatus: { 429: RateLimitErrorForTest }, clientError: APIError, serverError: APIError };

/** A fetch that answers from a list of replies (the last one repeats). */
function scripted(replies: { status: number; headers?: Record<string, string>; body?: unknown }[]) {
  const seen: string[] = [];
  const fetchImpl: typeof fetch = async (input) => {
    seen.push(String(input));
    const reply = replies[Math.min(seen.length - 1, replies.length - 1)]!;
    return new Response(JSON.stringify(reply.body ?? {}), { status: reply.status, headers: { "content-type": "application/json", ...reply.headers } });
  };
  return { fetchImpl, seen };
}

function httpClient(plugin: Plugin, fetchImpl: typeof fetch, clock: ReturnType<typeof fakeClock>, maxRetries = 2): HttpClient {
  return new HttpClient({ baseUrl: "https://api.test", plugins: [plugin], errors, fetch: fetchImpl, sleep: clock.sleep, now: clock.now, random: () => 0, maxRetries });
}

describe("through the HttpClient", () => {
  it("a 429 with a reset is retried after exactly the reset, not the backoff; the success carries the new state", async () => {
    const clock = fakeClock();
    const { fetchImpl, seen } = scripted([
      { status: 429, headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "4" } },
      { status: 200, headers: { "X-RateLimit-Remaining": "9", "X-RateLimit-Reset": "60" }, body: ["ok"] },
    ]);
    const plugin = rateLimits(ALL, { now: clock.now, sleep: clock.sleep });
    const { data, response } = await httpClient(plugin, fetchImpl, clock).request(get, {}).withResponse();
    expect(data).toEqual(["ok"]);
    expect(seen).toHaveLength(2);
    expect(clock.sleeps).toEqual([4000]);
    expect(rateLimitOf(response)).toEqual({ limit: undefined, remaining: 9, resetAfter: 60, resetAt: clock.time + 60_000 });
  });

  it("a 429 it cannot retry becomes the error with retryAfter from the reset and the state in meta", async () => {
    const clock = fakeClock();
    const { fetchImpl } = scripted([{ status: 429, headers: { "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "9" } }]);
    const plugin = rateLimits(ALL, { now: clock.now, sleep: clock.sleep });
    const error = await httpClient(plugin, fetchImpl, clock, 0).request(get, {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RateLimitErrorForTest);
    const apiError = error as APIError;
    expect(apiError.retryAfter).toBe(9);
    expect(rateLimitOf(apiError)).toEqual({ limit: 10, remaining: 0, resetAfter: 9, resetAt: NOW + 9000 });
  });

  it("a 403 the provider uses for rate limits is thrown as the 429 class, keeps its status, and is retried after Retry-After", async () => {
    const clock = fakeClock();
    const { fetchImpl, seen } = scripted([
      { status: 403, headers: { "Retry-After": "6" }, body: { message: "secondary rate limit" } },
      { status: 403, headers: { "Retry-After": "6" }, body: { message: "secondary rate limit" } },
    ]);
    const plugin = rateLimits({ ...ALL, limitedStatuses: [403] }, { now: clock.now, sleep: clock.sleep });
    const error = await httpClient(plugin, fetchImpl, clock, 1).request(get, {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RateLimitErrorForTest);
    expect(error).toMatchObject({ status: 403, retryAfter: 6, retryable: true });
    expect(seen).toHaveLength(2);
    expect(clock.sleeps).toEqual([6000]);
  });

  it("without a reset header, Retry-After still sets retryAfter", async () => {
    const clock = fakeClock();
    const { fetchImpl } = scripted([{ status: 429, headers: { "X-RateLimit-Remaining": "0", "Retry-After": "3" } }]);
    const plugin = rateLimits(ALL, { now: clock.now, sleep: clock.sleep });
    const error = (await httpClient(plugin, fetchImpl, clock, 0).request(get, {}).then(() => undefined, (e: unknown) => e)) as APIError;
    expect(error.retryAfter).toBe(3);
  });

  it("a success that spends the last call holds the next call until the reset", async () => {
    const clock = fakeClock();
    const { fetchImpl, seen } = scripted([
      { status: 200, headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "15" }, body: [] },
      { status: 200, headers: { "X-RateLimit-Remaining": "9", "X-RateLimit-Reset": "60" }, body: [] },
    ]);
    const client = httpClient(rateLimits(ALL, { now: clock.now, sleep: clock.sleep }), fetchImpl, clock);
    await client.request(get, {});
    expect(clock.sleeps).toEqual([]);
    await client.request({ ...get, method: "POST", id: "Things_Create" }, {});
    expect(clock.sleeps).toEqual([15_000]);
    expect(seen).toHaveLength(2);
  });
});
