/**
 * The Slack loopback server speaks Slack's dialect before any client is pointed at it: plain
 * fetch in, status/body/headers out.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CHANNELS, SLACK_TOKEN, rateLimited, slackExamples, startSlackServer } from "./slack-server.js";
import type { SlackServer } from "./slack-server.js";

let slack: SlackServer;
beforeAll(async () => {
  slack = await startSlackServer();
});
beforeEach(() => slack.reset());
afterAll(() => slack.close());

const auth = { authorization: `Bearer ${SLACK_TOKEN}` };
const form = { ...auth, "content-type": "application/x-www-form-urlencoded" };

async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(`${slack.url}/api${path}`, { method, ...init });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe("Slack loopback server", () => {
  it.each([
    { given: "no token", headers: {}, want: { status: 200, body: { ok: false, error: "not_authed" } } },
    { given: "a wrong token", headers: { authorization: "Bearer xoxb-wrong" }, want: { status: 200, body: { ok: false, error: "invalid_auth" } } },
    { given: "the token", headers: auth, want: { status: 200, body: { ...slackExamples.authTest, ok: true } } },
  ])("auth.test with $given → $want.body", async ({ headers, want }) => {
    const got = await call("GET", "/auth.test", { headers });
    expect({ status: got.status, body: got.body }).toEqual(want);
  });

  it.each([
    { given: "channel=C000000001&text=hi", want: { ok: true, channel: "C000000001", text: "hi" } },
    { given: "channel=C404&text=hi", want: { ok: false, error: "channel_not_found" } },
    { given: "channel=C000000001", want: { ok: false, error: "no_text" } },
  ])("chat.postMessage (form-encoded) $given → HTTP 200 $want", async ({ given, want }) => {
    const got = await call("POST", "/chat.postMessage", { headers: form, body: given });
    expect(got.status).toBe(200);
    const message = got.body["message"] as { text?: string } | undefined;
    expect({ ok: got.body["ok"], ...(got.body["ok"] === true ? { channel: got.body["channel"], text: message?.text } : { error: got.body["error"] }) }).toEqual(want);
  });

  it("chat.postMessage also takes JSON", async () => {
    const got = await call("POST", "/chat.postMessage", { headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ channel: "C000000002", text: "json" }) });
    expect(got.body["ok"]).toBe(true);
  });

  it("pages conversations.list to the end through response_metadata.next_cursor", async () => {
    const ids: unknown[] = [];
    const cursors: string[] = [];
    let cursor = "";
    do {
      const got = await call("GET", `/conversations.list?limit=2${cursor === "" ? "" : `&cursor=${encodeURIComponent(cursor)}`}`, { headers: auth });
      ids.push(...(got.body["channels"] as { id: string }[]).map((c) => c.id));
      cursor = (got.body["response_metadata"] as { next_cursor: string }).next_cursor;
      cursors.push(cursor);
    } while (cursor !== "");
    expect(ids).toEqual(CHANNELS.map((c) => c["id"]));
    expect(cursors.length).toBe(3);
    expect(cursors.at(-1)).toBe("");
  });

  it("says has_more on conversations.history, and refuses a bad cursor with ok:false", async () => {
    const first = await call("GET", "/conversations.history?channel=C000000001&limit=4", { headers: auth });
    expect(first.body["has_more"]).toBe(true);
    const last = await call("GET", `/conversations.history?channel=C000000001&limit=4&cursor=${(first.body["response_metadata"] as { next_cursor: string }).next_cursor}`, { headers: auth });
    expect({ has_more: last.body["has_more"], n: (last.body["messages"] as unknown[]).length }).toEqual({ has_more: false, n: 1 });
    const bad = await call("GET", "/users.list?cursor=bm9wZQ==", { headers: auth });
    expect(bad.body).toEqual({ ok: false, error: "invalid_cursor" });
  });

  it("answers a queued 429 with Retry-After, then normally", async () => {
    slack.queue("users_list", rateLimited(3));
    const limited = await call("GET", "/users.list", { headers: auth });
    expect({ status: limited.status, retryAfter: limited.headers.get("retry-after"), body: limited.body }).toEqual({ status: 429, retryAfter: "3", body: { ok: false, error: "ratelimited" } });
    expect((await call("GET", "/users.list", { headers: auth })).body["ok"]).toBe(true);
  });

  it("reports name_taken, already_reacted and an unknown method", async () => {
    expect((await call("POST", "/conversations.create", { headers: form, body: "name=general" })).body).toEqual({ ok: false, error: "name_taken" });
    const created = await call("POST", "/conversations.create", { headers: form, body: "name=fresh" });
    const id = (created.body["channel"] as { id: string }).id;
    expect(slack.channels.has(id)).toBe(true);
    const ts = String(slackExamples.deleted["ts"]);
    const react = () => call("POST", "/reactions.add", { headers: form, body: `channel=${id}&timestamp=${ts}&name=tada` });
    expect((await react()).body).toEqual({ ok: true });
    expect((await react()).body).toEqual({ ok: false, error: "already_reacted" });
    const unknown = await call("GET", "/nope.never", { headers: auth });
    expect({ status: unknown.status, body: unknown.body }).toEqual({ status: 404, body: { ok: false, error: "unknown_method" } });
  });
});
