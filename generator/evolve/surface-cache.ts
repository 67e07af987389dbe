/**
 * API surfaces by content. Reading a large package's declarations is most of the evolve stage's
 * cost (Stripe: ~2 MB of `.d.ts`), and the committed package — the baseline of every
 * regeneration until the next commit — is the same each time; so a surface is kept as JSON
 * under `node_modules/.cache/clientsmith/surfaces/`, named by a hash of the package's
 * declaration files and of the code that reads them. A package written by one run is the next
 * run's baseline, so its surface is kept too. The hash leaves out the prose of comments — all a
 * surface reads of them is a line starting with `@deprecated` and a method's endpoint line — so a
 * regeneration that only changes documentation finds both surfaces cached.
 * `CLIENTSMITH_SURFACE_CACHE=off` turns this off.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Surface, extractSurface } from "./surface.js";

const CACHE = fileURLToPath(new URL("../../node_modules/.cache/clientsmith/surfaces/", import.meta.url));
/** Past this many surfaces, the least recently written go. */
const MAX_ENTRIES = 40;

let readerHash: string | undefined | null;

/** The code a surface depends on, as a hash; null when its sources cannot be read (then nothing is cached). */
function reader(): string | null {
  if (readerHash !== undefined) return readerHash;
  try {
    const hash = createHash("sha256");
    for (const file of ["surface.ts", "shape.ts"]) hash.update(readFileSync(new URL(`./${file}`, import.meta.url))).update("\0");
    readerHash = hash.digest("hex");
  } catch {
    readerHash = null;
  }
  return readerHash;
}

/** String literals (kept), then comments (each reduced to the lines a surface reads of it). */
const TOKENS = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g;
const READ_LINES = /^.*(?:@deprecated|`[A-Z]+ \/).*$/gm;

/** A declaration file without the prose of its comments: what its surface depends on. */
export function withoutProse(text: string): string {
  return text.replace(TOKENS, (token) => (token.startsWith("/*") || token.startsWith("//") ? `/*${(token.match(READ_LINES) ?? []).join("\n")}*/` : token));
}

export function surfaceKey(files: ReadonlyMap<string, string>): string | undefined {
  const code = reader();
  if (code === null) return undefined;
  const hash = createHash("sha256").update(code);
  for (const path of [...files.keys()].sort()) {
    if (path.startsWith("dist/") && path.endsWith(".d.ts")) hash.update(path).update("\0").update(withoutProse(files.get(path) ?? "")).update("\0");
  }
  return hash.digest("hex").slice(0, 32);
}

/** extractSurface, served from the cache when these declaration files were read before. */
export function cachedSurface(files: ReadonlyMap<string, string>): Surface {
  if (process.env["CLIENTSMITH_SURFACE_CACHE"] === "off" || !files.has("dist/index.d.ts")) return extractSurface(files);
  const key = surfaceKey(files);
  if (key === undefined) return extractSurface(files);
  const path = join(CACHE, `${key}.json`);
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Surface;
  } catch {
    // not cached yet, or unreadable: read the declarations
  }
  const surface = extractSurface(files);
  try {
    mkdirSync(CACHE, { recursive: true });
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, JSON.stringify(surface));
    renameSync(partial, path);
    prune();
  } catch {
    // a read-only node_modules only costs speed
  }
  return surface;
}

function prune(): void {
  const entries = readdirSync(CACHE).filter((f) => f.endsWith(".json"));
  if (entries.length <= MAX_ENTRIES) return;
  const byAge = entries.map((f) => ({ f, t: statSync(join(CACHE, f)).mtimeMs })).sort((a, b) => a.t - b.t);
  for (const { f } of byAge.slice(0, entries.length - MAX_ENTRIES)) if (existsSync(join(CACHE, f))) rmSync(join(CACHE, f), { force: true });
}
