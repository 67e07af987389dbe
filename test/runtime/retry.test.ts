import { describe, expect, it } from "vitest";
import { isRetryableMethod, isRetryableStatus, retryDelay, serverDelay, shouldRetryResponse } from "../../templates/runtime/retry.js";
import type { HttpMethod, OperationDescriptor, RetryPolicy } from "../../templates/runtime/types.js";

describe("isRetryableMethod", () => {
  const op = (method: HttpMethod, idempotencyHeader?: string): OperationDescriptor =>
    idempotencyHeader === undefined
      ? { id: "X", method, path: "/x" }
      : { id: "X", method, path: "/x", idempotencyHeader };

  it.each([
    { method: "GET", key: undefined, sent: {}, want: true },
    { method: "HEAD", key: undefined, sent: {}, want: true },
    { method: "PUT", key: undefined, sent: {}, want: true },
    { method: "DELETE", key: undefined, sent: {}, want: true },
    { method: "OPTIONS", key: undefined, sent: {}, want: true },
    { method: "POST", key: undefined, sent: {}, want: false },
    { method: "PATCH", key: undefined, sent: {}, want: false },
    { method: "POST", key: "Idempotency-Key", sent: {}, want: false },
    { method: "POST", key: "Idempotency-Key", sent: { "idempotency-key": "" }, want: false },
    { method: "POST", key: "Idempotency-Key", sent: { "idempotency-key": "k1" }, want: true },
    { method: "PATCH", key: "Idempotency-Key", sent: { "Idempotency-Key": "k1" }, want: true },
  ] as const)("$method with key header $key and $sent → $want", ({ method, key, sent, want }) => {
    expect(isRetryableMethod(op(method, key), new Headers(sent))).toBe(want);
  });
});

describe("isRetryableStatus", () => {
  it.each([
    { status: 400, want: false },
    { status: 401, want: false },
    { status: 404, want: false },
    { status: 408, want: true },
    // A conflict is usually the resource's state, which repeating does not change: only a policy that lists it.
    { status: 409, want: false },
    { status: 422, want: false },
    { status: 429, want: true },
    { status: 500, want: true },
    { status: 502, want: true },
    { status: 503, want: true },
  ])("$status → $want", ({ status, want }) => {
    expect(isRetryableStatus(status)).toBe(want);
  });

  it.each([
    { statuses: [409, 429], status: 409, want: true },
    { statuses: [409, 429], status: 503, want: false },
    { statuses: [429, "5xx"], status: 504, want: true },
    { statuses: [429, "5xx"], status: 408, want: false },
  ] as const)("policy $statuses: $status → $want", ({ statuses, status, want }) => {
    expect(isRetryableStatus(status, statuses)).toBe(want);
  });
});

describe("shouldRetryResponse: the policy, the status, the method and the provider's own word", () => {
  const stainless: RetryPolicy = { shouldRetryHeader: "x-should-retry" };
  const unprocessed: RetryPolicy = { unprocessed: ["429", "503-with-retry-after"] };
  it.each([
    { name: "GET 503", policy: {}, status: 503, headers: {}, safeMethod: true, want: true },
    { name: "POST 503 (no idempotency key)", policy: {}, status: 503, headers: {}, safeMethod: false, want: false },
    { name: "PUT 409 by default", policy: {}, status: 409, headers: {}, safeMethod: true, want: false },
    { name: "PUT 409 where the policy lists it", policy: { statuses: [409] }, status: 409, headers: {}, safeMethod: true, want: true },
    { name: "POST 429, unprocessed 429 declared", policy: unprocessed, status: 429, headers: {}, safeMethod: false, want: true },
    { name: "POST 429, nothing declared", policy: {}, status: 429, headers: {}, safeMethod: false, want: false },
    { name: "POST 503 with Retry-After, declared", policy: unprocessed, status: 503, headers: { "retry-after": "1" }, safeMethod: false, want: true },
    { name: "POST 503 without Retry-After, declared", policy: unprocessed, status: 503, headers: {}, safeMethod: false, want: false },
    { name: "POST 503 with a bogus Retry-After, declared", policy: unprocessed, status: 503, headers: { "retry-after": "soon" }, safeMethod: false, want: false },
    { name: "GET 503 with x-should-retry: false", policy: stainless, status: 503, headers: { "x-should-retry": "false" }, safeMethod: true, want: false },
    { name: "GET 400 with x-should-retry: true", policy: stainless, status: 400, headers: { "x-should-retry": "true" }, safeMethod: true, want: true },
    { name: "POST 500 with x-should-retry: true", policy: stainless, status: 500, headers: { "x-should-retry": " TRUE " }, safeMethod: false, want: true },
    { name: "GET 503 with x-should-retry: maybe", policy: stainless, status: 503, headers: { "x-should-retry": "maybe" }, safeMethod: true, want: true },
    { name: "the header is ignored where the policy names none", policy: {}, status: 503, headers: { "x-should-retry": "false" }, safeMethod: true, want: true },
  ])("$name → $want", ({ policy, status, headers, safeMethod, want }) => {
    expect(shouldRetryResponse(policy, status, new Headers(headers), safeMethod)).toBe(want);
  });
});

