/**
 * The tools, each run as its users run it (its own CLI, a whole process), and the one-call
 * consumer each one's users would write for the same operation.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { BENCH, ROOT, camelCase } from "./cases.mjs";

const bin = (...parts) => join(BENCH, "node_modules", ...parts);
const version = (pkg, root = join(BENCH, "node_modules")) => JSON.parse(readFileSync(join(root, pkg, "package.json"), "utf8")).version;
const importPath = (from, to) => {
  const rel = relative(from, to).split("\\").join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
};

function clientsmithVersion() {
  const { version: v } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "generator", "templates", "package.json"], { cwd: ROOT, encoding: "utf8" }).trim() !== "";
    return `${v} (${head}${dirty ? " + uncommitted changes" : ""})`;
  } catch {
    return v;
  }
}

/** The operation's path with its parameters filled in, for bare fetch. */
export function concretePath(op) {
  return op.path.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(op.params[name]));
}

/** An exported function in `file` whose name is `wanted` up to case, as the tools spell it. */
function exportedName(file, wanted) {
  const text = readFileSync(file, "utf8");
  if (new RegExp(`export (?:const|async function|function) ${wanted}\\b`).test(text)) return wanted;
  const names = [...text.matchAll(/export (?:const|async function|function) (\w+)/g)].map((m) => m[1]);
  return names.find((n) => n.toLowerCase() === wanted.toLowerCase()) ?? wanted;
}

function clientClass(out) {
  return /^export class (\w+)/m.exec(readFileSync(join(out, "src/client.ts"), "utf8"))?.[1] ?? "Client";
}

/** `students.get("s1")` → `studentsGet`, as the package names its per-operation functions; checked against its index. */
function operationFunction(out, call) {
  const [first = "", ...rest] = call.slice(0, call.indexOf("(")).split(".");
  const name = first + rest.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
  if (!new RegExp(`\\b${name}\\b`).test(readFileSync(join(out, "src/index.ts"), "utf8"))) throw new Error(`clientsmith: ${out} exports no function ${name}`);
  return name;
}

/** The class-style clientsmith consumer, bundled beside the function style (bundle row only). */
export const CLASS_BUNDLE = { id: "clientsmith-class", label: "clientsmith (client class)", of: "clientsmith" };

const CALL_WRAPPER = (setup, body) => `${setup}
export function makeCall(baseUrl: string): () => Promise<unknown> {
${body}
}
`;

