/**
 * `x-conventions` mistakes: each is reported as `file:line:col: message` at the spot to fix,
 * and nothing is generated. The spec body is five lines, so `x-conventions:` is line 6.
 */
import { describe, expect, it } from "vitest";
import { CONVENTIONS, applyConventions } from "../../generator/conventions/index.js";
import { loadSpecText } from "../../generator/load/load-spec.js";
import { normalize } from "../../generator/normalize/normalize.js";
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
      given: ["  client: {name: Acme}", "  retries: {max: 3}"],
      want: [`specs/x.yaml:8:3: unknown convention "retries" (known: ${KNOWN})`],
    },
    {
      name: "misspelt convention key",
      given: ["  header:", "    constant: {version: '2024-02-05'}"],
      want: [`specs/x.yaml:7:3: unknown convention "header" (known: ${KNOWN})`],
    },
    {
      name: "unknown field inside auth, at the field",
      given: ["  auth:", "    type: header", "    option: apiKey", "    scheme: Bearer"],
      want: [
        'specs/x.yaml:10:5: auth: unknown key "scheme" (known keys: type, username, password, header, prefix, encoding, option, description, environment-prefixes, scheme-option)',
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

  it("no x-conventions: no facts, no problems", () => {
    const spec = loadSpecText("specs/x.yaml", lines(...BODY));
    const facts = applyConventions(spec, normalize(spec));
    expect(facts.plugins).toEqual([]);
    expect(facts.clientName).toBeUndefined();
  });
});
