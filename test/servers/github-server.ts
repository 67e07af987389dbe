/**
 * A loopback server that speaks GitHub's REST dialect, from its spec
 * specs/github.yaml (the client's base URL is `server.url`):
 *
 * - every call needs `Authorization: Bearer <token>` (GitHub also takes `token <token>`), else 401
 *   `basic-error` "Requires authentication"; and `X-GitHub-Api-Version: 2022-11-28`, else 400 (the
 *   test server is stricter than GitHub, which falls back to its default version, so that tests
 *   see the header on every call); and a `User-Agent`, else 403, as GitHub does;
 * - resources come back bare: the draft's `components/examples`;
 * - every answer carries `X-RateLimit-Limit/-Remaining/-Reset/-Used/-Resource` (the draft's
 *   `components/headers/x-rate-limit-*`), remaining counting down per call;
 * - errors are `basic-error` `{message, documentation_url, status}` (404 "Not Found") and, for a
 *   create without its required field, 422 `validation-error` `{message:"Validation Failed",
 *   errors:[{resource, field, code:"missing_field"}], documentation_url}`;
 * - paging: `per_page` (default 30) and `page` in; an RFC 8288 `Link` header out with `next`,
 *   `last`, `first` and `prev` as they apply, no `next` on the last page (the draft's
 *   `components/headers/link`);
 * - rate limits as GitHub documents them: primary (`primaryRateLimited`: 403 with
 *   `x-ratelimit-remaining: 0` and the reset time; also as 429), and secondary
 *   (`secondaryRateLimited`: 403 with `Retry-After`).
 */

import type { RecordedRequest } from "../helpers/server.js";
import { bearerToken, bodyFields, dig, loadDraft, numbered, refill, startProviderServer } from "./provider-kit.js";
import type { Call, JsonObject, ProviderServer, Reply } from "./provider-kit.js";

export const GITHUB_TOKEN = "ghp_loopback0123456789";
export const GITHUB_API_VERSION = "2022-11-28";
export const RATE_LIMIT = 5000;
/** The reset the server reports, seconds since the epoch (fixed, so tests can compare). */
export const RATE_LIMIT_RESET = 1_900_000_000;
const DOCS = "https://docs.github.com/rest";

const draft = loadDraft("github");
const example = (name: string): JsonObject => dig(draft, "components", "examples", name, "value") as JsonObject;

export const githubExamples = {
  rateLimit: example("rate-limit-overview"),
  user: example("private-user-response-with-public-and-private-profile-information"),
  repository: example("full-repository-default-response"),
  repositories: example("repository-items-default-response") as unknown as JsonObject[],
  issue: example("issue"),
  comment: example("issue-comment"),
  labels: example("label-items") as unknown as JsonObject[],
};

export const ISSUES = numbered(githubExamples.issue, 7, "number", (i) => i + 1).map((issue): JsonObject => ({ ...issue, id: 1000 + Number(issue["number"]) }));
export const REPOSITORIES = numbered(githubExamples.repositories[0], 4, "id", (i) => 1296269 + i);
const COMMENTS = numbered(githubExamples.comment, 3, "id", (i) => 1 + i);

/** `basic-error` under `status`. */
export function githubError(status: number, message: string, headers: Readonly<Record<string, string>> = {}): Reply {
  return { status, headers, body: { message, documentation_url: DOCS, status: String(status) } };
}

/** GitHub's primary limit: 403 (or 429) with no calls remaining and the reset time. */
export const primaryRateLimited = (status: 403 | 429 = 403): Reply =>
  githubError(status, "API rate limit exceeded for user ID 1.", {
    "x-ratelimit-limit": String(RATE_LIMIT),
    "x-ratelimit-remaining": "0",
    "x-ratelimit-reset": String(RATE_LIMIT_RESET),
    "x-ratelimit-used": String(RATE_LIMIT),
    "x-ratelimit-resource": "core",
  });

