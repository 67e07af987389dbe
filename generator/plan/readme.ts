/**
 * Planning the README: the constructor example, one call per resource, the dialect's notes and
 * the error table.
 */
import type { Facts } from "../conventions/convention.js";
import { code } from "../render/code.js";
import { propertyKey, stringLiteral } from "../render/escape.js";
import { valueName } from "./names.js";
import type { ErrorClassView, OptionView, ResourceView } from "./view-model.js";

export function readmeView(
  clientName: string,
  createCoreName: string,
  packageName: string,
  options: readonly OptionView[],
  resources: readonly ResourceView[],
  facts: Facts,
  errorClasses: readonly ErrorClassView[],
  providerError: string,
) {
  const instance = valueName(clientName, "client");
  const required = options.filter((o) => o.required);
  // Required options come from the environment through a checked read: `process.env.X` is
  // `string | undefined`, which a strict compiler rightly refuses for a required string.
  const args = required.map((o) => `  ${propertyKey(o.name)}: setting(${stringLiteral(`${constantCase(clientName)}_${constantCase(o.name)}`)}),`);
  if (options.some((o) => o.name === "environment")) args.unshift(`  environment: ${stringLiteral(facts.environments?.default ?? "production")},`);
  const setting = required.length === 0 ? "" : `\n\n${SETTING_FUNCTION}`;
  const constructorExample = code(
    `import { ${clientName} } from ${stringLiteral(packageName)};\n\nconst ${instance} = new ${clientName}({\n${args.join("\n")}\n});${setting}`,
  );
  // The function example calls the first resource's first operation; the README's blocks are one
  // module, so the Calls example of that operation must not name its result like the function.
  const first = resources.find((r) => r.methods[0] !== undefined);
  const firstMethod = first?.methods[0];
  const examples = resources.flatMap((r) => {
    const m = r.methods[0];
    if (m === undefined) return [];
    const call = `await ${instance}.${r.namespace === undefined ? "" : `${r.namespace}.`}${r.property}.${m.name}(${m.sampleArguments.text});`;
    const http = `// ${m.httpLine.replace(/`/g, "")}`;
    const named = valueName(`${r.namespace ?? ""} ${r.property} ${m.name}`, "result");
    const result = named === firstMethod?.functionName ? `${named}Result` : named;
    return [{ resource: r.property, code: code(`${http}\n${m.returnsValue ? `const ${result} = ${call}` : call}`) }];
  });
  const functionExample =
    firstMethod === undefined
      ? undefined
      : code(
          `import { ${createCoreName}, ${firstMethod.functionName} } from ${stringLiteral(packageName)};\n\n` +
            `const core = ${createCoreName}({\n${args.join("\n")}\n});\n` +
            `// the same call as ${instance}.${first?.namespace === undefined ? "" : `${first.namespace}.`}${first?.property ?? ""}.${firstMethod.name}(…); \`${instance}\` itself is accepted in place of \`core\`\n` +
            `${firstMethod.returnsValue ? `const viaFunction = ` : ""}await ${firstMethod.functionName}(core${firstMethod.sampleArguments.text === "" ? "" : `, ${firstMethod.sampleArguments.text}`});`,
        );
  const seen = new Set<string>();
  const notes = facts.notes.filter((n) => !seen.has(n.title) && seen.add(n.title) !== undefined);
  return {
    constructorExample,
    examples,
    functionExample,
    notes,
    optionsTable: options.map((o) => ({ name: o.name, required: o.required, description: o.description })),
    errorRows: [
      ...errorClasses.map((e) => ({ name: e.name, when: e.name === providerError ? "base of every error response below" : e.description.replace(/^HTTP /, "").replace(/\.$/, "") })),
      { name: "ConnectionError", when: "the server could not be reached (retried first when safe)" },
      { name: "TimeoutError", when: "an attempt took longer than `timeout`, or the call than `totalTimeout`" },
      { name: "UserAbortError", when: "your `signal` aborted the call" },
      { name: "RequestValidationError", when: "the call was refused before sending (missing option, bad parameter)" },
      { name: "ResponseParseError", when: "a response body was not what it claimed (e.g. invalid JSON)" },
      { name: "ResponseTooLargeError", when: "a response body was larger than `maxResponseBytes`" },
      { name: "RedirectError", when: "a redirect the client does not follow: to a scheme other than http(s), from https to http, a body to another origin (without `resendBodyAcrossOrigins`), or more than `maxRedirects`" },
    ],
  };
}

/** The README's reader for required settings; a missing one stops the program at start-up. */
const SETTING_FUNCTION = `/** A required setting from the environment: missing, the program stops here rather than at the first call. */
function setting(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(\`\${name} is not set\`);
  return value;
}`;

function constantCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}
