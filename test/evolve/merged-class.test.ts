/**
 * A class merged with an interface of the same name — the runtime's
 * `interface PagePromise<T> extends AsyncIterable<T> {}` beside `class PagePromise<T>` — is one
 * class in the API surface, so a method added to the class is reported (additive) rather than
 * hidden behind the interface's empty body.
 */
import { describe, expect, it } from "vitest";
import { diffSurfaces } from "../../generator/evolve/diff.js";
import { extractSurface } from "../../generator/evolve/surface.js";

function surface(classBody: string) {
  const paging = `export interface Page<T> { readonly items: readonly T[]; }
export interface PagePromise<T> extends AsyncIterable<T> {}
export declare class PagePromise<T> implements PromiseLike<Page<T>> {
    #private;
    then(onfulfilled?: (value: Page<T>) => unknown): Promise<unknown>;
${classBody}}
`;
  return extractSurface(
    new Map([
      ["dist/index.d.ts", `export { PagePromise, type Page } from "./paging.js";\n`],
      ["dist/paging.d.ts", paging],
    ]),
  );
}

describe("a class merged with an interface", () => {
  it("is a class with the interface's bases and the class's members", () => {
    const s = surface("");
    expect(s.exports["PagePromise"]).toBe("class");
    expect(s.models["PagePromise"]).toMatchObject({ kind: "class", typeParameters: "<T>", bases: ["AsyncIterable<T>"] });
    expect(Object.keys(s.models["PagePromise"]?.kind === "class" ? s.models["PagePromise"].properties : {})).toEqual(["then"]);
  });

  it("a method added to the class is an additive change", () => {
    const changes = diffSurfaces(surface(""), surface("    withResponse(): Promise<readonly T[]>;\n"));
    expect(changes.map((c) => [c.level, c.id])).toEqual([["additive", "property-added:PagePromise.withResponse"]]);
  });

  it("a method removed from the class is a breaking change", () => {
    const changes = diffSurfaces(surface("    withResponse(): Promise<readonly T[]>;\n"), surface(""));
    expect(changes.map((c) => [c.level, c.id])).toEqual([["breaking", "property-removed:PagePromise.withResponse"]]);
  });
});
