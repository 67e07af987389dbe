/**
 * The dialect notes the six real providers' specs were written from
 * (test/fixtures/provider-drafts/DIALECTS.md, issue 9): every JSON pointer they cite must still
 * exist in the provider's spec, so the notes stay a true map of where each fact comes from. The
 * specs themselves are tested with their providers (test/providers/<provider>.test.ts).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { draftUrl } from "../servers/provider-kit.js";

const NOTES = new URL("../fixtures/provider-drafts/DIALECTS.md", import.meta.url);

describe("provider dialect notes", () => {
  it("every JSON pointer DIALECTS.md cites exists in its provider's spec", () => {
    const notes = readFileSync(NOTES, "utf8");
    const cited = [...notes.matchAll(/`(\w+)\.yaml#(\/[^`]*)`/g)].map((match) => ({ draft: match[1] ?? "", pointer: match[2] ?? "" }));
    const documents = new Map<string, unknown>();
    const missing = cited.filter(({ draft, pointer }) => {
      if (!documents.has(draft)) documents.set(draft, parse(readFileSync(draftUrl(draft), "utf8")));
      let node = documents.get(draft);
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
