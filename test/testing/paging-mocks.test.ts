/**
 * Paging to the end against each package's own mock, in every paging dialect: the store is seeded
 * with seven copies of the list's first example item, and the client's paged method walks them in
 * pages of three — through `mock.fetch` and through the loopback server — by a Link header
 * (GitHub), a result node's next offset (JOOR), page numbers to a total (PayPal, Paystack's
 * whole-envelope schemas), a cursor in the query (Slack, Square) and a next-page URL (Twilio).
 */
import { describe, expect, it } from "vitest";
import { GitHub } from "../../generated/github/dist/index.js";
import { createMock as githubMock } from "../../generated/github/dist/testing/index.js";
import { Joor } from "../../generated/joor/dist/index.js";
import { createMock as joorMock } from "../../generated/joor/dist/testing/index.js";
import { PayPal } from "../../generated/paypal/dist/index.js";
import { createMock as paypalMock } from "../../generated/paypal/dist/testing/index.js";
import { Paystack } from "../../generated/paystack/dist/index.js";
import { createMock as paystackMock } from "../../generated/paystack/dist/testing/index.js";
import { Slack } from "../../generated/slack/dist/index.js";
import { createMock as slackMock } from "../../generated/slack/dist/testing/index.js";
import { Square } from "../../generated/square/dist/index.js";
import { createMock as squareMock } from "../../generated/square/dist/testing/index.js";
import { TwilioVerify } from "../../generated/twilio/dist/index.js";
import { createMock as twilioMock } from "../../generated/twilio/dist/testing/index.js";
import { TRANSPORTS, type Transport, serve } from "./mock-kit.js";

interface Walk {
  readonly seeded: readonly unknown[];
  readonly walked: readonly unknown[];
  /** The list requests the walk made. */
  readonly pages: number;
}

/** Seven copies of `first`, told apart by `key`, the store's id field for the list. */
function seven<T>(first: T | undefined, key: string): T[] {
  if (first === undefined) throw new Error("the list's example has no item to copy");
  return Array.from({ length: 7 }, (_, i) => ({ ...first, [key]: `${key}-${i}` }));
}

const CASES: Readonly<Record<string, (transport: Transport) => Promise<Walk>>> = {
  "GitHub (Link header)": async (transport) => {
    const mock = githubMock();
    const served = await serve(mock, transport, "https://api.github.com");
    try {
      const github = new GitHub({ token: "ghp_mock", baseUrl: served.baseUrl, ...served.fetchOption });
      const seeded = seven((await github.repos.listForAuthenticatedUser()).items[0], "id");
      mock.seed("repos.listForAuthenticatedUser", seeded);
      const walked = [];
      for await (const repo of github.repos.listForAuthenticatedUser({ per_page: 3 })) walked.push(repo);
      return { seeded, walked, pages: mock.requests.length - 1 };
    } finally {
      await served.close();
    }
  },
  "JOOR (the response node's next_start)": async (transport) => {
    const mock = joorMock();
    const served = await serve(mock, transport, "https://api.jooraccess.com/v2");
    try {
      const joor = new Joor({ token: "joor-token", baseUrl: served.baseUrl, ...served.fetchOption });
      const seeded = seven((await joor.styles.list()).items[0], "joor_style_id");
      mock.seed("styles.list", seeded);
      const walked = [];
      for await (const style of joor.styles.list({ count: 3 })) walked.push(style);
      return { seeded, walked, pages: mock.requests.length - 1 };
    } finally {
      await served.close();
    }
  },
  "PayPal (page numbers to total_pages)": async (transport) => {
    const mock = paypalMock();
    const served = await serve(mock, transport, "https://api-m.paypal.com");
    try {
      const paypal = new PayPal({ accessToken: "A21_mock", baseUrl: served.baseUrl, ...served.fetchOption });
      const seeded = seven((await paypal.invoices.list()).items[0], "id");
      mock.seed("invoices.list", seeded);
      const walked = [];
      for await (const invoice of paypal.invoices.list({ page_size: 3 })) walked.push(invoice);
      return { seeded, walked, pages: mock.requests.length - 1 };
    } finally {
      await served.close();
    }
  },
  "Paystack (page numbers to meta.pageCount, whole-envelope schemas)": async (transport) => {
    const mock = paystackMock();
    const served = await serve(mock, transport, "https://api.paystack.co");
    try {
      const paystack = new Paystack({ secretKey: "sk_test_mock", baseUrl: served.baseUrl, ...served.fetchOption });
      const seeded = seven((await paystack.customer.list()).items[0], "id");
      mock.seed("customer.list", seeded);
      const walked = [];
      for await (const customer of paystack.customer.list({ perPage: "3" })) walked.push(customer);
      return { seeded, walked, pages: mock.requests.length - 1 };
    } finally {
      await served.close();
    }
  },
  "Slack (cursor → response_metadata.next_cursor)": async (transport) => {
    const mock = slackMock();
    const served = await serve(mock, transport, "https://slack.com/api");
    try {
      const slack = new Slack({ token: "xoxb-mock", baseUrl: served.baseUrl, ...served.fetchOption });
      const seeded = seven((await slack.conversations.list()).items[0], "id");
      mock.seed("conversations.list", seeded);
      const walked = [];
      for await (const channel of slack.conversations.list({ limit: 3 })) walked.push(channel);
      return { seeded, walked, pages: mock.requests.length - 1 };
    } finally {
      await served.close();
    }
  },
  "Square (cursor in the query)": async (transport) => {
    const mock = squareMock();
    const served = await serve(mock, transport, "https://connect.squareup.com");
    try {
      const square = new Square({ accessToken: "EAAA_mock", baseUrl: served.baseUrl, ...served.fetchOption });
      const seeded = seven((await square.customers.list()).items[0], "id");
      mock.seed("customers.list", seeded);
      const walked = [];
      for await (const customer of square.customers.list({ limit: 3 })) walked.push(customer);
      return { seeded, walked, pages: mock.requests.length - 1 };
    } finally {
      await served.close();
    }
  },
  "Twilio (meta.next_page_url)": async (transport) => {
    const mock = twilioMock();
    const served = await serve(mock, transport, "https://verify.twilio.com");
    try {
      const twilio = new TwilioVerify({ accountSid: "AC_mock", authToken: "token", baseUrl: served.baseUrl, ...served.fetchOption });
      const seeded = seven((await twilio.services.list()).items[0], "sid");
      mock.seed("services.list", seeded);
      const walked = [];
      for await (const service of twilio.services.list({ PageSize: 3 })) walked.push(service);
      return { seeded, walked, pages: mock.requests.length - 1 };
    } finally {
      await served.close();
    }
  },
};

describe.each(TRANSPORTS)("paging to the end against the mock (%s)", (transport) => {
  it.each(Object.keys(CASES))("%s: seven items in three pages", async (name) => {
    const walk = await (CASES[name] as (t: Transport) => Promise<Walk>)(transport);
    expect(walk.walked).toEqual(walk.seeded);
    expect(walk.pages).toBe(3);
  });
});
