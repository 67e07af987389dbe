/**
 * `x-conventions.formats`: an API that speaks XML as well as JSON. Each operation's formats are
 * the media types its request body and 2xx responses list in the spec; a call picks one (its
 * `format` option, the client's, else `prefer`) and sends the matching `Accept`/`Content-Type`.
 * XML is written and read with fast-xml-parser, the one dependency this adds to the package;
 * every payload is then made to fit its schema (lists, numbers, booleans), so both formats give
 * the same typed values.
 */
import type { IROperation } from "../ir.js";
import type { Convention, JsonValue } from "./convention.js";
import { operationKey } from "./convention.js";
import { ConfigReader } from "./read-config.js";
import { ShapeBuilder } from "./shapes.js";

/** The XML parser the runtime's xml.ts is written and tested against (the root package.json pins the same). */
export const XML_PARSER = { name: "fast-xml-parser", version: "5.12.1" } as const;

interface FormatsConfig {
  readonly prefer: "json" | "xml";
  readonly option: string;
  readonly returnFormatParam: string | undefined;
  readonly contentType: "always" | "with-body";
  readonly wrappedArrays: boolean;
  readonly rootElement: string | undefined;
  readonly defaultMediaTypes: readonly string[] | undefined;
}

const XML = /^(application|text)\/xml$|[/+]xml$/i;
const JSON_TYPE = /^application\/json$|[/+]json$/i;

function spoken(mediaTypes: readonly string[] | undefined): string[] {
  return (mediaTypes ?? []).filter((t) => {
    const essence = t.split(";")[0]?.trim() ?? "";
    return XML.test(essence) || JSON_TYPE.test(essence);
  });
}

function successes(op: IROperation) {
  return op.responses.filter((r) => /^2(\d\d|XX)$/i.test(r.status));
}

export const formatsConvention: Convention<FormatsConfig> = {
  key: "formats",
  summary: "JSON and XML per operation (from its content types): `prefer`, `option`, `return-format-param`, `content-type: always`, `default-media-types`, `xml.arrays`, `xml.root-element`",
  parse(value, at, problems) {
    const read = new ConfigReader(problems, "formats");
    const node = read.mapping(value, at, ["prefer", "option", "return-format-param", "content-type", "default-media-types", "xml"]);
    if (node === undefined) return undefined;
    const prefer = read.oneOf(node, "prefer", at, ["json", "xml"] as const, "json");
    const option = node["option"] === undefined ? "format" : read.optionName(node, "option", at);
    const returnFormatParam = read.optionalString(node, "return-format-param", at);
    const contentType = read.oneOf(node, "content-type", at, ["always", "with-body"] as const, "with-body");
    let wrappedArrays = false;
    let rootElement: string | undefined;
    if (node["xml"] !== undefined) {
      const xml = read.mapping(node["xml"], [...at, "xml"], ["arrays", "root-element"]);
      if (xml !== undefined) {
        wrappedArrays = read.oneOf(xml, "arrays", [...at, "xml"], ["wrapped", "repeated"] as const, "repeated") === "wrapped";
        rootElement = read.optionalString(xml, "root-element", [...at, "xml"]);
        if (rootElement !== undefined && !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(rootElement)) {
          problems.add([...at, "xml", "root-element"], `formats: "${rootElement}" is not an XML element name`);
        }
      }
    }
    const defaultMediaTypes = read.stringList(node, "default-media-types", at);
    for (const [index, type] of (defaultMediaTypes ?? []).entries()) {
      if (spoken([type]).length === 0) problems.add([...at, "default-media-types", index], `formats: "${type}" is neither a JSON nor an XML media type`);
    }
    if (prefer === undefined || option === undefined || contentType === undefined) return undefined;
    return { prefer, option, returnFormatParam, contentType, wrappedArrays, rootElement, defaultMediaTypes };
  },
  apply(config, ir, facts) {
    const shapes = new ShapeBuilder(ir);
    const operations: Record<string, JsonValue> = {};
    let speaksXml = 0;
    for (const op of ir.operations) {
      const entry: Record<string, JsonValue> = {};
      const request = op.body === undefined ? [] : spoken(op.body.mediaTypes ?? [op.body.mediaType]);
      const declared = [...new Set(successes(op).flatMap((r) => spoken(r.mediaTypes ?? (r.mediaType === undefined ? [] : [r.mediaType]))))];
      // Answers with no payload (only an envelope) still come in a format.
      const response = declared.length > 0 ? declared : [...(config.defaultMediaTypes ?? [])];
      if (request.length > 0) entry["request"] = request;
      if (response.length > 0) entry["response"] = response;
      const body = shapes.shapeOf(op.body?.type);
      if (body !== undefined) entry["body"] = body;
      const result = shapes.shapeOf(successes(op).find((r) => r.type !== undefined)?.type);
      if (result !== undefined) entry["result"] = result;
      if ([...request, ...response].some((t) => XML.test(t.split(";")[0]?.trim() ?? ""))) speaksXml++;
      if (Object.keys(entry).length > 0) operations[operationKey(op.method, op.path)] = entry;
    }

    facts.modules.add("wire-formats");
    facts.dependencies.set(XML_PARSER.name, XML_PARSER.version);
    facts.options.push({
      name: config.option,
      type: { kind: "literal", values: ["json", "xml"] },
      required: false,
      description: `The wire format of every call (default \`${config.prefer}\`); an operation that does not speak it uses the other. A call's own \`format\` option wins.`,
    });
    const pluginConfig: Record<string, JsonValue> = {
      option: config.option,
      prefer: config.prefer,
      contentTypeAlways: config.contentType === "always",
      wrappedArrays: config.wrappedArrays,
      operations,
      schemas: shapes.table(),
    };
    if (config.returnFormatParam !== undefined) pluginConfig["returnFormatParam"] = config.returnFormatParam;
    if (config.rootElement !== undefined) pluginConfig["rootElement"] = config.rootElement;
    facts.plugins.push({ module: "wire-formats", exportName: "wireFormats", config: pluginConfig, takesOptions: true });

    const other = config.prefer === "json" ? "xml" : "json";
    let text = `${speaksXml} of ${ir.operations.length} operations speak XML as well as JSON (the content types in the spec). Calls use ${config.prefer.toUpperCase()} where the operation speaks it; \`new ${facts.clientName ?? "Client"}({ ${config.option}: "${other}" })\` switches the client, \`{ format: "${other}" }\` as the last argument switches one call (refused if the operation cannot). \`Accept\` and \`Content-Type\` always match the format used, and responses are read by their own \`Content-Type\`: XML is parsed with fast-xml-parser into the same typed values JSON gives — lists stay lists when one item came back, numbers and booleans are typed by the schema.`;
    if (config.returnFormatParam !== undefined) text += ` Passing \`${config.returnFormatParam}\` ("json" or "xml") asks for the response in that format whatever the request was sent in.`;
    if (config.contentType === "always") text += " Every request carries a `Content-Type`, GETs and DELETEs included: the API does not process a call without one.";
    if (config.wrappedArrays) text += " In XML, a list is one element holding one child element per item (`<colors><color>…</color></colors>`).";
    facts.notes.push({ title: "Formats", text });
  },
};
