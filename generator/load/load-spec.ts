/**
 * Stage one of the pipeline: a spec file in, the plain data model and a way back to source
 * positions out. Specs are untrusted input, so every failure is a SpecError with file:line:col.
 */

import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { SpecError, type JsonPointer } from "../spec-error.js";
import { DEFAULT_MAX_BYTES, decodeSpecBytes, tooLargeMessage } from "./decode-bytes.js";
import { parseYamlFast } from "./fast-yaml.js";
import { parseJsonSpec } from "./parse-json.js";
import { parseYamlSpec } from "./parse-yaml.js";
import { fileError } from "./problems.js";
import { convertSwagger2, isSwagger2 } from "./swagger2.js";

/** 1-based; column in UTF-16 code units of the decoded text (a BOM is not counted). */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export interface LoadedSpec {
  /** The path exactly as given by the caller (messages use it, e.g. `specs/jodo.yaml`). */
  readonly file: string;
  /** Plain JSON data model (objects, arrays, strings, numbers, booleans, null). */
  readonly document: unknown;
  /**
   * Position of the value at `pointer` (or of its key when `atKey`); for a pointer that does not
   * exist, the nearest existing ancestor (its key when `atKey` and it has one). Computed lazily:
   * JSON documents are parsed with JSON.parse and only re-scanned for positions when asked.
   */
  locate(pointer: JsonPointer, atKey?: boolean): SourcePosition;
}

export interface LoadOptions {
  /** Refuse input larger than this many bytes; 64 MiB by default. */
  readonly maxBytes?: number;
}

/**
 * Reads and loads a spec as OpenAPI 3: a Swagger 2.0 document is converted (see swagger2.ts), its
 * positions still those of the file. The pipeline's entry; loadSpecFile leaves Swagger 2.0 as it is.
 */
export async function loadSpec(file: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const spec = loadSpecFile(file, options);
  const document = spec.document;
  return isSwagger2(document) ? convertSwagger2({ ...spec, document }) : spec;
}

/** Reads and loads a spec; unreadable and oversized files are SpecErrors at 1:1. */
export function loadSpecFile(file: string, options: LoadOptions = {}): LoadedSpec {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  return loadSpecText(file, readBounded(file, maxBytes), { maxBytes });
}

export function loadSpecText(file: string, bytes: Uint8Array | string, options: LoadOptions = {}): LoadedSpec {
  try {
    const text = decodeSpecBytes(file, bytes, options.maxBytes ?? DEFAULT_MAX_BYTES);
    // JSON is YAML too, but JSON.parse is many times faster than the YAML library on the 4–13 MB
    // specs of large APIs; a spec that opens with "{" is taken to be JSON.
    // YAML goes through js-yaml's event parser first (fast-yaml.ts) and falls back to the `yaml`
    // library for anything that is not clean plain data, which it then reports.
    return /^[ \t\r\n]*\{/.test(text) ? parseJsonSpec(file, text) : (parseYamlFast(file, text) ?? parseYamlSpec(file, text));
  } catch (error) {
    if (error instanceof SpecError) throw error;
    // Hostile input must never surface as a stack trace (e.g. a RangeError from some recursion
    // we did not foresee); the message still says what went wrong.
    throw fileError(file, `could not load the spec: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Reads at most maxBytes + 1 bytes, so that neither a huge file nor an endless one (a pipe,
 * /dev/zero) can exhaust memory before the size check.
 */
function readBounded(file: string, maxBytes: number): Uint8Array {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    throw fileError(file, `cannot read the file: ${describeFsError(error)}`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() && stat.size > maxBytes) throw fileError(file, tooLargeMessage(stat.size, maxBytes));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(maxBytes + 1 - total, 16 * 1024 * 1024));
      const count = readSync(fd, chunk, 0, chunk.length, null);
      if (count === 0) break;
      chunks.push(chunk.subarray(0, count));
      total += count;
      if (total > maxBytes) throw fileError(file, tooLargeMessage(undefined, maxBytes));
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof SpecError) throw error;
    throw fileError(file, `cannot read the file: ${describeFsError(error)}`);
  } finally {
    closeSync(fd);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "it is a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
