/**
 * Behaviour of the generated GitHub client (generated/github/dist, imported as an app would)
 * against a real node:http server on 127.0.0.1 that speaks GitHub's REST dialect
 * (test/servers/github-server.ts): resources bare, `{message, documentation_url, errors?}` errors
 * by HTTP status, RFC 8288 `Link`-header paging, `X-RateLimit-*` state on every answer, and rate
 * limits answered with 403 as well as 429 (`rate-limits.limited-statuses`): the primary limit
 * (no calls remain, wait for the reset) and secondary limits (`Retry-After`). Time is a fake clock
 * that only moves when the client sleeps, so nothing really waits.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  AuthenticationError,
  GitHub,
  GitHubAlreadyExistsError,
  GitHubError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  rateLimitOf,
} from "../../generated/github/dist/index.js";
import type { GitHubOptions, Issue } from "../../generated/github/dist/index.js";
import type { ProviderServer } from "../servers/provider-kit.js";
import {
  GITHUB_API_VERSION,
  GITHUB_TOKEN,
  ISSUES,
  RATE_LIMIT,
  RATE_LIMIT_RESET,
  githubError,
  githubExamples,
  primaryRateLimited,
  secondaryRateLimited,
  startGithubServer,
} from "../servers/github-server.js";

/** A clock 30 s before the server's rate-limit reset, that only moves when the client sleeps. */
const clock = {
  time: RATE_LIMIT_RESET * 1000 - 30_000,
  sleeps: [] as number[],
  now: (): number => clock.time,
  sleep: async (ms: number): Promise<void> => {
    clock.sleeps.push(ms);
    clock.time += ms;
  },
};

let server: ProviderServer;
beforeAll(async () => {
  server = await startGithubServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  clock.time = RATE_LIMIT_RESET * 1000 - 30_000;
  clock.sleeps.length = 0;
});

function client(options: Partial<GitHubOptions> = {}): GitHub {
  return new GitHub({ token: GITHUB_TOKEN, baseUrl: server.url, ...options, now: clock.now, sleep: clock.sleep } as GitHubOptions);
}

async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to reject, but it resolved");
}

const calls = (): string[] => server.calls.map((call) => call.operationId);
const openIssues = ISSUES.filter((issue) => issue["state"] === "open").map((issue) => issue["number"]);

describe("success: resources bare, typed from the document", () => {
  it("gets a repository and the authenticated user", async () => {
    const github = client();
    const repo = await github.repos.get("octocat", "Hello-World");
    expect(repo).toMatchObject({ name: "Hello-World", full_name: "octocat/Hello-World" });
    await expect(github.users.getAuthenticated()).resolves.toEqual(githubExamples.user);
  });

  it("creates an issue (201) and updates it (PATCH)", async () => {
    const github = client();
    const created = await github.issues.create("octocat", "Hello-World", { title: "Found a bug", body: "It breaks" });
    expectTypeOf(created).toEqualTypeOf<Issue>();
    expect(created).toMatchObject({ title: "Found a bug", body: "It breaks", state: "open", number: ISSUES.length + 1 });
    const updated = await github.issues.update("octocat", "Hello-World", created.number, { state: "closed" });
    expect(updated).toMatchObject({ number: created.number, state: "closed" });
    expect(server.calls.map((call) => `${call.request.method} ${call.operationId}`)).toEqual(["POST issues/create", "PATCH issues/update"]);
  });
});

describe("auth and required headers", () => {
  it("sends the token as Bearer and X-GitHub-Api-Version on every call, and asks for GitHub's JSON media type", async () => {
    const github = client();
    await github.rateLimit.get();
    await github.issues.get("o", "r", 1);
    await github.issues.create("o", "r", { title: "t" });
    const sent = server.requests.map((request) => ({
      authorization: request.headers.authorization,
      version: request.headers["x-github-api-version"],
      accept: request.headers.accept,
    }));
    expect(sent).toEqual(Array(3).fill({ authorization: `Bearer ${GITHUB_TOKEN}`, version: GITHUB_API_VERSION, accept: "application/vnd.github+json" }));
  });

  it.each([
    { given: "nothing", options: {}, call: {}, want: ["application/vnd.github+json"] },
    { given: "the caller's default Accept (any case)", options: { defaultHeaders: { ACCEPT: "application/vnd.github.raw+json" } }, call: {}, want: ["application/vnd.github.raw+json"] },
    { given: "a call's own Accept", options: {}, call: { headers: { accept: "application/vnd.github.html+json" } }, want: ["application/vnd.github.html+json"] },
  ])("Accept with $given is sent once: $want", async ({ options, call, want }) => {
    await client(options).issues.get("o", "r", 1, call);
    // Node joins a header sent twice with ", ": one value means one header.
    expect([server.requests[0]?.headers.accept]).toEqual(want);
  });

  it.each([
    { given: "the default scheme", options: {}, want: `Bearer ${GITHUB_TOKEN}` },
    { given: "GitHub's older `token` scheme", options: { authScheme: "token" }, want: `token ${GITHUB_TOKEN}` },
  ])("authorizes with $given", async ({ options, want }) => {
    await client(options).users.getAuthenticated();
    expect(server.requests[0]?.headers.authorization).toBe(want);
  });
});

