/**
 * Header plug-ins (constant headers on every call, option-fed headers on some operations) and the
 * check every header the client sends goes through.
 */

import { RequestValidationError } from "./errors.js";
import { optionValue } from "./options.js";
import type { ClientOptions } from "./options.js";
import type { Plugin } from "./types.js";

/** RFC 9110 `token`: what a header name may be made of. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** CR, LF and NUL would let a value end the header and start another (header injection). */
const FORBIDDEN_IN_VALUE = /[\r\n\0]/;

/** Header values are bytes: fetch refuses a character above U+00FF with a bare TypeError. */
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;

/**
 * Refuses a header the client must not send. Without this, `Headers` throws a bare TypeError for
 * some of these, or worse, a custom fetch sends them. The value is never echoed: it may be a key.
 */
export function assertHeaderValue(name: string, value: string, source?: string): void {
  if (!HEADER_NAME.test(name)) {
    throw new RequestValidationError(`"${name}" is not a valid header name`);
  }
  if (FORBIDDEN_IN_VALUE.test(value)) {
    // `source` names the option or parameter the value came from, which is what the caller fixes.
    const origin = source === undefined ? "" : ` (from ${source})`;
    throw new RequestValidationError(
      `Header "${name}"${origin} has a value containing CR, LF or NUL; refusing to send it`,
    );
  }
  if (BEYOND_LATIN1.test(value)) {
    const origin = source === undefined ? "" : ` (from ${source})`;
    throw new RequestValidationError(
      `Header "${name}"${origin} has a value with characters beyond Latin-1, which HTTP headers cannot carry; encode it first`,
    );
  }
}

export interface ConstantHeadersConfig {
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Sends fixed headers on every call, e.g. an API version the generated types were written for.
 * A header the caller set explicitly (default or per-call headers) is left alone: it is a
 * deliberate choice, such as trying a newer API version.
 */
export function constantHeaders(config: ConstantHeadersConfig): Plugin {
  const entries = Object.entries(config.headers);
  for (const [name, value] of entries) assertHeaderValue(name, value);
  return {
    onRequest(request) {
      for (const [name, value] of entries) {
        if (!request.headers.has(name)) request.headers.set(name, value);
      }
    },
  };
}

export interface HeaderScope {
  /** Scope name, matched against `OperationDescriptor.scopes`. */
  readonly scope: string;
  readonly header: string;
  /** Client option whose value is sent. */
  readonly option: string;
  /** When true, an operation in the scope is refused without the option. */
  readonly required: boolean;
}

export interface ScopedHeadersConfig {
  readonly scopes: readonly HeaderScope[];
}

/**
 * Sends a client option as a header, but only on the operations of its scope (e.g. a reseller id
 * that only the terminal endpoints accept). Options are read per call, so a missing one is only
 * an error for the operations that need it.
 */
export function scopedHeaders(
  config: ScopedHeadersConfig,
  options: ClientOptions,
): Plugin {
  // A value that can never be sent (a line break, a character beyond Latin-1) fails where the
  // client is built, naming its option, rather than on the first call that needs it.
  for (const { header, option } of config.scopes) {
    const value = optionValue(options, option);
    if (typeof value === "string") assertHeaderValue(header, value, option);
  }
  return {
    onRequest(request) {
      const { operation } = request;
      for (const { scope, header, option, required } of config.scopes) {
        if (!operation.scopes?.includes(scope)) continue;
        // The caller passed this header for this call (or as a default); theirs wins.
        if (request.headers.has(header)) continue;
        const value = optionValue(options, option);
        if (value === undefined || value === null || value === "") {
          if (!required) continue;
          throw new RequestValidationError(
            `${option} is required for ${operation.id}: pass it to the client constructor`,
          );
        }
        if (typeof value !== "string" && typeof value !== "number") {
          throw new RequestValidationError(
            `${option} must be a string (it is sent as the ${header} header)`,
          );
        }
        const text = String(value);
        assertHeaderValue(header, text, option);
        request.headers.set(header, text);
      }
    },
  };
}
