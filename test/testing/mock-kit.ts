/**
 * Running a generated client against its package's mock both ways an application can: through
 * `mock.fetch` (no socket) and through `mock.listen()`'s server on 127.0.0.1.
 *
 *   const served = await serve(mock, "listen", "https://api.example");
 *   new Client({ baseUrl: served.baseUrl, ...served.fetchOption });
 *   await served.raw("/path", { headers: {} });   // a request the client would never send
 *   await served.close();
 */

export const TRANSPORTS = ["fetch", "listen"] as const;
export type Transport = (typeof TRANSPORTS)[number];

interface Servable {
  readonly fetch: typeof fetch;
  listen(): Promise<{ readonly url: string; close(): Promise<void> }>;
}

export interface Served {
  readonly baseUrl: string;
  /** `{ fetch: mock.fetch }` for the fetch transport; nothing for the server (the client uses the real fetch). */
  readonly fetchOption: { readonly fetch?: typeof fetch };
  raw(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function serve(mock: Servable, transport: Transport, productionUrl: string): Promise<Served> {
  if (transport === "fetch") {
    return { baseUrl: productionUrl, fetchOption: { fetch: mock.fetch }, raw: (path, init) => mock.fetch(`${productionUrl}${path}`, init), close: async () => {} };
  }
  const server = await mock.listen();
  return { baseUrl: server.url, fetchOption: {}, raw: (path, init) => fetch(`${server.url}${path}`, init), close: () => server.close() };
}
