/**
 * Plain Node ESM, no TypeScript and no loaders: imports every generated package the way a user's
 * program would, constructs its client and lists what it offers.
 *
 *   node test/packages/import-all.mjs [package-dir ...]     (default: every generated/<name>/)
 *
 * For each package it checks that package.json is an ES module whose `exports` point at files
 * that exist; that importing it by name (through a temporary node_modules symlink) and by path
 * (dist/index.js) give the same module; that the client class from dist/client.js is exported;
 * that a client built from dummy credentials and a `baseUrl` has, for every resource its .d.ts
 * declares (directly, or in a namespace such as a route version: `client.v1.customers`), an
 * object with at least one method. Prints a JSON summary on stdout and exits 0, or
 * prints the first problem on stderr and exits 1.
 */

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const GENERATED = fileURLToPath(new URL("../../generated/", import.meta.url));

class Problem extends Error {}

function check(condition, message) {
  if (!condition) throw new Problem(message);
}

function packageDirs(args) {
  if (args.length > 0) return args.map((dir) => resolve(dir));
  return readdirSync(GENERATED, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(GENERATED, entry.name, "package.json")))
    .map((entry) => join(GENERATED, entry.name))
    .sort();
}

/** The .d.ts without comments, so that JSDoc text cannot look like declarations. */
function declarations(file) {
  return readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

/** Required string options of `<Client>Options` (the credentials), and the declared resources. */
function readClientDeclarations(dir, client) {
  const dts = declarations(join(dir, "dist/client.d.ts"));
  const options = new RegExp(`export interface ${client}Options extends TransportOptions \\{([^}]*)\\}`).exec(dts);
  check(options !== null, `${dir}: dist/client.d.ts declares no ${client}Options`);
  const required = [...options[1].matchAll(/readonly (\w+): string;/g)].map((m) => m[1]);
  const body = classBody(dts, client);
  check(body !== null, `${dir}: dist/client.d.ts declares no class ${client}`);
  // `readonly x: X;` is a resource; `readonly v1: { readonly x: X; };` a namespace (route version) of resources, `v1.x`.
  const resources = [];
  for (const m of body.matchAll(/readonly (\w+): (?:(\w+)|\{([^{}]*)\});/g)) {
    // `core` is the engine under the resources (what the per-operation functions take), not a resource.
    if (m[1] === "core") continue;
    if (m[2] !== undefined) resources.push(m[1]);
    else for (const inner of m[3].matchAll(/readonly (\w+): \w+;/g)) resources.push(`${m[1]}.${inner[1]}`);
  }
  return { required, resources };
}

/** The text between the braces of `export declare class <client> { … }`, nested braces included. */
function classBody(dts, client) {
  const start = dts.search(new RegExp(`export declare class ${client} \\{`));
  if (start < 0) return null;
  const open = dts.indexOf("{", start);
  let depth = 0;
  for (let i = open; i < dts.length; i++) {
    if (dts[i] === "{") depth++;
    else if (dts[i] === "}" && --depth === 0) return dts.slice(open + 1, i);
  }
  return null;
}

function methodsOf(object) {
  const names = new Set();
  for (let proto = Object.getPrototypeOf(object); proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name !== "constructor" && typeof object[name] === "function") names.add(name);
    }
  }
  return [...names].sort();
}

async function inspect(dir, scratch, index) {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  check(typeof manifest.name === "string", `${dir}: package.json has no name`);
  check(manifest.type === "module", `${manifest.name}: package.json type is ${manifest.type}, not "module"`);
  const entry = manifest.exports?.["."];
  check(typeof entry?.import === "string" && typeof entry?.types === "string", `${manifest.name}: exports["."] lacks import or types`);
  check(existsSync(join(dir, entry.import)), `${manifest.name}: exports["."].import ${entry.import} does not exist`);
  check(existsSync(join(dir, entry.types)), `${manifest.name}: exports["."].types ${entry.types} does not exist`);

  // By name: a module in a scratch project that re-exports the package, resolved by Node.
  const link = join(scratch, "node_modules", ...manifest.name.split("/"));
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(dir, link, "junction");
  const probe = join(scratch, `probe-${index}.mjs`);
  writeFileSync(probe, `export * from ${JSON.stringify(manifest.name)};\n`);
  const byName = await import(pathToFileURL(probe).href);
  const byPath = await import(pathToFileURL(join(dir, "dist/index.js")).href);

  const clientModule = await import(pathToFileURL(join(dir, "dist/client.js")).href);
  const classes = Object.entries(clientModule).filter(([, value]) => typeof value === "function");
  check(classes.length === 1, `${manifest.name}: dist/client.js exports ${classes.length} classes, expected 1`);
  const [client, Client] = classes[0];
  check(byPath[client] === Client, `${manifest.name}: dist/index.js does not export ${client}`);
  check(byName[client] === Client, `${manifest.name}: importing by name does not give dist/index.js's ${client}`);
  for (const name of ["APIError", "ClientError", "RequestValidationError", "APIPromise"]) {
    check(typeof byName[name] === "function", `${manifest.name}: ${name} is not exported`);
  }
  check(new byName.APIError({ status: 500, headers: new Headers(), body: undefined, message: "x" }) instanceof Error, `${manifest.name}: APIError is not an Error`);

  const { required, resources } = readClientDeclarations(dir, client);
  const options = Object.fromEntries(required.map((name) => [name, `dummy-${name}`]));
  const instance = new Client({ ...options, baseUrl: "http://127.0.0.1:9/", maxRetries: 0 });
  check(resources.length > 0, `${manifest.name}: ${client} declares no resources`);
  const summary = {};
  let methodCount = 0;
  for (const resource of resources) {
    const value = resource.split(".").reduce((object, key) => object?.[key], instance);
    check(typeof value === "object" && value !== null, `${manifest.name}: client.${resource} is ${typeof value}, not an object`);
    const methods = methodsOf(value);
    check(methods.length > 0, `${manifest.name}: client.${resource} has no methods`);
    summary[resource] = methods;
    methodCount += methods.length;
  }
  return { dir, name: manifest.name, client, options: required, resourceCount: resources.length, methodCount, resources: summary };
}

async function run() {
  const scratch = mkdtempSync(join(tmpdir(), "clientsmith-import-"));
  try {
    const dirs = packageDirs(process.argv.slice(2));
    check(dirs.length > 0, "no packages to import");
    const packages = [];
    for (const [index, dir] of dirs.entries()) packages.push(await inspect(dir, scratch, index));
    process.stdout.write(`${JSON.stringify({ node: process.version, packages }, null, 2)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`import-all: ${error instanceof Problem ? error.message : (error?.stack ?? String(error))}\n`);
    return 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = await run();
