/**
 * Page-at-a-time and item-at-a-time access to list operations. `await list()` gives the first
 * page; `for await (const item of list())` walks every item of every page; `.pages()` walks pages.
 *
 * Where the next page is (see `PagingConfig`): a plug-in's word in the response meta
 * (`nextOffset`, `nextPage`, `null` for "no more"), a cursor or a URL read from the body or a
 * header, or counting. A list ends on an empty page, on `has_more: false`, on the page numbered
 * `total_pages`, on a missing or empty cursor or link, and (when counting) on a short page.
 */

import { type RawResponse, type WithResponse, inFlight } from "./api-promise.js";
import { readPath, withPath } from "./field-path.js";
import { RequestValidationError, ResponseParseError } from "./errors.js";
import { nextLink } from "./link-header.js";
import type { CallInput, OperationDescriptor, PagingConfig, RequestOptions } from "./types.js";

/** One page of a list operation. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly response: RawResponse;
  /** Whether another page may follow. */
  readonly hasNextPage: boolean;
  /** Fetches the next page, or resolves to undefined after the last one. */
  nextPage(): Promise<Page<T> | undefined>;
}

/**
 * A page of a list whose response wraps its items: `data` is the whole decoded response, typed
 * from the operation's schema, for what comes beside the items (totals, cursors, page counts).
 */
export interface ListPage<T, Data> extends Page<T> {
  readonly data: Data;
  nextPage(): Promise<ListPage<T, Data> | undefined>;
}

/** Sends one page request; supplied by the HTTP client. */
export type PageFetcher = (input: CallInput) => Promise<WithResponse<unknown>>;

/** `for await (const item of list())` walks every item of every page (see the prototype below). */
export interface PagePromise<T> extends AsyncIterable<T> {}

export class PagePromise<T> implements PromiseLike<Page<T>> {
  readonly #first: Promise<Page<T>>;

  constructor(first: Promise<Page<T>>) {
    this.#first = inFlight(first);
  }

  /** The first page's items together with the response they came from, as on any other call. */
  withResponse(): Promise<WithResponse<readonly T[]>> {
    return this.#first.then((page) => ({ data: page.items, response: page.response }));
  }

