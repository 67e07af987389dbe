/** The Twilio loopback server speaks Twilio's dialect: plain fetch in, status/body/headers out. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProviderServer } from "./provider-kit.js";
import { APPROVING_CODE, SERVICES, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, rateLimited, startTwilioServer, twilioExamples } from "./twilio-server.js";

let twilio: ProviderServer;
beforeAll(async () => {
  twilio = await startTwilioServer();
});
beforeEach(() => twilio.reset());
afterAll(() => twilio.close());

const auth = { authorization: `Basic ${Buffer.from(`${TWILIO_ACCOUNT_SID}:${TWILIO_AUTH_TOKEN}`).toString("base64")}` };
const form = { ...auth, "content-type": "application/x-www-form-urlencoded" };

async function call(method: string, url: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(url.startsWith("http") ? url : `${twilio.url}${url}`, { method, headers: auth, ...init });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text === "" ? undefined : JSON.parse(text)) as Record<string, unknown> };
}
const service = String(SERVICES[0]?.["sid"]);

describe("Twilio loopback server", () => {
  it.each([
    { given: "no credentials", headers: {} },
    { given: "the token as a bearer", headers: { authorization: `Bearer ${TWILIO_AUTH_TOKEN}` } },
  ])("refuses $given with 401 and error 20003", async ({ headers }) => {
    const got = await call("GET", "/v2/Services", { headers });
    expect({ status: got.status, body: got.body }).toEqual({ status: 401, body: { code: 20003, message: "Authenticate", more_info: "https://www.twilio.com/docs/errors/20003", status: 401 } });
  });

  it("pages services by following meta.next_page_url to null", async () => {
    const sids: unknown[] = [];
    const keys: unknown[] = [];
    let next: string | null = "/v2/Services?PageSize=2";
    while (next !== null) {
      const got = await call("GET", next);
      const meta = got.body["meta"] as { next_page_url: string | null; key: string };
      keys.push(meta.key);
      sids.push(...(got.body[meta.key] as { sid: string }[]).map((s) => s.sid));
      next = meta.next_page_url;
    }
    expect(sids).toEqual(SERVICES.map((s) => s["sid"]));
    expect(keys).toEqual(["services", "services", "services"]);
    expect(twilio.requests.map((r) => r.query.get("PageToken") !== null)).toEqual([false, true, true]);
  });

  it.each([
    { given: "To=%2B15017122661&Channel=sms", want: { status: 201, body: { status: "pending", channel: "sms" } } },
    { given: "To=%2B15017122661", want: { status: 400, body: { code: 20001, message: "Missing required parameter Channel in the post body" } } },
    { given: "To=%2B15017122661&Channel=pigeon", want: { status: 400, body: { code: 60200, status: 400 } } },
  ])("creates a verification from the form $given", async ({ given, want }) => {
    const got = await call("POST", `/v2/Services/${service}/Verifications`, { headers: form, body: given });
    expect(got.status).toBe(want.status);
    expect(got.body).toMatchObject(want.body);
  });

  it("refuses a JSON body as Twilio would (the form fields are missing)", async () => {
    const got = await call("POST", "/v2/Services", { headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ FriendlyName: "x" }) });
    expect({ status: got.status, code: got.body["code"] }).toEqual({ status: 400, code: 20001 });
  });

  it.each([
    { given: "the wrong code", code: "000000", want: { status: 200, body: { status: "pending", valid: false } } },
    { given: "the right code", code: APPROVING_CODE, want: { status: 200, body: { status: "approved", valid: true } } },
  ])("answers a check with $given under HTTP 200", async ({ code, want }) => {
    await call("POST", `/v2/Services/${service}/Verifications`, { headers: form, body: "To=%2B15550001111&Channel=sms" });
    const got = await call("POST", `/v2/Services/${service}/VerificationCheck`, { headers: form, body: `To=%2B15550001111&Code=${code}` });
    expect(got.status).toBe(want.status);
    expect(got.body).toMatchObject(want.body);
  });

  it("answers an unknown sid with 20404 and DeleteService with 204", async () => {
    const missing = await call("GET", "/v2/Services/VAnope");
    expect({ status: missing.status, code: missing.body["code"] }).toEqual({ status: 404, code: 20404 });
    const created = await call("POST", "/v2/Services", { headers: form, body: "FriendlyName=Mine" });
    const sid = String(created.body["sid"]);
    expect((await call("DELETE", `/v2/Services/${sid}`)).status).toBe(204);
    expect((await call("GET", `/v2/Services/${sid}`)).status).toBe(404);
  });

  it("answers a queued 429 with the draft's 20429 example and Retry-After", async () => {
    twilio.queue("CreateVerification", rateLimited(1));
    const got = await call("POST", `/v2/Services/${service}/Verifications`, { headers: form, body: "To=%2B1&Channel=sms" });
    expect({ status: got.status, retryAfter: got.headers.get("retry-after"), body: got.body }).toEqual({ status: 429, retryAfter: "1", body: twilioExamples.tooManyRequests });
  });
});
