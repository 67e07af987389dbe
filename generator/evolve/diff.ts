/**
 * Two surfaces in, the list of changes a caller of the package meets out, each classified as
 * breaking, additive or none (see change-kinds.ts for the rules, one line per kind).
 *
 *   diffSurfaces(before, after)
 *   → [{ id: "property-removed:ProblemDetails.traceId", level: "breaking", … }, …]
 */
import { type ChangeKind, LEVEL_RANK, type Level } from "./change-kinds.js";
import { type Expand, type Relation, type Shape, flatten, namesInText, parseType, printKey, printShape, relate } from "./shape.js";
import { type Model, type Operation, type Param, type Property, type Surface, paramSubject, propertySubject, resultSubject } from "./surface.js";

export interface Change {
  /** `<kind>:<subject>`: stable, and what `accept-breaking` lists. */
  readonly id: string;
  readonly kind: ChangeKind;
  readonly level: Level;
  readonly subject: string;
  /** One line for people: what changed, and where the type is used when that decides the level. */
  readonly detail: string;
}

type Use = "input" | "output";

/** Where each model is used: reachable from method parameters (input), from results (output). */
export function modelUses(surface: Surface): Map<string, Set<Use>> {
  const uses = new Map<string, Set<Use>>();
  const queue: [string, Use][] = [];
  const mark = (names: Iterable<string>, use: Use): void => {
    for (const name of names) {
      if (surface.models[name] === undefined) continue;
      const set = uses.get(name) ?? new Set<Use>();
      if (set.has(use)) continue;
      set.add(use);
      uses.set(name, set);
      queue.push([name, use]);
    }
  };
  for (const op of Object.values(surface.operations)) {
    for (const p of op.params) mark(namesInText(p.type), "input");
    mark(namesInText(op.result), "output");
  }
  for (const [name, model] of Object.entries(surface.models)) {
    if (model.kind === "class" || surface.exports[name] === "variable") mark([name], "output");
  }
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const [name, use] = next;
    const model = surface.models[name];
    if (model !== undefined) mark(modelReferences(model), use);
  }
  return uses;
}

function modelReferences(model: Model): Set<string> {
  const names = new Set<string>();
  if (model.kind === "enum") return names;
  if (model.kind === "alias") return namesInText(model.type, names);
  for (const base of model.bases) namesInText(base, names);
  for (const p of Object.values(model.properties)) namesInText(p.type, names);
  return names;
}

/** A model's structure as a shape, for comparing types that name different models. */
export function modelShape(model: Model): Shape {
  switch (model.kind) {
    case "enum":
      return model.members.length === 1 && model.members[0] !== undefined ? parseType(model.members[0]) : parseType(model.members.join(" | "));
    case "alias":
      return parseType(model.type);
    case "object":
    case "class": {
      const object: Shape = {
        k: "object",
        props: Object.entries(model.properties).map(([name, p]) => ({ name, optional: p.optional, readonly: p.readonly, type: parseType(p.type) })),
      };
      return model.bases.length === 0 ? object : { k: "inter", members: [...model.bases.map(parseType), object] };
    }
  }
}

function expander(surface: Surface): Expand {
  const cache = new Map<string, Shape>();
  return (name) => {
    const model = surface.models[name];
    if (model === undefined) return undefined;
    let shape = cache.get(name);
    if (shape === undefined) {
      shape = modelShape(model);
      cache.set(name, shape);
    }
    return shape;
  };
}

/** Code in a detail line, in backticks (Markdown code spans in CHANGELOG.md), whole: the report shortens it for print (report.ts). */
const code = (text: string): string => (text.includes("`") ? text : `\`${text}\``);
const enumMember = (text: string): string => {
  if (!text.startsWith('"')) return text;
  const value = JSON.parse(text) as string;
  return /^[A-Za-z0-9_$.-]+$/.test(value) ? value : text;
};
const signature = (op: Operation): string =>
  `(${op.params.map((p) => `${p.name}${p.optional ? "?" : ""}: ${p.type}`).join(", ")}): ${op.result}`;

