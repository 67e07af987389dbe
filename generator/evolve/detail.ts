/**
 * Detail lines as printed (the run's report, CHANGELOG.md): a change's detail keeps every type
 * whole in `api-changes.json`, and is shortened here for people. A type shown before and after
 * (`` `A` → `B` ``) keeps the part that differs, with the common start and end elided, so the
 * two sides never print the same; any other long type is cut at its end.
 *
 *   shortDetail("`{ a: string; …200 chars…; z?: number }` → `{ a: string; …200 chars…; z?: string }`")
 *   → "`…; z?: number }` → `…; z?: string }`"
 */

/** Longest type printed whole. */
export const MAX_TYPE = 100;
/** Characters kept on each side of the part that differs. */
const CONTEXT = 24;

const cutEnd = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Two long texts shortened to where they differ (with a little context), each ≤ about `max` characters. */
export function contrast(before: string, after: string, max = MAX_TYPE): [string, string] {
  if (before.length <= max && after.length <= max) return [before, after];
  const shortest = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shortest && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const from = Math.max(0, prefix - CONTEXT);
  const shorten = (text: string): string => {
    const to = Math.min(text.length, text.length - suffix + CONTEXT);
    const middle = text.slice(from, to);
    const head = from > 0 ? "…" : "";
    if (middle.length > max) return `${head}${middle.slice(0, max - 1)}…`;
    return `${head}${middle}${to < text.length ? "…" : ""}`;
  };
  return [shorten(before), shorten(after)];
}

const SPAN = /`([^`]*)`/g;
const PAIR = /`([^`]*)` → `([^`]*)`/g;

/** A detail line with long code spans shortened; a span ≤ MAX_TYPE characters is left as it is. */
export function shortDetail(detail: string): string {
  const pairs = new Map<number, string>();
  const withPairs = detail.replace(PAIR, (whole, before: string, after: string, at: number) => {
    if (before.length <= MAX_TYPE && after.length <= MAX_TYPE) return whole;
    const [b, a] = contrast(before, after);
    const marker = `\u0000${pairs.size}\u0000`;
    pairs.set(at, `\`${b}\` → \`${a}\``);
    return marker;
  });
  const cut = withPairs.replace(SPAN, (whole, text: string) => (text.length <= MAX_TYPE ? whole : `\`${cutEnd(text, MAX_TYPE)}\``));
  const replacements = [...pairs.values()];
  return cut.replace(/\u0000(\d+)\u0000/g, (_, i: string) => replacements[Number(i)] ?? "");
}
