/**
 * Error bodies of the `{ "<code>": "HUE00000", "<message>": "..." }` kind, where the spec's
 * conventions name the two fields and, optionally, the header carrying the request id.
 */

import { definedOnly, ownString } from "./fields.js";
import type { ErrorDetails, Plugin } from "./types.js";

export interface CodeMessageErrorsConfig {
  readonly codeField: string;
  readonly messageField: string;
  /** Response header with the provider's request id, e.g. `x-trace-id`. */
  readonly requestIdHeader?: string;
}

export function codeMessageErrors(config: CodeMessageErrorsConfig): Plugin {
  return {
    decodeError(body, response): ErrorDetails | undefined {
      const code = ownString(body, config.codeField);
      const message = ownString(body, config.messageField);
      const header = config.requestIdHeader;
      const requestId = header === undefined ? undefined : (response.headers.get(header) ?? undefined);
      // Nothing recognisable: leave the body to the next decoder instead of answering with nothing.
      if (code === undefined && message === undefined && requestId === undefined) return undefined;
      return definedOnly<ErrorDetails>({ code, message, requestId });
    },
  };
}
