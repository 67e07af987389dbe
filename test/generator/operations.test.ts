/**
 * Resources and method names: what a caller types after `client.`. Each case names the
 * operation as the provider's spec does and wants `resource.method`.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { emptyFacts } from "../../generator/conventions/convention.js";
import type { IRDocument, IRMethod, IROperation } from "../../generator/ir.js";
import { loadSpecFile } from "../../generator/load/load-spec.js";
import { normalize } from "../../generator/normalize/normalize.js";
import { valueName } from "../../generator/plan/names.js";
import { groupOperations } from "../../generator/plan/operations.js";
import { plan } from "../../generator/plan/plan.js";

interface Given {
  readonly method: IRMethod;
  readonly path: string;
  readonly operationId?: string;
  readonly tags?: readonly string[];
}

function operation({ method, path, operationId, tags = [] }: Given): IROperation {
  return {
    operationId,
    method,
    path,
    tags,
    summary: undefined,
    description: undefined,
    deprecated: false,
    parameters: [],
    body: undefined,
    responses: [],
    pointer: ["paths", path, method],
  };
}

/** `client.resource.method` for each operation, in document order, as the planned package exposes them. */
function callNames(given: readonly Given[]): string[] {
  const ir: IRDocument = {
    file: "spec.yaml",
    title: "T",
    version: "1",
    description: undefined,
    servers: ["https://api.example.com"],
    tags: new Map(),
    schemas: [],
    operations: given.map(operation),
  };
  const view = plan({ ir, facts: emptyFacts(), specName: "spec.yaml", stem: "spec" });
  // Methods come grouped by resource; the HTTP line (unique per operation here) puts them back in document order.
  const byLine = new Map(view.resources.flatMap((r) => r.methods.map((m) => [m.httpLine, `${r.property}.${m.name}`] as const)));
  return ir.operations.map((op) => {
    const line = `\`${op.method.toUpperCase()} ${op.path}\` (operation \`${op.operationId ?? `${op.method}_${op.path}`}\`)`;
    return byLine.get(line) ?? `? ${line}`;
  });
}

