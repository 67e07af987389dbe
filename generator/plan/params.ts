/**
 * Planning a method's one `params` argument: the request body's fields and the query and header
 * parameters in one object, so that a provider adding an optional parameter of any kind adds an
 * optional property and never moves an argument.
 *
 * The body's fields sit beside the parameters (flattened) when the body is object-like: an
 * object, a model that is one, or an `allOf` / union of such. It goes under its own key
 * (`params.body`) instead when it is not (an array, text, raw bytes, a scalar), when one of its
 * fields has the name of a query or header parameter.
 */
import type { IRBody, IRParameter, IRType } from "../ir.js";
import { code } from "../render/code.js";
import { jsdoc, propertyKey } from "../render/escape.js";
import { NameScope } from "./names.js";
import { sampleValue } from "./sample-value.js";
import { type TypeContext, propertyLine, tsType } from "./type-expr.js";
import type { ParamsTypeView } from "./view-model.js";

export interface ParamsInput {
  /** The exported type's name, `<Resource><Method>Params`. */
  readonly name: string;
  readonly body: IRBody | undefined;
  /** The body's TypeScript type when it is not the schema's (raw bytes accept several kinds). */
  readonly bodyTypeText: string | undefined;
  /** Query and header parameters the caller passes, in the spec's order. */
  readonly parameters: readonly IRParameter[];
  /** A parameter's TypeScript type (no `null`; a date-time also as a `Date`). */
  readonly parameterType: (p: IRParameter) => string;
  readonly schemaType: (name: string) => IRType | undefined;
  readonly ctx: TypeContext;
}

export interface ParamsPlan {
  readonly type: ParamsTypeView;
  /** Whether the argument may be left out: nothing in it is required. */
  readonly optional: boolean;
  /** The key holding the whole body, when the body is not flattened. */
  readonly bodyKey: string | undefined;
  /** Whether a flattened body may be left out, so params without body fields send none. */
  readonly optionalBody: boolean;
  /** The README sample of the argument, or undefined when a sample call can leave it out. */
  readonly sample: string | undefined;
}

/** What the body's fields are when it is object-like: their names and whether `{}` would not do. */
interface BodyFields {
  readonly keys: ReadonlySet<string>;
  readonly requires: boolean;
}

/** The fields of an object-like type; undefined when the type is not object-like. */
export function bodyFields(type: IRType, schemaType: (name: string) => IRType | undefined, seen: ReadonlySet<string> = new Set()): BodyFields | undefined {
  switch (type.kind) {
    case "object":
      return { keys: new Set(type.properties.map((p) => p.name)), requires: type.properties.some((p) => p.required) };
    case "ref": {
      const target = seen.has(type.schema) ? undefined : schemaType(type.schema);
      return target === undefined ? undefined : bodyFields(target, schemaType, new Set([...seen, type.schema]));
    }
    case "intersection":
    case "union": {
      const parts = type.members.map((m) => bodyFields(m, schemaType, seen));
      if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
      const fields = parts as BodyFields[];
      const keys = new Set(fields.flatMap((f) => [...f.keys]));
      // `allOf` needs what any part needs; a union accepts `{}` when any variant does.
      const requires = type.kind === "intersection" ? fields.some((f) => f.requires) : fields.every((f) => f.requires);
      return { keys, requires };
    }
    default:
      return undefined;
  }
}

/** Whether an interface may extend the type: an object, or an intersection of objects (no union). */
function extendable(type: IRType, schemaType: (name: string) => IRType | undefined, seen: ReadonlySet<string> = new Set()): boolean {
  if (type.kind === "object") return true;
  if (type.kind === "intersection") return type.members.every((m) => extendable(m, schemaType, seen));
  if (type.kind !== "ref" || seen.has(type.schema)) return false;
  const target = schemaType(type.schema);
  return target !== undefined && extendable(target, schemaType, new Set([...seen, type.schema]));
}

