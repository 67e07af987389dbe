/**
 * The dialect written in reverse: from the plug-in configs the client reads bodies with, the bodies
 * the provider would send — success payloads wrapped in its envelope, errors in its shape with its
 * codes — and the checks of what the client must send (credentials, headers every call carries).
 * Each writer reads only its plug-in's data; no provider is named here.
 */
import { base64Utf8 } from "../runtime/base64.js";
import { readPath } from "../runtime/field-path.js";
import type { MockCode, MockDialect } from "./mock-data.js";
import { define, isPlainObject } from "./values.js";

type Scalar = string | number | boolean | null;
interface Test {
  /** A path, or alternatives (the mock writes the first). */
  readonly path: Paths;
  readonly equals?: readonly Scalar[];
  readonly equalsNumber?: readonly number[];
  readonly is?: string;
}

/** One path (its segments), or alternatives of which the client reads the first present. */
type Paths = readonly string[] | readonly (readonly string[])[];

export interface FieldProblem {
  /** The field's path (`amount.value`) or the parameter's or header's name. */
  readonly name: string;
  readonly message: string;
}

/** An error the mock answers with, before the dialect shapes it. */
export interface MockError {
  readonly status: number;
  readonly code?: string | number;
  readonly message: string;
  /** Fields the error is about (missing ones, or those a scenario names), each with what is wrong. */
  readonly fields?: readonly FieldProblem[];
  readonly fieldsKind?: "missing-fields" | "unknown-fields";
}

export interface WrittenResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** A JSON value, text, or undefined for no body. */
  readonly body: unknown;
}

const REASONS: Readonly<Record<number, string>> = {
  200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
  404: "Not Found", 405: "Method Not Allowed", 409: "Conflict", 422: "Unprocessable Entity", 429: "Too Many Requests",
  500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? (status < 300 ? "OK" : status < 500 ? "Client Error" : "Server Error");
}

function config(dialect: MockDialect, use: string): Record<string, unknown> | undefined {
  const plugin = dialect.plugins.find((p) => p.use === use);
  return plugin === undefined ? undefined : isPlainObject(plugin.config) ? plugin.config : {};
}

const strings = (value: unknown): readonly string[] | undefined => (Array.isArray(value) && value.every((v) => typeof v === "string") ? value : undefined);
/** Where the mock writes a field the client reads from `paths`: the path, or the first alternative. */
const firstPath = (paths: unknown): readonly string[] | undefined => strings(paths) ?? (Array.isArray(paths) ? strings(paths[0]) : undefined);
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/**
 * A copy of `body` with `value` at `path`. Unlike the runtime's `withPath` (which sends a cursor
 * back in a request body), a digit step on the way to a missing container makes a list: the
 * reader finds `/errors/0/code` only in a list.
 */
export function writePath(body: unknown, path: readonly string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (Array.isArray(body) && /^\d+$/.test(head)) {
    const copy = [...body];
    copy[Number(head)] = writePath(copy[Number(head)], rest, value);
    return copy;
  }
  if (body === undefined && /^\d+$/.test(head)) {
    const list: unknown[] = [];
    list[Number(head)] = writePath(undefined, rest, value);
    return list;
  }
  const copy: Record<string, unknown> = isPlainObject(body) ? { ...body } : {};
  define(copy, head, writePath(Object.prototype.hasOwnProperty.call(copy, head) ? copy[head] : undefined, rest, value));
  return copy;
}

/** A value the test does not accept: what a failed envelope says in the field a successful one fills. */
function failingValue(test: Test, status: number): unknown {
  if (test.is === "http-status") return String(status);
  if (test.equalsNumber !== undefined) return test.equalsNumber[0] === 0 ? 1 : 0;
  const first = test.equals?.[0];
  if (typeof first === "boolean") return !first;
  if (typeof first === "number") return first === 0 ? 1 : 0;
  if (typeof first === "string") return test.equals?.includes("error") === true ? "failed" : "error";
  return false;
}

function passingValue(test: Test, status: number): unknown {
  if (test.equals !== undefined) return test.equals[0];
  if (test.equalsNumber !== undefined) return test.equalsNumber[0];
  if (test.is === "http-status") return String(status);
  return true;
}