/** GitHub's secondary limit: 403 with `Retry-After` in seconds. */
export const secondaryRateLimited = (seconds: number): Reply =>
  githubError(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", { "retry-after": String(seconds) });

export async function startGithubServer(): Promise<ProviderServer> {
  let baseUrl = "";
  let used = 0;
  const issues: JsonObject[] = [];
  const restore = (): void => {
    used = 0;
    refill(issues, ISSUES);
  };

  /** One page of `items` with its RFC 8288 `Link` header. */
  const page = (request: RecordedRequest, items: readonly JsonObject[]): Reply => {
    const perPage = Number(request.query.get("per_page") ?? 30);
    const number = Number(request.query.get("page") ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number, rel: string): string => {
      const query = new URLSearchParams(request.query);
      query.set("per_page", String(perPage));
      query.set("page", String(n));
      return `<${baseUrl}${request.path}?${query.toString()}>; rel="${rel}"`;
    };
    const links = [
      ...(number > 1 ? [link(number - 1, "prev")] : []),
      ...(number < last ? [link(number + 1, "next"), link(last, "last")] : []),
      ...(number > 1 ? [link(1, "first")] : []),
    ];
    return { status: 200, body: items.slice((number - 1) * perPage, number * perPage), headers: links.length === 0 ? {} : { link: links.join(", ") } };
  };

  const missingField = (resource: string, field: string): Reply => ({
    status: 422,
    body: { message: "Validation Failed", errors: [{ resource, field, code: "missing_field" }], documentation_url: `${DOCS}/issues/issues#create-an-issue` },
  });

  const answer = ({ operationId, params, request }: Call): Reply => {
    const body = bodyFields(request) ?? {};
    const issue = issues.find((i) => String(i["number"]) === params["issue_number"]);
    switch (operationId) {
      case "rate-limit/get":
        return { status: 200, body: githubExamples.rateLimit };
      case "users/get-authenticated":
        return { status: 200, body: githubExamples.user };
      case "repos/list-for-authenticated-user":
        return page(request, REPOSITORIES);
      case "repos/get":
        return { status: 200, body: { ...githubExamples.repository, name: params["repo"], full_name: `${params["owner"]}/${params["repo"]}` } };
      case "issues/list-for-repo": {
        const state = request.query.get("state") ?? "open";
        return page(request, state === "all" ? issues : issues.filter((i) => i["state"] === state));
      }
      case "issues/create": {
        if (typeof body["title"] !== "string" && typeof body["title"] !== "number") return missingField("Issue", "title");
        const created = { ...githubExamples.issue, ...body, number: issues.length + 1, id: 1000 + issues.length + 1, state: "open" };
        issues.push(created);
        return { status: 201, body: created, headers: { location: `${baseUrl}/repos/${params["owner"]}/${params["repo"]}/issues/${created.number}` } };
      }
      case "issues/get":
        return issue === undefined ? githubError(404, "Not Found") : { status: 200, body: issue };
      case "issues/update":
        if (issue === undefined) return githubError(404, "Not Found");
        Object.assign(issue, body);
        return { status: 200, body: issue };
      case "issues/list-comments":
        return issue === undefined ? githubError(404, "Not Found") : page(request, COMMENTS);
      case "issues/create-comment":
        if (issue === undefined) return githubError(404, "Not Found");
        if (typeof body["body"] !== "string") return missingField("IssueComment", "body");
        return { status: 201, body: { ...githubExamples.comment, body: body["body"] } };
      case "issues/list-labels-for-repo":
        return page(request, githubExamples.labels);
      default:
        throw new Error(`the GitHub server has no answer for ${operationId}`);
    }
  };

  /** Adds the rate-limit headers GitHub sends on every answer. */
  const counted = (reply: Reply): Reply => {
    if (reply.headers?.["x-ratelimit-remaining"] !== undefined) return reply;
    used++;
    const headers = {
      "x-ratelimit-limit": String(RATE_LIMIT),
      "x-ratelimit-remaining": String(RATE_LIMIT - used),
      "x-ratelimit-reset": String(RATE_LIMIT_RESET),
      "x-ratelimit-used": String(used),
      "x-ratelimit-resource": "core",
    };
    return { ...reply, headers: { ...headers, ...reply.headers } };
  };

  const server = await startProviderServer(draft, {
    check(request) {
      const authorization = request.headers.authorization ?? "";
      const token = bearerToken(authorization) ?? /^token (\S+)$/.exec(authorization)?.[1];
      if (token !== GITHUB_TOKEN) return githubError(401, token === undefined ? "Requires authentication" : "Bad credentials");
      if (request.headers["user-agent"] === undefined) {
        return githubError(403, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header.");
      }
      const version = request.headers["x-github-api-version"];
      if (version !== GITHUB_API_VERSION) return githubError(400, `API version '${String(version ?? "")}' is not supported.`);
      return undefined;
    },
    notFound: () => githubError(404, "Not Found"),
    answer: (call) => counted(answer(call)),
    restore,
  });
  baseUrl = server.url;
  return server;
}
