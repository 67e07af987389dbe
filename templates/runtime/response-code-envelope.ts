/**
 * Bodies wrapped in a resource-named element that carries a "response" node with the provider's
 * own result code, whatever the HTTP status:
 *
 *   {"styles": {"response": {"code": 0, "log_id": "…", "next_start": 50}, "styles": [...]}}
 *
 * (the same tree comes out of the XML form). Code 0 is success and the client returns the payload
 * beside the node; any other code is an error, even under HTTP 200, of the class the package maps
 * the code to, carrying the code, the node's comment and its log id. Codes the spec marks
 * retryable are retried like a 503. The node's next offset drives paging.
 */

import { APIError, capMessage, ResponseParseError } from "./errors.js";
import type { APIErrorInit } from "./errors.js";
import { definedOnly, isRecord } from "./fields.js";
import type { ErrorDetails, Plugin, ResponseInfo } from "./types.js";

export interface ResponseCodeInfo {
  /** A short name, e.g. `Authentication`. */
  readonly name: string;
  /** Whether a call answered with this code may succeed if repeated (e.g. system unavailable). */
  readonly retryable?: boolean;
}

export interface ResponseCodeEnvelopeConfig {
  /** The node's name inside the wrapper, e.g. `response`. */
  readonly node: string;
  readonly codeField: string;
  readonly commentField: string;
  readonly logIdField: string;
  /** The code that means success, e.g. "0"; compared as a number when both are numeric. */
  readonly successCode: string;
  /** Field of the node with the offset of the next page, e.g. `next_start`. */
  readonly nextOffsetField?: string;
  /**
   * Field of the node echoing the page's own offset, e.g. `start_from`: a node that has it but no
   * next offset is the last page. Without it, a missing next offset leaves paging to counting.
   */
  readonly offsetField?: string;
  /** Known codes, keyed as the provider documents them ("001"); "1" and 1 find "001" too. */
  readonly codes: Readonly<Record<string, ResponseCodeInfo>>;
}

/** Base class of the provider's errors: an API error with the response node's code, comment and log id. */
export class ResponseCodeError extends APIError {
  /** The node's description of the problem, when it gave one. */
  readonly comment: string | undefined;
  /** The provider's id of this transaction in its logs, to quote to its support. */
  readonly logId: string | undefined;
  /** The documented name of `code` (e.g. `Authentication`); undefined for a code the spec does not list. */
  readonly codeName: string | undefined;

  constructor(init: APIErrorInit) {
    super(init);
    const extra = init.extra ?? {};
    this.comment = typeof extra["comment"] === "string" ? extra["comment"] : undefined;
    this.logId = typeof extra["logId"] === "string" ? extra["logId"] : init.requestId;
    this.codeName = typeof extra["codeName"] === "string" ? extra["codeName"] : undefined;
  }
}

/** What the node says, read defensively: codes may arrive as numbers (JSON) or text (XML). */
export interface ResponseNode {
  /** The code as the spec's table writes it ("001"), or as sent when the table does not know it. */
  readonly code: string | undefined;
  readonly success: boolean;
  readonly info: ResponseCodeInfo | undefined;
  readonly comment: string | undefined;
  readonly logId: string | undefined;
  /** The next page's offset: a number, null when the node says there is none, undefined when it says nothing. */
  readonly nextOffset: number | null | undefined;
}

export interface Located {
  readonly node: ResponseNode;
  /** What the wrapper holds besides the node: the payload, or undefined when there is none. */
  readonly payload: unknown;
}

/** Finds the node at the top of the body or inside its one wrapper element; undefined if absent. */
export function locateResponseNode(body: unknown, config: ResponseCodeEnvelopeConfig): Located | undefined {
  let wrapper: Readonly<Record<string, unknown>> | undefined;
  if (isRecord(body) && isRecord(ownValue(body, config.node))) {
    wrapper = body;
  } else if (isRecord(body) && Object.keys(body).length === 1) {
    const inner = ownValue(body, Object.keys(body)[0] as string);
    if (isRecord(inner) && isRecord(ownValue(inner, config.node))) wrapper = inner;
  }
  if (wrapper === undefined) return undefined;
  const node = readNode(ownValue(wrapper, config.node) as Readonly<Record<string, unknown>>, config);
  const rest = Object.keys(wrapper).filter((key) => key !== config.node && key !== "__proto__");
  let payload: unknown;
  if (rest.length === 1) payload = wrapper[rest[0] as string];
  else if (rest.length > 1) payload = Object.fromEntries(rest.map((key) => [key, wrapper[key]]));
  return { node, payload };
}

