/**
 * Builds the request URL: path parameters substituted into the operation's template under the
 * base URL's path, and query parameters serialized per their OpenAPI style, in spec order.
 */

import { RequestValidationError } from "./errors.js";
import { scalarText } from "./scalar.js";
import type { CallInput, OperationDescriptor, ParamSpec } from "./types.js";

/**
 * Parses and checks a base URL once, at client construction, so a typo fails there and not as
 * an obscure fetch error on the first call.
 */
export function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new RequestValidationError("baseUrl is not an absolute URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new RequestValidationError(`baseUrl must use http or https, not ${url.protocol}`);
  }
  // Credentials in the URL would be printed wherever the URL is (errors, logs, proxies).
  if (url.username !== "" || url.password !== "") {
    throw new RequestValidationError(
      "baseUrl must not contain credentials; pass them as the client's auth options",
    );
  }
  return url;
}

/** `baseUrl` as a string is checked as `parseBaseUrl` does; a URL is taken as already checked. */
export function buildUrl(baseUrl: string | URL, operation: OperationDescriptor, input: CallInput): URL {
  const url = typeof baseUrl === "string" ? parseBaseUrl(baseUrl) : new URL(baseUrl);
  if (url.hash !== "") url.hash = "";
  const basePath = url.pathname.replace(/\/+$/, "");
  const path = expandPath(operation, input.path ?? {});
  url.pathname = basePath + (path.startsWith("/") ? path : `/${path}`);
  // Dot segments are refused above; this is the backstop that the URL parser did not climb out.
  if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
    throw new RequestValidationError(`${operation.id} would leave the base URL path`);
  }
  // `searchParams` is made on first use: an operation without query parameters never makes it.
  if (operation.query !== undefined && operation.query.length > 0) appendQuery(url.searchParams, operation, input.query ?? {});
  return url;
}

function expandPath(operation: OperationDescriptor, values: Readonly<Record<string, unknown>>): string {
  let path = operation.path;
  for (const spec of operation.pathParams ?? []) {
    const raw = Object.prototype.hasOwnProperty.call(values, spec.key) ? values[spec.key] : undefined;
    const segment = encodePathValue(operation, spec, raw);
    path = path.split(`{${spec.name}}`).join(segment);
  }
  // A placeholder left over means the descriptor and the template disagree; sending `{id}`
  // literally would hit some other resource.
  const leftover = /\{([^}]*)\}/.exec(path);
  if (leftover !== null) {
    throw new RequestValidationError(
      `${operation.id} has no value for path parameter "${leftover[1] ?? ""}"`,
    );
  }
  return path;
}

function encodePathValue(operation: OperationDescriptor, spec: ParamSpec, raw: unknown): string {
  if (raw === undefined || raw === null) {
    throw new RequestValidationError(`${spec.key} is required for ${operation.id}`);
  }
  const text = scalarText(raw, `${spec.key} (path parameter of ${operation.id})`);
  if (isDotLike(text)) {
    throw new RequestValidationError(
      `${spec.key} must not be empty, "." or ".." (path parameter of ${operation.id})`,
    );
  }
  try {
    return encodeURIComponent(text);
  } catch {
    // Lone surrogates cannot be encoded as UTF-8.
    throw new RequestValidationError(`${spec.key} is not valid Unicode (path parameter of ${operation.id})`);
  }
}

/**
 * Empty and dot segments would make the URL (or a server that decodes once more) address a
 * different resource: `/users/..` is `/`. Checked before and after percent-decoding, and for
 * each `/`- or `\`-separated piece a decoding server might split on.
 */
function isDotLike(text: string): boolean {
  if (text === "") return true;
  const forms = [text];
  try {
    forms.push(decodeURIComponent(text));
  } catch {
    // Not percent-encoded text; the raw form is what matters.
  }
  return forms.some((form) => form.split(/[/\\]/).some((piece) => piece === "." || piece === ".."));
}

function appendQuery(
  params: URLSearchParams,
  operation: OperationDescriptor,
  values: Readonly<Record<string, unknown>>,
): void {
  for (const spec of operation.query ?? []) {
    const value = Object.prototype.hasOwnProperty.call(values, spec.key) ? values[spec.key] : undefined;
    if (value === undefined || value === null) continue;
    const where = `${spec.key} (query parameter of ${operation.id})`;
    const style = spec.style ?? "form";
    // OpenAPI: explode defaults to true for `form` only; deepObject is always exploded.
    const explode = spec.explode ?? style === "form";

    if (style === "deepObject") {
      if (!isPlainObject(value)) {
        throw new RequestValidationError(`${where} must be an object (deepObject style)`);
      }
      appendDeep(params, spec.name, value, where);
    } else if (Array.isArray(value)) {
      const items = value.map((item) => scalarText(item, where));
      // An empty list means "no filter"; OpenAPI's `name=` would often mean "match empty".
      if (items.length === 0) continue;
      if (style === "form" && explode) {
        for (const item of items) params.append(spec.name, item);
      } else {
        params.append(spec.name, items.join(delimiter(style)));
      }
    } else if (isPlainObject(value)) {
      const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
      if (style === "form" && explode) {
        for (const [key, v] of entries) params.append(key, scalarText(v, where));
      } else {
        const flat = entries.flatMap(([key, v]) => [key, scalarText(v, where)]);
        if (flat.length > 0) params.append(spec.name, flat.join(delimiter(style)));
      }
    } else {
      params.append(spec.name, scalarText(value, where));
    }
  }
}

function delimiter(style: NonNullable<ParamSpec["style"]>): string {
  if (style === "spaceDelimited") return " ";
  if (style === "pipeDelimited") return "|";
  return ",";
}

/** `name[key]=v`, nesting for nested objects and repeating the key for arrays. */
function appendDeep(
  params: URLSearchParams,
  prefix: string,
  value: Readonly<Record<string, unknown>>,
  where: string,
): void {
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || item === null) continue;
    const name = `${prefix}[${key}]`;
    if (Array.isArray(item)) {
      for (const element of item) params.append(name, scalarText(element, where));
    } else if (isPlainObject(item)) {
      appendDeep(params, name, item, where);
    } else {
      params.append(name, scalarText(item, where));
    }
  }
}

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
