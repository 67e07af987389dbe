/**
 * `x-conventions.envelope`: a success wrapper the client removes, so callers get the payload, and
 * the tests that tell a failure under HTTP 2xx. Written in primitives —
 *   envelope:
 *     data: /result                        # a path, or a list of paths: the first present wins
 *     success: { field: /success, equals: true }
 *     failure: { field: /errors, is: non-empty }
 *     meta: { logId: /response/log_id }      # kept in response.meta
 *     next-offset: /response/next_start      # offset paging follows it (offset: the page's own)
 * `data: {beside: PATH}` makes the payload what sits beside a field (a result node); any path may
 * list alternatives, and `*` stands for a resource-named wrapper's only key.
 * — or as a preset (`type:`), a function from its own keys to primitives:
 * - `status-data`: `{status: "success", data}` → data (or the message); primitives.
 * - `status-body`: `{status: "200", message: "OK", body: {data | text}}` → data or text, the status
 *   checked against the HTTP status; primitives.
 * - `response-code`: a resource-named wrapper with a `response` node; primitives (with the error
 *   reader's) on the `ResponseCodeError` base, see response-code-envelope.ts.
 * What the 2xx response schemas describe (`schemas`): with `data`, by default only the payload
 * (`payload`), so the envelope's own fields are not in them; `schemas: envelope` says they describe
 * the whole body, as real documents often do: every path is then checked against them, a method's
 * result is typed from what they hold at `data`, and paging paths address the whole body too.
 */
import type { IRDocument } from "../ir.js";
import type { JsonPointer, ProblemCollector } from "../spec-error.js";
import type { Contribution, Convention, DialectContext, DialectNote, JsonValue } from "./convention.js";
import { type ChosenVariant, type Variant, chooseVariant, variant } from "./dialect/variants.js";
import { describeFieldPath } from "./dialect/field-path.js";
import { PathReader, responseSchemas } from "./dialect/paths.js";
import { type PathChoice, choiceJson, describeChoice, readPathChoice } from "./dialect/error-reading.js";
import { ConfigReader, type Mapping, isMapping } from "./read-config.js";
import { applyResponseCodeEnvelope, parseResponseCodeEnvelope } from "./response-code-envelope.js";

/** The envelope in primitives: what the runtime's `envelope` plug-in takes, plus the README's note. */
export interface FieldsEnvelopeConfig {
  readonly type: "fields";
  readonly data: readonly (readonly string[])[] | undefined;
  /** The payload is what the object holding this field (or the first present alternative) has besides it. */
  readonly beside?: PathChoice;
  /** Fields kept in `response.meta`, by name. */
  readonly meta?: Readonly<Record<string, PathChoice>>;
  readonly nextOffset?: PathChoice;
  readonly offset?: PathChoice;
  readonly success: Record<string, JsonValue> | undefined;
  readonly failure: Record<string, JsonValue> | undefined;
  /** Whether the 2xx schemas describe the whole body rather than the payload. */
  readonly wholeBody?: boolean;
  readonly note: DialectNote;
}

const PRIMITIVE_KEYS = ["type", "schemas", "data", "success", "failure", "meta", "next-offset", "offset"] as const;
const SCHEMAS = ["payload", "envelope"] as const;

