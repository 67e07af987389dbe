/** Parameter Objects and parameter lists (path-level, operation-level and in components). */

import type { JsonPointer } from "../spec-error.js";
import { checkContent } from "./check-content.js";
import { checkSchema } from "./check-schema.js";
import type { CheckContext } from "./context.js";
import { HTTP_TOKEN_CHARACTERS, isHttpToken } from "./http-token.js";
import { isReference } from "./reference.js";
import { followRefs } from "./refs.js";
import { describeValue, expectList, expectMapping, isMapping, type Mapping } from "./shape.js";

const LOCATIONS = ["path", "query", "header", "cookie"];

/** A parameter as declared in a list, after following its $ref; for matching path placeholders. */
export interface DeclaredParameter {
  readonly name: string;
  readonly in: string;
  /** Where it is declared: the list item, which for a $ref is the reference, not the target. */
  readonly pointer: JsonPointer;
}

export function checkParameterList(context: CheckContext, list: unknown, pointer: JsonPointer): DeclaredParameter[] {
  if (list === undefined || !expectList(context.problems, pointer, list, "parameters")) return [];
  const declared: DeclaredParameter[] = [];
  list.forEach((item, index) => {
    const itemPointer = [...pointer, index];
    if (!isReference(context, item, itemPointer)) checkParameter(context, item, itemPointer);
    const target = followRefs(context.document, item);
    if (isMapping(target) && typeof target["name"] === "string" && typeof target["in"] === "string") {
      declared.push({ name: target["name"], in: target["in"], pointer: itemPointer });
    }
  });
  return declared;
}

export function checkParameter(context: CheckContext, value: unknown, pointer: JsonPointer): void {
  const { problems } = context;
  if (!expectMapping(problems, pointer, value, "a parameter")) return;
  const name = value["name"];
  if (name === undefined) problems.add(pointer, `parameter has no "name"`);
  else if (typeof name !== "string") problems.add([...pointer, "name"], `parameter name must be a string, got ${describeValue(name)}`);
  const label = typeof name === "string" ? `parameter "${name}"` : "parameter";

  const location = value["in"];
  if (location === undefined) problems.add(pointer, `${label} has no "in" (one of ${LOCATIONS.join(", ")})`);
  else if (typeof location !== "string" || !LOCATIONS.includes(location)) {
    problems.add([...pointer, "in"], `${label}: "in" must be one of ${LOCATIONS.join(", ")}, got ${describeValue(location)}`);
  } else if (location === "path" && value["required"] !== true) {
    const at = value["required"] === undefined ? pointer : [...pointer, "required"];
    problems.add(at, `path ${label} must have required: true`);
  } else if (location === "header" && typeof name === "string" && !isHttpToken(name)) {
    problems.add([...pointer, "name"], `header ${label}: not a valid HTTP header name (use only ${HTTP_TOKEN_CHARACTERS})`);
  }
  checkParameterBody(context, value, pointer);
}

/** `schema` or `content`, shared by parameters and headers. */
export function checkParameterBody(context: CheckContext, value: Mapping, pointer: JsonPointer): void {
  if (value["schema"] !== undefined) checkSchema(context, value["schema"], [...pointer, "schema"]);
  if (value["content"] !== undefined) checkContent(context, value["content"], [...pointer, "content"]);
}
