/**
 * A loopback server that speaks Slack's Web API dialect, from specs/slack.yaml (once the draft
 * test/fixtures/provider-drafts/slack.yaml; Swagger 2.0, `basePath: /api`, so the client's base URL
 * is `${server.url}/api`):
 *
 * - RPC paths (`/api/conversations.list`); GET methods read the query, POST methods read an
 *   `application/x-www-form-urlencoded` or JSON body;
 * - every call needs `Authorization: Bearer <token>` (or a `token` field, as Slack also accepts);
 *   none is `{ok:false, error:"not_authed"}`, a wrong one `{ok:false, error:"invalid_auth"}`;
 * - success bodies are the draft's examples with `ok: true`; business errors are
 *   `{ok:false, error:"<code>"}` **under HTTP 200** (Slack's behaviour; the document only declares
 *   them as `default`), with the codes the draft's `default` examples use (`channel_not_found`,
 *   `name_taken`, `message_not_found`, `user_not_found`, `already_reacted`, `invalid_cursor`);
 * - cursor paging: `cursor` + `limit` in, `response_metadata.next_cursor` out, `""` on the last
 *   page (conversations.list, users.list, conversations.history, which also says `has_more`);
 * - a 429 (`rateLimited`) carries `Retry-After` in seconds, as Slack's do.
 */

import type { RecordedRequest } from "../helpers/server.js";
import { bearerToken, bodyFields, dig, loadDraft, numbered, pageOf, refill, startProviderServer } from "./provider-kit.js";
import type { Call, JsonObject, ProviderServer, Reply } from "./provider-kit.js";

export const SLACK_TOKEN = "xoxb-1234-5678-loopback";

const draft = loadDraft("slack");
/** The example a Slack method's response `key` shows (each path has one method). */
function example(path: string, key: "200" | "default"): JsonObject {
  const item = dig(draft, "paths", path) as JsonObject;
  const [method = ""] = Object.keys(item);
  return dig(item, method, "responses", key, "examples", "application/json") as JsonObject;
}

/** The draft's examples, as the server answers them. */
export const slackExamples = {
  authTest: example("/auth.test", "200"),
  channel: (example("/conversations.list", "200")["channels"] as JsonObject[])[0] as JsonObject,
  created: example("/conversations.create", "200"),
  info: example("/conversations.info", "200"),
  history: example("/conversations.history", "200"),
  posted: example("/chat.postMessage", "200"),
  updated: example("/chat.update", "200"),
  deleted: example("/chat.delete", "200"),
  member: (example("/users.list", "200")["members"] as JsonObject[])[0] as JsonObject,
  user: example("/users.info", "200"),
};

/** 5 channels, 3 members and 5 messages, each with its own id, for paging to the end. */
export const CHANNELS = numbered(slackExamples.channel, 5, "id", (i) => `C00000000${i + 1}`);
export const MEMBERS = numbered(slackExamples.member, 3, "id", (i) => `U00000000${i + 1}`);
const MESSAGES = numbered((slackExamples.history["messages"] as JsonObject[])[0], 5, "ts", (i) => `1512085950.00000${i + 1}`);

/** `{ok:false, error}` under HTTP 200: how Slack reports a failed call. */
export const slackError = (error: string): Reply => ({ status: 200, body: { ok: false, error } });

/** Slack's 429: `Retry-After` in seconds and an `ok:false` body. */
export const rateLimited = (seconds: number): Reply => ({ status: 429, headers: { "retry-after": String(seconds) }, body: { ok: false, error: "ratelimited" } });

const encodeCursor = (kind: string, index: number): string => Buffer.from(`${kind}:${index}`).toString("base64");
function decodeCursor(kind: string, cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === "") return 0;
  const match = new RegExp(`^${kind}:(\\d+)$`).exec(Buffer.from(cursor, "base64").toString("utf8"));
  return match === null ? undefined : Number(match[1]);
}

export interface SlackServer extends ProviderServer {
  /** Channel ids the server knows (ids from conversations.create are added). */
  readonly channels: Set<string>;
}

