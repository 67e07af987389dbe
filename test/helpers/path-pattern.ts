/**
 * The regular expression a loopback server matches an OpenAPI path template with: each
 * `{name}` is one raw (still percent-encoded) segment, everything else literal.
 *
 *   pathPattern("/students/{id}") → { pattern: /^\/students\/([^/]+)$/, paramNames: ["id"] }
 */
export function pathPattern(template: string): { readonly pattern: RegExp; readonly paramNames: readonly string[] } {
  const paramNames: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((piece) => {
      const name = /^\{([^}]+)\}$/.exec(piece)?.[1];
      if (name === undefined) return piece.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
      paramNames.push(name);
      return "([^/]+)";
    })
    .join("");
  return { pattern: new RegExp(`^${source}$`), paramNames };
}
