/**
 * Success and failure tests of an envelope, as the generator wrote them from the spec: a field
 * equals one of some JSON values (`true`, `0`, `"success"`), is present, non-empty or absent, or
 * repeats the HTTP status.
 */

import { type FieldPaths, readFirst } from "./field-path.js";

export type Scalar = string | number | boolean | null;

export interface FieldTest {
  /** The field's path, or alternatives (the first present is tested). */
  readonly path: FieldPaths;
  /** The field equals one of these values (`"200"` and `200` are not equal). */
  readonly equals?: readonly Scalar[];
  /** The field is one of these numbers, sent as a number or as text (`0`, `"0"` and `"000"` are 0), as XML sends codes. */
  readonly equalsNumber?: readonly number[];
  readonly is?: "present" | "non-empty" | "absent" | "http-status";
}

/** Whether `test` holds of `body` in a response of HTTP `status`. */
export function holds(test: FieldTest, body: unknown, status: number): boolean {
  const value = readFirst(body, test.path);
  if (test.equals !== undefined) return test.equals.some((v) => v === value);
  if (test.equalsNumber !== undefined) {
    const n = typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
    return test.equalsNumber.some((v) => v === n);
  }
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