function readNode(node: Readonly<Record<string, unknown>>, config: ResponseCodeEnvelopeConfig): ResponseNode {
  const raw = ownValue(node, config.codeField);
  const text = typeof raw === "number" && Number.isInteger(raw) ? String(raw) : typeof raw === "string" ? raw.trim() : undefined;
  const numeric = text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
  const known = Object.keys(config.codes).find((key) => key === text || (numeric !== undefined && /^\d+$/.test(key) && Number(key) === numeric));
  const success =
    text !== undefined && (text === config.successCode || (numeric !== undefined && /^\d+$/.test(config.successCode) && numeric === Number(config.successCode)));
  const code = known ?? (numeric !== undefined ? text?.padStart(3, "0") : text === "" ? undefined : text);
  return {
    code,
    success,
    info: known === undefined ? undefined : config.codes[known],
    // The comment becomes the message and a property; a huge one is cut like any message.
    comment: nonEmpty(capMessage(scalarText(ownValue(node, config.commentField)))),
    logId: nonEmpty(scalarText(ownValue(node, config.logIdField))),
    nextOffset: config.nextOffsetField === undefined ? undefined : offsetOf(node, config.nextOffsetField, config.offsetField),
  };
}

function offsetOf(node: Readonly<Record<string, unknown>>, field: string, pageField: string | undefined): number | null | undefined {
  if (!Object.prototype.hasOwnProperty.call(node, field)) {
    // A page that says where it starts but not where the next one does is the last.
    return pageField !== undefined && Object.prototype.hasOwnProperty.call(node, pageField) ? null : undefined;
  }
  const raw = node[field];
  const value = typeof raw === "string" ? (raw.trim() === "" ? Number.NaN : Number(raw)) : raw;
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : null;
}

/** The error details the node stands for. */
export function nodeErrorDetails(node: ResponseNode, response: ResponseInfo): ErrorDetails {
  const named = node.info === undefined ? "" : ` (${node.info.name})`;
  const message =
    node.comment ??
    (node.code === undefined
      ? `${response.operation.id} answered with no response code (HTTP ${response.status})`
      : `${response.operation.id} answered with response code ${node.code}${named}`);
  return definedOnly<ErrorDetails>({
    message,
    code: node.code,
    requestId: node.logId,
    retryable: node.info?.retryable === true ? true : undefined,
    extra: definedOnly<Record<string, string>>({ comment: node.comment, logId: node.logId, codeName: node.info?.name }),
  });
}

export function responseCodeEnvelope(config: ResponseCodeEnvelopeConfig): Plugin {
  return {
    decodeSuccess(body, response): unknown {
      const found = locateResponseNode(body, config);
      if (found === undefined) {
        throw new ResponseParseError({
          message: `${response.operation.id} returned a body without its "${config.node}" node (HTTP ${response.status})`,
          status: response.status,
          headers: response.headers,
          bodyText: JSON.stringify(body) ?? "",
        });
      }
      const { node } = found;
      if (node.logId !== undefined) response.meta["logId"] = node.logId;
      if (node.code !== undefined) response.meta["responseCode"] = node.code;
      if (!node.success) throw response.createError(nodeErrorDetails(node, response));
      if (node.nextOffset !== undefined) response.meta["nextOffset"] = node.nextOffset;
      return found.payload;
    },

    decodeError(body, response): ErrorDetails | undefined {
      const found = locateResponseNode(body, config);
      if (found === undefined) return undefined;
      if (found.node.success) return definedOnly<ErrorDetails>({ requestId: found.node.logId });
      return nodeErrorDetails(found.node, response);
    },
  };
}

function ownValue(record: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === "" ? undefined : text;
}
