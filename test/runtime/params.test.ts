/**
 * `splitParams`: one `params` object (path parameters aside) sorted into where each value
 * travels, from the operation descriptor alone — named query and header keys to the query and
 * headers, the body's own key when the descriptor names one, else every other key to the body.
 */
import { describe, expect, it } from "vitest";
import { RequestValidationError } from "../../templates/runtime/errors.js";
import { splitParams } from "../../templates/runtime/params.js";
import type { CallInput, OperationDescriptor } from "../../templates/runtime/types.js";

const base = { id: "Op", method: "POST", path: "/things" } as const;
const bodyOnly: OperationDescriptor = { ...base, body: "json" };
const bodyAndQuery: OperationDescriptor = { ...base, body: "json", query: [{ key: "expand", name: "expand" }] };
const bodyAndHeader: OperationDescriptor = { ...base, body: "json", headers: [{ key: "Idempotency-Key", name: "Idempotency-Key" }] };
const optionalBody: OperationDescriptor = { ...bodyAndQuery, optionalBody: true };
const nested: OperationDescriptor = { ...base, method: "PATCH", body: "json", bodyKey: "body", query: [{ key: "expand", name: "expand" }] };
const queryOnly: OperationDescriptor = { ...base, method: "GET", query: [{ key: "limit", name: "limit" }] };

describe("splitParams", () => {
  const cases: { name: string; operation: OperationDescriptor; params: object | undefined; want: CallInput }[] = [
    { name: "body only: every key is a body field", operation: bodyOnly, params: { name: "Rex", age: 3 }, want: { body: { name: "Rex", age: 3 } } },
    {
      name: "body + query: the named query key goes to the query, the rest to the body",
      operation: bodyAndQuery,
      params: { name: "Rex", expand: "owner" },
      want: { query: { expand: "owner" }, body: { name: "Rex" } },
    },
    {
      name: "body + header: the named header key goes to the headers",
      operation: bodyAndHeader,
      params: { amount: 5, "Idempotency-Key": "k1" },
      want: { headers: { "Idempotency-Key": "k1" }, body: { amount: 5 } },
    },
    {
      name: "keys the spec does not name (additional properties) are the body's",
      operation: bodyAndQuery,
      params: { name: "Rex", metadata_x: "1", expand: "owner" },
      want: { query: { expand: "owner" }, body: { name: "Rex", metadata_x: "1" } },
    },
    { name: "a required body with no field given is sent as {}", operation: bodyAndQuery, params: { expand: "owner" }, want: { query: { expand: "owner" }, body: {} } },
    { name: "a required body, params left out: {}", operation: bodyOnly, params: undefined, want: { body: {} } },
    { name: "an optional body with no field given is not sent", operation: optionalBody, params: { expand: "owner", name: undefined }, want: { query: { expand: "owner" } } },
    { name: "an optional body, params left out: nothing sent", operation: optionalBody, params: undefined, want: { query: {} } },
    {
      name: "a body under its own key (not object-like, or a clash) is taken whole",
      operation: nested,
      params: { body: [{ op: "replace", path: "/a", value: 1 }], expand: "x" },
      want: { query: { expand: "x" }, body: [{ op: "replace", path: "/a", value: 1 }] },
    },
    { name: "… and left out when not given", operation: nested, params: { expand: "x" }, want: { query: { expand: "x" } } },
    { name: "no body in the operation: nothing becomes one", operation: queryOnly, params: { limit: 5, stray: 1 }, want: { query: { limit: 5 } } },
  ];
  it.each(cases)("$name", ({ operation, params, want }) => {
    expect(splitParams(operation, params)).toEqual(want);
  });

  it("path parameters travel beside it unchanged", () => {
    expect(splitParams(bodyAndQuery, { name: "Rex" }, { petId: "p1" })).toEqual({ path: { petId: "p1" }, query: {}, body: { name: "Rex" } });
  });

  it.each([
    { given: "name=Rex" },
    { given: null },
    { given: [1, 2] },
  ])("params $given from untyped code is refused naming the operation", ({ given }) => {
    expect(() => splitParams(bodyOnly, given as unknown as object)).toThrow(new RequestValidationError("Op: params must be an object"));
  });
});
