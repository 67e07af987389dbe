/**
 * The error reader's field-index primitives — `kinds` (told apart by the message's start),
 * `field-indexes` (fields named by index into the request body sent) and `reported-status` — on
 * `{body: {text, fields: {index: value}}}` error bodies, read into the `text-fields` preset's
 * `TextFieldsError` and into a plain class's `kind`, `fieldNames` and `reportedStatus`.
 */
import { describe, expect, it } from "vitest";
import { errorFieldNames, errorFields, errorKind, errorReportedStatus, type ErrorFieldsConfig } from "../../templates/runtime/error-fields.js";
import type { APIErrorInit } from "../../templates/runtime/errors.js";
import { indexedFieldNames, submittedFieldNames } from "../../templates/runtime/field-indexes.js";
import { messageKind } from "../../templates/runtime/message-kind.js";
import { TextFieldsError } from "../../templates/runtime/text-fields-errors.js";
import type { ErrorDetails, OperationDescriptor, ResponseInfo } from "../../templates/runtime/types.js";

const KINDS = [
  { name: "unknown-fields", text: "Unknown fields submitted" },
  { name: "missing-fields", text: "Required fields missing" },
];

/** What `errors: {type: text-fields}` expands to (generator/conventions/field-index-errors.ts). */
const CONFIG: ErrorFieldsConfig = {
  message: ["body", "text"],
  kinds: KINDS,
  fieldIndexes: { path: ["body", "fields"], exceptKinds: ["missing-fields"] },
  reportedStatus: ["status"],
};

const POST: OperationDescriptor = { id: "Coupons_Create", method: "POST", path: "/coupons", body: "json", response: "none" };

/** The seed's failed coupon POST: its tenth field (index 9) is unknown. */
const COUPON_POST = {
  coupon_code: "API1",
  amount: "5.00",
  amount_type: "currency",
  min_order_total: "5.00",
  uses_allowed: "0",
  start_date: "2018-12-25 00:00:00",
  end_date: "2018-12-31 00:00:00",
  applies_to: "addon",
  addon_id: "21",
  this_should_fail: "because I am unknown",
};

const UNKNOWN_FIELDS = { status: "400", message: "Bad Request", body: { text: "Unknown fields submitted.", fields: { "9": "this_should_fail" } } };
const MISSING_FIELDS = {
  status: "400",
  message: "Bad Request",
  body: {
    text: "Required fields missing.",
    fields: { "0": "addon_status", "2": "addon_description", "3": "addon_price", "4": "addon_quantities", "5": "addon_code" },
  },
};

function info(status: number, requestBody: unknown, operation: OperationDescriptor = POST): ResponseInfo {
  const headers = new Headers();
  return {
    status,
    headers,
    url: "https://x.test/x",
    operation,
    meta: {},
    requestBody,
    createError: () => {
      throw new Error("not used");
    },
  };
}

/** What the client does with a decoder's answer: the error class built from it. */
function errorFor(body: unknown, status: number, requestBody: unknown): { details: ErrorDetails | undefined; error: TextFieldsError } {
  const details = errorFields(CONFIG).decodeError?.(body, info(status, requestBody));
  const init: APIErrorInit = { status, headers: new Headers(), body, message: details?.message ?? "fallback", extra: details?.extra };
  return { details, error: new TextFieldsError(init) };
}

