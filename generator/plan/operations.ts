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

/** A method's name and/or resource chosen by the spec (`x-conventions.operations`). */
export interface OperationOverride {
  readonly method: string | undefined;
  readonly resource: string | undefined;
}

export type OverrideOf = (op: IROperation) => OperationOverride | undefined;

export interface ResourceGroup {
  /** The text the resource is named after (a tag, a group or a path segment). */
  readonly label: string;
  readonly operations: readonly NamedOperation[];
}

const GROUP_SEPARATOR = /^([^_/.]+)[_/.](.+)$/;
const VERSION_SEGMENT = /^v\d+(\.\d+)*$/i;

/** Verbs that open a snake or kebab operationId (`get_dns_record`): never a group. */
const VERBS: ReadonlySet<string> = new Set(["get", "list", "create", "update", "patch", "put", "post", "delete", "remove", "add", "set", "replace"]);

/** `Students_Get` → the group and the rest; `get_dns_record` has no group (its first word is a verb). */
function splitGroup(operationId: string | undefined): { group: string; rest: string } | undefined {
  const match = operationId === undefined ? null : GROUP_SEPARATOR.exec(operationId);
  if (match === null || VERBS.has((match[1] ?? "").toLowerCase())) return undefined;
  return { group: match[1] ?? "", rest: match[2] ?? "" };
}

function group(operationId: string | undefined): string | undefined {
  return splitGroup(operationId)?.group;
}

function firstPathSegment(path: string): string {
  return path.split("/").find((s) => s !== "" && !s.startsWith("{") && !VERSION_SEGMENT.test(s)) ?? "root";
}

export function resourceLabel(op: IROperation): string {
  return op.tags[0] ?? group(op.operationId) ?? firstPathSegment(op.path);
}

const sameNoun = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((w, i) => singular(w) === singular(b[i] ?? ""));

/** Method names an operation would like, best first, before collisions. */
export function methodCandidates(op: IROperation, label: string): string[] {
  const match = splitGroup(op.operationId);
  const parts = op.operationId === undefined ? [] : words(match?.rest ?? op.operationId);
  // `GetCustomersCustomerSources` (Stripe), `getDnsRecord`, `delete-dns-record` merely spell out the
  // method and the path: name them from the path, as seen from the resource's own segment.
  if (op.operationId === undefined || (match === undefined && parts[0] === op.method)) return pathStyleNames(op, label);
  let kept = parts;
  const noun = words(label);
  // Drop the resource's own noun from the end: `createPaymentIntent` on paymentIntents → `create`.
  if (noun.length > 0 && kept.length > noun.length && sameNoun(kept.slice(-noun.length), noun)) {
    kept = kept.slice(0, -noun.length);
  }
  const name = methodName(kept.join(" "));
  // On a clash, add the operation's own group noun: `create` + `Receipt` → `createReceipt`.
  const g = group(op.operationId);
  return g === undefined ? [name] : [name, methodName(`${kept.join(" ")} ${words(g).map(singular).join(" ")}`)];
}

/** The first choice of `methodCandidates`. */
export function preferredMethodName(op: IROperation, label: string): string {
  return methodCandidates(op, label)[0] ?? "call";
}

const isPlural = (word: string): boolean => singular(word) !== word;

/**
 * Names from the method and the path after the resource's segment: `GET /customers` → list,
 * `GET /customers/{id}` → get, `POST /customers` → create, `POST /customers/{id}` → update,
 * `POST /customers/{id}/sources` → createSources, `POST /intents/{id}/confirm` → confirm,
 * `POST /customers/{id}/sources/{id}/verify` → sourcesVerify.
 */
function pathStyleNames(op: IROperation, label: string): string[] {
  const segments = op.path.split("/").filter((s) => s !== "");
  const onItem = (segments[segments.length - 1] ?? "").startsWith("{");
  const named = segments.filter((s) => !s.startsWith("{"));
  while (named.length > 1 && VERSION_SEGMENT.test(named[0] ?? "")) named.shift();
  // A resource nested under another (`/zones/{id}/dns_records/{id}` in dnsRecords) is seen from its
  // own segment: `get`, not `getDnsRecords`.
  const own = named.map((s) => sameNoun(words(s), words(label))).lastIndexOf(true);
  if (own > 0) named.splice(0, own);
  const [resource = "", ...trailing] = named;
  const last = trailing[trailing.length - 1];
  const all = trailing.join(" ");
  // Every segment after the resource's: the name depends on this operation alone, so a path added
  // later can never take it (`/refunds/{id}/expire` stays `refundsExpire` when `/expire` arrives).
  const pick = (verb: string): string[] => [methodName(`${verb} ${all}`)];
  switch (op.method) {
    case "get":
      if (onItem) return pick("get");
      if (last === undefined) return [isPlural(resource) ? "list" : "get"];
      if (last === "search") return pick("");
      return pick(isPlural(words(last).pop() ?? "") ? "list" : "get");
    case "post":
      if (onItem) return pick("update");
      if (last === undefined || isPlural(words(last).pop() ?? "")) return pick("create");
      return pick(""); // an action: confirm, capture, cancel
    case "put":
    case "patch":
      return pick("update");
    default:
      return pick(op.method);
  }
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
export function groupOperations(operations: readonly IROperation[], overrideOf: OverrideOf = () => undefined): ResourceGroup[] {
  // Labels that name the same property (tag `Pets`, path `/pets`, tag `pets`) are one resource,
  // named after the first tag among them if any, else the first label seen.
  const byKey = new Map<string, { label: string; tagged: boolean; ops: IROperation[] }>();
  for (const op of operations) {
    const chosen = overrideOf(op)?.resource;
    const label = chosen ?? resourceLabel(op);
    const tagged = chosen !== undefined || op.tags[0] !== undefined;
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
    // Names the spec chose claim first, so no derived name can take them.
    for (const op of ops) {
      const chosen = overrideOf(op)?.method;
      if (chosen !== undefined) names.set(op, scope.claim(chosen));
    }
    const belongs = (op: IROperation): boolean => {
      const g = group(op.operationId);
      return g === undefined || sameNoun(words(g), words(label));
    };
    for (const pass of [true, false]) {
      for (const op of ops) {
        if (names.has(op) || belongs(op) !== pass) continue;
        const candidates = methodCandidates(op, label);
        const free = candidates.find((c) => !scope.has(c));
        names.set(op, scope.claim(free ?? candidates[candidates.length - 1] ?? "call"));
      }
    }
    return { label, operations: ops.map((operation) => ({ operation, methodName: names.get(operation) ?? "call" })) };
  });
}
