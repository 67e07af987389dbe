/** Operation Objects and the Path Items that hold them. */

import type { JsonPointer } from "../spec-error.js";
import { checkRequestBody, checkResponse } from "./check-content.js";
import { checkParameterList, type DeclaredParameter } from "./check-parameters.js";
import type { CheckContext } from "./context.js";
import { isReference } from "./reference.js";
import { expectMapping, expectString } from "./shape.js";

export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** What a path item declares, for the caller that knows the path template. */
export interface PathItemDeclarations {
  readonly pathLevel: readonly DeclaredParameter[];
  readonly operations: readonly { readonly method: string; readonly parameters: readonly DeclaredParameter[] }[];
}

/** `name` labels the item in messages: the path for `paths`, else e.g. the webhook's name. */
export function checkPathItem(context: CheckContext, item: unknown, pointer: JsonPointer, name: string): PathItemDeclarations {
  const none: PathItemDeclarations = { pathLevel: [], operations: [] };
  if (!expectMapping(context.problems, pointer, item, `path item "${name}"`)) return none;
  // A path item may be a $ref (to components.pathItems in 3.1); its target is checked there.
  isReference(context, item, pointer);
  const pathLevel = checkParameterList(context, item["parameters"], [...pointer, "parameters"]);
  const operations = [];
  for (const method of METHODS) {
    if (item[method] === undefined) continue;
    const parameters = checkOperation(context, item[method], [...pointer, method], `${method} ${name}`);
    operations.push({ method, parameters });
  }
  return { pathLevel, operations };
}

/** Returns the operation's own parameter declarations. */
function checkOperation(context: CheckContext, operation: unknown, pointer: JsonPointer, label: string): DeclaredParameter[] {
  const { problems } = context;
  if (!expectMapping(problems, pointer, operation, `operation ${label}`)) return [];
  if (operation["operationId"] !== undefined) expectString(problems, [...pointer, "operationId"], operation["operationId"], "operationId");

  const responses = operation["responses"];
  // Required by the generator in 3.1 as well (where OpenAPI made it optional): a client method
  // needs to know what comes back.
  if (responses === undefined) problems.addAtKey(pointer, `operation ${label} has no responses`);
  else if (expectMapping(problems, [...pointer, "responses"], responses, `responses of ${label}`)) {
    for (const [status, response] of Object.entries(responses)) checkResponse(context, response, [...pointer, "responses", status]);
  }

  if (operation["requestBody"] !== undefined) checkRequestBody(context, operation["requestBody"], [...pointer, "requestBody"]);

  const callbacks = operation["callbacks"];
  if (callbacks !== undefined) checkCallbacks(context, callbacks, [...pointer, "callbacks"]);

  return checkParameterList(context, operation["parameters"], [...pointer, "parameters"]);
}

/** name → Callback Object (expression → Path Item), as in operations and components. */
export function checkCallbacks(context: CheckContext, callbacks: unknown, pointer: JsonPointer): void {
  if (!expectMapping(context.problems, pointer, callbacks, "callbacks")) return;
  for (const [name, callback] of Object.entries(callbacks)) checkCallback(context, callback, [...pointer, name]);
}

export function checkCallback(context: CheckContext, callback: unknown, pointer: JsonPointer): void {
  if (isReference(context, callback, pointer)) return;
  if (!expectMapping(context.problems, pointer, callback, "a callback")) return;
  for (const [expression, item] of Object.entries(callback)) {
    if (!expression.startsWith("x-")) checkPathItem(context, item, [...pointer, expression], expression);
  }
}