export const TOOLS = [
  {
    id: "clientsmith",
    label: "clientsmith",
    version: () => clientsmithVersion(),
    generate: (c, spec, out) => ({ command: process.execPath, args: [join(ROOT, "generator/launch.mjs"), "--spec", spec, "--out", out], cwd: ROOT }),
    /** `entry` is "src" for the type-check (the package's TypeScript) and "dist" for the bundle (what users import). */
    /** The per-operation function over the package's core: what a one-call application writes to bundle least. */
    consumer: (c, out, dir, entry) => {
      const cls = clientClass(out);
      const fn = operationFunction(out, c.clientsmith.call);
      const from = importPath(dir, join(out, entry, "index.js"));
      return CALL_WRAPPER(
        `import { create${cls}Core, ${fn}, APIError } from ${JSON.stringify(from)};`,
        `  const core = create${cls}Core(${c.clientsmith.options});
  return async () => {
    try {
      return await ${fn}(core, ${c.clientsmith.call.slice(c.clientsmith.call.indexOf("(") + 1)};
    } catch (error) {
      // typed errors: every non-2xx is an APIError subclass with status, headers and body
      if (error instanceof APIError) return error.status;
      throw error;
    }
  };`,
      );
    },
    /** The resource-grouped client (the main API), kept as a second bundle row for comparison. */
    classConsumer: (c, out, dir, entry) => {
      const cls = clientClass(out);
      const from = importPath(dir, join(out, entry, "index.js"));
      return CALL_WRAPPER(
        `import { ${cls}, APIError } from ${JSON.stringify(from)};`,
        `  const client = new ${cls}(${c.clientsmith.options});
  return async () => {
    try {
      return await client.${c.clientsmith.call};
    } catch (error) {
      // typed errors: every non-2xx is an APIError subclass with status, headers and body
      if (error instanceof APIError) return error.status;
      throw error;
    }
  };`,
      );
    },
  },
  {
    id: "openapi-typescript",
    label: "openapi-typescript + openapi-fetch",
    version: () => `${version("openapi-typescript")} + openapi-fetch ${version("openapi-fetch")}`,
    generate: (c, spec, out) => ({ command: process.execPath, args: [bin("openapi-typescript/bin/cli.js"), spec, "-o", join(out, "schema.d.ts")], cwd: BENCH }),
    consumer: (c, out, dir) => {
      const params = { path: c.op.params, ...(c.op.headers ? { header: c.op.headers } : {}) };
      return CALL_WRAPPER(
        `import createClient from "openapi-fetch";\nimport type { paths } from ${JSON.stringify(importPath(dir, join(out, "schema.js")))};`,
        `  const client = createClient<paths>({ baseUrl });
  return async () => {
    const { data, error } = await client.GET(${JSON.stringify(c.op.path)}, { params: ${JSON.stringify(params)} });
    return error === undefined ? data : error;
  };`,
      );
    },
  },
  {
    id: "hey-api",
    label: "@hey-api/openapi-ts (fetch)",
    version: () => version("@hey-api/openapi-ts"),
    generate: (c, spec, out) => ({
      command: process.execPath,
      args: [bin("@hey-api/openapi-ts/bin/run.js"), "-i", spec, "-o", out, "-p", "@hey-api/client-fetch", "@hey-api/sdk", "@hey-api/typescript"],
      cwd: BENCH,
    }),
    consumer: (c, out, dir) => {
      const fn = exportedName(join(out, "sdk.gen.ts"), camelCase(c.op.operationId));
      const args = { path: c.op.params, ...(c.op.headers ? { headers: c.op.headers } : {}) };
      return CALL_WRAPPER(
        `import { createClient, createConfig } from ${JSON.stringify(importPath(dir, join(out, "client/index.js")))};\nimport { ${fn} } from ${JSON.stringify(importPath(dir, join(out, "sdk.gen.js")))};`,
        `  const client = createClient(createConfig({ baseUrl }));
  return async () => {
    const { data, error } = await ${fn}({ client, ...${JSON.stringify(args)} });
    return error === undefined ? data : error;
  };`,
      );
    },
  },
  {
    id: "orval",
    label: "orval (fetch)",
    version: () => version("orval"),
    /** orval's fetch client builds relative URLs; its documented way to a base URL is the config. */
    generate: (c, spec, out, { port }) => {
      const config = join(out, "..", `${c.id}.orval.config.mjs`);
      const output = { target: join(out, "api.ts"), client: "fetch", mode: "single", baseUrl: `http://127.0.0.1:${port}` };
      writeFileSync(config, `export default ${JSON.stringify({ bench: { input: { target: spec }, output } }, null, 2)};\n`);
      return { command: process.execPath, args: [bin("orval/dist/bin/orval.mjs"), "--config", config], cwd: BENCH };
    },
    consumer: (c, out, dir) => {
      const fn = exportedName(join(out, "api.ts"), camelCase(c.op.operationId));
      const pathArgs = (c.op.path.match(/\{[^}]+\}/g) ?? []).map((p) => JSON.stringify(c.op.params[p.slice(1, -1)]));
      const headers = c.op.headers ? `, { headers: ${JSON.stringify(c.op.headers)} }` : "";
      return CALL_WRAPPER(
        `import { ${fn} } from ${JSON.stringify(importPath(dir, join(out, "api.js")))};`,
        `  void baseUrl; // set at generation (orval.config)
  return async () => {
    const response = await ${fn}(${pathArgs.join(", ")}${headers});
    return response.data;
  };`,
      );
    },
  },
];

/** Bare fetch: the baseline of the throughput ratios and the floor of the bundle sizes. */
export function fetchConsumer(c) {
  return CALL_WRAPPER(
    "",
    `  const url = baseUrl + ${JSON.stringify(concretePath(c.op))};
  return async () => {
    const response = await fetch(url);
    return response.ok ? await response.json() : response.status;
  };`,
  );
}

/** Every file the tool wrote: count, lines, bytes; TypeScript source separately. */
export function outputStats(dir) {
  const total = { files: 0, lines: 0, bytes: 0 };
  const ts = { files: 0, lines: 0, bytes: 0 };
  if (!existsSync(dir)) return { total, ts };
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const text = readFileSync(join(entry.parentPath, entry.name));
    const lines = text.toString("utf8").split("\n").length - (text.at(-1) === 10 ? 1 : 0);
    for (const bucket of entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") || (entry.name.endsWith(".d.ts") && !join(entry.parentPath, entry.name).includes("/dist/")) ? [total, ts] : [total]) {
      bucket.files += 1;
      bucket.lines += lines;
      bucket.bytes += text.length;
    }
  }
  return { total, ts };
}
