/**
 * Swagger 2.0 input. swagger2openapi converts the document to OpenAPI 3.0, and everything after
 * the loader sees only OpenAPI 3; positions still point into the file the author wrote
 * (swagger2-pointers.ts maps each place back). The converter is imported only for a Swagger
 * document, so OpenAPI 3 input never loads it.
 *
 * Swagger 2.0 has no `oneOf`/`anyOf`, so documents written for it spell alternatives as a list
 * under `items` on a schema with no `type` (Slack's: a conversation is one of three objects, a
 * `tz` a string or null). Such a schema does not say it is an array, so it is read as any of the
 * listed schemas; with `type: array` the list stays a list (of any of them, as the converter
 * reads a tuple).
 */

import { ProblemCollector, SpecError, type JsonPointer, type SpecProblem } from "../spec-error.js";
import { checkRefs } from "../validate/check-refs.js";
import type { LoadedSpec } from "./load-spec.js";
import { originalPointer } from "./swagger2-pointers.js";

/** Where the converter leaves a problem it could not repair, on the object concerned. */
const PROBLEM_KEY = "x-clientsmith-conversion-problem";

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isSwagger2(document: unknown): document is Json {
  return isRecord(document) && document["swagger"] === "2.0";
}

export async function convertSwagger2(spec: LoadedSpec & { readonly document: Json }): Promise<LoadedSpec> {
  const original = spec.document;
  // References are checked in the original, so that a problem names the $ref as written
  // (`#/definitions/Pet`, not the converter's rewrite) and an external one is refused before
  // the converter sees it.
  const refProblems = new ProblemCollector(spec);
  checkRefs({ document: original, problems: refProblems, version: "3.0" });
  refProblems.throwIfAny();
  // Conventions are clientsmith's own block: kept out of the converter's reach, so they come
  // back exactly as written (it would, for one, drop their null values).
  const { ["x-conventions"]: conventions, ...written } = original;
  const swagger = alternativesFromItemLists(written) as Json;
  const { convertObj } = await import("swagger2openapi");
  let converted: unknown;
  try {
    converted = await convertObj(swagger, {
      // Minor repairs (a list of types, a missing description) rather than giving up on real
      // documents; what cannot be repaired is recorded under PROBLEM_KEY and reported below.
      patch: true,
      warnOnly: true,
      warnProperty: PROBLEM_KEY,
      // Never fetch: an external $ref stays a $ref, which the validator then refuses.
      resolve: false,
      direct: true,
      // Only the resolver, which is off, reads the source text; given none, the converter would
      // first dump the whole document to YAML for it (over a second for Slack's 1.2 MB).
      text: "(unused: resolve is off)",
    });
  } catch (error) {
    throw new SpecError([{ file: spec.file, ...spec.locate(["swagger"], true), message: conversionMessage(error) }]);
  }
  if (!isRecord(converted)) throw new SpecError([{ file: spec.file, ...spec.locate(["swagger"], true), message: conversionMessage(converted) }]);
  if (conventions !== undefined) converted["x-conventions"] = structuredClone(conventions);

  const locate = (pointer: JsonPointer, atKey?: boolean) => spec.locate(originalPointer(pointer, original), atKey);
  const problems = conversionProblems(converted).map(({ pointer, message }): SpecProblem => ({ file: spec.file, ...locate(pointer), message }));
  if (problems.length > 0) throw new SpecError(problems);
  return { file: spec.file, document: converted, locate };
}

function conversionMessage(error: unknown): string {
  const reason = error instanceof Error ? error.message : `it gave ${typeof error}`;
  return `cannot convert from Swagger 2.0: ${reason}`;
}

/** Every problem the converter recorded, with the place in the converted document it concerns. */
function conversionProblems(document: Json): { pointer: JsonPointer; message: string }[] {
  const found: { pointer: JsonPointer; message: string }[] = [];
  const stack: { value: unknown; pointer: JsonPointer }[] = [{ value: document, pointer: [] }];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const { value, pointer } = node;
    if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, pointer: [...pointer, index] }));
      continue;
    }
    if (!isRecord(value)) continue;
    const message = value[PROBLEM_KEY];
    if (message !== undefined) {
      // A reference that resolves nowhere: the $ref itself is the place to look.
      const at = typeof value["$ref"] === "string" ? [...pointer, "$ref"] : pointer;
      found.push({ pointer: at, message: `cannot convert from Swagger 2.0: ${String(message)}` });
    }
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === "object" && item !== null) stack.push({ value: item, pointer: [...pointer, key] });
    }
  }
  return found;
}

/** Keys whose values are data, not schemas: an example's `items` list is its own. */
const DATA_KEYS = new Set(["example", "examples", "enum", "default"]);

/** A copy of `value` in which every schema with a list under `items` and no `type` is `anyOf` that list. */
function alternativesFromItemLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(alternativesFromItemLists);
  if (!isRecord(value)) return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) out[key] = DATA_KEYS.has(key) || key.startsWith("x-") ? item : alternativesFromItemLists(item);
  if (Array.isArray(out["items"]) && out["type"] === undefined && out["anyOf"] === undefined) {
    const { items, ...rest } = out;
    return { ...rest, anyOf: items };
  }
  return out;
}
