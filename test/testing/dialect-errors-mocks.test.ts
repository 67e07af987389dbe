/**
 * Each dialect's errors, written by its package's mock and read back by its client — through
 * `mock.fetch` and through the loopback server: a scenario's code becomes the class the client maps
 * it to (under HTTP 200 where the dialect reports failures there: JOOR's result node, Slack's
 * `ok: false`, Square's `errors`), wrong credentials the provider's 401, and a 429 is retried.
 */
import { describe, expect, it } from "vitest";
import * as github from "../../generated/github/dist/index.js";
import { createMock as githubMock } from "../../generated/github/dist/testing/index.js";
import * as joor from "../../generated/joor/dist/index.js";
import { createMock as joorMock } from "../../generated/joor/dist/testing/index.js";
import * as paypal from "../../generated/paypal/dist/index.js";
import { createMock as paypalMock } from "../../generated/paypal/dist/testing/index.js";
import * as paystack from "../../generated/paystack/dist/index.js";
import { createMock as paystackMock } from "../../generated/paystack/dist/testing/index.js";
import * as routeVersioned from "../../generated/route-versioned/dist/index.js";
import { createMock as routeVersionedMock } from "../../generated/route-versioned/dist/testing/index.js";
import * as slack from "../../generated/slack/dist/index.js";
import { createMock as slackMock } from "../../generated/slack/dist/testing/index.js";
import * as square from "../../generated/square/dist/index.js";
import { createMock as squareMock } from "../../generated/square/dist/testing/index.js";
import * as twilio from "../../generated/twilio/dist/index.js";
import { createMock as twilioMock } from "../../generated/twilio/dist/testing/index.js";
import { rejection } from "../helpers/rejection.js";
import { TRANSPORTS, type Transport, serve } from "./mock-kit.js";

/** What one package's client made of its mock's answers. */
interface Observed {
  /** The error of a call the scenario failed with a code. */
  readonly failed: unknown;
  /** The error of a call with a wrong credential. */
  readonly refused: unknown;
  /** Requests of a call rate-limited once (the 429, then the retry), and what it resolved to. */
  readonly retried: { readonly requests: number; readonly settled: boolean };
  /** The HTTP status the failure came with. */
  readonly failedStatus: number | undefined;
}

/** Runs the three scenarios for one package: `call` makes the client call, `fail` sets the failure. */
async function observe(
  transport: Transport,
  productionUrl: string,
  mock: { readonly fetch: typeof fetch; listen(): Promise<{ url: string; close(): Promise<void> }>; rateLimit(s: { times: number }): void; readonly requests: readonly unknown[]; reset(): void },
  fail: () => void,
  call: (served: { baseUrl: string; fetchOption: { fetch?: typeof fetch } }, good: boolean) => PromiseLike<unknown>,
): Promise<Observed> {
  const served = await serve(mock, transport, productionUrl);
  try {
    fail();
    const failed = await rejection(call(served, true));
    const refused = await rejection(call(served, false));
    mock.reset();
    mock.rateLimit({ times: 1 });
    const settled = await Promise.resolve(call(served, true)).then(() => true, () => false);
    return { failed, refused, retried: { requests: mock.requests.length, settled }, failedStatus: (failed as { status?: number }).status };
  } finally {
    await served.close();
  }
}

interface Case {
  readonly run: (transport: Transport) => Promise<Observed>;
  /** The class the scenario's code maps to, its code, and the status it came with. */
  readonly failedAs: abstract new (...args: never[]) => unknown;
  readonly code: string | number;
  readonly status: number;
  readonly refusedAs: abstract new (...args: never[]) => unknown;
}

