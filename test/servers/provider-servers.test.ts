/**
 * Every loopback server of a provider draft answers every operation of its draft in its dialect:
 * no operation falls through to a 500, and every body is JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GITHUB_API_VERSION, GITHUB_TOKEN, startGithubServer } from "./github-server.js";
import { PAYPAL_TOKEN, startPaypalServer } from "./paypal-server.js";
import { PAYSTACK_SECRET_KEY, startPaystackServer } from "./paystack-server.js";
import { loadDraft, routesOf } from "./provider-kit.js";
import type { ProviderServer } from "./provider-kit.js";
import { SLACK_TOKEN, startSlackServer } from "./slack-server.js";
import { SQUARE_TOKEN, SQUARE_VERSION, startSquareServer } from "./square-server.js";
import { TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, startTwilioServer } from "./twilio-server.js";

const PROVIDERS = [
  { name: "slack", start: startSlackServer, headers: { authorization: `Bearer ${SLACK_TOKEN}` } },
  { name: "paystack", start: startPaystackServer, headers: { authorization: `Bearer ${PAYSTACK_SECRET_KEY}` } },
  { name: "square", start: startSquareServer, headers: { authorization: `Bearer ${SQUARE_TOKEN}`, "square-version": SQUARE_VERSION } },
  { name: "twilio", start: startTwilioServer, headers: { authorization: `Basic ${Buffer.from(`${TWILIO_ACCOUNT_SID}:${TWILIO_AUTH_TOKEN}`).toString("base64")}` } },
  { name: "paypal", start: startPaypalServer, headers: { authorization: `Bearer ${PAYPAL_TOKEN}` } },
  { name: "github", start: startGithubServer, headers: { authorization: `Bearer ${GITHUB_TOKEN}`, "x-github-api-version": GITHUB_API_VERSION } },
] as const;

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const servers = new Map<string, ProviderServer>();
beforeAll(async () => {
  for (const provider of PROVIDERS) servers.set(provider.name, await provider.start());
});
afterAll(async () => {
  for (const server of servers.values()) await server.close();
});

describe("provider loopback servers", () => {
  it.each(PROVIDERS)("$name answers every operation of its draft", async ({ name, headers }) => {
    const draft = loadDraft(name);
    const base = typeof draft["basePath"] === "string" ? draft["basePath"] : "";
    const server = servers.get(name);
    const answered: { operationId: string; status: number; json: boolean }[] = [];
    for (const route of routesOf(draft)) {
      const path = route.template.replace(/\{[^}]+\}/g, "unknown-id");
      const body = route.method === "GET" || route.method === "DELETE" ? undefined : "{}";
      const response = await fetch(`${server?.url}${base}${path}`, { method: route.method, headers: { ...headers, "content-type": "application/json" }, ...(body === undefined ? {} : { body }) });
      const text = await response.text();
      answered.push({ operationId: route.operationId, status: response.status, json: text === "" || isJson(text) });
    }
    expect(answered.filter((entry) => entry.status >= 500 || !entry.json)).toEqual([]);
    expect(answered.length).toBe(routesOf(draft).length);
    expect(server?.calls.map((call) => call.operationId)).toEqual(routesOf(draft).map((route) => route.operationId));
  });
});
