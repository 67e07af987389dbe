/**
 * Behaviour of the generated Twilio Verify client (generated/twilio/dist, from specs/twilio.yaml,
 * Twilio's own OpenAPI document with `x-conventions`) against a loopback server that speaks
 * Twilio's dialect (test/servers/twilio-server.ts): Basic auth from the Account SID and Auth Token,
 * form-encoded PascalCase bodies, bare snake_case resources, `{code, message, more_info, status}`
 * errors as a class per code, `meta.next_page_url` paging and 429s with `Retry-After`.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  RateLimitError,
  TwilioAuthenticateError,
  TwilioError,
  TwilioInvalidParameterError,
  TwilioInvalidVerifyParameterError,
  TwilioMaxCheckAttemptsError,
  TwilioMaxSendAttemptsError,
  TwilioNotFoundError,
  TwilioTooManyRequestsError,
  TwilioVerify,
} from "../../generated/twilio/dist/index.js";
import type { TwilioVerifyOptions, VerifyV2Service } from "../../generated/twilio/dist/index.js";
import { rejection } from "../helpers/rejection.js";
import type { ProviderServer } from "../servers/provider-kit.js";
import { APPROVING_CODE, SERVICES, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, rateLimited, startTwilioServer, twilioError } from "../servers/twilio-server.js";

let server: ProviderServer;
beforeAll(async () => {
  server = await startTwilioServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const client = (options: Partial<TwilioVerifyOptions> = {}): TwilioVerify =>
  new TwilioVerify({ accountSid: TWILIO_ACCOUNT_SID, authToken: TWILIO_AUTH_TOKEN, baseUrl: server.url, ...options });

const SERVICE = String(SERVICES[0]?.["sid"]);
const form = (index = 0): Record<string, string> => Object.fromEntries(new URLSearchParams(server.requests[index]?.body));

describe("Twilio Verify: resources, auth and form-encoded PascalCase bodies", () => {
  it("fetchService resolves to the bare resource, typed, sent with Basic AccountSid:AuthToken", async () => {
    const got = await client().services.get(SERVICE);
    expect(got).toEqual(SERVICES[0]);
    expectTypeOf(got).toEqualTypeOf<VerifyV2Service>();
    const expected = `Basic ${Buffer.from(`${TWILIO_ACCOUNT_SID}:${TWILIO_AUTH_TOKEN}`).toString("base64")}`;
    expect({ authorization: server.requests[0]?.headers.authorization, path: server.requests[0]?.path }).toEqual({ authorization: expected, path: `/v2/Services/${SERVICE}` });
  });

  it("createService and createVerification send PascalCase form fields and resolve to the 201 resource", async () => {
    const created = await client().services.create({ FriendlyName: "My Verify", CodeLength: 6 });
    expect(created.friendly_name).toBe("My Verify");
    expect(server.requests[0]?.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(form(0)).toEqual({ FriendlyName: "My Verify", CodeLength: "6" });
    const verification = await client().verifications.create(SERVICE, { To: "+15017122661", Channel: "sms" });
    expect({ to: verification.to, channel: verification.channel, status: verification.status }).toEqual({ to: "+15017122661", channel: "sms", status: "pending" });
    expect(form(1)).toEqual({ To: "+15017122661", Channel: "sms" });
  });

  it.each([
    { given: "the approving code", code: APPROVING_CODE, want: { status: "approved", valid: true } },
    { given: "a wrong code", code: "000000", want: { status: "pending", valid: false } },
  ])("a verification check with $given resolves (a wrong code is no error): $want", async ({ code, want }) => {
    await client().verifications.create(SERVICE, { To: "+15017122661", Channel: "sms" });
    const check = await client().verificationChecks.create(SERVICE, { To: "+15017122661", Code: code });
    expect({ status: check.status, valid: check.valid }).toEqual(want);
  });

  it("updateService is a POST; delete resolves to nothing on 204, after which fetchService is a 20404", async () => {
    const updated = await client().services.update(SERVICE, { FriendlyName: "Renamed" });
    expect(updated.friendly_name).toBe("Renamed");
    expect(server.requests[0]?.method).toBe("POST");
    await expect(client().services.delete(SERVICE)).resolves.toBeUndefined();
    expect(await rejection(client().services.get(SERVICE))).toBeInstanceOf(TwilioNotFoundError);
  });
});

describe("Twilio Verify: `{code, message, more_info, status}` errors by code", () => {
  it.each([
    { given: "an unknown service", call: (t: TwilioVerify) => t.services.get("VA00000000000000000000000000000404"), want: { cls: TwilioNotFoundError, base: NotFoundError, status: 404, code: 20404 } },
    { given: "a verification without To", call: (t: TwilioVerify) => t.verifications.create(SERVICE, { Channel: "sms" } as { To: string; Channel: string }), want: { cls: TwilioInvalidParameterError, base: BadRequestError, status: 400, code: 20001 } },
    { given: "an unknown channel", call: (t: TwilioVerify) => t.verifications.create(SERVICE, { To: "+15017122661", Channel: "pigeon" }), want: { cls: TwilioInvalidVerifyParameterError, base: BadRequestError, status: 400, code: 60200 } },
    { given: "a wrong Auth Token", call: () => client({ authToken: "wrong" }).services.get(SERVICE), want: { cls: TwilioAuthenticateError, base: AuthenticationError, status: 401, code: 20003 } },
  ])("$given → $want.code", async ({ call, want }) => {
    const error = await rejection(call(client()));
    expect(error).toBeInstanceOf(want.cls);
    expect(error).toBeInstanceOf(want.base);
    expect(error).toBeInstanceOf(TwilioError);
    expect(error).toMatchObject({ status: want.status, code: want.code, details: `https://www.twilio.com/docs/errors/${want.code}` });
    expect((error as Error).message).toContain((error as { body: { message: string } }).body.message);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    { given: "60203 (max send attempts)", code: 60203, message: "Max send attempts reached", cls: TwilioMaxSendAttemptsError },
    { given: "60202 (max check attempts)", code: 60202, message: "Max check attempts reached", cls: TwilioMaxCheckAttemptsError },
  ])("$given under a 429 is never retried, though a 429 is: one request, retryable false", async ({ code, message, cls }) => {
    server.queue("CreateVerification", twilioError(429, code, message), twilioError(429, code, message), twilioError(429, code, message));
    const error = await rejection(client().verifications.create(SERVICE, { To: "+15017122661", Channel: "sms" }));
    expect(error).toBeInstanceOf(cls);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code, retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it("60203 (max send attempts) under a 429 is its own class, a RateLimitError", async () => {
    server.queue("CreateVerification", twilioError(429, 60203, "Max send attempts reached"));
    const error = await rejection(client({ maxRetries: 0 }).verifications.create(SERVICE, { To: "+15017122661", Channel: "sms" }));
    expect(error).toBeInstanceOf(TwilioMaxSendAttemptsError);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 60203, message: expect.stringContaining("Max send attempts reached") });
    expect(server.requests).toHaveLength(1);
  });
});

describe("Twilio Verify: paging through meta.next_page_url", () => {
  it.each([
    { given: "services.list, PageSize 2", list: (t: TwilioVerify) => t.services.list({ PageSize: 2 }), want: { sids: SERVICES.map((s) => s["sid"]), requests: 3 } },
    { given: "services.list, PageSize 5 (one full page, then none)", list: (t: TwilioVerify) => t.services.list({ PageSize: 5 }), want: { sids: SERVICES.map((s) => s["sid"]), requests: 1 } },
    { given: "entities.list, PageSize 2", list: (t: TwilioVerify) => t.entities.list(SERVICE, { PageSize: 2 }), want: { sids: [1, 2, 3].map((i) => `YE${String(i).padStart(32, "0")}`), requests: 2 } },
  ])("$given walks every item and stops on a null next_page_url", async ({ list, want }) => {
    const seen: unknown[] = [];
    for await (const item of list(client()) as AsyncIterable<{ sid?: string | null }>) seen.push(item.sid);
    expect(seen).toEqual(want.sids);
    expect(server.requests).toHaveLength(want.requests);
    // Each later request is the URL the previous page named: PageSize, Page and PageToken as given.
    const queries = server.requests.slice(1).map((r) => new URL(r.url, server.url).searchParams);
    expect(queries.every((q) => q.get("PageToken")?.startsWith("PA") === true && q.get("Page") !== null)).toBe(true);
  });

  it("a page's data is the whole response: meta typed as the document declares it", async () => {
    const first = await client().services.list({ PageSize: 4 });
    expect({ items: first.items.length, key: first.data.meta?.key, page: first.data.meta?.page, hasNextPage: first.hasNextPage }).toEqual({ items: 4, key: "services", page: 0, hasNextPage: true });
    const last = await first.nextPage();
    expect({ items: last?.items.length, next: last?.data.meta?.next_page_url, hasNextPage: last?.hasNextPage }).toEqual({ items: 1, next: null, hasNextPage: false });
  });
});

describe("Twilio Verify: rate limits", () => {
  it("a 429 (20429) with Retry-After: 1 on CreateVerification is retried after a second, and resolves", async () => {
    server.queue("CreateVerification", rateLimited(1));
    const started = Date.now();
    const verification = await client().verifications.create(SERVICE, { To: "+15017122661", Channel: "sms" });
    expect(verification.status).toBe("pending");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(server.requests).toHaveLength(2);
  });

  it("a 429 asking for longer than maxRetryWait rejects as TwilioTooManyRequestsError with retryAfter", async () => {
    server.queue("ListService", rateLimited(120));
    const error = await rejection(client().services.list());
    expect(error).toBeInstanceOf(TwilioTooManyRequestsError);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 20429, retryAfter: 120, message: expect.stringContaining("Too many requests") });
    expect(server.requests).toHaveLength(1);
  });
});