function parseFieldsEnvelope(value: unknown, at: JsonPointer, problems: ProblemCollector, ir: IRDocument): FieldsEnvelopeConfig | undefined {
  const read = new ConfigReader(problems, "envelope");
  const node = read.mapping(value, at, PRIMITIVE_KEYS);
  if (node === undefined) return undefined;
  const described = read.oneOf(node, "schemas", at, SCHEMAS, "payload");
  if (described === undefined) return undefined;
  if (described === "envelope" && node["data"] === undefined) {
    problems.addAtKey([...at, "schemas"], 'envelope: "schemas: envelope" needs "data", the path to the payload (without it the whole body is the payload anyway)');
    return undefined;
  }
  const paths = new PathReader(problems, "envelope", ir);
  // By default the 2xx schemas describe the payload once `data` unwraps one, so the envelope's
  // own fields are not in them; `schemas: envelope` says they describe the whole body.
  const schemas = node["data"] === undefined || described === "envelope" ? responseSchemas(ir, "success") : [];
  const besideNode = isMapping(node["data"]) ? node["data"] : undefined;
  const beside = besideNode === undefined ? undefined : readBeside(paths, besideNode, [...at, "data"], problems);
  const data = besideNode === undefined ? paths.paths(node, "data", at, schemas) : undefined;
  const success = paths.test(node, "success", at, schemas);
  const failure = paths.test(node, "failure", at, schemas);
  const meta = readMeta(paths, node, at, problems);
  const nextOffset = readPathChoice(paths, node, "next-offset", at, []);
  const offset = readPathChoice(paths, node, "offset", at, []);
  if (node["offset"] !== undefined && node["next-offset"] === undefined) problems.add([...at, "offset"], 'envelope: "offset" needs "next-offset"');
  if (node["data"] === undefined && node["success"] === undefined && node["failure"] === undefined) {
    problems.add(at, 'envelope: needs "data", "success" or "failure" (or a preset "type")');
    return undefined;
  }
  // A key that was written but did not parse or match has been reported; nothing to add.
  if ((node["data"] !== undefined && data === undefined && beside === undefined) || (node["success"] !== undefined && success === undefined) || (node["failure"] !== undefined && failure === undefined)) return undefined;
  if (meta === undefined || (node["next-offset"] !== undefined && nextOffset === undefined) || (node["offset"] !== undefined && offset === undefined)) return undefined;
  const dataPaths = data?.map((d) => d.path);
  return {
    type: "fields",
    data: dataPaths,
    ...(beside === undefined ? {} : { beside }),
    ...(Object.keys(meta).length === 0 ? {} : { meta }),
    ...(nextOffset === undefined ? {} : { nextOffset: nextOffset.choice }),
    ...(offset === undefined ? {} : { offset: offset.choice }),
    success,
    failure,
    wholeBody: described === "envelope",
    note: fieldsNote(dataPaths, success, failure, beside),
  };
}

/** `data: {beside: PATH | [PATHS]}`: the field the payload sits beside. */
function readBeside(paths: PathReader, node: Mapping, at: JsonPointer, problems: ProblemCollector): PathChoice | undefined {
  for (const k of Object.keys(node)) if (k !== "beside") problems.addAtKey([...at, k], `envelope: unknown key "${k}" in "data" (a path, a list of paths, or {beside: PATH})`);
  if (node["beside"] === undefined) {
    problems.add(at, 'envelope: "data" as a mapping needs "beside", the field the payload sits beside');
    return undefined;
  }
  return readPathChoice(paths, node, "beside", at, [])?.choice;
}

/** `meta: {name: PATH | [PATHS]}`: fields kept in `response.meta`. */
function readMeta(paths: PathReader, node: Mapping, at: JsonPointer, problems: ProblemCollector): Record<string, PathChoice> | undefined {
  const value = node["meta"];
  if (value === undefined) return {};
  if (!isMapping(value)) {
    problems.add([...at, "meta"], 'envelope: "meta" must be a mapping of name → path, e.g. {logId: /response/log_id}');
    return undefined;
  }
  const out: Record<string, PathChoice> = {};
  let ok = true;
  for (const name of Object.keys(value)) {
    if (!/^[a-z][A-Za-z0-9]*$/.test(name) || RESERVED_META.has(name)) {
      problems.addAtKey([...at, "meta", name], `envelope: meta name "${name}" must be camelCase and not one the client uses itself (${[...RESERVED_META].join(", ")})`);
      ok = false;
      continue;
    }
    const read = readPathChoice(paths, value, name, [...at, "meta"], []);
    if (read === undefined) ok = false;
    else out[name] = read.choice;
  }
  return ok ? out : undefined;
}

