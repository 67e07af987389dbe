/**
 * Reading field paths and tests from `x-conventions` and checking them against the response
 * schemas the spec declares: a path no declared schema can hold is a mistake (a typo, or a field
 * of another body), reported where the path is written.
 */
import type { IRDocument, IRType } from "../../ir.js";
import type { JsonPointer, ProblemCollector } from "../../spec-error.js";
import type { JsonValue } from "../convention.js";
import { type Mapping, isMapping } from "../read-config.js";
import { type FieldPath, formatFieldPath, parseFieldPath, typesAtPath } from "./field-path.js";

/** Which bodies a path is read from: success (2xx) bodies or error bodies. */
export type BodyKind = "success" | "error";

/** The JSON response schemas of one kind the spec declares, for checking paths. */
export function responseSchemas(ir: IRDocument, kind: BodyKind): IRType[] {
  return ir.operations.flatMap((op) =>
    op.responses
      .filter((r) => r.type !== undefined && (r.mediaType === undefined || /json/i.test(r.mediaType)) && /^2(\d\d|XX)$/i.test(r.status) === (kind === "success"))
      .map((r) => r.type as IRType),
  );
}

/** A path read and checked: its segments and what the schemas say is there (`[]` when no schema is declared or none says). */
export interface CheckedPath {
  readonly path: FieldPath;
  readonly types: readonly IRType[];
}

export class PathReader {
  constructor(
    private readonly problems: ProblemCollector,
    private readonly conventionName: string,
    private readonly ir: IRDocument,
  ) {}

  /** The path under `key`, or undefined when absent or wrong; checked against `schemas` when any are given. */
  path(parent: Mapping, key: string, at: JsonPointer, schemas: readonly IRType[], under: FieldPath = []): CheckedPath | undefined {
    const value = parent[key];
    if (value === undefined) return undefined;
    return this.pathValue(value, [...at, key], key, schemas, under);
  }

  /** One path or a list of paths (the first present wins). */
  paths(parent: Mapping, key: string, at: JsonPointer, schemas: readonly IRType[]): CheckedPath[] | undefined {
    const value = parent[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      const one = this.pathValue(value, [...at, key], key, schemas, []);
      return one === undefined ? undefined : [one];
    }
    const out = value.map((v, i) => this.pathValue(v, [...at, key, i], key, schemas, []));
    return out.every((p) => p !== undefined) ? (out as CheckedPath[]) : undefined;
  }

  pathValue(value: unknown, at: JsonPointer, key: string, schemas: readonly IRType[], under: FieldPath): CheckedPath | undefined {
    if (typeof value !== "string") {
      this.problems.add(at, `${this.conventionName}: "${key}" must be a field path such as /errors/0/code or errors.0.code`);
      return undefined;
    }
    const parsed = parseFieldPath(value);
    if (typeof parsed === "string") {
      this.problems.add(at, `${this.conventionName}: "${key}": ${parsed}`);
      return undefined;
    }
    const path = [...under, ...parsed];
    if (schemas.length === 0) return { path, types: [] };
    const found = schemas.map((s) => typesAtPath(s, path, this.ir));
    if (found.every((f) => f !== undefined && f.length === 0)) {
      this.problems.add(at, `${this.conventionName}: "${key}" ${formatFieldPath(path)} cannot match the declared response schemas: no such field`);
      return undefined;
    }
    return { path, types: found.flatMap((f) => f ?? []) };
  }

  /**
   * A success or failure test: `{field: PATH, equals: VALUE | [VALUES]}`,
   * `{field: PATH, equals-number: N | [Ns]}` (a number sent as a number or as text) or
   * `{field: PATH, is: present | non-empty | absent | http-status}`; `field` may list alternatives.
   */
  test(parent: Mapping, key: string, at: JsonPointer, schemas: readonly IRType[]): Record<string, JsonValue> | undefined {
    const value = parent[key];
    if (value === undefined) return undefined;
    const where = [...at, key];
    if (!isMapping(value)) {
      this.problems.add(where, `${this.conventionName}: "${key}" must be a mapping: {field: PATH, equals: VALUE} or {field: PATH, is: present | non-empty | absent | http-status}`);
      return undefined;
    }
    for (const k of Object.keys(value)) {
      if (!["field", "equals", "equals-number", "is"].includes(k)) this.problems.addAtKey([...where, k], `${this.conventionName}: unknown key "${k}" in "${key}" (known keys: field, equals, equals-number, is)`);
    }
    if (value["field"] === undefined) {
      this.problems.add(where, `${this.conventionName}: "${key}" needs "field", the path it tests`);
      return undefined;
    }
    const read = this.paths(value, "field", where, schemas);
    const path = read === undefined ? undefined : Array.isArray(value["field"]) ? { path: read.map((p) => [...p.path]) } : read[0];
    const hasEquals = value["equals"] !== undefined;
    const is = value["is"];
    const number = value["equals-number"];
    if ([hasEquals, is !== undefined, number !== undefined].filter(Boolean).length !== 1) {
      this.problems.add(where, `${this.conventionName}: "${key}" needs exactly one of "equals", "equals-number" and "is"`);
      return undefined;
    }
    if (path === undefined) return undefined;
    if (number !== undefined) {
      const numbers = Array.isArray(number) ? number : [number];
      if (numbers.length === 0 || numbers.some((v) => typeof v !== "number")) {
        this.problems.add([...where, "equals-number"], `${this.conventionName}: "equals-number" must be a number (0) or a list of them`);
        return undefined;
      }
      return { path: path.path as JsonValue, equalsNumber: numbers as JsonValue[] };
    }
    if (hasEquals) {
      const raw = value["equals"];
      const values = Array.isArray(raw) ? raw : [raw];
      if (values.length === 0 || values.some((v) => v !== null && typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")) {
        this.problems.add([...where, "equals"], `${this.conventionName}: "equals" must be a value (true, 0, "success", null) or a list of them`);
        return undefined;
      }
      return { path: path.path as JsonValue, equals: values as JsonValue[] };
    }
    const kinds = ["present", "non-empty", "absent", "http-status"];
    if (typeof is !== "string" || !kinds.includes(is)) {
      this.problems.add([...where, "is"], `${this.conventionName}: "is" must be one of ${kinds.join(", ")}`);
      return undefined;
    }
    return { path: path.path as JsonValue, is };
  }
}
