/**
 * A code table: the provider's error codes, each with its own error class, usable with any
 * envelope or error reader —
 *   codes:
 *     10000: { name: Authentication, status: authentication }
 *     971: { name: Throttled, status: rate-limit, retryable: true }
 *     60203: { name: Max Send Attempts, status: rate-limit, retryable: false }   # never retried
 *     "001": Authentication            # the name alone
 * `status` makes the code's class a subclass of the package's class for that HTTP status, so
 * `instanceof AuthenticationError` holds for a code-10000 error even under HTTP 200. Where the
 * caller allows it (`bare`), an entry without `name` has no class of its own: its `status` says
 * what a failure under 2xx stands for, its `retryable` whether to repeat the call. A table keyed
 * on several fields (`levels` > 1) nests one mapping per field: `{INVALID_REQUEST_ERROR: {NOT_FOUND: …}}`.
 */
import type { JsonPointer, ProblemCollector } from "../../spec-error.js";
import type { ErrorCodeFact } from "../convention.js";
import { ConfigReader, isMapping } from "../read-config.js";

/** Status classes a code may belong to → the HTTP status whose class it extends (`5xx`: the server error class). */
export const STATUS_CLASSES: Readonly<Record<string, number | "5xx">> = {
  "bad-request": 400,
  authentication: 401,
  permission: 403,
  "not-found": 404,
  conflict: 409,
  unprocessable: 422,
  "rate-limit": 429,
  server: "5xx",
};

/** One entry: `code` is its key (the values of a multi-field table joined with a space). */
export interface CodeEntry {
  readonly code: string;
  /** Undefined for a bare entry (no class of its own). */
  readonly name: string | undefined;
  readonly description: string;
  readonly statusClass?: string;
  /** The provider's word on repeating: true, false (never, whatever the status), or undefined (the status decides). */
  readonly retryable: boolean | undefined;
}

/** An entry with a class, as every entry of a table that allows no bare ones is. */
export interface NamedCodeEntry extends ErrorCodeFact {
  readonly retryable: boolean | undefined;
}

export interface CodeTableOptions {
  /** The code that means success, which may not appear in the table. */
  readonly successCode?: string;
  /** Entries without `name` (a status class or a retry word only) are allowed. */
  readonly bare?: boolean;
  /** How many fields the table is keyed on: one nested mapping per field. Default 1. */
  readonly levels?: number;
}

const CODE = /^[A-Za-z0-9_.-]+$/;

/** The table under `key` (absent: empty). */
export function parseCodeTable(conventionName: string, parent: Readonly<Record<string, unknown>>, key: string, at: JsonPointer, problems: ProblemCollector, options: CodeTableOptions & { readonly bare: true }): CodeEntry[];
export function parseCodeTable(conventionName: string, parent: Readonly<Record<string, unknown>>, key: string, at: JsonPointer, problems: ProblemCollector, options?: CodeTableOptions): NamedCodeEntry[];
export function parseCodeTable(conventionName: string, parent: Readonly<Record<string, unknown>>, key: string, at: JsonPointer, problems: ProblemCollector, options: CodeTableOptions = {}): CodeEntry[] {
  const raw = parent[key];
  if (raw === undefined) return [];
  const codes: CodeEntry[] = [];
  const names = new Map<string, string>();
  const walk = (node: unknown, where: JsonPointer, keys: readonly string[], levels: number): void => {
    if (!isMapping(node)) {
      const what = levels > 1 ? `a mapping of value → (${levels - 1} more level${levels > 2 ? "s" : ""} of) entries` : "a mapping of code → { name, description, status, retryable }";
      problems.add(where, `${conventionName}: ${keys.length === 0 ? key : `"${keys.join(" ")}"`} must be ${what}`);
      return;
    }
    for (const [code, value] of Object.entries(node)) {
      const here = [...where, code];
      if (!CODE.test(code)) {
        problems.addAtKey(here, `${conventionName}: code "${code}" must be letters, digits, _, . or - (quote codes with leading zeros: "001")`);
        continue;
      }
      if (levels > 1) {
        walk(value, here, [...keys, code], levels - 1);
        continue;
      }
      const entry = readEntry(conventionName, [...keys, code].join(" "), value, here, problems, options, names);
      if (entry !== undefined) codes.push(entry);
    }
  };
  walk(raw, [...at, key], [], options.levels ?? 1);
  // YAML mappings keep their order, but JavaScript lists "101" before "001"; numeric order reads best.
  return codes.sort((a, b) => (/^\d+$/.test(a.code) && /^\d+$/.test(b.code) ? Number(a.code) - Number(b.code) : a.code.localeCompare(b.code)));
}

function readEntry(conventionName: string, code: string, value: unknown, where: JsonPointer, problems: ProblemCollector, options: CodeTableOptions, names: Map<string, string>): CodeEntry | undefined {
  const read = new ConfigReader(problems, conventionName);
  if (code === options.successCode) {
    problems.addAtKey(where, `${conventionName}: code "${code}" is the success code`);
    return undefined;
  }
  const entry = typeof value === "string" ? { name: value } : value;
  const item = read.mapping(entry, where, ["name", "description", "status", "retryable"]);
  if (item === undefined) return undefined;
  const bare = options.bare === true && item["name"] === undefined;
  if (bare && item["status"] === undefined && item["retryable"] === undefined) {
    problems.add(where, `${conventionName}: code "${code}" needs "name" (its own class), "status" or "retryable"`);
    return undefined;
  }
  const name = bare ? undefined : read.string(item, "name", where);
  if (!bare && name === undefined) return undefined;
  if (name !== undefined && !/^[A-Za-z][A-Za-z0-9 ]*$/.test(name)) {
    problems.add(typeof value === "string" ? where : [...where, "name"], `${conventionName}: name "${name}" must be words of letters and digits; the error class is named after it`);
    return undefined;
  }
  const status = read.optionalString(item, "status", where);
  if (status !== undefined && !Object.prototype.hasOwnProperty.call(STATUS_CLASSES, status)) {
    problems.add([...where, "status"], `${conventionName}: unknown status class "${status}" (known: ${Object.keys(STATUS_CLASSES).join(", ")})`);
    return undefined;
  }
  if (name !== undefined) {
    const folded = name.replace(/ /g, "").toLowerCase();
    const earlier = names.get(folded);
    if (earlier !== undefined) {
      problems.add(typeof value === "string" ? where : [...where, "name"], `${conventionName}: codes ${earlier} and ${code} are both named "${name}"; their error classes need different names`);
      return undefined;
    }
    names.set(folded, code);
  }
  const description = read.string(item, "description", where, "") ?? "";
  const retryable = item["retryable"] === undefined ? undefined : read.boolean(item, "retryable", where, false);
  return status === undefined ? { code, name, description, retryable } : { code, name, description, retryable, statusClass: status };
}
