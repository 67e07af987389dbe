/**
 * Planning the client class: its options, its runtime plug-in calls and its environments.
 */
import type { Facts } from "../conventions/convention.js";
import type { IRDocument } from "../ir.js";
import { type Code, code } from "../render/code.js";
import { jsonLiteral } from "../render/escape.js";
import { type TypeContext, tsType } from "./type-expr.js";
import type { ImportView, OptionView, PluginView } from "./view-model.js";

export function planClient(ir: IRDocument, facts: Facts, ctx: TypeContext): { options: OptionView[]; plugins: PluginView[]; pluginImports: ImportView[]; environments: Code } {
  const options: OptionView[] = facts.options.map((o) => ({
    name: o.name,
    type: code(tsType(o.type, ctx)),
    required: o.required,
    description: o.description,
  }));
  const environments = environmentConfig(ir, facts);
  if (environments.requiresBaseUrl) {
    options.unshift({ name: "baseUrl", type: code("string"), required: true, description: "The API's base URL (the spec names no absolute server URL)." });
  }
  const pluginImports = new Map<string, Set<string>>();
  const plugins = facts.plugins.map((p) => {
    pluginImports.set(p.module, (pluginImports.get(p.module) ?? new Set()).add(p.exportName));
    const config = p.config === null ? "" : jsonLiteral(p.config);
    const args = [config, p.takesOptions ? "options" : ""].filter((a) => a !== "").join(", ");
    return { call: code(`${p.exportName}(${args})`) };
  });
  const imports: ImportView[] = [...pluginImports.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([module, names]) => ({ module, names: [...names].sort() }));

  return { options, plugins, pluginImports: imports, environments: code(jsonLiteral(environments.config)) };
}

function environmentConfig(ir: IRDocument, facts: Facts) {
  const inferFrom = facts.environmentInference;
  if (facts.environments !== undefined) {
    const config: Record<string, unknown> = { environments: facts.environments.urls, default: facts.environments.default };
    if (inferFrom !== undefined) config["inferFrom"] = inferFrom;
    return { config, requiresBaseUrl: false };
  }
  // Only a URL that parses can be a default host; anything else (variables, quotes) makes baseUrl required.
  const server = ir.servers.find((url) => /^https?:\/\/[^{}"'`\s]+$/i.test(url) && URL.canParse(url));
  const urls: Record<string, string> = server === undefined ? {} : { default: server };
  const config: Record<string, unknown> = { environments: urls, default: "default" };
  if (inferFrom !== undefined) config["inferFrom"] = inferFrom;
  return { config, requiresBaseUrl: server === undefined };
}
