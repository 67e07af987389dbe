import { describe, expect, it } from "vitest";
import { errorFields } from "../../templates/runtime/error-fields.js";
import { APIError, ResponseParseError } from "../../templates/runtime/errors.js";
import { ProblemDetailsError } from "../../templates/runtime/problem-details.js";
import { PROBLEM_DETAILS } from "../helpers/problem-details-config.js";
import { envelope } from "../../templates/runtime/envelope.js";
import type { ErrorDetails, ResponseInfo } from "../../templates/runtime/types.js";

/** A ResponseInfo whose createError builds a plain APIError, as a client with no subclasses would. */
function info(status: number, headers: Record<string, string> = {}, body: unknown = undefined): ResponseInfo {
  const h = new Headers(headers);
  return {
    status,
    headers: h,
    url: "https://x.test/x",
    operation: { id: "Things_Get", method: "GET", path: "/things" },
    meta: {},
    createError: (details: ErrorDetails, fallbackMessage?: string) =>
      new APIError<string | number>({ status, headers: h, body, message: details.message ?? fallbackMessage ?? "fallback", code: details.code }),
  };
}

const validationBody = {
  errors: { Reference: ["The Reference field is required."] },
  type: "https://tools.ietf.org/html/rfc7231#section-6.5.1",
  title: "One or more validation errors occurred.",
  status: 400,
  traceId: "00-a405f077df056a498323ffbcec05923f-aa63e6f4dbbc734a-01",
};

describe("the problem-details preset's primitives: decodeError", () => {
  const read = (body: unknown): ErrorDetails | undefined => errorFields(PROBLEM_DETAILS).decodeError?.(body, info(400));
  // The named fields the reader keeps for ProblemDetailsError are checked below; here, what every error says.
  const decode = (body: unknown): Partial<ErrorDetails> | undefined => {
    const found = read(body);
    return found && Object.fromEntries(Object.entries(found).filter(([key]) => key !== "extra"));
  };

  it.each([
    {
      name: "ErrorResponse with field errors (the ASP.NET validation body)",
      given: JSON.parse(JSON.stringify(validationBody)) as unknown,
      want: {
        message: "One or more validation errors occurred. Reference: The Reference field is required.",
        requestId: "00-a405f077df056a498323ffbcec05923f-aa63e6f4dbbc734a-01",
      },
    },
    {
      name: "ProblemDetails with detail and extensions",
      given: {
        type: "about:blank",
        title: "Not Found",
        status: 404,
        detail: "No payment intent with id pi_1",
        instance: "/payment-intents/pi_1",
        extensions: { traceId: "t-1" },
      },
      want: { message: "Not Found. No payment intent with id pi_1", requestId: "t-1" },
    },
    {
      name: "terminal Error with a string code",
      given: {
        code: "TERMINAL_BUSY",
        title: "Terminal busy",
        type: "https://docs.example/errors/terminal-busy",
        status: 409,
        detail: "The terminal is processing another session.",
        traceId: "t-2",
        errors: { terminalId: ["Terminal is locked.", "Try again later."] },
      },
      want: {
        message:
          "Terminal busy. The terminal is processing another session. terminalId: Terminal is locked. Try again later.",
        code: "TERMINAL_BUSY",
        requestId: "t-2",
      },
    },
    {
      name: "a numeric code is read as text",
      given: { code: 17, title: "Oops" },
      want: { message: "Oops", code: "17" },
    },
    {
      name: "detail equal to the title is said once",
      given: { title: "Unauthorized", detail: "Unauthorized" },
      want: { message: "Unauthorized" },
    },
  ])("$name", ({ given, want }) => {
    expect(decode(given)).toEqual(want);
  });

  it.each([
    { name: "plain text body", given: "<html>Bad gateway</html>" },
    { name: "no body", given: undefined },
    { name: "unrelated JSON", given: { message: "nope" } },
  ])("leaves $name to other decoders", ({ given }) => {
    expect(decode(given)).toBeUndefined();
  });
});

