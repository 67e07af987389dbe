/** `paths` (and 3.1 `webhooks`): path templates, their items, and placeholders ↔ path parameters. */

import { checkPathItem, type PathItemDeclarations } from "./check-operation.js";
import type { CheckContext } from "./context.js";
import { expectMapping } from "./shape.js";

export function checkPaths(context: CheckContext): void {
  const { problems, document, version } = context;
  const paths = document["paths"];
  if (paths === undefined) {
    // OpenAPI 3.1 lets a document hold only webhooks or components.
    if (version === "3.0") problems.addAtKey(["paths"], "paths is required");
    return;
  }
  if (!expectMapping(problems, ["paths"], paths, "paths")) return;
  for (const [path, item] of Object.entries(paths)) {
    if (path.startsWith("x-")) continue; // Specification extensions are allowed among paths.
    if (!path.startsWith("/")) problems.addAtKey(["paths", path], `path "${path}" must start with "/"`);
    const declarations = checkPathItem(context, item, ["paths", path], path);
    checkPlaceholders(context, path, declarations);
  }
}

export function checkWebhooks(context: CheckContext): void {
  const webhooks = context.document["webhooks"];
  if (webhooks === undefined || !expectMapping(context.problems, ["webhooks"], webhooks, "webhooks")) return;
  for (const [name, item] of Object.entries(webhooks)) {
    if (!name.startsWith("x-")) checkPathItem(context, item, ["webhooks", name], name);
  }
}

/**
 * Every `{name}` in the template needs a path parameter, and every path parameter a `{name}`:
 * the generated client fills the template from exactly those parameters. Checked per operation,
 * with its own parameters overriding the path item's (as OpenAPI defines).
 */
function checkPlaceholders({ problems }: CheckContext, path: string, declarations: PathItemDeclarations): void {
  const placeholders = [...path.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1] ?? "");
  for (const { method, parameters } of declarations.operations) {
    const declared = new Map<string, (typeof parameters)[number]>();
    for (const parameter of [...declarations.pathLevel, ...parameters]) {
      if (parameter.in === "path") declared.set(parameter.name, parameter);
    }
    for (const name of placeholders) {
      if (!declared.has(name)) {
        problems.addAtKey(["paths", path], `path "${path}" has placeholder {${name}}, but ${method} declares no path parameter "${name}"`);
      }
    }
    for (const [name, parameter] of declared) {
      if (!placeholders.includes(name)) problems.add(parameter.pointer, `path parameter "${name}" does not appear in the path "${path}"`);
    }
  }
}
