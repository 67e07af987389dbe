/**
 * The per-operation functions beside the resource-grouped client: `paymentIntentsGet(core, id)`
 * sends the same request and gives the same result (or the same typed error) as
 * `dojo.paymentIntents.get(id)`, takes the client itself as well as its core, keeps its name when
 * the spec gains an operation, and is all a one-call bundle carries of the package's operations.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { diffSurfaces, overallLevel } from "../../generator/evolve/diff.js";
import { bump } from "../../generator/evolve/history.js";
import {
  APIError,
  createDojoCore,
  Dojo,
  type DojoCore,
  paymentIntentsGet,
  paymentIntentsSearchAll,
  type PaymentIntent,
} from "../../generated/dojo/dist/index.js";
import { petsSpec, removeTemps, surfaceFrom } from "../evolve/helpers.js";
import { type GeneratedPackage, generateAndImport } from "../helpers/generated-package.js";
import { GENERATED } from "../helpers/packages.js";
import { rejection } from "../helpers/rejection.js";
import { type RecordedRequest, sendJson, startServer, type TestServer } from "../helpers/server.js";
import { DOJO_SANDBOX_KEY, RESELLER_ID, SOFTWARE_HOUSE_ID, type DojoServer, problem, startDojoServer } from "../servers/dojo-server.js";

/** What a server saw of one request, without what differs between two connections. */
function wire(request: RecordedRequest | undefined) {
  if (request === undefined) return undefined;
  const { host: _host, connection: _connection, ...headers } = request.headers;
  return { method: request.method, url: request.url, headers, body: request.body };
}

type Outcome = { readonly value: unknown } | { readonly error: string; readonly status?: number; readonly message?: string };

/** What a call ended with: its value, or its error's class, status and message. */
async function outcome(call: () => PromiseLike<unknown>): Promise<Outcome> {
  try {
    return { value: await call() };
  } catch (error) {
    return error instanceof APIError
      ? { error: error.constructor.name, status: error.status, message: error.message }
      : { error: String(error) };
  }
}

