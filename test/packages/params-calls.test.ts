/**
 * The calling convention end to end: a package generated from test/fixtures/specs/kennel.yaml
 * calls a server on 127.0.0.1, and each `params` object arrives split where the spec says each
 * value travels — query parameters in the URL, header parameters as headers, the body's fields
 * (and nothing else) as the body; a list body, or a body whose field shares a query parameter's
 * name, from `params.body`.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GeneratedPackage, generateAndImport } from "../helpers/generated-package.js";
import { sendJson, startServer, type TestServer } from "../helpers/server.js";

const SPEC = fileURLToPath(new URL("../fixtures/specs/kennel.yaml", import.meta.url));

interface NewPet {
  name: string;
  tag?: string;
}
/** The generated methods, as the package declares them (test/generator/params-plan.test.ts pins the declarations). */
interface Kennel {
  readonly pets: {
    create(params: NewPet & { dryRun?: boolean; "X-Request-Tag"?: string }): Promise<unknown>;
    search(params?: { q?: string; limit?: number }): Promise<unknown>;
    setTags(petId: string, params: { body: string[]; replace?: boolean }): Promise<unknown>;
    rename(petId: string, params: { body: NewPet; name: string }): Promise<unknown>;
  };
}

let generated: GeneratedPackage<{ Kennel: new (options: object) => Kennel }>;
let server: TestServer;

beforeAll(async () => {
  generated = await generateAndImport(SPEC, "kennel");
  server = await startServer((_, res) => sendJson(res, 200, {}));
}, 60_000);

afterAll(async () => {
  await server?.close();
  generated?.remove();
});

describe("one params object, split on the wire", () => {
  const cases: { name: string; call: (k: Kennel) => Promise<unknown>; want: { method: string; url: string; header?: [string, string]; contentType: string | undefined; body: string } }[] = [
    {
      name: "a model body beside a query and a header parameter: only the model's fields are the body",
      call: (k) => k.pets.create({ name: "Rex", tag: "good", dryRun: true, "X-Request-Tag": "t-1" }),
      want: { method: "POST", url: "/pets?dryRun=true", header: ["x-request-tag", "t-1"], contentType: "application/json", body: '{"name":"Rex","tag":"good"}' },
    },
    {
      name: "a form body beside a query parameter",
      call: (k) => k.pets.search({ q: "terrier", limit: 5 }),
      want: { method: "POST", url: "/pets/search?limit=5", contentType: "application/x-www-form-urlencoded", body: "q=terrier" },
    },
    {
      name: "an optional body with no field given: no body at all",
      call: (k) => k.pets.search({ limit: 5 }),
      want: { method: "POST", url: "/pets/search?limit=5", contentType: undefined, body: "" },
    },
    {
      name: "a list body is params.body, sent as the list",
      call: (k) => k.pets.setTags("p1", { body: ["good", "small"], replace: true }),
      want: { method: "PUT", url: "/pets/p1/tags?replace=true", contentType: "application/json", body: '["good","small"]' },
    },
    {
      name: "a body whose field shares a query parameter's name is params.body: each `name` goes where it belongs",
      call: (k) => k.pets.rename("p1", { body: { name: "Max" }, name: "Rex" }),
      want: { method: "PATCH", url: "/pets/p1?name=Rex", contentType: "application/json", body: '{"name":"Max"}' },
    },
  ];
  it.each(cases)("$name", async ({ call, want }) => {
    server.reset();
    await call(new generated.module.Kennel({ baseUrl: server.url, maxRetries: 0 }));
    const [sent] = server.requests;
    expect(server.requests).toHaveLength(1);
    expect({ method: sent?.method, url: sent?.url, contentType: sent?.headers["content-type"], body: sent?.body }).toEqual({
      method: want.method,
      url: want.url,
      contentType: want.contentType,
      body: want.body,
    });
    if (want.header !== undefined) expect(sent?.headers[want.header[0]]).toBe(want.header[1]);
  });
});
