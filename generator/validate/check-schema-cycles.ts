/**
 * A component schema that is made only of itself: `A: {$ref: A}`, A → B → A through `$ref`s, or an
 * `allOf`/`oneOf`/`anyOf` that leads back to the schema it is in. Each becomes a TypeScript type
 * alias naming itself (`export type A = A;`, TS2456), so the package would not compile; the fix
 * belongs in the spec. Recursion through a property, `items` or `additionalProperties` is how
 * recursive types are written (a tree's `children`) and stays allowed: those positions become
 * interface members and array types, which TypeScript resolves lazily.
 */

import { componentSchemaName } from "../normalize/schema.js";
import type { JsonPointer } from "../spec-error.js";
import type { CheckContext } from "./context.js";
import { refPointer, resolveRef } from "./refs.js";
import { isMapping } from "./shape.js";

/** Subschema lists the generator turns into unions and intersections of their members. */
const COMBINATIONS = ["allOf", "oneOf", "anyOf"] as const;

/** A component named where the type alias itself would name it, and the `$ref` that names it. */
interface Use {
  readonly target: string;
  readonly at: JsonPointer;
}

interface Step {
  readonly name: string;
  readonly uses: readonly Use[];
  /** The next use to follow; the one before it leads to the next step on the path. */
  next: number;
}

export function checkSchemaCycles({ document, problems }: CheckContext): void {
  const components = document["components"];
  const schemas = isMapping(components) ? components["schemas"] : undefined;
  if (!isMapping(schemas)) return;
  const uses = new Map<string, Use[]>();
  for (const [name, schema] of Object.entries(schemas)) uses.set(name, directUses(document, schema, ["components", "schemas", name]));

  // Depth-first, iteratively: an "active" schema met again closes a cycle along the current path.
  const state = new Map<string, "active" | "done">();
  for (const start of uses.keys()) {
    if (state.has(start)) continue;
    state.set(start, "active");
    const path: Step[] = [{ name: start, uses: uses.get(start) ?? [], next: 0 }];
    for (let step = path.at(-1); step !== undefined; step = path.at(-1)) {
      const use = step.uses[step.next++];
      if (use === undefined) {
        state.set(step.name, "done");
        path.pop();
        continue;
      }
      const seen = state.get(use.target);
      if (seen === undefined && uses.has(use.target)) {
        state.set(use.target, "active");
        path.push({ name: use.target, uses: uses.get(use.target) ?? [], next: 0 });
      } else if (seen === "active") {
        const from = path.findIndex((s) => s.name === use.target);
        const cycle = path.slice(from);
        const names = [...cycle.map((s) => s.name), use.target].join(" → ");
        // Reported at the first reference of the cycle, where reading it from the top begins.
        const first = cycle[0]?.uses[(cycle[0]?.next ?? 1) - 1] ?? use;
        problems.add(first.at, `$ref cycle ${names}: a schema cannot be made only of itself (through $ref, allOf, oneOf or anyOf); refer back through a property or array items instead`);
      }
    }
  }
}

/** The component schemas `schema` names at its top level: its `$ref`, or its combinations' members. */
function directUses(document: unknown, schema: unknown, pointer: JsonPointer): Use[] {
  const found: Use[] = [];
  const inlined = new Set<string>();
  const stack: { value: unknown; pointer: JsonPointer }[] = [{ value: schema, pointer }];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const { value } = node;
    if (!isMapping(value)) continue;
    const ref = value["$ref"];
    if (typeof ref === "string") {
      // The generator reads a $ref alone, ignoring its siblings, and so does this.
      const target = componentSchemaName(ref);
      if (target !== undefined) found.push({ target, at: [...node.pointer, "$ref"] });
      else if (!inlined.has(ref)) {
        // Any other local ref is inlined where it is used; follow it to its own place.
        inlined.add(ref);
        stack.push({ value: resolveRef(document, ref), pointer: refPointer(ref) ?? node.pointer });
      }
      continue;
    }
    // Pushed last to first, so that uses are found in the order the spec lists them.
    for (const keyword of [...COMBINATIONS].reverse()) {
      const list = value[keyword];
      if (!Array.isArray(list)) continue;
      for (let index = list.length - 1; index >= 0; index--) stack.push({ value: list[index], pointer: [...node.pointer, keyword, index] });
    }
  }
  return found;
}
