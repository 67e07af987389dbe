/**
 * Every committed package compiles for a strict consumer: imported by its npm name through
 * `node_modules` (so `exports`/`types` must point at real .d.ts files), with the shipped .d.ts
 * checked too (`skipLibCheck: false`), and its own src/ compiles under the same options. The
 * negative controls prove each part of the check can fail.
 */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type PackageInfo,
  type TscResult,
  discoverPackages,
  genericConsumer,
  linkPackages,
  runTsc,
  strictProject,
} from "../helpers/packages.js";

const PACKAGES = discoverPackages();

/** Typed calls a user of each known package would write, on top of the generic consumer. */
const TYPED_CONSUMERS: Readonly<Record<string, string>> = {
  "dojo-client": `import { Dojo, DojoProblemError, NotFoundError } from "dojo-client";
import type { CreatePaymentIntentRequest, DojoOptions, PaymentIntent } from "dojo-client";

const options: DojoOptions = { apiKey: "sk_sandbox_dummy", resellerId: "r", softwareHouseId: "s" };
const dojo = new Dojo({ ...options, baseUrl: "https://api.example.test" });

export async function createAndFetch(): Promise<PaymentIntent | string> {
  const request: CreatePaymentIntentRequest = { amount: { value: 1000, currencyCode: "GBP" }, reference: "order-1" };
  try {
    const created: PaymentIntent = await dojo.paymentIntents.create(request);
    const fetched: PaymentIntent = await dojo.paymentIntents.get(created.id ?? "pi_missing", { timeout: 5_000 });
    return fetched;
  } catch (error) {
    if (error instanceof NotFoundError) {
      const traceId: string | undefined = error.traceId;
      return traceId ?? "not found";
    }
    if (error instanceof DojoProblemError) {
      const messages: readonly string[] | undefined = error.errors["Reference"];
      return messages?.join(", ") ?? String(error.status);
    }
    throw error;
  }
}

// The per-operation functions: over the core, or over the client itself.
import { createDojoCore, paymentIntentsGet, paymentIntentsSearchAll } from "dojo-client";
import type { DojoCore, PaymentIntentsSearchParams } from "dojo-client";

const core: DojoCore = createDojoCore(options);

export async function byFunctions(id: string): Promise<string[]> {
  const intent: PaymentIntent = await paymentIntentsGet(core, id, { timeout: 5_000 });
  const same: PaymentIntent = await paymentIntentsGet(dojo, id);
  const search: PaymentIntentsSearchParams = { statuses: ["Captured"], cursor: { limit: 2 } };
  const ids: string[] = [intent.id ?? "", same.id ?? ""];
  for await (const found of paymentIntentsSearchAll(dojo.core, search)) ids.push(found.id ?? "");
  return ids;
}

// @ts-expect-error the first argument is the core or a client holding one
export const notACore = paymentIntentsGet({}, "pi_1");
`,
  "jodo-client": `import { Jodo, JodoError, NotFoundError } from "jodo-client";
import type { Product, Student } from "jodo-client";

const jodo = new Jodo({ apiKey: "key", apiSecret: "secret", environment: "sandbox" });

export async function describeStudent(id: string): Promise<string> {
  try {
    const student: Student = await jodo.students.get(id);
    const products: Product[] = await jodo.students.listProducts(id);
    const first: Product | undefined = products[0];
    return first === undefined ? student.fullname : \`\${student.fullname} (\${products.length} products)\`;
  } catch (error) {
    if (error instanceof NotFoundError) return error.code ?? "no such student";
    if (error instanceof JodoError) return String(error.status);
    throw error;
  }
}
`,
  "subscriptions-only-client": `import { BadRequestError, SubscriptionsOnly, SubscriptionsOnlyError, rateLimitOf } from "subscriptions-only-client";
import type { AddOn, AddOnCreate, DecimalString } from "subscriptions-only-client";

const so = new SubscriptionsOnly({ storeId: "STO-12345", apiKey: "key" });

export async function priceList(create: AddOnCreate): Promise<string[]> {
  try {
    await so.addOns.create(create);
    const confirmation: string = await so.addOns.update("SAO-000000", { addon_price: "12.50" });
    const prices: DecimalString[] = [confirmation];
    for await (const addOn of so.addOns.list({ filter_by: "addon_status", filter: "Active", sort: "asc", paginate: 50 })) {
      const item: AddOn = addOn;
      const deleted: string | null = item.deleted;
      prices.push(deleted === null ? item.addon_price : "0.00");
    }
    const { response } = await so.addOns.get("SAO-000000").withResponse();
    const remaining: number | undefined = rateLimitOf(response)?.remaining;
    return remaining === undefined ? prices : [...prices, String(remaining)];
  } catch (error) {
    if (error instanceof BadRequestError) return [...error.unknownFields, ...error.missingFields, error.kind ?? "other"];
    if (error instanceof SubscriptionsOnlyError && error.statusMismatch) return [error.envelopeStatus ?? "?"];
    throw error;
  }
}
`,
  "route-versioned-client": `import { NotFoundError, RateLimitError, RouteVersioned, RouteVersionedError, rateLimitOf } from "route-versioned-client";
import type { RateLimitState, RouteVersionedOptions, V1Customer, V2Customer, V2CustomerInput } from "route-versioned-client";

const options: RouteVersionedOptions = { apiToken: "t", baseUrl: "https://api.example.test", authScheme: "Token", rateLimitPacing: false };
const rv = new RouteVersioned(options);

export async function migrate(id: string): Promise<V2Customer | string> {
  try {
    const old: V1Customer = await rv.v1.customers.get(id);
    const [first = "", ...rest] = old.name.split(" ");
    const input: V2CustomerInput = { first_name: first, last_name: rest.join(" "), email: old.email ?? null };
    const { data, response } = await rv.v2.customers.update(id, input).withResponse();
    const state: RateLimitState | undefined = rateLimitOf(response);
    const left: number | undefined = state?.remaining;
    await rv.v1.customers.delete(id, { timeout: 5_000 });
    return left === 0 ? String(state?.resetAfter) : data;
  } catch (error) {
    if (error instanceof RateLimitError) return String(error.retryAfter ?? error.rateLimit?.resetAfter);
    if (error instanceof NotFoundError) return error.code ?? "no such customer";
    if (error instanceof RouteVersionedError) return JSON.stringify(error.details);
    throw error;
  }
}

// @ts-expect-error v1 customers have no first_name
export const wrongVersion = async (): Promise<string> => (await rv.v1.customers.get("c")).first_name;
`,
  "joor-client": `import { Joor, JoorError, JoorStyleExistsError, RequestCheckError } from "joor-client";
import type { JoorOptions, Page, Style, StyleInput } from "joor-client";

const options: JoorOptions = { token: "t", format: "xml" };
const joor = new Joor(options);

export async function sync(input: StyleInput): Promise<string[]> {
  try {
    await joor.styles.create({ styles: [input] }, { format: "json" });
    const style: Style = await joor.styles.getByNumber(input.style_number, input.style_identifier);
    const first: Page<Style> = await joor.styles.list({ count: 50, date_start: new Date(0), date_end: "2024-01-31T00:00:00Z" });
    const numbers: string[] = [style.style_number, ...first.items.map((s) => s.style_number)];
    for await (const order of joor.orders.list({ order_type: 6, export_status: 2 })) numbers.push(String(order.order_id));
    return numbers;
  } catch (error) {
    if (error instanceof JoorStyleExistsError) return [error.code ?? "203", error.comment ?? "", error.logId ?? ""];
    if (error instanceof JoorError) return [String(error.status), error.codeName ?? "unknown code"];
    if (error instanceof RequestCheckError) return [...error.fields, error.rule];
    throw error;
  }
}

// @ts-expect-error order_type is one of 1..8
export const badType = joor.orders.list({ order_type: 9 });
`,
};

