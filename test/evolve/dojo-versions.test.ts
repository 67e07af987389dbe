/**
 * Proof on real documents: Dojo publishes its API as dated versions. The client is generated
 * from Dojo's 2024-02-05 document, then regenerated from its 2026-02-27 document with the same
 * conventions (the `x-conventions` block of specs/dojo.yaml on both), through the CLI, and the
 * report must name the real differences between the two documents and classify each correctly.
 *
 * The differences, read from the documents (and re-derived from them below, so the table cannot
 * drift from the sources):
 *   - 7 new operations: POST /epos/events (tag Events) and six /epos/integrations… (Capabilities);
 *   - GET /payment-intents/{paymentIntentId} gains the optional query parameter returnCanceled;
 *   - 22 new schemas; ProblemDetails loses traceId; ItemLine, TaxLine, OrderDetails,
 *     CreatePaymentIntentRequest, PaymentDetails and TerminalSessionUnlinkedRefundDetails gain
 *     optional properties;
 *   - 9 schemas drop their enum and become plain strings (EventType is reused, in 2026, for the
 *     EPOS event types; the payment states move to a new schema, paymentEventType, with the
 *     same values).
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/packages.js";
import { realSpec } from "../fixtures/real-specs/real-specs.mjs";
import { type Spec, project, removeTemps, run } from "./helpers.js";

afterAll(removeTemps);

const V2024 = realSpec("dojo-api.openapi.2024-02-05.yaml");
const V2026 = realSpec("dojo-api.openapi.2026-02-27.json");

/** The x-conventions block of specs/dojo.yaml, as text (it is the end of the file). */
function conventionsText(): string {
  const spec = readFileSync(join(REPO_ROOT, "specs", "dojo.yaml"), "utf8");
  const start = spec.search(/^x-conventions:/m);
  if (start < 0) throw new Error("specs/dojo.yaml has no x-conventions block");
  return spec.slice(start);
}

