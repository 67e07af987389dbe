/**
 * A small reader for `x-conventions` values: each accessor checks one field and reports a
 * problem at that field's position, so a convention's `parse` reads like its documentation.
 */
import { knownKeysHint } from "../did-you-mean.js";
import type { JsonPointer, ProblemCollector } from "../spec-error.js";

export type Mapping = Readonly<Record<string, unknown>>;

export function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "a mapping" : `the ${typeof value} ${JSON.stringify(value)}`;
}

/** YAML reads `version: 2024` or `enabled: true` as a number or boolean; the fix is quotes. */
function quoteHint(key: string, value: unknown): string {
  return typeof value === "number" || typeof value === "boolean" ? `; quote it: ${key}: "${String(value)}"` : "";
}

export class ConfigReader {
  constructor(
    private readonly problems: ProblemCollector,
    private readonly conventionName: string,
  ) {}

  /** A mapping with only the given keys; reports unknown keys at the key itself. */
  mapping(value: unknown, at: JsonPointer, allowed: readonly string[]): Mapping | undefined {
    if (!isMapping(value)) {
      this.problems.add(at, `${this.conventionName}: expected a mapping, found ${describeValue(value)}`);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.problems.addAtKey(
          [...at, key],
          `${this.conventionName}: unknown key "${key}" (${knownKeysHint(key, allowed, "known keys")})`,
        );
      }
    }
    return value;
  }

  string(parent: Mapping, key: string, at: JsonPointer, fallback?: string): string | undefined {
    const value = parent[key];
    if (value === undefined) {
      if (fallback === undefined) this.problems.add(at, `${this.conventionName}: "${key}" is required`);
      return fallback;
    }
    if (typeof value !== "string") {
      this.problems.add([...at, key], `${this.conventionName}: "${key}" must be a string, found ${describeValue(value)}${quoteHint(key, value)}`);
      return undefined;
    }
    if (value === "") this.problems.add([...at, key], `${this.conventionName}: "${key}" must not be empty`);
    return value;
  }

  optionalString(parent: Mapping, key: string, at: JsonPointer): string | undefined {
    return parent[key] === undefined ? undefined : this.string(parent, key, at);
  }

  boolean(parent: Mapping, key: string, at: JsonPointer, fallback: boolean): boolean {
    const value = parent[key];
    if (value === undefined) return fallback;
    if (typeof value !== "boolean") {
      this.problems.add([...at, key], `${this.conventionName}: "${key}" must be true or false, found ${describeValue(value)}`);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(parent: Mapping, key: string, at: JsonPointer, choices: readonly T[], fallback?: T): T | undefined {
    const value = this.string(parent, key, at, fallback);
    if (value === undefined) return undefined;
    const match = choices.find((c) => c === value);
    if (match === undefined) {
      this.problems.add([...at, key], `${this.conventionName}: "${key}" must be one of ${choices.join(", ")}, found "${value}"`);
    }
    return match;
  }

  /** A mapping of string to string, e.g. environment name → URL. */
  stringMap(parent: Mapping, key: string, at: JsonPointer, required: boolean): Record<string, string> | undefined {
    const value = parent[key];
    if (value === undefined) {
      if (required) this.problems.add(at, `${this.conventionName}: "${key}" is required`);
      return undefined;
    }
    if (!isMapping(value)) {
      this.problems.add([...at, key], `${this.conventionName}: "${key}" must be a mapping, found ${describeValue(value)}`);
      return undefined;
    }
    const result: Record<string, string> = {};
    for (const [name, entry] of Object.entries(value)) {
      if (typeof entry !== "string") {
        this.problems.add([...at, key, name], `${this.conventionName}: "${key}.${name}" must be a string, found ${describeValue(entry)}${quoteHint(name, entry)}`);
      } else {
        result[name] = entry;
      }
    }
    return result;
  }

  stringList(parent: Mapping, key: string, at: JsonPointer): string[] | undefined {
    const value = parent[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
      this.problems.add([...at, key], `${this.conventionName}: "${key}" must be a list of strings`);
      return undefined;
    }
    return value as string[];
  }

  /** An optional error class name: PascalCase, ending in `Error` (`example` shows one in the message). */
  errorClassName(parent: Mapping, key: string, at: JsonPointer, example: string): string | undefined | null {
    const value = this.optionalString(parent, key, at);
    if (value !== undefined && !/^[A-Z][A-Za-z0-9]*Error$/.test(value)) {
      this.problems.add([...at, key], `${this.conventionName}: ${key} "${value}" must be a PascalCase identifier ending in Error, e.g. ${example}`);
      return null;
    }
    return value;
  }

  /** A camelCase option name for the generated client's constructor. */
  optionName(parent: Mapping, key: string, at: JsonPointer): string | undefined {
    const value = this.string(parent, key, at);
    if (value !== undefined && !/^[a-z][A-Za-z0-9]*$/.test(value)) {
      this.problems.add([...at, key], `${this.conventionName}: option name "${value}" must be camelCase letters and digits`);
      return undefined;
    }
    return value;
  }
}
