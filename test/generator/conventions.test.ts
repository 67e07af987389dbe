/**
 * `x-conventions` mistakes: each is reported as `file:line:col: message` at the spot to fix,
 * and nothing is generated. The spec body is five lines, so `x-conventions:` is line 6.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONVENTIONS, applyConventions } from "../../generator/conventions/index.js";
import { loadSpecText } from "../../generator/load/load-spec.js";
import { normalize } from "../../generator/normalize/normalize.js";
import { plan } from "../../generator/plan/plan.js";
import { generatePackage } from "../../generator/pipeline.js";
import { validateSpec } from "../../generator/validate/validate-spec.js";
import { lines, problemLines } from "../load/problem-lines.js";

const BODY = [
  "openapi: 3.1.0",
  "info: {title: T, version: '1'}",
  "paths:",
  "  /things:",
  "    get: {tags: [Things], responses: {'200': {description: ok}}}",
];

/** The registry's keys, as the unknown-key message lists them. */
const KNOWN = CONVENTIONS.map((c) => c.key).join(", ");

function conventions(...xConventions: string[]) {
  const spec = loadSpecText("specs/x.yaml", lines(...BODY, "x-conventions:", ...xConventions));
  validateSpec(spec);
  return applyConventions(spec, normalize(spec));
}