class Collector {
  changes: Change[] = [];
  add(kind: ChangeKind, level: Level, subject: string, detail: string): void {
    this.changes.push({ id: `${kind}:${subject}`, kind, level, subject, detail });
  }
}

export function diffSurfaces(before: Surface, after: Surface): Change[] {
  const out = new Collector();
  const ctx: DiffContext = {
    out,
    beforeExpand: expander(before),
    afterExpand: expander(after),
    uses: usesOf(before, after),
  };
  diffExports(before, after, out);
  diffOperations(before, after, ctx);
  diffDeprecations(before, after, out);
  for (const name of Object.keys(before.models)) {
    const b = before.models[name];
    const a = after.models[name];
    // A model the same before and after has no change to report (diffModel finds none): skipped unread.
    if (b !== undefined && a !== undefined && !sameData(b, a)) diffModel(name, b, a, ctx);
  }
  const added = new Set(out.changes.filter((c) => c.kind.endsWith("-added")).map((c) => c.subject));
  const unique = new Map<string, Change>();
  // A new thing that is deprecated from the start is reported once, as new.
  out.changes = out.changes.filter((c) => c.kind !== "deprecated" || !added.has(c.subject));
  for (const change of out.changes) if (!unique.has(change.id)) unique.set(change.id, change);
  return [...unique.values()].sort((x, y) => LEVEL_RANK[x.level] - LEVEL_RANK[y.level] || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

interface DiffContext {
  readonly out: Collector;
  readonly beforeExpand: Expand;
  readonly afterExpand: Expand;
  /** Per model: how it is used before or after; a model no method reaches is treated as both. */
  readonly uses: (model: string) => { readonly input: boolean; readonly output: boolean; readonly label: string };
}

/** Two JSON values alike: same keys, same values. */
function sameData(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== "object" || typeof y !== "object" || x === null || y === null || Array.isArray(x) !== Array.isArray(y)) return false;
  const xKeys = Object.keys(x);
  if (xKeys.length !== Object.keys(y).length) return false;
  for (const key of xKeys) if (!Object.hasOwn(y, key) || !sameData((x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key])) return false;
  return true;
}

function usesOf(before: Surface, after: Surface): DiffContext["uses"] {
  // Read only when a model changed: reachability walks every type of both surfaces.
  let b: Map<string, Set<Use>> | undefined;
  let a: Map<string, Set<Use>> | undefined;
  return (model) => {
    b ??= modelUses(before);
    a ??= modelUses(after);
    const all = new Set([...(b.get(model) ?? []), ...(a.get(model) ?? [])]);
    if (all.size === 0) return { input: true, output: true, label: `${model} is used by no method: counted as input and output` };
    const input = all.has("input");
    const output = all.has("output");
    return { input, output, label: `${model} is ${input && output ? "input and output" : input ? "input" : "output"}` };
  };
}

const TYPE_ONLY = new Set(["interface", "type"]);

function diffExports(before: Surface, after: Surface, out: Collector): void {
  for (const [name, kind] of Object.entries(before.exports)) {
    const now = after.exports[name];
    if (now === undefined) out.add("export-removed", "breaking", name, `${kind} ${code(name)} is no longer exported`);
    else if (now !== kind) out.add("export-kind-changed", TYPE_ONLY.has(kind) && TYPE_ONLY.has(now) ? "none" : "breaking", name, `${code(name)}: ${kind} → ${now}`);
  }
  for (const [name, kind] of Object.entries(after.exports)) {
    if (before.exports[name] === undefined) out.add("export-added", "additive", name, `new ${kind} ${code(name)}`);
  }
}

/** An endpoint with its path parameters unnamed: `GET /pets/{petId}` and `GET /pets/{id}` are one endpoint. */
const sameEndpoint = (endpoint: string): string => endpoint.replace(/\{[^}/]*\}/g, "{}");
const parentOf = (id: string): string => (id.includes(".") ? id.slice(0, id.lastIndexOf(".")) : "");
const leafOf = (id: string): string => id.slice(id.lastIndexOf(".") + 1);
const operationKey = (op: Operation): string => JSON.stringify([op.params.map((p) => [p.name, p.optional, p.type]), op.result]);

