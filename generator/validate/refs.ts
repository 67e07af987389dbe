/**
 * Local `$ref` resolution. Only references into the same document (`#/…`) exist for clientsmith:
 * it never fetches, so a spec is exactly the one file it was given.
 */

/**
 * The pointer segments of a local ref (`#/a/b~1c` → ["a", "b/c"]), or undefined when the ref is
 * not a local JSON pointer. The fragment is percent-decoded first (RFC 6901 §6), so
 * `#/paths/~1pets~1%7Bid%7D` names the path "/pets/{id}".
 */
export function refPointer(ref: string): string[] | undefined {
  if (!ref.startsWith("#")) return undefined;
  let fragment: string;
  try {
    fragment = decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
  if (fragment === "") return [];
  if (!fragment.startsWith("/")) return undefined;
  return fragment
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** The value a local ref points to, or undefined when it is not local or points to nothing. */
export function resolveRef(document: unknown, ref: string): unknown | undefined {
  const pointer = refPointer(ref);
  if (pointer === undefined) return undefined;
  let current: unknown = document;
  for (const segment of pointer) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (typeof current === "object" && current !== null && Object.hasOwn(current, segment)) {
      // Own properties only: `#/constructor` must not find Object.prototype.constructor.
      current = (current as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * Follows a chain of Reference Objects (`{ $ref: … }` pointing at another `{ $ref: … }`) to the
 * object at its end; undefined when a link is broken or the chain loops. Broken links are reported
 * by the ref check, so callers just skip what they cannot see.
 */
export function followRefs(document: unknown, value: unknown): unknown | undefined {
  let current = value;
  for (let hops = 0; hops < 32; hops++) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return current;
    const ref = (current as Record<string, unknown>)["$ref"];
    if (typeof ref !== "string") return current;
    current = resolveRef(document, ref);
  }
  return undefined;
}
