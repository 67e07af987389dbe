/**
 * `x-conventions.paging`: how list operations page, so their methods return a `PagePromise`
 * (await it for the first page, `for await` it for every item).
 * - `offset`: an item offset and a page size (`start_from` + `count`).
 * - `page`: a page number and a page size (`page` + `paginate`).
 * In scope: the listed `operations` (operationIds), or every GET whose query has both parameters
 * and whose result is a list.
 */
import type { IRDocument, IROperation, IRType } from "../ir.js";
import type { Convention } from "./convention.js";
import { operationKey } from "./convention.js";
import { ConfigReader } from "./read-config.js";

interface PagingConventionConfig {
  readonly type: "offset" | "page";
  readonly cursorParam: string;
  readonly sizeParam: string;
  readonly first: number;
  readonly operations: readonly string[] | undefined;
}

function resultIsList(op: IROperation, ir: IRDocument): boolean {
  const success = op.responses.find((r) => /^2/.test(r.status) && r.type !== undefined);
  let type: IRType | undefined = success?.type;
  for (let hops = 0; type?.kind === "ref" && hops < 8; hops++) {
    const name: string = type.schema;
    type = ir.schemas.find((s) => s.name === name)?.type;
  }
  return type?.kind === "array";
}

export const pagingConvention: Convention<PagingConventionConfig> = {
  key: "paging",
  summary: "list paging: `type: offset` (offset-param, limit-param) or `type: page` (page-param, size-param), `first`, `operations`",
  parse(value, at, problems) {
    const read = new ConfigReader(problems, "paging");
    const node = read.mapping(value, at, ["type", "offset-param", "limit-param", "page-param", "size-param", "first", "operations"]);
    if (node === undefined) return undefined;
    const type = read.oneOf(node, "type", at, ["offset", "page"] as const);
    if (type === undefined) return undefined;
    const [cursorKey, sizeKey, wrong] =
      type === "offset" ? (["offset-param", "limit-param", ["page-param", "size-param"]] as const) : (["page-param", "size-param", ["offset-param", "limit-param"]] as const);
    for (const key of wrong) if (node[key] !== undefined) problems.addAtKey([...at, key], `paging: "${key}" does not belong to type: ${type}`);
    const cursorParam = read.string(node, cursorKey, at);
    const sizeParam = read.string(node, sizeKey, at);
    const first = node["first"] ?? (type === "offset" ? 0 : 1);
    if (typeof first !== "number" || !Number.isInteger(first) || first < 0) {
      problems.add([...at, "first"], "paging: first must be a whole number, 0 or more");
      return undefined;
    }
    const operations = read.stringList(node, "operations", at);
    if (cursorParam === undefined || sizeParam === undefined) return undefined;
    return { type, cursorParam, sizeParam, first, operations };
  },
  apply(config, ir, facts) {
    facts.modules.add("paging");
    const paging = { type: config.type, cursorParam: config.cursorParam, sizeParam: config.sizeParam, first: config.first };
    const inScope = ir.operations.filter((op) =>
      config.operations !== undefined
        ? op.operationId !== undefined && config.operations.includes(op.operationId)
        : op.method === "get" &&
          [config.cursorParam, config.sizeParam].every((name) => op.parameters.some((p) => p.in === "query" && p.name === name)) &&
          resultIsList(op, ir),
    );
    for (const op of inScope) facts.paging.set(operationKey(op.method, op.path), paging);
    const how = config.type === "offset" ? `\`${config.cursorParam}\` (offset) and \`${config.sizeParam}\` (page size)` : `\`${config.cursorParam}\` (page number, from ${config.first}) and \`${config.sizeParam}\` (page size)`;
    facts.notes.push({
      title: "Paging",
      text: `List methods page through ${how}. \`await client.x.list()\` resolves to the first page (\`items\`, \`hasNextPage\`, \`nextPage()\`); \`for await (const item of client.x.list())\` walks every item of every page; \`.pages()\` walks page by page.`,
    });
  },
};
