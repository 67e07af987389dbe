/**
 * Behaviour of the generated Slack client (generated/slack/dist, from specs/slack.yaml, Slack's own
 * Swagger 2.0 document with `x-conventions`) against a loopback server that speaks Slack's Web API
 * dialect (test/servers/slack-server.ts): `Authorization: Bearer`, form-encoded bodies, `ok: true`
 * bodies returned whole, `{ok: false, error}` under HTTP 200 thrown as typed errors by code,
 * `response_metadata.next_cursor` paging and 429s with `Retry-After`.
 */

import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { parse } from "yaml";
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  RateLimitError,
  Slack,
  SlackAlreadyReactedError,
  SlackChannelNotFoundError,
  SlackError,
  SlackInvalidAuthError,
  SlackInvalidCursorError,
  SlackMessageNotFoundError,
  SlackNameTakenError,
  SlackNoTextError,
  SlackTokenRevokedError,
  SlackRateLimitedError,
  SlackUserNotFoundError,
} from "../../generated/slack/dist/index.js";
import type { ObjsUser, SlackOptions } from "../../generated/slack/dist/index.js";
import { rejection } from "../helpers/rejection.js";
import { CHANNELS, MEMBERS, SLACK_TOKEN, rateLimited, slackError, slackExamples, startSlackServer } from "../servers/slack-server.js";
import type { SlackServer } from "../servers/slack-server.js";

