/**
 * Detail lines as printed: a long type shown before and after keeps the part that differs, so a
 * reader sees the change (cutting both at 100 characters printed the same prefix twice); the
 * JSON report keeps every type whole.
 */
import { afterAll, describe, expect, it } from "vitest";
import { shortDetail } from "../../generator/evolve/detail.js";
import { diffSurfaces } from "../../generator/evolve/diff.js";
import { type Spec, petsSpec, removeTemps, surfaceFrom } from "./helpers.js";

afterAll(removeTemps);

const fields = (n: number): string => Array.from({ length: n }, (_, i) => `field${i}: string`).join("; ");
const before = `{ ${fields(20)}; last?: number }`;
const after = `{ ${fields(20)}; last?: string }`;

describe("shortDetail", () => {
  const cases: { given: string; want: string }[] = [
    { given: "`a` → `b`", want: "`a` → `b`" },
    { given: "`tag?: string | null` is gone (Pet is output)", want: "`tag?: string | null` is gone (Pet is output)" },
    {
      given: `\`body\`: \`${before}\` → \`${after}\``,
      want: "`body`: `…field19: string; last?: number }` → `…field19: string; last?: string }`",
    },
    { given: `new \`${before}\``, want: `new \`${before.slice(0, 99)}…\`` },
  ];
  it.each(cases)("$given", ({ given, want }) => {
    expect(shortDetail(given)).toBe(want);
  });

  it("both sides of a long change differ where the types do", () => {
    const line = shortDetail(`\`${before}\` → \`${after}\``);
    const [b, a] = line.split(" → ");
    expect(b).not.toBe(a);
    expect(b).toContain("number");
    expect(a).toContain("string }");
  });
});

describe("the JSON report keeps full text", () => {
  it("a long type changed: the change's detail has both types whole", async () => {
    const spec: Spec = petsSpec();
    const wide = (type: string): Spec => ({ type: "object", properties: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`field${i}`, { type }])) });
    spec.components.schemas.Legacy.properties.shape = wide("string");
    const changed: Spec = petsSpec();
    changed.components.schemas.Legacy.properties.shape = { oneOf: [wide("integer"), { type: "string" }] };
    const [change] = diffSurfaces(await surfaceFrom(spec), await surfaceFrom(changed));
    expect(change?.id).toBe("property-type-changed:Legacy.shape");
    expect(change?.detail.length).toBeGreaterThan(400);
    expect(change?.detail).toContain("field19?: number");
    expect(shortDetail(change?.detail ?? "").length).toBeLessThan(300);
  }, 30_000);
});
