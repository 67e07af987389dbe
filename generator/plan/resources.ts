/**
 * Planning resources: operations grouped into resource classes (inside namespaces for route
 * versions), each method's signature, its params type, its operation descriptor and its README sample.
 */
import type { Facts } from "../conventions/convention.js";
import { operationKey } from "../conventions/convention.js";
import { listItemType, typesAtPath } from "../conventions/dialect/field-path.js";
import type { IRDocument, IROperation, IRParameter, IRType } from "../ir.js";
import { type Code, code } from "../render/code.js";
import { jsonLiteral, propertyKey } from "../render/escape.js";
import { NameScope, camelCase, typeName, valueName } from "./names.js";
import { groupByNamespace } from "./namespaces.js";
import { planParams } from "./params.js";
import { sampleValue } from "./sample-value.js";
import { type TypeContext, tsType, tsUnion } from "./type-expr.js";
import type { MethodView, NamespaceView, ParamsTypeView, ResourceView } from "./view-model.js";

/** Header parameters that carry an idempotency key: `Idempotency-Key`, `X-Idempotency-Key`, `idempotencyKey`, … */
const IDEMPOTENCY_HEADER = /^(x-)?idempotency[-_]?key$/i;

export function successResponses(op: IROperation): IROperation["responses"][number][] {
  return op.responses
    .filter((r) => /^2(\d\d|XX)$/i.test(r.status))
    .sort((a, b) => a.status.localeCompare(b.status));
}

