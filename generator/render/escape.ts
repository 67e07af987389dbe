/**
 * The only doors through which spec text enters generated code, one per position.
 * Templates reach them as Handlebars helpers; the plan stage calls them when it builds type
 * expressions. Each returns text that is inert in its position whatever the input.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Words that cannot name a variable or parameter. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await arguments eval undefined NaN Infinity"
  ).split(" "),
);

/** A JavaScript string literal. Escapes line and paragraph separators and lone surrogates too. */
export function stringLiteral(value: string): string {
  return JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => (c === "\u2028" ? "\\u2028" : "\\u2029"));
}

/** A property key: bare when it is a plain identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) && name !== "__proto__" ? name : stringLiteral(name);
}

/** An identifier the plan stage derived; anything else is a bug upstream, so fail loudly. */
export function identifier(name: string): string {
  if (!IDENTIFIER.test(name) || RESERVED_WORDS.has(name)) {
    throw new Error(`internal: ${JSON.stringify(name)} is not a safe identifier`);
  }
  return name;
}

/**
 * Text for the inside of a JSDoc block: one line per source line, `*\/` broken up, every kind of
 * line terminator normalised, and control characters dropped. Returns lines without the ` * `.
 */
export function docLines(text: string): string[] {
  const cleaned = text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
    .replace(/\*\//g, "*\\/")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
  const lines = cleaned.split("\n").map((line) => line.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  while (lines.length > 0 && lines[0] === "") lines.shift();
  return lines;
}

/** A whole JSDoc comment (with a trailing newline), or "" when there is nothing to say. */
export function jsdoc(text: string | undefined, tags: readonly string[] = []): string {
  const lines = text === undefined ? [] : docLines(text);
  const tagLines = tags.flatMap((tag) => docLines(tag));
  const all = tagLines.length > 0 && lines.length > 0 ? [...lines, "", ...tagLines] : [...lines, ...tagLines];
  if (all.length === 0) return "";
  return `/**\n${all.map((l) => (l === "" ? " *" : ` * ${l}`)).join("\n")}\n */\n`;
}

/**
 * A JSON value as a JavaScript expression. Object keys go through `propertyKey`, so a key named
 * `__proto__` becomes a computed-looking quoted key that still sets an own property.
 */
export function jsonLiteral(value: unknown): string {
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("internal: non-finite number in a JSON literal");
    return String(value);
  }
  if (typeof value === "string") return stringLiteral(value);
  if (Array.isArray(value)) return `[${value.map(jsonLiteral).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) =>
      k === "__proto__" ? `["__proto__"]: ${jsonLiteral(v)}` : `${propertyKey(k)}: ${jsonLiteral(v)}`,
    );
    return `{ ${entries.join(", ")} }`;
  }
  throw new Error(`internal: ${typeof value} cannot be a JSON literal`);
}

/**
 * Markdown text for READMEs: no raw HTML and no line breaks that would end a list item or
 * table row. Inside `code spans` `<` is already literal, so only the prose around them is escaped.
 */
export function markdownText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029]|\n/g, " ")
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : disarmLinks(part).replace(/[<>|]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "|": "\\|" })[c] ?? c)))
    .join("");
}

/** Markdown paragraphs for a README's body: each paragraph as `markdownText`, blank lines between them. */
export function markdownBlock(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .split(/\n[ \t]*\n/)
    .flatMap((paragraph) => {
      // A heading stays a heading, below the section it is printed in (`# Intro` → `### Intro`).
      const [first = "", ...rest] = paragraph.trim().split("\n");
      const heading = /^(#{1,6})[ \t]+(.*)$/.exec(first);
      if (heading === null) return [markdownText(paragraph.trim())];
      const level = "#".repeat(Math.min(6, (heading[1] ?? "").length + 2));
      return [`${level} ${markdownText(heading[2] ?? "")}`, markdownText(rest.join("\n").trim())];
    })
    .filter((paragraph) => paragraph !== "")
    .join("\n\n");
}

/** `[text](target)` and `[label]: target`, with the target as written (`<…>` or bare). */
const MARKDOWN_LINK = /(\\*)\]([(:])[ \t]*(<[^>]*>?|[^\s)]*)/g;

/**
 * A link to `javascript:`, `data:`, `vbscript:` or any other scheme a README reader should not
 * click stays text: its `]` is escaped, so no link (or reference definition) forms. Only http(s),
 * mailto and relative targets stay links. A relative target may not hide a scheme behind an
 * entity (`&colon;`) or a backslash escape, which Markdown would decode.
 */
function disarmLinks(text: string): string {
  return text.replace(MARKDOWN_LINK, (link: string, slashes: string, _opener: string, target: string) =>
    // An odd run of backslashes already makes the `]` literal.
    slashes.length % 2 === 1 || isSafeLinkTarget(target) ? link : `\\${link}`,
  );
}

export function isSafeLinkTarget(written: string): boolean {
  const target = written.replace(/^</, "").replace(/>$/, "").trim();
  if (/^(?:https?:\/\/|mailto:)/i.test(target)) return true;
  const beforePath = target.split(/[/?#]/, 1)[0] ?? "";
  return !/[:&\\%]/.test(beforePath);
}

/** Inline code in Markdown, with a fence longer than any backtick run inside. */
export function markdownCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text.replace(/[\r\n]+/g, " ")}${pad}${fence}`;
}