/** [level, change id], in report order. */
const WANT: readonly (readonly [string, string])[] = [
  // callers passing per-call options to paymentIntents.get now hit the new params argument
  ["breaking", "parameter-moved:paymentIntents.get(options)"],
  ["breaking", "property-removed:ProblemDetails.traceId"],
  // enums dropped: callers reading these meet strings they never handled
  ["breaking", "type-widened:CardFundingType"],
  ["breaking", "type-widened:CardScheme"],
  ["breaking", "type-widened:EventType"],
  ["breaking", "type-widened:MerchantInitiatedTransactionType"],
  ["breaking", "type-widened:PaymentMethod"],
  ["breaking", "type-widened:TerminalSessionNotificationType"],
  ["breaking", "type-widened:TerminalSessionPaymentEntryMode"],
  ["breaking", "type-widened:TerminalSessionPaymentVerificationMode"],
  ["breaking", "type-widened:WalletPaymentOption"],
  ["additive", "export-added:AllIntegrationsResponse"],
  ["additive", "export-added:Capabilities"],
  ["additive", "export-added:CapabilitiesUpdateIntegrationsRestParams"],
  ["additive", "export-added:CapabilitiesUpdateIntegrationsWsParams"],
  ["additive", "export-added:CapabilityName"],
  ["additive", "export-added:CapabilityRequest"],
  ["additive", "export-added:CapabilityResponse"],
  ["additive", "export-added:DojoManagedIntegrationResponse"],
  ["additive", "export-added:ErrorCode"],
  ["additive", "export-added:ErrorModel"],
  ["additive", "export-added:ErrorResponse"],
  ["additive", "export-added:EventRequest"],
  ["additive", "export-added:Events"],
  ["additive", "export-added:EventsCreateParams"],
  ["additive", "export-added:OrderEvent"],
  ["additive", "export-added:PartyEvent"],
  ["additive", "export-added:PaymentEventType"],
  ["additive", "export-added:PaymentIntentsGetParams"],
  ["additive", "export-added:ProblemDetailsTerminals"],
  ["additive", "export-added:ReservationEvent"],
  ["additive", "export-added:RestAuthRequest"],
  ["additive", "export-added:RestAuthResponse"],
  ["additive", "export-added:RestBasicAuthRequest"],
  ["additive", "export-added:RestBasicAuthResponse"],
  ["additive", "export-added:RestIntegrationRequest"],
  ["additive", "export-added:RestIntegrationResponse"],
  ["additive", "export-added:WsIntegrationRequest"],
  ["additive", "export-added:WsIntegrationResponse"],
  ["additive", "export-added:capabilitiesGetIntegrationsDojo"],
  ["additive", "export-added:capabilitiesGetIntegrationsRest"],
  ["additive", "export-added:capabilitiesListIntegrations"],
  ["additive", "export-added:capabilitiesListIntegrationsWs"],
  ["additive", "export-added:capabilitiesUpdateIntegrationsRest"],
  ["additive", "export-added:capabilitiesUpdateIntegrationsWs"],
  ["additive", "export-added:eventsCreate"],
  ["additive", "operation-added:capabilities.getIntegrationsDojo"],
  ["additive", "operation-added:capabilities.getIntegrationsRest"],
  ["additive", "operation-added:capabilities.listIntegrations"],
  ["additive", "operation-added:capabilities.listIntegrationsWs"],
  ["additive", "operation-added:capabilities.updateIntegrationsRest"],
  ["additive", "operation-added:capabilities.updateIntegrationsWs"],
  ["additive", "operation-added:events.create"],
  ["additive", "parameter-added:paymentIntents.get(params)"],
  ["additive", "property-added:CreatePaymentIntentRequest.isNotOnlineCheckout"],
  ["additive", "property-added:ItemLine.plu"],
  ["additive", "property-added:OrderDetails.externalId"],
  ["additive", "property-added:OrderDetails.id"],
  ["additive", "property-added:PaymentDetails.avsResult"],
  ["additive", "property-added:TaxLine.affectedPlu"],
  ["additive", "property-added:TerminalSessionUnlinkedRefundDetails.cardholderNotPresent"],
  // EventType → paymentEventType: another name, the same eleven payment states
  ["none", "property-type-respelled:PaymentStatusResponse.eventType"],
];

const BREAKING = WANT.filter(([level]) => level === "breaking").map(([, id]) => id);

/** `  <level>  <id>  <detail>` lines of a printed report. */
const reportLines = (out: string): [string, string][] =>
  [...out.matchAll(/^ {2}(breaking|additive|none) +(\S+) {2}/gm)].map((m) => [m[1] ?? "", m[2] ?? ""]);

