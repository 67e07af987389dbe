/**
 * `x-conventions.paging` on the generator side (generator/conventions/paging.ts): every type and
 * its keys, body paths in both spellings checked against the operations' schemas, mistakes
 * reported at their position; and what the plan makes of it — the methods' return types, the
 * paged form added beside a published method, and the page size default taken from the spec.
 */
import { describe, expect, it } from "vitest";
import { applyConventions } from "../../generator/conventions/index.js";
import type { Facts } from "../../generator/conventions/convention.js";
import { loadSpecText } from "../../generator/load/load-spec.js";
import { normalize } from "../../generator/normalize/normalize.js";
import { plan } from "../../generator/plan/plan.js";
import { validateSpec } from "../../generator/validate/validate-spec.js";
import { lines, problemLines } from "../load/problem-lines.js";

// Line numbers matter: x-conventions starts on line 33, so its first key is on line 34.
const BODY = [
  "openapi: 3.1.0",
  "info: {title: T, version: '1'}",
  "paths:",
  "  /channels:",
  "    get:",
  "      operationId: Channels_List",
  "      parameters:",
  "        - {name: cursor, in: query, schema: {type: string}}",
  "        - {name: limit, in: query, schema: {type: integer, default: 20}}",
  "      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/ChannelPage'}}}}}",
  "  /search:",
  "    post:",
  "      operationId: Things_Search",
  "      requestBody: {content: {application/json: {schema: {type: object, properties: {q: {type: string}, cursor: {type: object, properties: {after: {type: string}}}}}}}}",
  "      responses: {'200': {description: ok, content: {application/json: {schema: {type: object, properties: {data: {type: [array, 'null'], items: {type: string}}, after: {type: [string, 'null']}}}}}}}",
  "  /repos:",
  "    get:",
  "      operationId: Repos_List",
  "      parameters:",
  "        - {name: page, in: query, schema: {type: integer}}",
  "        - {name: per_page, in: query, schema: {type: integer, default: 30}}",
  "      responses: {'200': {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}}",
  "components:",
  "  schemas:",
  "    ChannelPage:",
  "      type: object",
  "      properties:",
  "        ok: {type: boolean}",
  "        channels: {type: array, items: {type: object, properties: {id: {type: string}}}}",
  "        response_metadata: {type: object, properties: {next_cursor: {type: string}}}",
  "        result_info: {type: object, properties: {total_pages: {type: integer}}}",
  "        has_more: {type: boolean}",
  "x-conventions:",
];

function spec(...xConventions: string[]) {
  return loadSpecText("specs/x.yaml", lines(...BODY, ...xConventions));
}

function conventions(...xConventions: string[]): Facts {
  const loaded = spec(...xConventions);
  validateSpec(loaded);
  return applyConventions(loaded, normalize(loaded));
}

describe("bad paging is reported at its position", () => {
  const cases: { name: string; given: string[]; want: string[] }[] = [
    {
      name: "an unknown paging type",
      given: ["  paging: {type: token, cursor-param: cursor}"],
      want: ['specs/x.yaml:34:18: paging: "type" must be one of offset, page, cursor, link, next-url, found "token"'],
    },
    {
      name: "an unknown key",
      given: ["  paging: {type: link, next-link: x}"],
      want: ['specs/x.yaml:34:24: paging: unknown key "next-link" (known keys: type, items, has-more, operations, paged-method, offset-param, limit-param, first, page-param, size-param, total-pages, cursor-param, cursor-field, next-cursor, next-cursor-header, next-url)'],
    },
    {
      name: "a key of another type",
      given: ["  paging: {type: link, total-pages: pages}"],
      want: ['specs/x.yaml:34:24: paging: "total-pages" does not belong to type: link'],
    },
    {
      name: "a dotted path with an empty segment",
      given: ["  paging: {type: cursor, cursor-param: cursor, next-cursor: response_metadata..next_cursor}"],
      want: ['specs/x.yaml:34:61: paging: "next-cursor": "response_metadata..next_cursor" has an empty segment'],
    },
    {
      name: "a JSON Pointer with a bad escape",
      given: ["  paging: {type: cursor, cursor-param: cursor, next-cursor: /response_metadata/next~2cursor}"],
      want: ['specs/x.yaml:34:61: paging: "next-cursor": "/response_metadata/next~2cursor" is not a JSON Pointer: "~" must be followed by 0 or 1 (~0 is "~", ~1 is "/")'],
    },
    {
      name: "a path the listed operation's response cannot have",
      given: ["  paging:", "    type: cursor", "    operations: [Channels_List]", "    cursor-param: cursor", "    items: channels", "    next-cursor: response_metadata.cursor"],
      want: ['specs/x.yaml:39:18: paging: Channels_List has no field at "response_metadata.cursor" in its response'],
    },
    {
      name: "items that are not a list",
      given: ["  paging:", "    type: cursor", "    operations: [Channels_List]", "    cursor-param: cursor", "    items: /response_metadata", "    next-cursor: /response_metadata/next_cursor"],
      want: ['specs/x.yaml:38:12: paging: Channels_List has no list at "/response_metadata" in its response'],
    },
    {
      name: "a cursor field the request body cannot have",
      given: ["  paging:", "    type: cursor", "    operations: [Things_Search]", "    cursor-field: cursor.before", "    next-cursor: after", "    items: data"],
      want: ['specs/x.yaml:37:19: paging: Things_Search has no field at "cursor.before" in its request body'],
    },
    {
      name: "a listed operation without the query parameter",
      given: ["  paging: {type: page, page-param: p, size-param: per_page, operations: [Repos_List]}"],
      want: ['specs/x.yaml:34:36: paging: Repos_List has no query parameter "p"'],
    },
    {
      name: "an operationId no operation has",
      given: ["  paging: {type: link, operations: [Repos_Lsit]}"],
      want: ['specs/x.yaml:34:37: paging: no operation has the operationId "Repos_Lsit"'],
    },
    {
      name: "an entry no operation fits",
      given: ["  paging: {type: cursor, cursor-param: page_token, next-cursor: next}"],
      want: ['specs/x.yaml:34:18: paging: no operation fits this entry; list them in "operations" to be told what each lacks'],
    },
    {
      name: "cursor without where to send it",
      given: ["  paging: {type: cursor, next-cursor: after}"],
      want: ["specs/x.yaml:34:11: paging: type: cursor needs cursor-param or cursor-field (where the cursor is sent)"],
    },
    {
      name: "cursor with both a body path and a header to read",
      given: ["  paging: {type: cursor, cursor-param: c, next-cursor: after, next-cursor-header: X-Next}"],
      want: ['specs/x.yaml:34:63: paging: "next-cursor" and "next-cursor-header" are alternatives; give one (where the next cursor is read)'],
    },
    {
      name: "next-url without its path",
      given: ["  paging: {type: next-url}"],
      want: ['specs/x.yaml:34:11: paging: type: next-url needs "next-url" (the body field with the next page\'s URL)'],
    },
    {
      name: "two entries paging one operation",
      given: ["  paging:", "    - {type: link, operations: [Repos_List]}", "    - {type: page, page-param: page, size-param: per_page, operations: [Repos_List]}"],
      want: ["specs/x.yaml:36:72: paging: Repos_List is paged by two entries (the other at x-conventions.paging.0)"],
    },
    {
      name: "a paged method that is no camelCase name",
      given: ["  paging: {type: link, paged-method: list-all}"],
      want: ['specs/x.yaml:34:38: paging: option name "list-all" must be camelCase letters and digits'],
    },
  ];
  it.each(cases)("$name", ({ given, want }) => expect(problemLines(() => conventions(...given))).toEqual(want));
});

