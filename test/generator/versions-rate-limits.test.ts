/**
 * The route-versioned dialect's generator side: the `versions`, `rate-limits` and
 * `errors: error-object` conventions and `auth.scheme-option` (mistakes reported at their
 * position, good values turned into facts), and the plan's namespaces: what a caller types after
 * `client.` when routes are versioned, and which names the versions' classes get.
 */
import { describe, expect, it } from "vitest";
import { applyConventions } from "../../generator/conventions/index.js";
import { emptyFacts, operationKey } from "../../generator/conventions/convention.js";
import type { Facts } from "../../generator/conventions/convention.js";
import type { IRDocument, IRMethod, IROperation } from "../../generator/ir.js";
import { loadSpecText } from "../../generator/load/load-spec.js";
import { normalize } from "../../generator/normalize/normalize.js";
import { stripOperationId } from "../../generator/plan/namespaces.js";
import { plan } from "../../generator/plan/plan.js";
import { validateSpec } from "../../generator/validate/validate-spec.js";
import { lines, problemLines } from "../load/problem-lines.js";

const BODY = [
  "openapi: 3.1.0",
  "info: {title: T, version: '1'}",
  "paths:",
  "  /v1/things:",
  "    get: {tags: [Things], responses: {'200': {description: ok}}}",
];

function conventions(...xConventions: string[]): Facts {
  const spec = loadSpecText("specs/x.yaml", lines(...BODY, "x-conventions:", ...xConventions));
  validateSpec(spec);
  return applyConventions(spec, normalize(spec));
}