export function planParams(input: ParamsInput): ParamsPlan {
  const { body, parameters, ctx } = input;
  const parameterLines = parameters.map((p) => {
    const tags = p.deprecated ? ["@deprecated"] : [];
    const where = p.in === "header" ? `Sent as the \`${p.name}\` header.` : undefined;
    const doc = jsdoc([p.description, where].filter((t) => t !== undefined).join("\n\n") || undefined, tags);
    return `${doc}${propertyKey(p.name)}${p.required ? "" : "?"}: ${input.parameterType(p)};`;
  });
  const parameterKeys = new Set(parameters.map((p) => p.name));
  const parametersRequire = parameters.some((p) => p.required);
  const requiredSamples = parameters.filter((p) => p.required).map((p) => `${propertyKey(p.name)}: ${sampleValue(p.type, input.schemaType, p.name)}`);
  const literal = (lines: readonly string[]): string => (lines.length === 0 ? "{}" : `{\n${lines.join("\n")}\n}`);

  const fields = body === undefined || input.bodyTypeText !== undefined ? undefined : bodyFields(body.type, input.schemaType);
  const flat = body !== undefined && fields !== undefined && ![...fields.keys].some((k) => parameterKeys.has(k));

  if (body === undefined || !flat) {
    const bodyKey = body === undefined ? undefined : new NameScope([...parameterKeys]).claim("body");
    const lines = [...parameterLines];
    const samples = [...requiredSamples];
    if (body !== undefined && bodyKey !== undefined) {
      const doc = jsdoc([body.description, "The request body."].filter((t) => t !== undefined).join("\n\n"));
      lines.unshift(`${doc}${propertyKey(bodyKey)}${body.required ? "" : "?"}: ${input.bodyTypeText ?? tsType(body.type, ctx)};`);
      samples.unshift(`${propertyKey(bodyKey)}: ${sampleValue(body.type, input.schemaType, "body")}`);
    }
    const optional = !parametersRequire && body?.required !== true;
    return {
      type: { name: input.name, heritage: undefined, isInterface: false, body: code(literal(lines)) },
      optional,
      bodyKey,
      optionalBody: false,
      sample: samples.length === 0 ? undefined : `{ ${samples.join(", ")} }`,
    };
  }

  const optional = !parametersRequire && !(body.required && fields.requires);
  const bodySample = sampleValue(body.type, input.schemaType, "body");
  const bodySamples = /^\{ (.*) \}$/.exec(bodySample)?.[1];
  const samples = [...(bodySamples === undefined ? [] : [bodySamples]), ...requiredSamples];
  const sample = samples.length > 0 ? `{ ${samples.join(", ")} }` : optional ? undefined : "{}";
  const planned = { optional, bodyKey: undefined, optionalBody: !body.required, sample };
  const type = body.type;
  if (type.kind === "object") {
    // One object: the body's own properties, then the parameters. An index signature must admit
    // every property, so it stays `unknown` when there are named ones.
    const lines = [...type.properties.map((p) => propertyLine(p, ctx)), ...parameterLines];
    if (type.additional !== undefined) lines.push(`[key: string]: ${lines.length === 0 ? tsType(type.additional, ctx) : "unknown"};`);
    return { ...planned, type: { name: input.name, heritage: undefined, isInterface: false, body: code(literal(lines)) } };
  }
  if (type.kind === "ref" && extendable(type, input.schemaType)) {
    // A model is extended: a field it gains is a field the params gain, whatever its spelling.
    return { ...planned, type: { name: input.name, heritage: code(ctx.schemaName(type.schema)), isInterface: true, body: code(literal(parameterLines)) } };
  }
  const bodyType = tsType(type, ctx);
  const wrapped = type.kind === "union" ? `(${bodyType})` : bodyType;
  const text = parameterLines.length === 0 ? bodyType : `${wrapped} & ${literal(parameterLines)}`;
  return { ...planned, type: { name: input.name, heritage: undefined, isInterface: false, body: code(text) } };
}
