/**
 * The spec's prose as a reader of the package meets it: HTML comments (`<!-- … -->`, notes to the
 * spec's editors) removed, and relative Markdown links (`[Refunds](../refunds/)`) made absolute
 * against `client.docs-url`, or reduced to their text when there is none (a relative link in a
 * JSDoc or an npm README leads nowhere).
 *
 *   cleanProse("See [Refunds](../refunds/). <!-- TODO -->", "https://docs.example.com/api/")
 *   → "See [Refunds](https://docs.example.com/refunds/)."
 */
import type { IRDocument } from "../ir.js";

const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
/** `[text](target)` whose target has no scheme and is not a fragment: relative. */
const RELATIVE_LINK = /\[([^\]\n]*)\]\((?![a-z][a-z0-9+.-]*:|#)([^)\s]+)\)/gi;

export function cleanProse(text: string, docsUrl: string | undefined): string {
  return text
    .replace(HTML_COMMENT, "")
    .replace(RELATIVE_LINK, (_link, label: string, target: string) => (docsUrl === undefined ? label : `[${label}](${new URL(target, docsUrl).href})`))
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Every `description` and `summary` in the document, cleaned; a text left empty is dropped. */
export function withCleanProse(ir: IRDocument, docsUrl: string | undefined): IRDocument {
  const clean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(clean);
    if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, typeof v === "string" ? emptyToUndefined(cleanProse(v, docsUrl)) : clean(v)]));
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, (k === "description" || k === "summary") && typeof v === "string" ? emptyToUndefined(cleanProse(v, docsUrl)) : clean(v)]),
    );
  };
  return clean(ir) as IRDocument;
}

const emptyToUndefined = (text: string): string | undefined => (text === "" ? undefined : text);

/**
 * The client class's JSDoc: `info.summary`, else the description's first paragraph that is not a
 * heading, then the
 * docs link; the whole description is the README's.
 */
export function clientSummary(ir: IRDocument, docsUrl: string | undefined): string | undefined {
  // The first paragraph that says something: a description often opens with a heading (`# Introduction`).
  const first = ir.summary ?? ir.description?.split(/\n\s*\n/).map((p) => p.trim()).find((p) => p !== "" && !p.startsWith("#"));
  const link = docsUrl === undefined ? undefined : `Documentation: ${docsUrl}`;
  const parts = [first, link].filter((p): p is string => p !== undefined && p !== "");
  return parts.length === 0 ? undefined : parts.join("\n\n");
}
