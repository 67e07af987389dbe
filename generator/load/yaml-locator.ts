/**
 * Positions for a YAML spec, read off the composed document that the loader keeps. Each mapping is
 * indexed by key the first time a pointer passes through it, so looking up many problems in a
 * 4 MB spec does not rescan large mappings like `components.schemas`.
 */

import { isMap, isScalar, isSeq, type Node, type Pair } from "yaml";
import type { JsonPointer } from "../spec-error.js";
import { keyString, startOf } from "./yaml-value.js";

export class YamlLocator {
  readonly #root: Node | null;
  readonly #rootOffset: number;
  readonly #indexes = new WeakMap<object, Map<string, Pair<unknown, unknown>>>();

  /** `rootOffset` is used when the document is empty and has no node to point at. */
  constructor(root: Node | null, rootOffset: number) {
    this.#root = root;
    this.#rootOffset = rootOffset;
  }

  /** Offset of the value at `pointer` (or of its key), falling back to the nearest existing ancestor. */
  offsetOf(pointer: JsonPointer, atKey: boolean): number {
    let node: unknown = this.#root;
    let key: unknown;
    for (const segment of pointer) {
      let next: unknown;
      let nextKey: unknown;
      if (isMap(node)) {
        const pair = this.#index(node.items as Pair<unknown, unknown>[]).get(String(segment));
        if (pair === undefined) break;
        // `a:` with nothing after it has no (or an empty) value node; its key is where to look.
        next = isEmptyNode(pair.value) ? pair.key : pair.value;
        nextKey = pair.key;
      } else if (isSeq(node)) {
        next = typeof segment === "number" || /^(0|[1-9][0-9]*)$/.test(segment) ? node.items[Number(segment)] : undefined;
        if (next === undefined || next === null) break;
        nextKey = undefined;
      } else break;
      node = next;
      key = nextKey;
    }
    const target = atKey && key !== undefined && key !== null ? key : node;
    return target === null ? this.#rootOffset : startOf(target);
  }

  #index(items: Pair<unknown, unknown>[]): Map<string, Pair<unknown, unknown>> {
    let index = this.#indexes.get(items);
    if (index) return index;
    index = new Map();
    for (const pair of items) {
      const key = keyString(pair.key);
      // The first of duplicate keys wins, as in the built value.
      if (key !== undefined && !index.has(key)) index.set(key, pair);
    }
    this.#indexes.set(items, index);
    return index;
  }
}

/** A missing value: the library gives it a zero-width scalar just after the colon. */
function isEmptyNode(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  const range = isScalar(value) ? value.range : undefined;
  return range !== undefined && range !== null && range[0] === range[1];
}
