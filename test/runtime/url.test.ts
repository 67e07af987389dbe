import { describe, expect, it } from "vitest";
import { RequestValidationError } from "../../templates/runtime/errors.js";
import type { OperationDescriptor, ParamSpec } from "../../templates/runtime/types.js";
import { buildUrl, parseBaseUrl } from "../../templates/runtime/url.js";

const getStudent: OperationDescriptor = {
  id: "Students_Get",
  method: "GET",
  path: "/students/{jodo_student_id}",
  pathParams: [{ key: "studentId", name: "jodo_student_id" }],
};

describe("buildUrl path", () => {
  it.each([
    { given: { base: "https://x.test/api/v1", id: "1" }, want: "https://x.test/api/v1/students/1" },
    { given: { base: "https://x.test/api/v1/", id: "1" }, want: "https://x.test/api/v1/students/1" },
    { given: { base: "https://x.test", id: "1" }, want: "https://x.test/students/1" },
    { given: { base: "https://x.test/", id: 42 }, want: "https://x.test/students/42" },
    { given: { base: "https://x.test/api", id: true }, want: "https://x.test/api/students/true" },
    { given: { base: "https://x.test/api", id: "a b/c?d#e" }, want: "https://x.test/api/students/a%20b%2Fc%3Fd%23e" },
    { given: { base: "https://x.test/api", id: "ü" }, want: "https://x.test/api/students/%C3%BC" },
    { given: { base: "https://x.test/api", id: "100%" }, want: "https://x.test/api/students/100%25" },
    { given: { base: "https://x.test/api", id: "%41" }, want: "https://x.test/api/students/%2541" },
    { given: { base: "https://x.test/api", id: "1.5" }, want: "https://x.test/api/students/1.5" },
  ])("$given.id under $given.base → $want", ({ given, want }) => {
    expect(buildUrl(given.base, getStudent, { path: { studentId: given.id } }).href).toBe(want);
  });

  it.each([
    { given: undefined, want: /studentId is required for Students_Get/ },
    { given: null, want: /studentId is required for Students_Get/ },
    { given: "", want: /studentId must not be empty, "\." or "\.\."/ },
    { given: ".", want: /studentId must not be empty/ },
    { given: "..", want: /studentId must not be empty/ },
    { given: "%2e%2e", want: /studentId must not be empty/ },
    { given: "%2E", want: /studentId must not be empty/ },
    { given: "%2e%2e%2f", want: /studentId must not be empty/ },
    { given: "a/../b", want: /studentId must not be empty/ },
    { given: "..\\admin", want: /studentId must not be empty/ },
    { given: { id: 1 }, want: /studentId \(path parameter of Students_Get\) must be a string/ },
    { given: Number.NaN, want: /must be a finite number/ },
  ])("refuses path value %j", ({ given, want }) => {
    const call = (): URL => buildUrl("https://x.test/api", getStudent, { path: { studentId: given } });
    expect(call).toThrow(RequestValidationError);
    expect(call).toThrow(want);
  });

  it("refuses a template placeholder that has no parameter spec", () => {
    const op: OperationDescriptor = { id: "X", method: "GET", path: "/a/{b}" };
    expect(() => buildUrl("https://x.test", op, {})).toThrow(/X has no value for path parameter "b"/);
  });

  it("keeps the base URL's own query parameters", () => {
    const op: OperationDescriptor = { id: "X", method: "GET", path: "/a", query: [{ key: "q", name: "q" }] };
    expect(buildUrl("https://x.test/api?tenant=t1", op, { query: { q: "z" } }).href).toBe(
      "https://x.test/api/a?tenant=t1&q=z",
    );
  });
});

