import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signBody, verifySignature, type WebhookSignatureConfig } from "../../templates/runtime/webhook-signature.js";
import { verifyWebhookSignature as verifyJodo } from "../../generated/jodo/dist/index.js";
import { verifyWebhookSignature as verifyDojo } from "../../generated/dojo/dist/index.js";

const body = '{"event_id":"evt_1","event":"pay.payment.settled","timestamp":1700000000,"version":"1.0","payload":{}}';
const secret = "whsec_test";
const digest = createHmac("sha256", secret).update(body).digest();
const hex = digest.toString("hex");
const dashed = [...digest].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join("-");

describe("verifySignature", () => {
  const hexConfig: WebhookSignatureConfig = { header: "x-sig", encoding: "hex", prefix: "" };
  const dashedConfig: WebhookSignatureConfig = { header: "x-sig", encoding: "dashed-hex", prefix: "sha256=" };
  const base64Config: WebhookSignatureConfig = { header: "x-sig", encoding: "base64", prefix: "" };
  const cases: { name: string; config: WebhookSignatureConfig; signature: string | null | undefined; body?: string | Uint8Array; want: boolean }[] = [
    { name: "hex, right", config: hexConfig, signature: hex, want: true },
    { name: "hex, upper case", config: hexConfig, signature: hex.toUpperCase(), want: true },
    { name: "hex, bytes body", config: hexConfig, signature: hex, body: new TextEncoder().encode(body), want: true },
    { name: "hex, one digit off", config: hexConfig, signature: `${hex.slice(0, -1)}${hex.endsWith("0") ? "1" : "0"}`, want: false },
    { name: "hex, body changed", config: hexConfig, signature: hex, body: `${body} `, want: false },
    { name: "hex, truncated", config: hexConfig, signature: hex.slice(0, 10), want: false },
    { name: "missing header", config: hexConfig, signature: undefined, want: false },
    { name: "null header", config: hexConfig, signature: null, want: false },
    { name: "dashed with prefix", config: dashedConfig, signature: `sha256=${dashed}`, want: true },
    { name: "dashed without prefix", config: dashedConfig, signature: dashed, want: false },
    { name: "base64", config: base64Config, signature: digest.toString("base64"), want: true },
  ];
  it.each(cases)("$name → $want", async ({ config, signature, body: given, want }) => {
    expect(await verifySignature(config, given ?? body, signature, secret)).toBe(want);
  });

  it("refuses a wrong secret and an empty one", async () => {
    expect(await verifySignature(hexConfig, body, hex, "other")).toBe(false);
    expect(await verifySignature(hexConfig, body, hex, "")).toBe(false);
  });

  it("signs what it verifies", async () => {
    expect(await signBody(dashedConfig, body, secret)).toBe(`sha256=${dashed}`);
  });
});

describe("generated packages verify their provider's webhook signatures", () => {
  it("Jodo: X-Jodo-Signature is the hex HMAC-SHA256 of the raw body", async () => {
    expect(await verifyJodo(body, hex, secret)).toBe(true);
    expect(await verifyJodo(body, dashed, secret)).toBe(false);
  });
  it("Dojo: dojo-signature is sha256= plus dashed upper-case hex", async () => {
    expect(await verifyDojo(body, `sha256=${dashed}`, secret)).toBe(true);
    expect(await verifyDojo(body, hex, secret)).toBe(false);
  });
});
