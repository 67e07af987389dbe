/** `x-conventions.client`: the generated client's class and package names. */
import type { Convention } from "./convention.js";
import { ConfigReader } from "./read-config.js";

interface ClientConfig {
  readonly name: string;
  readonly packageName: string | undefined;
}

export const clientConvention: Convention<ClientConfig> = {
  key: "client",
  summary: "names the client class (`name`) and optionally the npm package (`package`)",
  parse(value, at, problems) {
    const read = new ConfigReader(problems, "client");
    const node = read.mapping(value, at, ["name", "package"]);
    if (node === undefined) return undefined;
    const name = read.string(node, "name", at);
    if (name !== undefined && !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
      problems.add([...at, "name"], `client: name "${name}" must be a PascalCase identifier, e.g. Jodo`);
      return undefined;
    }
    const packageName = read.optionalString(node, "package", at);
    if (packageName !== undefined && !/^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/.test(packageName)) {
      problems.add([...at, "package"], `client: package "${packageName}" is not a valid npm package name`);
      return undefined;
    }
    return name === undefined ? undefined : { name, packageName };
  },
  apply(config, _ir, facts) {
    facts.clientName = config.name;
    facts.packageName = config.packageName;
  },
};