/** `response.meta` keys the runtime writes itself. */
const RESERVED_META = new Set(["envelope", "nextOffset", "nextPage", "rateLimit"]);

/** The README's paragraph for an envelope in primitives. */
function fieldsNote(data: readonly (readonly string[])[] | undefined, success: Record<string, JsonValue> | undefined, failure: Record<string, JsonValue> | undefined, beside?: PathChoice): DialectNote {
  const parts: string[] = [];
  if (data !== undefined) parts.push(`Methods resolve to ${data.map((d) => `\`${describeFieldPath(d)}\``).join(", or else ")} of the response body.`);
  if (beside !== undefined) parts.push(`Methods resolve to what sits beside ${describeChoice(beside)} in the response body.`);
  const describe = (test: Record<string, JsonValue>) => {
    const field = describeChoice(test["path"] as PathChoice);
    if (test["equals"] !== undefined) return `${field} is ${(test["equals"] as JsonValue[]).map((v) => `\`${JSON.stringify(v)}\``).join(" or ")}`;
    if (test["equalsNumber"] !== undefined) return `${field} is ${(test["equalsNumber"] as JsonValue[]).map((v) => `\`${JSON.stringify(v)}\``).join(" or ")} (as a number or as text)`;
    return test["is"] === "http-status" ? `${field} repeats the HTTP status` : `${field} is ${String(test["is"])}`;
  };
  if (success !== undefined) parts.push(`A response succeeded when ${describe(success)}; otherwise it is thrown as an error, even under HTTP 200.`);
  if (failure !== undefined) parts.push(`A response in which ${describe(failure)} is thrown as an error, even under HTTP 200.`);
  return { title: "Responses", text: parts.join(" ") };
}

/** `type: status-data`: its keys, expanded into primitives. */
function statusDataPreset(value: unknown, at: JsonPointer, problems: ProblemCollector): FieldsEnvelopeConfig | undefined {
  const read = new ConfigReader(problems, "envelope");
  const node = read.mapping(value, at, ["type", "status-field", "success-value", "data-field", "message-field"]);
  if (node === undefined) return undefined;
  const s = read.string(node, "status-field", at, "status");
  const successValue = read.string(node, "success-value", at, "success");
  const d = read.string(node, "data-field", at, "data");
  const m = read.string(node, "message-field", at, "message");
  if (!s || !successValue || !d || !m) return undefined;
  return {
    type: "fields",
    data: [[d], [m]],
    success: { path: [s], equals: [successValue] },
    failure: undefined,
    note: {
      title: "Responses",
      text: `Successful responses arrive as \`{"${s}": "${successValue}", "${d}": …}\`; methods resolve to the \`${d}\` value itself. A response with only \`${s}\` resolves to \`undefined\`, one with a \`${m}\` to that message. A 2xx body whose \`${s}\` is not \`${successValue}\` is thrown as an error.`,
    },
  };
}

/** `type: status-body`: its keys, expanded into primitives (`data: [/body/data, /body/text]`, `success: {field: /status, is: http-status}`). */
function statusBodyPreset(value: unknown, at: JsonPointer, problems: ProblemCollector): FieldsEnvelopeConfig | undefined {
  const read = new ConfigReader(problems, "envelope");
  const node = read.mapping(value, at, ["type", "status-field", "message-field", "body-field", "data-field", "text-field"]);
  if (node === undefined) return undefined;
  const s = read.string(node, "status-field", at, "status");
  const m = read.string(node, "message-field", at, "message");
  const b = read.string(node, "body-field", at, "body");
  const d = read.string(node, "data-field", at, "data");
  const t = read.string(node, "text-field", at, "text");
  if (!s || !m || !b || !d || !t) return undefined;
  if (d === t) {
    problems.add([...at, "text-field"], `envelope: "text-field" and "data-field" must differ (both are "${t}")`);
    return undefined;
  }
  return {
    type: "fields",
    data: [
      [b, d],
      [b, t],
    ],
    success: { path: [s], is: "http-status" },
    failure: undefined,
    note: {
      title: "Responses",
      text:
        `Responses arrive as \`{"${s}": "200", "${m}": "OK", "${b}": {…}}\`, with the HTTP status repeated as a string. ` +
        `Reads resolve to \`${b}.${d}\` (an object, or a list for list methods); updates and deletes resolve to the confirmation in \`${b}.${t}\` (e.g. \`"Content updated"\`); ` +
        `creates answer \`201\` with no \`${b}\` and resolve to \`undefined\`. ` +
        `A body whose \`${s}\` disagrees with the HTTP status is thrown as an error, even under a 2xx: one of the two is wrong and the result cannot be trusted.`,
    },
  };
}

