/** The objects between an operation and its schemas: responses, request bodies, headers, media types. */

import type { JsonPointer } from "../spec-error.js";
import { checkParameterBody } from "./check-parameters.js";
import { checkSchema } from "./check-schema.js";
import type { CheckContext } from "./context.js";
import { isReference } from "./reference.js";
import { expectMapping } from "./shape.js";

/** A `content` mapping: media type → Media Type Object. */
export function checkContent(context: CheckContext, content: unknown, pointer: JsonPointer): void {
  if (!expectMapping(context.problems, pointer, content, "content")) return;
  for (const [mediaType, media] of Object.entries(content)) {
    const mediaPointer = [...pointer, mediaType];
    if (!expectMapping(context.problems, mediaPointer, media, `media type "${mediaType}"`)) continue;
    if (media["schema"] !== undefined) checkSchema(context, media["schema"], [...mediaPointer, "schema"]);
  }
}

export function checkHeader(context: CheckContext, header: unknown, pointer: JsonPointer): void {
  if (isReference(context, header, pointer)) return;
  if (expectMapping(context.problems, pointer, header, "a header")) checkParameterBody(context, header, pointer);
}

export function checkHeaders(context: CheckContext, headers: unknown, pointer: JsonPointer): void {
  if (!expectMapping(context.problems, pointer, headers, "headers")) return;
  for (const [name, header] of Object.entries(headers)) checkHeader(context, header, [...pointer, name]);
}

export function checkResponse(context: CheckContext, response: unknown, pointer: JsonPointer): void {
  if (isReference(context, response, pointer)) return;
  if (!expectMapping(context.problems, pointer, response, "a response")) return;
  if (response["headers"] !== undefined) checkHeaders(context, response["headers"], [...pointer, "headers"]);
  if (response["content"] !== undefined) checkContent(context, response["content"], [...pointer, "content"]);
}

export function checkRequestBody(context: CheckContext, body: unknown, pointer: JsonPointer): void {
  if (isReference(context, body, pointer)) return;
  if (!expectMapping(context.problems, pointer, body, "requestBody")) return;
  if (body["content"] !== undefined) checkContent(context, body["content"], [...pointer, "content"]);
}
