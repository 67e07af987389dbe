/**
 * A call is sent when its method is called, so it can fail before the caller awaits it. Its
 * failure must reach the caller's `await` (or `withResponse()`) and never end the process as an
 * unhandled rejection. Each case runs a generated package in its own Node process, with Node's
 * default `--unhandled-rejections=throw`, against a loopback server that answers every request
 * with a 500.
 */

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENERATED, execNode } from "../helpers/packages.js";
import { type TestServer, sendJson, startServer } from "../helpers/server.js";

const PACKAGE = pathToFileURL(join(GENERATED, "subscriptions-only/dist/index.js")).href;

let root = "";
let server: TestServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "clientsmith-in-flight-"));
  server = await startServer((_, response) => sendJson(response, 500, { status: "500", message: "down", body: { text: "down" } }));
});

afterAll(async () => {
  await server.close();
  if (root !== "") rmSync(root, { recursive: true, force: true });
});

/** Runs `body` (an async function body with `client`, `APIError` and `settle` in scope) in a fresh process. */
async function run(name: string, body: string) {
  const script = join(root, `${name}.mjs`);
  writeFileSync(
    script,
    `import { SubscriptionsOnly, APIError } from ${JSON.stringify(PACKAGE)};
const client = new SubscriptionsOnly({ storeId: "STO-1", apiKey: "key", baseUrl: process.argv[2], maxRetries: 0 });
/** Lets the request fail before anyone awaits it. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
const outcome = async (promise) => { try { await promise; return "resolved"; } catch (error) { return error instanceof APIError ? \`APIError \${error.status}\` : String(error); } };
const lines = await (async () => { ${body} })();
console.log(JSON.stringify(lines));
`,
  );
  const result = await execNode([script, server.url], root);
  return { ...result, lines: result.exitCode === 0 ? (JSON.parse(result.stdout) as unknown) : undefined };
}

describe("a failed call reaches the caller, never the process", () => {
  it.concurrent.each([
    {
      what: "withResponse() on a list method",
      body: `return [await outcome(client.addOns.list().withResponse())];`,
      want: ["APIError 500"],
    },
    {
      what: "a list stored now and awaited after it failed",
      body: `const call = client.addOns.list(); await settle(); return [await outcome(call)];`,
      want: ["APIError 500"],
    },
    {
      what: "a list stored now, iterated after it failed",
      body: `const call = client.addOns.list(); await settle(); return [await outcome((async () => { for await (const item of call) void item; })())];`,
      want: ["APIError 500"],
    },
    {
      what: "a call stored now and its withResponse() awaited after it failed",
      body: `const call = client.addOns.get("SAO-1"); await settle(); return [await outcome(call.withResponse()), await outcome(call)];`,
      want: ["APIError 500", "APIError 500"],
    },
    {
      what: "two calls started together and awaited one after the other",
      body: `const a = client.addOns.get("SAO-1"); const b = client.addOns.list(); await settle(); return [await outcome(a), await outcome(b)];`,
      want: ["APIError 500", "APIError 500"],
    },
    {
      what: "a call nobody awaits",
      body: `client.addOns.get("SAO-1"); client.addOns.list(); await settle(); return ["still running"];`,
      want: ["still running"],
    },
  ])("$what", async ({ what, body, want }) => {
    const result = await run(what.replace(/\W+/g, "-"), body);
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(result.lines).toEqual(want);
  });

  it("negative control: a rejection the caller never sees does end the process", async () => {
    const result = await run("control", `Promise.reject(new Error("nobody catches this")); await settle(); return ["still running"];`);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/nobody catches this/);
  });
});