describe("method names from operationIds and tags", () => {
  const cases: { name: string; given: Given[]; want: string[] }[] = [
    {
      name: "Dojo: the resource's own noun is dropped (PaymentIntents_CreatePaymentIntent → create)",
      given: [{ method: "post", path: "/payment-intents", operationId: "PaymentIntents_CreatePaymentIntent", tags: ["Payment intents"] }],
      want: ["paymentIntents.create"],
    },
    {
      name: "Dojo: Captures_Create",
      given: [{ method: "post", path: "/payment-intents/{id}/captures", operationId: "Captures_Create", tags: ["Captures"] }],
      want: ["captures.create"],
    },
    {
      name: "Dojo: Receipt_Create under Payment intents yields create to PaymentIntents_CreatePaymentIntent",
      given: [
        { method: "post", path: "/payment-intents", operationId: "PaymentIntents_CreatePaymentIntent", tags: ["Payment intents"] },
        { method: "post", path: "/payment-intents/{id}/receipt", operationId: "Receipt_Create", tags: ["Payment intents"] },
      ],
      want: ["paymentIntents.create", "paymentIntents.createReceipt"],
    },
    {
      name: "… also when Receipt_Create comes first in the document",
      given: [
        { method: "post", path: "/payment-intents/{id}/receipt", operationId: "Receipt_Create", tags: ["Payment intents"] },
        { method: "post", path: "/payment-intents", operationId: "PaymentIntents_CreatePaymentIntent", tags: ["Payment intents"] },
      ],
      want: ["paymentIntents.createReceipt", "paymentIntents.create"],
    },
    {
      name: "Dojo: Refunds_Create and PaymentIntents_GetRefundById under Refunds",
      given: [
        { method: "post", path: "/payment-intents/{id}/refunds", operationId: "Refunds_Create", tags: ["Refunds"] },
        { method: "get", path: "/payment-intents/refunds/{refundId}", operationId: "PaymentIntents_GetRefundById", tags: ["Refunds"] },
      ],
      want: ["refunds.create", "refunds.getRefundById"],
    },
    {
      name: "Dojo: TerminalSession_Get under Terminal sessions (singular group, plural tag)",
      given: [{ method: "get", path: "/terminal-sessions/{id}", operationId: "TerminalSession_Get", tags: ["Terminal sessions"] }],
      want: ["terminalSessions.get"],
    },
    {
      name: "Dojo: Customers_Delete is customers.delete (a reserved word is fine as a method)",
      given: [{ method: "delete", path: "/customers/{id}", operationId: "Customers_Delete", tags: ["Customers"] }],
      want: ["customers.delete"],
    },
    {
      name: "Dojo: Terminals_ListTerminals → list, Terminals_GetTerminal → get",
      given: [
        { method: "get", path: "/terminals", operationId: "Terminals_ListTerminals", tags: ["Terminals"] },
        { method: "get", path: "/terminals/{id}", operationId: "Terminals_GetTerminal", tags: ["Terminals"] },
      ],
      want: ["terminals.list", "terminals.get"],
    },
    {
      name: "GitHub: apps/get-authenticated",
      given: [{ method: "get", path: "/app", operationId: "apps/get-authenticated", tags: ["apps"] }],
      want: ["apps.getAuthenticated"],
    },
    {
      name: "GitHub: the group names the resource when there is no tag",
      given: [{ method: "get", path: "/repos/{owner}/{repo}/issues", operationId: "issues/list-for-repo" }],
      want: ["issues.listForRepo"],
    },
    {
      name: "Stripe: GetAccount without tags on /v1/account → the account resource",
      given: [{ method: "get", path: "/v1/account", operationId: "GetAccount" }],
      want: ["account.get"],
    },
    {
      name: "Stripe: PostCustomersCustomerSources on /v1/customers/{customer}/sources",
      given: [{ method: "post", path: "/v1/customers/{customer}/sources", operationId: "PostCustomersCustomerSources" }],
      want: ["customers.createSources"],
    },
    {
      name: "a tag and a path segment that name the same resource are one resource",
      given: [
        { method: "get", path: "/pets" },
        { method: "get", path: "/pets/{id}", operationId: "Pets_Get", tags: ["Pets"] },
        { method: "post", path: "/pets", operationId: "createPet" },
      ],
      want: ["pets.list", "pets.get", "pets.create"],
    },
    {
      name: "tags differing only in case are one resource",
      given: [
        { method: "get", path: "/payment-intents/{id}", operationId: "PaymentIntents_Get", tags: ["Payment intents"] },
        { method: "delete", path: "/payment-intents/{id}", operationId: "PaymentIntents_Delete", tags: ["Payment Intents"] },
      ],
      want: ["paymentIntents.get", "paymentIntents.delete"],
    },
    {
      name: "a method named then would make the resource a thenable",
      given: [{ method: "get", path: "/jobs", operationId: "Jobs_Then", tags: ["Jobs"] }],
      want: ["jobs.then_"],
    },
  ];
  it.each(cases)("$name", ({ given, want }) => expect(callNames(given)).toEqual(want));
});