describe("Dojo: a function call and the same method call", () => {
  let server: DojoServer;
  const options = () => ({ apiKey: DOJO_SANDBOX_KEY, resellerId: RESELLER_ID, softwareHouseId: SOFTWARE_HOUSE_ID, baseUrl: server.url, maxRetries: 0 });

  beforeAll(async () => {
    server = await startDojoServer();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => server.reset());

  /** Runs `call` alone against the server (after `setup`) and returns what went over the wire and what came back. */
  async function observe(setup: () => void, call: () => PromiseLike<unknown>) {
    server.reset();
    setup();
    const result = await outcome(call);
    return { requests: server.requests.map(wire), result };
  }

  const all = async (iterable: AsyncIterable<PaymentIntent>): Promise<PaymentIntent[]> => {
    const items: PaymentIntent[] = [];
    for await (const item of iterable) items.push(item);
    return items;
  };

  const cases: {
    name: string;
    setup?: () => void;
    method: (dojo: Dojo) => PromiseLike<unknown>;
    fn: (core: DojoCore) => PromiseLike<unknown>;
    want: { requests: number; result: "value" | "NotFoundError" };
  }[] = [
    {
      name: "a plain call (path parameter only)",
      method: (dojo) => dojo.paymentIntents.get("pi_sandbox_1"),
      fn: (core) => paymentIntentsGet(core, "pi_sandbox_1"),
      want: { requests: 1, result: "value" },
    },
    {
      name: "a paged call iterated to the end (a body cursor, three pages)",
      method: (dojo) => all(dojo.paymentIntents.searchAll({ statuses: ["Captured"], cursor: { limit: 1 } })),
      fn: (core) => all(paymentIntentsSearchAll(core, { statuses: ["Captured"], cursor: { limit: 1 } })),
      want: { requests: 3, result: "value" },
    },
    {
      name: "a typed error (an RFC 7807 404)",
      setup: () => server.queue({ status: 404, body: problem(404, "No such payment intent") }),
      method: (dojo) => dojo.paymentIntents.get("pi_sandbox_missing"),
      fn: (core) => paymentIntentsGet(core, "pi_sandbox_missing"),
      want: { requests: 1, result: "NotFoundError" },
    },
  ];

  it.each(cases)("$name: the same request, the same result", async ({ setup = () => undefined, method, fn, want }) => {
    const byMethod = await observe(setup, () => method(new Dojo(options())));
    const byFunction = await observe(setup, () => fn(createDojoCore(options())));
    expect(byFunction).toEqual(byMethod);
    expect(byFunction.requests).toHaveLength(want.requests);
    expect("value" in byFunction.result ? "value" : byFunction.result.error).toBe(want.result);
  });

  it("a function takes the whole client too, and sends what it sends with the client's core", async () => {
    const dojo = new Dojo(options());
    const withClient = await observe(() => undefined, () => paymentIntentsGet(dojo, "pi_sandbox_1"));
    const withCore = await observe(() => undefined, () => paymentIntentsGet(dojo.core, "pi_sandbox_1"));
    expect(withClient).toEqual(withCore);
    expect(withClient.requests[0]?.headers["authorization"]).toBe(`Basic ${DOJO_SANDBOX_KEY}`);
  });

  it("a function rejects with the typed error the method rejects with", async () => {
    server.queue({ status: 404, body: problem(404, "No such payment intent") });
    const error = await rejection(paymentIntentsGet(createDojoCore(options()), "pi_sandbox_missing"));
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(404);
  });
});

describe("Kennel: a body beside query and header parameters", () => {
  const SPEC = fileURLToPath(new URL("../fixtures/specs/kennel.yaml", import.meta.url));
  interface PetsCreateParams {
    name: string;
    tag?: string;
    dryRun?: boolean;
    "X-Request-Tag"?: string;
  }
  interface KennelCore {
    readonly __brand?: never;
  }
  interface Kennel {
    readonly core: KennelCore;
    readonly pets: { create(params: PetsCreateParams): Promise<unknown> };
  }
  interface KennelPackage {
    Kennel: new (options: object) => Kennel;
    createKennelCore(options: object): KennelCore;
    petsCreate(client: KennelCore | Kennel, params: PetsCreateParams): Promise<unknown>;
  }
  let generated: GeneratedPackage<KennelPackage>;
  let server: TestServer;

  beforeAll(async () => {
    generated = await generateAndImport<KennelPackage>(SPEC, "kennel");
    server = await startServer((request, res) => sendJson(res, 201, { id: "p1", echo: JSON.parse(request.body) as unknown }));
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    generated?.remove();
  });

  it("sends the same request and gives the same result as the method", async () => {
    const params: PetsCreateParams = { name: "Rex", tag: "good", dryRun: true, "X-Request-Tag": "t-1" };
    const { Kennel, createKennelCore, petsCreate } = generated.module;
    const options = { baseUrl: server.url, maxRetries: 0 };
    server.reset();
    const byMethod = await new Kennel(options).pets.create(params);
    const byFunction = await petsCreate(createKennelCore(options), params);
    const [method, fn] = server.requests.map(wire);
    expect(fn).toEqual(method);
    expect(fn).toMatchObject({ method: "POST", url: "/pets?dryRun=true", body: '{"name":"Rex","tag":"good"}' });
    expect(byFunction).toEqual(byMethod);
  });
});

describe("function names depend on the operation alone", () => {
  afterAll(removeTemps);

  it("a spec that gains operations (one ahead of the others, one in a new resource) keeps every name: additive, minor", async () => {
    const before = petsSpec();
    const after = structuredClone(before);
    // First in the document, so that anything numbered by position would move.
    after.paths = {
      "/owners/{ownerId}": { get: { tags: ["Owners"], operationId: "Owners_Get", parameters: [{ name: "ownerId", in: "path", required: true, schema: { type: "string" } }], responses: { "204": { description: "ok" } } } },
      "/pets/search": { get: { tags: ["Pets"], operationId: "Pets_Search", responses: { "204": { description: "ok" } } } },
      ...before.paths,
    };
    const [old, now] = [await surfaceFrom(before), await surfaceFrom(after)];
    const functions = (s: typeof old) => Object.keys(s.exports).filter((name) => s.exports[name] === "function" && !name.startsWith("testing/"));
    expect(functions(old)).toEqual(["createPetStoreCore", "petsCreate", "petsGet", "petsList"]);
    expect(functions(now).filter((n) => !functions(old).includes(n)).sort()).toEqual(["ownersGet", "petsSearch"]);
    const changes = diffSurfaces(old, now);
    expect(changes.filter((c) => c.level !== "additive")).toEqual([]);
    expect(changes.filter((c) => c.id.startsWith("export-")).map((c) => c.id).sort()).toEqual([
      "export-added:Owners",
      "export-added:ownersGet",
      "export-added:petsSearch",
    ]);
    expect(bump("1.0.0", overallLevel(changes))).toBe("1.1.0");
  }, 60_000);
});

describe("a one-call bundle of the function style", () => {
  /** Every operation's path template in a package, from its operations modules. */
  function operationPaths(pkg: string): string[] {
    const dir = join(GENERATED, pkg, "src/operations");
    return readdirSync(dir).flatMap((file) => [...readFileSync(join(dir, file), "utf8").matchAll(/^\s*path: "([^"]+)",$/gm)].map((m) => m[1] ?? ""));
  }

  it.each([
    { pkg: "jodo", call: `import { createJodoCore, studentsGet } from "./dist/index.js";\nexport const get = (id: string) => studentsGet(createJodoCore({ apiKey: "k", apiSecret: "s" }), id);`, path: "/api/v1/integrations/erp/students/{jodo_student_id}" },
    { pkg: "dojo", call: `import { createDojoCore, paymentIntentsGet } from "./dist/index.js";\nexport const get = (id: string) => paymentIntentsGet(createDojoCore({ apiKey: "sk_sandbox_k" }), id);`, path: "/payment-intents/{paymentIntentId}" },
  ])("$pkg: carries its own operation's path, no other operation's, and no resource class or client", async ({ pkg, call, path }) => {
    const result = await build({
      stdin: { contents: call, resolveDir: join(GENERATED, pkg), loader: "ts" },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      write: false,
      metafile: true,
    });
    const text = result.outputFiles[0]?.text ?? "";
    const others = operationPaths(pkg).filter((p) => p !== path);
    expect(others.length).toBeGreaterThan(10);
    expect(text).toContain(path);
    expect(others.filter((p) => text.includes(`"${p}"`))).toEqual([]);
    const modules = Object.entries(Object.values(result.metafile.outputs)[0]?.inputs ?? {})
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([file]) => file);
    expect(modules.filter((file) => /\/(resources\/|client\.js$)/.test(file))).toEqual([]);
  });
});