describe("bad x-conventions are reported at their position", () => {
  const cases: { name: string; given: string[]; want: string[] }[] = [
    {
      name: "unknown convention key, at the key",
      given: ["  client: {name: Acme}", "  retry: {max: 3}"],
      want: [`specs/x.yaml:8:3: unknown convention "retry" (known: ${KNOWN})`],
    },
    {
      name: "misspelt convention key",
      given: ["  header:", "    constant: {version: '2024-02-05'}"],
      want: [`specs/x.yaml:7:3: unknown convention "header" (did you mean "headers"? known: ${KNOWN})`],
    },
    {
      name: "misspelt convention key, one letter short",
      given: ["  envelop: {data: data}"],
      want: [`specs/x.yaml:7:3: unknown convention "envelop" (did you mean "envelope"? known: ${KNOWN})`],
    },
    {
      name: "misspelt key inside auth, at the key",
      given: ["  auth:", "    type: header", "    option: apiKey", "    header: X-Api-Key", "    optoin: apiKey"],
      want: [
        'specs/x.yaml:11:5: auth: unknown key "optoin" (did you mean "option"? known keys: type, username, password, header, prefix, encoding, option, description, environment-prefixes, scheme-option, replaces-params)',
      ],
    },
    {
      name: "unknown field inside auth, at the field",
      given: ["  auth:", "    type: header", "    option: apiKey", "    scheme: Bearer"],
      want: [
        'specs/x.yaml:10:5: auth: unknown key "scheme" (known keys: type, username, password, header, prefix, encoding, option, description, environment-prefixes, scheme-option, replaces-params)',
      ],
    },
    {
      name: "a number where headers.constant wants a string says to quote it",
      given: ["  headers:", "    constant:", "      version: 2024"],
      want: [`specs/x.yaml:9:16: headers: "constant.version" must be a string, found the number 2024; quote it: version: "2024"`],
    },
    {
      name: "a number where a string is wanted says to quote it",
      given: ["  client:", "    name: Acme", "    package: 2024"],
      want: ['specs/x.yaml:9:14: client: "package" must be a string, found the number 2024; quote it: package: "2024"'],
    },
    {
      name: "bad environment URL, at the URL",
      given: ["  environments:", "    default: sandbox", "    urls:", "      sandbox: ext.devtest1.example.com", "      production: https://api.example.com"],
      want: ['specs/x.yaml:10:16: environments: "ext.devtest1.example.com" is not an absolute http(s) URL'],
    },
    {
      name: "environment URL with another scheme",
      given: ["  environments:", "    default: sandbox", "    urls: {sandbox: 'ftp://example.com'}"],
      want: ['specs/x.yaml:9:21: environments: "ftp://example.com" is not an absolute http(s) URL'],
    },
    {
      name: "default not among the urls, at the default",
      given: ["  environments:", "    default: staging", "    urls:", "      sandbox: https://sandbox.example.com", "      production: https://api.example.com"],
      want: ['specs/x.yaml:8:14: environments: default "staging" is not one of sandbox, production'],
    },
    {
      name: "environment name that is not lower-case, at the name",
      given: ["  environments:", "    default: Sandbox", "    urls:", "      Sandbox: https://sandbox.example.com"],
      want: ['specs/x.yaml:10:7: environments: name "Sandbox" must be lower-case letters, digits and dashes'],
    },
    {
      name: "environments without urls, at the convention",
      given: ["  environments:", "    default: sandbox"],
      want: ['specs/x.yaml:8:5: environments: "urls" is required'],
    },
    {
      name: "bad client name",
      given: ["  client:", "    name: acme-client"],
      want: ['specs/x.yaml:8:11: client: name "acme-client" must be a PascalCase identifier, e.g. Jodo'],
    },
    {
      name: "bad npm package name",
      given: ["  client:", "    name: Acme", "    package: Acme Client"],
      want: ['specs/x.yaml:9:14: client: package "Acme Client" is not a valid npm package name'],
    },
    {
      name: "auth type basic with a prefix field",
      given: [
        "  auth:",
        "    type: basic",
        "    prefix: 'Basic '",
        "    username: {option: apiKey}",
        "    password: {option: apiSecret}",
      ],
      want: ['specs/x.yaml:9:5: auth: "prefix" belongs to type: header, not type: basic'],
    },
    {
      name: "auth type that does not exist",
      given: ["  auth:", "    type: oauth2"],
      want: ['specs/x.yaml:8:11: auth: "type" must be one of basic, header, found "oauth2"'],
    },
    {
      name: "auth option that is not camelCase",
      given: ["  auth:", "    type: header", "    option: api_key"],
      want: ['specs/x.yaml:9:13: auth: option name "api_key" must be camelCase letters and digits'],
    },
    {
      name: "auth header name with a space",
      given: ["  auth:", "    type: header", "    header: X Api Key", "    option: apiKey"],
      want: ['specs/x.yaml:9:13: auth: "X Api Key" is not a valid HTTP header name'],
    },
    {
      name: "constant header name with a space",
      given: ["  headers:", "    constant: {'X Version': '2024-02-05'}"],
      want: ['specs/x.yaml:8:16: headers: "X Version" is not a valid HTTP header name'],
    },
    {
      name: "from-options header name with a colon",
      given: ["  headers:", "    from-options:", "      - {header: 'Reseller:Id', option: resellerId}"],
      want: ['specs/x.yaml:9:18: headers: "Reseller:Id" is not a valid HTTP header name'],
    },
    {
      name: "errors request-id header with a space",
      given: ["  errors:", "    type: code-message", "    request-id-header: X Request Id"],
      want: ['specs/x.yaml:9:24: errors: "X Request Id" is not a valid HTTP header name'],
    },
    {
      name: "webhook signature header that is not ASCII",
      given: ["  webhooks:", "    signature-header: X-Signatüre", "    algorithm: hmac-sha256", "    encoding: hex"],
      want: ['specs/x.yaml:8:23: webhooks: "X-Signatüre" is not a valid HTTP header name'],
    },
    {
      name: "errors class not ending in Error",
      given: ["  errors:", "    type: code-message", "    class: JodoException"],
      want: ['specs/x.yaml:9:12: errors: class "JodoException" must be a PascalCase identifier ending in Error, e.g. JodoError'],
    },
    {
      name: "errors code-message fields on problem-details",
      given: ["  errors:", "    type: problem-details", "    code-field: code"],
      want: ['specs/x.yaml:9:5: errors: "code-field" belongs to type: code-message'],
    },
    {
      name: "from-options that is not a list",
      given: ["  headers:", "    from-options: {header: reseller-id, option: resellerId}"],
      want: ["specs/x.yaml:8:19: headers: from-options must be a list"],
    },
    {
      name: "required that is not a boolean",
      given: ["  headers:", "    from-options:", "      - {header: reseller-id, option: resellerId, required: 'yes'}"],
      want: ['specs/x.yaml:9:61: headers: "required" must be true or false, found the string "yes"'],
    },
    {
      name: "x-conventions that is not a mapping",
      given: ["  - client"],
      want: ["specs/x.yaml:7:3: x-conventions must be a mapping, got a list"],
    },
    {
      name: "a convention that is not a mapping",
      given: ["  envelope: status-data"],
      want: ['specs/x.yaml:7:13: envelope: expected a mapping, found the string "status-data"'],
    },
    {
      name: "retries: an unknown key, at the key",
      given: ["  retries: {max: 3}"],
      want: ['specs/x.yaml:7:13: retries: unknown key "max" (known keys: statuses, unprocessed, should-retry-header, retry-count-header, total-timeout, idempotency-header)'],
    },
    {
      name: "retries: a status that is no status, at the entry",
      given: ["  retries:", "    statuses: [429, 5xx, 4xx, 999]"],
      want: [
        'specs/x.yaml:8:26: retries: a status must be an HTTP status (100–599) or "5xx", found "4xx"',
        'specs/x.yaml:8:31: retries: a status must be an HTTP status (100–599) or "5xx", found 999',
      ],
    },
    {
      name: "retries: an unprocessed response it does not know, at the entry",
      given: ["  retries:", "    unprocessed: [429, 500]"],
      want: ['specs/x.yaml:8:24: retries: "unprocessed" entries must be one of 429, 503-with-retry-after, found 500'],
    },
    {
      name: "retries: a header name that is no HTTP token, and a deadline that is no duration",
      given: ["  retries:", "    should-retry-header: x should retry", "    total-timeout: 1.5s"],
      want: [
        'specs/x.yaml:8:26: retries: "x should retry" is not a valid HTTP header name',
        'specs/x.yaml:9:20: retries: "total-timeout" must be a whole number of milliseconds between 1 and 2147483647, found "1.5s"',
      ],
    },
    {
      name: "every problem at once, in source order",
      given: ["  client: {name: acme}", "  bogus: 1", "  errors: {type: code-message, class: Oops}"],
      want: [
        'specs/x.yaml:7:18: client: name "acme" must be a PascalCase identifier, e.g. Jodo',
        `specs/x.yaml:8:3: unknown convention "bogus" (known: ${KNOWN})`,
        'specs/x.yaml:9:39: errors: class "Oops" must be a PascalCase identifier ending in Error, e.g. JodoError',
      ],
    },
  ];
  it.each(cases)("$name", ({ given, want }) => expect(problemLines(() => conventions(...given))).toEqual(want));
});

