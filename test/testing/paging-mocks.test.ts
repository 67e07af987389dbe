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
import { type Served, TRANSPORTS, type Transport, serve } from "./mock-kit.js";

interface Walk {
  readonly seeded: readonly unknown[];
  readonly walked: readonly unknown[];
  /** The list requests the walk made. */
  readonly pages: number;
}

/** A mock as this test uses it: served, seeded by one of its list operations. */
interface SeedableMock<Op extends string, Item> {
  readonly fetch: typeof fetch;
  listen(): Promise<{ url: string; close(): Promise<void> }>;
  seed(operation: Op, items: readonly Item[]): void;
  readonly requests: readonly unknown[];
}

/** The client's paged method: `undefined` for its first page, a size for a walk in pages of it. */
type PagedCall<Item> = (pageSize?: number) => PromiseLike<{ readonly items: readonly Item[] }> & AsyncIterable<Item>;

/**
 * Seeds the store with seven copies of the list's first example item, told apart by `key` (the
 * store's id field for the list), and walks them in pages of three.
 */
async function walkSeven<Op extends string, Item>(
  transport: Transport,
  productionUrl: string,
  mock: SeedableMock<Op, Item>,
  operation: Op,
  key: string,
  list: (served: Served) => PagedCall<Item>,
): Promise<Walk> {
  const served = await serve(mock, transport, productionUrl);
  try {
    const call = list(served);
    const first = (await call()).items[0];
    if (first === undefined) throw new Error("the list's example has no item to copy");
    const seeded: Item[] = Array.from({ length: 7 }, (_, i) => ({ ...first, [key]: `${key}-${i}` }));
    mock.seed(operation, seeded);
    const walked: Item[] = [];
    for await (const item of call(3)) walked.push(item);
    return { seeded, walked, pages: mock.requests.length - 1 };
  } finally {
    await served.close();
  }
}

const CASES: Readonly<Record<string, (transport: Transport) => Promise<Walk>>> = {
  "GitHub (Link header)": (t) =>
    walkSeven(t, "https://api.github.com", githubMock(), "repos.listForAuthenticatedUser", "id", (s) => {
      const github = new GitHub({ token: "ghp_mock", baseUrl: s.baseUrl, ...s.fetchOption });
      return (size) => github.repos.listForAuthenticatedUser(size === undefined ? undefined : { per_page: size });
    }),
  "JOOR (the response node's next_start)": (t) =>
    walkSeven(t, "https://api.jooraccess.com/v2", joorMock(), "styles.list", "joor_style_id", (s) => {
      const joor = new Joor({ token: "joor-token", baseUrl: s.baseUrl, ...s.fetchOption });
      return (size) => joor.styles.list(size === undefined ? undefined : { count: size });
    }),
  "PayPal (page numbers to total_pages)": (t) =>
    walkSeven(t, "https://api-m.paypal.com", paypalMock(), "invoices.list", "id", (s) => {
      const paypal = new PayPal({ accessToken: "A21_mock", baseUrl: s.baseUrl, ...s.fetchOption });
      return (size) => paypal.invoices.list(size === undefined ? undefined : { page_size: size });
    }),
  "Paystack (page numbers to meta.pageCount, whole-envelope schemas)": (t) =>
    walkSeven(t, "https://api.paystack.co", paystackMock(), "customer.list", "id", (s) => {
      const paystack = new Paystack({ secretKey: "sk_test_mock", baseUrl: s.baseUrl, ...s.fetchOption });
      return (size) => paystack.customer.list(size === undefined ? undefined : { perPage: String(size) });
    }),
  "Slack (cursor → response_metadata.next_cursor)": (t) =>
    walkSeven(t, "https://slack.com/api", slackMock(), "conversations.list", "id", (s) => {
      const slack = new Slack({ token: "xoxb-mock", baseUrl: s.baseUrl, ...s.fetchOption });
      return (size) => slack.conversations.list(size === undefined ? undefined : { limit: size });
    }),
  "Square (cursor in the query)": (t) =>
    walkSeven(t, "https://connect.squareup.com", squareMock(), "customers.list", "id", (s) => {
      const square = new Square({ accessToken: "EAAA_mock", baseUrl: s.baseUrl, ...s.fetchOption });
      return (size) => square.customers.list(size === undefined ? undefined : { limit: size });
    }),
  "Twilio (meta.next_page_url)": (t) =>
    walkSeven(t, "https://verify.twilio.com", twilioMock(), "services.list", "sid", (s) => {
      const twilio = new TwilioVerify({ accountSid: "AC_mock", authToken: "token", baseUrl: s.baseUrl, ...s.fetchOption });
      return (size) => twilio.services.list(size === undefined ? undefined : { PageSize: size });
    }),
};

describe.each(TRANSPORTS)("paging to the end against the mock (%s)", (transport) => {
  it.each(Object.keys(CASES))("%s: seven items in three pages", async (name) => {
    const walk = await (CASES[name] as (t: Transport) => Promise<Walk>)(transport);
    expect(walk.walked).toEqual(walk.seeded);
    expect(walk.pages).toBe(3);
  });
});