describe("good paging becomes runtime config", () => {
  it.each([
    {
      name: "cursor from a body path, sent as a query parameter, in scope by fit",
      given: ["  paging: {type: cursor, cursor-param: cursor, items: channels, next-cursor: response_metadata.next_cursor, has-more: has_more}"],
      want: { "GET /channels": { type: "cursor", cursorParam: "cursor", items: ["channels"], next: ["response_metadata", "next_cursor"], hasMore: ["has_more"] } },
    },
    {
      name: "cursor sent as a body field (a POST, listed)",
      given: ["  paging: {type: cursor, operations: [Things_Search], cursor-field: /cursor/after, next-cursor: after, items: data}"],
      want: { "POST /search": { type: "cursor", cursorField: ["cursor", "after"], items: ["data"], next: ["after"] } },
    },
    {
      name: "page with total_pages; the size default from the parameter; first written, so sent",
      given: ["  paging: {type: page, page-param: page, size-param: limit, first: 1, operations: [Repos_List]}"].map((l) => l.replace("size-param: limit", "size-param: per_page")),
      want: { "GET /repos": { type: "page", cursorParam: "page", sizeParam: "per_page", first: 1, sendFirst: true, defaultSize: 30 } },
    },
    {
      name: "link headers: every GET returning a list",
      given: ["  paging: {type: link}"],
      want: { "GET /repos": { type: "link" } },
    },
  ])("$name", ({ given, want }) => {
    expect(Object.fromEntries(conventions(...given).paging)).toEqual(want);
  });
});

describe("the plan's methods", () => {
  function methods(...xConventions: string[]) {
    const loaded = spec(...xConventions);
    validateSpec(loaded);
    const ir = normalize(loaded);
    const view = plan({ ir, facts: applyConventions(loaded, ir), stem: "x", specName: "x.yaml" });
    return Object.fromEntries(view.resources.flatMap((r) => r.methods.map((m) => [`${r.property}.${m.name}`, `${m.invoke}: ${String(m.returns)}`])));
  }

  it("a wrapped list returns a ListPagePromise typed by its items and its whole response; a bare list a PagePromise", () => {
    expect(methods("  paging:", "    - {type: cursor, cursor-param: cursor, items: channels, next-cursor: response_metadata.next_cursor}", "    - {type: link, operations: [Repos_List]}")).toMatchObject({
      "channels.list": expect.stringMatching(/^paginateList: ListPagePromise<\{\s*id\?: string;\s*\}, ChannelPage>$/),
      "repos.list": "paginate: PagePromise<string>",
    });
  });

  it("paged-method adds the paged form beside the operation's own method, which keeps its result", () => {
    expect(methods("  paging: {type: cursor, operations: [Things_Search], cursor-field: cursor.after, next-cursor: after, items: data, paged-method: searchAll}")).toMatchObject({
      "things.search": expect.stringMatching(/^request: APIPromise</),
      "things.searchAll": expect.stringMatching(/^paginateList: ListPagePromise<string, /),
    });
  });
});
