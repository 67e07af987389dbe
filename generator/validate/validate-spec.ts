/**
 * Stage two of the pipeline: checks that a loaded document is an OpenAPI 3.0/3.1 spec the
 * generator can rely on, and reports every problem at once, so one run shows all there is to fix.
 */

import type { OpenAPIObject } from "openapi3-ts/oas31";
import type { LoadedSpec } from "../load/load-spec.js";
import { ProblemCollector } from "../spec-error.js";
import { checkComponents } from "./check-components.js";
import { checkPaths, checkWebhooks } from "./check-paths.js";
import { checkRefs } from "./check-refs.js";
import { checkSchemaCycles } from "./check-schema-cycles.js";
import { checkConventions, checkInfo, checkOpenapiField } from "./check-root.js";
import type { CheckContext } from "./context.js";
import { describeValue, isMapping } from "./shape.js";

/** Throws a SpecError listing ALL problems found; `x-conventions` is only checked to be a mapping. */
export function validateSpec(spec: LoadedSpec): OpenAPIObject {
  const problems = new ProblemCollector(spec);
  const document = spec.document;
  if (isMapping(document)) {
    const version = checkOpenapiField(problems, document);
    const context: CheckContext = { document, problems, version };
    checkInfo(context);
    checkConventions(context);
    checkPaths(context);
    if (version === "3.1") checkWebhooks(context);
    checkComponents(context);
    checkRefs(context);
    checkSchemaCycles(context);
  } else {
    problems.add([], `a spec must be a mapping with openapi, info and paths, got ${describeValue(document)}`);
  }
  problems.throwIfAny();
  // Checked above to the depth later stages read; the rest is OpenAPI's own business.
  return document as unknown as OpenAPIObject;
}
