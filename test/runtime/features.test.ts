/**
 * The runtime's split: `HttpCore` does single calls and takes paging as a feature, so a package
 * without list operations neither bundles paging nor can start one by mistake; `HttpClient` is
 * the core with every feature.
 */

import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { HttpClient } from "../../templates/runtime/client.js";
import { HttpCore } from "../../templates/runtime/core.js";
import { APIError, RequestValidationError, type ErrorClasses } from "../../templates/runtime/errors.js";
import { pagingFeature } from "../../templates/runtime/paging.js";
import type { OperationDescriptor } from "../../templates/runtime/types.js";

const errors: ErrorClasses = { byStatus: {}, clientError: APIError, serverError: APIError };
const list: OperationDescriptor = { id: "Things_List", method: "GET", path: "/things", query: [{ key: "after", name: "after" }], paging: { type: "cursor", cursorParam: "after", next: ["next"], items: ["items"] } };
const get: OperationDescriptor = { id: "Things_Get", method: "GET", path: "/things/1" };

/** Two pages: `after` absent → items 1, 2 and a cursor; `after=c2` → item 3 and none. */
const pages: typeof fetch = async (input) => {
  const after = new URL(String(input)).searchParams.get("after");
  const body = after === null ? { items: [1, 2], next: "c2" } : { items: [3], next: null };
  return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
};

async function all(pagePromise: AsyncIterable<number>): Promise<number[]> {
  const items: number[] = [];
  for await (const item of pagePromise) items.push(item);
  return items;
}

describe("HttpCore and its features", () => {
  const cases = [
    { name: "HttpClient: every feature", make: () => new HttpClient({ baseUrl: "https://api.test", plugins: [], errors, fetch: pages }), want: [1, 2, 3] },
    { name: "HttpCore with paging passed in", make: () => new HttpCore({ baseUrl: "https://api.test", plugins: [], errors, fetch: pages }, { paging: pagingFeature }), want: [1, 2, 3] },
  ];
  it.each(cases)("$name walks every page", async ({ make, want }) => {
    expect(await all(make().paginate<number>(list, {}))).toEqual(want);
  });

  it("HttpCore without paging makes single calls and refuses a list, naming the operation", async () => {
    const http = new HttpCore({ baseUrl: "https://api.test", plugins: [], errors, fetch: pages });
    await expect(http.request(get, {})).resolves.toEqual({ items: [1, 2], next: "c2" });
    expect(() => http.paginate(list, {})).toThrow(RequestValidationError);
    expect(() => http.paginate(list, {})).toThrow("Things_List is paged, but this client was built without paging");
  });

  it("a one-call consumer of HttpCore bundles neither paging nor the link-header reader", async () => {
    const core = fileURLToPath(new URL("../../templates/runtime/core.ts", import.meta.url));
    const entry = `import { HttpCore } from ${JSON.stringify(core)};
export const call = (fetchImpl: typeof fetch) => new HttpCore({ baseUrl: "https://api.test", plugins: [], errors: { byStatus: {} } as never, fetch: fetchImpl }).request({ id: "A", method: "GET", path: "/a" }, {});`;
    const result = await build({ stdin: { contents: entry, loader: "ts", resolveDir: process.cwd() }, bundle: true, write: false, format: "esm", platform: "browser", metafile: true, logLevel: "silent" });
    const bundled = Object.keys(result.metafile.inputs).map((path) => path.replace(/^.*\//, ""));
    expect(bundled).toContain("core.ts");
    expect(bundled).not.toContain("paging.ts");
    expect(bundled).not.toContain("link-header.ts");
  });
});
