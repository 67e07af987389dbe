/**
 * Response schemas that describe the whole envelope (`envelope.schemas: envelope`), through a
 * client generated from test/fixtures/specs/envelope-schemas.yaml and a Cloudflare-like loopback
 * server: methods resolve to `result`, typed from the schema at that path; `success: false` is a
 * typed error; paging reads `result_info.total_pages` beside the unwrapped `result`, walks to the
 * end, and each page carries its typed totals.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runTsc, strictProject } from "../helpers/packages.js";
import { type GeneratedPackage, generateAndImport } from "../helpers/generated-package.js";
import { type Handler, type TestServer, sendJson, startServer } from "../helpers/server.js";

const SPEC = fileURLToPath(new URL("../fixtures/specs/envelope-schemas.yaml", import.meta.url));

interface Zone {
  readonly id: string;
  readonly name: string;
}
interface ResultInfo {
  readonly page: number;
  readonly per_page: number;
  readonly total_pages: number;
  readonly total_count: number;
}
interface Page {
  readonly items: readonly Zone[];
  readonly data: { readonly success: boolean; readonly result: readonly Zone[]; readonly result_info: ResultInfo };
  readonly hasNextPage: boolean;
}
interface Client {
  readonly zones: {
    get(id: string): PromiseLike<Zone>;
    list(params?: { page?: number; per_page?: number }): PromiseLike<Page> & AsyncIterable<Zone> & { pages(): AsyncIterable<Page> };
  };
}
interface Package {
  readonly EnvelopeSchemas: new (options: { baseUrl: string; maxRetries?: number }) => Client;
  readonly EnvelopeSchemasError: new (...args: never[]) => Error;
}

let generated: GeneratedPackage<Package>;
let pkg: Package;
let server: TestServer;
const client = (): Client => new pkg.EnvelopeSchemas({ baseUrl: server.url, maxRetries: 0 });

beforeAll(async () => {
  generated = await generateAndImport<Package>(SPEC, "envelope-schemas");
  pkg = generated.module;
  server = await startServer();
}, 60_000);

afterAll(async () => {
  await server.close();
  generated.remove();
});

beforeEach(() => server.reset());

const envelope = (result: unknown, extra: Record<string, unknown> = {}) => ({ success: true, errors: [], messages: [], result, ...extra });
const ZONES: Zone[] = ["a", "b", "c", "d", "e"].map((c) => ({ id: `z-${c}`, name: `${c}.example` }));

/** Serves `total` zones, `per_page` at a time (2 when the request names none), with their result_info. */
const zones =
  (total: number): Handler =>
  (req, res) => {
    const page = Number(req.query.get("page") ?? "1");
    const size = Number(req.query.get("per_page") ?? "2");
    const result = ZONES.slice((page - 1) * size, Math.min(page * size, total));
    sendJson(res, 200, envelope(result, { result_info: { page, per_page: size, total_pages: Math.ceil(total / size), total_count: total } }));
  };

describe("a method resolves to the payload the whole-envelope schema holds at data", () => {
  it("get() resolves to result", async () => {
    server.setHandler((_, res) => sendJson(res, 200, envelope(ZONES[0])));
    await expect(client().zones.get("z-a")).resolves.toEqual(ZONES[0]);
  });

  it("success: false under HTTP 200 is the provider's typed error, code and message from errors[0]", async () => {
    server.setHandler((_, res) => sendJson(res, 200, { success: false, errors: [{ code: 1003, message: "Invalid zone" }], messages: [], result: null }));
    const error = await Promise.resolve(client().zones.get("nope")).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(pkg.EnvelopeSchemasError);
    expect(error).toMatchObject({ status: 200, code: 1003, message: "Invalid zone" });
  });
});

describe("paging reads envelope fields beside the unwrapped payload", () => {
  it.each([
    { name: "5 zones, the default page size 2", total: 5, params: undefined, want: ["/zones?page=1", "/zones?page=2", "/zones?page=3"] },
    { name: "4 zones by 2: stops on total_pages though the last page is full", total: 4, params: { per_page: 2 }, want: ["/zones?page=1&per_page=2", "/zones?page=2&per_page=2"] },
    { name: "5 zones by 5: one request", total: 5, params: { per_page: 5 }, want: ["/zones?page=1&per_page=5"] },
  ])("$name", async ({ total, params, want }) => {
    server.setHandler(zones(total));
    const seen: Zone[] = [];
    for await (const zone of client().zones.list(params)) seen.push(zone);
    expect(seen).toEqual(ZONES.slice(0, total));
    expect(server.requests.map((r) => r.url)).toEqual(want);
  });

  it("each page carries the whole body, its totals included", async () => {
    server.setHandler(zones(5));
    const totals: ResultInfo[] = [];
    for await (const page of client().zones.list().pages()) totals.push(page.data.result_info);
    expect(totals).toEqual([1, 2, 3].map((page) => ({ page, per_page: 2, total_pages: 3, total_count: 5 })));
  });
});

describe("the package's types come from the whole-envelope schema", () => {
  it("get() is typed as result's schema and each page's totals as result_info's, strict", async () => {
    const consumer = join(generated.dir, "consumer.ts");
    writeFileSync(
      consumer,
      [
        'import { EnvelopeSchemas } from "./src/index.js";',
        'const client = new EnvelopeSchemas({ baseUrl: "https://api.example.test" });',
        'export async function use(): Promise<[string, number, number, string]> {',
        '  const zone = await client.zones.get("z-a");',
        "  const page = await client.zones.list();",
        "  // @ts-expect-error the envelope's own fields are not on the payload",
        "  zone.success;",
        "  return [zone.name, page.data.result_info.total_count, page.data.result_info.total_pages, page.items[0]?.id ?? \"\"];",
        "}",
        "",
      ].join("\n"),
    );
    const result = await runTsc(strictProject(join(generated.dir, "check"), { files: [consumer] }));
    expect(result.diagnostics).toEqual([]);
  }, 60_000);
});
