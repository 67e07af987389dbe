/**
 * `x-conventions.rate-limits`: the headers in which the provider reports its rate-limit window
 * (limit, remaining, reset — each optional, names configurable) and what the reset counts
 * (seconds until the reset, or its moment); or, with `ietf: true`, the IETF `RateLimit` /
 * `RateLimit-Policy` fields (and the older `RateLimit-Limit`/`-Remaining`/`-Reset`). The runtime reads them on every response, shows them
 * to callers, retries a 429 when the window resets and, unless turned off, paces calls: when no
 * calls remain, the next one waits for the reset instead of being sent into a 429.
 */
import type { Convention } from "./convention.js";
import type { JsonPointer, ProblemCollector } from "../spec-error.js";
import { ConfigReader } from "./read-config.js";
import { isHttpToken } from "../validate/http-token.js";

const RESET_UNITS = ["seconds", "milliseconds", "epoch-seconds", "epoch-milliseconds"] as const;
type ResetUnit = (typeof RESET_UNITS)[number];

interface RateLimitsConventionConfig {
  readonly limit: string | undefined;
  readonly remaining: string | undefined;
  readonly reset: string | undefined;
  readonly resetUnit: ResetUnit;
  readonly pacing: boolean;
  readonly pacingOption: string;
  readonly ietf: boolean;
  readonly limitedStatuses: readonly number[];
}

const RESET_WORDS: Readonly<Record<ResetUnit, string>> = {
  seconds: "the seconds until the window resets",
  milliseconds: "the milliseconds until the window resets",
  "epoch-seconds": "the moment the window resets, in Unix seconds",
  "epoch-milliseconds": "the moment the window resets, in Unix milliseconds",
};

