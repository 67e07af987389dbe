/**
 * Planning the package's `testing` entry point: the data its mock runs on — every operation with
 * its parameters, body schema, example or schema of its answer, paging and store role, and the
 * dialect as the client's own plug-in configs — and the types that key scenarios by operationId
 * and by the client's `resource.method`. Everything from the spec reaches the file as a JSON
 * literal or a type built by type-expr.ts, through the escaping helpers.
 */
import type { Facts, JsonValue } from "../conventions/convention.js";
import { operationKey } from "../conventions/convention.js";
import type { IRDocument, IROperation, IRType } from "../ir.js";
import { code } from "../render/code.js";
import { jsonLiteral, propertyKey, stringLiteral } from "../render/escape.js";
import { bodyKind, pagedItems, payloadType, responseKind, successResponses } from "./resources.js";
import { type TypeContext, tsType, tsUnion } from "./type-expr.js";
import type { OptionView, ResourceView, TestingView } from "./view-model.js";

/** The client's dialect plug-ins the mock writes in reverse (see templates/testing/dialect-writer.ts). */
const MOCKED_PLUGINS = new Set(["headerAuth", "basicAuth", "constantHeaders", "scopedHeaders", "envelope", "errorFields", "statusBodyEnvelope", "textFieldsErrors", "rateLimits"]);

/** The HTTP status each code-table status class stands for (conventions/dialect/code-table.ts). */
const CLASS_STATUS: Readonly<Record<string, number>> = { "bad-request": 400, authentication: 401, permission: 403, "not-found": 404, conflict: 409, unprocessable: 422, "rate-limit": 429, server: 500 };

const RANGES: Readonly<Record<string, readonly number[]>> = { "4": [400, 401, 403, 404, 409, 422, 429], "5": [500, 502, 503, 504] };

/** An IRType without prose: what the mock needs to sample and validate. */
function compact(type: IRType, refs: Set<string>): JsonValue {
  switch (type.kind) {
    case "ref":
      refs.add(type.schema);
      return { kind: "ref", schema: type.schema };
    case "primitive":
      return type.format === undefined ? { kind: "primitive", type: type.type } : { kind: "primitive", type: type.type, format: type.format };
    case "literal":
      return { kind: "literal", values: type.values.filter((v) => typeof v !== "number" || Number.isFinite(v)) };
    case "array":
      return { kind: "array", items: compact(type.items, refs) };
    case "object":
      return {
        kind: "object",
        properties: type.properties.map((p) => ({
          name: p.name,
          type: compact(p.type, refs),
          required: p.required,
          ...(p.readOnly ? { readOnly: true } : {}),
          ...(p.example === undefined || (typeof p.example === "number" && !Number.isFinite(p.example)) ? {} : { example: p.example }),
        })),
        ...(type.additional === undefined ? {} : { additional: compact(type.additional, refs) }),
      };
    case "union":
    case "intersection":
      return { kind: type.kind, members: type.members.map((m) => compact(m, refs)) };
  }
}

/** A JSON value a literal can carry (finite numbers only), or undefined. */
function jsonOnly(value: unknown): JsonValue | undefined {
  try {
    jsonLiteral(value);
    return value as JsonValue;
  } catch {
    return undefined;
  }
}

function statusNumber(status: string): number | undefined {
  return /^\d{3}$/.test(status) ? Number(status) : undefined;
}

/** The property of a stored item that holds its id: the path parameter's name, `id`, or an `…id` field. */
function idField(op: IROperation, param: string, ir: IRDocument): string {
  let type = successResponses(op).find((r) => r.type !== undefined)?.type;
  for (let hops = 0; type?.kind === "ref" && hops < 8; hops++) {
    const name = type.schema;
    type = ir.schemas.find((s) => s.name === name)?.type;
  }
  const names = type?.kind === "object" ? type.properties.map((p) => p.name) : [];
  const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");
  return names.find((n) => n === param) ?? names.find((n) => n === "id") ?? names.find((n) => squash(n).endsWith("id") && squash(param).includes(squash(n))) ?? names.find((n) => squash(n) === squash(param)) ?? "id";
}

