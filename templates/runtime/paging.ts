/**
 * Page-at-a-time and item-at-a-time access to list operations. `await list()` gives the first
 * page; `for await (const item of list())` walks every item of every page; `.pages()` walks pages.
 * The next page comes from a plug-in's word in the response meta (`nextOffset`, `nextPage`, `null`
 * for "no more") or, failing that, from counting: a short or empty page is the last one.
 */

import { type RawResponse, type WithResponse, inFlight } from "./api-promise.js";
import { ResponseParseError } from "./errors.js";
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

function numberParam(query: CallInput["query"], name: string): number | undefined {
  const value = query === undefined ? undefined : (query as Readonly<Record<string, unknown>>)[name];
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

/** Loads the page that `input` names and links it to the next one. */
export function loadPage<T>(
  operation: OperationDescriptor,
  paging: PagingConfig,
  input: CallInput,
  fetchPage: PageFetcher,
): Promise<Page<T>> {
  return fetchPage(input).then(({ data, response }) => {
    if (!Array.isArray(data)) {
      throw new ResponseParseError({
        message: `${operation.id} is a list operation but its response holds no list`,
        status: response.status,
        headers: response.headers,
        bodyText: "",
      });
    }
    const items = data as T[];
    const size = numberParam(input.query, paging.sizeParam);
    const current = numberParam(input.query, paging.cursorParam) ?? paging.first;
    const said = paging.type === "offset" ? response.meta["nextOffset"] : response.meta["nextPage"];
    let next: number | undefined;
    if (typeof said === "number") next = said;
    else if (said === null) next = undefined;
    else if (items.length === 0 || (size !== undefined && items.length < size)) next = undefined;
    else next = paging.type === "offset" ? current + items.length : current + 1;
    // A server that repeats the same cursor would loop forever.
    if (next !== undefined && next <= current) next = undefined;

    const following = next;
    return {
      items,
      response,
      hasNextPage: following !== undefined,
      nextPage: () =>
        following === undefined
          ? Promise.resolve(undefined)
          : loadPage<T>(operation, paging, { ...input, query: { ...input.query, [paging.cursorParam]: following } }, fetchPage),
    };
  });
}

export type { RequestOptions };
