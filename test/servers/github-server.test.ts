/** The GitHub loopback server speaks GitHub's dialect: plain fetch in, status/body/headers out. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProviderServer } from "./provider-kit.js";
import { GITHUB_API_VERSION, GITHUB_TOKEN, ISSUES, RATE_LIMIT_RESET, githubExamples, primaryRateLimited, secondaryRateLimited, startGithubServer } from "./github-server.js";

let github: ProviderServer;
beforeAll(async () => {
  github = await startGithubServer();
});
beforeEach(() => github.reset());
afterAll(() => github.close());

const headers = { authorization: `Bearer ${GITHUB_TOKEN}`, "x-github-api-version": GITHUB_API_VERSION, "user-agent": "clientsmith-test" };
const json = { ...headers, "content-type": "application/json" };

async function call(method: string, url: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(url.startsWith("http") ? url : `${github.url}${url}`, { method, headers, ...init });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

/** RFC 8288: `<url>; rel="name"` pairs → name → url. */
function links(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(",")) {
    const match = /<([^>]+)>;\s*rel="([^"]+)"/.exec(part);
    if (match?.[1] !== undefined && match[2] !== undefined) out[match[2]] = match[1];
  }
  return out;
}

describe("GitHub loopback server", () => {
  it.each([
    { given: "no token", headers: { "x-github-api-version": GITHUB_API_VERSION }, want: { status: 401, message: "Requires authentication" } },
    { given: "a wrong token", headers: { ...headers, authorization: "Bearer nope" }, want: { status: 401, message: "Bad credentials" } },
    { given: "no API version", headers: { authorization: headers.authorization }, want: { status: 400, message: "API version '' is not supported." } },
    { given: "`token` instead of Bearer", headers: { ...headers, authorization: `token ${GITHUB_TOKEN}` }, want: { status: 200, message: undefined } },
  ])("answers $given with $want.status", async ({ headers: given, want }) => {
    const got = await call("GET", "/user", { headers: given });
    expect({ status: got.status, message: got.body["message"] }).toEqual(want);
  });

  it("sends the rate-limit headers on every answer, counting down", async () => {
    const remaining: unknown[] = [];
    for (let i = 0; i < 3; i++) remaining.push((await call("GET", "/rate_limit")).headers.get("x-ratelimit-remaining"));
    expect(remaining).toEqual(["4999", "4998", "4997"]);
    const got = await call("GET", "/rate_limit");
    expect({ reset: got.headers.get("x-ratelimit-reset"), resource: got.headers.get("x-ratelimit-resource"), body: got.body }).toEqual({
      reset: String(RATE_LIMIT_RESET),
      resource: "core",
      body: githubExamples.rateLimit,
    });
  });

  it("pages issues through Link rel=next to the page without one", async () => {
    const numbers: unknown[] = [];
    const rels: string[][] = [];
    let next: string | undefined = "/repos/octocat/Hello-World/issues?state=all&per_page=3";
    while (next !== undefined) {
      const got = await call("GET", next);
      numbers.push(...(got.body as unknown as { number: number }[]).map((issue) => issue.number));
      const parsed = links(got.headers.get("link"));
      rels.push(Object.keys(parsed));
      next = parsed["next"];
    }
    expect(numbers).toEqual(ISSUES.map((issue) => issue["number"]));
    expect(rels).toEqual([["next", "last"], ["prev", "next", "last", "first"], ["prev", "first"]]);
  });

  it.each([
    { given: "an issue without a title", path: "/repos/o/r/issues", body: { body: "x" }, want: { status: 422, message: "Validation Failed", errors: [{ resource: "Issue", field: "title", code: "missing_field" }] } },
    { given: "a comment on a missing issue", path: "/repos/o/r/issues/999/comments", body: { body: "x" }, want: { status: 404, message: "Not Found", errors: undefined } },
  ])("answers $given with $want.status", async ({ path, body, want }) => {
    const got = await call("POST", path, { headers: json, body: JSON.stringify(body) });
    expect({ status: got.status, message: got.body["message"], errors: got.body["errors"] }).toEqual(want);
    expect(got.body["documentation_url"]).toMatch(/^https:\/\/docs\.github\.com\//);
  });

  it("creates an issue with a Location header and reads it back", async () => {
    const created = await call("POST", "/repos/o/r/issues", { headers: json, body: JSON.stringify({ title: "Found a bug" }) });
    expect(created.status).toBe(201);
    const location = created.headers.get("location") ?? "";
    expect((await call("GET", location)).body["title"]).toBe("Found a bug");
  });

  it.each([
    { given: "the primary limit (403)", reply: primaryRateLimited(403), want: { status: 403, remaining: "0", reset: String(RATE_LIMIT_RESET), retryAfter: null } },
    { given: "the primary limit (429)", reply: primaryRateLimited(429), want: { status: 429, remaining: "0", reset: String(RATE_LIMIT_RESET), retryAfter: null } },
    { given: "a secondary limit", reply: secondaryRateLimited(60), want: { status: 403, remaining: null, reset: null, retryAfter: "60" } },
  ])("answers a queued $given as GitHub does", async ({ reply, want }) => {
    github.queue("issues/list-for-repo", reply);
    const got = await call("GET", "/repos/o/r/issues");
    expect({ status: got.status, remaining: got.headers.get("x-ratelimit-remaining"), reset: got.headers.get("x-ratelimit-reset"), retryAfter: got.headers.get("retry-after") }).toEqual(want);
    expect(got.body["message"]).toMatch(/rate limit/);
  });
});
