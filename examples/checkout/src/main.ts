/**
 * The checkout from the command line:
 *
 *   DOJO_API_KEY=sk_sandbox_… JODO_API_KEY=… JODO_API_SECRET=… \
 *     npm start -- STUDENT_ID "Student Name" tuition 125000 "Payer Name" payer@example.com 9876543210
 *
 * prints the receipt as JSON, or the failed step and why on stderr (exit 1). `DOJO_BASE_URL` and
 * `JODO_BASE_URL` point the clients at another host, e.g. a local fake.
 */

import { Dojo } from "dojo-client";
import { Jodo } from "jodo-client";
import { CheckoutError, takeFeePayment } from "./checkout.js";

/** A required setting from the environment: missing, the program stops here rather than at the first call. */
function setting(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`${name} is not set`);
  return value;
}

/** `{ baseUrl }` when the variable is set, else nothing: the client's own host. */
function baseUrl(name: string): { baseUrl: string } | Record<never, never> {
  const value = process.env[name];
  return value === undefined || value === "" ? {} : { baseUrl: value };
}

async function main(args: readonly string[]): Promise<number> {
  if (args.length !== 7) {
    process.stderr.write("usage: checkout STUDENT_ID STUDENT_NAME FEE_COMPONENT AMOUNT_PENCE PAYER_NAME PAYER_EMAIL PAYER_PHONE\n");
    return 2;
  }
  const [studentId = "", studentName = "", feeComponent = "", amount = "", name = "", email = "", phone = ""] = args;
  const dojo = new Dojo({ apiKey: setting("DOJO_API_KEY"), ...baseUrl("DOJO_BASE_URL") });
  const jodo = new Jodo({ apiKey: setting("JODO_API_KEY"), apiSecret: setting("JODO_API_SECRET"), ...baseUrl("JODO_BASE_URL") });
  try {
    const receipt = await takeFeePayment(
      { dojo, jodo },
      { studentId, studentName, feeComponent, amount: Number(amount), payer: { name, email, phone } },
    );
    process.stdout.write(`${JSON.stringify(receipt)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof CheckoutError)) throw error;
    process.stderr.write(`checkout failed at ${error.step}: ${error.message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