describe("good x-conventions become facts", () => {
  it("a full set, as docs/conventions.md shows it", () => {
    const facts = conventions(
      "  client: {name: Acme, package: '@acme/client'}",
      "  environments:",
      "    default: sandbox",
      "    urls: {sandbox: 'https://sandbox.example.com', production: 'https://api.example.com'}",
      "  auth: {type: header, prefix: 'Bearer ', option: apiKey}",
      "  headers: {constant: {version: '2024-02-05'}}",
      "  envelope: {type: status-data}",
      "  errors: {type: code-message, class: AcmeError}",
    );
    expect(facts.clientName).toBe("Acme");
    expect(facts.packageName).toBe("@acme/client");
    expect(facts.environments).toEqual({ urls: { sandbox: "https://sandbox.example.com", production: "https://api.example.com" }, default: "sandbox" });
    expect(facts.options.map((o) => `${o.name}${o.required ? "" : "?"}`)).toEqual(["environment?", "apiKey"]);
    expect([...facts.suppliedHeaders]).toEqual(["version"]);
    expect(facts.errorClassName).toBe("AcmeError");
    expect(facts.plugins.map((p) => p.exportName)).toEqual(["headerAuth", "constantHeaders", "envelope", "errorFields"]);
  });

  it.each([
    { given: "a header and a query parameter of that name", params: ["{name: token, in: header, required: true, schema: {type: string}}", "{name: token, in: query, schema: {type: string}}"], want: "(options?: RequestOptions)" },
    { given: "another parameter beside it", params: ["{name: Token, in: header, schema: {type: string}}", "{name: user, in: query, required: true, schema: {type: string}}"], want: "(params: ThingsGetParams, options?: RequestOptions)" },
  ])("auth replaces-params: with $given, the method does not ask for the credential's parameter", async ({ params, want }) => {
    const dir = mkdtempSync(join(tmpdir(), "clientsmith-replaces-"));
    const file = join(dir, "x.yaml");
    writeFileSync(
      file,
      lines(
        "openapi: 3.1.0",
        "info: {title: T, version: '1'}",
        "paths:",
        "  /things:",
        "    get:",
        "      tags: [Things]",
        "      operationId: Things_Get",
        `      parameters: [${params.join(", ")}]`,
        "      responses: {'200': {description: ok}}",
        "x-conventions:",
        "  auth: {type: header, prefix: 'Bearer ', option: token, replaces-params: [token]}",
      ),
    );
    const generated = await generatePackage(file);
    const resource = generated.files.find((f) => f.path === "src/resources/things.ts")?.content ?? "";
    const readme = generated.files.find((f) => f.path === "README.md")?.content ?? "";
    expect(resource.replace(/\s+/g, " ")).toContain(`get${want.replace(/\s+/g, " ")}`);
    expect(resource).not.toMatch(/\btoken\??:/i);
    expect(readme).toContain("The client's credential stands in for the `token` parameter the operations declare, so methods do not ask for it.");
    rmSync(dir, { recursive: true, force: true });
  });

  it("retries: the provider's policy becomes the retry-policy plug-in and a README note", () => {
    const facts = conventions(
      "  retries:",
      "    statuses: [408, 409, 429, 5xx]",
      "    unprocessed: [429, 503-with-retry-after]",
      "    should-retry-header: x-should-retry",
      "    retry-count-header: x-stainless-retry-count",
      "    total-timeout: 90000",
    );
    expect(facts.plugins).toEqual([
      {
        module: "retry-policy",
        exportName: "retryPolicy",
        config: {
          statuses: [408, 409, 429, "5xx"],
          unprocessed: ["429", "503-with-retry-after"],
          shouldRetryHeader: "x-should-retry",
          retryCountHeader: "x-stainless-retry-count",
          totalTimeout: 90000,
        },
        takesOptions: false,
      },
    ]);
    expect(facts.notes.map((n) => n.title)).toEqual(["Retries"]);
    expect(facts.notes[0]?.text).toContain("`x-should-retry: true` or `false`");
  });

  describe("retries: idempotency-header names the provider's own idempotency key", () => {
    // Two creates: one takes `PayPal-Request-Id` (required, as PayPal's are not), one a tracing `X-Request-Id`.
    const SPEC = [
      "openapi: 3.1.0",
      "info: {title: T, version: '1'}",
      "paths:",
      "  /orders:",
      "    post:",
      "      tags: [Orders]",
      "      operationId: Orders_Create",
      "      parameters: [{name: PayPal-Request-Id, in: header, required: true, schema: {type: string}}]",
      "      responses: {'201': {description: ok}}",
      "  /notes:",
      "    post:",
      "      tags: [Notes]",
      "      operationId: Notes_Create",
      "      parameters: [{name: X-Request-Id, in: header, schema: {type: string}}]",
      "      responses: {'201': {description: ok}}",
    ];
    const methods = (...xConventions: string[]) => {
      const spec = loadSpecText("specs/x.yaml", lines(...SPEC, ...(xConventions.length > 0 ? ["x-conventions:", ...xConventions] : [])));
      validateSpec(spec);
      const ir = normalize(spec);
      const view = plan({ ir, facts: applyConventions(spec, ir), specName: "x.yaml", stem: "x" });
      return view.resources.flatMap((r) =>
        r.methods.map((m) => ({ method: `${r.property}.${m.name}`, idempotencyHeader: /idempotencyHeader: "([^"]+)"/.exec(m.descriptor.text)?.[1], signature: m.parameters.text })),
      );
    };
    it.each([
      {
        given: "without it",
        conventions: [],
        want: [
          { method: "orders.create", idempotencyHeader: undefined, signature: "params: OrdersCreateParams, options?: RequestOptions" },
          { method: "notes.create", idempotencyHeader: undefined, signature: "params?: NotesCreateParams, options?: RequestOptions" },
        ],
      },
      {
        given: "idempotency-header: PayPal-Request-Id (any case)",
        conventions: ["  retries: {idempotency-header: paypal-request-id}"],
        want: [
          // Retryable as a POST that carries a key, which the client makes when the caller passes none.
          { method: "orders.create", idempotencyHeader: "PayPal-Request-Id", signature: "params?: OrdersCreateParams, options?: RequestOptions" },
          { method: "notes.create", idempotencyHeader: undefined, signature: "params?: NotesCreateParams, options?: RequestOptions" },
        ],
      },
    ])("$given", ({ conventions: given, want }) => expect(methods(...given)).toEqual(want));
  });

  it("no x-conventions: no facts, no problems", () => {
    const spec = loadSpecText("specs/x.yaml", lines(...BODY));
    const facts = applyConventions(spec, normalize(spec));
    expect(facts.plugins).toEqual([]);
    expect(facts.clientName).toBeUndefined();
  });
});
