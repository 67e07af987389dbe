/**
 * A method's name depends on its own operation only. Stripe's operations have no grouped
 * operationIds, so they are named from their paths; when Stripe added a path that sorted earlier
 * (2023-08-31 → 09-12), it took `testHelpers.expire` from the refunds endpoint, and callers of
 * `expire` silently started calling another endpoint. Given that change, want only an addition.
 */
import { afterAll, describe, expect, it } from "vitest";
import { diffSurfaces, overallLevel } from "../../generator/evolve/diff.js";
import { bump } from "../../generator/evolve/history.js";
import { type Spec, removeTemps, surfaceFrom } from "./helpers.js";

afterAll(removeTemps);

const expire = (resource: string, param: string): Spec => ({
  post: {
    operationId: `PostTestHelpers${resource[0]?.toUpperCase()}${resource.slice(1)}${param[0]?.toUpperCase()}${param.slice(1)}Expire`,
    parameters: [{ name: param, in: "path", required: true, schema: { type: "string" } }],
    responses: { "200": { description: "Expired.", content: { "application/json": { schema: { type: "object", properties: { id: { type: "string" } } } } } } },
  },
});

const spec = (paths: Record<string, Spec>): Spec => ({
  openapi: "3.0.3",
  info: { title: "Helpers", version: "1.0.0" },
  servers: [{ url: "https://api.example.com" }],
  paths,
  "x-conventions": { client: { name: "Helpers" } },
});

describe("names depend on the operation, not on document order", () => {
  it("a new path sorting earlier takes no existing name: one addition, a minor release", async () => {
    const before = await surfaceFrom(spec({ "/v1/test_helpers/refunds/{refund}/expire": expire("refunds", "refund") }));
    const after = await surfaceFrom(
      spec({
        "/v1/test_helpers/issuing/cards/{card}/expire": expire("issuingCards", "card"),
        "/v1/test_helpers/refunds/{refund}/expire": expire("refunds", "refund"),
      }),
    );
    expect(before.operations["testHelpers.refundsExpire"]?.endpoint).toBe("POST /v1/test_helpers/refunds/{refund}/expire");
    expect(after.operations["testHelpers.refundsExpire"]?.endpoint).toBe("POST /v1/test_helpers/refunds/{refund}/expire");
    const changes = diffSurfaces(before, after);
    expect(changes.map((c) => [c.level, c.id])).toEqual([
      ["additive", "export-added:testHelpersIssuingCardsExpire"],
      ["additive", "operation-added:testHelpers.issuingCardsExpire"],
    ]);
    expect(bump("1.0.0", overallLevel(changes))).toBe("1.1.0");
  }, 30_000);
});
