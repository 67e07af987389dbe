/**
 * What debug logging may show: header, query and body values whose names suggest a secret are
 * replaced by `***`, as are the headers dialects mark secret.
 */

const SECRET_NAME = /auth|token|secret|password|passwd|api[-_]?key|signature|cookie|session|credential|private/i;
export const REDACTED = "***";

export function redactHeaders(headers: Headers, secretHeaders: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = secretHeaders.includes(name) || SECRET_NAME.test(name) ? REDACTED : value;
  });
  return out;
}

export function redactUrl(url: URL): string {
  const copy = new URL(url.href);
  if (copy.username !== "" || copy.password !== "") {
    copy.username = REDACTED;
    copy.password = "";
  }
  for (const name of [...copy.searchParams.keys()]) {
    if (SECRET_NAME.test(name)) copy.searchParams.set(name, REDACTED);
  }
  return copy.href.replace(/%2A%2A%2A/g, REDACTED);
}

/** A JSON body with secret-looking fields masked at any depth; anything else is summarised. */
export function redactBody(body: BodyInit | undefined): string | undefined {
  if (body === undefined) return undefined;
  if (typeof body !== "string") return `[${Object.prototype.toString.call(body).slice(8, -1)}]`;
  try {
    return JSON.stringify(JSON.parse(body), (key, value: unknown) => (key !== "" && SECRET_NAME.test(key) ? REDACTED : value));
  } catch {
    const params = new URLSearchParams(body);
    for (const name of [...params.keys()]) if (SECRET_NAME.test(name)) params.set(name, REDACTED);
    return params.toString().replace(/%2A%2A%2A/g, REDACTED);
  }
}