/** Each envelope `type` (the primitives are `fields`, the default): how its keys become a config and facts. */
export const ENVELOPE_TYPES: Readonly<Record<string, Variant<unknown>>> = {
  fields: variant({ parse: parseFieldsEnvelope, apply: applyFieldsEnvelope, tells: failuresUnder2xx }),
  "status-data": variant({ parse: statusDataPreset, apply: applyFieldsEnvelope, tells: failuresUnder2xx }),
  "status-body": variant({ parse: statusBodyPreset, apply: applyFieldsEnvelope, tells: failuresUnder2xx }),
  "response-code": variant({ parse: parseResponseCodeEnvelope, apply: applyResponseCodeEnvelope }),
};

export const envelopeConvention: Convention<ChosenVariant> = {
  key: "envelope",
  summary: "a success wrapper to unwrap and the tests that tell a failure under HTTP 2xx: `data` (field paths, or {beside: PATH}), `success` / `failure` ({field, equals | equals-number | is}), `meta`, `next-offset` / `offset`, `schemas` (payload or envelope: what the 2xx schemas describe); or a preset `type`: status-data, status-body, response-code",
  parse: (value, at, problems, ir, context) => chooseVariant("envelope", ENVELOPE_TYPES, "fields", value, at, problems, ir, context),
  apply: (chosen, _ir, facts) => chosen.apply(facts),
  tells: (chosen) => chosen.tells(),
};

/**
 * A success or failure test makes some 2xx bodies failures; when the 2xx schemas describe those
 * bodies whole (no `data`, or `schemas: envelope`), error paths are checked and typed there too.
 * A payload `beside` a result node is checked against no schema, like the node's own paths.
 */
function failuresUnder2xx(config: FieldsEnvelopeConfig): Partial<DialectContext> {
  const tested = config.success !== undefined || config.failure !== undefined;
  return { failuresUnder2xx: tested && config.beside === undefined && (config.data === undefined || config.wholeBody === true) };
}

export function applyFieldsEnvelope(config: FieldsEnvelopeConfig, facts: Contribution): void {
  facts.modules.add("envelope");
  const pluginConfig: Record<string, JsonValue> = {};
  if (config.data !== undefined) pluginConfig["data"] = config.data.map((d) => [...d]);
  if (config.success !== undefined) pluginConfig["success"] = config.success;
  if (config.failure !== undefined) pluginConfig["failure"] = config.failure;
  if (config.beside !== undefined) pluginConfig["beside"] = choiceJson(config.beside);
  if (config.meta !== undefined) pluginConfig["meta"] = Object.fromEntries(Object.entries(config.meta).map(([name, path]) => [name, choiceJson(path)]));
  if (config.nextOffset !== undefined) pluginConfig["nextOffset"] = choiceJson(config.nextOffset);
  if (config.offset !== undefined) pluginConfig["offset"] = choiceJson(config.offset);
  if (config.wholeBody === true && config.data !== undefined) {
    // The runtime keeps the whole body beside the payload: paging paths address it.
    pluginConfig["keepBody"] = true;
    facts.payloadPaths = config.data;
    facts.claimedAt.set("payloadPaths", ["schemas"]);
  }
  facts.plugins.push({ module: "envelope", exportName: "envelope", config: pluginConfig, takesOptions: false });
  facts.notes.push(config.note);
}
