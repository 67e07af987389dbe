/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) for tests that must exercise the actual
 * network path: Node's fetch, sockets, timeouts. It records every request it receives.
 *
 *   const server = await startServer((req, res) => sendJson(res, 200, { ok: true }));
 *   ...fetch(`${server.url}/x`)...
 *   expect(server.requests[0]?.headers["accept"]).toBe("application/json");
 *   await server.close();
 */

import { createServer } from "node:http";
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the server saw it, body read in full. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query exactly as sent, e.g. `/api/v1/students/1?a=1`. */
  readonly url: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** Node's lower-cased header map. */
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Answers a request. May be async; a throw becomes a 500 whose body is the error message. */
export type Handler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export interface TestServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** Every request received so far, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Replaces the handler, e.g. per test when one server is shared by a file. */
  setHandler(handler: Handler): void;
  /** Forgets the recorded requests. */
  reset(): void;
  /** Stops listening and drops open connections, including ones a handler never answered. */
  close(): Promise<void>;
}

export async function startServer(handler: Handler = (_, res) => sendJson(res, 404, {})): Promise<TestServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = req.url ?? "/";
      const parsed = new URL(url, "http://127.0.0.1");
      const recorded: RecordedRequest = {
        method: req.method ?? "GET",
        url,
        path: parsed.pathname,
        query: parsed.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      Promise.resolve()
        .then(() => current(recorded, res))
        .catch((error: unknown) => {
          if (res.headersSent) {
            res.destroy();
            return;
          }
          res.writeHead(500, { "content-type": "text/plain" });
          res.end(error instanceof Error ? error.message : String(error));
        });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setHandler(next) {
      current = next;
    },
    reset() {
      requests.length = 0;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

/** Sends `body` as JSON with the given status and extra headers. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
