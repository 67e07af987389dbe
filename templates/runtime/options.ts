/**
 * Reading provider options the caller passed to the client constructor. They arrive untyped at
 * runtime (plain JavaScript callers, values from env vars), so each is checked where it is used
 * and refused with the option's name, never its value.
 */

import { RequestValidationError } from "./errors.js";

/**
 * The client's options object. Typed loosely on purpose: each generated client has its own
 * options interface, and interfaces are not assignable to index-signature types.
 */
export type ClientOptions = object;

/** One option's value, read as an own property only. */
export function optionValue(options: ClientOptions, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(options, name)
    ? (options as Readonly<Record<string, unknown>>)[name]
    : undefined;
}

/** The option as a non-empty string, or a RequestValidationError naming it. */
export function requireStringOption(options: ClientOptions, name: string): string {
  const value = optionValue(options, name);
  if (value === undefined || value === null || value === "") {
    throw new RequestValidationError(`${name} is required: pass it to the client constructor`);
  }
  if (typeof value !== "string") {
    throw new RequestValidationError(`${name} must be a string, got ${describeType(value)}`);
  }
  return value;
}

/** A short, value-free description of what was passed, for messages. */
export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