let root = "";

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "clientsmith-typecheck-"));
  linkPackages(root, PACKAGES);
});

afterAll(() => {
  if (root !== "") rmSync(root, { recursive: true, force: true });
});

/** Writes `files` into a fresh project under the shared temp root and compiles it. */
async function compile(project: string, files: Readonly<Record<string, string>>): Promise<TscResult> {
  const dir = join(root, project);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return runTsc(strictProject(dir, { files: Object.keys(files) }));
}

function expectClean(result: TscResult): void {
  expect(result.diagnostics, result.output).toEqual([]);
  expect(result.exitCode, result.output).toBe(0);
}

describe("generated packages, seen by a strict consumer", () => {
  it("discovers the committed packages", () => {
    expect(PACKAGES.map((p) => p.name)).toEqual(expect.arrayContaining(Object.keys(TYPED_CONSUMERS)));
  });

  it.concurrent.each(PACKAGES)("$name: imported by name, typed calls compile", async (pkg: PackageInfo) => {
    const typed = TYPED_CONSUMERS[pkg.name];
    const result = await compile(`consumer-${pkg.name}`, {
      "generic.ts": genericConsumer(pkg),
      ...(typed === undefined ? {} : { "typed.ts": typed }),
    });
    expectClean(result);
  });

  it.concurrent.each(PACKAGES)("$name: its own src/ compiles", async (pkg: PackageInfo) => {
    const dir = join(root, `src-${pkg.name}`);
    const result = await runTsc(strictProject(dir, { include: [join(pkg.dir, "src/**/*.ts")] }));
    expectClean(result);
  });
});

