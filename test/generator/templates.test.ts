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

describe("dialects are conventions, not branches", () => {
  const providerNames = /\b(dojo|jodo|joor|subscriptions?[- ]?only|stripe|github)\b/i;
  const runtimeDir = new URL("../../templates/runtime/", import.meta.url);
  const files = [
    ...templates.map((name) => new URL(name, dir)),
    ...readdirSync(runtimeDir).filter((f) => f.endsWith(".ts")).map((name) => new URL(name, runtimeDir)),
  ];
  it.each(files.map((f) => [f.pathname.split("/templates/")[1] ?? "", f] as const))("%s names no provider", (_, file) => {
    expect(readFileSync(file, "utf8")).not.toMatch(providerNames);
  });
});
