/**
 * Name derivation: the one place spec strings become TypeScript names. Every name is checked
 * against reserved words, globals and names already taken, and collisions get a numeric suffix
 * in a deterministic order.
 */
import { RESERVED_WORDS } from "../render/escape.js";

/** Splits `PaymentIntents_CreatePaymentIntent`, `get-authenticated`, `fee components` into words. */
export function words(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[^\x00-\x7f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w.toLowerCase());
}

const capitalize = (w: string): string => (w === "" ? w : w[0]!.toUpperCase() + w.slice(1));

export function pascalCase(text: string): string {
  return words(text).map(capitalize).join("");
}

export function camelCase(text: string): string {
  const [first = "", ...rest] = words(text);
  return first + rest.map(capitalize).join("");
}

/** A crude English singular, enough to match `payment intents` with `PaymentIntent`. */
export function singular(word: string): string {
  if (/ies$/.test(word) && word.length > 4) return word.slice(0, -3) + "y";
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(sses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word) && word.length > 1) return word.slice(0, -1);
  return word;
}

/** Type names that would shadow a global or built-in type used by generated code. */
const GLOBAL_TYPE_NAMES: ReadonlySet<string> = new Set(
  (
    "Array ReadonlyArray Object String Number Boolean Symbol BigInt Date Error Promise PromiseLike Record Partial " +
    "Required Readonly Pick Omit Exclude Extract NonNullable ReturnType Map Set WeakMap WeakSet Blob File " +
    "FormData Response Request Headers URL URLSearchParams AbortSignal AbortController Function RegExp JSON Math " +
    "Iterable AsyncIterable Uint8Array ArrayBuffer ReadableStream TextEncoder TextDecoder Awaited"
  ).split(" "),
);

/** Hands out unique names in one namespace. */
export class NameScope {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name);
  }

  /** Claims `preferred`, or `preferred2`, `preferred3`, … when it is taken. */
  claim(preferred: string): string {
    let name = preferred;
    for (let n = 2; this.taken.has(name); n++) name = `${preferred}${n}`;
    this.taken.add(name);
    return name;
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }
}

/** A PascalCase type name that never starts with a digit nor shadows a global. */
export function typeName(text: string, fallback: string): string {
  let name = pascalCase(text);
  if (name === "") name = fallback;
  if (/^[0-9]/.test(name)) name = `${fallback}${name}`;
  if (GLOBAL_TYPE_NAMES.has(name) || RESERVED_WORDS.has(name)) name = `${name}Model`;
  return name;
}

/** A camelCase value name (parameter, variable, method) that is a legal identifier. */
export function valueName(text: string, fallback: string): string {
  let name = camelCase(text);
  if (name === "") name = fallback;
  if (/^[0-9]/.test(name)) name = `${fallback}${pascalCase(name)}`;
  if (RESERVED_WORDS.has(name)) name = `${name}_`;
  return name;
}
