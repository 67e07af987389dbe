/**
 * The fast path for YAML specs. The `yaml` library builds a full document model with source
 * ranges (~1.5–2 s on Stripe's 4 MB spec3.yaml); js-yaml's event parser reads the same text in
 * ~0.3 s. This module builds the data straight from those events, under the rules of
 * parse-yaml.ts and yaml-value.ts (YAML 1.2 core schema, keys as written, no aliases, tags or merge
 * keys), and gives up — returning undefined — at the first thing that is not plain clean data:
 * a syntax error, a directive, an anchor, a tag, a duplicate or reserved key, a non-finite number,
 * nesting too deep, a second document. The caller then runs parse-yaml.ts, which reports the
 * problem at its line and column exactly as before. Positions for a clean document are computed
 * the same way, lazily: only a problem found later (by the validator) pays for the full parse.
 */

import { parseEvents, getScalarValue, type Event, type ScalarEvent } from "js-yaml";
import { MAX_DEPTH, RESERVED_KEYS } from "./data-rules.js";
import type { LoadedSpec, SourcePosition } from "./load-spec.js";
import { parseYamlSpec } from "./parse-yaml.js";

// js-yaml's EVENT_ID and SCALAR_STYLE values (declared as const there).
const DOCUMENT = 1;
const SEQUENCE = 2;
const MAPPING = 3;
const SCALAR = 4;
const POP = 6;
const PLAIN = 1;

/** Thrown inside the builder to abandon the fast path; never escapes this module. */
class NotPlainData extends Error {}

export function parseYamlFast(file: string, text: string): LoadedSpec | undefined {
  let document: unknown;
  try {
    document = build(text);
  } catch {
    // A js-yaml syntax error or anything outside plain data: parse-yaml.ts decides and reports.
    return undefined;
  }
  let full: LoadedSpec | undefined;
  return {
    file,
    document,
    locate(pointer, atKey = false): SourcePosition {
      full ??= parseYamlSpec(file, text);
      return full.locate(pointer, atKey);
    },
  };
}

function build(text: string): unknown {
  const events: Event[] = parseEvents(text, { maxDepth: MAX_DEPTH });
  const start = events[0];
  // No document at all (an empty file) is left to parse-yaml.ts, which loads it as null.
  if (start === undefined || start.type !== DOCUMENT || start.directives.length > 0) throw new NotPlainData();
  let index = 1;

  const node = (depth: number): unknown => {
    const event = events[index++];
    if (event === undefined) throw new NotPlainData();
    if (event.type === SCALAR) {
      if (event.anchorStart !== -1 || event.tagStart !== -1) throw new NotPlainData();
      const value = getScalarValue(text, event);
      return event.style === PLAIN ? plainScalar(value) : value;
    }
    if (event.type !== SEQUENCE && event.type !== MAPPING) throw new NotPlainData(); // an alias
    if (event.anchorStart !== -1 || event.tagStart !== -1 || depth >= MAX_DEPTH) throw new NotPlainData();
    if (event.type === SEQUENCE) {
      const items: unknown[] = [];
      while (events[index]?.type !== POP) items.push(node(depth + 1));
      index++;
      return items;
    }
    const record: Record<string, unknown> = {};
    while (events[index]?.type !== POP) {
      const keyEvent = events[index++];
      if (keyEvent === undefined || keyEvent.type !== SCALAR) throw new NotPlainData();
      const key = mappingKey(text, keyEvent);
      if (RESERVED_KEYS.has(key) || Object.hasOwn(record, key)) throw new NotPlainData();
      record[key] = node(depth + 1);
    }
    index++;
    return record;
  };

  const root = node(0);
  // The document's own end, then nothing: a second document is reported by parse-yaml.ts.
  if (events[index]?.type !== POP || index + 1 !== events.length) throw new NotPlainData();
  return root;
}

/** Keys are names: a plain key keeps its text as written (`200`, `1.10`), as in yaml-value.ts. */
function mappingKey(text: string, event: ScalarEvent): string {
  if (event.anchorStart !== -1 || event.tagStart !== -1) throw new NotPlainData();
  const key = getScalarValue(text, event);
  // An empty key and a merge key `<<` get parse-yaml.ts's treatment and message.
  if (event.style === PLAIN && (key === "" || key === "<<")) throw new NotPlainData();
  return key;
}

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const NON_FINITE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/**
 * A plain scalar under the YAML 1.2 core schema, tested in the order and converted the way the
 * `yaml` library's core schema does (null, bool, 0o int, int, 0x int, .inf/.nan, floats).
 */
export function plainScalar(text: string): unknown {
  // Most plain scalars in a spec are words; one character rules out every other type.
  const c = text.charCodeAt(0);
  const maybeOther = text === "" || c === 0x7e || c === 0x2b || c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39) || "nNtTfF".includes(text[0] as string);
  if (!maybeOther) return text;
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return text[0] === "t" || text[0] === "T";
  if (INT_OCT.test(text)) return parseInt(text.substring(2), 8);
  if (INT.test(text)) return parseInt(text, 10);
  if (INT_HEX.test(text)) return parseInt(text.substring(2), 16);
  if (NON_FINITE.test(text)) throw new NotPlainData(); // not a JSON number: parse-yaml.ts says so
  if (FLOAT_EXP.test(text) || FLOAT.test(text)) return parseFloat(text);
  return text;
}