describe("bad x-conventions are reported at their position", () => {
  const cases: { name: string; given: string[]; want: string[] }[] = [
    {
      name: "versions without prefixes",
      given: ["  versions: {type: path-prefix}"],
      want: ['specs/x.yaml:7:13: versions: "prefixes" must be a non-empty list, e.g. [v1, v2]'],
    },
    {
      name: "versions of another type",
      given: ["  versions: {type: header, prefixes: [v1]}"],
      want: ['specs/x.yaml:7:20: versions: "type" must be one of path-prefix, found "header"'],
    },
    {
      name: "a prefix with a space",
      given: ["  versions:", "    prefixes: [v1, 'v 2']"],
      want: ['specs/x.yaml:8:20: versions: prefix "v 2" must be one or more path segments of letters, digits, ".", "_", "~" and "-"'],
    },
    {
      name: "a prefix that makes no property",
      given: ["  versions:", "    prefixes: ['2024-01-01']"],
      want: ['specs/x.yaml:8:16: versions: prefix "2024-01-01" makes no client property; give it one: {prefix: "2024-01-01", namespace: v1}'],
    },
    {
      name: "the same prefix twice (slashes do not count)",
      given: ["  versions:", "    prefixes: [v1, /v1/]"],
      want: ['specs/x.yaml:8:20: versions: prefix "v1" is listed twice', 'specs/x.yaml:8:20: versions: namespace "v1" is used twice'],
    },
    {
      name: "an unknown key in a prefix entry",
      given: ["  versions:", "    prefixes:", "      - {prefix: v1, name: one}"],
      want: ['specs/x.yaml:9:22: versions: unknown key "name" (known keys: prefix, namespace, description)'],
    },
    {
      name: "a namespace that is not camelCase",
      given: ["  versions:", "    prefixes:", "      - {prefix: v1, namespace: V1}"],
      want: ['specs/x.yaml:9:33: versions: option name "V1" must be camelCase letters and digits'],
    },
    {
      name: "rate-limits without any header",
      given: ["  rate-limits: {reset: seconds}"],
      want: ["specs/x.yaml:7:16: rate-limits: name at least one of headers.limit, headers.remaining, headers.reset, or say ietf: true"],
    },
    {
      name: "rate-limits ietf that is not a boolean",
      given: ["  rate-limits: {ietf: 'draft-09'}"],
      want: ['specs/x.yaml:7:23: rate-limits: "ietf" must be true or false, found the string "draft-09"'],
    },
    {
      name: "rate-limits with an unknown header kind",
      given: ["  rate-limits:", "    headers: {used: X-RateLimit-Used}"],
      want: ['specs/x.yaml:8:15: rate-limits: unknown key "used" (known keys: limit, remaining, reset)'],
    },
    {
      name: "rate-limits with a bad header name",
      given: ["  rate-limits:", "    headers: {remaining: 'X RateLimit'}"],
      want: ['specs/x.yaml:8:26: rate-limits: "X RateLimit" is not a valid HTTP header name'],
    },
    {
      name: "rate-limits with an unknown reset unit",
      given: ["  rate-limits:", "    headers: {reset: X-RateLimit-Reset}", "    reset: minutes"],
      want: ['specs/x.yaml:9:12: rate-limits: "reset" must be one of seconds, milliseconds, epoch-seconds, epoch-milliseconds, found "minutes"'],
    },
    {
      name: "rate-limits pacing that is not a boolean",
      given: ["  rate-limits:", "    headers: {remaining: X-RateLimit-Remaining}", "    pacing: 'yes'"],
      want: ['specs/x.yaml:9:13: rate-limits: "pacing" must be true or false, found the string "yes"'],
    },
    {
      name: "rate-limits limited-statuses naming 429 or a status that is no error",
      given: ["  rate-limits:", "    headers: {remaining: X-RateLimit-Remaining}", "    limited-statuses: [403, 429, 200]"],
      want: [
        "specs/x.yaml:9:29: rate-limits: a limited status must be a 4xx or 5xx status other than 429, found 429",
        "specs/x.yaml:9:34: rate-limits: a limited status must be a 4xx or 5xx status other than 429, found 200",
      ],
    },
    {
      name: "rate-limits limited-statuses that is not a list",
      given: ["  rate-limits:", "    headers: {remaining: X-RateLimit-Remaining}", "    limited-statuses: 403"],
      want: ['specs/x.yaml:9:23: rate-limits: "limited-statuses" must be a list of HTTP statuses, e.g. [403]'],
    },
    {
      name: "auth scheme-option with a prefix that is no scheme word",
      given: ["  auth: {type: header, prefix: 'Key:', option: apiKey, scheme-option: authScheme}"],
      want: ['specs/x.yaml:7:32: auth: scheme-option needs prefix to be a scheme word and one space, e.g. "Bearer "'],
    },
    {
      name: "auth scheme-option on type basic",
      given: ["  auth: {type: basic, username: {option: u}, password: {option: p}, scheme-option: authScheme}"],
      want: ['specs/x.yaml:7:69: auth: "scheme-option" belongs to type: header, not type: basic'],
    },
    {
      name: "errors error-object with an unknown key",
      given: ["  errors: {type: error-object, code-key: code}"],
      want: ['specs/x.yaml:7:32: errors: unknown key "code-key" (known keys: type, class, error-field, code-field, message-field, details-field, codes)'],
    },
  ];
  it.each(cases)("$name", ({ given, want }) => expect(problemLines(() => conventions(...given))).toEqual(want));
});

