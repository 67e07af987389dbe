/**
 * What the `problem-details` preset expands into (generator/conventions/problem-details-errors.ts),
 * as the runtime's error reader takes it: for runtime tests of RFC 7807 bodies.
 */
import type { ErrorFieldsConfig } from "../../templates/runtime/error-fields.js";

const TRACE_ID = [["traceId"], ["extensions", "traceId"]];
const FIELD_ERRORS = [["errors"], ["extensions", "errors"]];

export const PROBLEM_DETAILS: ErrorFieldsConfig = {
  code: ["code"],
  messageJoin: [["title"], ["detail"], FIELD_ERRORS],
  requestId: TRACE_ID,
  fields: {
    type: { path: ["type"], as: "text" },
    title: { path: ["title"], as: "text" },
    detail: { path: ["detail"], as: "text" },
    instance: { path: ["instance"], as: "text" },
    traceId: { path: TRACE_ID, as: "text" },
    errors: { path: FIELD_ERRORS, as: "field-messages" },
  },
};