describe("Dojo 2024-02-05 → 2026-02-27", () => {
  const p = project();
  const dir = join(p.generated, "dojo");
  const conventions = conventionsText();
  let v2026: Spec;
  let refused: Awaited<ReturnType<typeof run>>;

  beforeAll(async () => {
    // 2024-02-05: Dojo's YAML as published, with the conventions appended (as specs/dojo.yaml does).
    p.write("dojo.yaml", `${readFileSync(V2024, "utf8")}\n${conventions}`);
    const first = await run(...p.flags);
    if (first.code !== 0) throw new Error(`generating Dojo 2024-02-05 failed:\n${first.out}${first.err}`);
    // 2026-02-27: Dojo's JSON as published, with the same conventions.
    v2026 = JSON.parse(readFileSync(V2026, "utf8")) as Spec;
    v2026["x-conventions"] = (parseYaml(conventions) as Spec)["x-conventions"];
    rmSync(join(p.specs, "dojo.yaml"));
    p.write("dojo.json", v2026);
    refused = await run(...p.flags);
  }, 120_000);

  it("the first package is dojo-client 0.1.0", () => {
    const report = JSON.parse(readFileSync(join(dir, "api-changes.json"), "utf8")) as { releases: { version: string; level: string; spec: unknown }[] };
    expect(report.releases).toEqual([{ version: "0.1.0", previous: null, level: "initial", spec: { file: "dojo.yaml", version: "2024-02-05" }, changes: [] }]);
  });

  it("the report names every difference and classifies it", () => {
    expect(refused.out.split("\n")[0]).toBe(`${dir}: dojo-client 0.1.0 → 1.0.0 (major: 11 breaking, 50 additive, 1 without effect), compared with the package on disk (not in a git work tree)`);
    expect(reportLines(refused.out)).toEqual(WANT);
  });

  it("it explains the classifications that depend on where a type is used", () => {
    const line = (id: string): string => refused.out.split("\n").find((l) => l.includes(` ${id}  `)) ?? "";
    expect(line("type-widened:CardFundingType")).toContain('`"Unknown" | "Debit" | "Credit" | "Charge" | "Prepaid"` → `string` (CardFundingType is output)');
    expect(line("type-widened:PaymentMethod")).toContain("(PaymentMethod is input and output)");
    expect(line("parameter-moved:paymentIntents.get(options)")).toContain("`options` moves from argument 2 to 3; calls that pass it break");
    expect(line("parameter-added:paymentIntents.get(params)")).toContain("new optional parameter `params?: PaymentIntentsGetParams` (argument 2)");
    expect(line("property-type-respelled:PaymentStatusResponse.eventType")).toContain("`EventType` → `PaymentEventType`");
    expect(line("operation-added:events.create")).toContain("new `events.create(params: EventsCreateParams, options?: RequestOptions): APIPromise<EventRequest>`");
  });

  it("the gate refuses the breaking changes, names them and says how to accept them; nothing is written", () => {
    expect(refused.code).toBe(1);
    expect(refused.err).toBe("");
    const gate = refused.out.slice(refused.out.indexOf(`${dir}: dojo-client 1.0.0 has 11 breaking changes that ${join(p.specs, "dojo.json")} does not accept:\n`));
    expect(gate).toBe(
      [
        `${dir}: dojo-client 1.0.0 has 11 breaking changes that ${join(p.specs, "dojo.json")} does not accept:`,
        ...BREAKING.map((id) => `  ${id}`),
        "Code that calls dojo-client 0.1.0 may stop compiling or behave differently. If the changes are intended,",
        `accept them by running again with \`--accept-breaking\` (\`npm run generate -- --accept-breaking\`), which adds their ids to`,
        `x-conventions.client.accept-breaking in ${join(p.specs, "dojo.json")}, keeping the file's comments and layout (keep the list until the next release replaces this one).`,
        "",
        "Nothing was written.",
        "",
      ].join("\n"),
    );
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string };
    expect(manifest.version).toBe("0.1.0");
  });

  it("accepted, it is dojo-client 1.0.0, with the report in api-changes.json and CHANGELOG.md, and --check passes", async () => {
    v2026["x-conventions"].client["accept-breaking"] = BREAKING;
    p.write("dojo.json", v2026);
    const accepted = await run(...p.flags);
    expect(accepted.code).toBe(0);
    expect(reportLines(accepted.out)).toEqual(WANT);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string };
    expect(manifest.version).toBe("1.0.0");
    const report = JSON.parse(readFileSync(join(dir, "api-changes.json"), "utf8")) as { version: string; releases: { version: string; previous: string; level: string; spec: unknown; changes: { level: string; id: string }[] }[] };
    expect(report.version).toBe("1.0.0");
    const [latest] = report.releases;
    expect([latest?.version, latest?.previous, latest?.level, latest?.spec]).toEqual(["1.0.0", "0.1.0", "breaking", { file: "dojo.json", version: "2026-02-27" }]);
    expect(latest?.changes.map((c) => [c.level, c.id])).toEqual(WANT);
    const changelog = readFileSync(join(dir, "CHANGELOG.md"), "utf8");
    expect(changelog).toContain("\n## 1.0.0 — breaking changes\n\nFrom 0.1.0; generated from `dojo.json` (info.version `2026-02-27`).\n\n### Breaking\n\n- `parameter-moved:paymentIntents.get(options)`: ");
    expect(changelog).toContain("\n## 0.1.0 — first recorded version\n");
    expect(changelog.match(/^- `/gm)).toHaveLength(WANT.length);
    expect(await run(...p.flags, "--check")).toEqual({ code: 0, out: "1 package up to date.\n", err: "" });
  }, 120_000);
});

describe("the table is what the two documents say", () => {
  const a = parseYaml(readFileSync(V2024, "utf8")) as Spec;
  const b = JSON.parse(readFileSync(V2026, "utf8")) as Spec;
  const operations = (doc: Spec): string[] =>
    Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item).filter((m) => ["get", "put", "post", "delete", "patch"].includes(m)).map((m) => `${m.toUpperCase()} ${path}`),
    );
  const ids = WANT.map(([, id]) => id);
  const count = (kind: string): number => ids.filter((id) => id.startsWith(`${kind}:`)).length;
  const sa = a.components.schemas as Record<string, Spec>;
  const sb = b.components.schemas as Record<string, Spec>;
  const common = Object.keys(sa).filter((name) => sb[name] !== undefined);

  it("no operation is removed; every added one is reported", () => {
    const before = operations(a);
    const after = operations(b);
    expect(before.filter((op) => !after.includes(op))).toEqual([]);
    expect(after.filter((op) => !before.includes(op))).toHaveLength(count("operation-added"));
  });

  it("every schema that drops its enum is reported widened, as breaking", () => {
    const dropped = common.filter((name) => sa[name].enum !== undefined && sb[name].enum === undefined).sort();
    expect(dropped.map((name) => `type-widened:${name}`)).toEqual(BREAKING.filter((id) => id.startsWith("type-widened:")));
  });

  it("every property added or removed in a schema both versions have is reported", () => {
    const props = (s: Spec): string[] => Object.keys((s.properties ?? {}) as object);
    const added = common.flatMap((name) => props(sb[name]).filter((p) => !props(sa[name]).includes(p)).map((p) => `property-added:${name}.${p}`));
    const removed = common.flatMap((name) => props(sa[name]).filter((p) => !props(sb[name]).includes(p)).map((p) => `property-removed:${name}.${p}`));
    expect(added.sort()).toEqual(ids.filter((id) => id.startsWith("property-added:")));
    expect(removed.sort()).toEqual(ids.filter((id) => id.startsWith("property-removed:")));
    // none of the added ones is required, so all are additive
    for (const name of common) for (const p of (sb[name].required ?? []) as string[]) expect(props(sa[name])).toContain(p);
  });

  it("every new schema is a new export, besides the two new resources, the four new params types (one per new operation with a body or parameters) and one function per new operation", () => {
    const newSchemas = Object.keys(sb).filter((name) => sa[name] === undefined);
    expect(newSchemas).toHaveLength(count("export-added") - 6 - count("operation-added"));
  });

  it("the query parameter added to GET /payment-intents/{paymentIntentId} is optional", () => {
    const names = (doc: Spec): string[] => (doc.paths["/payment-intents/{paymentIntentId}"].get.parameters as Spec[]).map((x) => x.name ?? x.$ref);
    expect(names(b).filter((n) => !names(a).includes(n))).toEqual(["returnCanceled"]);
    expect((b.paths["/payment-intents/{paymentIntentId}"].get.parameters as Spec[]).find((x) => x.name === "returnCanceled").required).toBe(false);
  });

  it("PaymentStatusResponse.eventType now names paymentEventType, which has the old EventType's values", () => {
    expect(sa.PaymentStatusResponse.properties.eventType.$ref).toBe("#/components/schemas/EventType");
    expect(sb.PaymentStatusResponse.properties.eventType.$ref).toBe("#/components/schemas/paymentEventType");
    expect(sb.paymentEventType.enum).toEqual(sa.EventType.enum);
  });
});
