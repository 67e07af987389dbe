/**
 * Content negotiation for APIs that speak JSON and XML. Each operation declares the media types of
 * its request body and its responses; a call picks one format (the call's `format` option, else the
 * client's, else the dialect's preference, JSON by default) and sends the matching `Accept` and
 * `Content-Type`. XML bodies are written and read through xml.ts; every success payload, whichever
 * the format, is then made to fit its schema (shape.ts), so both formats give the same values.
 */

import { ResponseParseError, RequestValidationError } from "./errors.js";
import type { ClientOptions } from "./options.js";
import { optionValue } from "./options.js";
import { type Shape, type ShapeTable, conform } from "./shape.js";
import type { OperationDescriptor, Plugin, RequestOptions } from "./types.js";
import { XML_MEDIA_TYPE, XmlSyntaxError, readXml, writeXml } from "./xml.js";

export type WireFormat = "json" | "xml";

const FORMATS: readonly WireFormat[] = ["json", "xml"];
const DEFAULT_MEDIA_TYPE: Readonly<Record<WireFormat, string>> = { json: "application/json", xml: XML_MEDIA_TYPE };

/** What one operation speaks, keyed in the config by `METHOD path`. */
export interface OperationFormats {
  /** Media types the request body may be sent in, as the spec lists them. */
  readonly request?: readonly string[];
  /** Media types the success responses come in. */
  readonly response?: readonly string[];
  /** Shape of the request body, for writing XML. */
  readonly body?: Shape;
  /** Shape of the success payload (after any envelope), for reading either format. */
  readonly result?: Shape;
}

export interface WireFormatsConfig {
  /** Client option holding the client's format (`"json"` or `"xml"`). */
  readonly option: string;
  /** The format a call uses when neither it nor the client names one. */
  readonly prefer: WireFormat;
  /** Query parameter by which the caller may ask for the response in another format (e.g. `return_format`). */
  readonly returnFormatParam?: string;
  /** Sends `Content-Type` on every request, bodiless ones too (the API refuses requests without it). */
  readonly contentTypeAlways: boolean;
  /** XML lists without their own `wrapped` are wrapped in one element. */
  readonly wrappedArrays: boolean;
  /** Document element for XML bodies that are not an object of one property. */
  readonly rootElement?: string;
  readonly operations: Readonly<Record<string, OperationFormats>>;
  readonly schemas: ShapeTable;
}

/** The format of a media type, or undefined for one this module does not speak. */
export function formatOf(mediaType: string): WireFormat | undefined {
  const essence = mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (/^application\/json$|[/+]json$/.test(essence)) return "json";
  if (/^(application|text)\/xml$|[/+]xml$/.test(essence)) return "xml";
  return undefined;
}

/** The media type to use for `wanted` among `declared` (or the other format's, if it is not there). */
export function pick(declared: readonly string[] | undefined, wanted: WireFormat): { readonly format: WireFormat; readonly mediaType: string } {
  const list = declared === undefined || declared.length === 0 ? [DEFAULT_MEDIA_TYPE.json] : declared;
  const spoken = list.filter((type) => formatOf(type) !== undefined);
  const match = spoken.find((type) => formatOf(type) === wanted) ?? spoken[0];
  if (match === undefined) return { format: wanted, mediaType: DEFAULT_MEDIA_TYPE[wanted] };
  return { format: formatOf(match) ?? wanted, mediaType: match };
}

function readFormat(value: unknown, name: string): WireFormat | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" && (FORMATS as readonly string[]).includes(value)) return value as WireFormat;
  throw new RequestValidationError(`${name} must be "json" or "xml"`);
}

function keyOf(operation: OperationDescriptor): string {
  return `${operation.method} ${operation.path}`;
}

export function wireFormats(config: WireFormatsConfig, options: ClientOptions): Plugin {
  const clientFormat = readFormat(optionValue(options, config.option), config.option);
  const formats = (operation: OperationDescriptor): OperationFormats => config.operations[keyOf(operation)] ?? {};

  /** The format a call asks for; one the operation cannot speak is refused when the call named it. */
  const wanted = (operation: OperationDescriptor, call: RequestOptions | undefined): WireFormat => {
    const own = readFormat(call?.format, "options.format");
    if (own !== undefined) {
      const op = formats(operation);
      const spoken = [...(op.request ?? []), ...(op.response ?? [DEFAULT_MEDIA_TYPE.json])].map(formatOf);
      if (!spoken.includes(own)) throw new RequestValidationError(`${operation.id} does not speak ${own} (options.format)`);
      return own;
    }
    return clientFormat ?? config.prefer;
  };

  const schemas = config.schemas;
  return {
    encodeBody(body, operation, call) {
      const op = formats(operation);
      if (op.request === undefined) return undefined;
      const chosen = pick(op.request, wanted(operation, call));
      if (chosen.format !== "xml") return undefined;
      const text = writeXml(body, op.body, {
        schemas,
        wrappedArrays: config.wrappedArrays,
        where: `the body of ${operation.id}`,
        ...(config.rootElement === undefined ? {} : { rootElement: config.rootElement }),
      });
      return { body: text, contentType: chosen.mediaType };
    },

    onRequest(request) {
      const { operation, headers, url } = request;
      const op = formats(operation);
      const format = wanted(operation, request.options);
      // The caller may ask for the answer in another format through the API's own parameter.
      const asked = config.returnFormatParam === undefined ? null : url.searchParams.get(config.returnFormatParam);
      const answer = asked === null ? format : (readFormat(asked.toLowerCase(), config.returnFormatParam ?? "") ?? format);
      // An Accept the caller set for this call is theirs to choose.
      const callHeaders = Object.keys(request.options?.headers ?? {}).map((name) => name.toLowerCase());
      if (!callHeaders.includes("accept")) headers.set("accept", pick(op.response, answer).mediaType);
      if (config.contentTypeAlways && (headers.get("content-type") ?? "") === "") {
        headers.set("content-type", pick(op.request ?? op.response, format).mediaType);
      }
    },

    parseBody(text, response) {
      const type = response.headers.get("content-type");
      const xml = type === null ? /^\s*</.test(text) : formatOf(type) === "xml";
      if (!xml) return undefined;
      try {
        return { value: readXml(text) };
      } catch (cause) {
        if (!(cause instanceof XmlSyntaxError)) throw cause;
        throw new ResponseParseError({
          message: `${response.operation.id} returned a body that is not valid XML (status ${response.status}): ${cause.message}`,
          status: response.status,
          headers: response.headers,
          bodyText: text,
          cause,
        });
      }
    },

    decodeSuccess(value, response) {
      const shape = formats(response.operation).result;
      return shape === undefined ? value : conform(value, shape, { schemas, wrappedArrays: config.wrappedArrays });
    },
  };
}
