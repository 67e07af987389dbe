/**
 * The checkout against the packages' own mocks (`dojo-client/testing`, `jodo-client/testing`),
 * as an application tests itself without the providers: the mocks answer in each provider's
 * dialect, keep what is created, and fail the way the providers fail.
 */

import { Dojo } from "dojo-client";
import { createMock as mockDojo } from "dojo-client/testing";
import { Jodo } from "jodo-client";
import { createMock as mockJodo } from "jodo-client/testing";
import { describe, expect, it } from "vitest";
import { CheckoutError, type FeePayment, takeFeePayment } from "../src/checkout.js";

const payment: FeePayment = {
  studentId: "STU-42",
  studentName: "Ada Lovelace",
  payer: { name: "Annabella Byron", email: "annabella@example.com", phone: "9876543210" },
  feeComponent: "tuition",
  amount: 125_000,
};

function setup() {
  const dojoMock = mockDojo({ credentials: { apiKey: "sk_sandbox_checkout" } });
  const jodoMock = mockJodo({ credentials: { apiKey: "jodo-key", apiSecret: "jodo-secret" } });
  const clients = {
    dojo: new Dojo({ apiKey: "sk_sandbox_checkout", fetch: dojoMock.fetch, maxRetries: 0 }),
    jodo: new Jodo({ apiKey: "jodo-key", apiSecret: "jodo-secret", fetch: jodoMock.fetch, maxRetries: 0 }),
  };
  return { dojoMock, jodoMock, clients };
}

describe("takeFeePayment against the providers' mocks", () => {
  it("creates the payment intent, records the order and returns both ids", async () => {
    const { dojoMock, jodoMock, clients } = setup();
    const receipt = await takeFeePayment(clients, payment);
    expect(receipt.paymentStatus).toBe("Created");
    // The intent is in the Dojo mock's store, as the checkout created it.
    const intent = await clients.dojo.paymentIntents.get(receipt.paymentIntentId);
    expect(intent).toMatchObject({ reference: "fees-STU-42", amount: { value: 125_000, currencyCode: "GBP" } });
    expect(dojoMock.requests[0]?.headers["authorization"]).toBe("***");
    expect(jodoMock.requests.map((r) => r.operationId)).toEqual(["PayOrders_Create"]);
  });

  it("a payment Dojo refuses fails at the card payment, and nothing is recorded in Jodo", async () => {
    const { dojoMock, jodoMock, clients } = setup();
    dojoMock.fail("paymentIntents.create", { status: 400, message: "The Reference field is required." });
    const error = await takeFeePayment(clients, payment).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckoutError);
    expect(error).toMatchObject({ step: "card-payment", message: "Dojo refused the payment: The Reference field is required." });
    expect(jodoMock.requests).toEqual([]);
  });

  it("a fee Jodo refuses to record fails at the fee record, and the Dojo payment intent is cancelled", async () => {
    const { dojoMock, jodoMock, clients } = setup();
    jodoMock.fail("payOrders.create", { status: 400, code: "HUE00000", message: "Bad request error" });
    const error = await takeFeePayment(clients, payment).catch((e: unknown) => e);
    expect(error).toMatchObject({ step: "fee-record", message: "Jodo could not record the fee (HUE00000); the card payment was cancelled" });
    expect(dojoMock.requests.map((r) => `${r.method} ${r.operationId}`)).toEqual(["POST PaymentIntents_CreatePaymentIntent", "DELETE PaymentIntents_Delete"]);
  });
});
