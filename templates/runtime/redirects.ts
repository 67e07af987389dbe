/**
 * Redirects are followed by the client itself, not by fetch, so that neither credentials nor
 * request bodies travel where the caller did not send them: a hop to a different scheme, host or
 * port drops `Authorization`, `Cookie` and every header a dialect marks secret; a 307/308 that
 * would carry the body to another origin is refused unless the caller opted in; https never
 * leads to http; and only http(s) locations are followed (a `data:` URL would let a server forge
 * an answer). Hops are capped by the client.
 */

import { RedirectError } from "./errors.js";

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Headers that carry credentials in any dialect. */
export const ALWAYS_SECRET: readonly string[] = ["authorization", "proxy-authorization", "cookie"];

export interface Hop {
  readonly url: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | undefined;
}

export interface RedirectRules {
  /** Header names (lower case) that must not reach another origin. */
  readonly secretHeaders: readonly string[];
  /** The caller allows a 307/308 to carry the body to another origin. */
  readonly resendBodyAcrossOrigins: boolean;
}

/**
 * The next hop for a redirect response, or undefined when the response is no redirect. Throws
 * `RedirectError` for a redirect that must not be followed.
 */
export function nextHop(current: Hop, response: Response, rules: RedirectRules, what: string): Hop | undefined {
  const status = response.status;
  if (!REDIRECT_STATUSES.has(status)) return undefined;
  const location = response.headers.get("location");
  if (location === null) return undefined;
  const refuse = (why: string): RedirectError => new RedirectError(`${what} was redirected (HTTP ${status}) ${why}; not followed`, { status, location });
  let url: URL;
  try {
    url = new URL(location, current.url);
  } catch {
    throw refuse("to a Location that is not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw refuse(`to a ${url.protocol} URL: only http and https are followed`);
  if (current.url.protocol === "https:" && url.protocol === "http:") throw refuse(`from https to http (${url.origin})`);
  const crossOrigin = url.origin !== current.url.origin;
  const headers = new Headers(current.headers);
  if (crossOrigin) {
    for (const name of ALWAYS_SECRET) headers.delete(name);
    for (const name of rules.secretHeaders) headers.delete(name);
  }
  // 303, and 301/302 after a POST (what every browser does), continue as a GET without a body.
  const toGet = status === 303 || ((status === 301 || status === 302) && current.method === "POST");
  if (toGet) {
    headers.delete("content-type");
    return { url, method: current.method === "HEAD" ? "HEAD" : "GET", headers, body: undefined };
  }
  if (crossOrigin && current.body !== undefined && !rules.resendBodyAcrossOrigins) {
    throw refuse(`to another origin (${url.origin}) with the request body: pass resendBodyAcrossOrigins: true to allow it`);
  }
  return { url, method: current.method, headers, body: current.body };
}
