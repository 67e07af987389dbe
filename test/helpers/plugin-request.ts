/** Runs a plug-in's `onRequest` on a fresh request and returns the headers it ends up with. */

import type { OperationDescriptor, Plugin } from "../../templates/runtime/types.js";

export function headersAfter(
  plugin: Plugin,
  operation: OperationDescriptor = { id: "Any_Op", method: "GET", path: "/x" },
  preset: Readonly<Record<string, string>> = {},
): Headers {
  const headers = new Headers(preset);
  plugin.onRequest?.({ operation, method: operation.method, url: new URL("https://x.test/x"), headers });
  return headers;
}
