/**
 * Duplicate keys in a JSON spec. JSON.parse keeps the last of them without a word, while the YAML
 * loaders refuse them; a spec means the same in either syntax only if JSON refuses them too.
 *
 * Kept off the fast path: the parsed value tells how many keys survived, and a cheap count of the
 * key tokens in the text (an upper bound) says whether any were lost. Only then is the text scanned
 * object by object to name them.
 */

export interface DuplicateKey {
  readonly key: string;
  /** Offset of the repeated key's opening quote. */
  readonly offset: number;
  /** Offset of the first key of that name in the same object. */
  readonly firstOffset: number;
}

/**
 * At least the number of keys in the (valid) JSON text: every key is a string followed by ":",
 * so counting the colons that follow an unescaped quote cannot miss one. It overcounts only a
 * string value that starts with ":", which merely sends the caller to the exact scan.
 */
export function countKeyTokensAtLeast(text: string): number {
  let count = 0;
  for (let colon = text.indexOf(":"); colon !== -1; colon = text.indexOf(":", colon + 1)) {
    let i = colon - 1;
    let c = text.charCodeAt(i);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(--i);
    if (c === 0x22 && backslashesBefore(text, i) % 2 === 0) count++;
  }
  return count;
}

/** Every repeated key, in text order; `text` must be valid JSON. */
export function findDuplicateKeys(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  // One entry per open container: the keys seen so far for an object, null for an array.
  const open: (Map<string, number> | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b) open.push(new Map());
    else if (c === 0x5b) open.push(null);
    else if (c === 0x7d || c === 0x5d) open.pop();
    else if (c === 0x22) {
      const end = stringEnd(text, i);
      const keys = open[open.length - 1];
      if (keys && text.charCodeAt(skipSpace(text, end)) === 0x3a) {
        const raw = text.slice(i + 1, end - 1);
        const key = raw.includes("\\") ? (JSON.parse(text.slice(i, end)) as string) : raw;
        const first = keys.get(key);
        if (first === undefined) keys.set(key, i);
        else found.push({ key, offset: i, firstOffset: first });
      }
      i = end - 1;
    }
  }
  return found;
}

function backslashesBefore(text: string, index: number): number {
  let count = 0;
  while (text.charCodeAt(index - 1 - count) === 0x5c) count++;
  return count;
}

/** Just past the closing quote of the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let quote = text.indexOf('"', start + 1);
  while (quote !== -1 && backslashesBefore(text, quote) % 2 === 1) quote = text.indexOf('"', quote + 1);
  return quote === -1 ? text.length : quote + 1;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++i));
  return i;
}
