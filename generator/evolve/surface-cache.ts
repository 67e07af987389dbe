/**
 * API surfaces by content. Reading a large package's declarations is most of the evolve stage's
 * cost (Stripe: ~2 MB of `.d.ts`), and the committed package — the baseline of every
 * regeneration until the next commit — is the same each time; so a surface is kept as JSON
 * under `node_modules/.cache/clientsmith/surfaces/`, named by a hash of the package's
 * declaration files and of the code that reads them, beside the facts of the statements it was
 * read from (statements.ts). A package written by one run is the next run's baseline, so its
 * surface is kept too; and a package not read before is read by parsing only the statements
 * that differ from its baseline's. The hash leaves out the prose of comments — all a surface
 * reads of them is a line starting with `@deprecated` and a method's endpoint line — so a
 * regeneration that only changes documentation has no API change to look for and reads no
 * surface; it is remembered by a hash of the declarations as they are (`<hash>.key`), so the
 * baseline's is found without reading out its prose. `CLIENTSMITH_SURFACE_CACHE=off` turns this
 * off (the full path: both packages read whole).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Change, diffSurfaces } from "./diff.js";
import { FactsMemo, type StatementFacts } from "./statements.js";
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
    for (const file of ["surface.ts", "statements.ts", "shape.ts"]) hash.update(readFileSync(new URL(`./${file}`, import.meta.url))).update("\0");
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

const declarationPaths = (files: ReadonlyMap<string, string>): string[] => [...files.keys()].filter((path) => path.startsWith("dist/") && path.endsWith(".d.ts")).sort();

export function surfaceKey(files: ReadonlyMap<string, string>): string | undefined {
  const code = reader();
  if (code === null) return undefined;
  const hash = createHash("sha256").update(code);
  for (const path of declarationPaths(files)) hash.update(path).update("\0").update(withoutProse(files.get(path) ?? "")).update("\0");
  return hash.digest("hex").slice(0, 32);
}

/**
 * surfaceKey, remembered by a hash of the declarations as they are (prose included), which costs
 * a fraction of reading out their prose: a package written by one run, the next run's baseline,
 * is keyed once.
 */
function rememberedKey(files: ReadonlyMap<string, string>): string | undefined {
  const code = reader();
  if (code === null) return undefined;
  const hash = createHash("sha256").update(code);
  for (const path of declarationPaths(files)) hash.update(path).update("\0").update(files.get(path) ?? "").update("\0");
  const index = join(CACHE, `${hash.digest("hex").slice(0, 32)}.key`);
  try {
    const known = readFileSync(index, "utf8");
    if (/^[0-9a-f]{32}$/.test(known)) return known;
  } catch {
    // not keyed yet
  }
  const key = surfaceKey(files);
  if (key !== undefined) writeText(index, key);
  return key;
}

const off = (): boolean => process.env["CLIENTSMITH_SURFACE_CACHE"] === "off";

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch {
    return undefined; // not cached yet, or unreadable
  }
}

function writeText(path: string, text: string): void {
  try {
    mkdirSync(CACHE, { recursive: true });
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, text);
    renameSync(partial, path);
  } catch {
    // a read-only node_modules only costs speed
  }
}

const writeJson = (path: string, value: unknown): void => writeText(path, JSON.stringify(value));

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** What a cache file must be to be served as a surface (anything else is read again). */
function isSurface(value: unknown): value is Surface {
  return isRecord(value) && isRecord(value["exports"]) && isRecord(value["operations"]) && isRecord(value["models"]);
}

/** The statements an earlier surface was read from, by the key of that surface. */
function knownFacts(key: string | undefined): FactsMemo {
  const facts = key === undefined ? undefined : readJson<Record<string, StatementFacts>>(join(CACHE, `${key}.facts.json`));
  return new FactsMemo(isRecord(facts) ? new Map(Object.entries(facts)) : undefined);
}

/**
 * extractSurface, served from the cache when these declaration files were read before. When
 * they were not, the statements of `like` (another package's files, e.g. the baseline whose
 * surface was cached) are reused: only what differs is parsed.
 */
export function cachedSurface(files: ReadonlyMap<string, string>, like?: ReadonlyMap<string, string>): Surface {
  if (off() || !files.has("dist/index.d.ts")) return extractSurface(files);
  const key = surfaceKey(files);
  if (key === undefined) return extractSurface(files);
  return cachedByKey(files, key, like === undefined ? undefined : surfaceKey(like));
}

function cachedByKey(files: ReadonlyMap<string, string>, key: string, likeKey: string | undefined): Surface {
  const path = join(CACHE, `${key}.json`);
  const cached = readJson<Surface>(path);
  if (isSurface(cached)) return cached;
  const memo = knownFacts(likeKey);
  const surface = extractSurface(files, memo);
  writeJson(join(CACHE, `${key}.facts.json`), Object.fromEntries(memo.used));
  writeJson(path, surface);
  prune();
  return surface;
}

/**
 * The API changes from one package to another (diffSurfaces of their surfaces), reading as little
 * as the cache allows: nothing when their declarations differ in prose only (then there is no API
 * change), and for a package not read before, only the statements that differ from the other one.
 */
export function apiChanges(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): Change[] {
  if (off()) return diffSurfaces(extractSurface(before), extractSurface(after));
  const beforeKey = before.has("dist/index.d.ts") ? rememberedKey(before) : undefined;
  const afterKey = after.has("dist/index.d.ts") ? rememberedKey(after) : undefined;
  if (beforeKey !== undefined && beforeKey === afterKey) return [];
  const beforeSurface = beforeKey === undefined ? extractSurface(before) : cachedByKey(before, beforeKey, undefined);
  const afterSurface = afterKey === undefined ? extractSurface(after) : cachedByKey(after, afterKey, beforeKey);
  return diffSurfaces(beforeSurface, afterSurface);
}

/** Past MAX_ENTRIES surfaces, the least recently written go, with the statements they were read from. */
function prune(): void {
  const files = readdirSync(CACHE);
  const byAge = (names: string[]): string[] => names.map((f) => ({ f, t: statSync(join(CACHE, f)).mtimeMs })).sort((a, b) => a.t - b.t).map(({ f }) => f);
  const surfaces = files.filter((f) => /^[0-9a-f]+\.json$/.test(f));
  const keys = files.filter((f) => f.endsWith(".key"));
  const stale = [
    ...byAge(surfaces).slice(0, Math.max(0, surfaces.length - MAX_ENTRIES)).flatMap((f) => [f, f.replace(/\.json$/, ".facts.json")]),
    ...byAge(keys).slice(0, Math.max(0, keys.length - 4 * MAX_ENTRIES)),
  ];
  for (const file of stale) if (existsSync(join(CACHE, file))) rmSync(join(CACHE, file), { force: true });
}
