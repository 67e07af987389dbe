/**
 * docs/conventions.md's cookbook: every dialect's `x-conventions` block is a fixture under
 * test/fixtures/dialects/ (a small spec ending in that block), the doc shows it verbatim, and a
 * package generates from it. The Cloudflare-like dialect is then called over HTTP: a boolean
 * success flag, `success: false` under 200 as a typed error with a numeric code and the list of
 * errors, and the code table's classes under their status classes.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePackage } from "../../generator/pipeline.js";
import { REPO_ROOT, runTsc, strictProject } from "../helpers/packages.js";
import { type TestServer, sendJson, startServer } from "../helpers/server.js";

const DIALECTS = join(REPO_ROOT, "test/fixtures/dialects");
const DOC = readFileSync(join(REPO_ROOT, "docs/conventions.md"), "utf8");
const fixtures = readdirSync(DIALECTS).filter((f) => f.endsWith(".yaml")).sort();

/** The fixture's `x-conventions:` block, as the cookbook shows it. */
function block(fixture: string): string {
  const text = readFileSync(join(DIALECTS, fixture), "utf8");
  return text.slice(text.indexOf("x-conventions:"));
}

describe("the cookbook shows each dialect's block, and each generates a package", () => {
  it("covers the five seeds, Cloudflare-like, Slack, Paystack, Square, Twilio, PayPal, GitHub and Google AIP-193", () => {
    expect(fixtures.map((f) => f.replace(/(-presets?|-primitives)?\.yaml$/, "")).filter((n, i, all) => all.indexOf(n) === i)).toEqual([
      "cloudflare",
      "dojo",
      "github",
      "google",
      "jodo",
      "joor",
      "paypal",
      "paystack",
      "route-versioned",
      "slack",
      "square",
      "subscriptions-only",
      "twilio",
    ]);
  });

  it.each(fixtures)("%s", async (fixture) => {
    expect(DOC).toContain("```yaml\n" + block(fixture) + "```");
    const pkg = await generatePackage(join(DIALECTS, fixture));
    expect(pkg.files.some((f) => f.path === "dist/index.js")).toBe(true);
  });
});

interface CloudflareModule {
  readonly Cloudflare: new (options: { baseUrl: string; maxRetries?: number }) => {
    zones: { get(id: string): Promise<unknown>; list(params?: { per_page?: number }): AsyncIterable<{ id: string }> };
  };
  readonly CloudflareError: new (...args: never[]) => Error;
  readonly AuthenticationError: new (...args: never[]) => Error;
  readonly RateLimitError: new (...args: never[]) => Error;
  readonly ConflictError: new (...args: never[]) => Error;
  readonly CloudflareAuthenticationError: new (...args: never[]) => Error;
  readonly CloudflareThrottledError: new (...args: never[]) => Error;
  readonly CloudflareRecordExistsError: new (...args: never[]) => Error;
}

describe("a Cloudflare-like dialect over HTTP", () => {
  let server: TestServer;
  let cf: CloudflareModule;
  let source: string;
  let dir: string;

  beforeAll(async () => {
    server = await startServer();
    const pkg = await generatePackage(join(DIALECTS, "cloudflare.yaml"));
    dir = mkdtempSync(join(tmpdir(), "clientsmith-cookbook-"));
    for (const f of pkg.files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    source = pkg.files.find((f) => f.path === "src/errors.ts")?.content ?? "";
    cf = (await import(pathToFileURL(join(dir, "dist/index.js")).href)) as CloudflareModule;
  }, 30_000);
  afterAll(async () => server.close());

  const client = () => new cf.Cloudflare({ baseUrl: server.url, maxRetries: 1 });
  const failure = (code: number, message: string) => ({ success: false, errors: [{ code, message, error_chain: [{ code: 1, message: "inner" }] }, { code: 1001, message: "second" }], messages: [], result: null });

  it("types the code as a number and the list as the schema's entries", () => {
    expect(source).toContain("export class CloudflareError extends APIError<number> {");
    expect(source).toContain("readonly errors: readonly Message[];");
    expect(source).toContain("export class CloudflareAuthenticationError extends AuthenticationError {}");
  });

  it("type-checks strict, the numeric code and the typed list included", async () => {
    const result = await runTsc(strictProject(join(dir, "check"), { include: [join(dir, "src/**/*.ts")] }));
    expect(result.diagnostics).toEqual([]);
  }, 60_000);

  it("unwraps result when success is true", async () => {
    server.setHandler((_, res) => sendJson(res, 200, { success: true, errors: [], messages: [], result: { id: "z1", name: "example.com" } }));
    await expect(client().zones.get("z1")).resolves.toEqual({ id: "z1", name: "example.com" });
  });

  it("lists zones page by page to result_info.total_pages", async () => {
    server.reset();
    server.setHandler((req, res) => {
      const page = Number(req.query.get("page"));
      const result = page <= 2 ? [{ id: `z${page}a` }, { id: `z${page}b` }] : [];
      sendJson(res, 200, { success: true, errors: [], messages: [], result, result_info: { page, per_page: 2, total_pages: 2, total_count: 4 } });
    });
    const seen: string[] = [];
    for await (const zone of client().zones.list({ per_page: 2 })) seen.push(zone.id);
    expect(seen).toEqual(["z1a", "z1b", "z2a", "z2b"]);
    expect(server.requests.map((r) => r.url)).toEqual(["/zones?page=1&per_page=2", "/zones?page=2&per_page=2"]);
  });

  it.each([
    { name: "success false under 200, an unlisted code", status: 200, code: 7003, want: () => cf.CloudflareError, not: () => cf.AuthenticationError },
    { name: "code 10000 under 200 is an authentication error", status: 200, code: 10000, want: () => cf.CloudflareAuthenticationError, not: () => cf.ConflictError },
    { name: "code 10000 under 403 is still the code's class", status: 403, code: 10000, want: () => cf.AuthenticationError, not: () => cf.RateLimitError },
    { name: "code 81057 is a conflict", status: 400, code: 81057, want: () => cf.CloudflareRecordExistsError, not: () => cf.AuthenticationError },
  ])("$name", async ({ status, code, want, not }) => {
    server.reset();
    server.setHandler((_, res) => sendJson(res, status, failure(code, `failed with ${code}`)));
    const error = await client().zones.get("z1").then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(want());
    expect(error).toBeInstanceOf(cf.CloudflareError);
    expect(error).not.toBeInstanceOf(not());
    expect(error).toMatchObject({ status, code, message: `failed with ${code}`, details: [{ code: 1, message: "inner" }] });
    expect((error as { errors: unknown[] }).errors).toEqual(failure(code, "").errors.map((e, i) => (i === 0 ? { ...e, message: `failed with ${code}` } : e)));
    expect(server.requests).toHaveLength(1);
  });

  it("code 971 is a rate-limit error, retried as the table says", async () => {
    server.reset();
    server.setHandler((_, res) => sendJson(res, 200, failure(971, "slow down")));
    const error = await client().zones.get("z1").then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(cf.CloudflareThrottledError);
    expect(error).toBeInstanceOf(cf.RateLimitError);
    expect(error).toMatchObject({ code: 971, retryable: true });
    expect(server.requests).toHaveLength(2);
  });
});
