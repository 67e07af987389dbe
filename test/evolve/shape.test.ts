/**
 * The type relation under the report: how a type after relates to the type before (the same
 * values, fewer, more, or neither), with the package's own models compared by name unless the
 * names differ, and then by what they are.
 */
import { describe, expect, it } from "vitest";
import { type Expand, parseType, printShape, referencedNames, relate } from "../../generator/evolve/shape.js";

/** Models for the "before" and "after" sides: name → type text. */
const models = (defs: Record<string, string>): Expand => (name) => (defs[name] === undefined ? undefined : parseType(defs[name]));
const none = models({});

describe("relate(before, after)", () => {
  const cases: { given: [string, string]; want: string; before?: Record<string, string>; after?: Record<string, string> }[] = [
    { given: ["string", "string"], want: "equal" },
    { given: ['"a" | "b"', '"b" | "a"'], want: "equal" },
    { given: ['"a" | "b"', "string"], want: "widened" },
    { given: ["string", '"a" | "b"'], want: "narrowed" },
    { given: ['"a" | "b"', '"a" | "b" | "c"'], want: "widened" },
    { given: ['"a" | "b"', '"a" | "c"'], want: "changed" },
    { given: ["string | null", "string"], want: "narrowed" },
    { given: ["string", "number"], want: "changed" },
    { given: ["number", "1 | 2"], want: "narrowed" },
    { given: ["boolean", "true"], want: "narrowed" },
    { given: ["string", "unknown"], want: "widened" },
    { given: ["string[]", "(string | null)[]"], want: "widened" },
    { given: ["string[]", "readonly string[]"], want: "widened" },
    { given: ["Array<string>", "string[]"], want: "equal" },
    { given: ["Record<string, number>", "{ [key: string]: number }"], want: "equal" },
    { given: ["{ a: string }", "{ a: string; b?: number }"], want: "equal" },
    { given: ["{ a: string }", "{ a: string; b: number }"], want: "narrowed" },
    { given: ["{ a?: string }", "{ a: string }"], want: "narrowed" },
    { given: ["{ a: string }", "{ a: string | null }"], want: "widened" },
    // Same-named models are the same type here: what changed inside is reported on the model.
    { given: ["Address", "Address | null"], want: "widened", before: { Address: "{ a: string }" }, after: { Address: "{ a: number }" } },
    { given: ["Address", "Address"], want: "equal", before: { Address: "{ a: string }" }, after: { Address: "{ a: number }" } },
    // Different names: compared by what they are.
    { given: ["EventType", "PaymentEventType"], want: "equal", before: { EventType: '"a" | "b"' }, after: { PaymentEventType: '"a" | "b"' } },
    { given: ["EventType", "PaymentEventType"], want: "widened", before: { EventType: '"a" | "b"' }, after: { PaymentEventType: "string" } },
    { given: ["Base & { b: string }", "{ a: string; b: string }"], want: "equal", before: { Base: "{ a: string }" } },
    { given: ["APIPromise<Pet>", "APIPromise<Pet | null>"], want: "widened" },
    { given: ["APIPromise<Pet>", "PagePromise<Pet>"], want: "changed" },
    { given: ["(a: string) => void", "(a: number) => void"], want: "changed" },
  ];
  it.each(cases)("$given.0 → $given.1: $want", ({ given, want, before, after }) => {
    expect(relate(parseType(given[0]), before === undefined ? none : models(before), parseType(given[1]), after === undefined ? none : models(after))).toBe(want);
  });

  it("a recursive model terminates", () => {
    const tree = models({ Node: "{ children: Node2[] }", Node2: "{ children: Node[] }" });
    expect(relate(parseType("Node"), tree, parseType("Node2"), tree)).toBe("equal");
  });
});

describe("canonical spelling", () => {
  const cases: { given: string; want: string }[] = [
    { given: "Array<string | null>", want: "(string | null)[]" },
    { given: "{\n  a?: string;\n  readonly 'b-c': number;\n  [key: string]: unknown;\n}", want: '{ a?: string; readonly "b-c": number; [key: string]: unknown }' },
    { given: "((x: number) => void) | null", want: "((x: number) => void) | null" },
    { given: "-1 | 'x'", want: '-1 | "x"' },
  ];
  it.each(cases)("$given", ({ given, want }) => {
    expect(printShape(parseType(given))).toBe(want);
    // and it reads back the same
    expect(printShape(parseType(want))).toBe(want);
  });

  it("names the types a type refers to", () => {
    expect([...referencedNames(parseType("APIPromise<Pet[]> | Record<string, Owner> | { a: Tag }"))].sort()).toEqual(["APIPromise", "Owner", "Pet", "Tag"]);
  });
});
