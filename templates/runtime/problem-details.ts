/**
 * RFC 7807 / RFC 9457 problem details, as ASP.NET and similar stacks send them. Three shapes are
 * seen in specs and all are read the same way:
 *   - ProblemDetails  {type, title, status, detail, instance, extensions}
 *   - ErrorResponse   {errors, type, title, status, traceId, detail}
 *   - Error           {code, title, type, status, detail, traceId, errors}
 * `traceId` and `errors` are also looked for inside `extensions`, where some specs nest them.
 */

import { APIError, capMessage, MAX_FIELD_ERRORS } from "./errors.js";
import type { APIErrorInit } from "./errors.js";
import { definedOnly, isRecord, ownField, ownString } from "./fields.js";
import type { ErrorDetails, Plugin } from "./types.js";

/** An API error whose body is a problem-details document, with its fields read out. */
export class ProblemDetailsError extends APIError {
  /** URI identifying the kind of problem. */
  readonly type: string | undefined;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly traceId: string | undefined;
  readonly instance: string | undefined;
  /**
   * Validation messages per field, e.g. `{ Reference: ["The Reference field is required."] }`; at
   * most 100 fields (`truncated` says when there were more).
   */
  readonly errors: Readonly<Record<string, readonly string[]>>;

  constructor(init: APIErrorInit) {
    super(init);
    const problem = readProblem(init.body);
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.traceId = problem.traceId;
    this.instance = problem.instance;
    this.errors = problem.errors;
  }
}

interface Problem {
  readonly type: string | undefined;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly traceId: string | undefined;
  readonly instance: string | undefined;
  readonly code: string | undefined;
  readonly errors: Readonly<Record<string, readonly string[]>>;
  /** Fields with errors beyond the first {@link MAX_FIELD_ERRORS}, left out. */
  readonly errorsLeftOut: number;
}

function readProblem(body: unknown): Problem {
  const extensions = ownField(body, "extensions");
  return {
    type: ownString(body, "type"),
    // Each becomes part of the message and a property: a huge one is cut like any message.
    title: capMessage(ownString(body, "title")),
    detail: capMessage(ownString(body, "detail")),
    instance: ownString(body, "instance"),
    traceId: ownString(body, "traceId") ?? ownString(extensions, "traceId"),
    code: ownString(body, "code"),
    ...readFieldErrors(ownField(body, "errors") ?? ownField(extensions, "errors")),
  };
}

/**
 * Copies only `field: string | string[]` entries into a fresh frozen object. A `__proto__` key
 * (which JSON.parse does create as an own property) is dropped: assigning it would replace the
 * result's prototype instead of adding a field.
 */
function readFieldErrors(value: unknown): Pick<Problem, "errors" | "errorsLeftOut"> {
  const out: Record<string, readonly string[]> = {};
  let kept = 0;
  let leftOut = 0;
  if (isRecord(value)) {
    for (const field of Object.keys(value)) {
      if (field === "__proto__") continue;
      const raw = value[field];
      const messages = typeof raw === "string" ? [raw] : Array.isArray(raw) ? raw.filter(isString).slice(0, MAX_FIELD_ERRORS) : [];
      if (messages.length === 0) continue;
      // A hostile or broken server can list 300 000 fields; an error keeps the first hundred.
      if (kept === MAX_FIELD_ERRORS) {
        leftOut++;
        continue;
      }
      out[field] = Object.freeze(messages);
      kept++;
    }
  }
  return { errors: Object.freeze(out), errorsLeftOut: leftOut };
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

/**
 * Decodes problem-details error bodies into a readable message such as
 * `One or more validation errors occurred. Reference: The Reference field is required.`
 * and the trace id as the request id to quote to the provider.
 */
export function problemDetails(): Plugin {
  return {
    decodeError(body: unknown): ErrorDetails | undefined {
      if (!isRecord(body)) return undefined;
      const problem = readProblem(body);
      const parts: string[] = [];
      if (problem.title !== undefined) parts.push(problem.title);
      if (problem.detail !== undefined && problem.detail !== problem.title) parts.push(problem.detail);
      for (const [field, messages] of Object.entries(problem.errors)) {
        parts.push(`${field}: ${messages.join(" ")}`);
      }
      if (problem.errorsLeftOut > 0) parts.push(`(and ${problem.errorsLeftOut} more fields)`);
      const message = joinSentences(parts);
      if (message === undefined && problem.code === undefined && problem.traceId === undefined) {
        return undefined; // Not a problem document; let another decoder try.
      }
      const truncated = problem.errorsLeftOut > 0 ? true : undefined;
      return definedOnly<ErrorDetails>({ message, code: problem.code, requestId: problem.traceId, truncated });
    },
  };
}

/** Joins fragments into one line, adding a full stop where a fragment does not end a sentence. */
function joinSentences(parts: readonly string[]): string | undefined {
  const kept = parts.map((part) => part.trim()).filter((part) => part !== "");
  if (kept.length === 0) return undefined;
  return kept.map((part, i) => (i < kept.length - 1 && !/[.!?:;]$/.test(part) ? `${part}.` : part)).join(" ");
}
