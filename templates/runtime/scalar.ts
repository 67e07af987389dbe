/** How one parameter value becomes text on the wire, shared by path, query and header params. */

import { RequestValidationError } from "./errors.js";
import { describeType } from "./options.js";

/** The wire text of a scalar; anything else is refused rather than sent as `[object Object]`. */
export function scalarText(value: unknown, where: string): string {
  switch (typeof value) {
    case "string":
      return value;
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return value.toString();
    case "number":
      if (!Number.isFinite(value)) {
        throw new RequestValidationError(`${where} must be a finite number`);
      }
      return String(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RequestValidationError(`${where} is an invalid Date`);
    return value.toISOString();
  }
  throw new RequestValidationError(`${where} must be a string, number, boolean or Date, got ${describeType(value)}`);
}