describe("negative controls: the check fails when it should", () => {
  const dojoHeader = `import { Dojo, DojoProblemError } from "dojo-client";
import type { DojoOptions } from "dojo-client";
const dojo = new Dojo({ apiKey: "sk_sandbox_dummy" });
`;

  it.concurrent.each([
    {
      what: "a wrong argument type",
      code: "TS2345",
      body: `export const call = dojo.paymentIntents.get(42);\n`,
    },
    {
      what: "a result assigned to the wrong model",
      code: "TS2739",
      body: `import type { Money } from "dojo-client";\nexport const wrong = async (): Promise<Money> => await dojo.paymentIntents.get("pi_1");\n`,
    },
    {
      what: "undefined given for an optional option (exactOptionalPropertyTypes)",
      code: "TS2375",
      body: `export const options: DojoOptions = { apiKey: "k", resellerId: undefined };\n`,
    },
    {
      what: "an index read used as defined (noUncheckedIndexedAccess)",
      code: "TS2322",
      body: `export function first(error: DojoProblemError): readonly string[] {\n  const messages: readonly string[] = error.errors["Reference"];\n  return messages;\n}\n`,
    },
  ])("$what fails with $code", async ({ code, body }) => {
    const result = await compile(`negative-${code}-${body.length}`, { "broken.ts": `${dojoHeader}${body}` });
    expect(result.exitCode).not.toBe(0);
    expect(result.diagnostics.map((d) => d.code), result.output).toContain(code);
    expect(result.diagnostics.every((d) => d.file.endsWith("broken.ts")), result.output).toBe(true);
  });

  it("a broken .d.ts in a dependency fails (skipLibCheck is off)", async () => {
    const pkg = join(root, "broken-package");
    mkdirSync(join(pkg, "dist"), { recursive: true });
    writeFileSync(
      join(pkg, "package.json"),
      JSON.stringify({ name: "broken-client", type: "module", exports: { ".": { types: "./dist/index.d.ts", import: "./dist/index.js" } } }),
    );
    writeFileSync(join(pkg, "dist/index.d.ts"), "export type Picked = Pick<{ a: 1 }, \"b\">;\nexport declare const value: Picked;\n");
    writeFileSync(join(pkg, "dist/index.js"), "export const value = 1;\n");
    linkPackages(join(root, "negative-lib"), [{ dir: pkg, name: "broken-client", clientClass: "" }]);
    const result = await compile("negative-lib", { "consumer.ts": `import { value } from "broken-client";\nexport const v = value;\n` });
    expect(result.exitCode).not.toBe(0);
    expect(result.diagnostics, result.output).toEqual([
      expect.objectContaining({ code: "TS2344", file: expect.stringMatching(/index\.d\.ts$/) }),
    ]);
  });

  it("a package that cannot be resolved by name fails", async () => {
    const result = await compile("negative-unresolved", { "consumer.ts": `import { Dojo } from "no-such-client";\nexport const d = Dojo;\n` });
    expect(result.exitCode).not.toBe(0);
    expect(result.diagnostics.map((d) => d.code), result.output).toContain("TS2307");
  });
});
