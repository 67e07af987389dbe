/**
 * `envelope: {type: status-body}` and `errors: {type: text-fields}`: mistakes are reported at their
 * position, and a good configuration expands into the primitives' plug-in calls (the envelope's
 * paths and http-status test; the error reader's kinds and field indexes), the error base class
 * and README notes.
 * The spec body is five lines, so `x-conventions:` is line 6.
 */
import { describe, expect, it } from "vitest";
import { applyConventions } from "../../generator/conventions/index.js";
import { loadSpecText } from "../../generator/load/load-spec.js";
import { normalize } from "../../generator/normalize/normalize.js";
import { validateSpec } from "../../generator/validate/validate-spec.js";
import { lines, problemLines } from "../load/problem-lines.js";

const BODY = [
  "openapi: 3.1.0",
  "info: {title: T, version: '1'}",
  "paths:",
  "  /things:",
  "    get: {tags: [Things], responses: {'200': {description: ok}}}",
];

function conventions(...xConventions: string[]) {
  const spec = loadSpecText("specs/x.yaml", lines(...BODY, "x-conventions:", ...xConventions));
  validateSpec(spec);
  return applyConventions(spec, normalize(spec));
}

describe("bad status-body and text-fields configurations are reported at their position", () => {
  it.each([
    {
      name: "a status-data key on status-body, at the key",
      given: ["  envelope:", "    type: status-body", "    success-value: success"],
      want: ['specs/x.yaml:9:5: envelope: unknown key "success-value" (known keys: type, status-field, message-field, body-field, data-field, text-field)'],
    },
    {
      name: "a field name that is not a string",
      given: ["  envelope:", "    type: status-body", "    body-field: 1"],
      want: ['specs/x.yaml:9:17: envelope: "body-field" must be a string, found the number 1; quote it: body-field: "1"'],
    },
    {
      name: "data and text in the same field",
      given: ["  envelope: {type: status-body, data-field: payload, text-field: payload}"],
      want: ['specs/x.yaml:7:66: envelope: "text-field" and "data-field" must differ (both are "payload")'],
    },
    {
      name: "a code-message key on text-fields, at the key",
      given: ["  errors:", "    type: text-fields", "    code-field: code"],
      want: [
        'specs/x.yaml:9:5: errors: unknown key "code-field" (did you mean "body-field"? known keys: type, class, status-field, message-field, body-field, text-field, fields-field, unknown-fields-text, missing-fields-text)',
      ],
    },
    {
      name: "a text-fields class not ending in Error",
      given: ["  errors: {type: text-fields, class: Oops}"],
      want: ['specs/x.yaml:7:38: errors: class "Oops" must be a PascalCase identifier ending in Error, e.g. AcmeError'],
    },
    {
      name: "an empty text",
      given: ["  errors: {type: text-fields, missing-fields-text: ''}"],
      want: ['specs/x.yaml:7:52: errors: "missing-fields-text" must not be empty'],
    },
  ])("$name", ({ given, want }) => {
    expect(problemLines(() => conventions(...given))).toEqual(want);
  });

  it("an unknown envelope type lists status-body among the types", () => {
    const [problem, ...more] = problemLines(() => conventions("  envelope: {type: status-code}"));
    expect(more).toEqual([]);
    expect(problem).toMatch(/^specs\/x\.yaml:7:20: envelope: "type" must be one of .*\bstatus-body\b.*, found "status-code"$/);
  });

  it("an unknown errors type lists text-fields among the types", () => {
    const [problem, ...more] = problemLines(() => conventions("  errors: {type: field-list}"));
    expect(more).toEqual([]);
    expect(problem).toMatch(/^specs\/x\.yaml:7:18: errors: "type" must be one of .*\btext-fields\b.*, found "field-list"$/);
  });
});

describe("the presets expand into primitives", () => {
  it("status-body: the data paths and an http-status test; text-fields: the reader's paths, kinds and field indexes on TextFieldsError", () => {
    const facts = conventions("  envelope: {type: status-body}", "  errors: {type: text-fields, class: AcmeError}");
    expect(facts.plugins).toEqual([
      {
        module: "envelope",
        exportName: "envelope",
        config: { data: [["body", "data"], ["body", "text"]], success: { path: ["status"], is: "http-status" } },
        takesOptions: false,
      },
      {
        module: "error-fields",
        exportName: "errorFields",
        config: {
          message: ["body", "text"],
          kinds: [
            { name: "unknown-fields", text: "Unknown fields submitted" },
            { name: "missing-fields", text: "Required fields missing" },
          ],
          fieldIndexes: { path: ["body", "fields"], exceptKinds: ["missing-fields"] },
          reportedStatus: ["status"],
        },
        takesOptions: false,
      },
    ]);
    expect([...facts.modules].sort()).toEqual(["envelope", "error-fields", "text-fields-errors"]);
    expect(facts.errorBase).toEqual({ module: "text-fields-errors", exportName: "TextFieldsError" });
    // The base class exposes text, kind, fields and envelopeStatus itself: no generated properties.
    expect(facts.errorFields).toEqual([]);
    expect(facts.errorClassName).toBe("AcmeError");
    expect(facts.notes.map((n) => n.title)).toEqual(["Responses", "Errors"]);
  });

  it("configured names reach the paths and the README notes", () => {
    const facts = conventions(
      "  envelope: {type: status-body, status-field: code, body-field: payload, data-field: items, text-field: note}",
      "  errors: {type: text-fields, status-field: code, body-field: payload, text-field: note, fields-field: keys, unknown-fields-text: Unexpected keys}",
    );
    expect(facts.plugins[0]?.config).toEqual({ data: [["payload", "items"], ["payload", "note"]], success: { path: ["code"], is: "http-status" } });
    expect(facts.plugins[1]?.config).toMatchObject({
      message: ["payload", "note"],
      kinds: [{ name: "unknown-fields", text: "Unexpected keys" }, { name: "missing-fields", text: "Required fields missing" }],
      fieldIndexes: { path: ["payload", "keys"] },
      reportedStatus: ["code"],
    });
    expect(facts.notes[0]?.text).toContain("`payload.items`");
    expect(facts.notes[1]?.text).toContain("`payload.keys`");
    expect(facts.notes[1]?.text).toContain('"Unexpected keys"');
    expect(facts.errorClassName).toBeUndefined();
  });
});
