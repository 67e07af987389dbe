/**
 * Loopback stand-ins for Dojo and Jodo (node:http on 127.0.0.1, an ephemeral port each), just
 * enough of each API for the checkout: they check credentials the way the real APIs do, record
 * every request, and answer from a script the test can change.
 */

import { createServer } from "node:http";
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Seen {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

export interface Fake {
  readonly url: string;
  readonly requests: Seen[];
  /** The next answer to a POST, instead of the normal one. */
  failNextPost(status: number, body: unknown): void;
  close(): Promise<void>;
}

type Answer = (request: Seen) => { status: number; body: unknown; type?: string };

async function startFake(authorization: string, answer: Answer): Promise<Fake> {
  const requests: Seen[] = [];
  let failure: { status: number; body: unknown } | undefined;
  const reply = (response: ServerResponse, status: number, body: unknown, type = "application/json") => {
    response.writeHead(status, { "content-type": type }).end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const seen: Seen = { method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body: text === "" ? undefined : JSON.parse(text) };
      requests.push(seen);
      if (req.headers.authorization !== authorization) return reply(res, 401, { status: 401, title: "Unauthorized" });
      if (seen.method === "POST" && failure !== undefined) {
        const { status, body } = failure;
        failure = undefined;
        return reply(res, status, body);
      }
      const { status, body, type } = answer(seen);
      reply(res, status, body, type);
    });
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNextPost: (status, body) => void (failure = { status, body }),
    close: () => new Promise((closed) => server.close(() => closed())),
  };
}

export const DOJO_KEY = "sk_sandbox_checkout";

/** Dojo: `Authorization: Basic <raw key>`; payment intents are created `Created` and cancelled `Canceled`. */
export function startDojo(): Promise<Fake> {
  return startFake(`Basic ${DOJO_KEY}`, (request) => {
    if (request.method === "POST" && request.path === "/payment-intents") {
      const body = request.body as { amount: unknown; reference: unknown };
      return { status: 200, body: { id: "pi_sandbox_1", status: "Created", amount: body.amount, reference: body.reference, clientSessionSecret: "secret_1" } };
    }
    const cancel = /^\/payment-intents\/([^/]+)$/.exec(request.path);
    if (request.method === "DELETE" && cancel !== null) return { status: 200, body: { id: cancel[1], status: "Canceled" } };
    return { status: 404, body: { type: "about:blank", title: "Not Found", status: 404 }, type: "application/problem+json" };
  });
}

export const JODO_KEY = "jodo-key";
export const JODO_SECRET = "jodo-secret";

/** Jodo: Basic auth from key and secret; every answer in its `{status, data}` envelope. */
export function startJodo(): Promise<Fake> {
  const credentials = Buffer.from(`${JODO_KEY}:${JODO_SECRET}`).toString("base64");
  return startFake(`Basic ${credentials}`, (request) => {
    if (request.method === "POST" && request.path === "/api/v1/integrations/pay/orders") {
      return { status: 200, body: { status: "success", data: { order_id: "ord_1", redirect_url: "https://pay.example.test/ord_1" } } };
    }
    return { status: 404, body: { status: "error", code: "HUE00001", message: "not found" } };
  });
}