export async function startSlackServer(): Promise<SlackServer> {
  const channels = new Set<string>();
  const names = new Set<string>();
  const messages = new Set<string>();
  const reactions = new Set<string>();
  const restore = (): void => {
    refill(channels, [...CHANNELS.map((c) => String(c["id"])), String((slackExamples.info["channel"] as JsonObject)["id"])]);
    refill(names, CHANNELS.map((c) => String(c["name"])));
    refill(messages, [String(slackExamples.deleted["ts"]), ...MESSAGES.map((m) => String(m["ts"]))]);
    refill(reactions);
  };

  const fields = (request: RecordedRequest): Record<string, string> => {
    const out: Record<string, string> = Object.fromEntries(request.query);
    for (const [key, value] of Object.entries(bodyFields(request) ?? {})) out[key] = typeof value === "string" ? value : JSON.stringify(value);
    return out;
  };

  const page = (kind: string, items: readonly JsonObject[], args: Record<string, string>, key: string): Reply => {
    const start = decodeCursor(kind, args["cursor"]);
    if (start === undefined) return slackError("invalid_cursor");
    const { page: slice, more } = pageOf(items, start, Number(args["limit"] ?? 100));
    return { status: 200, body: { ok: true, [key]: slice, response_metadata: { next_cursor: more ? encodeCursor(kind, start + slice.length) : "" } } };
  };

  const answer = ({ operationId, request }: Call): Reply => {
    const args = fields(request);
    const ok = (body: JsonObject): Reply => ({ status: 200, body: { ...body, ok: true } });
    switch (operationId) {
      case "auth_test":
        return ok(slackExamples.authTest);
      case "conversations_list":
        return page("channel", CHANNELS, args, "channels");
      case "users_list":
        return page("user", MEMBERS, args, "members");
      case "conversations_history": {
        if (!channels.has(args["channel"] ?? "")) return slackError("channel_not_found");
        const reply = page("message", MESSAGES, args, "messages");
        const body = reply.body as JsonObject;
        if (body["ok"] !== true) return reply;
        const next = (body["response_metadata"] as { next_cursor: string }).next_cursor;
        return ok({ ...body, has_more: next !== "", pin_count: 0 });
      }
      case "conversations_info":
        if (!channels.has(args["channel"] ?? "")) return slackError("channel_not_found");
        return ok({ ...slackExamples.info, channel: { ...(slackExamples.info["channel"] as JsonObject), id: args["channel"] } });
      case "conversations_create": {
        const name = args["name"] ?? "";
        if (name === "") return slackError("invalid_name_required");
        if (names.has(name)) return slackError("name_taken");
        names.add(name);
        const id = `C1${String(names.size).padStart(8, "0")}`;
        channels.add(id);
        return ok({ ...slackExamples.created, channel: { ...(slackExamples.created["channel"] as JsonObject), id, name, name_normalized: name } });
      }
      case "chat_postMessage": {
        if (!channels.has(args["channel"] ?? "")) return slackError("channel_not_found");
        if (args["text"] === undefined && args["blocks"] === undefined && args["attachments"] === undefined) return slackError("no_text");
        const ts = `1503435956.${String(100000 + messages.size).padStart(6, "0")}`;
        messages.add(ts);
        const message = { ...(slackExamples.posted["message"] as JsonObject), text: args["text"] ?? "", ts };
        return ok({ ...slackExamples.posted, channel: args["channel"], ts, message });
      }
      case "chat_update":
        if (!messages.has(args["ts"] ?? "")) return slackError("message_not_found");
        return ok({ ...slackExamples.updated, channel: args["channel"], ts: args["ts"], text: args["text"] ?? "" });
      case "chat_delete":
        if (!messages.delete(args["ts"] ?? "")) return slackError("message_not_found");
        return ok({ ...slackExamples.deleted, channel: args["channel"], ts: args["ts"] });
      case "users_info": {
        const member = MEMBERS.find((m) => m["id"] === args["user"]);
        return member === undefined ? slackError("user_not_found") : ok({ user: member });
      }
      case "reactions_add": {
        const key = `${args["channel"]}/${args["timestamp"]}/${args["name"]}`;
        if (!messages.has(args["timestamp"] ?? "")) return slackError("message_not_found");
        if (reactions.has(key)) return slackError("already_reacted");
        reactions.add(key);
        return ok({});
      }
      default:
        return slackError("unknown_method");
    }
  };

  const server = await startProviderServer(draft, {
    check(request) {
      const token = bearerToken(request.headers.authorization) ?? fields(request)["token"];
      if (token === undefined) return slackError("not_authed");
      if (token !== SLACK_TOKEN) return slackError("invalid_auth");
      return undefined;
    },
    // Slack answers an unknown method with HTTP 404 and the usual envelope.
    notFound: () => ({ status: 404, body: { ok: false, error: "unknown_method" } }),
    answer,
    restore,
  });
  return { ...server, channels };
}
