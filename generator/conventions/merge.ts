/**
 * Merging conventions' contributions into the facts the plan reads. Lists and sets are joined in
 * registry order (the order of runtime plug-ins); a single fact (the client's name, the error
 * base class, …) has one owner: a second claim is a spec error at the second claim, naming both.
 */
import type { JsonPointer, ProblemCollector } from "../spec-error.js";
import { type Contribution, type Facts, SINGLE_FACTS, type SingleFact, emptyFacts } from "./convention.js";

/** What each single fact is, for messages. */
const SINGLE_FACT_NAMES: Readonly<Record<SingleFact, string>> = {
  clientName: "the client's name",
  packageName: "the package name",
  packageFact: "the package's metadata",
  environments: "the environments",
  environmentInference: "the environment a credential selects",
  errorBase: "the runtime base of the provider's error class",
  errorClassName: "the provider's error class name",
  errorCodeType: "the type of the provider's error codes",
  webhooks: "the webhook signature check",
  payloadPaths: "where the payload is in a response schema",
};

export interface OwnedContribution {
  /** Where the convention's key is, e.g. `["x-conventions", "errors"]`. */
  readonly at: JsonPointer;
  readonly contribution: Contribution;
}

export function mergeContributions(owned: readonly OwnedContribution[], problems: ProblemCollector): Facts {
  const facts = emptyFacts();
  const owners = new Map<SingleFact, JsonPointer>();
  const fieldOwners = new Map<string, JsonPointer>();
  for (const { at, contribution: c } of owned) {
    for (const slot of SINGLE_FACTS) {
      if (c[slot] === undefined) continue;
      const where = [...at, ...(c.claimedAt.get(slot) ?? [])];
      const first = owners.get(slot);
      if (first !== undefined) {
        problems.addAtKey(where, `${keyName(where)} and ${keyName(first)} both state ${SINGLE_FACT_NAMES[slot]}; keep one`);
        continue;
      }
      owners.set(slot, where);
      claim(facts, c, slot);
    }
    facts.options.push(...c.options);
    facts.plugins.push(...c.plugins);
    facts.notes.push(...c.notes);
    facts.namespaces.push(...c.namespaces);
    facts.errorGetters.push(...c.errorGetters);
    for (const field of c.errorFields) {
      if (facts.errorFields.some((f) => f.name === field.name)) problems.addAtKey(at, `${keyName(at)}: the error property "${field.name}" is already read by another convention`);
      else {
        facts.errorFields.push(field);
        fieldOwners.set(field.name, at);
      }
    }
    facts.acceptBreaking.push(...c.acceptBreaking);
    for (const m of c.modules) facts.modules.add(m);
    for (const h of c.suppliedHeaders) facts.suppliedHeaders.add(h);
    for (const h of c.idempotencyHeaders) facts.idempotencyHeaders.add(h);
    for (const p of c.credentialParams) facts.credentialParams.add(p);
    for (const [op, scopes] of c.scopes) facts.scopes.set(op, [...(facts.scopes.get(op) ?? []), ...scopes]);
    for (const [op, paging] of c.paging) {
      if (facts.paging.has(op)) problems.addAtKey(at, `${keyName(at)}: ${op} already has paging from another convention`);
      else facts.paging.set(op, paging);
    }
    for (const [op, list] of c.pagedLists) {
      if (facts.pagedLists.has(op)) problems.addAtKey(at, `${keyName(at)}: ${op} is already a paged list of another convention`);
      else facts.pagedLists.set(op, list);
    }
    for (const [name, version] of c.dependencies) {
      const earlier = facts.dependencies.get(name);
      if (earlier !== undefined && earlier !== version) problems.addAtKey(at, `${keyName(at)} needs ${name}@${version}, another convention ${name}@${earlier}`);
      else facts.dependencies.set(name, version);
    }
    for (const code of c.errorCodes) {
      if (facts.errorCodes.some((e) => (e.key ?? e.code) === (code.key ?? code.code))) problems.addAtKey(at, `${keyName(at)}: error code ${code.code} already has a class from another convention`);
      else facts.errorCodes.push(code);
    }
    for (const [id, override] of c.operationOverrides) facts.operationOverrides.set(id, override);
    for (const [module, names] of c.runtimeExports) facts.runtimeExports.set(module, new Set([...(facts.runtimeExports.get(module) ?? []), ...names]));
  }
  // A status class's getter (RateLimitError.rateLimit) would clash with a property of the same name on its parent.
  for (const getter of facts.errorGetters) {
    const at = fieldOwners.get(getter.name);
    if (at !== undefined) problems.addAtKey(at, `${keyName(at)}: the error property "${getter.name}" is already a getter of the status errors another convention adds`);
  }
  return facts;
}

function claim<K extends SingleFact>(facts: Facts, from: Contribution, slot: K): void {
  (facts as Pick<Facts, K>)[slot] = from[slot];
}

/** `x-conventions.errors.class` → `errors.class`. */
function keyName(at: JsonPointer): string {
  return at.slice(1).join(".");
}
