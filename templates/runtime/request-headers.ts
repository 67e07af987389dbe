/**
 * Assembles the headers of one call, before plug-ins run. Later sources override earlier ones:
 * protocol defaults, the client's default headers, the operation's header parameters, then the
 * call's own headers, because the more specific the source the more deliberate the choice.
 * `Accept` is the exception: the client adds its default ({@link defaultAccept}) only after the
 * plug-ins, so a dialect's constant `Accept` replaces it while the caller's still wins.
 */

import { RequestValidationError } from "./errors.js";
import { assertHeaderValue } from "./headers.js";
import { scalarText } from "./scalar.js";
import type { CallInput, OperationDescriptor } from "./types.js";

export interface RequestHeaderSources {
  readonly operation: OperationDescriptor;
  readonly input: CallInput;
  /** The body's media type, when the body encoder chose one. */
  readonly contentType: string | undefined;
  readonly defaultHeaders: Readonly<Record<string, string>> | undefined;
  readonly callHeaders: Readonly<Record<string, string>> | undefined;
}

export function buildRequestHeaders(sources: RequestHeaderSources): Headers {
  const { operation, input } = sources;
  const headers = new Headers();
  if (sources.contentType !== undefined) headers.set("content-type", sources.contentType);
  copyHeaders(headers, sources.defaultHeaders, "defaultHeaders");

  const values = input.headers ?? {};
  for (const spec of operation.headers ?? []) {
    const value = Object.prototype.hasOwnProperty.call(values, spec.key) ? values[spec.key] : undefined;
    if (value === undefined || value === null) continue;
    const where = `${spec.key} (header parameter of ${operation.id})`;
    const text = headerParamText(value, spec.explode ?? false, where);
    assertHeaderValue(spec.name, text, spec.key);
    headers.set(spec.name, text);
  }

  copyHeaders(headers, sources.callHeaders, "options.headers");
  return headers;
}

/** The `Accept` a call sends when neither the caller nor the dialect chose one. */
export function defaultAccept(operation: OperationDescriptor): string {
  // A text operation (CSV, plain text) asking for JSON can get a 406 from strict servers.
  return operation.response === "text" ? "*/*" : "application/json";
}

/** Checks and copies caller-supplied headers; `undefined` values (from plain JS) are skipped. */
export function copyHeaders(
  target: Headers,
  source: Readonly<Record<string, string>> | undefined,
  where: string,
): void {
  if (source === undefined) return;
  for (const [name, value] of Object.entries(source) as [string, unknown][]) {
    if (value === undefined) continue;
    if (typeof value !== "string") {
      throw new RequestValidationError(`${where}["${name}"] must be a string`);
    }
    assertHeaderValue(name, value, where);
    target.set(name, value);
  }
}

/** OpenAPI `simple` style, the only one headers have: `a,b` for lists, `k,v` or `k=v` for objects. */
function headerParamText(value: unknown, explode: boolean, where: string): string {
  if (Array.isArray(value)) return value.map((item) => scalarText(item, where)).join(",");
  if (typeof value === "object" && value !== null && !(value instanceof Date)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
    return entries
      .map(([key, v]) => (explode ? `${key}=${scalarText(v, where)}` : `${key},${scalarText(v, where)}`))
      .join(",");
  }
  return scalarText(value, where);
}