function diffOperations(before: Surface, after: Surface, ctx: DiffContext): void {
  const removed = Object.keys(before.operations).filter((id) => after.operations[id] === undefined);
  const added = Object.keys(after.operations).filter((id) => before.operations[id] === undefined);
  // A method whose endpoint is now another method's was renamed; else a same-signature pair in one resource.
  const endpoint = (op: Operation | undefined): string => (op?.endpoint === undefined ? "" : sameEndpoint(op.endpoint));
  const byEndpoint = pairRenames(
    removed.filter((id) => endpoint(before.operations[id]) !== ""),
    added.filter((id) => endpoint(after.operations[id]) !== ""),
    (id) => endpoint(before.operations[id]),
    (id) => endpoint(after.operations[id]),
  );
  const paired = new Set(byEndpoint.values());
  const bySignature = pairRenames(
    removed.filter((id) => !byEndpoint.has(id)),
    added.filter((id) => !paired.has(id)),
    (id) => `${parentOf(id)}\u0000${operationKey(before.operations[id] as Operation)}`,
    (id) => `${parentOf(id)}\u0000${operationKey(after.operations[id] as Operation)}`,
  );
  const renamed = new Map([...byEndpoint, ...bySignature]);
  for (const [from, to] of renamed) {
    const same = operationKey(before.operations[from] as Operation) === operationKey(after.operations[to] as Operation);
    const how = byEndpoint.has(from) ? `, calling the same \`${after.operations[to]?.endpoint ?? ""}\`${same ? "" : ` (signature ${code(signature(after.operations[to] as Operation))})`}` : ", with the same signature";
    ctx.out.add("operation-renamed", "breaking", `${from}->${leafOf(to)}`, `${code(from)} is now ${code(to)}${how}`);
  }
  for (const id of removed) {
    if (!renamed.has(id)) ctx.out.add("operation-removed", "breaking", id, `${code(id + signature(before.operations[id] as Operation))} is gone`);
  }
  const renamedTo = new Set(renamed.values());
  for (const id of added) {
    if (!renamedTo.has(id)) ctx.out.add("operation-added", "additive", id, `new ${code(id + signature(after.operations[id] as Operation))}`);
  }
  for (const [id, b] of Object.entries(before.operations)) {
    const a = after.operations[id];
    if (a === undefined) continue;
    // A baseline from before endpoints were recorded has none: nothing to compare then.
    if (b.endpoint !== undefined && a.endpoint !== undefined && sameEndpoint(b.endpoint) !== sameEndpoint(a.endpoint)) {
      ctx.out.add("operation-repointed", "breaking", id, `${code(id)} now calls \`${a.endpoint}\`, not \`${b.endpoint}\`: calls that compile do something else`);
    }
    diffParams(id, b.params, a.params, ctx);
    diffType({ subject: id, inner: resultSubject(id), family: "result", use: OUTPUT, where: "", label: "" }, b.result, a.result, ctx);
  }
}

/** Removed/added pairs whose signatures match one to one: renames. */
function pairRenames(removed: readonly string[], added: readonly string[], keyBefore: (id: string) => string, keyAfter: (id: string) => string): Map<string, string> {
  const byKey = (ids: readonly string[], key: (id: string) => string): Map<string, string[]> => {
    const map = new Map<string, string[]>();
    for (const id of ids) map.set(key(id), [...(map.get(key(id)) ?? []), id]);
    return map;
  };
  const gone = byKey(removed, keyBefore);
  const fresh = byKey(added, keyAfter);
  const pairs = new Map<string, string>();
  for (const [key, ids] of gone) {
    const candidates = fresh.get(key);
    if (ids.length === 1 && candidates?.length === 1 && ids[0] !== undefined && candidates[0] !== undefined) pairs.set(ids[0], candidates[0]);
  }
  return pairs;
}