const CASES: Readonly<Record<string, Case>> = {
  "JOOR: result code 001 under HTTP 200": {
    run: (t) => {
      const mock = joorMock({ credentials: { token: "joor-token" } });
      return observe(t, "https://api.jooraccess.com/v2", mock, () => mock.fail("connections.list", { status: 200, code: "001", times: 1 }), (s, good) =>
        new joor.Joor({ token: good ? "joor-token" : "stolen", baseUrl: s.baseUrl, ...s.fetchOption }).connections.list(),
      );
    },
    failedAs: joor.JoorAuthenticationError,
    code: "001",
    status: 200,
    refusedAs: joor.JoorAuthenticationError,
  },
  "Slack: ok false under HTTP 200": {
    run: (t) => {
      const mock = slackMock({ credentials: { token: "xoxb-good" } });
      return observe(t, "https://slack.com/api", mock, () => mock.fail("conversations.list", { status: 200, code: "channel_not_found", times: 1 }), (s, good) =>
        new slack.Slack({ token: good ? "xoxb-good" : "xoxb-bad", baseUrl: s.baseUrl, ...s.fetchOption }).conversations.list(),
      );
    },
    failedAs: slack.SlackChannelNotFoundError,
    code: "channel_not_found",
    status: 200,
    refusedAs: slack.AuthenticationError,
  },
  "Square: errors[] under HTTP 200": {
    run: (t) => {
      const mock = squareMock({ credentials: { accessToken: "EAAA-good" } });
      return observe(t, "https://connect.squareup.com", mock, () => mock.fail("customers.list", { status: 200, code: "NOT_FOUND", times: 1 }), (s, good) =>
        new square.Square({ accessToken: good ? "EAAA-good" : "EAAA-bad", baseUrl: s.baseUrl, ...s.fetchOption }).customers.list(),
      );
    },
    failedAs: square.SquareNotFoundError,
    code: "NOT_FOUND",
    status: 200,
    refusedAs: square.SquareUnauthorizedError,
  },
  // Twilio's document declares no error responses; 401 is the dialect's own (Basic auth).
  "Twilio: numeric code 20003 under 401": {
    run: (t) => {
      const mock = twilioMock({ credentials: { accountSid: "AC1", authToken: "good" } });
      return observe(t, "https://verify.twilio.com", mock, () => mock.fail("services.list", { status: 401, code: 20003, times: 1 }), (s, good) =>
        new twilio.TwilioVerify({ accountSid: "AC1", authToken: good ? "good" : "bad", baseUrl: s.baseUrl, ...s.fetchOption }).services.list(),
      );
    },
    failedAs: twilio.TwilioAuthenticateError,
    code: 20003,
    status: 401,
    refusedAs: twilio.TwilioAuthenticateError,
  },
  "PayPal: name RESOURCE_NOT_FOUND": {
    run: (t) => {
      const mock = paypalMock({ credentials: { accessToken: "A21-good" } });
      return observe(t, "https://api-m.paypal.com", mock, () => mock.fail("invoices.list", { status: 404, code: "RESOURCE_NOT_FOUND", times: 1 }), (s, good) =>
        new paypal.PayPal({ accessToken: good ? "A21-good" : "A21-bad", baseUrl: s.baseUrl, ...s.fetchOption }).invoices.list(),
      );
    },
    failedAs: paypal.PayPalResourceNotFoundError,
    code: "RESOURCE_NOT_FOUND",
    status: 404,
    refusedAs: paypal.PayPalAuthenticationFailureError,
  },
  "Paystack: status false, code invalid_params": {
    run: (t) => {
      const mock = paystackMock({ credentials: { secretKey: "sk_test_good" } });
      return observe(t, "https://api.paystack.co", mock, () => mock.fail("customer.list", { status: 400, code: "invalid_params", times: 1 }), (s, good) =>
        new paystack.Paystack({ secretKey: good ? "sk_test_good" : "sk_test_bad", baseUrl: s.baseUrl, ...s.fetchOption }).customer.list(),
      );
    },
    failedAs: paystack.PaystackInvalidParamsError,
    code: "invalid_params",
    status: 400,
    refusedAs: paystack.AuthenticationError,
  },
  "Route-versioned: {error: {code, message}}": {
    run: (t) => {
      const mock = routeVersionedMock({ credentials: { apiToken: "rv-good" } });
      return observe(t, "https://api.example.com", mock, () => mock.fail("v1.customers.get", { status: 404, code: "customer_not_found", times: 1 }), (s, good) =>
        new routeVersioned.RouteVersioned({ apiToken: good ? "rv-good" : "rv-bad", baseUrl: s.baseUrl, ...s.fetchOption }).v1.customers.get("cus_1"),
      );
    },
    failedAs: routeVersioned.NotFoundError,
    code: "customer_not_found",
    status: 404,
    refusedAs: routeVersioned.AuthenticationError,
  },
  "GitHub: 422 with errors[0].code already_exists": {
    run: (t) => {
      const mock = githubMock({ credentials: { token: "ghp_good" } });
      return observe(t, "https://api.github.com", mock, () => mock.fail("repos.listForAuthenticatedUser", { status: 422, code: "already_exists", times: 1 }), (s, good) =>
        new github.GitHub({ token: good ? "ghp_good" : "ghp_bad", baseUrl: s.baseUrl, ...s.fetchOption }).repos.listForAuthenticatedUser(),
      );
    },
    failedAs: github.GitHubAlreadyExistsError,
    code: "already_exists",
    status: 422,
    refusedAs: github.AuthenticationError,
  },
};

describe.each(TRANSPORTS)("each dialect's errors, from its mock (%s)", (transport) => {
  it.each(Object.keys(CASES))("%s", async (name) => {
    const given = CASES[name] as Case;
    const seen = await given.run(transport);
    expect(seen.failed).toBeInstanceOf(given.failedAs);
    expect(seen.failed).toMatchObject({ code: given.code });
    expect(seen.failedStatus).toBe(given.status);
    expect(seen.refused).toBeInstanceOf(given.refusedAs);
    expect(seen.refused).toMatchObject({ status: 401 });
    expect(seen.retried).toEqual({ requests: 2, settled: true });
  });
});
