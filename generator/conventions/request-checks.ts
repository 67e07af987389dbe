/**
 * `x-conventions.request-checks`: rules the client checks before sending, where the provider
 * would answer with an error code instead.
 * - `date-time`: query parameters and body fields with `format: date-time` must be ISO 8601
 *   (`utc`: and in UTC; `iso8601`: any zone; `off`: unchecked). `Date` values always pass.
 * - `required-with`: query parameters that require others once given ("X" fields: `date_end`
 *   when `date_start` is given). For bodies the same rule is JSON Schema's `dependentRequired`
 *   on the object schema, read from the spec itself.
 * A refused call throws `RequestCheckError` naming the field(s), and nothing is sent.
 */
import type { IRDocument, IRType } from "../ir.js";
import type { Convention, JsonValue } from "./convention.js";
import { operationKey } from "./convention.js";
import { ConfigReader, isMapping } from "./read-config.js";

interface RequestChecksConventionConfig {
  readonly dateTime: "utc" | "iso8601" | "off";
  readonly requiredWith: Readonly<Record<string, readonly string[]>>;
}

interface BodyFacts {
  readonly dateTimes: string[];
  readonly dependent: { at: string; fields: Record<string, string[]> }[];
}

function isDateTime(type: IRType): boolean {
  if (type.kind === "primitive") return type.format === "date-time";
  return type.kind === "union" && type.members.some(isDateTime);
}

/** Date-time paths and `dependentRequired` groups in a body type, through refs, lists and compositions. */
function walkBody(type: IRType, ir: IRDocument, path: string, facts: BodyFacts, refs: readonly string[]): void {
  if (refs.length > 12) return;
  switch (type.kind) {
    case "ref": {
      // A schema that contains itself is walked once per path through it.
      if (refs.includes(type.schema)) return;
      const target = ir.schemas.find((s) => s.name === type.schema);
      if (target !== undefined) walkBody(target.type, ir, path, facts, [...refs, type.schema]);
      return;
    }
    case "array":
      if (isDateTime(type.items)) facts.dateTimes.push(`${path}[]`);
      else walkBody(type.items, ir, `${path}[]`, facts, refs);
      return;
    case "union":
    case "intersection":
      for (const member of type.members) walkBody(member, ir, path, facts, refs);
      return;
    case "object":
      if (type.dependentRequired !== undefined) facts.dependent.push({ at: path, fields: Object.fromEntries(Object.entries(type.dependentRequired).map(([k, v]) => [k, [...v]])) });
      for (const p of type.properties) {
        const at = path === "" ? p.name : `${path}.${p.name}`;
        if (isDateTime(p.type)) facts.dateTimes.push(at);
        else walkBody(p.type, ir, at, facts, refs);
      }
      return;
    default:
      return;
  }
}

export const requestChecksConvention: Convention<RequestChecksConventionConfig> = {
  key: "request-checks",
  summary: "checks before sending: `date-time` (utc, iso8601, off) for `format: date-time` fields; `required-with` for query parameters (bodies use `dependentRequired`)",
  parse(value, at, problems) {
    const read = new ConfigReader(problems, "request-checks");
    const node = read.mapping(value, at, ["date-time", "required-with"]);
    if (node === undefined) return undefined;
    const dateTime = read.oneOf(node, "date-time", at, ["utc", "iso8601", "off"] as const, "utc");
    const requiredWith: Record<string, string[]> = {};
    const raw = node["required-with"];
    if (raw !== undefined && !isMapping(raw)) problems.add([...at, "required-with"], "request-checks: required-with must be a mapping of parameter → the parameters it requires");
    for (const [name, list] of Object.entries(isMapping(raw) ? raw : {})) {
      if (!Array.isArray(list) || list.length === 0 || list.some((item) => typeof item !== "string" || item === "")) {
        problems.add([...at, "required-with", name], `request-checks: required-with.${name} must be a non-empty list of parameter names`);
      } else if (list.includes(name)) {
        problems.add([...at, "required-with", name], `request-checks: ${name} cannot require itself`);
      } else {
        requiredWith[name] = list as string[];
      }
    }
    return dateTime === undefined ? undefined : { dateTime, requiredWith };
  },
  apply(config, ir, facts) {
    const operations: Record<string, JsonValue> = {};
    for (const op of ir.operations) {
      const checks: Record<string, JsonValue> = {};
      const query = op.parameters.filter((p) => p.in === "query");
      const declared = new Set(query.map((p) => p.name));
      const queryChecks: Record<string, JsonValue> = {};
      const queryDates = config.dateTime === "off" ? [] : query.filter((p) => isDateTime(p.type)).map((p) => p.name);
      if (queryDates.length > 0) queryChecks["dateTimes"] = queryDates;
      // A rule applies where the operation declares the parameter; it requires what the operation declares.
      const fields = Object.fromEntries(
        Object.entries(config.requiredWith)
          .filter(([name]) => declared.has(name))
          .map(([name, required]) => [name, required.filter((r) => declared.has(r))] as const)
          .filter(([, required]) => required.length > 0),
      );
      if (Object.keys(fields).length > 0) queryChecks["dependent"] = [{ at: "", fields }];
      if (Object.keys(queryChecks).length > 0) checks["query"] = queryChecks;
      if (op.body !== undefined) {
        const body: BodyFacts = { dateTimes: [], dependent: [] };
        walkBody(op.body.type, ir, "", body, []);
        const bodyChecks: Record<string, JsonValue> = {};
        if (config.dateTime !== "off" && body.dateTimes.length > 0) bodyChecks["dateTimes"] = [...new Set(body.dateTimes)];
        if (body.dependent.length > 0) bodyChecks["dependent"] = body.dependent;
        if (Object.keys(bodyChecks).length > 0) checks["body"] = bodyChecks;
      }
      if (Object.keys(checks).length > 0) operations[operationKey(op.method, op.path)] = checks;
    }
    facts.modules.add("request-checks");
    facts.plugins.push({ module: "request-checks", exportName: "requestChecks", config: { utcOnly: config.dateTime === "utc", operations }, takesOptions: false });
    facts.runtimeExports.set("request-checks", new Set(["RequestCheckError"]));
    const parts: string[] = [];
    if (config.dateTime !== "off") {
      parts.push(
        `Date-time fields (query parameters and body fields the spec marks \`format: date-time\`) must be ISO 8601${config.dateTime === "utc" ? " in UTC" : ""}: \`2024-01-31T09:30:00Z\` or a date \`2024-01-31\`. Pass a \`Date\` and it is sent as its UTC ISO text; a string that is not such a date is refused before sending with \`RequestCheckError\` (\`rule: "date-time"\`).`,
      );
    }
    const pairs = Object.entries(config.requiredWith).map(([name, required]) => `\`${required.join("`, `")}\` with \`${name}\``);
    const bodyRule = "body fields the schemas tie together with `dependentRequired`";
    parts.push(
      `Fields required only when another is given are checked too — ${pairs.length > 0 ? `query parameters ${pairs.join("; ")}, and ` : ""}${bodyRule}. A call that gives one without the other is refused with \`RequestCheckError\` (\`rule: "required-with"\`), whose message and \`fields\` name both.`,
    );
    facts.notes.push({ title: "Checked before sending", text: parts.join(" ") });
  },
};