/** The code the spec's table gives for a status (its class's status), when it has one. */
export function codeForStatus(codes: readonly MockCode[], status: number): MockCode | undefined {
  const squash = (text: string) => text.toLowerCase().replace(/[^a-z]/g, "");
  const candidates = codes.filter((c) => c.status === status || (status >= 500 && c.status === 500));
  // The code named like the status (`UNAUTHORIZED` for a 401) is the plainest; else the first listed.
  const named = candidates.find((c) => squash(c.name) === squash(reasonPhrase(status))) ?? candidates[0];
  if (named !== undefined) return named;
  // A table without statuses (a result-code dialect): the code whose name says what the status does.
  const words = STATUS_WORDS[status];
  return words === undefined ? undefined : codes.find((c) => c.status === undefined && words.test(c.name));
}

const STATUS_WORDS: Readonly<Record<number, RegExp>> = {
  400: /required|invalid|bad request/i,
  401: /auth/i,
  404: /not found|does not exist/i,
  429: /rate|too many|throttl/i,
  503: /unavailable/i,
};

/** Whether the dialect can report a failure under HTTP 2xx (an envelope test or a result code). */
export function failsUnder2xx(dialect: MockDialect): boolean {
  const envelope = config(dialect, "envelope");
  return envelope !== undefined && (envelope["success"] !== undefined || envelope["failure"] !== undefined);
}

/** Wraps a success payload in the dialect's envelope. `nextOffset` goes where a result-code node keeps it. */
export function writeSuccess(dialect: MockDialect, status: number, payload: unknown, extra: { readonly nextOffset?: number | null; readonly requestId: string }): unknown {
  const envelope = config(dialect, "envelope");
  if (envelope === undefined) return payload;
  const data = Array.isArray(envelope["data"]) ? envelope["data"].map(strings).filter((p) => p !== undefined) : undefined;
  // Whole-envelope schemas: the payload already is the whole body (examples and samples of the schema).
  // Several data paths are alternatives the client tries in order: a structured payload goes to
  // the first, a scalar one (a confirmation text) to the last, as envelopes that offer both do.
  const dataPath = data === undefined ? undefined : isPlainObject(payload) || Array.isArray(payload) ? data[0] : data[data.length - 1];
  let body: unknown = dialect.wholeBody || dataPath === undefined ? payload : payload === undefined ? {} : writePath({}, dataPath, payload);
  // A payload beside a result node: the node, with the payload under a key of its own next to it.
  const beside = firstPath(envelope["beside"]);
  if (beside !== undefined) body = payload === undefined ? {} : writePath({}, [...beside.slice(0, -1), "data"], payload);
  const success = envelope["success"] as Test | undefined;
  const successPath = success === undefined ? undefined : firstPath(success.path);
  if (success !== undefined && successPath !== undefined && (body === undefined || isPlainObject(body))) {
    const said = readPath(body, successPath);
    if (!dialect.wholeBody || said === undefined || !success.equals?.some((v) => v === said)) {
      body = writePath(body ?? {}, successPath, passingValue(success, status));
    }
  }
  return withNodeFields(envelope, body, extra);
}

/** The fields a result node keeps beside its code: the request id under each `meta` path, the next page's offset. */
function withNodeFields(envelope: Record<string, unknown>, body: unknown, extra: { readonly nextOffset?: number | null; readonly requestId: string }): unknown {
  let out = body;
  const meta = envelope["meta"];
  if (isPlainObject(meta)) {
    for (const paths of Object.values(meta)) {
      const path = firstPath(paths);
      if (path !== undefined) out = writePath(out ?? {}, path, extra.requestId);
    }
  }
  const next = firstPath(envelope["nextOffset"]);
  // null: the last page, said by leaving the next offset out.
  if (next !== undefined && typeof extra.nextOffset === "number") out = writePath(out ?? {}, next, extra.nextOffset);
  return out;
}

