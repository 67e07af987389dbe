import { describe, expect, it } from "vitest";
import { docLines, identifier, jsdoc, jsonLiteral, markdownText, propertyKey, stringLiteral } from "../../generator/render/escape.js";

describe("stringLiteral", () => {
  const cases: [string, string][] = [
    ["plain", "plain"],
    ['quote " and \\ backslash', 'quote " and \\ backslash'],
    ["line\nbreak\r\n", "line\nbreak\r\n"],
    ["separators \u2028 \u2029", "separators \u2028 \u2029"],
    ["template ${process.exit(1)} `tick`", "template ${process.exit(1)} `tick`"],
    ["lone \ud800 surrogate", "lone \ud800 surrogate"],
    ['https://x";static p=(()=>{throw 1})();x="', 'https://x";static p=(()=>{throw 1})();x="'],
  ];
  it.each(cases)("round-trips %j", (given, want) => {
    const literal = stringLiteral(given);
    expect(literal).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(new Function(`return ${literal};`)()).toBe(want);
  });
});

describe("propertyKey", () => {
  const cases: [string, string][] = [
    ["name", "name"],
    ["mc.json", '"mc.json"'],
    ["@type", '"@type"'],
    ["x[0]", '"x[0]"'],
    ["a b", '"a b"'],
    ["", '""'],
    ["class", "class"],
    ["__proto__", '"__proto__"'],
    ["2fa", '"2fa"'],
  ];
  it.each(cases)("%j → %s", (given, want) => expect(propertyKey(given)).toBe(want));
});

describe("identifier", () => {
  it.each(["Student", "_x", "$y"])("accepts %j", (name) => expect(identifier(name)).toBe(name));
  it.each(["class", "a b", "1x", "", "x;alert(1)"])("refuses %j", (name) => expect(() => identifier(name)).toThrow(/not a safe identifier/));
});

describe("jsdoc", () => {
  const cases: { given: string; want: string }[] = [
    { given: "Closes */ early", want: "/**\n * Closes *\\/ early\n */\n" },
    { given: "a\r\nb\u2028c\u2029d", want: "/**\n * a\n * b\n * c\n * d\n */\n" },
    { given: "\n\ntrimmed\n\n", want: "/**\n * trimmed\n */\n" },
  ];
  it.each(cases)("$given", ({ given, want }) => expect(jsdoc(given)).toBe(want));

  it("adds tags after a blank line and says nothing for nothing", () => {
    expect(jsdoc("Old.", ["@deprecated"])).toBe("/**\n * Old.\n *\n * @deprecated\n */\n");
    expect(jsdoc(undefined)).toBe("");
  });

  it("keeps a hostile description inside the comment", () => {
    const hostile = "*/ process.exit(1); /*\u2028*/ throw 1; //";
    const source = `${jsdoc(hostile)}const ok = 1; ok;`;
    expect(new Function(`${source}\nreturn ok;`)()).toBe(1);
    expect(docLines(hostile).join("\n")).not.toContain("*/");
  });
});

describe("jsonLiteral", () => {
  it("makes __proto__ an own property, never the prototype", () => {
    const value = new Function(`return ${jsonLiteral(JSON.parse('{"__proto__": {"polluted": 1}, "a": [1, "x"]}'))};`)();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__", "a"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("markdownText: only http(s), mailto and relative targets stay links", () => {
  it.each([
    { given: "[docs](https://example.com/a?b=1)", want: "[docs](https://example.com/a?b=1)" },
    { given: "[mail](mailto:api@example.com)", want: "[mail](mailto:api@example.com)" },
    { given: "[guide](docs/guide.md#auth)", want: "[guide](docs/guide.md#auth)" },
    { given: "[top](#top)", want: "[top](#top)" },
    { given: "[here](javascript:alert(1))", want: "[here\\](javascript:alert(1))" },
    { given: "[here](<javascript:alert(1)>)", want: "[here\\](&lt;javascript:alert(1)&gt;)" },
    { given: "[here]( JavaScript:alert(1))", want: "[here\\]( JavaScript:alert(1))" },
    { given: "[x](data:text/html,<b>hi</b>)", want: "[x\\](data:text/html,&lt;b&gt;hi&lt;/b&gt;)" },
    { given: "[x](vbscript:msgbox)", want: "[x\\](vbscript:msgbox)" },
    { given: "[x](javascript&colon;alert(1))", want: "[x\\](javascript&colon;alert(1))" },
    { given: "[x](java\\script:alert(1))", want: "[x\\](java\\script:alert(1))" },
    { given: "[ref]: javascript:alert(1)", want: "[ref\\]: javascript:alert(1)" },
    { given: "[already\\](javascript:x) stays text", want: "[already\\](javascript:x) stays text" },
    { given: "[not a link] (javascript:x) is text anyway", want: "[not a link] (javascript:x) is text anyway" },
    { given: "`[code](javascript:x)` is code", want: "`[code](javascript:x)` is code" },
  ])("$given → $want", ({ given, want }) => expect(markdownText(given)).toBe(want));
});
