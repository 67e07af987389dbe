/**
 * `x-conventions.retries`: the provider's retry policy.
 * - `statuses`: the statuses worth another attempt (`5xx` for every server error); default 408,
 *   429 and 5xx. List 409 only where the provider documents it as a lock that clears.
 * - `unprocessed`: responses the provider documents as "not processed" (`429`,
 *   `503-with-retry-after`), on which any method — POST and PATCH too — is retried.
 * - `should-retry-header`: a response header whose `true`/`false` overrides the client's decision.
 * - `retry-count-header`: a request header that carries the attempt number (0 on the first).
 * - `total-timeout`: the default deadline of one call in milliseconds, attempts and waits included.
 * - `idempotency-header`: the provider's idempotency-key header when its name is its own
 *   (`PayPal-Request-Id`); operations declaring it get the same treatment as `Idempotency-Key`.
 */
import type { Convention, JsonValue } from "./convention.js";
import { ConfigReader } from "./read-config.js";

const UNPROCESSED = ["429", "503-with-retry-after"] as const;
type Unprocessed = (typeof UNPROCESSED)[number];

interface RetriesConfig {
  readonly statuses: readonly (number | "5xx")[] | undefined;
  readonly unprocessed: readonly Unprocessed[] | undefined;
  readonly shouldRetryHeader: string | undefined;
  readonly retryCountHeader: string | undefined;
  readonly totalTimeout: number | undefined;
  readonly idempotencyHeader: string | undefined;
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
/** setTimeout's limit: a longer deadline would fire at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;

export const retriesConvention: Convention<RetriesConfig> = {
  key: "retries",
  summary: "retry policy: `statuses`, `unprocessed` (429, 503-with-retry-after: any method retried), `should-retry-header`, `retry-count-header`, `total-timeout` (ms), `idempotency-header`",
  parse(value, at, problems) {
    const read = new ConfigReader(problems, "retries");
    const node = read.mapping(value, at, ["statuses", "unprocessed", "should-retry-header", "retry-count-header", "total-timeout", "idempotency-header"]);
    if (node === undefined) return undefined;
    let ok = true;
    const list = (key: string): readonly unknown[] | undefined => {
      const items = node[key];
      if (items === undefined) return undefined;
      if (!Array.isArray(items)) {
        problems.add([...at, key], `retries: "${key}" must be a list`);
        ok = false;
        return undefined;
      }
      return items;
    };
    const statuses = list("statuses")?.flatMap((item, i): (number | "5xx")[] => {
      if (item === "5xx" || (typeof item === "number" && Number.isInteger(item) && item >= 100 && item <= 599)) return [item];
      problems.add([...at, "statuses", i], `retries: a status must be an HTTP status (100–599) or "5xx", found ${JSON.stringify(item)}`);
      ok = false;
      return [];
    });
    const unprocessed = list("unprocessed")?.flatMap((item, i): Unprocessed[] => {
      const text = typeof item === "number" ? String(item) : item;
      const known = UNPROCESSED.find((u) => u === text);
      if (known !== undefined) return [known];
      problems.add([...at, "unprocessed", i], `retries: "unprocessed" entries must be one of ${UNPROCESSED.join(", ")}, found ${JSON.stringify(item)}`);
      ok = false;
      return [];
    });
    const header = (key: string): string | undefined => {
      const name = read.optionalString(node, key, at);
      if (name === undefined || HEADER_NAME.test(name)) return name;
      problems.add([...at, key], `retries: "${name}" is not a valid HTTP header name`);
      ok = false;
      return undefined;
    };
    const shouldRetryHeader = header("should-retry-header");
    const retryCountHeader = header("retry-count-header");
    const idempotencyHeader = header("idempotency-header");
    const timeout = node["total-timeout"];
    let totalTimeout: number | undefined;
    if (timeout !== undefined) {
      if (typeof timeout === "number" && Number.isInteger(timeout) && timeout >= 1 && timeout <= MAX_TIMEOUT_MS) totalTimeout = timeout;
      else {
        problems.add([...at, "total-timeout"], `retries: "total-timeout" must be a whole number of milliseconds between 1 and ${MAX_TIMEOUT_MS}, found ${JSON.stringify(timeout)}`);
        ok = false;
      }
    }
    return ok ? { statuses, unprocessed, shouldRetryHeader, retryCountHeader, totalTimeout, idempotencyHeader } : undefined;
  },
  apply(config, _ir, facts) {
    facts.modules.add("retry-policy");
    if (config.idempotencyHeader !== undefined) facts.idempotencyHeaders.add(config.idempotencyHeader.toLowerCase());
    const pluginConfig: Record<string, JsonValue> = {};
    if (config.statuses !== undefined) pluginConfig["statuses"] = config.statuses;
    if (config.unprocessed !== undefined) pluginConfig["unprocessed"] = config.unprocessed;
    if (config.shouldRetryHeader !== undefined) pluginConfig["shouldRetryHeader"] = config.shouldRetryHeader;
    if (config.retryCountHeader !== undefined) pluginConfig["retryCountHeader"] = config.retryCountHeader;
    if (config.totalTimeout !== undefined) pluginConfig["totalTimeout"] = config.totalTimeout;
    facts.plugins.push({ module: "retry-policy", exportName: "retryPolicy", config: pluginConfig, takesOptions: false });

    const sentences: string[] = [];
    if (config.statuses !== undefined) {
      sentences.push(`Failed calls are retried on ${config.statuses.map((s) => `\`${s}\``).join(", ")} (where the method is safe to repeat).`);
    }
    if (config.unprocessed !== undefined && config.unprocessed.length > 0) {
      const which = config.unprocessed.map((u) => (u === "429" ? "a 429" : "a 503 with `Retry-After`")).join(" and ");
      sentences.push(`The provider documents that ${which} means the request was not processed, so any method (POST and PATCH too) is retried on it.`);
    }
    if (config.shouldRetryHeader !== undefined) {
      sentences.push(`A \`${config.shouldRetryHeader}: true\` or \`false\` response header overrides the client's decision to retry (and sets \`error.retryable\`).`);
    }
    if (config.retryCountHeader !== undefined) sentences.push(`Every attempt carries \`${config.retryCountHeader}\`: 0 on the first, then the retry's number.`);
    if (config.idempotencyHeader !== undefined) {
      sentences.push(`\`${config.idempotencyHeader}\` is the provider's idempotency key: where an operation takes it, the client sends one (the caller's, or one it makes) on every attempt, so such a POST or PATCH is retried too.`);
    }
    if (config.totalTimeout !== undefined) sentences.push(`One call takes at most ${config.totalTimeout} ms, attempts and waits included (\`totalTimeout\`).`);
    sentences.push("`retry` and `totalTimeout`, on the client or per call, override this.");
    facts.notes.push({ title: "Retries", text: sentences.join(" ") });
  },
};
