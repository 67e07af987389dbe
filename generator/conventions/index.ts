/**
 * The convention registry and the stage that applies it: each key of `x-conventions` is handed
 * to the convention that owns it; an unknown key is a spec error at that key.
 */
import { knownKeysHint } from "../did-you-mean.js";
import type { IRDocument } from "../ir.js";
import type { LoadedSpec } from "../load/load-spec.js";
import { ProblemCollector } from "../spec-error.js";
import { authConvention } from "./auth.js";
import { clientConvention } from "./client.js";
import { type Convention, type DialectContext, EMPTY_CONTEXT, type Facts, emptyContribution, emptyFacts } from "./convention.js";
import { envelopeConvention } from "./envelope.js";
import { environmentsConvention } from "./environments.js";
import { errorsConvention } from "./errors.js";
import { formatsConvention } from "./formats.js";
import { headersConvention } from "./headers.js";
import { operationsConvention } from "./operations.js";
import { pagingConvention } from "./paging.js";
import { rateLimitsConvention } from "./rate-limits.js";
import { type OwnedContribution, mergeContributions } from "./merge.js";
import { isMapping } from "./read-config.js";
import { requestChecksConvention } from "./request-checks.js";
import { retriesConvention } from "./retries.js";
import { webhooksConvention } from "./webhooks.js";
import { versionsConvention } from "./versions.js";

// The order is the order of runtime plug-ins: auth and headers before decoders. Facts themselves
// do not depend on it: each convention writes its own contribution and a single fact has one owner.
export const CONVENTIONS: readonly Convention<never>[] = [
  clientConvention,
  operationsConvention,
  environmentsConvention,
  authConvention,
  headersConvention,
  envelopeConvention,
  errorsConvention,
  pagingConvention,
  webhooksConvention,
  versionsConvention,
  rateLimitsConvention,
  // After the envelope: its decoder fits the unwrapped payload to the schema.
  formatsConvention,
  requestChecksConvention,
  retriesConvention,
] as readonly Convention<unknown>[] as readonly Convention<never>[];

export function applyConventions(spec: LoadedSpec, ir: IRDocument): Facts {
  const facts = emptyFacts();
  const root = isMapping(spec.document) ? spec.document["x-conventions"] : undefined;
  if (root === undefined) return facts;
  const problems = new ProblemCollector(spec);
  const at = ["x-conventions"];
  if (!isMapping(root)) {
    problems.add(at, "x-conventions must be a mapping");
    problems.throwIfAny();
    return facts;
  }
  const known = CONVENTIONS.map((c) => c.key);
  for (const key of Object.keys(root)) {
    if (!known.includes(key)) problems.addAtKey([...at, key], `unknown convention "${key}" (${knownKeysHint(key, known, "known")})`);
  }
  const parsed: [Convention<unknown>, unknown][] = [];
  let context: DialectContext = EMPTY_CONTEXT;
  for (const convention of CONVENTIONS as readonly Convention<unknown>[]) {
    if (root[convention.key] === undefined) continue;
    const config = convention.parse(root[convention.key], [...at, convention.key], problems, ir, context);
    if (config === undefined) continue;
    parsed.push([convention, config]);
    // Later conventions read what this one decided (the envelope tells errors where failures arrive).
    context = { ...context, ...convention.tells?.(config) };
  }
  problems.throwIfAny();
  const owned: OwnedContribution[] = parsed.map(([convention, config]) => {
    const contribution = emptyContribution();
    convention.apply(config, ir, contribution, problems);
    return { at: [...at, convention.key], contribution };
  });
  problems.throwIfAny();
  const merged = mergeContributions(owned, problems);
  problems.throwIfAny();
  return merged;
}
