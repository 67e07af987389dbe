/**
 * Base64 of a string's UTF-8 bytes. `btoa` alone only accepts Latin-1 and throws on anything
 * else, so a password like "pässwörd" or "密码" must be encoded to bytes first.
 */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  // Chunked so very long inputs do not exceed the engine's argument-count limit.
  const chunk = 0x8000;
  for (let start = 0; start < bytes.length; start += chunk) {
    binary += String.fromCharCode(...bytes.subarray(start, start + chunk));
  }
  return btoa(binary);
}
