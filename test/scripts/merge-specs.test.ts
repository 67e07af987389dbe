/**
 * scripts/merge-specs.mjs: two documents of one provider become one; components that clash by
 * name are shared when they mean the same and renamed (with every $ref to them) when they do not.
 */
import { describe, expect, it } from "vitest";
import { mergeSpecs } from "../../scripts/merge-specs.mjs";
import { readDocument, writeDocument } from "../../scripts/subset-spec.mjs";
import { parse } from "yaml";

const FIRST = `
openapi: 3.0.3
info: { title: Orders, version: "2.13" }
servers: [{ url: https://api.example }]
tags: [{ name: orders }]
paths:
  /orders:
    get:
      responses:
        "404": { description: nf, content: { application/json: { schema: { $ref: "#/components/schemas/error_404" } } } }
components:
  securitySchemes:
    Oauth2: { type: oauth2, flows: { clientCredentials: { tokenUrl: /t, scopes: { orders: o } } } }
  schemas:
    money: { type: object, description: Orders money, properties: { value: { type: string } } }
    error_details: { type: object, properties: { location: { $ref: "#/components/schemas/error_location" } } }
    error_location: { type: string }
    error_404: { type: object, properties: { details: { type: array, items: { $ref: "#/components/schemas/error_details" } } } }
    same: { type: integer }
`;
const SECOND = `
openapi: 3.0.3
info: { title: Invoices, version: "2.3" }
servers: [{ url: https://api.example }]
tags: [{ name: invoices }]
paths:
  /invoices:
    get:
      responses:
        "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/money" } } } }
        "404": { description: nf, content: { application/json: { schema: { $ref: "#/components/schemas/error_404" } } } }
components:
  securitySchemes:
    Oauth2: { type: oauth2, flows: { clientCredentials: { tokenUrl: /t, scopes: { invoices: i } } } }
  schemas:
    money: { type: object, description: Invoicing money, properties: { value: { type: string } } }
    error_details: { type: object, properties: { location: { type: string, default: body } } }
    error_404: { type: object, properties: { details: { type: array, items: { $ref: "#/components/schemas/error_details" } } } }
    same: { type: integer }
    invoice: { type: object }
`;

describe("merge-specs", () => {
  const { document, report } = mergeSpecs(readDocument(FIRST), readDocument(SECOND), "invoicing_");
  const merged = parse(writeDocument(document, "yaml")) as {
    info: { title: string };
    tags: { name: string }[];
    paths: Record<string, { get: { responses: Record<string, { content: { "application/json": { schema: { $ref: string } } } }> } }>;
    components: { securitySchemes: { Oauth2: { flows: { clientCredentials: { scopes: object } } } }; schemas: Record<string, { description?: string }> };
  };
  const ref = (path: string, status: string) => merged.paths[path]?.get.responses[status]?.content["application/json"].schema.$ref;

  it.each([
    { given: "a schema that differs only in its text (money)", want: { kept: "Orders money", ref: "#/components/schemas/money" }, got: () => ({ kept: merged.components.schemas["money"]?.description, ref: ref("/invoices", "200") }) },
    { given: "a schema that differs (error_details) and one that refers to it (error_404)", want: { kept: "#/components/schemas/error_404", ref: "#/components/schemas/invoicing_error_404" }, got: () => ({ kept: ref("/orders", "404"), ref: ref("/invoices", "404") }) },
  ])("$given", ({ want, got }) => {
    expect(got()).toEqual(want);
  });

  it("keeps one copy of the same, renames what differs, and adds the second's own", () => {
    expect(Object.keys(merged.components.schemas)).toEqual(["money", "error_details", "error_location", "error_404", "same", "invoicing_error_details", "invoicing_error_404", "invoice"]);
    expect(merged.components.securitySchemes.Oauth2.flows.clientCredentials.scopes).toEqual({ orders: "o", invoices: "i" });
    expect({ title: merged.info.title, tags: merged.tags.map((tag) => tag.name), paths: Object.keys(merged.paths) }).toEqual({ title: "Orders", tags: ["orders", "invoices"], paths: ["/orders", "/invoices"] });
  });

  it("reports each clash and what it did", () => {
    expect(report).toEqual([
      "components/securitySchemes/Oauth2: one scheme, the second document's scopes added",
      "components/schemas/money: same but for its text; the first document's kept",
      "components/schemas/error_details: differs; the second document's is invoicing_error_details",
      "components/schemas/error_404: differs; the second document's is invoicing_error_404",
    ]);
  });

  it.each([
    { given: "a shared path", second: SECOND.replace("/invoices:", "/orders:"), want: /both documents have the path \/orders/ },
    { given: "different servers", second: SECOND.replace("https://api.example", "https://other.example"), want: /servers differ/ },
  ])("refuses $given", ({ second, want }) => {
    expect(() => mergeSpecs(readDocument(FIRST), readDocument(second), "invoicing_")).toThrow(want);
  });
});