function isList(type: IRType | undefined, ir: IRDocument): boolean {
  for (let hops = 0; type?.kind === "ref" && hops < 8; hops++) {
    const name = type.schema;
    type = ir.schemas.find((s) => s.name === name)?.type;
  }
  return type?.kind === "array";
}

type StoreRole = {
  readonly action: "create" | "get" | "list" | "delete";
  readonly collection: string;
  readonly idField: string;
  /** For a create: what the collection's get answers, the shape of a stored item. */
  readonly itemType?: IRType;
};

/** Which operations act on a collection: `POST P`, `GET P/{id}`, `DELETE P/{id}` and a paged list of `P`. */
function storeRoles(ir: IRDocument, facts: Facts): Map<IROperation, StoreRole> {
  const roles = new Map<IROperation, StoreRole>();
  const itemPath = /^(.*)\/\{([^}]+)\}\/?$/;
  const getters = new Map<string, { op: IROperation; param: string }>();
  for (const op of ir.operations) {
    const match = itemPath.exec(op.path);
    if (op.method === "get" && match !== null) getters.set(match[1] ?? "", { op, param: match[2] ?? "" });
  }
  for (const op of ir.operations) {
    const match = itemPath.exec(op.path);
    const getter = match === null ? getters.get(op.path) : getters.get(match[1] ?? "");
    if (getter === undefined && !facts.paging.has(operationKey(op.method, op.path))) continue;
    const id = getter === undefined ? "id" : idField(getter.op, getter.param, ir);
    if (match !== null && (op.method === "get" || op.method === "delete") && getter !== undefined) roles.set(op, { action: op.method, collection: match[1] ?? "", idField: id });
    else if (match === null && op.method === "post" && getter !== undefined && !facts.paging.has(operationKey(op.method, op.path))) {
      const itemType = successResponses(getter.op).find((r) => r.type !== undefined)?.type;
      roles.set(op, { action: "create", collection: op.path, idField: id, ...(itemType === undefined ? {} : { itemType: payloadType(itemType, facts.payloadPaths, ir) }) });
    }
  }
  for (const op of ir.operations) {
    // An unpaged list of a collection the store keeps (`GET P` beside `GET P/{id}`) lists it whole.
    if (op.method === "get" && getters.has(op.path) && !roles.has(op) && isList(successResponses(op).find((r) => r.type !== undefined)?.type, ir)) {
      roles.set(op, { action: "list", collection: op.path, idField: idField((getters.get(op.path) as { op: IROperation }).op, (getters.get(op.path) as { param: string }).param, ir) });
    }
    if (!facts.paging.has(operationKey(op.method, op.path)) || roles.has(op)) continue;
    // A list is of its own path when items are created or read there, else of its parent (`/things/search`).
    const parent = op.path.replace(/\/[^/]*\/?$/, "");
    const kept = (path: string) => getters.has(path) || ir.operations.some((o) => o.method === "post" && o.path === path && o !== op);
    const collection = !kept(op.path) && parent !== "" && kept(parent) ? parent : op.path;
    const getter = getters.get(collection);
    roles.set(op, { action: "list", collection, idField: getter === undefined ? "id" : idField(getter.op, getter.param, ir) });
  }
  return roles;
}

/** Names the README's example needs from the rest of the plan. */
export interface TestingNames {
  readonly clientName: string;
  readonly packageName: string;
  readonly providerError: string;
  readonly options: readonly OptionView[];
}

/**
 * The README's example test (node:test, so it runs without a test framework): a 429 the client
 * retries, then an error of the provider's class, on the first GET (else any call) that needs no arguments.
 */
