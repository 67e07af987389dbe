/** What every check needs: the document, where to report, and which OpenAPI rules apply. */

import type { ProblemCollector } from "../spec-error.js";
import type { Mapping } from "./shape.js";

export interface CheckContext {
  readonly document: Mapping;
  readonly problems: ProblemCollector;
  /** From the `openapi` field; "3.0" when it is missing or invalid, so the other checks still run. */
  readonly version: "3.0" | "3.1";
}
