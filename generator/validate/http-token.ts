/**
 * RFC 9110 §5.6.2 `token`: what a header field name may be. A name outside it (a space, a colon,
 * non-ASCII) makes Node's fetch throw at call time, so specs are held to it when they load.
 */

const TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

export function isHttpToken(name: string): boolean {
  return TOKEN.test(name);
}

/** For messages: what a token may contain. */
export const HTTP_TOKEN_CHARACTERS = "letters, digits and !#$%&'*+-.^_`|~";