function readmeExample(names: TestingNames, resources: readonly ResourceView[], facts: Facts): string {
  const calls = resources.flatMap((r) => r.methods.map((m) => ({ r, m })));
  // A GET first: the retry of a 429 must not depend on whether the provider lets a POST be repeated.
  const bare = calls.filter(({ m }) => m.sampleArguments.text === "");
  const chosen = bare.find(({ m }) => m.httpLine.startsWith("`GET ")) ?? bare[0] ?? calls[0];
  const inference = facts.environmentInference;
  const options = names.options
    .filter((o) => o.required)
    .map((o) => {
      const prefix = inference?.option === o.name ? Object.keys(inference.prefixes)[0] : undefined;
      // A client without a default host takes one: any absolute URL does for `mock.fetch`.
      if (o.name === "baseUrl") return `baseUrl: "https://api.example.com", `;
      return `${propertyKey(o.name)}: ${stringLiteral(`${prefix ?? ""}test`)}, `;
    })
    .join("");
  const lines = [
    `import { test } from "node:test";`,
    `import assert from "node:assert/strict";`,
    `import { createMock } from ${stringLiteral(`${names.packageName}/testing`)};`,
    "",
  ];
  if (chosen === undefined) return lines.join("\n");
  const { r, m } = chosen;
  const alias = [r.namespace, r.property, m.name].filter((p) => p !== undefined).join(".");
  const call = `client.${alias}(${m.sampleArguments.text})`;
  return [
    ...lines,
    `test("retries a rate-limited call and surfaces the provider's errors", async () => {`,
    `  const mock = createMock();`,
    `  const client = new ${names.clientName}({ ${options}fetch: mock.fetch });`,
    `  mock.rateLimit({ times: 1 });`,
    `  await ${call}; // a 429, then the retry`,
    `  assert.equal(mock.requests.length, 2);`,
    `  mock.fail(${stringLiteral(alias)}, { status: 401 });`,
    `  await assert.rejects(async () => ${call}, ${names.providerError});`,
    `});`,
  ].join("\n");
}

