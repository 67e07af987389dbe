/**
 * Two surfaces in, the list of changes a caller of the package meets out, each classified as
 * breaking, additive or none (see change-kinds.ts for the rules, one line per kind).
 *
 *   diffSurfaces(before, after)
 *   → [{ id: "property-removed:ProblemDetails.traceId", level: "breaking", … }, …]
 */
import { type ChangeKind, LEVEL_RANK, type Level } from "./change-kinds.js";
import { type Expand, type Relation, type Shape, flatten, parseType, printKey, referencedNames, relate } from "./shape.js";
import type { Model, Operation, Param, Property, Surface } from "./surface.js";

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
    for (const p of op.params) mark(referencedNames(parseType(p.type)), "input");
    mark(referencedNames(parseType(op.result)), "output");
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
  if (model.kind === "alias") return referencedNames(parseType(model.type), names);
  for (const base of model.bases) referencedNames(parseType(base), names);
  for (const p of Object.values(model.properties)) referencedNames(parseType(p.type), names);
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

const MAX_TYPE = 100;
/** Code in a detail line, in backticks (Markdown code spans in CHANGELOG.md), shortened when long. */
const code = (text: string): string => {
  const short = text.length <= MAX_TYPE ? text : `${text.slice(0, MAX_TYPE - 1)}…`;
  return short.includes("`") ? short : `\`${short}\``;
};
const enumMember = (text: string): string => {
  if (!text.startsWith('"')) return text;
  const value = JSON.parse(text) as string;
  return /^[A-Za-z0-9_$.-]+$/.test(value) ? value : text;
};
const propertySubject = (model: string, name: string): string => (name.startsWith("[") ? `${model}${name}` : `${model}.${/^[A-Za-z0-9_$-]+$/.test(name) ? name : JSON.stringify(name)}`);
const signature = (op: Operation): string =>
  `(${op.params.map((p) => `${p.name}${p.optional ? "?" : ""}: ${p.type}`).join(", ")}): ${op.result}`;

class Collector {
  readonly changes: Change[] = [];
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
  for (const name of Object.keys(before.models)) {
    const b = before.models[name];
    const a = after.models[name];
    if (b !== undefined && a !== undefined) diffModel(name, b, a, ctx);
  }
  const unique = new Map<string, Change>();
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

function usesOf(before: Surface, after: Surface): DiffContext["uses"] {
  const b = modelUses(before);
  const a = modelUses(after);
  return (model) => {
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

const parentOf = (id: string): string => (id.includes(".") ? id.slice(0, id.lastIndexOf(".")) : "");
const leafOf = (id: string): string => id.slice(id.lastIndexOf(".") + 1);
const operationKey = (op: Operation): string => JSON.stringify([op.params.map((p) => [p.name, p.optional, p.type]), op.result]);

function diffOperations(before: Surface, after: Surface, ctx: DiffContext): void {
  const removed = Object.keys(before.operations).filter((id) => after.operations[id] === undefined);
  const added = Object.keys(after.operations).filter((id) => before.operations[id] === undefined);
  const renamed = pairRenames(
    removed,
    added,
    (id) => `${parentOf(id)}\u0000${operationKey(before.operations[id] as Operation)}`,
    (id) => `${parentOf(id)}\u0000${operationKey(after.operations[id] as Operation)}`,
  );
  for (const [from, to] of renamed) ctx.out.add("operation-renamed", "breaking", `${from}->${leafOf(to)}`, `${code(from)} is now ${code(to)}, with the same signature`);
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
    diffParams(id, b.params, a.params, ctx);
    if (b.result !== a.result) {
      const relation = relateTexts(b.result, a.result, ctx);
      if (relation === "equal") ctx.out.add("result-respelled", "none", id, `${code(b.result)} → ${code(a.result)}, the same type`);
      else ctx.out.add("result-changed", "breaking", id, `${code(b.result)} → ${code(a.result)} (${relation})`);
    }
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

function relateTexts(before: string, after: string, ctx: DiffContext): Relation {
  return relate(parseType(before), ctx.beforeExpand, parseType(after), ctx.afterExpand);
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
        renamedAt.add(i);
        const types = p.type === q.type ? "" : ` (${code(p.type)} → ${code(q.type)})`;
        out.add("parameter-renamed", "breaking", `${op}(${p.name}->${q.name})`, `argument ${i + 1}: ${code(p.name)} → ${code(q.name)}${types}`);
      } else {
        out.add("parameter-removed", "breaking", `${op}(${p.name})`, `parameter ${code(`${p.name}${p.optional ? "?" : ""}: ${p.type}`)} is gone`);
      }
      return;
    }
    const q = after[j] as Param;
    const subject = `${op}(${p.name})`;
    if (j !== i) out.add("parameter-moved", "breaking", subject, `${code(p.name)} moves from argument ${i + 1} to ${j + 1}; calls that pass it break`);
    if (p.optional && !q.optional) out.add("parameter-required", "breaking", subject, `${code(p.name)} is now required`);
    if (!p.optional && q.optional) out.add("parameter-optional", "additive", subject, `${code(p.name)} is now optional`);
    if (p.type !== q.type) {
      const relation = relateTexts(p.type, q.type, ctx);
      const level: Level = relation === "equal" ? "none" : relation === "widened" ? "additive" : "breaking";
      const kind: ChangeKind = relation === "equal" ? "parameter-type-respelled" : `parameter-type-${relation}`;
      out.add(kind, level, subject, `${code(p.name)}: ${code(p.type)} → ${code(q.type)}`);
    }
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
  const b = modelShape(before);
  const a = modelShape(after);
  const bText = before.kind === "alias" ? before.type : before.kind === "enum" ? before.members.join(" | ") : `{ ${Object.keys(before.properties).join(", ")} }`;
  const aText = after.kind === "alias" ? after.type : after.kind === "enum" ? after.members.join(" | ") : `{ ${Object.keys(after.properties).join(", ")} }`;
  if (bText === aText && before.kind === after.kind) return;
  const relation = relate(b, ctx.beforeExpand, a, ctx.afterExpand);
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
    if (b.type !== a.type) {
      const relation = relateTexts(b.type, a.type, ctx);
      const kind: ChangeKind = relation === "equal" ? "property-type-respelled" : `property-type-${relation}`;
      out.add(kind, typeLevel(relation, use), subject, `${code(printKey(p))}: ${code(b.type)} → ${code(a.type)}${where}`);
    }
  }
}

/** The highest level among changes: what the version bump follows. */
export function overallLevel(changes: readonly Change[]): Level {
  return changes.some((c) => c.level === "breaking") ? "breaking" : changes.some((c) => c.level === "additive") ? "additive" : "none";
}
