import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpecFile, loadSpecText } from "../../generator/load/load-spec.js";
import { problemLines } from "./problem-lines.js";

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part, "utf8") : Buffer.from(part))));

describe("loadSpecText refuses bytes that cannot be a spec", () => {
  const cases: { name: string; given: Uint8Array | string; want: string[] }[] = [
    {
      name: "NUL byte",
      given: bytes("openapi: 3.1.0\ninfo:\n  ti", [0], "tle: x\n"),
      want: ["spec.yaml:3:5: NUL byte: a spec must be text"],
    },
    {
      name: "NUL byte in a string argument",
      given: "a: 1\nb: \u0000\n",
      want: ["spec.yaml:2:4: NUL byte: a spec must be text"],
    },
    {
      name: "invalid UTF-8 (a Latin-1 é), column counted in characters",
      given: bytes("openapi: 3.1.0\ninfo:\n  title: ü caf", [0xe9], "\n"),
      want: ["spec.yaml:3:15: invalid UTF-8 (byte 0xE9 at byte offset 36): a spec must be UTF-8 text"],
    },
    {
      name: "invalid UTF-8 after a BOM (byte offset counts the BOM)",
      given: bytes([0xef, 0xbb, 0xbf], "a: ", [0xc0, 0x80], "\n"),
      want: ["spec.yaml:1:4: invalid UTF-8 (byte 0xC0 at byte offset 6): a spec must be UTF-8 text"],
    },
    {
      name: "UTF-8-encoded surrogate",
      given: bytes("a: ", [0xed, 0xa0, 0x80]),
      want: ["spec.yaml:1:4: invalid UTF-8 (byte 0xED at byte offset 3): a spec must be UTF-8 text"],
    },
  ];

  it.each(cases)("$name", ({ given, want }) => {
    expect(problemLines(() => loadSpecText("spec.yaml", given))).toEqual(want);
  });

  it("drops a UTF-8 BOM, so positions start at the first visible character", () => {
    const spec = loadSpecText("spec.yaml", bytes([0xef, 0xbb, 0xbf], "a: x\nb: y\n"));
    expect(spec.document).toEqual({ a: "x", b: "y" });
    expect(spec.locate(["b"])).toEqual({ line: 2, column: 4 });
    expect(spec.locate(["a"], true)).toEqual({ line: 1, column: 1 });
  });

  it("refuses input over the size limit (smaller cap given for the test)", () => {
    const input = bytes("a: ", "x".repeat(2000), "\n");
    expect(problemLines(() => loadSpecText("spec.yaml", input, { maxBytes: 1000 }))).toEqual([
      "spec.yaml:1:1: the file is 2004 bytes; the limit for a spec is 1000 bytes",
    ]);
    expect(problemLines(() => loadSpecText("spec.yaml", "a: b\n", { maxBytes: 1000 }))).toEqual([]);
  });
});

describe("loadSpecFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "clientsmith-load-"));

  it("reports the path as given", () => {
    expect(loadSpecFile("test/fixtures/specs/minimal.yaml").file).toBe("test/fixtures/specs/minimal.yaml");
  });

  it("refuses an oversized file before reading it", () => {
    const file = join(dir, "big.yaml");
    writeFileSync(file, `a: ${"x".repeat(5000)}\n`);
    expect(problemLines(() => loadSpecFile(file, { maxBytes: 4096 }))).toEqual([
      `${file}:1:1: the file is 5004 bytes; the limit for a spec is 4096 bytes`,
    ]);
  });

  it("refuses an endless stream after reading just past the limit", () => {
    expect(problemLines(() => loadSpecFile("/dev/zero", { maxBytes: 4096 }))).toEqual([
      "/dev/zero:1:1: the file is larger than 4096 bytes, the limit for a spec",
    ]);
  });

  it("reports unreadable paths at 1:1", () => {
    expect(problemLines(() => loadSpecFile(join(dir, "missing.yaml")))).toEqual([
      `${join(dir, "missing.yaml")}:1:1: cannot read the file: no such file`,
    ]);
    expect(problemLines(() => loadSpecFile(dir))).toEqual([`${dir}:1:1: cannot read the file: it is a directory`]);
  });
});
