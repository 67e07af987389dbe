/**
 * The IETF rate-limit fields (templates/runtime/ratelimit-fields.ts) as a client meets them: the
 * current `RateLimit` / `RateLimit-Policy` pair, draft 07's dictionary, the older three fields;
 * the most constraining policy wins; anything unreadable is ignored, never thrown. And through
 * `readRateLimit` with `ietf: true`: the state callers and pacing see.
 */
import { describe, expect, it } from "vitest";
import { type RateLimitFields, readRateLimitFields } from "../../templates/runtime/ratelimit-fields.js";
import { type RateLimitsConfig, readRateLimit } from "../../templates/runtime/rate-limits.js";

const NOW = 1_700_000_000_000;

describe("readRateLimitFields", () => {
  const cases: { name: string; given: Record<string, string>; want: RateLimitFields | undefined }[] = [
    { name: "RateLimit with its policy", given: { RateLimit: '"default";r=50;t=30', "RateLimit-Policy": '"default";q=100;w=60' }, want: { limit: 100, remaining: 50, reset: 30 } },
    { name: "RateLimit without a policy", given: { RateLimit: '"default";r=0;t=5' }, want: { limit: undefined, remaining: 0, reset: 5 } },
    { name: "a policy of another name gives no limit", given: { RateLimit: '"a";r=1;t=2', "RateLimit-Policy": '"b";q=9;w=60' }, want: { limit: undefined, remaining: 1, reset: 2 } },
    {
      name: "several policies: the fewest calls left, its quota",
      given: { RateLimit: '"burst";r=5;t=1, "daily";r=2;t=3600', "RateLimit-Policy": '"burst";q=10;w=1, "daily";q=1000;w=86400' },
      want: { limit: 1000, remaining: 2, reset: 3600 },
    },
    { name: "a token policy name and extra parameters", given: { RateLimit: "default;r=7;t=1;pk=:cHsdsRa894==:" }, want: { limit: undefined, remaining: 7, reset: 1 } },
    { name: "draft 07's dictionary", given: { RateLimit: "limit=100, remaining=50, reset=30" }, want: { limit: 100, remaining: 50, reset: 30 } },
    { name: "the three older fields", given: { "RateLimit-Limit": "100, 100;w=60", "RateLimit-Remaining": "3", "RateLimit-Reset": "12" }, want: { limit: 100, remaining: 3, reset: 12 } },
    { name: "an unreadable RateLimit falls back to the three fields", given: { RateLimit: '"x;r=1', "RateLimit-Remaining": "4" }, want: { limit: undefined, remaining: 4, reset: undefined } },
    { name: "a negative count is no count", given: { RateLimit: '"d";r=-1;t=5' }, want: undefined },
    { name: "an unterminated string", given: { RateLimit: '"default;r=1;t=1' }, want: undefined },
    { name: "a trailing comma", given: { RateLimit: '"default";r=1;t=1,' }, want: undefined },
    { name: "a bad parameter key", given: { RateLimit: '"default";R=1' }, want: undefined },
    { name: "text", given: { RateLimit: "lots of calls left" }, want: undefined },
    { name: "nothing", given: {}, want: undefined },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    expect(readRateLimitFields(new Headers(given))).toEqual(want);
  });
});

describe("readRateLimit with ietf: true", () => {
  const config: RateLimitsConfig = { reset: "epoch-seconds", pacing: true, ietf: true, remainingHeader: "X-RateLimit-Remaining" };
  it.each([
    {
      name: "the IETF fields count seconds, whatever the named headers' unit",
      given: { RateLimit: '"default";r=0;t=30', "RateLimit-Policy": '"default";q=100;w=60' },
      want: { limit: 100, remaining: 0, resetAfter: 30, resetAt: NOW + 30_000 },
    },
    {
      name: "without them, the named headers still count",
      given: { "X-RateLimit-Remaining": "9" },
      want: { limit: undefined, remaining: 9, resetAfter: undefined, resetAt: undefined },
    },
    { name: "garbage everywhere: no state", given: { RateLimit: "?", "X-RateLimit-Remaining": "many" }, want: undefined },
  ])("$name", ({ given, want }) => {
    expect(readRateLimit(config, new Headers(given), NOW)).toEqual(want);
  });
});
