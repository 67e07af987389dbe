/**
 * Takes a school-fee payment: the card payment goes through Dojo, and the fee is recorded as a
 * Jodo order for the student. If Jodo cannot record it, the Dojo payment intent is cancelled, so
 * a payer is never charged for a fee the school has no record of.
 */

import { type Dojo, DojoProblemError } from "dojo-client";
import type { PaymentIntentStatus } from "dojo-client";
import { type Jodo, JodoError } from "jodo-client";

export interface FeePayment {
  readonly studentId: string;
  readonly studentName: string;
  readonly payer: { readonly name: string; readonly email: string; readonly phone: string };
  /** What the fee is for, e.g. `tuition`: Jodo's fee component. */
  readonly feeComponent: string;
  /** In minor units (pence), as Dojo takes amounts. */
  readonly amount: number;
}

export interface Receipt {
  readonly paymentIntentId: string;
  readonly paymentStatus: PaymentIntentStatus;
  /** Hand this to Dojo's checkout page or card terminal to collect the card. */
  readonly clientSessionSecret: string | undefined;
  readonly jodoOrderId: string;
}

/** Which step failed: the card payment, or recording the fee (after which the payment was cancelled). */
export type CheckoutStep = "card-payment" | "fee-record";

export class CheckoutError extends Error {
  override readonly name = "CheckoutError";

  constructor(
    readonly step: CheckoutStep,
    message: string,
    options: { readonly cause: unknown },
  ) {
    super(message, options);
  }
}

export interface Clients {
  readonly dojo: Dojo;
  readonly jodo: Jodo;
}

export async function takeFeePayment({ dojo, jodo }: Clients, payment: FeePayment): Promise<Receipt> {
  if (!Number.isSafeInteger(payment.amount) || payment.amount <= 0) throw new RangeError(`amount must be a positive whole number of pence, not ${payment.amount}`);
  const reference = `fees-${payment.studentId}`;

  let intent;
  try {
    intent = await dojo.paymentIntents.create({
      amount: { value: payment.amount, currencyCode: "GBP" },
      reference,
      description: `${payment.feeComponent} for ${payment.studentName}`,
    });
  } catch (error) {
    if (error instanceof DojoProblemError) throw new CheckoutError("card-payment", `Dojo refused the payment: ${error.title ?? error.message}`, { cause: error });
    throw error;
  }
  const paymentIntentId = intent.id;
  if (paymentIntentId === undefined || paymentIntentId === null) throw new CheckoutError("card-payment", "Dojo returned a payment intent without an id", { cause: intent });

  try {
    const order = await jodo.payOrders.create({
      name: payment.payer.name,
      email: payment.payer.email,
      phone: payment.payer.phone,
      student_name: payment.studentName,
      identifier: payment.studentId,
      details: [{ component_type: payment.feeComponent, amount: payment.amount / 100 }],
    });
    return {
      paymentIntentId,
      paymentStatus: intent.status ?? "Created",
      clientSessionSecret: intent.clientSessionSecret ?? undefined,
      jodoOrderId: order.order_id,
    };
  } catch (error) {
    if (!(error instanceof JodoError)) throw error;
    await dojo.paymentIntents.delete(paymentIntentId);
    throw new CheckoutError("fee-record", `Jodo could not record the fee (${error.code ?? error.status}); the card payment was cancelled`, { cause: error });
  }
}
