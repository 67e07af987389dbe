/**
 * The provider drafts (test/fixtures/provider-drafts/*.yaml, issue 9): each loads, validates and
 * generates today with exactly its chosen operations, and says where it came from. Slack's draft
 * is Swagger 2.0 as Slack's document is (converted on load); it is also checked for being
 * well-formed Swagger 2.0 with every `$ref` resolving.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { countOperations, generateWithCli } from "../helpers/packages.js";
import type { ProcessResult } from "../helpers/packages.js";
import { draftUrl } from "../servers/provider-kit.js";

const DRAFTS = new URL("../fixtures/provider-drafts/", import.meta.url);
const read = (name: string): string => readFileSync(new URL(`${name}.yaml`, DRAFTS), "utf8");

type Document = { paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>> } & Record<string, unknown>;
const operationIds = (document: Document): string[] =>
  Object.values(document.paths).flatMap((item) => Object.values(item).flatMap((op) => (typeof op === "object" && op !== null && typeof op.operationId === "string" ? [op.operationId] : [])));

const DRAFTS_OPERATIONS = {
  twilio: ["ListEntity", "CreateService", "ListService", "FetchService", "DeleteService", "UpdateService", "CreateVerification", "UpdateVerification", "FetchVerification", "CreateVerificationCheck"],
  slack: ["auth_test", "chat_delete", "chat_postMessage", "chat_update", "conversations_create", "conversations_history", "conversations_info", "conversations_list", "reactions_add", "users_info", "users_list"],
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

  it("slack: well-formed Swagger 2.0, each operation with a 200 and a default, every $ref resolving", () => {
    const draft = parse(read("slack")) as Document & { swagger: string; basePath: string; definitions: Record<string, unknown> };
    expect({ swagger: draft.swagger, basePath: draft.basePath, host: draft["host"] }).toEqual({ swagger: "2.0", basePath: "/api", host: "slack.com" });
    expect(operationIds(draft)).toEqual(DRAFTS_OPERATIONS.slack);
    for (const item of Object.values(draft.paths)) {
      for (const operation of Object.values(item)) expect(Object.keys(operation.responses ?? {})).toEqual(["200", "default"]);
    }
    const refs = [...read("slack").matchAll(/\$ref: "#\/(\w+)\/([^"]+)"/g)].map((match) => [match[1] ?? "", match[2] ?? ""] as const);
    const dangling = refs.filter(([kind, name]) => (draft[kind] as Record<string, unknown> | undefined)?.[name] === undefined);
    expect(refs.length).toBeGreaterThan(50);
    expect(dangling).toEqual([]);
  });

  it("every JSON pointer DIALECTS.md cites exists in its draft", () => {
    const notes = readFileSync(new URL("DIALECTS.md", DRAFTS), "utf8");
    const cited = [...notes.matchAll(/`(\w+)\.yaml#(\/[^`]*)`/g)].map((match) => ({ draft: match[1] ?? "", pointer: match[2] ?? "" }));
    const drafts = new Map<string, unknown>();
    const missing = cited.filter(({ draft, pointer }) => {
      // A draft that became a spec is cited where it now lives.
      if (!drafts.has(draft)) drafts.set(draft, parse(readFileSync(draftUrl(draft), "utf8")));
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