describe("errorFields with kinds, field-indexes and reported-status → TextFieldsError", () => {
  it.each([
    {
      name: "the seed's unknown field: index 9 of the coupon sent",
      given: { body: UNKNOWN_FIELDS, status: 400, sent: COUPON_POST },
      want: {
        message: "Unknown fields submitted: this_should_fail",
        text: "Unknown fields submitted.",
        kind: "unknown-fields",
        fields: ["this_should_fail"],
        unknownFields: ["this_should_fail"],
        missingFields: [],
        envelopeStatus: "400",
        statusMismatch: false,
      },
    },
    {
      name: "the seed's missing fields: the values are the names",
      given: { body: MISSING_FIELDS, status: 400, sent: { addon_name: "Add On" } },
      want: {
        message: "Required fields missing: addon_status, addon_description, addon_price, addon_quantities, addon_code",
        text: "Required fields missing.",
        kind: "missing-fields",
        fields: ["addon_status", "addon_description", "addon_price", "addon_quantities", "addon_code"],
        unknownFields: [],
        missingFields: ["addon_status", "addon_description", "addon_price", "addon_quantities", "addon_code"],
        envelopeStatus: "400",
        statusMismatch: false,
      },
    },
    {
      name: "missing fields are never looked up in the body sent (their indexes are the API's)",
      given: { body: MISSING_FIELDS, status: 400, sent: COUPON_POST },
      want: { missingFields: ["addon_status", "addon_description", "addon_price", "addon_quantities", "addon_code"] },
    },
    {
      name: "an unknown field the API quotes by value: the index names it",
      given: { body: { status: "400", body: { text: "Unknown fields submitted.", fields: { "9": "because I am unknown" } } }, status: 400, sent: COUPON_POST },
      want: { unknownFields: ["this_should_fail"], message: "Unknown fields submitted: this_should_fail" },
    },
    {
      name: "an unknown field without a request body to look in: the value",
      given: { body: UNKNOWN_FIELDS, status: 400, sent: undefined },
      want: { unknownFields: ["this_should_fail"] },
    },
    {
      name: "an unknown field whose index is past the body sent: the value",
      given: { body: { status: "400", body: { text: "Unknown fields submitted.", fields: { "12": "extra" } } }, status: 400, sent: COUPON_POST },
      want: { unknownFields: ["extra"] },
    },
    {
      name: "fields as a list (how a map keyed 0, 1, … arrives from some servers)",
      given: { body: { status: "400", body: { text: "Unknown fields submitted.", fields: ["coupon_code"] } }, status: 400, sent: COUPON_POST },
      want: { unknownFields: ["coupon_code"] },
    },
    {
      name: "several fields come in index order",
      given: { body: { status: "400", body: { text: "Unknown fields submitted.", fields: { "9": "this_should_fail", "1": "amount" } } }, status: 400, sent: COUPON_POST },
      want: { unknownFields: ["amount", "this_should_fail"] },
    },
    {
      name: "another text: kind undefined, fields still named",
      given: { body: { status: "400", body: { text: "Invalid field values.", fields: { "1": "5,00" } } }, status: 400, sent: COUPON_POST },
      want: { kind: undefined, fields: ["amount"], unknownFields: [], missingFields: [], message: "Invalid field values: amount" },
    },
    {
      name: "a text without fields is the message as it is",
      given: { body: { status: "404", message: "Not Found", body: { text: "Item not found." } }, status: 404, sent: undefined },
      want: { message: "Item not found.", text: "Item not found.", fields: [], kind: undefined },
    },
    {
      name: "a 200 whose body says 400: statusMismatch",
      given: { body: UNKNOWN_FIELDS, status: 200, sent: COUPON_POST },
      want: { envelopeStatus: "400", statusMismatch: true, unknownFields: ["this_should_fail"] },
    },
    {
      name: "a numeric status in the body",
      given: { body: { status: 400, body: { text: "Required fields missing", fields: { "0": "addon_status" } } }, status: 400, sent: undefined },
      want: { envelopeStatus: "400", statusMismatch: false, missingFields: ["addon_status"] },
    },
    {
      name: "entries that name nothing are left out",
      given: { body: { status: "400", body: { text: "Unknown fields submitted.", fields: { "20": 7, "x": null, "0": "" } } }, status: 400, sent: { a: "1" } },
      want: { unknownFields: ["a"] },
    },
  ])("$name", ({ given, want }) => {
    const { details, error } = errorFor(given.body, given.status, given.sent);
    expect(details?.message).toBe(error.message);
    expect(error).toMatchObject(want);
  });

  it("only the envelope: no message of its own, so the client's common reading takes the reason phrase", () => {
    const { details, error } = errorFor({ status: "500", message: "Internal Server Error" }, 500, undefined);
    expect(details?.message).toBeUndefined();
    expect(details?.extra).toMatchObject({ reportedStatus: "500" });
    expect(error).toMatchObject({ text: undefined, envelopeStatus: "500", statusMismatch: false });
  });

  it("answers nothing for a body it does not recognise, so another decoder can", () => {
    const decode = (body: unknown): ErrorDetails | undefined => errorFields(CONFIG).decodeError?.(body, info(400, undefined));
    expect(decode(undefined)).toBeUndefined();
    expect(decode("<html>Bad gateway</html>")).toBeUndefined();
    expect(decode({ error: { message: "x" } })).toBeUndefined();
  });

  it("cuts 50 000 field names to 100, and the message and `truncated` say so", () => {
    const fields = Array.from({ length: 50_000 }, (_, i) => `f${i}`);
    const { details, error } = errorFor({ status: "400", body: { text: "Unknown fields submitted.", fields } }, 400, undefined);
    expect(details?.truncated).toBe(true);
    expect(error.fields).toEqual(fields.slice(0, 100));
    expect(error.message).toBe(`Unknown fields submitted: ${fields.slice(0, 100).join(", ")} (and 49900 more fields)`);
  });

  it("an error built without a report (e.g. by hand) has empty lists and no kind", () => {
    const error = new TextFieldsError({ status: 400, headers: new Headers(), body: undefined, message: "x" });
    expect(error).toMatchObject({ text: undefined, kind: undefined, fields: [], unknownFields: [], missingFields: [], envelopeStatus: undefined, statusMismatch: false });
  });

  it("reads the configured paths and texts", () => {
    const plugin = errorFields({
      message: ["detail", "reason"],
      kinds: [{ name: "unknown-fields", text: "Unexpected keys" }],
      fieldIndexes: { path: ["detail", "keys"] },
      reportedStatus: ["status"],
    });
    const body = { status: "400", detail: { reason: "Unexpected keys!", keys: { "1": "b" } } };
    const details = plugin.decodeError?.(body, info(400, { a: "1", b: "2" }));
    const error = new TextFieldsError({ status: 400, headers: new Headers(), body, message: details?.message ?? "", extra: details?.extra });
    expect(error).toMatchObject({ kind: "unknown-fields", unknownFields: ["b"], message: "Unexpected keys: b" });
  });
});