/** An error body in the dialect's shape, and its headers. */
export function writeError(dialect: MockDialect, error: MockError, requestId: string): WrittenResponse {
  const status = error.status;
  const code = error.code ?? codeForStatus(dialect.codes, status >= 300 ? status : 400)?.code;
  const headers: Record<string, string> = { "content-type": "application/json" };
  let body: unknown = {};
  const fields = config(dialect, "errorFields");
  if (fields !== undefined) {
    const codePath = firstPath(fields["code"]);
    const joined = Array.isArray(fields["messageJoin"]) ? fields["messageJoin"] : undefined;
    const messagePath = firstPath(fields["message"]) ?? firstPath(joined?.[0]);
    const requestIdPath = firstPath(fields["requestId"]);
    // A map of field → messages the client reads (`as: field-messages`): the fields go there, not in the message.
    const fieldMessages = isPlainObject(fields["fields"]) ? Object.values(fields["fields"]).find((f) => isPlainObject(f) && f["as"] === "field-messages") : undefined;
    const messagesPath = isPlainObject(fieldMessages) ? firstPath(fieldMessages["path"]) : undefined;
    if (codePath !== undefined && code !== undefined) body = writePath(body, codePath, fields["numericCode"] === true && /^-?\d+$/.test(String(code)) ? Number(code) : String(code));
    const kinds = Array.isArray(fields["kinds"]) ? (fields["kinds"] as readonly { readonly name: string; readonly text: string }[]) : [];
    const fieldIndexes = fields["fieldIndexes"];
    const indexes = isPlainObject(fieldIndexes) ? firstPath(fieldIndexes["path"]) : undefined;
    const kindText = kinds.find((k) => k.name === error.fieldsKind)?.text;
    // Where the dialect names fields apart from the message, the message keeps to its own words.
    const apart = indexes !== undefined || messagesPath !== undefined;
    const message = kindText !== undefined ? `${kindText}.` : apart ? error.message : withFields(error);
    if (messagePath !== undefined) body = writePath(body, messagePath, message);
    if (indexes !== undefined && error.fields !== undefined && error.fields.length > 0) {
      // `{index: name}`: the client keeps a value that names a field it sent, and takes the values
      // of the kinds whose indexes point elsewhere as the names themselves.
      const named: Record<string, string> = {};
      error.fields.forEach((field, i) => define(named, String(i), field.name));
      body = writePath(body, indexes, named);
    }
    if (messagesPath !== undefined && error.fields !== undefined && error.fields.length > 0) {
      const messages: Record<string, string[]> = {};
      for (const field of error.fields) define(messages, field.name, [...(messages[field.name] ?? []), field.message]);
      body = writePath(body, messagesPath, messages);
    }
    const reportedStatus = firstPath(fields["reportedStatus"]);
    if (reportedStatus !== undefined) body = writePath(body, reportedStatus, String(status >= 300 ? status : 400));
    if (requestIdPath !== undefined) body = writePath(body, requestIdPath, requestId);
    // A problem document (the dialect's fixed error media type) repeats the HTTP status in `status`.
    if (dialect.errorMediaType !== undefined && isPlainObject(body) && body["status"] === undefined) define(body, "status", status);
    const requestIdHeader = str(fields["requestIdHeader"]);
    if (requestIdHeader !== undefined) headers[requestIdHeader.toLowerCase()] = requestId;
  } else body = { message: withFields(error) };
  // An envelope's success test fails for an error body too, under any status.
  const envelope = config(dialect, "envelope");
  const success = envelope?.["success"] as Test | undefined;
  const successPath = success === undefined ? undefined : firstPath(success.path);
  // Unless the code the reader wrote there already fails it (a result node's code).
  if (success !== undefined && successPath !== undefined && (readPath(body, successPath) === undefined || holdsEquals(success, readPath(body, successPath)))) body = writePath(body, successPath, failingValue(success, status));
  if (envelope !== undefined) body = withNodeFields(envelope, body, { requestId });
  if (dialect.errorMediaType !== undefined) headers["content-type"] = dialect.errorMediaType;
  return { status, headers, body };
}

/** Whether a value passes an `equals` or `equals-number` test (0, "0" and "000" are 0). */
function holdsEquals(test: Test, value: unknown): boolean {
  if (test.equalsNumber !== undefined) return test.equalsNumber.some((n) => n === (typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value));
  return test.equals === undefined || test.equals.some((v) => v === value);
}

function withFields(error: MockError): string {
  return error.fields === undefined || error.fields.length === 0 ? error.message : `${error.message}: ${error.fields.map((f) => f.name).join(", ")}`;
}

