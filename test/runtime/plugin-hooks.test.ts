import { describe, expect, it } from "vitest";
import { HttpClient } from "../../templates/runtime/client.js";
import { APIError, type ErrorClasses } from "../../templates/runtime/errors.js";
import type { OperationDescriptor, Plugin } from "../../templates/runtime/types.js";

const errors: ErrorClasses = { byStatus: {}, clientError: APIError, serverError: APIError };
const get: OperationDescriptor = { id: "Things_Get", method: "GET", path: "/things" };
const post: OperationDescriptor = { id: "Things_Create", method: "POST", path: "/things", body: "json" };

/** A fetch that answers from a list of JSON bodies (all HTTP 200 unless a status is given). */
function scripted(replies: { status?: number; body: unknown; headers?: Record<string, string> }[]) {
  const seen: string[] = [];
  const fetchImpl: typeof fetch = async (input) => {
    seen.push(String(input));
    const reply = replies[Math.min(seen.length - 1, replies.length - 1)]!;
    return new Response(JSON.stringify(reply.body), {
      status: reply.status ?? 200,
      headers: { "content-type": "application/json", ...reply.headers },
    });
  };
  return { fetchImpl, seen };
}

/** A "response code inside HTTP 200" dialect: code 3 means try again. */
const codeInBody: Plugin = {
  decodeSuccess: (body, response) => {
    const code = (body as { code: number }).code;
    if (code !== 0) throw response.createError({ message: `code ${code}`, code: String(code), retryable: code === 3 });
    return (body as { data: unknown }).data;
  },
};

function client(plugins: Plugin[], fetchImpl: typeof fetch, delays: number[] = []): HttpClient {
  return new HttpClient({
    baseUrl: "https://api.test",
    plugins,
    errors,
    fetch: fetchImpl,
    sleep: async (ms) => void delays.push(ms),
    random: () => 0,
  });
}

describe("plug-in hooks", () => {
  const cases: { name: string; op: OperationDescriptor; replies: { body: unknown }[]; wantAttempts: number; want: unknown }[] = [
    { name: "a retryable provider code on GET is retried", op: get, replies: [{ body: { code: 3 } }, { body: { code: 0, data: "ok" } }], wantAttempts: 2, want: "ok" },
    { name: "a retryable provider code on POST is not", op: post, replies: [{ body: { code: 3 } }, { body: { code: 0, data: "ok" } }], wantAttempts: 1, want: "code 3" },
    { name: "a non-retryable provider code is not", op: get, replies: [{ body: { code: 4 } }, { body: { code: 0, data: "ok" } }], wantAttempts: 1, want: "code 4" },
  ];
  it.each(cases)("$name", async ({ op, replies, wantAttempts, want }) => {
    const { fetchImpl, seen } = scripted(replies);
    const outcome = await client([codeInBody], fetchImpl)
      .request(op, { body: op.body ? {} : undefined })
      .then((data) => data, (error: unknown) => (error instanceof APIError ? error.message : error));
    expect(outcome).toBe(want);
    expect(seen).toHaveLength(wantAttempts);
  });

  it("a plug-in's retryDelay replaces the backoff", async () => {
    const { fetchImpl } = scripted([{ status: 429, body: {}, headers: { "x-wait": "7" } }, { body: "done" }]);
    const delays: number[] = [];
    const waits: Plugin = { retryDelay: (r) => Number(r.headers.get("x-wait")) * 1000 };
    await expect(client([waits], fetchImpl, delays).request(get, {})).resolves.toBe("done");
    expect(delays).toEqual([7000]);
  });

  it("beforeAttempt runs before every attempt; onResponse sees every response and its meta reaches withResponse()", async () => {
    const { fetchImpl } = scripted([{ status: 503, body: {} }, { body: "done", headers: { "x-left": "4" } }]);
    const events: string[] = [];
    const observer: Plugin = {
      beforeAttempt: () => void events.push("before"),
      onResponse: (r) => {
        events.push(`response ${r.status}`);
        r.meta["left"] = r.headers.get("x-left");
      },
    };
    const { data, response } = await client([observer], fetchImpl).request(get, {}).withResponse();
    expect(data).toBe("done");
    expect(events).toEqual(["before", "response 503", "before", "response 200"]);
    expect(response.meta).toEqual({ left: "4" });
  });
});
