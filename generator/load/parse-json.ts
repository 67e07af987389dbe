/**
 * The fast path for JSON specs (GitHub's is 13 MB): JSON.parse builds the value natively, and
 * positions are worked out from the text only if a problem needs one.
 */

import { SpecError, type JsonPointer, type SpecProblem } from "../spec-error.js";
import { MAX_DEPTH, RESERVED_KEYS, reservedKeyMessage, tooDeepMessage } from "./data-rules.js";
import { countKeyTokensAtLeast, findDuplicateKeys } from "./json-duplicates.js";
import { JsonLocator } from "./json-locator.js";
import { findJsonSyntaxError } from "./json-syntax.js";
import { LineIndex } from "./line-index.js";
import type { LoadedSpec } from "./load-spec.js";
import { problemAt } from "./problems.js";

export function parseJsonSpec(file: string, text: string): LoadedSpec {
  const lines = new LineIndex(text);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const found = findJsonSyntaxError(text);
    const message = found?.message ?? `invalid JSON: ${error instanceof Error ? error.message : String(error)}`;
    throw new SpecError([problemAt(file, lines, found?.offset ?? 0, message)]);
  }
  let locator: JsonLocator | undefined;
  const spec: LoadedSpec = {
    file,
    document,
    locate(pointer, atKey = false) {
      locator ??= new JsonLocator(text);
      return lines.position(locator.offsetOf(pointer, atKey));
    },
  };
  const { problems, keyCount } = checkJsonData(spec);
  // Fewer keys survived JSON.parse than the text holds: some were repeated.
  if (countKeyTokensAtLeast(text) > keyCount) {
    for (const { key, offset, firstOffset } of findDuplicateKeys(text)) {
      problems.push(problemAt(file, lines, offset, `duplicate key "${key}" (first defined on line ${lines.position(firstOffset).line})`));
    }
  }
  if (problems.length > 0) throw new SpecError(problems);
  return spec;
}

interface Frame {
  readonly value: object;
  readonly depth: number;
  readonly parent: Frame | undefined;
  readonly key: string | number;
}

/**
 * Enforces the data rules on the parsed value. JSON.parse stores `"__proto__"` as an own property
 * (it never assigns through the prototype setter), so nothing has been polluted yet; this check
 * makes sure such a value never leaves the loader. Iterative: depth is only known while walking.
 * Also counts the keys that survived, for the duplicate check.
 */
function checkJsonData(spec: LoadedSpec): { problems: SpecProblem[]; keyCount: number } {
  const problems: SpecProblem[] = [];
  let keyCount = 0;
  const report = (pointer: JsonPointer, message: string, atKey: boolean): void => {
    problems.push({ file: spec.file, ...spec.locate(pointer, atKey), message });
  };
  if (typeof spec.document !== "object" || spec.document === null) return { problems, keyCount };
  const stack: Frame[] = [{ value: spec.document, depth: 0, parent: undefined, key: "" }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    if (frame.depth >= MAX_DEPTH) {
      report(pointerOf(frame), tooDeepMessage(), false);
      continue;
    }
    if (Array.isArray(frame.value)) {
      for (let index = 0; index < frame.value.length; index++) {
        const child: unknown = frame.value[index];
        if (typeof child === "object" && child !== null) stack.push({ value: child, depth: frame.depth + 1, parent: frame, key: index });
      }
      continue;
    }
    const record = frame.value as Record<string, unknown>;
    const keys = Object.keys(record);
    keyCount += keys.length;
    for (const key of keys) {
      if (RESERVED_KEYS.has(key)) {
        report([...pointerOf(frame), key], reservedKeyMessage(key), true);
        continue;
      }
      const child = record[key];
      if (typeof child === "object" && child !== null) stack.push({ value: child, depth: frame.depth + 1, parent: frame, key });
    }
  }
  return { problems, keyCount };
}

/** Rebuilt only when reporting, so a clean walk allocates no pointers. */
function pointerOf(frame: Frame): (string | number)[] {
  const pointer: (string | number)[] = [];
  for (let f: Frame | undefined = frame; f?.parent !== undefined; f = f.parent) pointer.push(f.key);
  return pointer.reverse();
}
