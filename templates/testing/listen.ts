/**
 * The mock over real HTTP: a server on 127.0.0.1 (an ephemeral port) that hands each request to
 * the same handler `mock.fetch` uses. `node:http` is loaded only here, when `listen()` is called,
 * so the mock's `fetch` also runs in browsers and workers.
 */

/** A running mock server. */
export interface MockServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash: the client's `baseUrl`. */
  readonly url: string;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

// The few parts of node:http used here, typed locally so the package needs no @types/node.
interface IncomingMessage extends AsyncIterable<Uint8Array> {
  readonly method?: string;
  readonly url?: string;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}
interface ServerResponse {
  writeHead(status: number, headers: Record<string, string>): void;
  end(body?: Uint8Array): void;
}
interface HttpServer {
  listen(port: number, host: string, done: () => void): void;
  once(event: "error", listener: (error: Error) => void): void;
  address(): { readonly port: number } | string | null;
  close(done: (error?: Error) => void): void;
  closeAllConnections(): void;
}
interface HttpModule {
  createServer(handler: (request: IncomingMessage, response: ServerResponse) => void): HttpServer;
}

const NODE_HTTP = "node:http";

export async function listen(handle: (request: Request) => Promise<Response>): Promise<MockServer> {
  const http: HttpModule = await import(/* @vite-ignore */ NODE_HTTP);
  let base = "";
  const server = http.createServer((incoming, outgoing) => {
    void (async () => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of incoming) chunks.push(chunk);
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (typeof value === "string") headers.set(name, value);
        else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      }
      const method = incoming.method ?? "GET";
      const body = chunks.length === 0 || method === "GET" || method === "HEAD" ? undefined : concat(chunks);
      try {
        const response = await handle(new Request(`${base}${incoming.url ?? "/"}`, body === undefined ? { method, headers } : { method, headers, body }));
        const out: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          out[name] = value;
        });
        outgoing.writeHead(response.status, out);
        outgoing.end(new Uint8Array(await response.arrayBuffer()));
      } catch (error) {
        outgoing.writeHead(500, { "content-type": "text/plain" });
        outgoing.end(new TextEncoder().encode(error instanceof Error ? error.message : String(error)));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
  return {
    url: base,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
