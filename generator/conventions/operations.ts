/**
 * `x-conventions.operations`: a method's name and/or resource by operationId, for the names a
 * spec gets wrong (`getAlSubscriptions`, `getRefundById`):
 *
 *   operations:
 *     getAlSubscriptions: { method: listAll }
 *     PaymentIntents_GetRefundById: { resource: refunds, method: get }
 *
 * An operationId the spec does not have, a name that is not an identifier, or two methods of one
 * resource ending with the same name are spec errors at the override.
 */
import type { OperationOverride } from "../plan/operations.js";
import { groupOperations } from "../plan/operations.js";
import type { Convention } from "./convention.js";
import { ConfigReader, isMapping } from "./read-config.js";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export const operationsConvention: Convention<ReadonlyMap<string, OperationOverride>> = {
  key: "operations",
  summary: "overrides a method's name (`method`) and/or resource (`resource`) by operationId",
  parse(value, at, problems, ir) {
    const read = new ConfigReader(problems, "operations");
    if (!isMapping(value)) {
      problems.add(at, "operations: expected a mapping from operationIds to { method, resource }");
      return undefined;
    }
    const node = value;
    const ids = new Set(ir.operations.flatMap((op) => (op.operationId === undefined ? [] : [op.operationId])));
    const overrides = new Map<string, OperationOverride>();
    for (const [id, entry] of Object.entries(node)) {
      const where = [...at, id];
      if (!ids.has(id)) {
        problems.addAtKey(where, `operations: the spec has no operation "${id}"`);
        continue;
      }
      const fields = read.mapping(entry, where, ["method", "resource"]);
      if (fields === undefined) continue;
      const method = read.optionalString(fields, "method", where);
      const resource = read.optionalString(fields, "resource", where);
      if (method !== undefined && !IDENTIFIER.test(method)) problems.add([...where, "method"], `operations: method "${method}" is not an identifier, e.g. listAll`);
      else if (method === "then" || method === "constructor") problems.add([...where, "method"], `operations: a method cannot be named "${method}"`);
      if (method === undefined && resource === undefined) problems.add(where, "operations: give a method, a resource or both");
      overrides.set(id, { method, resource });
    }
    // Two methods of one resource must not end with one name: the second would silently get a number.
    for (const group of groupOperations(ir.operations, (op) => (op.operationId === undefined ? undefined : overrides.get(op.operationId)))) {
      for (const { operation, methodName } of group.operations) {
        const wanted = operation.operationId === undefined ? undefined : overrides.get(operation.operationId)?.method;
        if (wanted !== undefined && wanted !== methodName) {
          problems.add([...at, operation.operationId ?? "", "method"], `operations: ${group.label} already has a method "${wanted}"; choose another name`);
        }
      }
    }
    return overrides;
  },
  apply(config, _ir, facts) {
    for (const [id, override] of config) facts.operationOverrides.set(id, override);
  },
};
