/**
 * Variants of a convention keyed by `type` (presets and primitives alike): each parses its own
 * keys into its config and applies that config. A registry, not an `if` chain, so a new variant
 * is one entry.
 */
import type { IRDocument } from "../../ir.js";
import type { JsonPointer, ProblemCollector } from "../../spec-error.js";
import type { Contribution, DialectContext } from "../convention.js";
import { isMapping } from "../read-config.js";

export interface Variant<Config> {
  parse(value: unknown, at: JsonPointer, problems: ProblemCollector, ir: IRDocument, context: DialectContext): Config | undefined;
  apply(config: Config, facts: Contribution): void;
  /** What the config tells the conventions parsed after this one (see `Convention.tells`). */
  tells?(config: Config): Partial<DialectContext>;
}

/** A parsed variant, ready to state its facts. */
export interface ChosenVariant {
  readonly type: string;
  readonly apply: (facts: Contribution) => void;
  readonly tells: () => Partial<DialectContext>;
}

/** Builds a registry entry; keeps each variant's config type to itself. */
export function variant<Config>(v: Variant<Config>): Variant<unknown> {
  return v as Variant<unknown>;
}

/** Parses `value` with the variant its `type` names (`fallback` when it names none). */
export function chooseVariant(
  conventionName: string,
  registry: Readonly<Record<string, Variant<unknown>>>,
  fallback: string,
  value: unknown,
  at: JsonPointer,
  problems: ProblemCollector,
  ir: IRDocument,
  context: DialectContext,
): ChosenVariant | undefined {
  const type = isMapping(value) && value["type"] !== undefined ? value["type"] : fallback;
  const chosen = typeof type === "string" && Object.prototype.hasOwnProperty.call(registry, type) ? registry[type] : undefined;
  if (typeof type !== "string" || chosen === undefined) {
    problems.add([...at, "type"], `${conventionName}: "type" must be one of ${Object.keys(registry).join(", ")}, found ${JSON.stringify(type)}`);
    return undefined;
  }
  const config = chosen.parse(value, at, problems, ir, context);
  return config === undefined ? undefined : { type, apply: (facts) => chosen.apply(config, facts), tells: () => chosen.tells?.(config) ?? {} };
}