export function planTesting(ir: IRDocument, facts: Facts, resources: readonly ResourceView[], ctx: TypeContext, names: TestingNames): TestingView {
  const usedModels = new Set<string>();
  const typing: TypeContext = {
    openEnums: facts.packageFact?.openEnums === true,
    schemaName: (name) => {
      const resolved = ctx.schemaName(name);
      if (resolved === "unknown") return resolved;
      usedModels.add(resolved);
      return `Models.${resolved}`;
    },
  };
  const plugins = facts.plugins.filter((p) => MOCKED_PLUGINS.has(p.exportName)).map((p) => ({ use: p.exportName, config: p.config }));
  const hasAuth = plugins.some((p) => p.use === "headerAuth" || p.use === "basicAuth");
  const envelope = facts.plugins.find((p) => p.exportName === "envelope")?.config;
  const under2xx = (typeof envelope === "object" && envelope !== null && !Array.isArray(envelope) && ("success" in envelope || "failure" in envelope));
  const credentials = plugins.flatMap((p) => {
    const config = p.config as Record<string, JsonValue>;
    if (p.use === "headerAuth") return [String(config["option"])];
    if (p.use === "basicAuth") return [String(config["usernameOption"]), String(config["passwordOption"])];
    return [];
  });

  const aliases = new Map<string, string[]>();
  for (const resource of resources) {
    for (const method of resource.methods) {
      const alias = [resource.namespace, resource.property, method.name].filter((p) => p !== undefined).join(".");
      const list = aliases.get(method.operationId) ?? [];
      if (!list.includes(alias)) list.push(alias);
      aliases.set(method.operationId, list);
    }
  }
  const roles = storeRoles(ir, facts);
  const refs = new Set<string>();
  const operations: JsonValue[] = [];
  const typed: { key: string; payload: string; status: string; item: string }[] = [];
  const scope = new Set<string>();
  for (const op of ir.operations) {
    const id = op.operationId ?? `${op.method}_${op.path}`;
    const supplied = (name: string) => facts.suppliedHeaders.has(name.toLowerCase()) || [...facts.credentialParams].some((c) => c.toLowerCase() === name.toLowerCase());
    const params = (where: "query" | "header") => op.parameters.filter((p) => p.in === where && !supplied(p.name)).map((p) => ({ name: p.name, required: p.required && !/^(x-)?idempotency[-_]?key$/i.test(p.name) && !facts.idempotencyHeaders.has(p.name.toLowerCase()) }));
    const success = successResponses(op);
    const first = success.find((r) => r.type !== undefined) ?? success[0];
    const example = first?.example === undefined ? undefined : jsonOnly(first.example);
    const paging = facts.paging.get(operationKey(op.method, op.path));
    const role = roles.get(op);
    const scopes = facts.scopes.get(operationKey(op.method, op.path));
    operations.push({
      id,
      aliases: aliases.get(id) ?? [],
      method: op.method.toUpperCase(),
      path: op.path,
      query: params("query"),
      headers: params("header"),
      ...(op.body === undefined ? {} : { body: { kind: bodyKind(op.body.mediaType), required: op.body.required, type: compact(op.body.type, refs) } }),
      success: {
        status: statusNumber(first?.status ?? "") ?? 200,
        kind: responseKind(op),
        ...(example === undefined ? {} : { example }),
        ...(first?.type === undefined ? {} : { type: compact(first.type, refs) }),
      },
      statuses: op.responses.map((r) => r.status),
      ...(scopes === undefined ? {} : { scopes }),
      ...(paging === undefined ? {} : { paging }),
      ...(role === undefined ? {} : { store: { action: role.action, collection: role.collection, idField: role.idField, ...(role.itemType === undefined ? {} : { itemType: compact(role.itemType, refs) }) } }),
    });

    const output: TypeContext = typing;
    const typedSuccess = success.filter((r) => r.type !== undefined);
    const empty = typedSuccess.length < success.length ? ["undefined"] : [];
    const payload = typedSuccess.length === 0 ? "undefined" : tsUnion([...typedSuccess.map((r) => tsType(payloadType(r.type as IRType, facts.payloadPaths, ir), output)), ...empty]);
    const itemType = paging === undefined ? undefined : pagedItems(typedSuccess[0]?.type, facts.pagedLists.get(operationKey(op.method, op.path))?.items, ir);
    const statuses = new Set<string>();
    for (const r of op.responses) {
      const n = statusNumber(r.status);
      if (n !== undefined && n >= 300) statuses.add(String(n));
      else if (n !== undefined && under2xx) statuses.add(String(n));
      else if (/^[45]XX$/i.test(r.status)) for (const s of RANGES[r.status[0] ?? ""] ?? []) statuses.add(String(s));
      else if (r.status === "default") statuses.add("number");
    }
    if (hasAuth) statuses.add("401");
    statuses.add("429");
    const status = statuses.has("number") ? "number" : tsUnion([...statuses].sort());
    for (const key of [id, ...(aliases.get(id) ?? [])]) {
      if (scope.has(key)) continue;
      scope.add(key);
      typed.push({ key, payload, status, item: itemType === undefined ? payload : tsType(itemType, output) });
    }
  }
  // Every schema a request or response names, and the schemas those name.
  const schemas: Record<string, JsonValue> = {};
  const pending = [...refs];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (Object.prototype.hasOwnProperty.call(schemas, name)) continue;
    const schema = ir.schemas.find((s) => s.name === name);
    if (schema === undefined) continue;
    const inner = new Set<string>();
    Object.defineProperty(schemas, name, { value: compact(schema.type, inner), enumerable: true, writable: true, configurable: true });
    pending.push(...inner);
  }
  const codes = facts.errorCodes.map((c) => ({ code: c.code, name: c.name, ...(c.statusClass === undefined || CLASS_STATUS[c.statusClass] === undefined ? {} : { status: CLASS_STATUS[c.statusClass] as number }) }));
  // The paths of the hosts the client calls (`https://api.example.com/v2` → `/v2`), which the mock
  // strips before it routes: the client's own base URL is then answered as a loopback one is.
  const hosts = facts.environments === undefined ? ir.servers : Object.values(facts.environments.urls);
  const basePaths = [...new Set(hosts.filter((url) => URL.canParse(url)).map((url) => new URL(url).pathname.replace(/\/+$/, "")).filter((path) => path !== ""))].sort();
  const data = { operations, schemas, basePaths, dialect: { plugins, codes, wholeBody: facts.payloadPaths !== undefined, ...(facts.errorBase?.mediaType === undefined ? {} : { errorMediaType: facts.errorBase.mediaType }) } };
  return {
    data: code(jsonLiteral(data)),
    operations: typed.map((t) => ({ key: t.key, payload: code(t.payload), status: code(t.status), item: code(t.item) })),
    usesModels: usedModels.size > 0,
    credentials: code(credentials.length === 0 ? "never" : tsUnion(credentials.map((c) => jsonLiteral(c)))),
    readmeExample: code(readmeExample(names, resources, facts)),
  };
}
