/**
 * Checks before sending (templates/runtime/request-checks.ts): ISO 8601 date-times and fields
 * required when another is given, for query parameters and body paths.
 */

import { describe, expect, it } from "vitest";
import { RequestValidationError } from "../../templates/runtime/errors.js";
import { RequestCheckError, type RequestChecksConfig, isIsoDateTime, requestChecks } from "../../templates/runtime/request-checks.js";
import type { OperationDescriptor } from "../../templates/runtime/types.js";

describe("isIsoDateTime", () => {
  it.each([
    { given: "2024-01-31T09:30:00Z", utc: true, want: true },
    { given: "2024-01-31T09:30:00.123Z", utc: true, want: true },
    { given: "2024-01-31T09:30Z", utc: true, want: true },
    { given: "2024-01-31", utc: true, want: true },
    { given: "2024-01-31T09:30:00+00:00", utc: true, want: true },
    { given: "2024-01-31T09:30:00-00:00", utc: true, want: true },
    { given: "2024-01-31T09:30:00+02:00", utc: true, want: false },
    { given: "2024-01-31T09:30:00+02:00", utc: false, want: true },
    { given: "2024-02-29T00:00:00Z", utc: true, want: true },
    { given: "2023-02-29T00:00:00Z", utc: true, want: false },
    { given: "2024-13-01", utc: true, want: false },
    { given: "2024-01-32", utc: true, want: false },
    { given: "2024-01-31T24:00:00Z", utc: true, want: false },
    { given: "2024-01-31T09:60:00Z", utc: true, want: false },
    { given: "2024-01-31T09:30:00", utc: true, want: false },
    { given: "2024-01-31 09:30:00Z", utc: true, want: false },
    { given: "01/31/2024", utc: true, want: false },
    { given: "01-31-2024", utc: true, want: false },
    { given: "2024-1-31", utc: true, want: false },
    { given: "yesterday", utc: true, want: false },
    { given: "", utc: true, want: false },
    { given: "2024-01-31t09:30:00z", utc: true, want: false },
  ])("$given (utc only: $utc) → $want", ({ given, utc, want }) => {
    expect(isIsoDateTime(given, utc)).toBe(want);
  });
});

const list: OperationDescriptor = { id: "Orders_List", method: "GET", path: "/order" };
const create: OperationDescriptor = { id: "Styles_Create", method: "POST", path: "/style-number", body: "json" };
const config: RequestChecksConfig = {
  utcOnly: true,
  operations: {
    "GET /order": { query: { dateTimes: ["date_start", "date_end"], dependent: [{ at: "", fields: { date_start: ["date_end"], date_end: ["date_start"] } }] } },
    "POST /style-number": {
      body: {
        dateTimes: ["styles[].deliveries[].start_ship_date", "styles[].deliveries[].complete_ship_date"],
        dependent: [{ at: "styles[].deliveries[]", fields: { start_ship_date: ["complete_ship_date"] } }],
      },
    },
  },
};

/** Runs the plug-in's onRequest for a query string or a body; returns the error or undefined. */
function check(operation: OperationDescriptor, { query = "", body }: { query?: string; body?: unknown }): unknown {
  const url = new URL(`https://api.test${operation.path}${query}`);
  try {
    requestChecks(config).onRequest?.({ operation, method: operation.method, url, headers: new Headers(), requestBody: body });
    return undefined;
  } catch (error) {
    return error;
  }
}

describe("query parameters", () => {
  it.each([
    { name: "a full range", query: "?date_start=2024-01-01T00:00:00Z&date_end=2024-01-31T23:59:59Z", want: undefined },
    { name: "no dates at all", query: "?count=5", want: undefined },
    { name: "dates without time", query: "?date_start=2024-01-01&date_end=2024-01-31", want: undefined },
    { name: "a start without its end", query: "?date_start=2024-01-01T00:00:00Z", want: { rule: "required-with", fields: ["date_start", "date_end"], message: "date_end is required when date_start is given (query parameters of Orders_List)" } },
    { name: "an end without its start", query: "?date_end=2024-01-31T00:00:00Z", want: { rule: "required-with", fields: ["date_end", "date_start"] } },
    { name: "an empty end does not count", query: "?date_start=2024-01-01&date_end=", want: { rule: "required-with", fields: ["date_start", "date_end"] } },
    { name: "a malformed start", query: "?date_start=01/31/2024&date_end=2024-01-31", want: { rule: "date-time", fields: ["date_start"] } },
    { name: "a non-UTC offset", query: "?date_start=2024-01-01T00:00:00%2B05:00&date_end=2024-01-31", want: { rule: "date-time", fields: ["date_start"] } },
  ])("$name", ({ query, want }) => {
    const error = check(list, { query });
    if (want === undefined) {
      expect(error).toBeUndefined();
      return;
    }
    expect(error).toBeInstanceOf(RequestCheckError);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error).toMatchObject({ rule: want.rule, fields: want.fields });
    if (want.message !== undefined) expect((error as Error).message).toBe(want.message);
  });
});

describe("body paths", () => {
  const style = (deliveries: unknown[]) => ({ styles: [{ style_number: "1" }, { style_number: "2", deliveries }] });
  it.each([
    { name: "a delivery with both dates", body: style([{ start_ship_date: "2025-02-01T00:00:00Z", complete_ship_date: "2025-03-01T00:00:00Z" }]), want: undefined },
    { name: "Date values", body: style([{ start_ship_date: new Date("2025-02-01T00:00:00Z"), complete_ship_date: new Date("2025-03-01T00:00:00Z") }]), want: undefined },
    { name: "an immediate delivery without dates", body: style([{ linesheet_name: "Now" }]), want: undefined },
    {
      name: "a start without its end names both, with their positions",
      body: style([{ linesheet_name: "ok" }, { start_ship_date: "2025-02-01T00:00:00Z" }]),
      want: {
        rule: "required-with",
        fields: ["styles[1].deliveries[1].start_ship_date", "styles[1].deliveries[1].complete_ship_date"],
        message: "styles[1].deliveries[1].complete_ship_date is required when styles[1].deliveries[1].start_ship_date is given (body of Styles_Create)",
      },
    },
    { name: "a malformed date", body: style([{ start_ship_date: "2025-02-30", complete_ship_date: "2025-03-01" }]), want: { rule: "date-time", fields: ["styles[1].deliveries[0].start_ship_date"] } },
    { name: "an invalid Date", body: style([{ start_ship_date: new Date(Number.NaN), complete_ship_date: "2025-03-01" }]), want: { rule: "date-time", fields: ["styles[1].deliveries[0].start_ship_date"] } },
  ])("$name", ({ body, want }) => {
    const error = check(create, { body });
    if (want === undefined) {
      expect(error).toBeUndefined();
      return;
    }
    expect(error).toBeInstanceOf(RequestCheckError);
    expect(error).toMatchObject({ rule: want.rule, fields: want.fields });
    if (want.message !== undefined) expect((error as Error).message).toBe(want.message);
  });

  it("operations without checks are not touched", () => {
    expect(check({ id: "Other", method: "GET", path: "/other" }, { query: "?date_start=garbage" })).toBeUndefined();
  });
});