describe("submittedFieldNames: the fields as they went on the wire", () => {
  it.each([
    { name: "a JSON body, in key order", given: { body: { b: "1", a: "2" }, kind: "json" as const }, want: ["b", "a"] },
    { name: "JSON leaves out undefined values, so they take no index", given: { body: { a: "1", skipped: undefined, c: "3" }, kind: "json" as const }, want: ["a", "c"] },
    { name: "JSON keeps nulls", given: { body: { a: null, b: "2" }, kind: "json" as const }, want: ["a", "b"] },
    { name: "toJSON decides what JSON sends", given: { body: { toJSON: () => ({ x: 1, y: 2 }) }, kind: "json" as const }, want: ["x", "y"] },
    { name: "a form leaves out null and undefined", given: { body: { a: "1", b: null, c: undefined, d: "4" }, kind: "form" as const }, want: ["a", "d"] },
    { name: "no body", given: { body: undefined, kind: "json" as const }, want: undefined },
    { name: "a list body has no field names", given: { body: ["a"], kind: "json" as const }, want: undefined },
    { name: "a raw body", given: { body: { a: "1" }, kind: "raw" as const }, want: undefined },
  ])("$name", ({ given, want }) => {
    expect(submittedFieldNames(given.body, { body: given.kind })).toEqual(want);
  });

  it("a body JSON cannot write (a cycle) gives no names rather than throwing", () => {
    const cyclic: Record<string, unknown> = { a: "1" };
    cyclic["self"] = cyclic;
    expect(submittedFieldNames(cyclic, { body: "json" })).toBeUndefined();
  });
});

describe("indexedFieldNames and messageKind", () => {
  it.each([
    { name: "into the body sent: value names a sent field", given: { fields: { "9": "j" }, sent: ["a", "j"] }, want: ["j"] },
    { name: "into the body sent: value is not a sent field, index is", given: { fields: { "1": "oops" }, sent: ["a", "b"] }, want: ["b"] },
    { name: "into a list the client lacks: always the value", given: { fields: { "1": "name" }, sent: undefined }, want: ["name"] },
    { name: "a key that is not an index sorts last", given: { fields: { x: "late", "3": "early" }, sent: undefined }, want: ["early", "late"] },
    { name: "not a map", given: { fields: "x", sent: undefined }, want: [] },
  ])("$name", ({ given, want }) => {
    expect(indexedFieldNames(given.fields, given.sent)).toEqual(want);
  });

  it.each([
    { given: "Unknown fields submitted.", want: "unknown-fields" },
    { given: "  unknown  FIELDS submitted ", want: "unknown-fields" },
    { given: "Required fields missing.", want: "missing-fields" },
    { given: "Required fields missing: name", want: "missing-fields" },
    { given: "Invalid field values.", want: undefined },
    { given: undefined, want: undefined },
  ])("messageKind($given) → $want", ({ given, want }) => {
    expect(messageKind(given, KINDS)).toBe(want);
  });
});

describe("the readers a plain provider class (no base) takes its properties from", () => {
  it.each([
    {
      name: "an unknown field",
      given: { body: UNKNOWN_FIELDS, sent: COUPON_POST },
      want: { kind: "unknown-fields", fieldNames: ["this_should_fail"], reportedStatus: "400" },
    },
    {
      name: "missing fields",
      given: { body: MISSING_FIELDS, sent: COUPON_POST },
      want: { kind: "missing-fields", fieldNames: ["addon_status", "addon_description", "addon_price", "addon_quantities", "addon_code"], reportedStatus: "400" },
    },
    { name: "a body without them", given: { body: { status: "oops", body: { text: "Item not found." } }, sent: undefined }, want: { kind: undefined, fieldNames: [], reportedStatus: "oops" } },
  ])("$name", ({ given, want }) => {
    const details = errorFields(CONFIG).decodeError?.(given.body, info(400, given.sent));
    const init: APIErrorInit = { status: 400, headers: new Headers(), body: given.body, message: "m", extra: details?.extra };
    expect({ kind: errorKind(init), fieldNames: errorFieldNames(init), reportedStatus: errorReportedStatus(init) }).toEqual(want);
  });
});
