/**
 * The provider drafts (test/fixtures/provider-drafts/*.yaml, issue 9): each loads, validates and
 * generates today with exactly its chosen operations, and says where it came from. A draft that
 * became a spec (specs/slack.yaml, specs/twilio.yaml) is tested with its provider
 * (test/providers/slack.test.ts, twilio.test.ts);
 * DIALECTS.md's pointers into it are still checked here.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { countOperations, generateWithCli } from "../helpers/packages.js";
import type { ProcessResult } from "../helpers/packages.js";

const DRAFTS = new URL("../fixtures/provider-drafts/", import.meta.url);
const SPECS = new URL("../../specs/", import.meta.url);
/** A draft, or the spec it became (DIALECTS.md keeps citing both). */
const read = (name: string): string => readFileSync(new URL(`${name}.yaml`, existsSync(new URL(`${name}.yaml`, DRAFTS)) ? DRAFTS : SPECS), "utf8");

type Document = { paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>> } & Record<string, unknown>;
const operationIds = (document: Document): string[] =>
  Object.values(document.paths).flatMap((item) => Object.values(item).flatMap((op) => (typeof op === "object" && op !== null && typeof op.operationId === "string" ? [op.operationId] : [])));

const DRAFTS_OPERATIONS = {
  paystack: ["transaction_initialize", "transaction_verify", "transaction_list", "transaction_fetch", "customer_create", "customer_list", "customer_fetch", "customer_update", "refund_create", "refund_retry", "bank_list"],
  square: ["ListCatalog", "RetrieveCatalogObject", "ListCustomers", "CreateCustomer", "SearchCustomers", "DeleteCustomer", "RetrieveCustomer", "UpdateCustomer", "ListLocations"],
  paypal: ["orders.create", "orders.get", "orders.patch", "orders.capture", "invoices.create", "invoices.list", "invoices.send", "invoicing.generate-next-invoice-number", "invoices.get", "invoices.delete", "invoices.search-invoices"],
  github: ["rate-limit/get", "repos/get", "issues/list-for-repo", "issues/create", "issues/get", "issues/update", "issues/list-comments", "issues/create-comment", "issues/list-labels-for-repo", "users/get-authenticated", "repos/list-for-authenticated-user"],
} as const;
type Provider = keyof typeof DRAFTS_OPERATIONS;

const out = mkdtempSync(join(tmpdir(), "provider-drafts-"));
const results = new Map<Provider, ProcessResult>();
beforeAll(async () => {
  const providers = Object.keys(DRAFTS_OPERATIONS) as Provider[];
  const generated = await Promise.all(providers.map((name) => generateWithCli(new URL(`${name}.yaml`, DRAFTS).pathname, join(out, name))));
  providers.forEach((name, index) => results.set(name, generated[index] as ProcessResult));
}, 300_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("provider drafts", () => {
  it.each(Object.entries(DRAFTS_OPERATIONS))("%s generates with exactly its chosen operations", (name, want) => {
    const result = results.get(name as Provider);
    expect({ exitCode: result?.exitCode, stderr: result?.stderr }).toEqual({ exitCode: 0, stderr: "" });
    expect(operationIds(parse(read(name)) as Document)).toEqual(want);
    expect(countOperations(join(out, name))).toBe(want.length);
  });

  it.each(Object.keys(DRAFTS_OPERATIONS))("%s says where it came from, under which licence, and what it keeps", (name) => {
    const header = read(name).split("\n").filter((line) => line.startsWith("#")).join("\n");
    expect(header).toMatch(/^# Source: {3}\S/m);
    expect(header).toMatch(/^# Licence: {2}(MIT|Apache-2\.0)/m);
    expect(header).toMatch(/^# Subset: {3}\d+ of [\d,]+ /m);
    expect(header).toMatch(/scripts\/subset-spec\.mjs/);
  });

  it("square: the dangling $ref is repaired with an enum of the three values its users name", () => {
    const draft = parse(read("square")) as { components: { schemas: Record<string, { enum?: unknown[] }> } };
    expect(draft.components.schemas["CatalogModifierToggleOverrideType"]?.enum).toEqual(["YES", "NO", "NOT_SET"]);
    expect(read("square")).toMatch(/# REPAIR \(clientsmith\)/);
  });

  it("every JSON pointer DIALECTS.md cites exists in its draft", () => {
    const notes = readFileSync(new URL("DIALECTS.md", DRAFTS), "utf8");
    const cited = [...notes.matchAll(/`(\w+)\.yaml#(\/[^`]*)`/g)].map((match) => ({ draft: match[1] ?? "", pointer: match[2] ?? "" }));
    const drafts = new Map<string, unknown>();
    const missing = cited.filter(({ draft, pointer }) => {
      if (!drafts.has(draft)) drafts.set(draft, parse(read(draft)));
      let node = drafts.get(draft);
      for (const token of pointer.split("/").slice(1)) {
        const key = token.replaceAll("~1", "/").replaceAll("~0", "~");
        if (typeof node !== "object" || node === null || !Object.prototype.hasOwnProperty.call(node, key)) return true;
        node = (node as Record<string, unknown>)[key];
      }
      return false;
    });
    expect(cited.length).toBeGreaterThan(80);
    expect(new Set(cited.map((c) => c.draft))).toEqual(new Set(["slack", "paystack", "square", "twilio", "paypal", "github"]));
    expect(missing).toEqual([]);
  });
});
