/**
 * The cookbook's two Dojo blocks over HTTP: a client generated from the `problem-details` preset
 * (test/fixtures/dialects/dojo-preset.yaml) and one from the same dialect in primitives — alternative
 * paths, a message joined from several fields, named fields typed `text` and `field-messages`
 * (dojo-primitives.yaml) — answer every RFC 7807 body alike, against one loopback server.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateFixtures } from "../helpers/generated-package.js";
import { REPO_ROOT } from "../helpers/packages.js";
import { type TestServer, sendJson, startServer } from "../helpers/server.js";

type ErrorClass = new (...args: never[]) => Error;
type Client = new (options: { baseUrl: string; maxRetries?: number }) => { readonly things: { get(id: string): Promise<unknown> } };
interface DojoModule {
  /** The client, named after the fixture's file: DojoPreset, DojoPrimitives. */
  readonly DojoPreset?: Client;
  readonly DojoPrimitives?: Client;
  readonly DojoProblemError: ErrorClass;
  readonly BadRequestError: ErrorClass;
  readonly NotFoundError: ErrorClass;
  readonly ConflictError: ErrorClass;
}
interface ProblemError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  readonly truncated: boolean;
  readonly type: string | undefined;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly instance: string | undefined;
  readonly traceId: string | undefined;
  readonly errors: Readonly<Record<string, readonly string[]>>;
}

const FIXTURES = ["dojo-preset.yaml", "dojo-primitives.yaml"] as const;
const call = (dojo: DojoModule, baseUrl: string): Promise<ProblemError> => {
  const Dojo = (dojo.DojoPreset ?? dojo.DojoPrimitives) as Client;
  return new Dojo({ baseUrl, maxRetries: 0 }).things.get("1").then(
    () => Promise.reject(new Error("the call succeeded")),
    (e: unknown) => e as ProblemError,
  );
};
let server: TestServer;
let fixtures: Awaited<ReturnType<typeof generateFixtures<DojoModule>>>;
const modules = { get: (fixture: string) => fixtures.modules.get(fixture) };

beforeAll(async () => {
  [server, fixtures] = await Promise.all([startServer(), generateFixtures<DojoModule>(FIXTURES, REPO_ROOT)]);
}, 60_000);
afterAll(async () => {
  await server.close();
  fixtures.remove();
});
beforeEach(() => server.reset());

const cases = [
  {
    given: "an ASP.NET validation body: field errors in the message and in `errors`, traceId as the request id",
    status: 400,
    body: { errors: { Reference: ["The Reference field is required."] }, type: "https://tools.ietf.org/html/rfc7231#section-6.5.1", title: "One or more validation errors occurred.", status: 400, traceId: "00-a4-01" },
    want: {
      class: "BadRequestError",
      message: "One or more validation errors occurred. Reference: The Reference field is required.",
      code: undefined,
      requestId: "00-a4-01",
      fields: { type: "https://tools.ietf.org/html/rfc7231#section-6.5.1", title: "One or more validation errors occurred.", detail: undefined, instance: undefined, traceId: "00-a4-01", errors: { Reference: ["The Reference field is required."] } },
    },
  },
  {
    given: "traceId and errors inside `extensions`: the second alternative path",
    status: 404,
    body: { type: "about:blank", title: "Not Found", status: 404, detail: "No payment intent with id pi_1", instance: "/payment-intents/pi_1", extensions: { traceId: "t-1", errors: { id: "unknown" } } },
    want: {
      class: "NotFoundError",
      message: "Not Found. No payment intent with id pi_1. id: unknown",
      code: undefined,
      requestId: "t-1",
      fields: { type: "about:blank", title: "Not Found", detail: "No payment intent with id pi_1", instance: "/payment-intents/pi_1", traceId: "t-1", errors: { id: ["unknown"] } },
    },
  },
  {
    given: "a terminal error with a code; a detail equal to the title is said once",
    status: 409,
    body: { code: "TERMINAL_BUSY", title: "Terminal busy", detail: "Terminal busy", traceId: "t-2", errors: { terminalId: ["Terminal is locked.", 2, "Try again later."] } },
    want: {
      class: "ConflictError",
      message: "Terminal busy. terminalId: Terminal is locked. Try again later.",
      code: "TERMINAL_BUSY",
      requestId: "t-2",
      fields: { type: undefined, title: "Terminal busy", detail: "Terminal busy", instance: undefined, traceId: "t-2", errors: { terminalId: ["Terminal is locked.", "Try again later."] } },
    },
  },
  {
    given: "no problem document: the common reading, empty `errors`",
    status: 400,
    body: { message: "nope" },
    want: { class: "BadRequestError", message: "nope", code: undefined, requestId: undefined, fields: { type: undefined, title: undefined, detail: undefined, instance: undefined, traceId: undefined, errors: {} } },
  },
];

describe.each(FIXTURES)("%s", (fixture) => {
  it.each(cases)("$given", async ({ status, body, want }) => {
    const dojo = modules.get(fixture) as DojoModule;
    server.setHandler((_, res) => sendJson(res, status, body, { "content-type": "application/problem+json" }));
    const error = await call(dojo, server.url);
    expect(error).toBeInstanceOf(dojo[want.class as keyof DojoModule]);
    expect(error).toBeInstanceOf(dojo.DojoProblemError);
    expect({ message: error.message, code: error.code, requestId: error.requestId }).toEqual({ message: want.message, code: want.code, requestId: want.requestId });
    expect({ type: error.type, title: error.title, detail: error.detail, instance: error.instance, traceId: error.traceId, errors: error.errors }).toEqual(want.fields);
  });

  it("150 field errors: the first 100 kept, the message says how many were left out, truncated", async () => {
    const dojo = modules.get(fixture) as DojoModule;
    const errors = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}`, `f${i} is wrong`]));
    server.setHandler((_, res) => sendJson(res, 422, { title: "Invalid", errors }));
    const error = await call(dojo, server.url);
    expect(Object.keys(error.errors)).toHaveLength(100);
    expect(error.message).toMatch(/^Invalid\. f0: f0 is wrong\. f1: .* f99: f99 is wrong\. \(and 50 more fields\)/);
    expect(error.truncated).toBe(true);
  });
});

it("the primitives put the fields on the provider's class, typed; the preset keeps its ProblemDetailsError base", () => {
  const sources = fixtures.packages.map((p) => readFileSync(join(p.dir, "src/errors.ts"), "utf8"));
  expect(sources[0]).toContain("export class DojoProblemError extends ProblemDetailsError {}");
  expect(sources[1]).toContain("export class DojoProblemError extends APIError {");
  expect(sources[1]).toContain("readonly title: string | undefined;");
  expect(sources[1]).toContain("readonly errors: Readonly<Record<string, readonly string[]>>;");
  expect(sources[1]).toContain('this.traceId = errorTextField(init, "traceId");');
});
