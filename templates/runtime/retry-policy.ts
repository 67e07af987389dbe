/**
 * A provider's retry policy, as its spec's `x-conventions.retries` declares it: which statuses are
 * worth another attempt, which responses mean the request was not processed (so any method may be
 * repeated), the provider's "should retry" and retry-count headers, and the default total
 * deadline of a call. The client reads it from this plug-in; callers override it per client
 * (`retry`, `totalTimeout`) and per call.
 */

import type { Plugin, ProviderRetryPolicy } from "./types.js";

export function retryPolicy(config: ProviderRetryPolicy): Plugin {
  return { retryPolicy: config };
}
