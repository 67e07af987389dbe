/**
 * `npm run generate -- --accept-breaking`: adds change ids to a spec's
 * `x-conventions.client.accept-breaking` list in the spec file itself, touching nothing else.
 *
 * YAML is edited as text at the positions the `yaml` library's Document reports (re-serialising
 * a whole document would refold long descriptions and re-indent lists): new items go after the
 * list's last one with the same indentation, or into a flow list before its `]`; missing keys are
 * added after the mapping's last entry. Comments, quoting and layout are kept byte for byte. A
 * layout this cannot place text in (a flow mapping, say) is set through the Document API instead.
 * JSON is re-serialised with the file's own indentation.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { type Document, isMap, isSeq, parseDocument } from "yaml";
import type { Evolution } from "./evolve.js";

const PATH = ["x-conventions", "client", "accept-breaking"] as const;

/** Adds `ids` (those not yet listed) to the spec's accept-breaking list; returns the ids added. */
export function acceptInSpec(file: string, ids: readonly string[]): string[] {
  const text = readFileSync(file, "utf8");
  const edited = file.endsWith(".json") ? acceptInJson(text, ids) : acceptInYaml(text, ids);
  if (edited.added.length > 0) writeFileSync(file, edited.text);
  return edited.added;
}

export function acceptInJson(text: string, ids: readonly string[]): { text: string; added: string[] } {
  const spec = JSON.parse(text) as Record<string, unknown>;
  const object = (parent: Record<string, unknown>, key: string): Record<string, unknown> => {
    const value = parent[key];
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    const created: Record<string, unknown> = {};
    parent[key] = created;
    return created;
  };
  const client = object(object(spec, PATH[0]), PATH[1]);
  const list = Array.isArray(client[PATH[2]]) ? (client[PATH[2]] as unknown[]) : [];
  const added = ids.filter((id) => !list.includes(id));
  if (added.length === 0) return { text, added };
  client[PATH[2]] = [...list, ...added];
  const indent = /^\{\r?\n([ \t]+)"/.exec(text)?.[1] ?? (text.includes("\n") ? "  " : "");
  return { text: `${JSON.stringify(spec, null, indent)}${text.endsWith("\n") ? "\n" : ""}`, added };
}

export function acceptInYaml(text: string, ids: readonly string[]): { text: string; added: string[] } {
  const doc = parseDocument(text);
  const current = doc.getIn([...PATH]);
  const listed = isSeq(current) ? current.items.map((item) => (item !== null && typeof item === "object" && "value" in item ? item.value : item)) : [];
  const added = ids.filter((id) => !listed.includes(id));
  if (added.length === 0) return { text, added };
  const edited = insertText(text, doc, added);
  if (edited !== undefined && JSON.stringify(parseDocument(edited).toJS()) === JSON.stringify(withList(doc.toJS(), [...listed, ...added]))) return { text: edited, added };
  // A layout the text edit cannot handle: let the Document API place it (comments survive, layout may not).
  if (isSeq(current)) for (const id of added) current.add(doc.createNode(id));
  else doc.setIn([...PATH], doc.createNode([...added]));
  return { text: doc.toString({ lineWidth: 0 }), added };
}

/** The spec's data with the accept-breaking list set to `list`: what the edited text must read as. */
function withList(data: unknown, list: readonly unknown[]): unknown {
  const copy = structuredClone(data) as Record<string, unknown>;
  let node = copy;
  for (const key of PATH.slice(0, -1)) {
    const next = node[key];
    node[key] = typeof next === "object" && next !== null ? next : {};
    node = node[key] as Record<string, unknown>;
  }
  node[PATH[PATH.length - 1] as string] = list;
  return copy;
}

const lineStart = (text: string, at: number): number => text.lastIndexOf("\n", at - 1) + 1;
/** The end of the line holding the last non-blank character before `at`. */
function contentLineEnd(text: string, at: number): number {
  let last = at - 1;
  while (last > 0 && /\s/.test(text[last] ?? "")) last--;
  const end = text.indexOf("\n", last);
  return end < 0 ? text.length : end;
}
const newline = (text: string): string => (text.includes("\r\n") ? "\r\n" : "\n");

/** The text with the ids inserted, or undefined when the layout is not one this handles. */
function insertText(text: string, doc: Document, ids: readonly string[]): string | undefined {
  const nl = newline(text);
  const items = (indent: string): string => ids.map((id) => `${nl}${indent}- ${JSON.stringify(id)}`).join("");
  const list = doc.getIn([...PATH], true);
  if (isSeq(list) && list.range !== undefined && list.range !== null) {
    if (list.flow === true) {
      const close = text.lastIndexOf("]", list.range[1]);
      if (close < list.range[0]) return undefined;
      const before = text.slice(list.range[0] + 1, close).trim();
      const joined = ids.map((id) => JSON.stringify(id)).join(", ");
      return `${text.slice(0, close).replace(/\s*$/, "")}${before === "" ? "" : ", "}${joined}${text.slice(close)}`;
    }
    const first = list.items[0];
    const last = list.items[list.items.length - 1];
    if (!(first !== null && typeof first === "object" && "range" in first && Array.isArray(first.range)) || !(last !== null && typeof last === "object" && "range" in last && Array.isArray(last.range))) return undefined;
    const prefix = text.slice(lineStart(text, first.range[0]), first.range[0]);
    const dash = /^(\s*)- $/.exec(prefix);
    if (dash === null) return undefined;
    const at = contentLineEnd(text, last.range[1]);
    return `${text.slice(0, at)}${items(dash[1] ?? "")}${text.slice(at)}`;
  }
  // The deepest mapping on the path that exists, and the keys still missing under it.
  for (let depth = PATH.length - 1; depth >= 0; depth--) {
    const parent = depth === 0 ? doc.contents : doc.getIn(PATH.slice(0, depth), true);
    if (!isMap(parent)) continue;
    if (parent.flow === true || parent.range === undefined || parent.range === null) return undefined;
    const missing = PATH.slice(depth);
    const firstKey = parent.items[0]?.key;
    const column = firstKey !== null && typeof firstKey === "object" && "range" in firstKey && Array.isArray(firstKey.range) ? firstKey.range[0] - lineStart(text, firstKey.range[0]) : 0;
    const indent = " ".repeat(column);
    const step = "  ";
    const keys = missing.slice(0, -1).map((key, i) => `${nl}${indent}${step.repeat(i)}${key}:`).join("");
    const lastKey = `${nl}${indent}${step.repeat(missing.length - 1)}${missing[missing.length - 1] ?? ""}:`;
    const block = `${keys}${lastKey}${items(`${indent}${step.repeat(missing.length)}`)}`;
    if (parent.items.length === 0) return undefined;
    const at = contentLineEnd(text, parent.range[1]);
    return `${text.slice(0, at)}${block}${text.slice(at)}`;
  }
  return undefined;
}

/**
 * The run's `--accept-breaking`: each package's breaking changes its spec does not accept yet
 * are added to the spec's list, and the evolutions come back accepted. Prints what it added.
 */
export function acceptUnacknowledged(evolutions: readonly Evolution[], print: (text: string) => void): Evolution[] {
  return evolutions.map((evolution) => {
    if (evolution.unacknowledged.length === 0) return evolution;
    const ids = evolution.unacknowledged.map((c) => c.id);
    const added = acceptInSpec(evolution.spec.file, ids);
    const n = added.length;
    print(`${evolution.spec.file}: accepted ${n} breaking change${n === 1 ? "" : "s"} of ${evolution.report.package} ${evolution.release.version} in x-conventions.client.accept-breaking:\n${added.map((id) => `  ${id}\n`).join("")}`);
    return { ...evolution, spec: { ...evolution.spec, acceptBreaking: [...evolution.spec.acceptBreaking, ...added] }, unacknowledged: [] };
  });
}
