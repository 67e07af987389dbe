/** The top-level fields: `openapi`, `info` and the optional `x-conventions`. */

import type { ProblemCollector } from "../spec-error.js";
import type { CheckContext } from "./context.js";
import { expectMapping, expectString, type Mapping } from "./shape.js";

const VERSION = /^3\.[01]\.[0-9]+(?:-[0-9A-Za-z.-]+)?$/;

/** The OpenAPI rules to apply; reports a missing or unsupported `openapi` field. */
export function checkOpenapiField(problems: ProblemCollector, root: Mapping): "3.0" | "3.1" {
  const value = root["openapi"];
  const swagger = root["swagger"];
  if (value === undefined && swagger !== undefined) {
    // A "2.0" document is converted while it loads (load/swagger2.ts); only other values get here
    // from the command line.
    if (typeof swagger === "number") problems.add(["swagger"], `swagger must be a string; quote it: swagger: "2.0"`);
    else if (swagger === "2.0") problems.addAtKey(["swagger"], "Swagger 2.0 must be converted to OpenAPI 3 first: load it with loadSpec");
    else problems.add(["swagger"], `swagger ${JSON.stringify(swagger)} is not supported; clientsmith reads Swagger "2.0" and OpenAPI 3.0/3.1`);
    return "3.0";
  }
  if (typeof value === "number") {
    // YAML and JSON both read an unquoted 3.1 as a number; suggest the full version it stood for.
    const suggestion = Math.floor(value) === 3 ? `3.${Math.round((value - 3) * 10)}.0` : "3.1.0";
    problems.add(["openapi"], `openapi must be a string; quote it: openapi: "${suggestion}"`);
    return value >= 3.1 ? "3.1" : "3.0";
  }
  if (!expectString(problems, ["openapi"], value, "openapi")) return "3.0";
  if (!VERSION.test(value)) {
    problems.add(["openapi"], `openapi must be a 3.0.x or 3.1.x version, got "${value}"`);
    return "3.0";
  }
  return value.startsWith("3.1") ? "3.1" : "3.0";
}

export function checkInfo({ problems, document }: CheckContext): void {
  const info = document["info"];
  if (info === undefined) {
    problems.addAtKey(["info"], "info is required");
    return;
  }
  if (!expectMapping(problems, ["info"], info, "info")) return;
  expectString(problems, ["info", "title"], info["title"], "info.title");
  expectString(problems, ["info", "version"], info["version"], "info.version");
}

/** Only the outer shape: the conventions stage validates its own contents. */
export function checkConventions({ problems, document }: CheckContext): void {
  const conventions = document["x-conventions"];
  if (conventions !== undefined) expectMapping(problems, ["x-conventions"], conventions, "x-conventions");
}