export const rateLimitsConvention: Convention<RateLimitsConventionConfig> = {
  key: "rate-limits",
  summary: "rate-limit headers (`headers.limit`, `headers.remaining`, `headers.reset`, each optional), `reset` unit, `ietf` (the IETF RateLimit and RateLimit-Policy fields), `pacing` and its client option",
  parse(value, at, problems) {
    const read = new ConfigReader(problems, "rate-limits");
    const node = read.mapping(value, at, ["headers", "reset", "ietf", "pacing", "pacing-option", "limited-statuses"]);
    if (node === undefined) return undefined;
    const limitedStatuses = readLimitedStatuses(node["limited-statuses"], [...at, "limited-statuses"], problems);
    if (limitedStatuses === undefined) return undefined;
    const ietf = read.boolean(node, "ietf", at, false);
    const headersAt = [...at, "headers"];
    const headers = read.mapping(node["headers"] ?? {}, headersAt, ["limit", "remaining", "reset"]);
    if (headers === undefined) return undefined;
    const names: Record<"limit" | "remaining" | "reset", string | undefined> = { limit: undefined, remaining: undefined, reset: undefined };
    for (const key of ["limit", "remaining", "reset"] as const) {
      const name = read.optionalString(headers, key, headersAt);
      if (name !== undefined && name !== "" && !isHttpToken(name)) {
        problems.add([...headersAt, key], `rate-limits: "${name}" is not a valid HTTP header name`);
        continue;
      }
      names[key] = name;
    }
    if (!ietf && Object.values(names).every((n) => n === undefined)) {
      // Keys that were there but wrong are reported already; say what is missing only when nothing was tried.
      if (Object.keys(headers).length === 0 && node["ietf"] === undefined) {
        problems.add(node["headers"] === undefined ? at : headersAt, "rate-limits: name at least one of headers.limit, headers.remaining, headers.reset, or say ietf: true");
      }
      return undefined;
    }
    const resetUnit = read.oneOf(node, "reset", at, RESET_UNITS, "seconds");
    const pacing = read.boolean(node, "pacing", at, true);
    const pacingOption = node["pacing-option"] === undefined ? "rateLimitPacing" : read.optionName(node, "pacing-option", at);
    if (resetUnit === undefined || pacingOption === undefined) return undefined;
    return { ...names, resetUnit, pacing, pacingOption, ietf, limitedStatuses };
  },
  apply(config, _ir, facts) {
    facts.modules.add("rate-limits");
    const pluginConfig: Record<string, string | boolean | readonly number[]> = {};
    if (config.limit !== undefined) pluginConfig["limitHeader"] = config.limit;
    if (config.remaining !== undefined) pluginConfig["remainingHeader"] = config.remaining;
    if (config.reset !== undefined) pluginConfig["resetHeader"] = config.reset;
    pluginConfig["reset"] = config.resetUnit;
    if (config.ietf) pluginConfig["ietf"] = true;
    pluginConfig["pacing"] = config.pacing;
    pluginConfig["pacingOption"] = config.pacingOption;
    if (config.limitedStatuses.length > 0) pluginConfig["limitedStatuses"] = config.limitedStatuses;
    facts.plugins.push({ module: "rate-limits", exportName: "rateLimits", config: pluginConfig, takesOptions: true });
    facts.options.push({
      name: config.pacingOption,
      type: { kind: "primitive", type: "boolean" },
      required: false,
      description: `When the last response said no calls remain, wait for the rate-limit window to reset before sending the next call (default ${config.pacing}); \`false\` sends at once.`,
    });
    facts.errorGetters.push({
      status: 429,
      name: "rateLimit",
      description: "The rate-limit window this 429 reported (limit, remaining, seconds until the reset), when it did.",
      module: "rate-limits",
      reader: "rateLimitOf",
      type: "RateLimitState",
    });

    const read = [
      config.limit === undefined ? undefined : `\`${config.limit}\` (calls per window)`,
      config.remaining === undefined ? undefined : `\`${config.remaining}\` (calls left)`,
      config.reset === undefined ? undefined : `\`${config.reset}\` (${RESET_WORDS[config.resetUnit]})`,
      config.ietf ? "the IETF `RateLimit` and `RateLimit-Policy` fields (or `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`; they win when present)" : undefined,
    ].filter((t) => t !== undefined);
    let text = `Every response's ${read.join(", ")} ${read.length === 1 ? "is" : "are"} read into the client's rate-limit state: \`rateLimitOf((await call.withResponse()).response)\` (also \`response.meta.rateLimit\`) and \`RateLimitError.rateLimit\` show it.`;
    if (config.reset !== undefined || config.ietf) {
      text += " A 429 is retried when the window resets (`RateLimitError.retryAfter` says in how many seconds), within `maxRetries` and `maxRetryWait`.";
      const when = config.remaining === undefined ? "After a 429" : "When a response says no calls remain (or after a 429)";
      const switchText = config.pacing ? `\`${config.pacingOption}: false\` turns that off` : `this is off by default; \`${config.pacingOption}: true\` turns it on`;
      text += ` ${when}, the next call waits for the reset instead of being sent into a 429; ${switchText}.`;
    }
    if (config.limitedStatuses.length > 0) {
      const statuses = config.limitedStatuses.map((s) => `${s}`).join(" or ");
      text += ` A ${statuses} that carries \`Retry-After\` or says no calls remain is a rate limit too: thrown as \`RateLimitError\` (its \`status\` stays ${statuses}) and retried like a 429 — after \`Retry-After\`, or at the reset when no calls remain.`;
    }
    facts.notes.push({ title: "Rate limits", text });
  },
};

/** `limited-statuses`: 4xx/5xx statuses other than 429 that the provider also answers a rate limit with; [] when absent. */
function readLimitedStatuses(value: unknown, at: JsonPointer, problems: ProblemCollector): number[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add(at, 'rate-limits: "limited-statuses" must be a list of HTTP statuses, e.g. [403]');
    return undefined;
  }
  let ok = true;
  const statuses = value.flatMap((item: unknown, i): number[] => {
    if (typeof item === "number" && Number.isInteger(item) && item >= 400 && item <= 599 && item !== 429) return [item];
    problems.add([...at, i], `rate-limits: a limited status must be a 4xx or 5xx status other than 429, found ${JSON.stringify(item)}`);
    ok = false;
    return [];
  });
  return ok ? statuses : undefined;
}
