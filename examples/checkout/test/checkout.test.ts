/**
 * The checkout against loopback stand-ins for Dojo and Jodo (test/fakes.ts): what each API is
 * sent, what the receipt says, and what happens when either side refuses.
 */

import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Dojo } from "dojo-client";
import { Jodo } from "jodo-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CheckoutError, type FeePayment, takeFeePayment } from "../src/checkout.js";
import { DOJO_KEY, type Fake, JODO_KEY, JODO_SECRET, startDojo, startJodo } from "./fakes.js";

const payment: FeePayment = {
  studentId: "STU-42",
  studentName: "Ada Lovelace",
  payer: { name: "Annabella Byron", email: "annabella@example.com", phone: "9876543210" },
  feeComponent: "tuition",
  amount: 125_000,
};

let dojoServer: Fake;
let jodoServer: Fake;

beforeAll(async () => {
  [dojoServer, jodoServer] = await Promise.all([startDojo(), startJodo()]);
});

afterAll(async () => {
  await Promise.all([dojoServer.close(), jodoServer.close()]);
});

beforeEach(() => {
  dojoServer.requests.length = 0;
  jodoServer.requests.length = 0;
});

function clients() {
  return {
    dojo: new Dojo({ apiKey: DOJO_KEY, baseUrl: dojoServer.url, maxRetries: 0 }),
    jodo: new Jodo({ apiKey: JODO_KEY, apiSecret: JODO_SECRET, baseUrl: jodoServer.url, maxRetries: 0 }),
  };
}

describe("takeFeePayment", () => {
  it("creates the Dojo payment intent, records the fee as a Jodo order and returns both ids", async () => {
    const receipt = await takeFeePayment(clients(), payment);
    expect(receipt).toEqual({ paymentIntentId: "pi_sandbox_1", paymentStatus: "Created", clientSessionSecret: "secret_1", jodoOrderId: "ord_1" });

    expect(dojoServer.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /payment-intents"]);
    const [intent] = dojoServer.requests;
    expect(intent?.headers["version"]).toBe("2024-02-05");
    expect(intent?.body).toEqual({ amount: { value: 125_000, currencyCode: "GBP" }, reference: "fees-STU-42", description: "tuition for Ada Lovelace" });

    expect(jodoServer.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /api/v1/integrations/pay/orders"]);
    expect(jodoServer.requests[0]?.body).toMatchObject({
      name: "Annabella Byron",
      identifier: "STU-42",
      student_name: "Ada Lovelace",
      details: [{ component_type: "tuition", amount: 1250 }],
    });
  });

  it("a payment Dojo refuses fails at the card payment, and nothing is recorded in Jodo", async () => {
    dojoServer.failNextPost(400, { type: "about:blank", title: "Invalid amount", status: 400, traceId: "trace-1" });
    const failure = await takeFeePayment(clients(), payment).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CheckoutError);
    expect(failure).toMatchObject({ step: "card-payment", message: "Dojo refused the payment: Invalid amount" });
    expect(jodoServer.requests).toEqual([]);
  });

  it("a fee Jodo refuses to record fails at the fee record, and the Dojo payment intent is cancelled", async () => {
    jodoServer.failNextPost(400, { status: "error", code: "HUE00000", message: "invalid phone" });
    const failure = await takeFeePayment(clients(), payment).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CheckoutError);
    expect(failure).toMatchObject({ step: "fee-record", message: "Jodo could not record the fee (HUE00000); the card payment was cancelled" });
    expect(dojoServer.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /payment-intents", "DELETE /payment-intents/pi_sandbox_1"]);
  });

  it.each([0, -5, 12.5, Number.NaN])("an amount of %s pence is refused before any call", async (amount) => {
    await expect(takeFeePayment(clients(), { ...payment, amount })).rejects.toThrow(RangeError);
    expect([...dojoServer.requests, ...jodoServer.requests]).toEqual([]);
  });
});

describe("the command (src/main.ts), run as `npm start` runs it", () => {
  const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));
  const tsx = fileURLToPath(import.meta.resolve("tsx/cli"));

  function run(args: readonly string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((done) => {
      execFile(process.execPath, [tsx, main, ...args], { env: { PATH: process.env["PATH"] ?? "", ...env } }, (error, stdout, stderr) => {
        done({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr });
      });
    });
  }

  const args = ["STU-42", "Ada Lovelace", "tuition", "125000", "Annabella Byron", "annabella@example.com", "9876543210"];

  it("prints the receipt", async () => {
    const env = { DOJO_API_KEY: DOJO_KEY, DOJO_BASE_URL: dojoServer.url, JODO_API_KEY: JODO_KEY, JODO_API_SECRET: JODO_SECRET, JODO_BASE_URL: jodoServer.url };
    const result = await run(args, env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ paymentIntentId: "pi_sandbox_1", jodoOrderId: "ord_1" });
  });

  it("names the setting that is missing", async () => {
    const result = await run(args, { DOJO_API_KEY: DOJO_KEY });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/JODO_API_KEY is not set/);
    expect(jodoServer.requests).toEqual([]);
  });
});
