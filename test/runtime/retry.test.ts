import { describe, expect, it } from "vitest";
import { isRetryableMethod, isRetryableStatus, retryDelay } from "../../templates/runtime/retry.js";
import type { HttpMethod, OperationDescriptor } from "../../templates/runtime/types.js";

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
    { status: 409, want: true },
    { status: 422, want: false },
    { status: 429, want: true },
    { status: 500, want: true },
    { status: 502, want: true },
    { status: 503, want: true },
  ])("$status → $want", ({ status, want }) => {
    expect(isRetryableStatus(status)).toBe(want);
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
