/**
 * A raw-bytes upload, generated from a test spec and sent by the generated package to a server on
 * 127.0.0.1: a `ReadableStream` body goes out streamed (Node's fetch refuses one without
 * `duplex: "half"`), a Blob and bytes as they are, each with the spec's media type left to fetch.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePackage } from "../../generator/pipeline.js";
import { sendJson, startServer, type TestServer } from "../helpers/server.js";

const SPEC = fileURLToPath(new URL("../fixtures/specs/uploads.yaml", import.meta.url));

type Body = Blob | ReadableStream<Uint8Array> | ArrayBuffer | Uint8Array;
interface UploadsClient {
  readonly files: { upload(name: string, params: { body: Body }, options?: object): Promise<{ name: string; size: number }> };
}

let dir: string;
let server: TestServer;
let Uploads: new (options: object) => UploadsClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "clientsmith-uploads-"));
  const pkg = await generatePackage(SPEC);
  for (const f of pkg.files) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
  const mod = (await import(pathToFileURL(join(dir, "dist", "index.js")).href)) as { Uploads: typeof Uploads };
  Uploads = mod.Uploads;
  server = await startServer((req, res) => sendJson(res, 201, { name: req.path, size: Buffer.byteLength(req.body) }));
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function streamOf(chunks: readonly string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(encoder.encode(chunk));
    },
  });
}

describe("raw-bytes uploads through a generated package", () => {
  const payload = ["line one\n", "line two\n", "ü\n"];
  it.each([
    { name: "a ReadableStream", body: (): Body => streamOf(payload) },
    { name: "a Blob", body: (): Body => new Blob(payload) },
    { name: "a Uint8Array", body: (): Body => new TextEncoder().encode(payload.join("")) },
  ])("$name arrives whole", async ({ body }) => {
    server.reset();
    const client = new Uploads({ baseUrl: server.url, maxRetries: 0 });
    const stored = await client.files.upload("notes.txt", { body: body() });
    expect(stored).toEqual({ name: "/files/notes.txt", size: Buffer.byteLength(payload.join("")) });
    expect(server.requests.map((r) => [r.method, r.body])).toEqual([["PUT", payload.join("")]]);
  });

  it("a streamed upload answered 503 is not retried: the stream is spent", async () => {
    server.reset();
    server.setHandler((_, res) => sendJson(res, 503, {}));
    const client = new Uploads({ baseUrl: server.url });
    await expect(client.files.upload("x", { body: streamOf(payload) })).rejects.toMatchObject({ status: 503, retryable: false });
    expect(server.requests).toHaveLength(1);
  });
});
