/**
 * Behaviour of the generated Jodo client (generated/jodo/dist, imported as an app would) against a
 * real node:http server on 127.0.0.1 that speaks Jodo's dialect (test/servers/jodo-server.ts):
 * Basic auth, the status/data envelope, code/message errors, retries and parameter encoding.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ClientError,
  InternalServerError,
  Jodo,
  JodoError,
  NotFoundError,
  RateLimitError,
  RequestValidationError,
  ResponseParseError,
} from "../../generated/jodo/dist/index.js";
import type { JodoOptions, OrderCreated, Payment, Product, Student } from "../../generated/jodo/dist/index.js";
import {
  parameterExample,
  payloadExample,
  schemaExample,
  startJodoServer,
  successOf,
} from "../servers/jodo-server.js";
import type { JodoServer } from "../servers/jodo-server.js";

const API_KEY = "jodo_key_Zq81xKe";
const API_SECRET = "jodo_secret_Hn3v0Lw";

const STUDENT_ID = parameterExample("JodoStudentId"); // "365127"
const REGISTRATION_ID = parameterExample("RegistrationId");
const ORDER_ID = parameterExample("OrderId");
const WEBHOOK_ID = parameterExample("WebhookId");

let server: JodoServer;

beforeAll(async () => {
  server = await startJodoServer({ apiKey: API_KEY, apiSecret: API_SECRET });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
});

function client(options: Partial<JodoOptions> = {}): Jodo {
  return new Jodo({ apiKey: API_KEY, apiSecret: API_SECRET, baseUrl: server.url, ...options });
}

/** The rejection of `promise`; fails the test when it resolves. */
async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to reject, but it resolved");
}

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

// ---- request bodies, typed as the package declares them ----

const feeUpdate = {
  fee_components: [{ component_type: "TUITION_FEE", fee_amount: 30000, discounts: [{ discount_type: "SIBLINGS", value: 2500 }] }],
};
const manualPayment = {
  amount: 2000,
  paid_at: "2022-01-29T10:05:45Z",
  mode: "cash",
  transaction_id: "tra_1234",
  fee_components: [{ component_type: "TUITION_FEE", amount: 2000 }],
};
const payOrder = {
  name: "Customer Name",
  phone: "9876543210",
  email: "you@example.com",
  student_name: "Stüdent Name",
  details: [{ component_type: "Payable Amount", amount: 1000.5 }],
  notes: [{ key: "erp_reference_id", value: "REF123" }],
};
const newStudent = {
  student: {
    fullname: "Amazing Name",
    identifier: "ENR-2022-77",
    grade: "M1BLUE",
    new_admission: false,
    academic_year_start: "2022",
    academic_year_end: "2023",
    date_of_birth: "2015-06-01",
    primary_contact_name: "John Doe",
    primary_contact_number: "9876543210",
    primary_contact_email: "john.doe@example.com",
  },
};

// ---------------------------------------------------------------------------------------------

