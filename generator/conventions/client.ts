/**
 * `x-conventions.client`: the generated client's class and package names, the package.json's
 * metadata (`license`, `repository`, `homepage`, `author`, a LICENSE file from `license-text` or
 * `license-file`), the docs site relative links resolve against (`docs-url`), open output enums
 * (`open-enums`), exports kept from earlier releases (`legacy-exports`), and the breaking API changes the spec accepts (`accept-breaking`, change ids
 * from the API report; see generator/evolve/).
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { checkChangeId } from "../evolve/change-kinds.js";
import type { Convention, PackageFact } from "./convention.js";
import { ConfigReader } from "./read-config.js";

interface ClientConfig {
  readonly name: string | undefined;
  readonly packageName: string | undefined;
  readonly acceptBreaking: readonly string[];
  readonly packageFact: PackageFact;
}

const KEYS = ["name", "package", "accept-breaking", "open-enums", "legacy-exports", "docs-url", "license", "license-text", "license-file", "repository", "homepage", "author"];

export const clientConvention: Convention<ClientConfig> = {
  key: "client",
  summary:
    "names the client class (`name`) and the npm package (`package`); the package.json's `license`, `repository`, `homepage`, `author` and a LICENSE file (`license-text`, `license-file`); `docs-url` for relative links; `open-enums`; `legacy-exports`; accepts breaking API changes (`accept-breaking`)",
  parse(value, at, problems, ir) {
    const read = new ConfigReader(problems, "client");
    const node = read.mapping(value, at, KEYS);
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
    const docsUrl = read.optionalString(node, "docs-url", at);
    if (docsUrl !== undefined && !(/^https?:\/\//i.test(docsUrl) && URL.canParse(docsUrl))) {
      problems.add([...at, "docs-url"], `client: docs-url "${docsUrl}" must be an absolute http(s) URL`);
      return undefined;
    }
    if (node["license-text"] !== undefined && node["license-file"] !== undefined) {
      problems.addAtKey([...at, "license-file"], "client: give the license as license-text or license-file, not both");
      return undefined;
    }
    const licenseFile = read.optionalString(node, "license-file", at);
    let licenseText = read.optionalString(node, "license-text", at);
    if (licenseFile !== undefined) {
      try {
        licenseText = readFileSync(resolve(dirname(ir.file), licenseFile), "utf8");
      } catch {
        problems.add([...at, "license-file"], `client: license-file "${licenseFile}" cannot be read (a path relative to the spec's folder)`);
        return undefined;
      }
    }
    const packageFact: PackageFact = {
      openEnums: read.boolean(node, "open-enums", at, false),
      legacyExports: read.boolean(node, "legacy-exports", at, false),
      docsUrl,
      license: read.optionalString(node, "license", at),
      licenseText,
      repository: read.optionalString(node, "repository", at),
      homepage: read.optionalString(node, "homepage", at),
      author: read.optionalString(node, "author", at),
    };
    return accepted ? { name, packageName, acceptBreaking, packageFact } : undefined;
  },
  apply(config, _ir, facts) {
    facts.clientName = config.name;
    facts.packageName = config.packageName;
    facts.packageFact = config.packageFact;
    facts.acceptBreaking.push(...config.acceptBreaking);
  },
};
