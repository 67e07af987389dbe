import { describe, expect, it } from "vitest";
import { loadSpecFile, loadSpecText } from "../../generator/load/load-spec.js";
import type { JsonPointer } from "../../generator/spec-error.js";
import { lines } from "./problem-lines.js";

const yamlText = lines(
  "openapi: 3.1.0", //                 1
  "info:", //                          2
  "  title: T", //                     3
  "paths:", //                         4
  "  /a/{id}:", //                     5
  "    get:", //                       6
  "      tags: [x, 'y']", //           7
  "      summary:", //                 8
  "      parameters:", //              9
  "        - name: id", //             10
  "          in: path", //             11
);

const jsonText = lines(
  "{", //                                               1
  '  "openapi": "3.1.0",', //                           2
  '  "info": {"title": "T"},', //                       3
  '  "paths": {', //                                    4
  '    "/a/{id}": {', //                                5
  '      "get": {', //                                  6
  '        "tags": ["x", "y"],', //                     7
  '        "summary": null,', //                        8
  '        "parameters": [', //                         9
  '          {"name": "id", "in": "path"}', //          10
  "        ],", //                                      11
  '        "x-esc\\"aped": 1', //                       12
  "      }", //                                         13
  "    }", //                                           14
  "  }", //                                             15
  "}", //                                               16
);

type Case = { pointer: JsonPointer; atKey?: boolean; yaml: [number, number]; json: [number, number] };

describe("locate", () => {
  const cases: Case[] = [
    { pointer: [], yaml: [1, 1], json: [1, 1] },
    { pointer: ["openapi"], yaml: [1, 10], json: [2, 14] },
    { pointer: ["openapi"], atKey: true, yaml: [1, 1], json: [2, 3] },
    { pointer: ["info", "title"], yaml: [3, 10], json: [3, 21] },
    { pointer: ["info", "title"], atKey: true, yaml: [3, 3], json: [3, 12] },
    { pointer: ["paths", "/a/{id}", "get", "tags", 1], yaml: [7, 17], json: [7, 23] },
    { pointer: ["paths", "/a/{id}", "get", "tags", "1"], yaml: [7, 17], json: [7, 23] },
    { pointer: ["paths", "/a/{id}", "get", "parameters", 0, "in"], yaml: [11, 15], json: [10, 32] },
    // A missing pointer falls back to the nearest existing ancestor (its key when atKey).
    { pointer: ["info", "version"], yaml: [3, 3], json: [3, 11] },
    { pointer: ["info", "version"], atKey: true, yaml: [2, 1], json: [3, 3] },
    { pointer: ["paths", "/a/{id}", "get", "tags", 5], yaml: [7, 13], json: [7, 17] },
    { pointer: ["paths", "/a/{id}", "get", "tags", 0, "deeper"], yaml: [7, 14], json: [7, 18] },
  ];

  it.each(cases)("$pointer atKey=$atKey", ({ pointer, atKey, yaml, json }) => {
    const y = loadSpecText("spec.yaml", yamlText).locate(pointer, atKey);
    const j = loadSpecText("spec.json", jsonText).locate(pointer, atKey);
    expect([y.line, y.column]).toEqual(yaml);
    expect([j.line, j.column]).toEqual(json);
  });

  it("points at the key of an empty YAML value and at an escaped JSON key", () => {
    const yaml = loadSpecText("spec.yaml", yamlText);
    expect(yaml.locate(["paths", "/a/{id}", "get", "summary"])).toEqual({ line: 8, column: 7 });
    const json = loadSpecText("spec.json", jsonText);
    expect(json.locate(["paths", "/a/{id}", "get", 'x-esc"aped'], true)).toEqual({ line: 12, column: 9 });
    expect(json.locate(["paths", "/a/{id}", "get", "summary"])).toEqual({ line: 8, column: 20 });
  });

  it("works on files, with positions from the file's own text", () => {
    const spec = loadSpecFile("test/fixtures/specs/minimal.json");
    expect(spec.locate(["components", "schemas", "Pet", "properties", "id", "type"])).toEqual({ line: 20, column: 86 });
  });
});
