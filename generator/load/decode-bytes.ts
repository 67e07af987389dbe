/**
 * Turns the raw bytes of a spec into text, refusing what cannot be a spec: oversized input,
 * invalid UTF-8 and NUL bytes (binary files handed over by mistake). A leading BOM is dropped, so
 * positions count from the first visible character.
 */

import { SpecError } from "../spec-error.js";
import { LineIndex } from "./line-index.js";
import { fileError, problemAt } from "./problems.js";

/** 64 MiB: five times the largest public spec we know (GitHub, 13 MB), small enough to parse in memory. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export function decodeSpecBytes(file: string, input: Uint8Array | string, maxBytes: number): string {
  const size = typeof input === "string" ? Buffer.byteLength(input, "utf8") : input.length;
  if (size > maxBytes) throw fileError(file, tooLargeMessage(size, maxBytes));
  const text = typeof input === "string" ? stripBom(input) : decodeUtf8(file, input);
  const nul = text.indexOf("\u0000");
  if (nul !== -1) {
    throw new SpecError([problemAt(file, new LineIndex(text), nul, "NUL byte: a spec must be text")]);
  }
  return text;
}

/** `size` is undefined when the file could only be read up to the limit (a pipe, say). */
export function tooLargeMessage(size: number | undefined, maxBytes: number): string {
  const limit = formatSize(maxBytes);
  if (size === undefined) return `the file is larger than ${limit}, the limit for a spec`;
  return `the file is ${formatSize(size)}; the limit for a spec is ${limit}`;
}

function formatSize(bytes: number): string {
  const mib = 1024 * 1024;
  if (bytes >= mib) return `${Number.isInteger(bytes / mib) ? bytes / mib : (bytes / mib).toFixed(1)} MiB`;
  return `${bytes} bytes`;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function decodeUtf8(file: string, bytes: Uint8Array): string {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    // ignoreBOM: the BOM is already skipped above; a second one would be content.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    // TextDecoder does not say where it failed, so find the first ill-formed sequence ourselves.
    const bad = Math.max(0, firstInvalidUtf8(body));
    const lineStart = body.lastIndexOf(0x0a, bad - 1) + 1;
    let line = 1;
    for (let i = body.indexOf(0x0a); i !== -1 && i < bad; i = body.indexOf(0x0a, i + 1)) line++;
    // Column in characters, like every other position: decode the (valid) part of the line before it.
    const column = new TextDecoder("utf-8").decode(body.subarray(lineStart, bad)).length + 1;
    const byte = (body[bad] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    const message = `invalid UTF-8 (byte 0x${byte} at byte offset ${bad + start}): a spec must be UTF-8 text`;
    throw new SpecError([{ file, line, column, message }]);
  }
}

/** Offset of the first byte that starts an ill-formed UTF-8 sequence (RFC 3629), or -1 when there is none. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Allowed range of the second byte and the count of continuation bytes, per lead byte.
    let low = 0x80;
    let high = 0xbf;
    let length: number;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0; // overlong
      if (b === 0xed) high = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90; // overlong
      if (b === 0xf4) high = 0x8f; // above U+10FFFF
    } else return i;
    const second = bytes[i + 1];
    if (second === undefined || second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}
