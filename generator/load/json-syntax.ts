/**
 * Finds the first JSON syntax error and says where it is. JSON.parse only runs this after it has
 * failed: V8's messages sometimes carry no position at all ("Unexpected token '}', … is not valid
 * JSON"), and a spec author needs line:col. Iterative, so hostile nesting cannot overflow the stack.
 */

export interface JsonSyntaxError {
  readonly offset: number;
  readonly message: string;
}

type Mode = "value" | "value-or-end" | "key" | "key-or-end" | "after-value";

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WORD = /[A-Za-z_$][A-Za-z0-9_$]*/y;

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: ("{" | "[")[] = [];
  let mode: Mode = "value";
  let i = 0;
  const fail = (offset: number, message: string): JsonSyntaxError => ({ offset, message: `invalid JSON: ${message}` });

  for (;;) {
    i = skipSpace(text, i);
    const c = text[i];
    const top = stack[stack.length - 1];

    if (mode === "after-value") {
      if (top === undefined) return c === undefined ? undefined : fail(i, "unexpected text after the end of the document");
      const close = top === "{" ? "}" : "]";
      if (c === ",") {
        i++;
        mode = top === "{" ? "key" : "value";
      } else if (c === close) {
        i++;
        stack.pop();
      } else if (c === undefined) {
        return fail(i, `unexpected end of the file; expected "," or "${close}"`);
      } else {
        return fail(i, top === "{" ? `expected "," or "}" after a property value` : `expected "," or "]" after an array element`);
      }
      continue;
    }

    if (mode === "key" || mode === "key-or-end") {
      if (c === "}" && mode === "key-or-end") {
        i++;
        stack.pop();
        mode = "after-value";
        continue;
      }
      if (c === "}") return fail(i, "trailing comma before }");
      if (c === undefined) return fail(i, "unexpected end of the file; expected a property name");
      if (c !== '"') return fail(i, "expected a property name in double quotes");
      const end = scanString(text, i);
      if (typeof end !== "number") return fail(end.offset, end.message);
      i = skipSpace(text, end);
      if (text[i] !== ":") return fail(i, `expected ":" after a property name`);
      i++;
      mode = "value";
      continue;
    }

    // mode is "value" or "value-or-end"
    if (c === "]" && mode === "value-or-end") {
      i++;
      stack.pop();
      mode = "after-value";
      continue;
    }
    if (c === "]" && top === "[") return fail(i, "trailing comma before ]");
    if (c === undefined) return fail(i, "unexpected end of the file; expected a value");
    if (c === "{" || c === "[") {
      stack.push(c);
      i++;
      mode = c === "{" ? "key-or-end" : "value-or-end";
      continue;
    }
    mode = "after-value";
    if (c === '"') {
      const end = scanString(text, i);
      if (typeof end !== "number") return fail(end.offset, end.message);
      i = end;
      continue;
    }
    NUMBER.lastIndex = i;
    if ((c === "-" || (c >= "0" && c <= "9")) && NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      continue;
    }
    WORD.lastIndex = i;
    if (WORD.test(text)) {
      const word = text.slice(i, WORD.lastIndex);
      if (word === "true" || word === "false" || word === "null") {
        i = WORD.lastIndex;
        continue;
      }
      return fail(i, `unexpected word "${word}"; expected a value (strings need double quotes)`);
    }
    if (c === "'") return fail(i, "strings must use double quotes");
    return fail(i, `unexpected character ${JSON.stringify(c)}; expected a value`);
  }
}

function skipSpace(text: string, from: number): number {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

/** Offset just past the closing quote of the string opening at `start`, or the error inside it. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  let i = start + 1;
  for (;;) {
    const c = text[i];
    if (c === undefined) return { offset: start, message: "unterminated string" };
    if (c === '"') return i + 1;
    if (c === "\\") {
      const e = text[i + 1];
      if (e !== undefined && `"\\/bfnrt`.includes(e)) i += 2;
      else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
      else return { offset: i, message: "invalid escape sequence in a string" };
      continue;
    }
    if (c === "\n") return { offset: i, message: "line break inside a string (unterminated string?)" };
    if (c < " ") return { offset: i, message: "control character inside a string; escape it" };
    i++;
  }
}
