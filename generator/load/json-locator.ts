/**
 * Positions for a JSON spec that JSON.parse already accepted. Nothing is indexed up front: each
 * container is scanned once, the first time a pointer passes through it, so the cost of a few
 * error positions in a 13 MB file is a few scans, not a second full parse.
 */

import type { JsonPointer } from "../spec-error.js";

interface Member {
  readonly key: number;
  readonly value: number;
}

export class JsonLocator {
  readonly #text: string;
  readonly #objects = new Map<number, Map<string, Member>>();
  readonly #arrays = new Map<number, number[]>();

  constructor(text: string) {
    this.#text = text;
  }

  /** Offset of the value at `pointer` (or of its key), falling back to the nearest existing ancestor. */
  offsetOf(pointer: JsonPointer, atKey: boolean): number {
    let offset = this.#skipSpace(0);
    let keyOffset: number | undefined;
    for (const segment of pointer) {
      const c = this.#text[offset];
      if (c === "{") {
        const member = this.#members(offset).get(String(segment));
        if (member === undefined) break;
        offset = member.value;
        keyOffset = member.key;
      } else if (c === "[") {
        const index = typeof segment === "number" ? segment : /^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : -1;
        const element = this.#elements(offset)[index];
        if (element === undefined) break;
        offset = element;
        keyOffset = undefined;
      } else break;
    }
    return atKey && keyOffset !== undefined ? keyOffset : offset;
  }

  #members(start: number): Map<string, Member> {
    let members = this.#objects.get(start);
    if (members) return members;
    members = new Map();
    const text = this.#text;
    let i = this.#skipSpace(start + 1);
    while (text[i] === '"') {
      const keyStart = i;
      i = this.#skipString(i);
      const raw = text.slice(keyStart + 1, i - 1);
      const key = raw.includes("\\") ? (JSON.parse(text.slice(keyStart, i)) as string) : raw;
      i = this.#skipSpace(this.#skipSpace(i) + 1); // past ":"
      // JSON.parse keeps the last of duplicate keys, and so does this map.
      members.set(key, { key: keyStart, value: i });
      i = this.#skipSpace(this.#skipValue(i));
      if (text[i] === ",") i = this.#skipSpace(i + 1);
    }
    this.#objects.set(start, members);
    return members;
  }

  #elements(start: number): number[] {
    let elements = this.#arrays.get(start);
    if (elements) return elements;
    elements = [];
    const text = this.#text;
    let i = this.#skipSpace(start + 1);
    while (i < text.length && text[i] !== "]") {
      elements.push(i);
      i = this.#skipSpace(this.#skipValue(i));
      if (text[i] === ",") i = this.#skipSpace(i + 1);
    }
    this.#arrays.set(start, elements);
    return elements;
  }

  #skipSpace(from: number): number {
    const text = this.#text;
    let i = from;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return i;
    }
  }

  /** Just past the closing quote; the text is valid JSON, so the string is terminated. */
  #skipString(start: number): number {
    const text = this.#text;
    let quote = text.indexOf('"', start + 1);
    for (;;) {
      if (quote === -1) return text.length;
      let backslashes = 0;
      while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
      if (backslashes % 2 === 0) return quote + 1;
      quote = text.indexOf('"', quote + 1);
    }
  }

  /** Just past the value starting at `start`; containers are skipped by counting brackets. */
  #skipValue(start: number): number {
    const text = this.#text;
    let i = start;
    let depth = 0;
    do {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i = this.#skipString(i);
        continue;
      }
      if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) depth--;
      else if (depth === 0) {
        // A number or literal: runs to the next delimiter.
        while (i < text.length && !",}] \t\r\n".includes(text[i] ?? "")) i++;
        return i;
      }
      i++;
    } while (depth > 0 && i < text.length);
    return i;
  }
}
