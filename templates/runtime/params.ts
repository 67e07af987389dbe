/**
 * A generated method takes its path parameters positionally, then one `params` object: the query
 * and header parameters and the request body's fields side by side. So a provider adding an
 * optional parameter of any kind adds an optional property, and no argument ever moves.
 * `splitParams` sorts that object back into where each value travels, from the descriptor alone.
 */

import { RequestValidationError } from "./errors.js";
import type { CallInput, OperationDescriptor, ParamSpec } from "./types.js";

type Values = Readonly<Record<string, unknown>>;

const has = (values: Values, key: string): boolean => Object.prototype.hasOwnProperty.call(values, key);

/**
 * `params` as a `CallInput`: the keys the descriptor names as query or header parameters go there;
 * the body is `params[bodyKey]` when the descriptor names one, else every other key (unknown ones
 * too: a provider's additional properties are the body's). An operation without a body gets none.
 */
export function splitParams(operation: OperationDescriptor, params: object | undefined, path?: Values): CallInput {
  if (params !== undefined && (typeof params !== "object" || params === null || Array.isArray(params))) {
    throw new RequestValidationError(`${operation.id}: params must be an object`);
  }
  const values: Values = params === undefined ? {} : (params as Values);
  const query = pick(values, operation.query);
  const headers = pick(values, operation.headers);
  const body = bodyOf(operation, values);
  return {
    ...(path === undefined ? {} : { path }),
    ...(query === undefined ? {} : { query }),
    ...(headers === undefined ? {} : { headers }),
    ...(body === undefined ? {} : { body }),
  };
}

function pick(values: Values, specs: readonly ParamSpec[] | undefined): Values | undefined {
  if (specs === undefined || specs.length === 0) return undefined;
  const picked: Record<string, unknown> = {};
  for (const { key } of specs) if (has(values, key)) picked[key] = values[key];
  return picked;
}

function bodyOf(operation: OperationDescriptor, values: Values): unknown {
  if (operation.body === undefined) return undefined;
  if (operation.bodyKey !== undefined) return values[operation.bodyKey];
  const named = new Set([...(operation.query ?? []), ...(operation.headers ?? [])].map((p) => p.key));
  const body: Record<string, unknown> = {};
  let fields = 0;
  for (const key of Object.keys(values)) {
    if (named.has(key)) continue;
    body[key] = values[key];
    if (values[key] !== undefined) fields++;
  }
  // A call that gives no body field sends no body where the spec allows that, as it always could.
  return fields === 0 && operation.optionalBody === true ? undefined : body;
}
