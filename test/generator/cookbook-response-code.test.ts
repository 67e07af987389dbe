/**
 * The cookbook's two JOOR blocks over HTTP: a client generated from the `response-code` preset
 * (test/fixtures/dialects/joor-preset.yaml) and one from the same dialect in primitives — the `*`
 * segment for the resource-named wrapper, `data: {beside}`, `equals-number`, `meta`, alternative
 * paths, a `code-name` field (joor-primitives.yaml) — answer every body alike, against one
 * loopback server.
 */
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateFixtures } from "../helpers/generated-package.js";
import { REPO_ROOT } from "../helpers/packages.js";
import { type TestServer, sendJson, startServer } from "../helpers/server.js";

type ErrorClass = new (...args: never[]) => Error;
interface Things {
  readonly things: { get(id: string): Promise<unknown> & { withResponse(): Promise<{ data: unknown; response: { meta: Record<string, unknown> } }> } };
}
type Client = new (options: { baseUrl: string; maxRetries?: number }) => Things;
interface JoorModule {
  /** The client, named after the fixture's file. */
  readonly JoorPreset?: Client;
  readonly JoorPrimitives?: Client;
  readonly JoorError: ErrorClass;
  readonly AuthenticationError: ErrorClass;
  readonly NotFoundError: ErrorClass;
  readonly JoorAuthenticationError: ErrorClass;
  readonly JoorServiceUnavailableError: ErrorClass;
}
interface CodeError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  readonly comment: string | undefined;
  readonly logId: string | undefined;
  readonly codeName: string | undefined;
}

const FIXTURES = ["joor-preset.yaml", "joor-primitives.yaml"] as const;
let server: TestServer;
let fixtures: Awaited<ReturnType<typeof generateFixtures<JoorModule>>>;
const modules = { get: (fixture: string) => fixtures.modules.get(fixture) };

beforeAll(async () => {
  [server, fixtures] = await Promise.all([startServer(), generateFixtures<JoorModule>(FIXTURES, REPO_ROOT)]);
}, 60_000);
afterAll(async () => {
  await server.close();
  fixtures.remove();
});
beforeEach(() => server.reset());

const client = (joor: JoorModule): Things => new ((joor.JoorPreset ?? joor.JoorPrimitives) as Client)({ baseUrl: server.url, maxRetries: 2 });
const wrapped = (response: Record<string, unknown>, payload?: unknown) => ({ things: { response, ...(payload === undefined ? {} : { things: payload }) } });

describe.each(FIXTURES)("%s", (fixture) => {
  const joor = () => modules.get(fixture) as JoorModule;

  it.each([
    { given: "a wrapped node with code 0", body: wrapped({ code: 0, comment: "", log_id: "L-1" }, [{ id: "a" }]), want: { data: [{ id: "a" }], logId: "L-1" } },
    { given: "code \"000\" as text, as XML sends it", body: wrapped({ code: "000", log_id: "L-2" }, { id: "b" }), want: { data: { id: "b" }, logId: "L-2" } },
    { given: "the node at the top, without a wrapper", body: { response: { code: "0", log_id: "L-3" }, things: [1] }, want: { data: [1], logId: "L-3" } },
    { given: "the node alone: no payload", body: wrapped({ code: 0 }), want: { data: undefined, logId: undefined } },
  ])("$given resolves to the payload beside the node", async ({ body, want }) => {
    server.setHandler((_, res) => sendJson(res, 200, body));
    const { data, response } = await client(joor()).things.get("1").withResponse();
    expect({ data, logId: response.meta["logId"] }).toEqual(want);
  });

  it.each([
    {
      given: "code 1 (the table's \"001\") under HTTP 200",
      status: 200,
      body: wrapped({ code: 1, comment: "Token inactive", log_id: "L-4" }),
      want: { classes: ["JoorAuthenticationError", "AuthenticationError"], status: 200, code: "001", message: "Token inactive", comment: "Token inactive", logId: "L-4", requestId: "L-4", codeName: "Authentication" },
    },
    {
      given: "a code the table does not list",
      status: 200,
      body: wrapped({ code: "302", comment: "Customer exists", log_id: "L-5" }),
      want: { classes: ["JoorError"], status: 200, code: "302", message: "Customer exists", comment: "Customer exists", logId: "L-5", requestId: "L-5", codeName: undefined },
    },
    {
      given: "a listed code under HTTP 404: the code's class",
      status: 404,
      body: wrapped({ code: "001", comment: "", log_id: "L-6" }),
      want: { classes: ["JoorAuthenticationError"], status: 404, code: "001", comment: undefined, logId: "L-6", requestId: "L-6", codeName: "Authentication" },
    },
  ])("$given", async ({ status, body, want }) => {
    server.setHandler((_, res) => sendJson(res, status, body));
    const error = (await client(joor()).things.get("1").then(() => undefined, (e: unknown) => e)) as CodeError;
    for (const name of want.classes) expect(error).toBeInstanceOf(joor()[name as keyof JoorModule]);
    expect(error).toBeInstanceOf(joor().JoorError);
    const { classes: _, ...fields } = want;
    expect({ status: error.status, code: error.code, ...(fields.message === undefined ? {} : { message: error.message }), comment: error.comment, logId: error.logId, requestId: error.requestId, codeName: error.codeName }).toEqual(fields);
  });

  it("a retryable code (003) under HTTP 200 is retried on a GET, then the payload is returned", async () => {
    let calls = 0;
    server.setHandler((_, res) => {
      calls += 1;
      sendJson(res, 200, calls === 1 ? wrapped({ code: "003", comment: "Maintenance" }) : wrapped({ code: 0 }, { id: "c" }));
    });
    await expect(client(joor()).things.get("1")).resolves.toEqual({ id: "c" });
    expect(calls).toBe(2);
  });

  it("a 2xx body without the node is a ResponseParseError, not data", async () => {
    server.setHandler((_, res) => sendJson(res, 200, { things: [{ id: "d" }] }));
    await expect(client(joor()).things.get("1")).rejects.toThrow(/without "response.code"/);
  });
});