describe("construction", () => {
  it.each([
    { name: "no secret", given: { apiKey: API_KEY }, names: "apiSecret" },
    { name: "no key", given: { apiSecret: API_SECRET }, names: "apiKey" },
    { name: "nothing", given: {}, names: "apiKey" },
    { name: "empty secret", given: { apiKey: API_KEY, apiSecret: "" }, names: "apiSecret" },
    { name: "secret of the wrong type", given: { apiKey: API_KEY, apiSecret: 1234 }, names: "apiSecret" },
  ])("$name: throws RequestValidationError naming $names, without the credentials", ({ given, names }) => {
    let thrown: unknown;
    try {
      new Jodo({ ...given, baseUrl: server.url } as unknown as JodoOptions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RequestValidationError);
    expect(thrown).toBeInstanceOf(ClientError);
    const message = (thrown as Error).message;
    expect(message).toContain(names);
    expect(message).not.toContain(API_KEY);
    expect(message).not.toContain(API_SECRET);
    expect(server.requests).toHaveLength(0);
  });

  it('new Jodo({ apiKey: "k" }) throws RequestValidationError naming apiSecret', () => {
    expect(() => new Jodo({ apiKey: "k" } as unknown as JodoOptions)).toThrow(RequestValidationError);
    expect(() => new Jodo({ apiKey: "k" } as unknown as JodoOptions)).toThrow(/\bapiSecret\b/);
  });

  describe("picks the documented host when no baseUrl is given (fetch injected, no network)", () => {
    it.each([
      { environment: undefined, want: "https://ext.devtest1.jodopay.com/api/v1/integrations/erp/branches" },
      { environment: "sandbox" as const, want: "https://ext.devtest1.jodopay.com/api/v1/integrations/erp/branches" },
      { environment: "production" as const, want: "https://ext.jodo.in/api/v1/integrations/erp/branches" },
    ])("environment $environment → $want", async ({ environment, want }) => {
      const seen: { url: string; authorization: string | null }[] = [];
      const recordingFetch: typeof fetch = async (input, init) => {
        seen.push({ url: String(input), authorization: new Headers(init?.headers).get("authorization") });
        return Response.json({ status: "success", data: [] });
      };
      const jodo = new Jodo({
        apiKey: API_KEY,
        apiSecret: API_SECRET,
        fetch: recordingFetch,
        ...(environment === undefined ? {} : { environment }),
      });
      await expect(jodo.branches.list()).resolves.toEqual([]);
      const request = only(seen);
      expect(request.url).toBe(want);
      expect(request.authorization).toBe(`Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString("base64")}`);
    });

    it("baseUrl wins over environment", async () => {
      const jodo = client({ environment: "production" });
      await jodo.branches.list();
      expect(only(server.requests).path).toBe("/api/v1/integrations/erp/branches");
    });

    it("refuses an unknown environment at construction, listing the known ones", () => {
      const build = (): Jodo =>
        new Jodo({ apiKey: API_KEY, apiSecret: API_SECRET, environment: "staging" } as unknown as JodoOptions);
      expect(build).toThrow(RequestValidationError);
      expect(build).toThrow(/"sandbox", "production"/);
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe("authentication and request headers", () => {
  it.each([
    { name: "ASCII secret", apiKey: "key_live_123", apiSecret: "s3cr3t" },
    { name: "non-ASCII secret", apiKey: "key_live_123", apiSecret: "pässwörd-密码🔑" },
    { name: "secret containing a colon", apiKey: "key_live_123", apiSecret: "a:b:c" },
  ])("$name: Authorization is Basic base64(utf8(key:secret)) and Jodo accepts it", async ({ apiKey, apiSecret }) => {
    const own = await startJodoServer({ apiKey, apiSecret });
    try {
      const jodo = new Jodo({ apiKey, apiSecret, baseUrl: own.url });
      await expect(jodo.branches.list()).resolves.toEqual(payloadExample("Branches_List"));
      const want = `Basic ${Buffer.from(`${apiKey}:${apiSecret}`, "utf8").toString("base64")}`;
      expect(only(own.requests).headers.authorization).toBe(want);
    } finally {
      await own.close();
    }
  });

  it("a wrong secret is a 401 AuthenticationError, not retried, and the secret is not in the message", async () => {
    const wrong = "not-the-secret-9f";
    const error = await rejection(client({ apiSecret: wrong }).students.get(STUDENT_ID));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toBeInstanceOf(JodoError);
    const apiError = error as AuthenticationError;
    expect(apiError.status).toBe(401);
    expect(apiError.message).toBe("Invalid API key or secret");
    expect(apiError.message).not.toContain(wrong);
    expect(server.requests).toHaveLength(1);
  });

  const writes: { name: string; call: (jodo: Jodo) => PromiseLike<unknown>; method: string; body: unknown }[] = [
    { name: "students.updateFee (PATCH)", call: (j) => j.students.updateFee(STUDENT_ID, feeUpdate), method: "PATCH", body: feeUpdate },
    { name: "payments.add (POST)", call: (j) => j.payments.add(STUDENT_ID, manualPayment), method: "POST", body: manualPayment },
    { name: "payOrders.create (POST)", call: (j) => j.payOrders.create(payOrder), method: "POST", body: payOrder },
    { name: "students.register (POST)", call: (j) => j.students.register(REGISTRATION_ID, newStudent), method: "POST", body: newStudent },
  ];

  it.each(writes)("$name sends Content-Type: application/json and the body as JSON", async ({ call, method, body }) => {
    await call(client());
    const request = only(server.requests);
    expect(request.method).toBe(method);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers.accept).toBe("application/json");
    expect(JSON.parse(request.body)).toEqual(body);
  });
});

// ---------------------------------------------------------------------------------------------

describe("success envelopes", () => {
  it("students.get resolves to the data object, typed Student", async () => {
    const student = await client().students.get(STUDENT_ID);
    expectTypeOf(student).toEqualTypeOf<Student>();
    expect(student).toEqual(schemaExample("Student"));
    expect(student.fullname).toBe("Amazing Name");
    expect(student.academic_year_start).toBe(2022);
    expect(student.fee_summary).toEqual({ total_fee: 50000, total_discount: 2500 });
    expect(student).not.toHaveProperty("status");
    expect(student).not.toHaveProperty("data");
    const request = only(server.requests);
    expect(request.method).toBe("GET");
    expect(request.url).toBe(`/api/v1/integrations/erp/students/${STUDENT_ID}`);
  });

  it("payments.list resolves to the data array, typed Payment[]", async () => {
    const payments = await client().payments.list(STUDENT_ID);
    expectTypeOf(payments).toEqualTypeOf<Payment[]>();
    expect(Array.isArray(payments)).toBe(true);
    expect(payments).toEqual([schemaExample("Payment")]);
    expect(payments[0]?.details[0]).toEqual({
      fee_component: "ADMISSION_FEE",
      amount: 2000,
      settlement_utr: null,
      settled_at: null,
    });
  });

  const reads: { op: string; call: (jodo: Jodo) => PromiseLike<unknown>; want?: unknown }[] = [
    { op: "Users_GetAccessToken", call: (j) => j.users.getAccessToken(REGISTRATION_ID) },
    { op: "Students_ListProducts", call: (j) => j.students.listProducts(STUDENT_ID) },
    { op: "FlexPlans_Get", call: (j) => j.flexPlans.get(STUDENT_ID) },
    { op: "PayOrders_Get", call: (j) => j.payOrders.get(ORDER_ID), want: { ...(schemaExample("PayOrder") as object), id: ORDER_ID } },
    { op: "PaymentLinks_Get", call: (j) => j.paymentLinks.get(ORDER_ID), want: { ...(schemaExample("PaymentLink") as object), id: ORDER_ID } },
    { op: "Branches_List", call: (j) => j.branches.list() },
    { op: "Grades_List", call: (j) => j.grades.list() },
    { op: "FeeComponents_List", call: (j) => j.feeComponents.list() },
    { op: "Discounts_List", call: (j) => j.discounts.list() },
    { op: "Webhooks_List", call: (j) => j.webhooks.list() },
    { op: "Webhooks_Get", call: (j) => j.webhooks.get(WEBHOOK_ID) },
    { op: "Users_Register", call: (j) => j.users.register({ name: "John Doe", phone: "9876543210", email: "john.doe@example.com" }) },
    { op: "PaymentLinks_Create", call: (j) => j.paymentLinks.create({ ...payOrder, expires_at: "2022-03-31T18:30:00Z" }) },
    {
      op: "Webhooks_Add",
      call: (j) =>
        j.webhooks.add({ event_code: "pay.payment.settled", url: "https://erp.example/hooks", failure_notification_email: "ops@example.com" }),
    },
  ];

  it.each(reads)("$op resolves to the unwrapped data", async ({ op, call, want }) => {
    const data = await call(client());
    expect(data).toEqual(want ?? payloadExample(op));
    expect(data).toBeDefined();
  });

  it("students.update resolves to the updated student", async () => {
    const updated = await client().students.update(STUDENT_ID, { fullname: "Renamed Student", identifier: "ENR-9" });
    expectTypeOf(updated).toEqualTypeOf<Student>();
    expect(updated).toMatchObject({ fullname: "Renamed Student", identifier: "ENR-9", grade: "M1BLUE" });
    expect(only(server.requests).method).toBe("PATCH");
  });

  it("payOrders.create resolves to the order id and redirect URL (typed OrderCreated)", async () => {
    const created = await client().payOrders.create(payOrder);
    expectTypeOf(created).toEqualTypeOf<OrderCreated>();
    expect(created).toEqual({ order_id: "order_123456789", redirect_url: "https://pay.jodo.in/p/xxx/xxx" });
  });

  it("withResponse() exposes the 201 of paymentLinks.create next to the data", async () => {
    const { data, response } = await client().paymentLinks.create(payOrder).withResponse();
    expect(response.status).toBe(201);
    expect(successOf("PaymentLinks_Create").status).toBe(201);
    expect(data.order_id).toBe("order_123456789");
  });

  const statusOnly: { op: string; call: (jodo: Jodo) => PromiseLike<void>; method: string; path: string }[] = [
    {
      op: "Students_UpdateFee",
      call: (j) => j.students.updateFee(STUDENT_ID, feeUpdate),
      method: "PATCH",
      path: `/api/v1/integrations/erp/students/${STUDENT_ID}/fee`,
    },
    {
      op: "Students_Register",
      call: (j) => j.students.register(REGISTRATION_ID, newStudent),
      method: "POST",
      path: `/api/v1/integrations/erp/users/${REGISTRATION_ID}/students`,
    },
    {
      op: "Payments_Add",
      call: (j) => j.payments.add(STUDENT_ID, manualPayment),
      method: "POST",
      path: `/api/v1/integrations/erp/students/${STUDENT_ID}/payments`,
    },
    {
      op: "Payments_Cancel",
      call: (j) => j.payments.cancel(STUDENT_ID, "tra_1234"),
      method: "DELETE",
      path: `/api/v1/integrations/erp/students/${STUDENT_ID}/payments/tra_1234`,
    },
    {
      op: "FlexPlans_Manage",
      call: (j) =>
        j.flexPlans.manage(STUDENT_ID, {
          payment_schedule: [{ due_date: "2022-09-15", details: [{ component_type: "COURSE_FEE", amount: 20000, is_downpayment: true }] }],
        }),
      method: "POST",
      path: `/api/v1/integrations/flex/students/${STUDENT_ID}/plans`,
    },
    {
      op: "Webhooks_Disable",
      call: (j) => j.webhooks.disable(WEBHOOK_ID),
      method: "DELETE",
      path: `/api/v1/integrations/erp/webhooks/${WEBHOOK_ID}`,
    },
  ];

  it.each(statusOnly)('$op: {"status":"success"} resolves to undefined', async ({ call, method, path }) => {
    await expect(call(client())).resolves.toBeUndefined();
    const request = only(server.requests);
    expect(request.method).toBe(method);
    expect(request.path).toBe(path);
  });

  it("a student registered with a bare success can then be read", async () => {
    const jodo = client();
    await jodo.students.register(REGISTRATION_ID, newStudent);
    await expect(jodo.students.get(newStudent.student.identifier)).resolves.toMatchObject({ fullname: "Amazing Name" });
  });

  it('paymentLinks.cancel resolves to the envelope message, "Payment link cancelled successfully!"', async () => {
    const message = await client().paymentLinks.cancel(ORDER_ID);
    expectTypeOf(message).toEqualTypeOf<string>();
    expect(message).toBe("Payment link cancelled successfully!");
    const request = only(server.requests);
    expect(request.method).toBe("DELETE");
    expect(request.path).toBe(`/api/v1/integrations/pay/payment_links/${ORDER_ID}`);
  });

  it.each([
    { given: "JODO/TEST 1", want: "JODO%2FTEST%201" },
    { given: "a?b#c", want: "a%3Fb%23c" },
    { given: "50%&more", want: "50%25%26more" },
    { given: "छात्र-7", want: encodeURIComponent("छात्र-7") },
  ])("path parameter $given reaches the server as one encoded segment ($want)", async ({ given, want }) => {
    server.students.add(given);
    await expect(client().students.get(given)).resolves.toEqual(schemaExample("Student"));
    const request = only(server.requests);
    expect(request.url).toBe(`/api/v1/integrations/erp/students/${want}`);
    expect(only(server.calls).params).toEqual({ jodo_student_id: given });
  });

  it.each(["..", ".", "", "../../webhooks"])("refuses path parameter %j before sending", async (given) => {
    const error = await rejection(client().students.get(given));
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(server.requests).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------

describe("a 2xx body that is not a success", () => {
  it.each([
    {
      name: 'status "error" with code and message',
      status: 200,
      body: { status: "error", code: "HUE00000", message: "Bad request error" },
      message: "Bad request error",
      code: "HUE00000",
    },
    {
      name: 'status "failure" with a message only',
      status: 200,
      body: { status: "failure", message: "Student is inactive" },
      message: "Student is inactive",
      code: undefined,
    },
    {
      name: "a non-success status without a message",
      status: 201,
      body: { status: "pending" },
      message: 'reported status "pending"',
      code: undefined,
    },
  ])("$name → JodoError with the message", async ({ status, body, message, code }) => {
    server.script("Students_Get", { status, body });
    const error = await rejection(client().students.get(STUDENT_ID));
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect(error).toBeInstanceOf(JodoError);
    expect(error).toBeInstanceOf(APIError);
    const apiError = error as JodoError;
    expect(apiError.message).toContain(message);
    expect(apiError.status).toBe(status);
    expect(apiError.body).toEqual(body);
    expect(apiError.code).toBe(code);
    expect(server.requests).toHaveLength(1);
  });

  it("a status-only write answered 200 with a failed envelope rejects instead of resolving undefined", async () => {
    server.script("Webhooks_Disable", { status: 200, body: { status: "error", code: "HUE00000", message: "Webhook already disabled" } });
    const error = await rejection(client().webhooks.disable(WEBHOOK_ID));
    expect(error).toBeInstanceOf(JodoError);
    expect((error as JodoError).message).toContain("Webhook already disabled");
    expect((error as JodoError).code).toBe("HUE00000");
  });

  it("the payment-link cancel answered with a failed envelope rejects", async () => {
    server.script("PaymentLinks_Cancel", { status: 200, body: { status: "error", message: "Payment link already paid" } });
    const error = await rejection(client().paymentLinks.cancel(ORDER_ID));
    expect(error).toBeInstanceOf(JodoError);
    expect((error as JodoError).message).toBe("Payment link already paid");
  });

  it.each([
    { name: "invalid JSON", body: "{status: success", contentType: "application/json" },
    { name: "an HTML page", body: "<html><body>Bad gateway</body></html>", contentType: "text/html" },
    { name: "JSON without an envelope", body: JSON.stringify({ fullname: "Amazing Name" }), contentType: "application/json" },
  ])("$name in a 200 → ResponseParseError (typed, not a SyntaxError)", async ({ body, contentType }) => {
    server.script("Students_Get", { status: 200, body, contentType });
    const error = await rejection(client().students.get(STUDENT_ID));
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ResponseParseError).status).toBe(200);
    expect((error as ResponseParseError).bodyText).toBe(body);
  });
});

// ---------------------------------------------------------------------------------------------

describe("error responses", () => {
  it.each([
    {
      name: "students.get of an unknown student",
      call: (j: Jodo) => j.students.get("999999"),
      ErrorClass: NotFoundError,
      status: 404,
      body: { status: "error", code: "MAE00001", message: "Student not found" },
    },
    {
      name: "payments.list of an unknown student (MAE00001 documented)",
      call: (j: Jodo) => j.payments.list("999999"),
      ErrorClass: NotFoundError,
      status: 404,
      body: { status: "error", code: "MAE00001", message: "Student not found" },
    },
    {
      name: "paymentLinks.cancel of an unknown order (HUE00001 documented)",
      call: (j: Jodo) => j.paymentLinks.cancel("order_unknown"),
      ErrorClass: NotFoundError,
      status: 404,
      body: { status: "error", code: "HUE00001", message: "Resource not found" },
    },
    {
      name: "payOrders.create without line items (HUE00000 documented)",
      call: (j: Jodo) => j.payOrders.create({ ...payOrder, details: undefined } as unknown as typeof payOrder),
      ErrorClass: BadRequestError,
      status: 400,
      body: { status: "error", code: "HUE00000", message: "Bad request error: details is required" },
    },
    {
      name: "payments.add with a string amount (MAE00000 documented)",
      call: (j: Jodo) => j.payments.add(STUDENT_ID, { ...manualPayment, amount: "2000" as unknown as number }),
      ErrorClass: BadRequestError,
      status: 400,
      body: { status: "error", code: "MAE00000", message: "Bad request error: amount must be number" },
    },
    {
      name: "students.listProducts with an unknown product_type",
      call: (j: Jodo) => j.students.listProducts(STUDENT_ID, { product_type: "loan" as unknown as Product["product_type"] }),
      ErrorClass: BadRequestError,
      status: 400,
      body: { status: "error", code: "MAE00000", message: "Bad request error: product_type must be one of flex, pay, cred" },
    },
  ])("$name → $ErrorClass.name with code and message", async ({ call, ErrorClass, status, body }) => {
    const error = await rejection(call(client()));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(JodoError);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(ClientError);
    const apiError = error as JodoError;
    expect(apiError.name).toBe(ErrorClass.name);
    expect(apiError.code).toBe(body.code);
    expect(apiError.message).toContain(body.message);
    expect(apiError.status).toBe(status);
    expect(apiError.body).toEqual(body);
    expect(apiError.headers).toBeInstanceOf(Headers);
    expect(apiError.headers.get("content-type")).toBe("application/json");
    // 400 and 404 are answers, not hiccups: one request, no retry.
    expect(server.requests).toHaveLength(1);
  });

  it('404 {status:"error", code:"MAE00001", message:"Student not found"} → NotFoundError', async () => {
    const error = await rejection(client().students.get("no-such-student"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(JodoError);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: 404, code: "MAE00001" });
    expect((error as NotFoundError).message).toContain("Student not found");
  });
});

// ---------------------------------------------------------------------------------------------

describe("retries", () => {
  const tooMany = { status: 429, body: { status: "error", message: "Too many requests" } };

  it("a 429 then a 200 on a GET is retried after a backoff and resolves", async () => {
    server.script("Students_Get", tooMany);
    const started = performance.now();
    const student = await client().students.get(STUDENT_ID);
    const elapsed = performance.now() - started;
    expect(student).toEqual(schemaExample("Student"));
    expect(server.requests).toHaveLength(2);
    // First backoff: 0.5 s minus up to 25 % jitter.
    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(server.requests[1]?.headers.authorization).toBe(server.requests[0]?.headers.authorization);
  });

  it("a persistent 429 rejects with RateLimitError after 1 + maxRetries (default 2) attempts, backing off", async () => {
    server.script("Payments_List", tooMany, tooMany, tooMany, tooMany);
    const started = performance.now();
    const error = await rejection(client().payments.list(STUDENT_ID));
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toBeInstanceOf(JodoError);
    expect(error).toMatchObject({ status: 429, message: "Too many requests" });
    expect(server.requests).toHaveLength(3);
    // 0.5 s and 1 s, each minus up to 25 % jitter: at least ~1.1 s.
    expect(elapsed).toBeGreaterThanOrEqual(900);
  });

  it.each([
    { name: "client maxRetries 1", options: { maxRetries: 1 }, call: undefined, attempts: 2 },
    { name: "per-call maxRetries 0", options: {}, call: { maxRetries: 0 }, attempts: 1 },
  ])("$name → $attempts attempts before RateLimitError", async ({ options, call, attempts }) => {
    server.script("Branches_List", tooMany, tooMany, tooMany);
    const error = await rejection(client(options).branches.list(call));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(attempts);
  });

  it("a 503 on a GET is retried and resolves", async () => {
    server.script("Grades_List", { status: 503, body: { status: "error", message: "Service Unavailable" } });
    await expect(client().grades.list()).resolves.toEqual(payloadExample("Grades_List"));
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    { name: "payOrders.create (POST)", op: "PayOrders_Create", call: (j: Jodo) => j.payOrders.create(payOrder) },
    { name: "payments.add (POST)", op: "Payments_Add", call: (j: Jodo) => j.payments.add(STUDENT_ID, manualPayment) },
    { name: "students.update (PATCH)", op: "Students_Update", call: (j: Jodo) => j.students.update(STUDENT_ID, { fullname: "X", identifier: "Y" }) },
  ])("a 503 on $name is not retried: one request, InternalServerError", async ({ op, call }) => {
    server.script(op, { status: 503, body: { status: "error", message: "Service Unavailable" } });
    const error = await rejection(call(client()));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toBeInstanceOf(JodoError);
    expect(error).toMatchObject({ status: 503, message: "Service Unavailable" });
    expect(server.requests).toHaveLength(1);
  });

  it("a 429 on a POST is not retried either (Jodo documents no idempotency key)", async () => {
    server.script("PayOrders_Create", tooMany);
    const error = await rejection(client().payOrders.create(payOrder));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------

describe("query parameters", () => {
  it.each([
    { given: { product_type: "flex" as const }, query: "?product_type=flex", want: [schemaExample("Product")] },
    { given: { product_type: "pay" as const }, query: "?product_type=pay", want: [] },
    { given: {}, query: "", want: [schemaExample("Product")] },
    { given: undefined, query: "", want: [schemaExample("Product")] },
  ])("students.listProducts(id, $given) sends $query", async ({ given, query, want }) => {
    const products = await client().students.listProducts(STUDENT_ID, given);
    expect(products).toEqual(want);
    expect(only(server.requests).url).toBe(`/api/v1/integrations/erp/students/${STUDENT_ID}/products${query}`);
  });

  it.each([
    { name: "grades.list", call: (j: Jodo, code?: string) => j.grades.list(code === undefined ? undefined : { collector_code: code }), path: "grades" },
    {
      name: "feeComponents.list",
      call: (j: Jodo, code?: string) => j.feeComponents.list(code === undefined ? undefined : { collector_code: code }),
      path: "fee-components",
    },
    { name: "discounts.list", call: (j: Jodo, code?: string) => j.discounts.list(code === undefined ? undefined : { collector_code: code }), path: "discounts" },
  ])("$name sends collector_code as a query parameter, encoded", async ({ call, path }) => {
    const jodo = client();
    await call(jodo, "ed3ef2db524f");
    await call(jodo, "branch 2&x=1");
    await call(jodo);
    const [plain, awkward, none] = server.requests;
    expect(plain?.url).toBe(`/api/v1/integrations/erp/${path}?collector_code=ed3ef2db524f`);
    expect(awkward?.query.get("collector_code")).toBe("branch 2&x=1");
    expect(awkward?.query.get("x")).toBeNull();
    expect(none?.url).toBe(`/api/v1/integrations/erp/${path}`);
  });
});