describe("good x-conventions become facts", () => {
  it("versions: one namespace per prefix, holding the operations under it", () => {
    const facts = conventions("  versions:", "    prefixes: [v1, /v2]");
    expect(facts.namespaces).toEqual([
      { property: "v1", prefix: "v1", description: "Version `v1` of the API: the `/v1/…` routes.", operations: ["GET /v1/things"] },
      { property: "v2", prefix: "v2", description: "Version `v2` of the API: the `/v2/…` routes.", operations: [] },
    ]);
    expect(facts.notes.map((n) => n.title)).toEqual(["Route versions"]);
  });

  it("rate-limits: ietf: true alone reads the IETF fields, and the README says which", () => {
    const facts = conventions("  rate-limits: {ietf: true}");
    expect(facts.plugins).toEqual([
      { module: "rate-limits", exportName: "rateLimits", config: { reset: "seconds", ietf: true, pacing: true, pacingOption: "rateLimitPacing" }, takesOptions: true },
    ]);
    expect(facts.notes.find((n) => n.title === "Rate limits")?.text).toContain("the IETF `RateLimit` and `RateLimit-Policy` fields");
  });

  it("rate-limits: limited-statuses reach the plug-in, and the README says what such a response becomes", () => {
    const facts = conventions("  rate-limits:", "    headers: {remaining: X-RateLimit-Remaining, reset: X-RateLimit-Reset}", "    limited-statuses: [403]");
    expect(facts.plugins[0]?.config).toMatchObject({ limitedStatuses: [403] });
    expect(facts.notes.find((n) => n.title === "Rate limits")?.text).toContain(
      "A 403 that carries `Retry-After` or says no calls remain is a rate limit too: thrown as `RateLimitError` (its `status` stays 403)",
    );
  });

  it("rate-limits: the plug-in with the header names, the pacing option and RateLimitError.rateLimit", () => {
    const facts = conventions("  rate-limits:", "    headers: {remaining: X-Left}", "    reset: epoch-seconds", "    pacing: false", "    pacing-option: waitForReset");
    expect(facts.plugins).toEqual([
      { module: "rate-limits", exportName: "rateLimits", config: { remainingHeader: "X-Left", reset: "epoch-seconds", pacing: false, pacingOption: "waitForReset" }, takesOptions: true },
    ]);
    expect(facts.options).toEqual([expect.objectContaining({ name: "waitForReset", required: false, type: { kind: "primitive", type: "boolean" } })]);
    expect(facts.errorGetters).toEqual([expect.objectContaining({ status: 429, name: "rateLimit", reader: "rateLimitOf", type: "RateLimitState", module: "rate-limits" })]);
  });

  it("errors error-object: the provider's class extends ErrorObjectError; the keys become the error reader's paths", () => {
    const facts = conventions("  errors: {type: error-object, class: AcmeError, error-field: fault}");
    expect(facts.errorBase).toEqual({ module: "error-object", exportName: "ErrorObjectError" });
    expect(facts.errorClassName).toBe("AcmeError");
    expect(facts.plugins[0]?.config).toEqual({ code: ["fault", "code"], message: ["fault", "message"], details: ["fault", "details"] });
    expect(facts.errorFields).toEqual([]);
    expect([...facts.modules].sort()).toEqual(["error-fields", "error-object"]);
  });

  it("auth scheme-option: an optional string option and the plug-in told its name", () => {
    const facts = conventions("  auth: {type: header, prefix: 'Bearer ', option: apiToken, scheme-option: authScheme}");
    expect(facts.options.map((o) => `${o.name}${o.required ? "" : "?"}`)).toEqual(["apiToken", "authScheme?"]);
    expect(facts.plugins[0]?.config).toEqual({ option: "apiToken", header: "Authorization", prefix: "Bearer ", encoding: "none", schemeOption: "authScheme" });
  });
});

// ---------------------------------------------------------------------------------------------

describe("stripOperationId: the version's words leave the operationId", () => {
  it.each([
    { given: "V1Customers_List", want: "Customers_List" },
    { given: "v1_customers_list", want: "customers_list" },
    { given: "v1.customers.list", want: "customers.list" },
    { given: "CustomersV1_Get", want: "Customers_Get" },
    { given: "Customers_ListV1", want: "Customers_List" },
    { given: "listCustomersV1", want: "ListCustomers" },
    { given: "GetV1Customers", want: "GetCustomers" },
    { given: "Customers_List", want: "Customers_List" },
    { given: "V2Customers_List", want: "V2Customers_List" },
    { given: "V1_List", want: "List" },
  ])("$given → $want (version v1)", ({ given, want }) => {
    expect(stripOperationId(given, ["v1"])).toBe(want);
  });
});

interface Given {
  readonly method: IRMethod;
  readonly path: string;
  readonly operationId?: string;
  readonly tags?: readonly string[];
}

function operation({ method, path, operationId, tags = [] }: Given): IROperation {
  return { operationId, method, path, tags, summary: undefined, description: undefined, deprecated: false, parameters: [], body: undefined, responses: [], pointer: ["paths", path, method] };
}

