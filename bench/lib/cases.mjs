/**
 * The inputs: the real documents in test/fixtures/real-specs (Dojo's published one among them)
 * and clientsmith's own specs, each with the one operation its consumer calls (the same operation
 * for every tool).
 */
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { realSpec } from "../../test/fixtures/real-specs/real-specs.mjs";

export const BENCH = fileURLToPath(new URL("../", import.meta.url));
export const ROOT = resolve(BENCH, "..");

/**
 * id: also the spec's file name in the work tree, so clientsmith names the client after it.
 * call: the operation for every tool: path template and values, and clientsmith's method.
 */
export const CASES = [
  {
    id: "petstore",
    title: "petstore (3 operations, YAML)",
    source: realSpec("petstore.yaml"),
    ext: "yaml",
    op: { operationId: "showPetById", path: "/pets/{petId}", params: { petId: "1" } },
    clientsmith: { options: "{ baseUrl }", call: 'pets.showPetById("1")' },
  },
  {
    id: "jodo",
    title: "clientsmith's specs/jodo.yaml (25 operations, envelope + coded errors)",
    source: join(ROOT, "specs/jodo.yaml"),
    ext: "yaml",
    op: { operationId: "Students_Get", path: "/api/v1/integrations/erp/students/{jodo_student_id}", params: { jodo_student_id: "s1" } },
    clientsmith: { options: '{ baseUrl, apiKey: "key", apiSecret: "secret" }', call: 'students.get("s1")' },
  },
  {
    id: "dojo",
    title: "clientsmith's specs/dojo.yaml (42 operations)",
    source: join(ROOT, "specs/dojo.yaml"),
    ext: "yaml",
    op: { operationId: "PaymentIntents_Get", path: "/payment-intents/{paymentIntentId}", params: { paymentIntentId: "pi_1" }, headers: { version: "2024-02-05" } },
    clientsmith: { options: '{ baseUrl, apiKey: "sk_sandbox_key" }', call: 'paymentIntents.get("pi_1")' },
  },
  {
    id: "dojodoc",
    title: "Dojo's own document 2024-02-05 (YAML, 201 kB)",
    source: realSpec("dojo-api.openapi.2024-02-05.yaml"),
    ext: "yaml",
    op: { operationId: "PaymentIntents_Get", path: "/payment-intents/{paymentIntentId}", params: { paymentIntentId: "pi_1" }, headers: { version: "2024-02-05" } },
    clientsmith: { options: "{ baseUrl }", call: 'paymentIntents.get("pi_1", "2024-02-05")' },
  },
  {
    id: "stripe",
    title: "Stripe spec3 2023-09-12 (468 operations, YAML, 4.2 MB)",
    source: realSpec("stripe.spec3.2023-09-12.yaml"),
    ext: "yaml",
    op: { operationId: "GetCustomersCustomer", path: "/v1/customers/{customer}", params: { customer: "cus_1" } },
    clientsmith: { options: "{ baseUrl }", call: 'customers.get("cus_1")' },
  },
  {
    id: "github",
    title: "GitHub REST (1,223 operations, JSON, 13 MB)",
    source: realSpec("github.api.github.com.octokit-23.0.2.json"),
    ext: "json",
    op: { operationId: "repos/get", path: "/repos/{owner}/{repo}", params: { owner: "o", repo: "r" } },
    clientsmith: { options: "{ baseUrl }", call: 'repos.get("o", "r")' },
  },
];

export const QUICK_CASES = ["petstore", "jodo", "stripe"];

/** The throughput case: a small JSON body on one GET, so the client's own cost shows. */
export const THROUGHPUT_CASE = "petstore";
export const THROUGHPUT_BODY = JSON.stringify({ id: 1, name: "doggie", tag: "dog" });

/** Where the bundle-size target is judged: the spec with an envelope, coded errors and retries. */
export const BUNDLE_TARGET_CASE = "jodo";

export function camelCase(operationId) {
  const words = operationId.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w, i) => (i === 0 ? w[0].toLowerCase() + w.slice(1) : w[0].toUpperCase() + w.slice(1))).join("");
}