/** One argument before and after (same position, perhaps renamed): its optionality and its type. */
function diffParam(op: string, p: Param, q: Param, ctx: DiffContext): void {
  const { out } = ctx;
  const subject = `${op}(${q.name})`;
  if (p.optional && !q.optional) out.add("parameter-required", "breaking", subject, `${code(q.name)} is now required`);
  if (!p.optional && q.optional) out.add("parameter-optional", "additive", subject, `${code(q.name)} is now optional`);
  diffType({ subject, inner: paramSubject(op, q.name), family: "parameter", use: INPUT, where: "", label: `${code(q.name)}: ` }, p.type, q.type, ctx);
}

function diffParams(op: string, before: readonly Param[], after: readonly Param[], ctx: DiffContext): void {
  const { out } = ctx;
  const beforeIndex = new Map(before.map((p, i) => [p.name, i]));
  const afterIndex = new Map(after.map((p, i) => [p.name, i]));
  const renamedAt = new Set<number>();
  before.forEach((p, i) => {
    const j = afterIndex.get(p.name);
    if (j === undefined) {
      const q = after[i];
      if (q !== undefined && !beforeIndex.has(q.name)) {
        // Arguments are passed by position: a caller never writes the name, only the value, so
        // what counts is whether the argument still takes what it took.
        renamedAt.add(i);
        out.add("parameter-renamed", "none", `${op}(${p.name}->${q.name})`, `argument ${i + 1}: ${code(p.name)} → ${code(q.name)} (callers pass it by position)`);
        diffParam(op, p, q, ctx);
      } else {
        out.add("parameter-removed", "breaking", `${op}(${p.name})`, `parameter ${code(`${p.name}${p.optional ? "?" : ""}: ${p.type}`)} is gone`);
      }
      return;
    }
    const q = after[j] as Param;
    if (j !== i) out.add("parameter-moved", "breaking", `${op}(${p.name})`, `${code(p.name)} moves from argument ${i + 1} to ${j + 1}; calls that pass it break`);
    diffParam(op, p, q, ctx);
  });
  after.forEach((q, j) => {
    if (beforeIndex.has(q.name) || renamedAt.has(j)) return;
    out.add("parameter-added", q.optional ? "additive" : "breaking", `${op}(${q.name})`, `new ${q.optional ? "optional" : "required"} parameter ${code(`${q.name}${q.optional ? "?" : ""}: ${q.type}`)} (argument ${j + 1})`);
  });
}

/** The level of a type change at a position: narrowing hurts inputs, widening hurts outputs. */
function typeLevel(relation: Relation, use: { input: boolean; output: boolean }): Level {
  if (relation === "equal") return "none";
  if (relation === "changed") return "breaking";
  if (relation === "narrowed") return use.input ? "breaking" : "additive";
  return use.output ? "breaking" : "additive";
}