export function responseKind(op: IROperation): "json" | "text" | "none" {
  const typed = successResponses(op).filter((r) => r.mediaType !== undefined);
  if (typed.length === 0) return "none";
  if (typed.some((r) => /json/i.test(r.mediaType ?? ""))) return "json";
  if (typed.every((r) => /^text\//i.test(r.mediaType ?? ""))) return "text";
  return "json";
}

/** What a raw-bytes request body (`format: binary`) accepts. */
const RAW_BODY_TYPE = "Blob | ReadableStream<Uint8Array> | ArrayBuffer | Uint8Array";

export function bodyKind(mediaType: string): "json" | "form" | "raw" {
  if (/json/i.test(mediaType)) return "json";
  if (/^application\/x-www-form-urlencoded/i.test(mediaType)) return "form";
  return "raw";
}

/** Resource classes and the namespaces holding some of them; `used` collects the models a resource names. */
export function planResources(ir: IRDocument, facts: Facts, exported: NameScope, ctx: TypeContext, used: Set<string>): { resources: ResourceView[]; namespaces: NamespaceView[] } {
  // `core` is the client's engine, which the per-operation functions also accept.
  const propertyScope = new NameScope(["constructor", "core"]);
  const fileScope = new NameScope(["index"]);
  // Namespaces (route versions) are client properties too; each holds its own resource names.
  const namespaceScopes = new Map(
    facts.namespaces.filter((n) => n.operations.length > 0).map((n) => [n, { property: propertyScope.claim(n.property), scope: new NameScope(["constructor"]) }]),
  );
  const resources: ResourceView[] = groupByNamespace(ir.operations, facts.namespaces, (op) => (op.operationId === undefined ? undefined : facts.operationOverrides.get(op.operationId))).map(({ namespace, group }) => {
    const home = namespace === undefined ? undefined : namespaceScopes.get(namespace);
    // A version's resources carry its name: `V1Customers`, `v1Customers.ts`, `V1CustomersListParams`.
    const qualified = home === undefined ? group.label : `${home.property} ${group.label}`;
    const className = exported.claim(resourceClassName(typeName(qualified, "Resource"), exported));
    const property = (home?.scope ?? propertyScope).claim(valueName(group.label, "resource"));
    const file = fileScope.claim(camelCase(qualified) || "resource");
    used.clear();
    const paramsTypes: ParamsTypeView[] = [];
    const descriptorScope = new NameScope();
    // A paged form added beside an operation's own method takes a name no method of the resource has.
    const methodScope = new NameScope(group.operations.map((o) => o.methodName));
    const methods: MethodView[] = group.operations.flatMap(({ operation: op, methodName }) => {
      const locals = new NameScope(["params", "body", "options"]);
      const idempotent = (p: IRParameter) => p.in === "header" && (IDEMPOTENCY_HEADER.test(p.name) || facts.idempotencyHeaders.has(p.name.toLowerCase()));
      // Header names compare without case; query names exactly.
      const replaced = (p: IRParameter) => [...facts.credentialParams].some((name) => (p.in === "header" ? name.toLowerCase() === p.name.toLowerCase() : name === p.name));
      const supplied = (p: IRParameter) => (p.in === "header" && facts.suppliedHeaders.has(p.name.toLowerCase())) || ((p.in === "header" || p.in === "query") && replaced(p));
      const pathParams = pathOrder(op).map((p) => ({ param: p, local: locals.claim(valueName(p.name, "param")) }));
      const declared = op.parameters.filter((p) => (p.in === "query" || p.in === "header") && !supplied(p));
      // The runtime makes an idempotency key when the caller passes none, so it is never required.
      const keyed = declared.map((p) =>
        idempotent(p)
          ? { ...p, required: false, description: `${p.description ?? ""}\n\nOptional: when omitted, the client generates one key for the call and sends it on every attempt.`.trim() }
          : p,
      );
      const opId = op.operationId ?? `${op.method}_${op.path}`;

      const args: Arg[] = pathParams.map(({ param, local }) => ({ name: local, type: paramType(param.type, ctx), optional: false }));
      const path = pathParams.length > 0 ? `{ ${pathParams.map(({ param, local }) => `${propertyKey(local)}: ${local}`).join(", ")} }` : undefined;
      const schemaType = (name: string) => ir.schemas.find((sc) => sc.name === name)?.type;
      // Raw bytes may be streamed: fetch sends any of these, a stream without buffering it.
      const bytes = op.body !== undefined && bodyKind(op.body.mediaType) === "raw" && op.body.type.kind === "primitive" && op.body.type.type === "binary";
      const params =
        op.body === undefined && keyed.length === 0
          ? undefined
          : planParams({
              name: exported.claim(`${className}${typeName(methodName, "Call")}Params`),
              body: op.body,
              bodyTypeText: bytes ? RAW_BODY_TYPE : undefined,
              parameters: keyed,
              parameterType: (p) => paramType(p.type, ctx),
              schemaType,
              ctx,
            });
      if (params !== undefined) {
        paramsTypes.push(params.type);
        args.push({ name: "params", type: params.type.name, optional: params.optional });
      }
      args.push({ name: "options", type: "RequestOptions", optional: true });
      // Path parameters travel as they are; `params` is split by the runtime, from the descriptor.
      const input = (descriptorName: string): Code =>
        code(params === undefined ? `{ ${path === undefined ? "" : `path: ${path}`} }` : `splitParams(${descriptorName}, params${path === undefined ? "" : `, ${path}`})`);

      const samples = pathParams.map(({ param }) => sampleValue(param.type, schemaType, param.name));
      if (params?.sample !== undefined) samples.push(params.sample);

      const success = successResponses(op).filter((r) => r.type !== undefined);
      // A 2xx declared without content (e.g. a 204 beside a 200) resolves to undefined at runtime.
      const empty = success.length < successResponses(op).length ? ["undefined"] : [];
      const output: TypeContext = { ...ctx, openEnums: facts.packageFact?.openEnums === true };
      const result = success.length === 0 ? "void" : tsUnion([...success.map((r) => tsType(payloadType(r.type as IRType, facts.payloadPaths, ir), output)), ...empty]);
      const paging = facts.paging.get(operationKey(op.method, op.path));
      const pagedList = facts.pagedLists.get(operationKey(op.method, op.path));
      const items = paging === undefined ? undefined : pagedItems(success[0]?.type, pagedList?.items, ir);
      const descriptor: Record<string, unknown> = { id: opId, method: op.method.toUpperCase(), path: op.path };
      if (pathParams.length > 0) descriptor["pathParams"] = pathParams.map(({ param, local }) => ({ key: local, name: param.name }));
      const specs = (where: "query" | "header") =>
        keyed
          .filter((p) => p.in === where)
          .map((p) => ({
            key: p.name,
            name: p.name,
            ...(p.style !== undefined ? { style: p.style } : {}),
            ...(p.explode !== undefined ? { explode: p.explode } : {}),
          }));
      if (specs("query").length > 0) descriptor["query"] = specs("query");
      if (specs("header").length > 0) descriptor["headers"] = specs("header");
      if (op.body !== undefined) descriptor["body"] = bodyKind(op.body.mediaType);
      if (params?.bodyKey !== undefined) descriptor["bodyKey"] = params.bodyKey;
      if (params?.optionalBody === true) descriptor["optionalBody"] = true;
      const kind = responseKind(op);
      if (kind !== "json") descriptor["response"] = kind;
      const scopes = facts.scopes.get(operationKey(op.method, op.path));
      if (scopes !== undefined) descriptor["scopes"] = scopes;
      // A declared idempotency-key header lets the runtime retry a POST/PATCH that carries one.
      const idempotency = keyed.find(idempotent);
      if (idempotency !== undefined) descriptor["idempotencyHeader"] = idempotency.name;

      const view = {
        summary: op.summary,
        description: op.description,
        deprecated: op.deprecated,
        operationId: opId,
        httpLine: `\`${op.method.toUpperCase()} ${op.path}\` (operation \`${opId}\`)`,
        parameters: code(signature(args)),
        sampleArguments: code(samples.join(", ")),
        returnsValue: success.length > 0,
      };
      // Named after the operation alone (resource and method), so adding another never renames it.
      const named = (descriptorName: string, name: string) => ({
        descriptorName,
        input: input(descriptorName),
        functionName: exported.claim(valueName(`${qualified} ${name}`, "operation")),
      });
      const single = (): MethodView => ({
        ...view,
        name: methodName,
        ...named(descriptorScope.claim(`${methodName}Operation`), methodName),
        descriptor: code(jsonLiteral(descriptor)),
        returns: code(`APIPromise<${result}>`),
        invoke: "request",
        paged: false,
      });
      if (items === undefined) return [single()];
      // A list whose response wraps its items: each page also carries the whole response, typed.
      const wrapped = pagedList?.items !== undefined;
      const itemType = tsType(items, output);
      const beside = pagedList?.method === undefined ? [] : [single()];
      const pagedName = pagedList?.method === undefined ? methodName : methodScope.claim(pagedList.method);
      const paged: MethodView = {
        ...view,
        name: pagedName,
        ...named(descriptorScope.claim(`${pagedName}Operation`), pagedName),
        descriptor: code(jsonLiteral({ ...descriptor, paging })),
        returns: code(wrapped ? `ListPagePromise<${itemType}, ${tsType(success[0]?.type as IRType, output)}>` : `PagePromise<${itemType}>`),
        invoke: wrapped ? "paginateList" : "paginate",
        paged: true,
      };
      return [...beside, paged];
    });
    return {
      file,
      usesPaging: methods.some((m) => m.invoke === "paginate"),
      usesParams: paramsTypes.length > 0,
      usesListPaging: methods.some((m) => m.invoke === "paginateList"),
      pages: methods.some((m) => m.paged),
      className,
      property,
      namespace: home?.property,
      description: ir.tags.get(group.label),
      modelImports: [...used].sort(),
      // The class's signatures name params types, path parameter types and results; only the latter two can be models.
      classModelImports: [...used].sort().filter((name) => methods.some((m) => new RegExp(`\\b${name}\\b`).test(`${m.parameters.text} ${m.returns.text}`))),
      paramsTypes,
      methods,
    };
  });

  const namespaces: NamespaceView[] = [...namespaceScopes.entries()]
    .map(([fact, { property }]) => ({ property, description: fact.description, resources: resources.filter((r) => r.namespace === property) }))
    .filter((n) => n.resources.length > 0);

  return { resources, namespaces };
}

/** A resource class whose name a model (or another export) has taken is `<Name>Resource`, never `<Name>2`. */
function resourceClassName(preferred: string, exported: NameScope): string {
  return exported.has(preferred) ? `${preferred}Resource` : preferred;
}

interface Arg {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
}

/** An optional argument before a required one must still be passed, as `undefined` if need be. */
function signature(args: readonly Arg[]): string {
  const lastRequired = args.map((a) => a.optional).lastIndexOf(false);
  return args
    .map((a, i) => (!a.optional ? `${a.name}: ${a.type}` : i < lastRequired ? `${a.name}: ${a.type} | undefined` : `${a.name}?: ${a.type}`))
    .join(", ");
}

/**
 * What a method resolves to from a 2xx schema: the schema itself, or, when it describes the whole
 * envelope, what it holds at the payload paths (any of them: the first present wins at run time).
 */
export function payloadType(type: IRType, paths: readonly (readonly string[])[] | undefined, ir: IRDocument): IRType {
  if (paths === undefined) return type;
  // A path into a free-form part of the schema is taken on trust: its type is unknown.
  const found = paths.flatMap((path) => typesAtPath(type, path, ir) ?? [UNKNOWN]);
  const distinct = found.filter((t, i) => found.findIndex((u) => JSON.stringify(u) === JSON.stringify(t)) === i);
  return distinct.length === 1 ? (distinct[0] as IRType) : distinct.length === 0 ? UNKNOWN : { kind: "union", members: distinct };
}

const UNKNOWN: IRType = { kind: "primitive", type: "unknown" };

/** The item type of a paged list: the list at `path` in the response, or the response itself. */
export function pagedItems(type: IRType | undefined, path: readonly string[] | undefined, ir: IRDocument): IRType | undefined {
  if (type === undefined) return undefined;
  return listItemType(path === undefined ? [type] : (typesAtPath(type, path, ir) ?? []), ir);
}

/** Path parameters in the order they appear in the path template. */
function pathOrder(op: IROperation): IRParameter[] {
  const placeholders = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  return placeholders
    .map((name) => op.parameters.find((p) => p.in === "path" && p.name === name))
    .filter((p): p is IRParameter => p !== undefined);
}

/** Parameter types: `null` has no meaning in a URL or header, so it is dropped. */
function paramType(type: IRType, ctx: TypeContext): string {
  // A date-time may be given as a Date; it is sent as its UTC ISO 8601 text.
  if (type.kind === "primitive" && type.format === "date-time") return "string | Date";
  if (type.kind === "union") {
    const members = type.members.filter((m) => !(m.kind === "primitive" && m.type === "null"));
    return members.length === 0 ? "string" : tsUnion(members.flatMap((m) => (m.kind === "primitive" && m.format === "date-time" ? ["string", "Date"] : [tsType(m, ctx)])));
  }
  return tsType(type, ctx);
}
