/**
 * What debug logging may show: header, query and body values whose names suggest a secret are
 * replaced by `***`, as are the names dialects mark secret (their auth headers, wherever those
 * names appear: a header, a query parameter, a body field).
 */

/** Words that mark a secret anywhere in a name: `x-auth-token`, `client_secret`, `sessionId`. */
const SECRET_WORD = /auth|token|secret|password|passwd|passphrase|api[-_]?key|signature|cookie|session|credential|private/i;
/** `key` and `sig` as a whole name or its last word: `key`, `access_key`, `x-api-sig`, `accessKey`, `urlSig`. */
const SECRET_LAST_WORD = /(?:^|[-_.])(?:key|sig)$|[a-z0-9](?:Key|Sig)$/;
const KEY_OR_SIG = /^(?:key|sig)$/i;

export const REDACTED = "***";

/** Whether a header, query parameter or body field called `name` may hold a secret. */
export function isSecretName(name: string, secretNames: readonly string[]): boolean {
  return SECRET_WORD.test(name) || SECRET_LAST_WORD.test(name) || KEY_OR_SIG.test(name) || secretNames.includes(name.toLowerCase());
}

export function redactHeaders(headers: Headers, secretNames: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = isSecretName(name, secretNames) ? REDACTED : value;
  });
  return out;
}

export function redactUrl(url: URL, secretNames: readonly string[] = []): string {
  const copy = new URL(url.href);
  if (copy.username !== "" || copy.password !== "") {
    copy.username = REDACTED;
    copy.password = "";
  }
  for (const name of [...copy.searchParams.keys()]) {
    if (isSecretName(name, secretNames)) copy.searchParams.set(name, REDACTED);
  }
  return copy.href.replace(/%2A%2A%2A/g, REDACTED);
}

/** A JSON body with secret-looking fields masked at any depth; anything else is summarised. */
export function redactBody(body: BodyInit | undefined, secretNames: readonly string[] = []): string | undefined {
  if (body === undefined) return undefined;
  if (typeof body !== "string") return `[${Object.prototype.toString.call(body).slice(8, -1)}]`;
  try {
    return JSON.stringify(JSON.parse(body), (key, value: unknown) => (key !== "" && isSecretName(key, secretNames) ? REDACTED : value));
  } catch {
    const params = new URLSearchParams(body);
    for (const name of [...params.keys()]) if (isSecretName(name, secretNames)) params.set(name, REDACTED);
    return params.toString().replace(/%2A%2A%2A/g, REDACTED);
  }
}