function diffModel(name: string, before: Model, given: Model, ctx: DiffContext): void {
  const { out } = ctx;
  const use = ctx.uses(name);
  const where = ` (${use.label})`;
  let after = given;
  if (before.typeParameters !== after.typeParameters) {
    // Type parameters that all have defaults, on a type that had none: every existing use names
    // the type without arguments, so it means what it did with the defaults put in.
    const defaults = before.typeParameters === "" ? parameterDefaults(after.typeParameters) : undefined;
    if (defaults === undefined) {
      out.add("type-parameters-changed", "breaking", name, `${code(name + (before.typeParameters || "<>"))} → ${code(name + (after.typeParameters || "<>"))}`);
    } else {
      out.add("type-parameters-added", "additive", name, `${code(name + after.typeParameters)} is new; without type arguments ${code(name)} is as before`);
      after = withDefaults(after, defaults);
    }
  }
  const objectLike = (m: Model): m is Extract<Model, { kind: "object" | "class" }> => m.kind === "object" || m.kind === "class";
  if (objectLike(before) && objectLike(after)) {
    diffBases(name, before.bases, after, use, where, ctx);
    diffProperties(name, before.properties, after.properties, use, where, ctx);
    return;
  }
  if (before.kind === "enum" && after.kind === "enum") {
    for (const m of before.members) {
      if (!after.members.includes(m)) out.add("enum-member-removed", "breaking", `${name}.${enumMember(m)}`, `${code(m)} is no longer in ${code(name)}${where}`);
    }
    for (const m of after.members) {
      if (!before.members.includes(m)) out.add("enum-member-added", use.output ? "breaking" : "additive", `${name}.${enumMember(m)}`, `${code(m)} is new in ${code(name)}${where}`);
    }
    return;
  }
  if (before.kind === "alias" && after.kind === "alias") {
    diffType({ subject: name, inner: name, family: "type", use, where, label: "" }, before.type, after.type, ctx);
    return;
  }
  const b = modelShape(before);
  const a = modelShape(after);
  const bText = before.kind === "alias" ? before.type : before.kind === "enum" ? before.members.join(" | ") : `{ ${Object.keys(before.properties).join(", ")} }`;
  const aText = after.kind === "alias" ? after.type : after.kind === "enum" ? after.members.join(" | ") : `{ ${Object.keys(after.properties).join(", ")} }`;
  if (bText === aText && before.kind === after.kind) return;
  const related = relate(b, ctx.beforeExpand, a, ctx.afterExpand);
  const relation: Relation = unionMembers(b).some(isOpenMember) && !unionMembers(a).some(isOpenMember) ? "changed" : related;
  const kind: ChangeKind = relation === "equal" ? "type-respelled" : `type-${relation}`;
  out.add(kind, typeLevel(relation, use), name, `${code(bText)} → ${code(aText)}${where}`);
}