  then<R1 = Page<T>, R2 = never>(
    onfulfilled?: ((value: Page<T>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#first.then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<Page<T> | R> {
    return this.#first.then(undefined, onrejected);
  }

  /** Every page, starting with the first. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let page: Page<T> | undefined = await this.#first;
    while (page !== undefined) {
      yield page;
      page = await page.nextPage();
    }
  }
}

// Declared through the interface above rather than as a computed class member, which
// declaration emitters without the standard library cannot name.
PagePromise.prototype[Symbol.asyncIterator] = async function* <T>(this: PagePromise<T>): AsyncGenerator<T, void, undefined> {
  for await (const page of this.pages()) yield* page.items;
};

/** A `PagePromise` whose pages carry their whole response, typed (`ListPage.data`). */
export class ListPagePromise<T, Data> extends PagePromise<T> implements PromiseLike<ListPage<T, Data>> {
  readonly #firstPage: Promise<ListPage<T, Data>>;

  constructor(first: Promise<ListPage<T, Data>>) {
    super(first);
    this.#firstPage = first;
  }

  override then<R1 = ListPage<T, Data>, R2 = never>(
    onfulfilled?: ((value: ListPage<T, Data>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#firstPage.then(onfulfilled, onrejected);
  }

  override catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<ListPage<T, Data> | R> {
    return this.#firstPage.then(undefined, onrejected);
  }

  override async *pages(): AsyncGenerator<ListPage<T, Data>, void, undefined> {
    let page: ListPage<T, Data> | undefined = await this.#firstPage;
    while (page !== undefined) {
      yield page;
      page = await page.nextPage();
    }
  }
}

/** What the HTTP engine needs to start a list operation; `sendPage` sends one page request. */
export interface PagingFeature {
  items<T>(operation: OperationDescriptor, input: CallInput, sendPage: PageFetcher, origin: string): PagePromise<T>;
  list<T, Data>(operation: OperationDescriptor, input: CallInput, sendPage: PageFetcher, origin: string): ListPagePromise<T, Data>;
}

/** Paging for `HttpCore`: passed in by the clients of packages that have list operations. */
export const pagingFeature: PagingFeature = {
  items<T>(operation: OperationDescriptor, input: CallInput, sendPage: PageFetcher, origin: string): PagePromise<T> {
    return new PagePromise<T>(loadPage<T>(operation, pagingOf(operation), input, sendPage, origin));
  },
  list<T, Data>(operation: OperationDescriptor, input: CallInput, sendPage: PageFetcher, origin: string): ListPagePromise<T, Data> {
    return new ListPagePromise<T, Data>(loadPage<T>(operation, pagingOf(operation), input, sendPage, origin) as Promise<ListPage<T, Data>>);
  },
};

function pagingOf(operation: OperationDescriptor): PagingConfig {
  if (operation.paging === undefined) throw new RequestValidationError(`${operation.id} is not a paged operation`);
  return operation.paging;
}

/**
 * Loads the first page `input` names and links it to the next ones. `origin` is the API's: a
 * next-page URL elsewhere is not followed, since the call would carry the caller's credentials.
 */
export function loadPage<T>(
  operation: OperationDescriptor,
  paging: PagingConfig,
  input: CallInput,
  fetchPage: PageFetcher,
  origin?: string,
): Promise<ListPage<T, unknown>> {
  return loadPageAt<T>(operation, paging, firstInput(paging, input), fetchPage, origin);
}

function loadPageAt<T>(
  operation: OperationDescriptor,
  paging: PagingConfig,
  input: CallInput,
  fetchPage: PageFetcher,
  origin: string | undefined,
): Promise<ListPage<T, unknown>> {
  return fetchPage(input).then(({ data: payload, response }) => {
    // Paths address what the spec's schema describes: the whole body when an envelope kept it
    // (its schemas describe the envelope; envelope.ts keeps it under this key), the payload otherwise.
    const data = Object.prototype.hasOwnProperty.call(response.meta, "envelope") ? response.meta["envelope"] : payload;
    const list = paging.items === undefined ? data : readPath(data, paging.items);
    if (!Array.isArray(list)) {
      const where = paging.items === undefined ? "" : ` at ${paging.items.join(".")}`;
      throw new ResponseParseError({
        message: `${operation.id} is a list operation but its response holds no list${where}`,
        status: response.status,
        headers: response.headers,
        bodyText: "",
      });
    }
    const items = list as T[];
    const lastByBody = paging.hasMore !== undefined && readPath(data, paging.hasMore) === false;
    const next = items.length === 0 || lastByBody ? undefined : nextInput(operation, paging, input, data, items, response, origin);
    return {
      items,
      data,
      response,
      hasNextPage: next !== undefined,
      nextPage: () => {
        if (next === undefined) return Promise.resolve(undefined);
        if (next instanceof Error) return Promise.reject(next);
        return loadPageAt<T>(operation, paging, next, fetchPage, origin);
      },
    };
  });
}

/** The first request names the first page when the spec says which it is and the caller named none. */
function firstInput(paging: PagingConfig, input: CallInput): CallInput {
  if (paging.sendFirst !== true || paging.first === undefined || paging.cursorParam === undefined) return input;
  if (queryValue(input.query, paging.cursorParam) !== undefined) return input;
  return { ...input, query: { ...input.query, [paging.cursorParam]: paging.first } };
}

/** The request for the page after this one; undefined after the last; an error for a link not to follow. */
function nextInput(
  operation: OperationDescriptor,
  paging: PagingConfig,
  input: CallInput,
  data: unknown,
  items: readonly unknown[],
  response: RawResponse,
  origin: string | undefined,
): CallInput | Error | undefined {
  switch (paging.type) {
    case "offset":
    case "page":
      return nextCounted(paging, input, data, items, response);
    case "cursor": {
      const cursor = paging.nextHeader !== undefined ? response.headers.get(paging.nextHeader) : bodyField(data, paging.next);
      if (!(typeof cursor === "string" && cursor !== "") && !(typeof cursor === "number" && Number.isFinite(cursor))) return undefined;
      // A server that hands back the cursor it was given would loop forever.
      if (cursor === currentCursor(paging, input)) return undefined;
      if (paging.cursorField !== undefined) return { ...input, body: withPath(input.body, paging.cursorField, cursor) };
      if (paging.cursorParam !== undefined) return { ...input, query: { ...input.query, [paging.cursorParam]: cursor } };
      return undefined;
    }
    case "link":
    case "next-url": {
      const href = paging.type === "link" ? nextLink(response.headers.get("link")) : bodyField(data, paging.next);
      if (typeof href !== "string" || href === "") return undefined;
      let url: URL;
      try {
        url = new URL(href, response.url);
      } catch {
        return nextPageError(operation, response, `a next-page URL that is not a URL`);
      }
      if (url.href === response.url) return undefined;
      if (origin !== undefined && url.origin !== origin) {
        return nextPageError(operation, response, `a next-page URL on another origin (${url.origin}), which is not followed`);
      }
      return { ...input, url: url.href };
    }
  }
}

function nextCounted(paging: PagingConfig, input: CallInput, data: unknown, items: readonly unknown[], response: RawResponse): CallInput | undefined {
  const param = paging.cursorParam;
  if (param === undefined) return undefined;
  const first = paging.first ?? (paging.type === "offset" ? 0 : 1);
  const size = numberOf(queryValue(input.query, paging.sizeParam ?? "")) ?? numberOf(bodyField(input.body, paging.sizeField)) ?? paging.defaultSize;
  const current = numberOf(queryValue(input.query, param)) ?? first;
  const totalPages = paging.totalPages === undefined ? undefined : numberOf(readPath(data, paging.totalPages));
  // total_pages counts pages; the last one's number depends on where numbering starts.
  if (paging.type === "page" && totalPages !== undefined && current - first + 1 >= totalPages) return undefined;
  const said = paging.type === "offset" ? response.meta["nextOffset"] : response.meta["nextPage"];
  let next: number | undefined;
  if (typeof said === "number") next = said;
  else if (said === null) next = undefined;
  else if (size !== undefined && items.length < size) next = undefined;
  else next = paging.type === "offset" ? current + items.length : current + 1;
  // A server that repeats the same position would loop forever.
  if (next === undefined || next <= current) return undefined;
  return { ...input, query: { ...input.query, [param]: next } };
}

function currentCursor(paging: PagingConfig, input: CallInput): unknown {
  if (paging.cursorField !== undefined) return readPath(input.body, paging.cursorField);
  return paging.cursorParam === undefined ? undefined : queryValue(input.query, paging.cursorParam);
}

function nextPageError(operation: OperationDescriptor, response: RawResponse, what: string): ResponseParseError {
  return new ResponseParseError({
    message: `${operation.id} answered with ${what}`,
    status: response.status,
    headers: response.headers,
    bodyText: "",
  });
}

function bodyField(value: unknown, path: readonly string[] | undefined): unknown {
  return path === undefined ? undefined : readPath(value, path);
}

function queryValue(query: CallInput["query"], name: string): unknown {
  return query === undefined || !Object.prototype.hasOwnProperty.call(query, name) ? undefined : query[name];
}

function numberOf(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

export type { RequestOptions };