describe("camelCase, kebab and snake operationIds name methods as Group_Verb ids do (patch → update)", () => {
  const dns = (method: IRMethod, path: string, operationId: string): Given => ({ method, path, operationId, tags: ["DNS Records"] });
  const item = "/zones/{zone_id}/dns_records/{dns_record_id}";
  const collection = "/zones/{zone_id}/dns_records";
  const five = ["dnsRecords.get", "dnsRecords.list", "dnsRecords.update", "dnsRecords.create", "dnsRecords.delete"];
  const cases: { style: string; given: Given[]; want: string[] }[] = [
    {
      style: "Group_Verb (the reference)",
      given: [
        dns("get", item, "DnsRecords_Get"),
        dns("get", collection, "DnsRecords_List"),
        dns("patch", item, "DnsRecords_Update"),
        dns("post", collection, "DnsRecords_Create"),
        dns("delete", item, "DnsRecords_Delete"),
      ],
      want: five,
    },
    {
      style: "camelCase",
      given: [
        dns("get", item, "getDnsRecord"),
        dns("get", collection, "listDnsRecords"),
        dns("patch", item, "patchDnsRecord"),
        dns("post", collection, "createDnsRecord"),
        dns("delete", item, "deleteDnsRecord"),
      ],
      want: five,
    },
    {
      style: "kebab-case",
      given: [
        dns("get", item, "get-dns-record"),
        dns("get", collection, "list-dns-records"),
        dns("patch", item, "patch-dns-record"),
        dns("post", collection, "create-dns-record"),
        dns("delete", item, "delete-dns-record"),
      ],
      want: five,
    },
    {
      style: "snake_case (a leading verb is not a group)",
      given: [
        dns("get", item, "get_dns_record"),
        dns("get", collection, "list_dns_records"),
        dns("put", item, "put_dns_record"),
        dns("post", collection, "create_dns_record"),
        dns("delete", item, "delete_dns_record"),
      ],
      want: five,
    },
    {
      style: "camelCase on a nested action keeps the words after the resource's segment",
      given: [dns("post", `${item}/export`, "postDnsRecordExport"), dns("get", `${collection}/summary`, "getDnsRecordSummary")],
      want: ["dnsRecords.export", "dnsRecords.getSummary"],
    },
  ];
  it.each(cases)("$style", ({ given, want }) => expect(callNames(given)).toEqual(want));
});

describe("method names without an operationId: verb + path", () => {
  const cases: { given: Given; want: string }[] = [
    { given: { method: "get", path: "/pets" }, want: "pets.list" },
    { given: { method: "get", path: "/pets/{petId}" }, want: "pets.get" },
    { given: { method: "post", path: "/pets" }, want: "pets.create" },
    { given: { method: "put", path: "/pets/{petId}" }, want: "pets.update" },
    { given: { method: "patch", path: "/pets/{petId}" }, want: "pets.update" },
    { given: { method: "delete", path: "/pets/{petId}" }, want: "pets.delete" },
    { given: { method: "get", path: "/pets/{petId}/toys" }, want: "pets.listToys" },
    { given: { method: "post", path: "/v2/pets/{petId}/toys" }, want: "pets.createToys" },
    { given: { method: "get", path: "/" }, want: "root.get" },
    { given: { method: "get", path: "/stores", tags: ["Store front"] }, want: "storeFront.list" },
  ];
  it.each(cases)("$given.method $given.path → $want", ({ given, want }) => expect(callNames([given])).toEqual([want]));
});

describe("Stripe-style operationIds that only spell out method and path are named from the path", () => {
  const cases: { given: Given[]; want: string[] }[] = [
    {
      given: [
        { method: "get", path: "/v1/customers", operationId: "GetCustomers" },
        { method: "post", path: "/v1/customers", operationId: "PostCustomers" },
        { method: "get", path: "/v1/customers/{customer}", operationId: "GetCustomersCustomer" },
        { method: "post", path: "/v1/customers/{customer}", operationId: "PostCustomersCustomer" },
        { method: "delete", path: "/v1/customers/{customer}", operationId: "DeleteCustomersCustomer" },
        { method: "get", path: "/v1/customers/search", operationId: "GetCustomersSearch" },
        { method: "get", path: "/v1/customers/{customer}/balance_transactions", operationId: "GetCustomersCustomerBalanceTransactions" },
        { method: "get", path: "/v1/customers/{customer}/discount", operationId: "GetCustomersCustomerDiscount" },
      ],
      want: [
        "customers.list",
        "customers.create",
        "customers.get",
        "customers.update",
        "customers.delete",
        "customers.search",
        "customers.listBalanceTransactions",
        "customers.getDiscount",
      ],
    },
    {
      given: [
        { method: "post", path: "/v1/payment_intents/{intent}/confirm", operationId: "PostPaymentIntentsIntentConfirm" },
        { method: "post", path: "/v1/payment_intents/{intent}/capture", operationId: "PostPaymentIntentsIntentCapture" },
      ],
      want: ["paymentIntents.confirm", "paymentIntents.capture"],
    },
    {
      given: [
        { method: "post", path: "/v1/customers/{customer}/sources/{id}/verify", operationId: "PostCustomersCustomerSourcesIdVerify" },
        { method: "post", path: "/v1/customers/{customer}/bank_accounts/{id}/verify", operationId: "PostCustomersCustomerBankAccountsIdVerify" },
      ],
      want: ["customers.sourcesVerify", "customers.bankAccountsVerify"],
    },
    {
      // Stripe 2023-08-31 → 09-12: a new path sorting earlier took `expire` from refunds.
      given: [
        { method: "post", path: "/v1/test_helpers/issuing/cards/{card}/expire", operationId: "PostTestHelpersIssuingCardsCardExpire" },
        { method: "post", path: "/v1/test_helpers/refunds/{refund}/expire", operationId: "PostTestHelpersRefundsRefundExpire" },
      ],
      want: ["testHelpers.issuingCardsExpire", "testHelpers.refundsExpire"],
    },
  ];
  it.each(cases)("$want", ({ given, want }) => expect(callNames(given)).toEqual(want));
});

