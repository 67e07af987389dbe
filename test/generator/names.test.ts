import { describe, expect, it } from "vitest";
import { NameScope, camelCase, pascalCase, singular, typeName, valueName } from "../../generator/plan/names.js";

describe("case conversion", () => {
  const cases: { given: string; pascal: string; camel: string }[] = [
    { given: "Payment intents", pascal: "PaymentIntents", camel: "paymentIntents" },
    { given: "jodo_student_id", pascal: "JodoStudentId", camel: "jodoStudentId" },
    { given: "reseller-id", pascal: "ResellerId", camel: "resellerId" },
    { given: "PaymentIntents_CreatePaymentIntent", pascal: "PaymentIntentsCreatePaymentIntent", camel: "paymentIntentsCreatePaymentIntent" },
    { given: "HTTPServer", pascal: "HttpServer", camel: "httpServer" },
    { given: "mc.json", pascal: "McJson", camel: "mcJson" },
    { given: "@type", pascal: "Type", camel: "type" },
  ];
  it.each(cases)("$given", ({ given, pascal, camel }) => {
    expect(pascalCase(given)).toBe(pascal);
    expect(camelCase(given)).toBe(camel);
  });
});

describe("safe names", () => {
  const types: [string, string][] = [
    ["Blob", "BlobModel"],
    ["Error", "ErrorModel"],
    ["2fa_status", "Schema2faStatus"],
    ["", "Schema"],
    ["class", "Class"],
  ];
  it.each(types)("type %j → %s", (given, want) => expect(typeName(given, "Schema")).toBe(want));

  const values: [string, string][] = [
    ["class", "class_"],
    ["delete", "delete_"],
    ["x[0]", "x0"],
    ["", "param"],
    ["1st", "param1st"],
  ];
  it.each(values)("value %j → %s", (given, want) => expect(valueName(given, "param")).toBe(want));

  it("numbers collisions in claim order", () => {
    const scope = new NameScope(["Reserved"]);
    expect(["FooBar", "FooBar", "Reserved", "FooBar"].map((n) => scope.claim(n))).toEqual(["FooBar", "FooBar2", "Reserved2", "FooBar3"]);
  });

  it.each([["intents", "intent"], ["addresses", "address"], ["categories", "category"], ["status", "status"]])("singular %s → %s", (given, want) =>
    expect(singular(given)).toBe(want),
  );
});
