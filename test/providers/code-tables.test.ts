/**
 * Code tables beyond the code, through a client generated from test/fixtures/specs/code-tables.yaml
 * and a loopback server: a table keyed on `category`, one keyed on `category` and `code`, a bare
 * `{retryable: false}` that wins over a retried status, a bare status that classes a failure under
 * 200 (and yields to an HTTP error status), a named field typed from the 200-typed schema, and the
 * list of errors typed from there too. Waits go through the client's `sleep` seam.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type GeneratedPackage, generateAndImport } from "../helpers/generated-package.js";
import { type TestServer, sendJson, startServer } from "../helpers/server.js";

const SPEC = fileURLToPath(new URL("../fixtures/specs/code-tables.yaml", import.meta.url));

type ErrorClass = new (...args: never[]) => Error;
interface Package {
  readonly Shop: new (options: { baseUrl: string; maxRetries?: number; sleep?: (ms: number) => Promise<void> }) => { payments: { list(): PromiseLike<unknown> } };
  readonly ShopError: ErrorClass;
  readonly ShopPaymentMethodError: ErrorClass;
  readonly ShopCardDeclinedError: ErrorClass;
  readonly BadRequestError: ErrorClass;
  readonly InternalServerError: ErrorClass;
  readonly NotFoundError: ErrorClass;
}

let generated: GeneratedPackage<Package>;
let pkg: Package;
let server: TestServer;

beforeAll(async () => {
  generated = await generateAndImport<Package>(SPEC, "code-tables");
  pkg = generated.module;
  server = await startServer();
}, 60_000);

afterAll(async () => {
  await server.close();
  generated.remove();
});

beforeEach(() => server.reset());

const client = () => new pkg.Shop({ baseUrl: server.url, maxRetries: 2, sleep: async () => undefined });
const answer = (status: number, category: string, code: string) => server.setHandler((_, res) => sendJson(res, status, { errors: [{ category, code, detail: `${category}/${code}` }] }));
const failure = async (): Promise<Error & Record<string, unknown>> => {
  const outcome = await client().payments.list().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(outcome instanceof Error)) throw new Error("expected the call to reject");
  return outcome as Error & Record<string, unknown>;
};

describe("the class: two fields first, then the code, then the category; a bare status only under 2xx", () => {
  it.each([
    { given: "402, PAYMENT_METHOD_ERROR + CARD_DECLINED", status: 402, category: "PAYMENT_METHOD_ERROR", code: "CARD_DECLINED", want: { cls: () => pkg.ShopCardDeclinedError, also: () => pkg.BadRequestError } },
    { given: "402, PAYMENT_METHOD_ERROR + CVV_FAILURE", status: 402, category: "PAYMENT_METHOD_ERROR", code: "CVV_FAILURE", want: { cls: () => pkg.ShopPaymentMethodError, also: () => pkg.ShopError } },
    { given: "200, INVALID_REQUEST_ERROR (a bare status)", status: 200, category: "INVALID_REQUEST_ERROR", code: "INVALID_VALUE", want: { cls: () => pkg.BadRequestError, also: () => pkg.ShopError } },
    { given: "404, INVALID_REQUEST_ERROR (the HTTP status wins over a bare one)", status: 404, category: "INVALID_REQUEST_ERROR", code: "INVALID_VALUE", want: { cls: () => pkg.NotFoundError, also: () => pkg.ShopError } },
  ])("$given", async ({ status, category, code, want }) => {
    answer(status, category, code);
    const error = await failure();
    expect(error).toBeInstanceOf(want.cls());
    expect(error).toBeInstanceOf(want.also());
    expect(error).toMatchObject({ status, code, category, message: `${category}/${code}`, errors: [{ category, code, detail: `${category}/${code}` }] });
    expect(server.requests).toHaveLength(1);
  });
});

describe("the retry word: the first table entry that says one, over the status", () => {
  it.each([
    { given: "200, API_ERROR (the category says retry)", status: 200, code: "INTERNAL", want: { cls: () => pkg.InternalServerError, retryable: true, requests: 3 } },
    { given: "503, API_ERROR + BUSY (the code says never, before the category)", status: 503, code: "BUSY", want: { cls: () => pkg.InternalServerError, retryable: false, requests: 1 } },
    { given: "503, API_ERROR + INTERNAL", status: 503, code: "INTERNAL", want: { cls: () => pkg.InternalServerError, retryable: true, requests: 3 } },
  ])("$given → $want.requests request(s)", async ({ status, code, want }) => {
    answer(status, "API_ERROR", code);
    const error = await failure();
    expect(error).toBeInstanceOf(want.cls());
    expect(error).toMatchObject({ status, code, retryable: want.retryable });
    expect(server.requests).toHaveLength(want.requests);
  });
});

describe("typed from the 200-typed schema, where failures arrive", () => {
  it("declares `category` as the schema's enum and `errors` as its Error entries", () => {
    const source = readFileSync(join(generated.dir, "src/errors.ts"), "utf8");
    expect(source).toContain('readonly category: "API_ERROR" | "PAYMENT_METHOD_ERROR" | "INVALID_REQUEST_ERROR" | undefined;');
    expect(source).toContain("readonly errors: readonly ErrorModel[];");
  });
});
