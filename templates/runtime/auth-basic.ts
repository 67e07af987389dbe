/** HTTP Basic authentication (RFC 7617) from two client options. */

import { base64Utf8 } from "./base64.js";
import { RequestValidationError } from "./errors.js";
import { requireStringOption } from "./options.js";
import type { ClientOptions } from "./options.js";
import type { Plugin } from "./types.js";

export interface BasicAuthConfig {
  readonly usernameOption: string;
  readonly passwordOption: string;
}

/**
 * Sends `Authorization: Basic base64(utf8(user:pass))` on every call. Credentials are checked when
 * the client is constructed so a missing one fails at start-up, not on the first request.
 */
export function basicAuth(
  config: BasicAuthConfig,
  options: ClientOptions,
): Plugin {
  const username = requireStringOption(options, config.usernameOption);
  const password = requireStringOption(options, config.passwordOption);
  // The server splits at the first colon, so a colon in the user id would silently shift part of
  // it into the password and fail as "wrong credentials".
  if (username.includes(":")) {
    throw new RequestValidationError(`${config.usernameOption} must not contain ":"`);
  }
  const value = `Basic ${base64Utf8(`${username}:${password}`)}`;
  return {
    onRequest(request) {
      // A caller-set Authorization (default or per-call headers) is a deliberate override.
      if (!request.headers.has("authorization")) request.headers.set("authorization", value);
    },
    secretHeaders: ["authorization"],
  };
}