describe("collisions are numbered deterministically", () => {
  const given: Given[] = [
    { method: "get", path: "/pets" },
    { method: "get", path: "/v1/pets" },
    { method: "get", path: "/v2/pets" },
    { method: "get", path: "/pets/{id}", operationId: "Pets_Get", tags: ["Pets"] },
    { method: "get", path: "/pets/{id}/owner", operationId: "Owner_Get", tags: ["Pets"] },
    { method: "get", path: "/pets/{id}/vet", operationId: "Owner_Get", tags: ["Pets"] },
  ];
  const want = ["pets.list", "pets.list2", "pets.list3", "pets.get", "pets.getOwner", "pets.getOwner2"];

  it("in document order, group nouns before numbers", () => {
    expect(callNames(given)).toEqual(want);
  });

  it("the same operations give the same names on every run", () => {
    expect(callNames(given)).toEqual(callNames(given));
  });

  it("a name is never handed out twice within a resource", () => {
    // Pets_List2 comes after the numbered `list2`, so it is qualified with its group noun.
    const names = callNames([...given, { method: "get", path: "/pets/{id}/x", operationId: "Pets_List2", tags: ["Pets"] }]);
    expect(names).toEqual(["pets.list", "pets.list2", "pets.list3", "pets.get", "pets.getOwner", "pets.getOwner2", "pets.list2Pet"]);
  });

  it("constructor cannot be a method", () => {
    expect(callNames([{ method: "post", path: "/things", operationId: "Things_Constructor", tags: ["Things"] }])).toEqual(["things.constructor_"]);
  });
});

describe("the real Dojo spec", () => {
  const file = fileURLToPath(new URL("../../specs/dojo.yaml", import.meta.url));
  const ir = normalize(loadSpecFile(file));
  const byId = new Map<string, string>();
  for (const group of groupOperations(ir.operations)) {
    for (const { operation: op, methodName } of group.operations) byId.set(op.operationId ?? "", `${valueName(group.label, "resource")}.${methodName}`);
  }
  const cases: [string, string][] = [
    ["PaymentIntents_CreatePaymentIntent", "paymentIntents.create"],
    ["PaymentIntents_Get", "paymentIntents.get"],
    ["Captures_Create", "captures.create"],
    ["Receipt_Create", "paymentIntents.createReceipt"],
    ["Refunds_Create", "refunds.create"],
    ["PaymentIntents_GetRefundById", "refunds.getRefundById"],
    ["TerminalSession_Get", "terminalSessions.get"],
    ["TerminalSession_Create", "terminalSessions.create"],
    ["Customers_Delete", "customers.delete"],
    ["Customers_CreateCustomerSecret", "customers.createCustomerSecret"],
    ["Terminals_ListTerminals", "terminals.list"],
    ["Webhooks_GetAllWebhooks", "webhooks.getAll"],
  ];
  it.each(cases)("%s → %s", (id, want) => expect(byId.get(id)).toBe(want));

  it("no two operations share a call name", () => {
    const all = [...byId.values()];
    expect(all.length).toBe(ir.operations.length);
    expect(new Set(all).size).toBe(all.length);
  });
});
