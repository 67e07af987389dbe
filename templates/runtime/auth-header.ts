/**
 * A credential sent in one header with a fixed prefix, e.g. `Authorization: Basic sk_prod_x`
 * (the raw key, despite the word Basic) or `Authorization: OAuth2 base64(token)`.
 */

import { base64Utf8 } from "./base64.js";
import { assertHeaderValue } from "./headers.js";
import { describeType, optionValue, requireStringOption } from "./options.js";
import { RequestValidationError } from "./errors.js";
import type { ClientOptions } from "./options.js";
import type { Plugin } from "./types.js";

export interface HeaderAuthConfig {
  /** Client option holding the credential. */
  readonly option: string;
  readonly header: string;
  /** Text before the credential, including any space, e.g. `"Bearer "`; may be empty. */
  readonly prefix: string;
  readonly encoding: "none" | "base64";
  /**
   * Client option that replaces the scheme word of `prefix` (`"Bearer "` → `Token`), or with ""
   * sends the credential alone; absent or unset: `prefix` as given.
   */
  readonly schemeOption?: string;
}

/** Sends the credential on every call; a missing one fails when the client is constructed. */
export function headerAuth(
  config: HeaderAuthConfig,
  options: ClientOptions,
): Plugin {
  const secret = requireStringOption(options, config.option);
  const prefix = config.schemeOption === undefined ? config.prefix : schemePrefix(options, config.schemeOption, config.prefix);
  const value = prefix + (config.encoding === "base64" ? base64Utf8(secret) : secret);
  // A pasted key with a trailing newline is common; refuse it here, naming the option.
  assertHeaderValue(config.header, value, config.option);
  return {
    onRequest(request) {
      if (!request.headers.has(config.header)) request.headers.set(config.header, value);
    },
    secretHeaders: [config.header.toLowerCase()],
  };
}

/** The prefix with the caller's scheme word: `Token ` for "Token", nothing for "". */
function schemePrefix(options: ClientOptions, name: string, fallback: string): string {
  const scheme = optionValue(options, name);
  if (scheme === undefined || scheme === null) return fallback;
  if (typeof scheme !== "string") throw new RequestValidationError(`${name} must be a string, got ${describeType(scheme)}`);
  if (scheme === "") return "";
  // An auth scheme is an HTTP token: no spaces, no separators.
  if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(scheme)) throw new RequestValidationError(`${name} must be one word of letters, digits or !#$%&'*+.^_\`|~-`);
  return `${scheme} `;
}