describe("ProblemDetailsError", () => {
  const make = (body: unknown): ProblemDetailsError =>
    new ProblemDetailsError({ status: 400, headers: new Headers(), body, message: "m", extra: errorFields(PROBLEM_DETAILS).decodeError?.(body, info(400))?.extra });

  it("reads the problem fields from the body", () => {
    const error = make(validationBody);
    expect(error).toBeInstanceOf(APIError);
    expect(error.name).toBe("ProblemDetailsError");
    expect({
      type: error.type,
      title: error.title,
      detail: error.detail,
      traceId: error.traceId,
      instance: error.instance,
      errors: error.errors,
    }).toEqual({
      type: "https://tools.ietf.org/html/rfc7231#section-6.5.1",
      title: "One or more validation errors occurred.",
      detail: undefined,
      traceId: "00-a405f077df056a498323ffbcec05923f-aa63e6f4dbbc734a-01",
      instance: undefined,
      errors: { Reference: ["The Reference field is required."] },
    });
  });

  it("copies only string messages and never a __proto__ key", () => {
    const body = JSON.parse(
      '{"title":1,"errors":{"__proto__":["polluted"],"a":["x",2,null],"b":"single","c":{"d":1},"e":[]}}',
    ) as unknown;
    const error = make(body);
    expect(error.title).toBeUndefined();
    expect(error.errors).toEqual({ a: ["x"], b: ["single"] });
    expect(Object.getPrototypeOf(error.errors)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it.each([{ given: undefined }, { given: "text" }, { given: [1] }, { given: { errors: ["a"] } }])(
    "has empty errors for body $given",
    ({ given }) => {
      expect(make(given).errors).toEqual({});
    },
  );
});

describe("errorFields with a code and a message at the top level (the code-message preset)", () => {
  const plugin = errorFields({ code: ["errorCode"], message: ["errorMessage"], requestIdHeader: "x-trace" });

  it.each([
    {
      name: "code, message and request id",
      given: { body: { errorCode: "HUE00000", errorMessage: "Student not found" }, headers: { "x-trace": "tr-1" } },
      want: { code: "HUE00000", message: "Student not found", requestId: "tr-1" },
    },
    {
      name: "message only",
      given: { body: { errorMessage: "Oops" }, headers: {} },
      want: { message: "Oops" },
    },
    {
      name: "a numeric code is read as text (the schema does not declare it a number); a message that is no text is ignored",
      given: { body: { errorCode: 5, errorMessage: { text: "x" } }, headers: { "x-trace": "tr-2" } },
      want: { code: "5", requestId: "tr-2" },
    },
    {
      name: "inherited fields are not fields",
      given: { body: Object.create({ errorCode: "INHERITED" }) as unknown, headers: {} },
      want: undefined,
    },
    {
      name: "text body",
      given: { body: "Service Unavailable", headers: {} },
      want: undefined,
    },
  ])("$name", ({ given, want }) => {
    expect(plugin.decodeError?.(given.body, info(404, given.headers))).toEqual(want);
  });
});

describe("envelope decodeSuccess with the status-data preset's primitives", () => {
  const plugin = envelope({ data: [["data"], ["message"]], success: { path: ["status"], equals: ["success"] } });
  const decode = (body: unknown): unknown => plugin.decodeSuccess?.(body, info(200, {}, body));

  it.each([
    { name: "data object", given: { status: "success", data: { id: 1 } }, want: { id: 1 } },
    { name: "data array", given: { status: "success", data: [{ id: 1 }] }, want: [{ id: 1 }] },
    { name: "bare success", given: { status: "success" }, want: undefined },
    { name: "success with message", given: { status: "success", message: "Student deleted" }, want: "Student deleted" },
  ])("$name", ({ given, want }) => {
    expect(decode(given)).toEqual(want);
  });

  it("throws the API error for a failure status in a 200 (its message is the error decoders' to read)", () => {
    const body = { status: "error", message: "Fee plan is locked" };
    expect(() => decode(body)).toThrow(APIError);
    try {
      decode(body);
    } catch (error) {
      expect(error).toMatchObject({ status: 200, body });
    }
  });

  it("explains a failure status that has no message", () => {
    expect(() => decode({ status: "failed" })).toThrow('Things_Get reported status "failed" in a 200 response');
  });

  it.each([
    { name: "an array", given: [1, 2], want: "Things_Get returned an array where a \"status\" envelope was expected" },
    { name: "a string", given: "ok", want: "Things_Get returned a string where a \"status\" envelope was expected" },
    { name: "null", given: null, want: "Things_Get returned null where a \"status\" envelope was expected" },
    {
      name: "an object without status",
      given: { data: 1 },
      want: 'Things_Get returned an object without "status" where a "status" envelope was expected',
    },
  ])("refuses $name with ResponseParseError", ({ given, want }) => {
    expect(() => decode(given)).toThrow(ResponseParseError);
    expect(() => decode(given)).toThrow(want);
  });
});
