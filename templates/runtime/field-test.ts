/**
 * Success and failure tests of an envelope, as the generator wrote them from the spec: a field
 * equals one of some JSON values (`true`, `0`, `"success"`), is present, non-empty or absent, or
 * repeats the HTTP status.
 */

import { readPath } from "./field-path.js";

export type Scalar = string | number | boolean | null;

export interface FieldTest {
  readonly path: readonly string[];
  /** The field equals one of these values (`"200"` and `200` are not equal). */
  readonly equals?: readonly Scalar[];
  readonly is?: "present" | "non-empty" | "absent" | "http-status";
}

/** Whether `test` holds of `body` in a response of HTTP `status`. */
export function holds(test: FieldTest, body: unknown, status: number): boolean {
  const value = readPath(body, test.path);
  if (test.equals !== undefined) return test.equals.some((v) => v === value);
  switch (test.is) {
    case "absent":
      return value === undefined;
    case "non-empty":
      return value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0) && !isEmptyObject(value);
    case "http-status":
      return (typeof value === "string" && value.trim() === String(status)) || value === status;
    default:
      return value !== undefined;
  }
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.keys(value).length === 0;
}
