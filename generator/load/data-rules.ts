/**
 * Rules on the shape of the data that hold for JSON and YAML alike: both loaders enforce them so
 * that everything downstream (validator, generator, templates) can walk the document without
 * guarding against hostile keys or unbounded nesting.
 */

/**
 * Keys that would be dangerous once the spec's names reach objects or generated code:
 * `obj[key] = …` with `__proto__` changes a prototype, and `constructor`/`prototype` shadow
 * built-ins that generated classes and lookups rely on. No real API document needs them.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Deepest nesting accepted. Real specs stay far below it (Stripe 25, GitHub 21); the cap keeps every
 * recursive walk over the document (ours and other stages') safe from stack overflow.
 */
export const MAX_DEPTH = 256;

export function reservedKeyMessage(key: string): string {
  return `key "${key}" is not allowed: it would be dangerous in generated code`;
}

export function tooDeepMessage(): string {
  return `nesting is deeper than ${MAX_DEPTH} levels`;
}
