/**
 * A credential sent in one header with a fixed prefix, e.g. `Authorization: Basic sk_prod_x`
 * (the raw key, despite the word Basic) or `Authorization: OAuth2 base64(token)`.
 */

import { base64Utf8 } from "./base64.js";
import { assertHeaderValue } from "./headers.js";
import { requireStringOption } from "./options.js";
import type { ClientOptions } from "./options.js";
import type { Plugin } from "./types.js";

export interface HeaderAuthConfig {
  /** Client option holding the credential. */
  readonly option: string;
  readonly header: string;
  /** Text before the credential, including any space, e.g. `"Bearer "`; may be empty. */
  readonly prefix: string;
  readonly encoding: "none" | "base64";
}

/** Sends the credential on every call; a missing one fails when the client is constructed. */
export function headerAuth(
  config: HeaderAuthConfig,
  options: ClientOptions,
): Plugin {
  const secret = requireStringOption(options, config.option);
  const value = config.prefix + (config.encoding === "base64" ? base64Utf8(secret) : secret);
  // A pasted key with a trailing newline is common; refuse it here, naming the option.
  assertHeaderValue(config.header, value, config.option);
  return {
    onRequest(request) {
      if (!request.headers.has(config.header)) request.headers.set(config.header, value);
    },
    secretHeaders: [config.header.toLowerCase()],
  };
}
