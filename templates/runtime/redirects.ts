/**
 * Redirects are followed by the client itself, not by fetch, so that credentials never travel
 * to another origin: a hop to a different scheme, host or port drops `Authorization`, `Cookie`
 * and every header a dialect marks secret, while same-origin hops keep them. Hops are capped.
 */

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Headers that carry credentials in any dialect. */
export const ALWAYS_SECRET: readonly string[] = ["authorization", "proxy-authorization", "cookie"];

export interface Hop {
  readonly url: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | undefined;
}

/** The next hop for a redirect response, or undefined when the response is no redirect. */
export function nextHop(current: Hop, response: Response, secretHeaders: readonly string[]): Hop | undefined {
  if (!REDIRECT_STATUSES.has(response.status)) return undefined;
  const location = response.headers.get("location");
  if (location === null) return undefined;
  const url = new URL(location, current.url);
  const headers = new Headers(current.headers);
  if (url.origin !== current.url.origin) {
    for (const name of [...ALWAYS_SECRET, ...secretHeaders]) headers.delete(name);
  }
  // 303, and 301/302 after a POST (what every browser does), continue as a GET without a body.
  const toGet = response.status === 303 || ((response.status === 301 || response.status === 302) && current.method === "POST");
  if (toGet) {
    headers.delete("content-type");
    return { url, method: current.method === "HEAD" ? "HEAD" : "GET", headers, body: undefined };
  }
  return { url, method: current.method, headers, body: current.body };
}