/** Plans `given` with namespaces for `prefixes` (namespace = prefix) and lists `client.…` per operation plus the class names. */
function planned(given: readonly Given[], prefixes: readonly string[]) {
  const ops = given.map(operation);
  const ir: IRDocument = { file: "spec.yaml", title: "T", version: "1", description: undefined, servers: ["https://api.example.com"], tags: new Map(), schemas: [], operations: ops };
  const facts = emptyFacts();
  for (const prefix of prefixes) {
    const operations = ops.filter((op) => op.path === `/${prefix}` || op.path.startsWith(`/${prefix}/`)).map((op) => operationKey(op.method, op.path));
    facts.namespaces.push({ property: prefix.split("/").pop() ?? prefix, prefix, description: "", operations });
  }
  const view = plan({ ir, facts, specName: "spec.yaml", stem: "spec" });
  const calls = view.resources.flatMap((r) => r.methods.map((m) => `${r.namespace === undefined ? "" : `${r.namespace}.`}${r.property}.${m.name}`));
  return { view, calls: calls.sort(), classes: view.resources.map((r) => `${r.className} (${r.file}.ts)`) };
}

describe("namespaces in the plan", () => {
  it("the route-versioned customers: the same resource and methods in each version, classes named per version", () => {
    const ops: Given[] = ["v1", "v2"].flatMap((v) => [
      { method: "get", path: `/${v}/customers`, operationId: `${v.toUpperCase()}Customers_List`, tags: ["Customers"] },
      { method: "post", path: `/${v}/customers`, operationId: `${v.toUpperCase()}Customers_Create`, tags: ["Customers"] },
      { method: "get", path: `/${v}/customers/{id}`, operationId: `${v.toUpperCase()}Customers_Get`, tags: ["Customers"] },
      { method: "put", path: `/${v}/customers/{id}`, operationId: `${v.toUpperCase()}Customers_Update`, tags: ["Customers"] },
      { method: "delete", path: `/${v}/customers/{id}`, operationId: `${v.toUpperCase()}Customers_Delete`, tags: ["Customers"] },
    ]);
    const { view, calls, classes } = planned(ops, ["v1", "v2"]);
    expect(calls).toEqual([
      "v1.customers.create",
      "v1.customers.delete",
      "v1.customers.get",
      "v1.customers.list",
      "v1.customers.update",
      "v2.customers.create",
      "v2.customers.delete",
      "v2.customers.get",
      "v2.customers.list",
      "v2.customers.update",
    ]);
    expect(classes).toEqual(["V1Customers (v1Customers.ts)", "V2Customers (v2Customers.ts)"]);
    expect(view.namespaces.map((n) => [n.property, n.resources.map((r) => r.className)])).toEqual([
      ["v1", ["V1Customers"]],
      ["v2", ["V2Customers"]],
    ]);
    // Descriptors keep the real paths.
    expect(view.resources[1]?.methods[0]?.descriptor.text).toContain('"/v2/customers"');
  });

  it("without tags or operationIds: names from the path without its prefix; operations outside every prefix stay on the client", () => {
    const { calls, classes } = planned(
      [
        { method: "get", path: "/v1/orders" },
        { method: "get", path: "/v1/orders/{id}" },
        { method: "post", path: "/v2/orders" },
        { method: "get", path: "/health" },
      ],
      ["v1", "v2"],
    );
    expect(calls).toEqual(["health.get", "v1.orders.get", "v1.orders.list", "v2.orders.create"]);
    expect(classes).toEqual(["Health (health.ts)", "V1Orders (v1Orders.ts)", "V2Orders (v2Orders.ts)"]);
  });

  it("a multi-segment prefix and a resource that would take a namespace's name", () => {
    const { calls, view } = planned(
      [
        { method: "get", path: "/api/v2/things", operationId: "listThingsV2" },
        { method: "get", path: "/v2", operationId: "Root_Get", tags: ["v2"] },
      ],
      ["api/v2"],
    );
    expect(calls).toEqual(["v2.things.list", "v22.get"]);
    expect(view.namespaces.map((n) => n.property)).toEqual(["v2"]);
  });

  it("a namespace without operations is left out", () => {
    const { view } = planned([{ method: "get", path: "/v1/things" }], ["v1", "v3"]);
    expect(view.namespaces.map((n) => n.property)).toEqual(["v1"]);
  });
});