describe("serverDelay reads only what RFC 9110 allows; anything else falls back to the backoff", () => {
  const now = (): number => Date.UTC(2026, 0, 1, 0, 0, 0);
  it.each([
    { given: { "retry-after": "5" }, want: 5000 },
    { given: { "retry-after": " 5 " }, want: 5000 },
    { given: { "retry-after": "0" }, want: 0 },
    { given: { "retry-after": "-5" }, want: undefined },
    { given: { "retry-after": "1 2" }, want: undefined },
    { given: { "retry-after": "1.5" }, want: undefined },
    { given: { "retry-after": "1e3" }, want: undefined },
    { given: { "retry-after": "0x10" }, want: undefined },
    { given: { "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" }, want: 30_000 },
    { given: { "retry-after": "Thursday, 01-Jan-26 00:00:30 GMT" }, want: 30_000 },
    { given: { "retry-after": "Thu Jan  1 00:00:30 2026" }, want: 30_000 },
    { given: { "retry-after": "Wed, 31 Dec 2025 00:00:00 GMT" }, want: 0 },
    { given: { "retry-after": "Thu, 31 Feb 2026 00:00:30 GMT" }, want: undefined },
    { given: { "retry-after": "2026-01-01T00:00:30Z" }, want: undefined },
    { given: { "retry-after": "Thu, 01 Jan 2026 00:00:30 +0000" }, want: undefined },
    { given: { "retry-after": "tomorrow" }, want: undefined },
    { given: { "retry-after-ms": "250" }, want: 250 },
    { given: { "retry-after-ms": "12.5" }, want: 12.5 },
    { given: { "retry-after-ms": "0x10" }, want: undefined },
    { given: { "retry-after-ms": "-1" }, want: undefined },
    { given: { "retry-after-ms": "1e3" }, want: undefined },
    { given: { "retry-after-ms": "Infinity" }, want: undefined },
    { given: { "retry-after-ms": "0x10", "retry-after": "2" }, want: 2000 },
  ])("$given → $want", ({ given, want }) => {
    expect(serverDelay(new Headers(given), now)).toBe(want);
  });

  it.each(["-5", "1 2", "0x10"])("Retry-After %j waits the normal backoff, not 0 ms", (value) => {
    expect(retryDelay(1, new Headers({ "retry-after": value }), () => 0, now)).toBe(1000);
  });
});

describe("retryDelay", () => {
  const now = (): number => Date.UTC(2024, 0, 1, 0, 0, 0);
  const noJitter = (): number => 0;

  it.each([
    { name: "first retry", attempt: 0, headers: {}, random: noJitter, want: 500 },
    { name: "second retry", attempt: 1, headers: {}, random: noJitter, want: 1000 },
    { name: "fifth retry", attempt: 4, headers: {}, random: noJitter, want: 8000 },
    { name: "capped at 8 s", attempt: 10, headers: {}, random: noJitter, want: 8000 },
    { name: "full jitter takes off 25 %", attempt: 1, headers: {}, random: () => 1, want: 750 },
    { name: "half jitter", attempt: 0, headers: {}, random: () => 0.5, want: 437.5 },
    { name: "retry-after-ms", attempt: 0, headers: { "retry-after-ms": "250" }, random: noJitter, want: 250 },
    { name: "Retry-After seconds", attempt: 0, headers: { "retry-after": "3" }, random: noJitter, want: 3000 },
    { name: "Retry-After zero", attempt: 2, headers: { "retry-after": "0" }, random: noJitter, want: 0 },
    {
      name: "retry-after-ms wins over Retry-After",
      attempt: 0,
      headers: { "retry-after-ms": "100", "retry-after": "5" },
      random: noJitter,
      want: 100,
    },
    {
      name: "Retry-After HTTP-date",
      attempt: 0,
      headers: { "retry-after": "Mon, 01 Jan 2024 00:00:07 GMT" },
      random: noJitter,
      want: 7000,
    },
    {
      name: "Retry-After date in the past",
      attempt: 0,
      headers: { "retry-after": "Sun, 31 Dec 2023 23:00:00 GMT" },
      random: noJitter,
      want: 0,
    },
    { name: "Retry-After over a minute is reported as asked (the client decides not to sleep it)", attempt: 0, headers: { "retry-after": "3600" }, random: noJitter, want: 3_600_000 },
    { name: "garbage Retry-After is ignored", attempt: 1, headers: { "retry-after": "soon" }, random: noJitter, want: 1000 },
  ])("$name → $want ms", ({ attempt, headers, random, want }) => {
    expect(retryDelay(attempt, new Headers(headers), random, now)).toBe(want);
  });

  it("backs off without response headers (connection errors)", () => {
    expect(retryDelay(0, undefined, () => 0)).toBe(500);
  });
});