/** Why the request's credentials are refused, or undefined when they pass. */
export function checkAuth(dialect: MockDialect, headers: Headers, credentials: Readonly<Record<string, string | undefined>>): string | undefined {
  const header = config(dialect, "headerAuth");
  if (header !== undefined) {
    const name = str(header["header"]) ?? "Authorization";
    const sent = headers.get(name);
    if (sent === null || sent.trim() === "") return `Missing credentials: no ${name} header`;
    const prefix = str(header["prefix"]) ?? "";
    let value: string;
    if (header["schemeOption"] !== undefined) value = /^\S+ (.+)$/.exec(sent)?.[1] ?? sent;
    else if (sent.startsWith(prefix)) value = sent.slice(prefix.length);
    else return `Invalid credentials: ${name} must start with "${prefix.trim()}"`;
    if (header["encoding"] === "base64") {
      const decoded = decodeBase64(value);
      if (decoded === undefined) return `Invalid credentials: ${name} is not base64`;
      value = decoded;
    }
    const expected = credentials[str(header["option"]) ?? ""];
    if (value === "") return "Missing credentials";
    if (expected !== undefined && value !== expected) return "Invalid credentials";
  }
  const basic = config(dialect, "basicAuth");
  if (basic !== undefined) {
    const sent = headers.get("authorization");
    if (sent === null) return "Missing credentials: no Authorization header";
    const decoded = /^Basic (.+)$/i.exec(sent) === null ? undefined : decodeBase64(sent.slice(6).trim());
    const colon = decoded?.indexOf(":") ?? -1;
    if (decoded === undefined || colon < 1) return "Invalid credentials: Authorization must be Basic base64(user:password)";
    const user = credentials[str(basic["usernameOption"]) ?? ""];
    const password = credentials[str(basic["passwordOption"]) ?? ""];
    if ((user !== undefined && decoded.slice(0, colon) !== user) || (password !== undefined && decoded.slice(colon + 1) !== password)) return "Invalid credentials";
  }
  return undefined;
}

/** The header names the dialect's credentials travel in, redacted in `mock.requests`. */
export function secretHeaders(dialect: MockDialect): string[] {
  const header = str(config(dialect, "headerAuth")?.["header"]);
  return [...(header === undefined ? [] : [header.toLowerCase()]), "authorization"];
}

function decodeBase64(text: string): string | undefined {
  try {
    const binary = atob(text);
    const decoded = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    // Only canonical base64 counts, so a raw key that happens to decode is not taken for one.
    return base64Utf8(decoded) === text ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/** The headers every call (or every call in a scope) must carry that are missing or wrong. */
export function checkDialectHeaders(dialect: MockDialect, headers: Headers, scopes: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const constant = config(dialect, "constantHeaders")?.["headers"];
  if (isPlainObject(constant)) {
    for (const [name, value] of Object.entries(constant)) {
      const sent = headers.get(name);
      if (sent === null) problems.push({ name, message: `The ${name} header is required.` });
      else if (sent !== value) problems.push({ name, message: `The ${name} header must be "${String(value)}", not "${sent}".` });
    }
  }
  const scoped = config(dialect, "scopedHeaders")?.["scopes"];
  if (Array.isArray(scoped)) {
    for (const scope of scoped) {
      if (!isPlainObject(scope) || scope["required"] !== true || !scopes.includes(String(scope["scope"]))) continue;
      const name = String(scope["header"]);
      if ((headers.get(name) ?? "").trim() === "") problems.push({ name, message: `The ${name} header is required.` });
    }
  }
  return problems;
}

/** The dialect's rate-limit headers for a window with `remaining` calls left that resets in `resetSeconds`. */
export function rateLimitHeaders(dialect: MockDialect, limit: number, remaining: number, resetSeconds: number, now: number): Record<string, string> {
  const rate = config(dialect, "rateLimits");
  if (rate === undefined) return {};
  const out: Record<string, string> = {};
  const put = (key: string, value: string) => {
    const name = str(rate[key]);
    if (name !== undefined) out[name.toLowerCase()] = value;
  };
  put("limitHeader", String(limit));
  put("remainingHeader", String(remaining));
  const unit = str(rate["reset"]) ?? "seconds";
  const reset =
    unit === "milliseconds" ? resetSeconds * 1000 : unit === "epoch-seconds" ? Math.ceil(now / 1000 + resetSeconds) : unit === "epoch-milliseconds" ? now + resetSeconds * 1000 : resetSeconds;
  put("resetHeader", String(reset));
  if (rate["ietf"] === true) out["ratelimit"] = `limit=${limit}, remaining=${remaining}, reset=${resetSeconds}`;
  return out;
}
