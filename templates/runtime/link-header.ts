/**
 * The `rel="next"` target of an RFC 8288 `Link` header, e.g.
 * `<https://api.example/items?page=2>; rel="next", <…?page=5>; rel="last"`. Read with a small
 * scanner rather than a split on commas, because quoted parameters (`title="a, b"`) and URLs may
 * hold commas and semicolons. A header it cannot read gives undefined, never a throw.
 */

/** The URI reference of the first link whose `rel` includes `next`, as written (may be relative). */
export function nextLink(header: string | null): string | undefined {
  if (header === null) return undefined;
  let i = 0;
  const n = header.length;
  const skipSpace = (): void => {
    while (i < n && (header[i] === " " || header[i] === "\t")) i++;
  };
  while (i < n) {
    skipSpace();
    if (header[i] === ",") {
      i++;
      continue;
    }
    if (header[i] !== "<") return undefined;
    const close = header.indexOf(">", i + 1);
    if (close < 0) return undefined;
    const target = header.slice(i + 1, close).trim();
    i = close + 1;
    let isNext = false;
    // Parameters: `; name=value` or `; name="quoted, value"`, until the comma that ends the link.
    for (;;) {
      skipSpace();
      if (header[i] !== ";") break;
      i++;
      skipSpace();
      const nameStart = i;
      while (i < n && /[A-Za-z0-9!#$%&'*+.^_`|~-]/.test(header[i] as string)) i++;
      const name = header.slice(nameStart, i).toLowerCase();
      skipSpace();
      let value = "";
      if (header[i] === "=") {
        i++;
        skipSpace();
        if (header[i] === '"') {
          i++;
          while (i < n && header[i] !== '"') {
            if (header[i] === "\\") i++;
            value += header[i] ?? "";
            i++;
          }
          if (i >= n) return undefined;
          i++;
        } else {
          const start = i;
          while (i < n && header[i] !== ";" && header[i] !== ",") i++;
          value = header.slice(start, i).trim();
        }
      }
      // `rel` may list several relation types: rel="next last".
      if (name === "rel" && value.toLowerCase().split(/\s+/).includes("next")) isNext = true;
    }
    skipSpace();
    if (i < n && header[i] !== ",") return undefined;
    if (isNext && target !== "") return target;
  }
  return undefined;
}
