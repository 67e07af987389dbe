/**
 * Loads a YAML spec under YAML 1.2 core-schema rules only: `enabled: no` stays the string "no",
 * `2024-02-05` stays a string, and `1.10` is the number 1.1 (the validator then asks for quotes
 * where a string is expected). Anything that makes YAML more than plain data is refused.
 */

import { Composer, Parser, YAMLParseError, type CST, type Document, type ErrorCode, type YAMLError } from "yaml";
import { SpecError, type SpecProblem } from "../spec-error.js";
import { LineIndex } from "./line-index.js";
import type { LoadedSpec } from "./load-spec.js";
import { problemAt } from "./problems.js";
import { YamlLocator } from "./yaml-locator.js";
import { yamlToValue } from "./yaml-value.js";

const COMPOSE_OPTIONS = {
  version: "1.2",
  schema: "core",
  // `<<` is an ordinary key in YAML 1.2; yaml-value.ts refuses it so it cannot be mistaken for a merge.
  merge: false,
  // Without this, !!binary, !!timestamp, !!set … would quietly build Uint8Arrays, Dates and Sets;
  // switched off, every tag outside the core schema is reported as unresolved, at the tag.
  resolveKnownTags: false,
  // Duplicates are found while building the value, where keys are compared as the strings they
  // become ("200" and 200 collide there, not in the YAML library).
  uniqueKeys: false,
  strict: true,
} as const;

/** Diagnostics about tags: reported in our words, and not a reason to distrust the tree. */
const TAG_CODES: ReadonlySet<ErrorCode> = new Set(["TAG_RESOLVE_FAILED", "BAD_COLLECTION_TYPE"]);

/** Core-schema tags that only restate what a value already is; any other tag is refused. */
const PLAIN_TAGS = new Set(["!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq"]);

export function parseYamlSpec(file: string, text: string): LoadedSpec {
  const lines = new LineIndex(text);
  const problems: SpecProblem[] = [];
  const report = (offset: number, message: string): void => {
    problems.push(problemAt(file, lines, offset, message));
  };

  const directives: CST.Token[] = [];
  const docs: Document.Parsed[] = [];
  // forceDoc: an empty file still yields one (empty) document, so it loads as null.
  const composer = new Composer(COMPOSE_OPTIONS);
  for (const doc of composer.compose(watchDirectives(new Parser().parse(text), directives), true, text.length)) {
    docs.push(doc);
  }

  for (const token of directives) {
    if ("source" in token && /^%YAML[ \t]+1\.1\b/.test(token.source)) {
      report(token.offset, "only YAML 1.2 is accepted; remove the %YAML 1.1 directive (YAML 1.1 reads yes/no/on/off as booleans)");
    }
  }
  let exhausted = false;
  let syntaxBroken = false;
  for (const doc of docs) {
    for (const diagnostic of [...doc.errors, ...doc.warnings]) {
      // Running out of stack repeats at every level on the way back up; once is enough.
      if (diagnostic.code === "RESOURCE_EXHAUSTION" && exhausted) continue;
      exhausted ||= diagnostic.code === "RESOURCE_EXHAUSTION";
      syntaxBroken ||= diagnostic instanceof YAMLParseError && !TAG_CODES.has(diagnostic.code);
      report(diagnostic.pos[0], describe(diagnostic, text));
    }
  }
  const second = docs[1];
  if (second !== undefined) {
    report(second.range[0], "a spec must be a single YAML document, but the file holds more than one");
  }

  const first = docs[0];
  const root = first?.contents ?? null;
  // After a syntax error the library's recovered tree can hold artefacts (keys cut short, values
  // moved); checking it would add confusing problems to the real one.
  const document = syntaxBroken ? null : yamlToValue(root, lines, report);
  if (problems.length > 0) throw new SpecError(problems);

  const locator = new YamlLocator(root, first?.range[0] ?? 0);
  return {
    file,
    document,
    locate: (pointer, atKey = false) => lines.position(locator.offsetOf(pointer, atKey)),
  };
}

function* watchDirectives(tokens: Iterable<CST.Token>, directives: CST.Token[]): Generator<CST.Token> {
  for (const token of tokens) {
    if (token.type === "directive") directives.push(token);
    yield token;
  }
}

/** The library's message, except where ours says more about what to do. */
function describe(diagnostic: YAMLError, text: string): string {
  switch (diagnostic.code) {
    case "TAG_RESOLVE_FAILED":
    case "BAD_COLLECTION_TYPE": {
      // The library points at the tag token itself, so its text is the tag as written.
      const tag = text.slice(diagnostic.pos[0], diagnostic.pos[1]);
      if (PLAIN_TAGS.has(tag)) return `YAML tag ${tag} does not fit this value; remove the tag`;
      return `YAML tag ${tag} is not allowed: a spec is plain data (only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are accepted)`;
    }
    case "RESOURCE_EXHAUSTION":
      return "the YAML is nested too deeply to read";
    default:
      return diagnostic.message;
  }
}
