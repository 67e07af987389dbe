/**
 * Groups operations into resources and names their methods.
 * Resource: the first tag, else the operationId's group (`apps/get-x`, `Students_Get`), else the
 * first path segment that is not a version. Method: the operationId without its group and without
 * the resource's own noun (`PaymentIntents_CreatePaymentIntent` → `create`), else verb + path.
 */
import type { IROperation } from "../ir.js";
import { NameScope, camelCase, singular, words } from "./names.js";

export interface NamedOperation {
  readonly operation: IROperation;
  readonly methodName: string;
}

export interface ResourceGroup {
  /** The text the resource is named after (a tag, a group or a path segment). */
  readonly label: string;
  readonly operations: readonly NamedOperation[];
}

const GROUP_SEPARATOR = /^([^_/.]+)[_/.](.+)$/;
const VERSION_SEGMENT = /^v\d+(\.\d+)*$/i;

function group(operationId: string | undefined): string | undefined {
  if (operationId === undefined) return undefined;
  return GROUP_SEPARATOR.exec(operationId)?.[1];
}

function firstPathSegment(path: string): string {
  return path.split("/").find((s) => s !== "" && !s.startsWith("{") && !VERSION_SEGMENT.test(s)) ?? "root";
}

export function resourceLabel(op: IROperation): string {
  return op.tags[0] ?? group(op.operationId) ?? firstPathSegment(op.path);
}

const sameNoun = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((w, i) => singular(w) === singular(b[i] ?? ""));

/** The method name an operation would like, before collisions. */
export function preferredMethodName(op: IROperation, label: string): string {
  if (op.operationId !== undefined) {
    const match = GROUP_SEPARATOR.exec(op.operationId);
    let parts = words(match?.[2] ?? op.operationId);
    const noun = words(label);
    // Drop the resource's own noun from the end: `createPaymentIntent` on paymentIntents → `create`.
    if (noun.length > 0 && parts.length > noun.length && sameNoun(parts.slice(-noun.length), noun)) {
      parts = parts.slice(0, -noun.length);
    }
    return methodName(parts.join(" "));
  }
  const segments = op.path.split("/").filter((s) => s !== "");
  const last = segments[segments.length - 1] ?? "";
  const onItem = last.startsWith("{");
  const verbs: Record<string, string> = {
    get: onItem || segments.length === 0 ? "get" : "list",
    post: "create",
    put: "update",
    patch: "update",
    delete: "delete",
    head: "head",
    options: "options",
  };
  // The words after the resource's own segment; a leading version (`/v1/pets/{id}/toys`) is not it.
  const named = segments.filter((s) => !s.startsWith("{"));
  while (named.length > 1 && VERSION_SEGMENT.test(named[0] ?? "")) named.shift();
  const trailing = named.slice(1).join(" ");
  return methodName(`${verbs[op.method] ?? op.method} ${trailing}`);
}

/**
 * Methods are properties, so reserved words are fine (`customers.delete`), but a method named
 * `then` would make the resource look like a promise and `constructor` cannot be declared.
 */
function methodName(text: string): string {
  const name = camelCase(text);
  if (name === "") return "call";
  if (/^[0-9]/.test(name)) return `call${name}`;
  return name === "then" || name === "constructor" ? `${name}_` : name;
}

/**
 * Resources in first-appearance order, methods in document order. Operations whose group matches
 * their resource claim names first, so `Receipt_Create` under payment intents becomes
 * `createReceipt` rather than taking `create` from `PaymentIntents_CreatePaymentIntent`.
 */
export function groupOperations(operations: readonly IROperation[]): ResourceGroup[] {
  // Labels that name the same property (tag `Pets`, path `/pets`, tag `pets`) are one resource,
  // named after the first tag among them if any, else the first label seen.
  const byKey = new Map<string, { label: string; tagged: boolean; ops: IROperation[] }>();
  for (const op of operations) {
    const label = resourceLabel(op);
    const tagged = op.tags[0] !== undefined;
    const key = words(label).join(" ") || label;
    const entry = byKey.get(key);
    if (entry === undefined) byKey.set(key, { label, tagged, ops: [op] });
    else {
      entry.ops.push(op);
      if (tagged && !entry.tagged) Object.assign(entry, { label, tagged });
    }
  }
  return [...byKey.values()].map(({ label, ops }) => {
    const scope = new NameScope(["constructor"]);
    const names = new Map<IROperation, string>();
    const belongs = (op: IROperation): boolean => {
      const g = group(op.operationId);
      return g === undefined || sameNoun(words(g), words(label));
    };
    for (const pass of [true, false]) {
      for (const op of ops) {
        if (belongs(op) !== pass) continue;
        const preferred = preferredMethodName(op, label);
        if (!scope.has(preferred)) {
          names.set(op, scope.claim(preferred));
          continue;
        }
        // Taken: add the operation's own group noun (`create` + `Receipt`), then number it.
        const g = group(op.operationId);
        const qualified = g === undefined ? preferred : camelCase(`${preferred} ${words(g).map(singular).join(" ")}`);
        names.set(op, scope.claim(qualified));
      }
    }
    return { label, operations: ops.map((operation) => ({ operation, methodName: names.get(operation) ?? "call" })) };
  });
}