let server: SlackServer;
beforeAll(async () => {
  server = await startSlackServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

/** The server speaks at `/api`, as Slack's `basePath` says. */
const client = (options: Partial<SlackOptions> = {}): Slack => new Slack({ token: SLACK_TOKEN, baseUrl: `${server.url}/api`, ...options });

const deletedTs = String(slackExamples.deleted["ts"]);

describe("specs/slack.yaml", () => {
  it("stays Swagger 2.0, Slack's document with its 11 chosen operations, and generates one method each", () => {
    const spec = parse(readFileSync(new URL("../../specs/slack.yaml", import.meta.url), "utf8")) as { swagger: string; host: string; basePath: string; paths: Record<string, Record<string, { operationId: string }>> };
    const operations = Object.values(spec.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect({ swagger: spec.swagger, host: spec.host, basePath: spec.basePath }).toEqual({ swagger: "2.0", host: "slack.com", basePath: "/api" });
    expect(operations).toEqual(["auth_test", "chat_delete", "chat_postMessage", "chat_update", "conversations_create", "conversations_history", "conversations_info", "conversations_list", "reactions_add", "users_info", "users_list"]);
    const methods = (resource: object) => Object.getOwnPropertyNames(Object.getPrototypeOf(resource)).filter((name) => name !== "constructor");
    const slack = client();
    expect([slack.auth, slack.chat, slack.conversations, slack.reactions, slack.users].flatMap(methods).length).toBe(operations.length);
  });
});

describe("Slack: success bodies, auth and encodings", () => {
  it("auth.test resolves to the whole `ok: true` body, typed, sent with Authorization: Bearer and no token parameter", async () => {
    const got = await client().auth.test();
    expect(got).toEqual({ ...slackExamples.authTest, ok: true });
    expectTypeOf(got.team_id).toEqualTypeOf<string>();
    const request = server.requests[0];
    expect({ authorization: request?.headers.authorization, token: request?.headers["token"], path: request?.path }).toEqual({
      authorization: `Bearer ${SLACK_TOKEN}`,
      token: undefined,
      path: "/api/auth.test",
    });
  });

  it("a GET method takes its arguments in the query, without a token parameter", async () => {
    const got = await client().users.info({ user: "U000000002" });
    expect(got.user.id).toBe("U000000002");
    expectTypeOf(got.user).toEqualTypeOf<ObjsUser>();
    expect(server.requests[0]?.url).toBe("/api/users.info?user=U000000002");
  });

  it("chat.postMessage sends its body form-encoded and resolves to the posted message", async () => {
    const got = await client().chat.postMessage({ channel: "C000000001", text: "Hello & welcome", unfurl_links: false });
    expect({ ok: got.ok, channel: got.channel, text: got.message.text }).toEqual({ ok: true, channel: "C000000001", text: "Hello & welcome" });
    const request = server.requests[0];
    expect(request?.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({ channel: "C000000001", text: "Hello & welcome", unfurl_links: "false" });
  });

  it("conversations.create then reactions.add: a created channel is usable, `{ok: true}` alone resolves", async () => {
    const created = await client().conversations.create({ name: "launch" });
    expect("name" in created.channel ? created.channel.name : undefined).toBe("launch");
    await expect(client().reactions.add({ channel: created.channel.id, name: "tada", timestamp: deletedTs })).resolves.toEqual({ ok: true });
  });
});

describe("Slack: `{ok: false, error}` under HTTP 200 is a typed error by its code", () => {
  it.each([
    { given: "conversations.info of an unknown channel", call: (s: Slack) => s.conversations.info({ channel: "C404" }), want: { cls: SlackChannelNotFoundError, status: NotFoundError, code: "channel_not_found" } },
    { given: "users.info of an unknown user", call: (s: Slack) => s.users.info({ user: "U404" }), want: { cls: SlackUserNotFoundError, status: NotFoundError, code: "user_not_found" } },
    { given: "chat.postMessage without text", call: (s: Slack) => s.chat.postMessage({ channel: "C000000001" }), want: { cls: SlackNoTextError, status: SlackError, code: "no_text" } },
    { given: "chat.update of an unknown message", call: (s: Slack) => s.chat.update({ channel: "C000000001", ts: "1111111111.000001", text: "x" }), want: { cls: SlackMessageNotFoundError, status: NotFoundError, code: "message_not_found" } },
    { given: "conversations.create of a taken name", call: (s: Slack) => s.conversations.create({ name: String(CHANNELS[0]?.["name"]) }), want: { cls: SlackNameTakenError, status: ConflictError, code: "name_taken" } },
    { given: "users.list with a cursor it never gave", call: (s: Slack) => s.users.list({ cursor: "bm9wZQ==" }), want: { cls: SlackInvalidCursorError, status: SlackError, code: "invalid_cursor" } },
    { given: "a wrong token", call: (s: Slack) => new Slack({ token: "xoxb-wrong", baseUrl: `${server.url}/api` }).auth.test(), want: { cls: SlackInvalidAuthError, status: AuthenticationError, code: "invalid_auth" } },
    { given: "a revoked token", call: (s: Slack) => (server.queue("auth_test", slackError("token_revoked")), s.auth.test()), want: { cls: SlackTokenRevokedError, status: AuthenticationError, code: "token_revoked" } },
  ])("$given → $want.code", async ({ call, want }) => {
    const error = await rejection(call(client()));
    expect(error).toBeInstanceOf(want.cls);
    expect(error).toBeInstanceOf(want.status);
    expect(error).toMatchObject({ status: 200, code: want.code, body: { ok: false, error: want.code } });
    expect(server.requests).toHaveLength(1); // a business error is not retried
  });

  it("an empty token is refused before anything is sent", () => {
    expect(() => new Slack({ token: "", baseUrl: `${server.url}/api` })).toThrow(/token is required/);
    expect(server.requests).toEqual([]);
  });

  it("a second reaction is already_reacted, a conflict", async () => {
    const add = () => client().reactions.add({ channel: "C000000001", name: "tada", timestamp: deletedTs });
    await add();
    const error = await rejection(add());
    expect(error).toBeInstanceOf(SlackAlreadyReactedError);
    expect(error).toBeInstanceOf(ConflictError);
  });
});

describe("Slack: cursor paging through response_metadata.next_cursor", () => {
  it.each([
    { given: "conversations.list, 2 a page", list: (s: Slack) => s.conversations.list({ limit: 2 }), want: { ids: CHANNELS.map((c) => c["id"]), requests: 3 } },
    { given: "users.list, 2 a page", list: (s: Slack) => s.users.list({ limit: 2 }), want: { ids: MEMBERS.map((m) => m["id"]), requests: 2 } },
    { given: "conversations.history, 2 a page (has_more too)", list: (s: Slack) => s.conversations.history({ channel: "C000000001", limit: 2 }), want: { ids: ["1512085950.000001", "1512085950.000002", "1512085950.000003", "1512085950.000004", "1512085950.000005"], requests: 3 } },
  ])("$given walks every item, stopping on the empty cursor", async ({ list, want }) => {
    const seen: unknown[] = [];
    for await (const item of list(client()) as AsyncIterable<Record<string, unknown>>) seen.push(item["id"] ?? item["ts"]);
    expect(seen).toEqual(want.ids);
    expect(server.requests).toHaveLength(want.requests);
    const cursors = server.requests.map((r) => new URL(r.url, server.url).searchParams.get("cursor"));
    expect(cursors[0]).toBeNull();
    expect(cursors.slice(1).every((c) => c !== null && c !== "")).toBe(true);
  });

  it("each page's data is the whole response, typed: the cursor the next request sends", async () => {
    const first = await client().conversations.list({ limit: 4 });
    expect(first.items.map((c) => c.id)).toEqual(CHANNELS.slice(0, 4).map((c) => c["id"]));
    const cursor = first.data.response_metadata?.next_cursor;
    expectTypeOf(cursor).toEqualTypeOf<string | undefined>();
    expect(first.hasNextPage).toBe(true);
    const last = await first.nextPage();
    expect({ items: last?.items.length, hasNextPage: last?.hasNextPage, sent: new URL(server.requests[1]?.url ?? "", server.url).searchParams.get("cursor") }).toEqual({ items: 1, hasNextPage: false, sent: cursor });
  });
});

describe("Slack: rate limits", () => {
  it("a 429 with Retry-After: 1 is retried after a second, on a POST too", async () => {
    server.queue("chat_postMessage", rateLimited(1));
    const started = Date.now();
    const got = await client().chat.postMessage({ channel: "C000000001", text: "again" });
    expect(got.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(server.requests).toHaveLength(2);
  });

  it("a 429 asking for longer than maxRetryWait rejects as SlackRateLimitedError with retryAfter", async () => {
    server.queue("users_list", rateLimited(120));
    const error = await rejection(client().users.list());
    expect(error).toBeInstanceOf(SlackRateLimitedError);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: "ratelimited", retryAfter: 120 });
    expect(server.requests).toHaveLength(1);
  });
});
