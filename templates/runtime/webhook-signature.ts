/**
 * Verifies a webhook's HMAC signature over the raw request body with the Web Crypto API, so the
 * same code runs in Node 20+, browsers and edge runtimes. The comparison takes the same time
 * whatever the signature, so it leaks nothing about the expected value.
 */

export interface WebhookSignatureConfig {
  /** Header that carries the signature (lower-case). */
  readonly header: string;
  /** How the digest is written: `hex`, `dashed-hex` (`EE-A5-…`) or `base64`. */
  readonly encoding: "hex" | "dashed-hex" | "base64";
  /** Literal text before the digest, e.g. `sha256=`; "" for none. */
  readonly prefix: string;
}

/** The raw body exactly as received: re-serialised JSON would not match the signature. */
export type RawBody = string | Uint8Array;

export async function verifySignature(
  config: WebhookSignatureConfig,
  rawBody: RawBody,
  signature: string | null | undefined,
  secret: string,
): Promise<boolean> {
  if (typeof signature !== "string" || secret === "") return false;
  const given = signature.trim();
  if (!given.startsWith(config.prefix)) return false;
  const expected = encodeDigest(await hmacSha256(secret, rawBody), config.encoding);
  return constantTimeEqual(normalise(given.slice(config.prefix.length), config.encoding), expected);
}

/** The signature value for a body, for tests and for providers' test tooling. */
export async function signBody(config: WebhookSignatureConfig, rawBody: RawBody, secret: string): Promise<string> {
  return config.prefix + encodeDigest(await hmacSha256(secret, rawBody), config.encoding);
}

async function hmacSha256(secret: string, body: RawBody): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const data = typeof body === "string" ? encoder.encode(body) : new Uint8Array(body);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, data));
}

function encodeDigest(digest: Uint8Array, encoding: WebhookSignatureConfig["encoding"]): string {
  const hex = [...digest].map((b) => b.toString(16).padStart(2, "0"));
  if (encoding === "hex") return hex.join("");
  if (encoding === "dashed-hex") return hex.join("-").toUpperCase();
  return btoa(String.fromCharCode(...digest));
}

/** Hex digests are compared case-insensitively; base64 is case-sensitive. */
function normalise(value: string, encoding: WebhookSignatureConfig["encoding"]): string {
  if (encoding === "hex") return value.toLowerCase();
  if (encoding === "dashed-hex") return value.toUpperCase();
  return value;
}

function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) difference |= (a.charCodeAt(i % Math.max(a.length, 1)) || 0) ^ b.charCodeAt(i);
  return difference === 0;
}
