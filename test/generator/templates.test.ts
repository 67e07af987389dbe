import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HELPERS } from "../../generator/render/render.js";

const dir = new URL("../../templates/", import.meta.url);
const templates = readdirSync(dir).filter((f) => f.endsWith(".hbs"));

// Block helpers and their closers carry no output of their own.
const STRUCTURE = /^(#(each|if|unless)\s|\/(each|if|unless)$|else$)/;

describe("templates print spec text only through escaping helpers", () => {
  it.each(templates)("%s", (name) => {
    const source = readFileSync(new URL(name, dir), "utf8");
    const mustaches = [...source.matchAll(/\{\{\{?~?([^}]*?)~?\}?\}\}/g)].map((m) => (m[1] ?? "").trim());
    expect(mustaches.length).toBeGreaterThan(0);
    for (const inner of mustaches) {
      if (STRUCTURE.test(inner)) continue;
      const helper = inner.split(/\s+/)[0] ?? "";
      expect(Object.keys(HELPERS), `{{${inner}}} in ${name}`).toContain(helper);
    }
    expect(source, "triple-stash bypasses nothing here but reads as unescaped").not.toContain("{{{");
  });
});
