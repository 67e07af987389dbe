import { describe, expect, it } from "vitest";
import {
  APIError,
  ClientError,
  ConnectionError,
  errorClassFor,
  MAX_BODY_TEXT,
  RequestValidationError,
  ResponseParseError,
  TimeoutError,
  UserAbortError,
} from "../../templates/runtime/errors.js";
import type { ErrorClasses } from "../../templates/runtime/errors.js";

class BadRequestError extends APIError {}
class NotFoundError extends APIError {}
class ClientSideError extends APIError {}
class ServerSideError extends APIError {}
class ServiceUnavailableError extends APIError {}

const classes: ErrorClasses = {
  byStatus: { 400: BadRequestError, 404: NotFoundError, 503: ServiceUnavailableError },
  clientError: ClientSideError,
  serverError: ServerSideError,
};

describe("errorClassFor", () => {
  it.each([
    { status: 400, want: BadRequestError },
    { status: 404, want: NotFoundError },
    { status: 409, want: ClientSideError },
    { status: 422, want: ClientSideError },
    { status: 200, want: ClientSideError },
    { status: 500, want: ServerSideError },
    { status: 503, want: ServiceUnavailableError },
    { status: 599, want: ServerSideError },
  ])("$status → $want.name", ({ status, want }) => {
    expect(errorClassFor(classes, status)).toBe(want);
  });
});

describe("error classes", () => {
  it.each([
    { error: new ConnectionError("c"), name: "ConnectionError", kinds: [ClientError, ConnectionError] },
    { error: new TimeoutError("t"), name: "TimeoutError", kinds: [ClientError, ConnectionError, TimeoutError] },
    { error: new UserAbortError("a"), name: "UserAbortError", kinds: [ClientError] },
    { error: new RequestValidationError("v"), name: "RequestValidationError", kinds: [ClientError] },
    {
      error: new NotFoundError({ status: 404, headers: new Headers(), body: undefined, message: "m" }),
      name: "NotFoundError",
      kinds: [ClientError, APIError],
    },
  ])("$name is named after its class and is a ClientError", ({ error, name, kinds }) => {
    expect(error.name).toBe(name);
    expect(String(error)).toMatch(new RegExp(`^${name}: `));
    for (const kind of kinds) expect(error).toBeInstanceOf(kind);
  });

  it("keeps the cause of a connection error", () => {
    const cause = new TypeError("fetch failed");
    expect(new ConnectionError("x", { cause }).cause).toBe(cause);
  });

  it("caps the body text of a ResponseParseError at 64 KiB", () => {
    const error = new ResponseParseError({
      message: "bad",
      status: 200,
      headers: new Headers(),
      bodyText: "x".repeat(MAX_BODY_TEXT + 10),
    });
    expect(MAX_BODY_TEXT).toBe(65536);
    expect(error.bodyText.length).toBe(MAX_BODY_TEXT);
  });
});
