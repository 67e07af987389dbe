/**
 * The cookbook's two Subscriptions Only blocks over HTTP: one client generated from the presets
 * (test/fixtures/dialects/subscriptions-only-presets.yaml), one from the primitives they expand
 * into (…-primitives.yaml), each against the same loopback server. Both unwrap `body.data` or
 * `body.text`, refuse a status that disagrees with the HTTP one, and name the fields of a 400 by
 * index into the body sent — the preset on `TextFieldsError` (`fields`, `envelopeStatus`), the
 * primitives as `fieldNames` and `reportedStatus`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generatePackage } from "../../generator/pipeline.js";
import { REPO_ROOT } from "../helpers/packages.js";
import { type TestServer, sendJson, startServer } from "../helpers/server.js";

type ErrorClass = new (...args: never[]) => Error;
interface Thing {
  readonly id?: string;
  readonly name?: string;
  readonly price?: string;
  readonly [key: string]: unknown;
}
type Client = new (options: { baseUrl: string; maxRetries?: number }) => {
  readonly things: {
    create(body: Thing): Promise<void>;
    get(id: string): Promise<Thing>;
    update(id: string, body: Thing): Promise<string>;
  };
};
/** The client class is named from the fixture's file name. */
interface SoModule {
  readonly SubscriptionsOnlyPresets?: Client;
  readonly SubscriptionsOnlyPrimitives?: Client;
  readonly SubscriptionsOnlyError: ErrorClass;
  readonly BadRequestError: ErrorClass;
  readonly NotFoundError: ErrorClass;
  readonly ResponseParseError: ErrorClass;
}

/** What each form calls the properties both read: the preset's base class names them its own way. */
const FORMS = [
  { form: "presets", names: "fields", reported: "envelopeStatus" },
  { form: "primitives", names: "fieldNames", reported: "reportedStatus" },
] as const;

let server: TestServer;
const modules = new Map<string, SoModule>();
const rejection = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => undefined, (error: unknown) => error);

beforeAll(async () => {
  server = await startServer();
  for (const { form } of FORMS) {
    const dir = mkdtempSync(join(tmpdir(), `clientsmith-so-${form}-`));
    for (const f of (await generatePackage(join(REPO_ROOT, `test/fixtures/dialects/subscriptions-only-${form}.yaml`))).files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    modules.set(form, (await import(pathToFileURL(join(dir, "dist/index.js")).href)) as SoModule);
  }
}, 60_000);
afterAll(async () => server.close());
beforeEach(() => server.reset());

const sent: Thing = { id: "t1", name: "Gift wrap", price: "4.99", colour: "red" };

describe.each(FORMS)("the $form block", ({ form, names, reported }) => {
  const so = () => {
    const m = modules.get(form);
    if (m === undefined) throw new Error(`${form} was not generated`);
    return m;
  };
  const client = () => {
    const Client = so().SubscriptionsOnlyPresets ?? so().SubscriptionsOnlyPrimitives;
    if (Client === undefined) throw new Error(`${form}: no client class`);
    return new Client({ baseUrl: server.url, maxRetries: 0 });
  };

  it.each([
    { name: "a read: body.data", reply: { status: 200, body: { status: "200", message: "OK", body: { data: { id: "t1", name: "Gift wrap" } } } }, call: "get", want: { id: "t1", name: "Gift wrap" } },
    { name: "an update: body.text", reply: { status: 200, body: { status: "200", message: "OK", body: { text: "Content updated" } } }, call: "update", want: "Content updated" },
    { name: "a create: 201 without a body", reply: { status: 201, body: { status: "201", message: "Created" } }, call: "create", want: undefined },
  ])("resolves $name", async ({ reply, call, want }) => {
    server.setHandler((_, res) => sendJson(res, reply.status, reply.body));
    const things = client().things;
    const result = call === "get" ? things.get("t1") : call === "update" ? things.update("t1", sent) : things.create(sent);
    await expect(result).resolves.toEqual(want);
  });

  it.each([
    {
      name: "an unknown field named by its index into the body sent (the API quotes the value)",
      reply: { status: 400, body: { status: "400", message: "Bad Request", body: { text: "Unknown fields submitted.", fields: { "3": "red" } } } },
      want: { class: "BadRequestError", message: "Unknown fields submitted: colour", kind: "unknown-fields", names: ["colour"], reported: "400" },
    },
    {
      name: "missing fields: the values are the names",
      reply: { status: 400, body: { status: "400", message: "Bad Request", body: { text: "Required fields missing.", fields: { "0": "status", "2": "code" } } } },
      want: { class: "BadRequestError", message: "Required fields missing: status, code", kind: "missing-fields", names: ["status", "code"], reported: "400" },
    },
    {
      name: "another text: no kind, indexes still resolved",
      reply: { status: 400, body: { status: "400", message: "Bad Request", body: { text: "Invalid field values.", fields: { "2": "4,99" } } } },
      want: { class: "BadRequestError", message: "Invalid field values: price", kind: undefined, names: ["price"], reported: "400" },
    },
    {
      name: "a 200 whose body says 400: the HTTP status's class, both statuses in the message",
      reply: { status: 200, body: { status: "400", message: "Bad Request", body: { text: "Unknown fields submitted.", fields: { "3": "colour" } } } },
      want: {
        class: "SubscriptionsOnlyError",
        message: 'Things_Create: the body reports status "400" in an HTTP 200 response (Unknown fields submitted: colour)',
        kind: "unknown-fields",
        names: ["colour"],
        reported: "400",
      },
    },
    {
      name: "only the envelope: the reason phrase is the message",
      reply: { status: 404, body: { status: "404", message: "Not Found" } },
      want: { class: "NotFoundError", message: "Not Found", kind: undefined, names: [], reported: "404" },
    },
  ])("throws $name", async ({ reply, want }) => {
    server.setHandler((_, res) => sendJson(res, reply.status, reply.body));
    const error = await rejection(client().things.create(sent));
    expect(error).toBeInstanceOf(so()[want.class as "BadRequestError"]);
    expect(error).toBeInstanceOf(so().SubscriptionsOnlyError);
    expect(error).toMatchObject({ status: reply.status, message: want.message, kind: want.kind, [names]: want.names, [reported]: want.reported });
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual(sent);
  });

  it.each([
    { name: "no status at all", body: { id: "t1" }, want: /Things_Get returned an object without "status"/ },
    { name: "a body that is not an object", body: { status: "200", body: "Content updated" }, want: /Things_Get returned an object without an object in "body"/ },
  ])("a 2xx that is not the envelope ($name) is a ResponseParseError", async ({ body, want }) => {
    server.setHandler((_, res) => sendJson(res, 200, body));
    const error = await rejection(client().things.get("t1"));
    expect(error).toBeInstanceOf(so().ResponseParseError);
    expect((error as Error).message).toMatch(want);
  });
});
