/**
 * The vocabulary of the API report: every kind of change, how it is classified, and the shape of
 * a change id (`<kind>:<subject>`, e.g. `property-removed:ProblemDetails.traceId`), which is what
 * a spec lists under `x-conventions.client.accept-breaking` to accept a breaking change.
 *
 * "Input" types are what callers pass (method parameters and every type reachable from them);
 * "output" types are what they receive (method results and every type reachable from them); a
 * type used both ways is both, and an exported type no method uses is treated as both.
 */

export type Level = "breaking" | "additive" | "none";

export const CHANGE_KINDS = {
  "export-added": "additive",
  "export-removed": "breaking",
  "export-kind-changed": "breaking, unless between interface and type alias (none)",
  "operation-added": "additive",
  "operation-removed": "breaking",
  "operation-renamed": "breaking",
  "operation-repointed": "breaking: the same method now calls another endpoint",
  "parameter-added": "additive when optional, breaking when required",
  "parameter-removed": "breaking",
  "parameter-renamed": "none: arguments are passed by position, so callers never name them",
  "parameter-moved": "breaking: arguments after an inserted parameter shift",
  "parameter-required": "breaking",
  "parameter-optional": "additive",
  "parameter-type-narrowed": "breaking",
  "parameter-type-widened": "additive",
  "parameter-type-changed": "breaking",
  "parameter-type-respelled": "none",
  "result-changed": "breaking",
  "result-respelled": "none",
  "property-added": "additive; breaking when required on an input",
  "property-removed": "breaking",
  "property-renamed": "breaking",
  "property-required": "breaking on an input, additive on an output",
  "property-optional": "breaking on an output, additive on an input",
  "property-type-narrowed": "breaking on an input, additive on an output",
  "property-type-widened": "breaking on an output, additive on an input",
  "property-type-changed": "breaking",
  "property-type-respelled": "none",
  "enum-member-added": "breaking on an output, additive on an input",
  "enum-member-removed": "breaking, on inputs and outputs alike (also a literal of an inline union)",
  "variant-added": "breaking on an output, additive on an input (a member of a union such as a `oneOf`)",
  "variant-removed": "breaking",
  deprecated: "additive: newly marked deprecated (an operation, a model, a property or a parameter); listed so users see it in the CHANGELOG",
  "type-narrowed": "breaking on an input, additive on an output",
  "type-widened": "breaking on an output, additive on an input",
  "type-changed": "breaking",
  "type-respelled": "none",
  "type-parameters-changed": "breaking",
  "type-parameters-added": "additive",
  "base-added": "breaking when it brings a required property to an input, else additive",
  "base-removed": "breaking",
} as const satisfies Record<string, string>;

export type ChangeKind = keyof typeof CHANGE_KINDS;

export const CHANGE_ID = /^([a-z]+(?:-[a-z]+)*):(\S(?:.*\S)?)$/s;

/** Why `id` cannot be a change id, or undefined when it can. */
export function checkChangeId(id: string): string | undefined {
  const match = CHANGE_ID.exec(id);
  if (match === null) return `"${id}" is not a change id: expected <kind>:<subject>, e.g. property-removed:Pet.tag`;
  const kind = match[1] ?? "";
  if (!(kind in CHANGE_KINDS)) return `"${id}" names an unknown kind of change "${kind}" (known: ${Object.keys(CHANGE_KINDS).join(", ")})`;
  return undefined;
}

export const LEVEL_RANK: Readonly<Record<Level, number>> = { breaking: 0, additive: 1, none: 2 };
