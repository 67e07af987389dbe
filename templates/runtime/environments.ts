/**
 * Picks the environment (and so the base URL) a client talks to, and refuses combinations that
 * would send a key to the wrong place, such as a production key to the sandbox.
 */

import { RequestValidationError } from "./errors.js";
import { describeType, optionValue } from "./options.js";
import type { ClientOptions } from "./options.js";

export interface EnvironmentConfig {
  /** Environment name to base URL. */
  readonly environments: Readonly<Record<string, string>>;
  readonly default: string;
  /** Infers the environment from a credential's prefix, e.g. `sk_sandbox_` → sandbox. */
  readonly inferFrom?: {
    readonly option: string;
    /** Prefix to environment name. */
    readonly prefixes: Readonly<Record<string, string>>;
  };
}

export interface ResolvedEnvironment {
  readonly environment: string;
  readonly baseUrl: string;
}

/**
 * Resolves `options.environment` / `options.baseUrl` against the provider's environments.
 * An explicit environment wins over the default; a credential prefix that names a different
 * environment is an error rather than a silent choice, because either guess could be wrong.
 */
export function resolveEnvironment(
  config: EnvironmentConfig,
  options: ClientOptions,
): ResolvedEnvironment {
  const known = Object.keys(config.environments);
  const explicit = readExplicit(options, known, config.environments);
  const inferred = inferEnvironment(config, options);

  if (explicit !== undefined && inferred !== undefined && explicit !== inferred.environment) {
    const { option, prefix, environment } = inferred;
    throw new RequestValidationError(
      `${option} is ${article(environment)} ${environment} key (prefix "${prefix}") ` +
        `but environment "${explicit}" was asked for`,
    );
  }

  const environment = explicit ?? inferred?.environment ?? config.default;
  const override = optionValue(options, "baseUrl");
  if (override !== undefined && override !== null) {
    if (typeof override !== "string" || override === "") {
      throw new RequestValidationError(`baseUrl must be a non-empty string, got ${describeType(override)}`);
    }
    return { environment, baseUrl: override };
  }
  const url = config.environments[environment];
  if (url === undefined || !Object.prototype.hasOwnProperty.call(config.environments, environment)) {
    // A spec without an absolute server URL has no default host: the caller must name one.
    throw new RequestValidationError(
      known.length === 0
        ? "baseUrl is required: the API description names no default host"
        : `environment "${environment}" has no base URL; known environments: ${known.join(", ")}`,
    );
  }
  return { environment, baseUrl: url };
}

function readExplicit(
  options: ClientOptions,
  known: readonly string[],
  environments: Readonly<Record<string, string>>,
): string | undefined {
  const value = optionValue(options, "environment");
  if (value === undefined || value === null) return undefined;
  const choices = known.map((name) => `"${name}"`).join(", ");
  if (typeof value !== "string") {
    throw new RequestValidationError(`environment must be a string, got ${describeType(value)}; use one of: ${choices}`);
  }
  if (!Object.prototype.hasOwnProperty.call(environments, value)) {
    throw new RequestValidationError(`environment "${value}" is not known; use one of: ${choices}`);
  }
  return value;
}

interface Inference {
  readonly option: string;
  readonly prefix: string;
  readonly environment: string;
}

function inferEnvironment(
  config: EnvironmentConfig,
  options: ClientOptions,
): Inference | undefined {
  if (config.inferFrom === undefined) return undefined;
  const { option, prefixes } = config.inferFrom;
  const value = optionValue(options, option);
  if (typeof value !== "string") return undefined;
  // Longest prefix first, so `sk_test_live_` is not mistaken for a shorter `sk_test_`.
  const candidates = Object.keys(prefixes).sort((a, b) => b.length - a.length);
  for (const prefix of candidates) {
    const environment = prefixes[prefix];
    if (environment !== undefined && prefix !== "" && value.startsWith(prefix)) {
      return { option, prefix, environment };
    }
  }
  return undefined;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}
