/**
 * `x-conventions.webhooks`: how the provider signs the webhooks it sends. The package gains
 * `verifyWebhookSignature(rawBody, signatureHeaderValue, secret)` (HMAC-SHA256 over the raw body).
 */
import type { Convention } from "./convention.js";
import { ConfigReader } from "./read-config.js";
import { isHttpToken } from "../validate/http-token.js";

interface WebhooksConfig {
  readonly header: string;
  readonly encoding: "hex" | "dashed-hex" | "base64";
  readonly prefix: string;
}

export const webhooksConvention: Convention<WebhooksConfig> = {
  key: "webhooks",
  summary: "webhook signatures: `signature-header`, `algorithm: hmac-sha256`, `encoding` (hex, dashed-hex, base64), `prefix`",
  parse(value, at, problems) {
    const read = new ConfigReader(problems, "webhooks");
    const node = read.mapping(value, at, ["signature-header", "algorithm", "encoding", "prefix"]);
    if (node === undefined) return undefined;
    const header = read.string(node, "signature-header", at);
    read.oneOf(node, "algorithm", at, ["hmac-sha256"] as const, "hmac-sha256");
    const encoding = read.oneOf(node, "encoding", at, ["hex", "dashed-hex", "base64"] as const, "hex");
    const prefix = read.string(node, "prefix", at, "") ?? "";
    if (header !== undefined && !isHttpToken(header)) {
      problems.add([...at, "signature-header"], `webhooks: "${header}" is not a valid HTTP header name`);
      return undefined;
    }
    return header === undefined || encoding === undefined ? undefined : { header, encoding, prefix };
  },
  apply(config, _ir, facts) {
    facts.modules.add("webhook-signature");
    facts.webhooks = { header: config.header.toLowerCase(), encoding: config.encoding, prefix: config.prefix };
    const shape = config.encoding === "dashed-hex" ? "upper-case hex bytes joined by dashes" : config.encoding;
    facts.notes.push({
      title: "Webhooks",
      text: `Webhooks carry \`${config.header}: ${config.prefix}<HMAC-SHA256 of the raw body, ${shape}>\`. Check one with \`await verifyWebhookSignature(rawBody, request.headers["${config.header.toLowerCase()}"], secret)\` before trusting its content; pass the body exactly as received.`,
    });
  },
};
