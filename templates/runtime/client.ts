/**
 * `HttpClient`: the HTTP engine (core.ts) with every feature, for code that builds one by hand.
 * Generated clients build `HttpCore` with only the features their package uses, so that what a
 * package does not use is not bundled; resources accept either, as the same type.
 */

import { APIPromise } from "./api-promise.js";
import type { RawResponse, WithResponse } from "./api-promise.js";
import { HttpCore } from "./core.js";
import type { HttpClientConfig } from "./core.js";
import { ListPagePromise, PagePromise, pagingFeature } from "./paging.js";

export { APIPromise, ListPagePromise, PagePromise };
export type { HttpClientConfig, RawResponse, WithResponse };

export class HttpClient extends HttpCore {
  constructor(config: HttpClientConfig) {
    super(config, { paging: pagingFeature });
  }
}
