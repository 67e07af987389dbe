/**
 * `x-conventions.client`: the generated client's class and package names, and the breaking API
 * changes the spec accepts (`accept-breaking`, change ids from the API report; see generator/evolve/).
 */
import { checkChangeId } from "../evolve/change-kinds.js";
import type { Convention } from "./convention.js";
import { ConfigReader } from "./read-config.js";

interface ClientConfig {
  readonly name: string | undefined;
  readonly packageName: string | undefined;
  readonly acceptBreaking: readonly string[];
}

export const clientConvention: Convention<ClientConfig> = {
  key: "client",
  summary: "names the client class (`name`) and the npm package (`package`); accepts breaking API changes (`accept-breaking`)",
  parse(value, at, problems) {
    const read = new ConfigReader(problems, "client");
    const node = read.mapping(value, at, ["name", "package", "accept-breaking"]);
    if (node === undefined) return undefined;
    const name = read.optionalString(node, "name", at);
    if (name !== undefined && !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
      problems.add([...at, "name"], `client: name "${name}" must be a PascalCase identifier, e.g. Jodo`);
      return undefined;
    }
    const packageName = read.optionalString(node, "package", at);
    if (packageName !== undefined && !/^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/.test(packageName)) {
      problems.add([...at, "package"], `client: package "${packageName}" is not a valid npm package name`);
      return undefined;
    }
    const acceptBreaking = read.stringList(node, "accept-breaking", at) ?? [];
    let accepted = true;
    acceptBreaking.forEach((id, i) => {
      const problem = checkChangeId(id) ?? (acceptBreaking.indexOf(id) < i ? `"${id}" is listed twice` : undefined);
      if (problem !== undefined) {
        problems.add([...at, "accept-breaking", i], `client: accept-breaking: ${problem}`);
        accepted = false;
      }
    });
    return accepted ? { name, packageName, acceptBreaking } : undefined;
  },
  apply(config, _ir, facts) {
    facts.clientName = config.name;
    facts.packageName = config.packageName;
    facts.acceptBreaking.push(...config.acceptBreaking);
  },
};
