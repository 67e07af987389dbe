/** `components`: each section is a mapping of named objects, checked like their inline twins. */

import type { JsonPointer } from "../spec-error.js";
import { checkHeader, checkRequestBody, checkResponse } from "./check-content.js";
import { checkCallback, checkPathItem } from "./check-operation.js";
import { checkParameter } from "./check-parameters.js";
import { checkSchema } from "./check-schema.js";
import type { CheckContext } from "./context.js";
import { isReference } from "./reference.js";
import { expectMapping } from "./shape.js";

type CheckEntry = (context: CheckContext, value: unknown, pointer: JsonPointer, name: string) => void;

const SECTIONS: Readonly<Record<string, CheckEntry>> = {
  schemas: checkSchema,
  parameters: (context, value, pointer) => {
    if (!isReference(context, value, pointer)) checkParameter(context, value, pointer);
  },
  headers: checkHeader,
  responses: checkResponse,
  requestBodies: checkRequestBody,
  callbacks: checkCallback,
  pathItems: (context, value, pointer, name) => void checkPathItem(context, value, pointer, name),
  // Not looked into: nothing the generator reads from them needs more than their shape.
  examples: () => undefined,
  securitySchemes: () => undefined,
  links: () => undefined,
};

export function checkComponents(context: CheckContext): void {
  const { problems, document } = context;
  const components = document["components"];
  if (components === undefined || !expectMapping(problems, ["components"], components, "components")) return;
  for (const [section, check] of Object.entries(SECTIONS)) {
    const entries = components[section];
    if (entries === undefined || !expectMapping(problems, ["components", section], entries, `components.${section}`)) continue;
    for (const [name, value] of Object.entries(entries)) check(context, value, ["components", section, name], name);
  }
}
