/**
 * Reads a response body with a size cap, so a hostile or broken server cannot make the client
 * buffer a gigabyte: a declared `Content-Length` over the cap is refused before reading, and a
 * body that grows past it (chunked, or lying about its length) is cut off as soon as it does.
 */

import { ResponseTooLargeError } from "./errors.js";

/** 32 MiB: far above any JSON payload these APIs send, far below what hurts a process. */
export const DEFAULT_MAX_RESPONSE_BYTES: number = 32 * 1024 * 1024;

/**
 * `lengthEnforced`: the response came from a transport that ends the body at its declared
 * `Content-Length` (the platform's fetch does; a hand-built `Response` need not).
 */
export async function readBodyText(response: Response, limit: number, what: string, lengthEnforced = false): Promise<string> {
  const tooLarge = (): ResponseTooLargeError =>
    new ResponseTooLargeError({
      message: `${what}: the response body is larger than the ${limit}-byte limit (maxResponseBytes)`,
      status: response.status,
      headers: response.headers,
      limit,
    });
  const length = response.headers.get("content-length");
  const declared = length === null || length.trim() === "" ? Number.NaN : Number(length);
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (response.body === null) return "";
  // A length the transport enforces, on an uncompressed body, bounds what text() can buffer: the
  // body is read whole, without a stream. A compressed body's length says nothing of what it
  // inflates to, so it is counted as it streams.
  if (lengthEnforced && Number.isFinite(declared) && !isEncoded(response.headers)) {
    return response.text();
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** A body fetch decompresses (gzip, br, deflate …) as it reads. */
function isEncoded(headers: Headers): boolean {
  const encoding = headers.get("content-encoding");
  const name = encoding?.trim().toLowerCase() ?? "";
  return name !== "" && name !== "identity";
}
