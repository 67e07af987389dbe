/**
 * A code table: the provider's error codes, each with its own error class, usable with any
 * envelope or error reader —
 *   codes:
 *     10000: { name: Authentication, status: authentication }
 *     971: { name: Throttled, status: rate-limit, retryable: true }
 *     "001": Authentication            # the name alone
 * `status` makes the code's class a subclass of the package's class for that HTTP status, so
 * `instanceof AuthenticationError` holds for a code-10000 error even under HTTP 200.
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

export interface CodeEntry extends ErrorCodeFact {
  readonly retryable: boolean;
}

/** The table under `key` (absent: empty); `successCode` may not appear in it. */
export function parseCodeTable(conventionName: string, parent: Readonly<Record<string, unknown>>, key: string, at: JsonPointer, problems: ProblemCollector, successCode?: string): CodeEntry[] {
  const read = new ConfigReader(problems, conventionName);
  const raw = parent[key];
  if (raw === undefined) return [];
  if (!isMapping(raw)) {
    problems.add([...at, key], `${conventionName}: ${key} must be a mapping of code → { name, description, status, retryable }`);
    return [];
  }
  const codes: CodeEntry[] = [];
  const names = new Map<string, string>();
  for (const [code, value] of Object.entries(raw)) {
    const where = [...at, key, code];
    if (!/^[A-Za-z0-9_.-]+$/.test(code)) {
      problems.addAtKey(where, `${conventionName}: code "${code}" must be letters, digits, _, . or - (quote codes with leading zeros: "001")`);
      continue;
    }
    if (code === successCode) {
      problems.addAtKey(where, `${conventionName}: code "${code}" is the success code`);
      continue;
    }
    const entry = typeof value === "string" ? { name: value } : value;
    const item = read.mapping(entry, where, ["name", "description", "status", "retryable"]);
    if (item === undefined) continue;
    const name = read.string(item, "name", where);
    if (name === undefined) continue;
    if (!/^[A-Za-z][A-Za-z0-9 ]*$/.test(name)) {
      problems.add(typeof value === "string" ? where : [...where, "name"], `${conventionName}: name "${name}" must be words of letters and digits; the error class is named after it`);
      continue;
    }
    const status = read.optionalString(item, "status", where);
    if (status !== undefined && !Object.prototype.hasOwnProperty.call(STATUS_CLASSES, status)) {
      problems.add([...where, "status"], `${conventionName}: unknown status class "${status}" (known: ${Object.keys(STATUS_CLASSES).join(", ")})`);
      continue;
    }
    const folded = name.replace(/ /g, "").toLowerCase();
    const earlier = names.get(folded);
    if (earlier !== undefined) {
      problems.add(typeof value === "string" ? where : [...where, "name"], `${conventionName}: codes ${earlier} and ${code} are both named "${name}"; their error classes need different names`);
      continue;
    }
    names.set(folded, code);
    const description = read.string(item, "description", where, "") ?? "";
    const retryable = read.boolean(item, "retryable", where, false);
    codes.push(status === undefined ? { code, name, description, retryable } : { code, name, description, retryable, statusClass: status });
  }
  // YAML mappings keep their order, but JavaScript lists "101" before "001"; numeric order reads best.
  return codes.sort((a, b) => (/^\d+$/.test(a.code) && /^\d+$/.test(b.code) ? Number(a.code) - Number(b.code) : a.code.localeCompare(b.code)));
}
