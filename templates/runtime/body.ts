/**
 * Encodes a request body for the wire by the operation's media kind: JSON, a URL-encoded form
 * (nested values as `a[b]=1`, lists as `a[0]=x`), or raw content passed through to fetch.
 */

import { RequestValidationError } from "./errors.js";
import { scalarText } from "./scalar.js";
import type { OperationDescriptor } from "./types.js";

export interface EncodedBody {
  readonly body: BodyInit;
  /** Undefined when fetch should choose (raw FormData, Blob, …). */
  readonly contentType: string | undefined;
}

export function encodeBody(operation: OperationDescriptor, value: unknown): EncodedBody | undefined {
  if (value === undefined || operation.body === undefined) return undefined;
  switch (operation.body) {
    case "json":
      return { body: jsonText(operation, value), contentType: "application/json" };
    case "form":
      return { body: formText(operation, value), contentType: "application/x-www-form-urlencoded" };
    case "raw":
      return { body: value as BodyInit, contentType: undefined };
  }
}

function jsonText(operation: OperationDescriptor, value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new RequestValidationError(`The body of ${operation.id} cannot be sent as JSON: ${reason}`, { cause });
  }
  if (text === undefined) throw new RequestValidationError(`The body of ${operation.id} cannot be sent as JSON`);
  return text;
}

function formText(operation: OperationDescriptor, value: unknown): string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RequestValidationError(`The body of ${operation.id} must be an object to be sent as a form`);
  }
  const params = new URLSearchParams();
  const add = (key: string, item: unknown): void => {
    if (item === undefined || item === null) return;
    if (Array.isArray(item)) {
      item.forEach((entry, index) => add(`${key}[${index}]`, entry));
    } else if (typeof item === "object" && !(item instanceof Date)) {
      for (const [name, entry] of Object.entries(item)) add(`${key}[${name}]`, entry);
    } else {
      params.append(key, scalarText(item, `body field ${key} of ${operation.id}`));
    }
  };
  for (const [name, entry] of Object.entries(value)) add(name, entry);
  return params.toString();
}