/** `<Code extends string | number = string>` → `Code` → `string`; undefined when a parameter has no default. */
function parameterDefaults(typeParameters: string): Map<string, string> | undefined {
  const inner = typeParameters.replace(/^<|>$/g, "");
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of inner) {
    if ("<([{".includes(ch)) depth++;
    if (">)]}".includes(ch)) depth--;
    if (ch === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  const defaults = new Map<string, string>();
  for (const part of parts) {
    const match = /^\s*([A-Za-z_$][\w$]*)(?:\s+extends\s+[^=]+)?\s*=\s*(.+?)\s*$/.exec(part);
    if (match === null) return undefined;
    defaults.set(match[1] as string, match[2] as string);
  }
  return defaults;
}

/** The model with each type parameter replaced by its default. */
function withDefaults(model: Model, defaults: ReadonlyMap<string, string>): Model {
  const put = (text: string): string => {
    let out = text;
    for (const [param, fallback] of defaults) out = out.replace(new RegExp(`\\b${param.replace(/\$/g, "\\$")}\\b`, "g"), /^[\w$.]+$/.test(fallback) ? fallback : `(${fallback})`);
    return out;
  };
  if (model.kind === "enum") return { ...model, typeParameters: "" };
  if (model.kind === "alias") return { ...model, typeParameters: "", type: put(model.type) };
  const properties = Object.fromEntries(Object.entries(model.properties).map(([key, p]) => [key, { ...p, type: put(p.type) }]));
  return { ...model, typeParameters: "", bases: model.bases.map(put), properties };
}

function diffBases(name: string, before: readonly string[], after: Extract<Model, { kind: "object" | "class" }>, use: { input: boolean }, where: string, ctx: DiffContext): void {
  const { out } = ctx;
  for (const base of before) if (!after.bases.includes(base)) out.add("base-removed", "breaking", `${name}(${base})`, `${code(name)} no longer extends ${code(base)}${where}`);
  for (const base of after.bases) {
    if (before.includes(base)) continue;
    // A new base hurts an input only when it brings a required property the model did not have.
    const props = flatten(parseType(base), ctx.afterExpand)?.props;
    const required = props === undefined ? ["?"] : props.filter((p) => !p.optional && !p.name.startsWith("[") && after.properties[p.name] === undefined).map((p) => p.name);
    const level: Level = use.input && required.length > 0 ? "breaking" : "additive";
    const brings = required.length > 0 && props !== undefined ? `, which requires ${required.map((p) => code(printKey(p))).join(", ")}` : "";
    out.add("base-added", level, `${name}(${base})`, `${code(name)} now extends ${code(base)}${brings}${where}`);
  }
}

function diffProperties(
  model: string,
  before: Readonly<Record<string, Property>>,
  after: Readonly<Record<string, Property>>,
  use: { input: boolean; output: boolean },
  where: string,
  ctx: DiffContext,
): void {
  const { out } = ctx;
  const removed = Object.keys(before).filter((p) => after[p] === undefined);
  const added = Object.keys(after).filter((p) => before[p] === undefined);
  const key = (p: Property): string => `${p.optional}\u0000${p.type}`;
  const renamed = pairRenames(removed, added, (p) => key(before[p] as Property), (p) => key(after[p] as Property));
  const typed = (name: string, p: Property): string => code(`${printKey(name)}${p.optional ? "?" : ""}: ${p.type}`);
  for (const [from, to] of renamed) {
    out.add("property-renamed", "breaking", `${propertySubject(model, from)}->${to}`, `${code(printKey(from))} → ${code(printKey(to))}, same type${where}`);
  }
  for (const p of removed) {
    if (!renamed.has(p)) out.add("property-removed", "breaking", propertySubject(model, p), `${typed(p, before[p] as Property)} is gone${where}`);
  }
  const renamedTo = new Set(renamed.values());
  for (const p of added) {
    if (renamedTo.has(p)) continue;
    const prop = after[p] as Property;
    const level: Level = prop.optional || !use.input ? "additive" : "breaking";
    out.add("property-added", level, propertySubject(model, p), `new ${prop.optional ? "optional" : "required"} property ${typed(p, prop)}${where}`);
  }
  for (const [p, b] of Object.entries(before)) {
    const a = after[p];
    if (a === undefined) continue;
    const subject = propertySubject(model, p);
    if (b.optional && !a.optional) out.add("property-required", use.input ? "breaking" : "additive", subject, `${code(printKey(p))} is now required${where}`);
    if (!b.optional && a.optional) out.add("property-optional", use.output ? "breaking" : "additive", subject, `${code(printKey(p))} is now optional${where}`);
    diffType({ subject, inner: subject, family: "property", use, where, label: `${code(printKey(p))}: ` }, b.type, a.type, ctx);
  }
}

type Uses = { readonly input: boolean; readonly output: boolean };
const INPUT: Uses = { input: true, output: false };
const OUTPUT: Uses = { input: false, output: true };

/**
 * Where a type sits, for `diffType`: the subject its own change is reported under (`pets.get`
 * for a result, `pets.create(body)`, `Pet.tag`), the prefix of the subjects inside it
 * (`pets.get()` for a result's properties), which kind of change a whole-type change is, whether
 * it is an input or output, and the text around its detail.
 */
interface TypePosition {
  readonly subject: string;
  readonly inner: string;
  readonly family: "parameter" | "property" | "result" | "type";
  readonly use: Uses;
  readonly where: string;
  readonly label: string;
}

/**
 * A type before and after at one position. Inline types are compared as named ones are: an
 * object property by property (each change with its own id, `pets.create(body).email`), arrays
 * by their elements, generic wrappers (`APIPromise<…>`) by their arguments, and a union of
 * literals or references member by member (an inline enum value, a `oneOf` variant). Anything
 * else is one change of the whole type, classified by how the values relate.
 */
function diffType(at: TypePosition, beforeText: string, afterText: string, ctx: DiffContext): void {
  if (beforeText !== afterText) diffShapes(at, parseType(beforeText), parseType(afterText), ctx);
}

/** `string & {}` or `number & {}`: an open enum's "any other value" member. */
const isOpenMember = (s: Shape): boolean =>
  s.k === "inter" &&
  s.members.length === 2 &&
  s.members.some((m) => m.k === "kw" && (m.name === "string" || m.name === "number")) &&
  s.members.some((m) => m.k === "object" && m.props.length === 0);
const isNullish = (s: Shape): boolean => s.k === "kw" && (s.name === "null" || s.name === "undefined");
const unionMembers = (s: Shape): readonly Shape[] => (s.k === "union" ? s.members : [s]);

function diffShapes(at: TypePosition, b: Shape, a: Shape, ctx: DiffContext): void {
  const bText = printShape(b);
  const aText = printShape(a);
  if (bText === aText) return;
  if (b.k === "object" && a.k === "object") {
    const props = (shape: typeof b): Record<string, Property> =>
      Object.fromEntries(shape.props.map((p) => [p.name, { optional: p.optional, readonly: p.readonly, type: printShape(p.type) }]));
    diffProperties(at.inner, props(b), props(a), at.use, at.where, ctx);
    return;
  }
  if (b.k === "array" && a.k === "array" && b.readonly === a.readonly) {
    diffShapes({ ...at, inner: `${at.inner}[]` }, b.elem, a.elem, ctx);
    return;
  }
  // `APIPromise<X>` → `APIPromise<Y>`: compare X and Y (a model's name itself is compared by what it is).
  if (b.k === "ref" && a.k === "ref" && b.name === a.name && b.args.length === a.args.length && b.args.length > 0) {
    b.args.forEach((arg, i) => diffShapes(at, arg, a.args[i] as Shape, ctx));
    return;
  }
  const wasOpen = unionMembers(b).some(isOpenMember);
  // An open enum that closes (down to one value, which stays exact) loses the values a caller compares with.
  const related = relate(b, ctx.beforeExpand, a, ctx.afterExpand);
  const relation: Relation = wasOpen && !unionMembers(a).some(isOpenMember) ? "changed" : related;
  // Open enums relate as `string` either way: their members still tell what a caller meets.
  if ((relation !== "equal" || wasOpen) && diffMembers(at, b, a, ctx)) return;
  wholeTypeChange(at, relation, bText, aText, ctx);
}

/**
 * A union of literals and references that keeps some members and loses or gains others: one
 * change per member. A removed member is breaking both ways (a caller passes it, or compares
 * with it: `state === "approved"` no longer compiles); an added one is breaking on an output
 * (a `switch` no longer covers every case) and additive on an input. `null` coming or going is
 * a narrowing or widening of the whole type. False when the types are not such unions.
 */
function diffMembers(at: TypePosition, b: Shape, a: Shape, ctx: DiffContext): boolean {
  const bm = unionMembers(b);
  const am = unionMembers(a);
  const simple = (m: Shape): boolean => m.k === "lit" || m.k === "ref" || m.k === "kw" || isOpenMember(m);
  if (!bm.every(simple) || !am.every(simple)) return false;
  // Keywords and open members (`string & {}`) must match: a union that opens or closes is a whole-type change.
  const keywords = (ms: readonly Shape[]): string => ms.filter((m) => (m.k === "kw" && !isNullish(m)) || isOpenMember(m)).map(printShape).sort().join("|");
  if (keywords(bm) !== keywords(am)) return false;
  const bKeys = new Set(bm.map(printShape));
  const aKeys = new Set(am.map(printShape));
  const core = (ms: readonly Shape[]): Shape[] => ms.filter((m) => !isNullish(m));
  if (!core(bm).some((m) => aKeys.has(printShape(m))) || (core(bm).length < 2 && core(am).length < 2)) return false;
  const { out } = ctx;
  const whole = code(at.inner);
  for (const m of core(bm)) {
    const text = printShape(m);
    if (aKeys.has(text)) continue;
    if (m.k === "lit") out.add("enum-member-removed", "breaking", `${at.inner}.${enumMember(text)}`, `${code(text)} is no longer in ${whole}${at.where}`);
    else out.add("variant-removed", "breaking", `${at.inner}.${text}`, `${code(text)} is no longer a variant of ${whole}${at.where}`);
  }
  // An open enum (`client.open-enums`) already admits any other value: a caller's `switch` has a `default`.
  const open = bm.some(isOpenMember);
  for (const m of core(am)) {
    const text = printShape(m);
    if (bKeys.has(text)) continue;
    const level: Level = at.use.output && !open ? "breaking" : "additive";
    if (m.k === "lit") out.add("enum-member-added", level, `${at.inner}.${enumMember(text)}`, `${code(text)} is new in ${whole}${at.where}`);
    else out.add("variant-added", level, `${at.inner}.${text}`, `${code(text)} is a new variant of ${whole}${at.where}`);
  }
  const nullsBefore = bm.filter(isNullish).map(printShape).sort().join("|");
  const nullsAfter = am.filter(isNullish).map(printShape).sort().join("|");
  if (nullsBefore !== nullsAfter) {
    const relation: Relation = nullsAfter === "" ? "narrowed" : nullsBefore === "" ? "widened" : "changed";
    wholeTypeChange(at, relation, printShape(b), printShape(a), ctx);
  }
  return true;
}

/** One change for the whole type at a position, of the position's kind. */
function wholeTypeChange(at: TypePosition, relation: Relation, bText: string, aText: string, ctx: DiffContext): void {
  const change = `${at.label}${code(bText)} → ${code(aText)}`;
  switch (at.family) {
    case "result":
      if (relation === "equal") ctx.out.add("result-respelled", "none", at.subject, `${change}, the same type`);
      else ctx.out.add("result-changed", "breaking", at.subject, `${change} (${relation})`);
      return;
    case "parameter": {
      const level: Level = relation === "equal" ? "none" : relation === "widened" ? "additive" : "breaking";
      ctx.out.add(relation === "equal" ? "parameter-type-respelled" : `parameter-type-${relation}`, level, at.subject, change);
      return;
    }
    case "property":
      ctx.out.add(relation === "equal" ? "property-type-respelled" : `property-type-${relation}`, typeLevel(relation, at.use), at.subject, `${change}${at.where}`);
      return;
    case "type":
      ctx.out.add(relation === "equal" ? "type-respelled" : `type-${relation}`, typeLevel(relation, at.use), at.subject, `${change}${at.where}`);
  }
}

/** Subjects newly marked `@deprecated` (a baseline from before deprecations were recorded has none to compare). */
function diffDeprecations(before: Surface, after: Surface, out: Collector): void {
  if (before.deprecated === undefined) return;
  const was = new Set(before.deprecated);
  for (const subject of after.deprecated ?? []) {
    if (!was.has(subject)) out.add("deprecated", "additive", subject, `${code(subject)} is now deprecated: it still works; callers should move off it`);
  }
}

/** The highest level among changes: what the version bump follows. */
export function overallLevel(changes: readonly Change[]): Level {
  return changes.some((c) => c.level === "breaking") ? "breaking" : changes.some((c) => c.level === "additive") ? "additive" : "none";
}
