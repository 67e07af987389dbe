/**
 * The cookbook's Google block over HTTP: a client generated from test/fixtures/dialects/google.yaml
 * (AIP-193 errors and schemas from Google's Maps Platform document, AIP-158 page tokens) against a
 * loopback server that answers with the document's own error examples.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generatePackage } from "../../generator/pipeline.js";
import { REPO_ROOT } from "../helpers/packages.js";
import { type TestServer, sendJson, startServer } from "../helpers/server.js";

const FIXTURE = join(REPO_ROOT, "test/fixtures/dialects/google.yaml");

type ErrorClass = new (...args: never[]) => Error;
interface GoogleModule {
  readonly Google: new (options: { baseUrl: string; maxRetries?: number }) => {
    readonly geolocationApi: { geolocate(body?: { considerIp?: string }): Promise<{ location: { lat: number; lng: number }; accuracy: number }> };
    readonly shelves: { list(params?: { pageSize?: number; pageToken?: string }): AsyncIterable<{ name: string }> };
  };
  readonly GoogleError: ErrorClass;
  readonly BadRequestError: ErrorClass;
  readonly NotFoundError: ErrorClass;
  readonly RateLimitError: ErrorClass;
  readonly GoogleInvalidArgumentError: ErrorClass;
  readonly GoogleNotFoundError: ErrorClass;
  readonly GoogleResourceExhaustedError: ErrorClass;
}

/** The document's example for `status` of geolocate, as the fixture copied it. */
function example(status: string): { error: Record<string, unknown> } {
  const spec = parse(readFileSync(FIXTURE, "utf8")) as {
    paths: Record<string, { post: { responses: Record<string, { content: { "application/json": { examples: Record<string, { value: { error: Record<string, unknown> } }> } } }> } }>;
  };
  const examples = spec.paths["/geolocation/v1/geolocate"]?.post.responses[status]?.content["application/json"].examples ?? {};
  const first = Object.values(examples)[0];
  if (first === undefined) throw new Error(`the fixture has no ${status} example`);
  return first.value;
}

let server: TestServer;
let google: GoogleModule;
let dir: string;
const client = () => new google.Google({ baseUrl: server.url, maxRetries: 1 });
const rejection = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => undefined, (error: unknown) => error);

beforeAll(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), "clientsmith-google-"));
  for (const f of (await generatePackage(FIXTURE)).files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
  google = (await import(pathToFileURL(join(dir, "dist/index.js")).href)) as GoogleModule;
}, 30_000);
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => server.reset());

describe("Google AIP-193 errors", () => {
  it("a 200 is the bare resource", async () => {
    server.setHandler((_, res) => sendJson(res, 200, { location: { lat: 37.421925, lng: -122.0841293 }, accuracy: 30 }));
    await expect(client().geolocationApi.geolocate({ considerIp: "false" })).resolves.toEqual({ location: { lat: 37.421925, lng: -122.0841293 }, accuracy: 30 });
  });

  it.each([
    {
      given: "the document's 400: status INVALID_ARGUMENT, a field violation in details",
      status: 400,
      body: () => example("400"),
      want: { classes: () => [google.GoogleInvalidArgumentError, google.BadRequestError], code: "INVALID_ARGUMENT", reasons: ["invalid"], details: 1 },
    },
    {
      given: "the document's 404: no status, so the HTTP status's class and no code",
      status: 404,
      body: () => example("404"),
      want: { classes: () => [google.NotFoundError], code: undefined, reasons: ["notFound"], details: 0 },
    },
  ])("$given", async ({ status, body, want }) => {
    server.setHandler((_, res) => sendJson(res, status, body()));
    const error = await rejection(client().geolocationApi.geolocate({}));
    for (const type of [...want.classes(), google.GoogleError]) expect(error).toBeInstanceOf(type);
    if (want.code === undefined) expect(error).not.toBeInstanceOf(google.GoogleNotFoundError);
    const { code, message, errors, details } = error as Error & { code?: string; errors: { reason?: string }[]; details?: unknown[] };
    expect({ code, message, reasons: errors.map((e) => e.reason), details: details?.length ?? 0 }).toEqual({
      code: want.code,
      message: body().error["message"],
      reasons: want.reasons,
      details: want.details,
    });
    expect(server.requests).toHaveLength(1);
  });

  it("RESOURCE_EXHAUSTED (429) is a rate-limit error and retried on a GET", async () => {
    const exhausted = { error: { code: 429, message: "Quota exceeded.", errors: [{ message: "Quota exceeded.", reason: "rateLimitExceeded" }], status: "RESOURCE_EXHAUSTED" } };
    server.setHandler((_, res) => sendJson(res, 429, exhausted));
    const error = await rejection((async () => {
      for await (const shelf of client().shelves.list()) void shelf;
    })());
    expect(error).toBeInstanceOf(google.GoogleResourceExhaustedError);
    expect(error).toBeInstanceOf(google.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: "RESOURCE_EXHAUSTED", message: "Quota exceeded." });
    expect(server.requests).toHaveLength(2);
  });
});

describe("AIP-158 page tokens", () => {
  it("walks nextPageToken → ?pageToken to the end: the page without a token is the last", async () => {
    const shelves = Array.from({ length: 5 }, (_, i) => ({ name: `shelves/${i + 1}` }));
    server.setHandler((req, res) => {
      const start = Number(req.query.get("pageToken")?.replace("tok-", "") ?? 0);
      const size = Number(req.query.get("pageSize") ?? 50);
      const end = Math.min(start + size, shelves.length);
      sendJson(res, 200, { shelves: shelves.slice(start, end), ...(end < shelves.length ? { nextPageToken: `tok-${end}` } : {}) });
    });
    const seen: string[] = [];
    for await (const shelf of client().shelves.list({ pageSize: 2 })) seen.push(shelf.name);
    expect(seen).toEqual(shelves.map((s) => s.name));
    expect(server.requests.map((r) => r.url)).toEqual(["/v1/shelves?pageSize=2", "/v1/shelves?pageSize=2&pageToken=tok-2", "/v1/shelves?pageSize=2&pageToken=tok-4"]);
  });
});