describe("buildUrl query", () => {
  const cases: { name: string; spec: Omit<ParamSpec, "key" | "name">; value: unknown; want: [string, string][] }[] = [
    { name: "string", spec: {}, value: "x y", want: [["a", "x y"]] },
    { name: "number", spec: {}, value: 1.5, want: [["a", "1.5"]] },
    { name: "boolean true", spec: {}, value: true, want: [["a", "true"]] },
    { name: "boolean false", spec: {}, value: false, want: [["a", "false"]] },
    { name: "Date", spec: {}, value: new Date(Date.UTC(2024, 1, 5, 10, 0, 0)), want: [["a", "2024-02-05T10:00:00.000Z"]] },
    { name: "undefined skipped", spec: {}, value: undefined, want: [] },
    { name: "null skipped", spec: {}, value: null, want: [] },
    { name: "form explode array", spec: {}, value: [1, 2], want: [["a", "1"], ["a", "2"]] },
    { name: "form explode:false array", spec: { explode: false }, value: [1, 2], want: [["a", "1,2"]] },
    { name: "empty array skipped", spec: {}, value: [], want: [] },
    { name: "spaceDelimited array", spec: { style: "spaceDelimited" }, value: [1, 2], want: [["a", "1 2"]] },
    { name: "pipeDelimited array", spec: { style: "pipeDelimited" }, value: ["x", "y"], want: [["a", "x|y"]] },
    { name: "deepObject", spec: { style: "deepObject" }, value: { b: 1, c: "x" }, want: [["a[b]", "1"], ["a[c]", "x"]] },
    { name: "deepObject nested", spec: { style: "deepObject" }, value: { b: { c: true } }, want: [["a[b][c]", "true"]] },
    { name: "form explode object", spec: {}, value: { b: 1, c: 2 }, want: [["b", "1"], ["c", "2"]] },
    { name: "form explode:false object", spec: { explode: false }, value: { b: 1, c: 2 }, want: [["a", "b,1,c,2"]] },
  ];

  it.each(cases)("$name", ({ spec, value, want }) => {
    const op: OperationDescriptor = { id: "X", method: "GET", path: "/x", query: [{ key: "param", name: "a", ...spec }] };
    expect([...buildUrl("https://x.test", op, { query: { param: value } }).searchParams]).toEqual(want);
  });

  it("encodes like URLSearchParams on the wire", () => {
    const op: OperationDescriptor = {
      id: "X",
      method: "GET",
      path: "/x",
      query: [
        { key: "list", name: "ids", explode: false },
        { key: "filter", name: "f", style: "deepObject" },
        { key: "text", name: "q" },
      ],
    };
    const url = buildUrl("https://x.test", op, { query: { list: [1, 2], filter: { b: 1 }, text: "a&b=c" } });
    expect(url.search).toBe("?ids=1%2C2&f%5Bb%5D=1&q=a%26b%3Dc");
  });

  it("follows the operation's parameter order, not the caller's key order", () => {
    const op: OperationDescriptor = {
      id: "X",
      method: "GET",
      path: "/x",
      query: [
        { key: "z", name: "z" },
        { key: "a", name: "a" },
      ],
    };
    expect(buildUrl("https://x.test", op, { query: { a: 1, z: 2 } }).search).toBe("?z=2&a=1");
  });

  it.each([
    { name: "object inside an array", value: [{ b: 1 }], want: /param \(query parameter of X\) must be a string, number, boolean or Date, got an object/ },
    { name: "infinite number", value: Number.POSITIVE_INFINITY, want: /must be a finite number/ },
    { name: "invalid Date", value: new Date("nope"), want: /is an invalid Date/ },
  ])("refuses $name", ({ value, want }) => {
    const op: OperationDescriptor = { id: "X", method: "GET", path: "/x", query: [{ key: "param", name: "a" }] };
    expect(() => buildUrl("https://x.test", op, { query: { param: value } })).toThrow(want);
  });
});

describe("parseBaseUrl", () => {
  it.each([
    { given: "not a url", want: /baseUrl is not an absolute URL/ },
    { given: "ftp://x.test", want: /baseUrl must use http or https/ },
    { given: "https://user:secret@x.test", want: /baseUrl must not contain credentials/ },
  ])("refuses $given", ({ given, want }) => {
    expect(() => parseBaseUrl(given)).toThrow(RequestValidationError);
    expect(() => parseBaseUrl(given)).toThrow(want);
    try {
      parseBaseUrl(given);
    } catch (error) {
      expect((error as Error).message).not.toContain("secret");
    }
  });
});
