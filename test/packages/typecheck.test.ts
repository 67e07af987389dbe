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
