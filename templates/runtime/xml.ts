/**
 * XML bodies, for dialects that speak XML besides JSON. `readXml` turns a document into the plain
 * values JSON would give (elements → objects, text → strings; `conform` then applies the schema:
 * lists, numbers, booleans). `writeXml` writes a request body the way the schema lays it out:
 * one root element, one element per property, lists wrapped or repeated.
 * Parsing and building are fast-xml-parser's; this module decides only what it must.
 */

import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { RequestValidationError } from "./errors.js";
import { type Shape, type ShapeTable, propertyShape, resolveShape } from "./shape.js";

/** The media type written when an operation declares XML without saying which one. */
export const XML_MEDIA_TYPE = "application/xml";

/** A body that is not the XML it claims to be; the message says why, never quotes the body. */
export class XmlSyntaxError extends Error {}

const parser = new XMLParser({
  ignoreAttributes: true,
  // Text stays text: `conform` decides from the schema what is a number ("00123" is a style number).
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Character references (`&#233;`) and the predefined entities are decoded.
  htmlEntities: true,
});

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, ignoreAttributes: true, processEntities: true });

/** Reads an XML document; throws `XmlSyntaxError` for anything else. */
export function readXml(text: string): unknown {
  // A DTD can declare entities that expand without bound; no API needs one.
  if (/<!DOCTYPE/i.test(text)) throw new XmlSyntaxError("the document has a DOCTYPE, which is refused");
  let value: unknown;
  try {
    value = parser.parse(text, true);
  } catch (cause) {
    throw new XmlSyntaxError(`not well-formed XML (${cause instanceof Error ? cause.message : String(cause)})`);
  }
  if (typeof value !== "object" || value === null || Object.keys(value).length === 0) {
    throw new XmlSyntaxError("the document has no root element");
  }
  return value;
}

export interface WriteXmlOptions {
  readonly schemas: ShapeTable;
  /** Lists without their own `wrapped` get one element around their items. */
  readonly wrappedArrays: boolean;
  /**
   * The document element for a body that is not an object of exactly one property (for
   * `{ styles: [...] }` the property is the document element). Undefined: such a body is refused.
   */
  readonly rootElement?: string;
  /** Names the body in messages, e.g. `the body of Styles_Create`. */
  readonly where: string;
}

/** Writes `body` as an XML document with a declaration. */
export function writeXml(body: unknown, shape: Shape | undefined, options: WriteXmlOptions): string {
  const own = resolveShape(shape, options.schemas);
  let tree: Record<string, unknown>;
  const keys = isRecord(body) ? Object.keys(body).filter((key) => body[key] !== undefined) : [];
  if (isRecord(body) && keys.length === 1 && options.rootElement === undefined) {
    const [root] = keys as [string];
    const property = propertyShape(own, root, options.schemas);
    // One document element: a list at the top is always wrapped in it.
    tree = element(root, body[root], property, options, root, true);
  } else if (options.rootElement !== undefined) {
    tree = element(options.rootElement, body, shape, options, "", true);
  } else {
    throw new RequestValidationError(`${options.where} must be an object with one property, the XML document element`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build(tree) as string}`;
}

/** `{ name: content }` for the builder; a list becomes repeated elements, wrapped if the shape says so. */
function element(name: string, value: unknown, shape: Shape | undefined, options: WriteXmlOptions, path: string, root = false): Record<string, unknown> {
  checkName(name, options, path);
  const own = resolveShape(shape, options.schemas);
  if (Array.isArray(value)) {
    const items = own?.type === "array" ? own : undefined;
    const wrapped = root || (items?.wrapped ?? options.wrappedArrays);
    const itemName = items?.item ?? name;
    if (wrapped) checkName(itemName, options, path);
    const content = value.map((item, index) => contentOf(item, items?.items, options, `${path}[${index}]`));
    return wrapped ? { [name]: { [itemName]: content } } : { [name]: content };
  }
  return { [name]: contentOf(value, own, options, path) };
}

/** What goes inside an element: text for scalars, child elements for objects. */
function contentOf(value: unknown, shape: Shape | undefined, options: WriteXmlOptions, path: string): unknown {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RequestValidationError(`${label(path, options)} is an invalid Date`);
    return value.toISOString();
  }
  switch (typeof value) {
    case "string":
      checkText(value, path, options);
      return value;
    case "number":
      if (!Number.isFinite(value)) throw new RequestValidationError(`${label(path, options)} must be a finite number`);
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return value.toString();
    case "object": {
      if (Array.isArray(value)) throw new RequestValidationError(`${label(path, options)} is a list inside a list, which XML cannot say`);
      const children: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        if (child === undefined) continue;
        Object.assign(children, element(key, child, propertyShape(shape, key, options.schemas), options, path === "" ? key : `${path}.${key}`));
      }
      return children;
    }
    default:
      throw new RequestValidationError(`${label(path, options)} cannot be sent as XML (${typeof value})`);
  }
}

/** XML 1.0 names: letters, digits, `_ . -`, not starting with a digit, `.` or `-`; no colons (namespaces). */
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function checkName(name: string, options: WriteXmlOptions, path: string): void {
  if (!XML_NAME.test(name) || /^xml/i.test(name) || name === "__proto__") {
    throw new RequestValidationError(`${label(path, options)}: "${name}" cannot be an XML element name`);
  }
}

/** Characters XML 1.0 cannot carry at all, not even escaped; and lone surrogates. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkText(text: string, path: string, options: WriteXmlOptions): void {
  if (NOT_XML.test(text)) throw new RequestValidationError(`${label(path, options)} contains a character XML cannot carry`);
}

function label(path: string, options: WriteXmlOptions): string {
  return path === "" ? options.where : `${path} (${options.where})`;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