describe("errors by HTTP status, in GitHub's shape", () => {
  it.each([
    { given: "a wrong token", call: () => client({ token: "ghp_wrong" }).users.getAuthenticated(), want: { classes: [AuthenticationError], status: 401, message: "Bad credentials", code: undefined } },
    { given: "a missing issue", call: () => client().issues.get("o", "r", 999), want: { classes: [NotFoundError], status: 404, message: "Not Found", code: undefined } },
  ])("$given", async ({ call, want }) => {
    const error = await rejection(call());
    for (const errorClass of [...want.classes, GitHubError]) expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject({ status: want.status, message: expect.stringContaining(want.message), code: want.code, details: expect.stringMatching(/^https:\/\/docs\.github\.com\//) });
  });

  it("a 422 validation error exposes its errors, typed, and the first code", async () => {
    server.queue("issues/create", { status: 422, body: { message: "Validation Failed", errors: [{ resource: "Issue", field: "title", code: "missing_field" }], documentation_url: "https://docs.github.com/rest" } });
    const error = await rejection(client().issues.create("o", "r", { title: "t" }));
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    const validation = error as UnprocessableEntityError;
    expectTypeOf(validation.errors[0]?.field).toEqualTypeOf<string | undefined>();
    expect({ status: validation.status, code: validation.code, message: validation.message, errors: validation.errors }).toEqual({
      status: 422,
      code: "missing_field",
      message: expect.stringContaining("Validation Failed"),
      errors: [{ resource: "Issue", field: "title", code: "missing_field" }],
    });
  });

  it("an `already_exists` validation error is the conflict class of the code table", async () => {
    server.queue("issues/create", { status: 422, body: { message: "Validation Failed", errors: [{ resource: "Label", code: "already_exists", field: "name" }], documentation_url: "https://docs.github.com/rest" } });
    const error = await rejection(client().issues.create("o", "r", { title: "t" }));
    expect(error).toBeInstanceOf(GitHubAlreadyExistsError);
    expect(error).toMatchObject({ status: 422, code: "already_exists" });
  });

  it("a 403 without Retry-After and with calls left is a plain permission error, not retried", async () => {
    server.queue("repos/get", githubError(403, "Resource not accessible by integration"));
    const error = await rejection(client().repos.get("o", "r"));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).not.toBeInstanceOf(RateLimitError);
    expect(calls()).toEqual(["repos/get"]);
  });
});

describe("paging: RFC 8288 Link headers", () => {
  it.each([
    { perPage: 3, state: "all" as const, want: ISSUES.map((issue) => issue["number"]), requests: 3 },
    { perPage: 2, state: "open" as const, want: openIssues, requests: Math.max(1, Math.ceil(openIssues.length / 2)) },
  ])("walks $state issues $perPage a page to the page without rel=next", async ({ perPage, state, want, requests }) => {
    const seen: number[] = [];
    for await (const issue of client().issues.listForRepo("octocat", "Hello-World", { per_page: perPage, state })) seen.push(issue.number);
    expect(seen).toEqual(want);
    expect(calls()).toEqual(Array(requests).fill("issues/list-for-repo"));
    expect(server.calls.map((call) => call.request.query.get("page"))).toEqual([null, ...Array.from({ length: requests - 1 }, (_, i) => String(i + 2))]);
  });

  it("each page knows whether a next one exists", async () => {
    const first = await client().repos.listForAuthenticatedUser({ per_page: 3 });
    expect({ items: first.items.length, more: first.hasNextPage }).toEqual({ items: 3, more: true });
    const second = await first.nextPage();
    expect({ items: second?.items.length, more: second?.hasNextPage }).toEqual({ items: 1, more: false });
  });
});

describe("rate limits", () => {
  it("every answer's X-RateLimit-* headers are the call's rate-limit state", async () => {
    const github = client();
    await github.rateLimit.get();
    const { response } = await github.rateLimit.get().withResponse();
    expect(rateLimitOf(response)).toEqual({ limit: RATE_LIMIT, remaining: RATE_LIMIT - 2, resetAfter: 30, resetAt: RATE_LIMIT_RESET * 1000 });
  });

  it("a 429 is retried at the reset", async () => {
    server.queue("issues/get", primaryRateLimited(429));
    const issue = await client().issues.get("o", "r", 1);
    expect(issue.number).toBe(1);
    expect(calls()).toEqual(["issues/get", "issues/get"]);
    expect(clock.sleeps).toEqual([30_000]);
  });

  it("the primary limit as a 403 (no calls remain) is retried at the reset too", async () => {
    server.queue("issues/get", primaryRateLimited(403));
    await expect(client().issues.get("o", "r", 1)).resolves.toMatchObject({ number: 1 });
    expect(calls()).toEqual(["issues/get", "issues/get"]);
    expect(clock.sleeps).toEqual([30_000]);
  });

  it("a secondary limit (403 with Retry-After) is retried after Retry-After", async () => {
    server.queue("issues/list-for-repo", secondaryRateLimited(7));
    const first = await client().issues.listForRepo("o", "r");
    expect(first.items.map((issue) => issue.number)).toEqual(openIssues);
    expect(calls()).toEqual(["issues/list-for-repo", "issues/list-for-repo"]);
    expect(clock.sleeps).toEqual([7_000]);
  });

  it("when retries run out, a secondary limit is a RateLimitError whose status stays 403", async () => {
    server.queue("issues/get", secondaryRateLimited(5), secondaryRateLimited(5), secondaryRateLimited(5));
    const error = await rejection(client({ maxRetries: 2 }).issues.get("o", "r", 1));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toBeInstanceOf(GitHubError);
    expect(error).toMatchObject({ status: 403, retryAfter: 5, retryable: true, message: expect.stringContaining("secondary rate limit") });
    expect(calls()).toHaveLength(3);
  });

  it("a limit whose wait is longer than maxRetryWait is thrown at once, saying when to come back", async () => {
    server.queue("issues/get", secondaryRateLimited(600));
    const error = await rejection(client().issues.get("o", "r", 1));
    expect(error).toMatchObject({ status: 403, retryAfter: 600 });
    expect(error).toBeInstanceOf(RateLimitError);
    expect(calls()).toEqual(["issues/get"]);
  });
});
