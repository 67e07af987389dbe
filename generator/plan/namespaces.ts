/**
 * Resource groups per client namespace (route versions: `client.v1.customers`). Each namespace's
 * operations are grouped and named as if their version were not there — `/v1/customers/{id}`
 * reads as `/customers/{id}`, operationId `V1Customers_Get` as `Customers_Get` — so every version
 * gets the same resource and method names; the plan then qualifies class names with the version.
 * Operations in no namespace are grouped as usual and stay on the client itself.
 */
import type { NamespaceFact } from "../conventions/convention.js";
import { operationKey } from "../conventions/convention.js";
import type { IROperation } from "../ir.js";
import { pascalCase, words } from "./names.js";
import { type OverrideOf, type ResourceGroup, groupOperations } from "./operations.js";

export interface PlacedGroup {
  /** The namespace the resource lives in; undefined: directly on the client. */
  readonly namespace: NamespaceFact | undefined;
  /** The group, with the spec's own (unstripped) operations. */
  readonly group: ResourceGroup;
}

/** Same split as the method namer's: `Group_Verb`, `group/verb`, `group.verb` (separator kept). */
const GROUP_SEPARATOR = /^([^_/.]+)([_/.])(.+)$/;

/** Resource groups: the client's own first, then each namespace's, in the facts' order. Empty namespaces are left out. */
export function groupByNamespace(operations: readonly IROperation[], namespaces: readonly NamespaceFact[], overrideOf: OverrideOf = () => undefined): PlacedGroup[] {
  if (namespaces.length === 0) return groupOperations(operations, overrideOf).map((group) => ({ namespace: undefined, group }));
  const owner = new Map<string, NamespaceFact>();
  for (const namespace of namespaces) for (const key of namespace.operations) owner.set(key, namespace);
  const ownerOf = (op: IROperation): NamespaceFact | undefined => owner.get(operationKey(op.method, op.path));

  const placed: PlacedGroup[] = groupOperations(operations.filter((op) => ownerOf(op) === undefined), overrideOf).map((group) => ({ namespace: undefined, group }));
  for (const namespace of namespaces) {
    const original = new Map<IROperation, IROperation>();
    for (const op of operations) {
      if (ownerOf(op) === namespace) original.set(withoutNamespace(op, namespace), op);
    }
    // Overrides are keyed by the spec's own operationId, not the one the namer sees.
    const overrideOfStripped: OverrideOf = (op) => overrideOf(original.get(op) ?? op);
    for (const group of groupOperations([...original.keys()], overrideOfStripped)) {
      const ops = group.operations.map(({ operation, methodName }) => ({ operation: original.get(operation) ?? operation, methodName }));
      placed.push({ namespace, group: { label: group.label, operations: ops } });
    }
  }
  return placed;
}

/** The operation as the namer should see it: path without the prefix, operationId without the version's words. */
export function withoutNamespace(op: IROperation, namespace: NamespaceFact): IROperation {
  const rest = op.path.slice(namespace.prefix.length + 1);
  const path = rest === "" ? "/" : rest;
  return { ...op, path, operationId: stripOperationId(op.operationId, words(namespace.prefix.split("/").pop() ?? "")) };
}

/** `V1Customers_List` → `Customers_List`, `v1_customers_list` → `customers_list`, `listCustomersV1` → `ListCustomers`. */
export function stripOperationId(operationId: string | undefined, version: readonly string[]): string | undefined {
  if (operationId === undefined || version.length === 0) return operationId;
  const match = GROUP_SEPARATOR.exec(operationId);
  if (match === null) {
    const kept = removeRun(words(operationId), version);
    return kept === undefined || kept.length === 0 ? operationId : pascalCase(kept.join(" "));
  }
  const [, group = "", separator = "_", rest = ""] = match;
  const groupWords = words(group);
  if (groupWords.length === version.length && removeRun(groupWords, version)?.length === 0) return stripOperationId(rest, version);
  const keptGroup = removeRun(groupWords, version);
  const restWords = words(rest);
  // Only a version at the very end of the verb part is noise (`ListV1`); inside it may mean something.
  const restEnds = restWords.length > version.length && restWords.slice(-version.length).join(" ") === version.join(" ");
  if (keptGroup === undefined && !restEnds) return operationId;
  const newGroup = keptGroup === undefined || keptGroup.length === 0 ? group : pascalCase(keptGroup.join(" "));
  const newRest = restEnds ? pascalCase(restWords.slice(0, -version.length).join(" ")) : rest;
  return `${newGroup}${separator}${newRest}`;
}

/** `words` without the first contiguous run equal to `run`; undefined when there is none. */
function removeRun(list: readonly string[], run: readonly string[]): string[] | undefined {
  for (let i = 0; i + run.length <= list.length; i++) {
    if (run.every((w, j) => list[i + j] === w)) return [...list.slice(0, i), ...list.slice(i + run.length)];
  }
  return undefined;
}
