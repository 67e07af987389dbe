/**
 * The component schemas a caller writes: reachable from a request body or a parameter. Open
 * enums (`client.open-enums`) apply only to the others, so a caller still cannot pass a value the
 * API does not take.
 */
import type { IRDocument, IRType } from "../ir.js";

function refsOf(type: IRType, into: string[]): void {
  switch (type.kind) {
    case "ref":
      into.push(type.schema);
      return;
    case "array":
      refsOf(type.items, into);
      return;
    case "union":
    case "intersection":
      for (const m of type.members) refsOf(m, into);
      return;
    case "object":
      for (const p of type.properties) refsOf(p.type, into);
      if (type.additional !== undefined) refsOf(type.additional, into);
      return;
    default:
      return;
  }
}

export function inputSchemas(ir: IRDocument): Set<string> {
  const pending: string[] = [];
  for (const op of ir.operations) {
    for (const p of op.parameters) refsOf(p.type, pending);
    if (op.body !== undefined) refsOf(op.body.type, pending);
  }
  const found = new Set<string>();
  const byName = new Map(ir.schemas.map((s) => [s.name, s.type]));
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (found.has(name)) continue;
    found.add(name);
    const type = byName.get(name);
    if (type !== undefined) refsOf(type, pending);
  }
  return found;
}
