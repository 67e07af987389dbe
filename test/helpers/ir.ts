/** IR builders for plan and normalize tests. */
import type { IRProperty, IRType } from "../../generator/ir.js";

/** A property as the normalizer makes one from a plain schema: no docs, no flags. */
export const prop = (name: string, type: IRType, required = false): IRProperty => ({
  name,
  type,
  required,
  description: undefined,
  deprecated: false,
  readOnly: false,
  writeOnly: false,
  example: undefined,
});
