/**
 * Stamps: what makes a no-op `npm run generate` cost a hash instead of a pipeline run. After each
 * run that ends with a package on disk, its stamp records a hash of the spec's bytes and of the
 * generator (its sources, templates, runtime and locked dependencies), and every file of the
 * package with its size and modification time (the spec's too: while they stay the same, its
 * bytes are not even reread, as git trusts its index). The next run skips a spec — without parsing it —
 * when the hashes are the same and the package's files are exactly the recorded ones, untouched.
 *
 * Stamps live outside the packages, under `node_modules/.cache/clientsmith/stamps/`, so that the
 * committed output never changes with them. `--check` never reads them: CI compares real bytes.
 * `CLIENTSMITH_STAMPS=off` turns them off.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const STAMP_DIR = join(ROOT, "node_modules", ".cache", "clientsmith", "stamps");
/** Past this many stamps, those of packages that no longer exist (test runs' temporary trees) go. */
const MAX_STAMPS = 200;

interface Stamp {
  readonly key: string;
  /** The spec as last hashed: while its size and mtime stay the same, its bytes are not reread. */
  readonly spec?: { readonly size: number; readonly mtimeMs: number; readonly sha256: string };
  /** [path relative to the package, size in bytes, mtime in ms], sorted by path. */
  readonly files: readonly (readonly [string, number, number])[];
}

let fingerprint: string | undefined;

/** The generator as a hash: every file under generator/ and templates/, and the lockfile. */
export function generatorFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const hash = createHash("sha256");
  const add = (path: string): void => {
    hash.update(relative(ROOT, path)).update("\0").update(readFileSync(path)).update("\0");
  };
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else add(path);
    }
  };
  walk(join(ROOT, "generator"));
  walk(join(ROOT, "templates"));
  if (existsSync(join(ROOT, "package-lock.json"))) add(join(ROOT, "package-lock.json"));
  hash.update(`${process.env["CLIENTSMITH_FORMATTER"] ?? ""}\0${process.env["CLIENTSMITH_COMPILER"] ?? ""}`);
  fingerprint = hash.digest("hex");
  return fingerprint;
}

function enabled(): boolean {
  return process.env["CLIENTSMITH_STAMPS"] !== "off";
}

function stampPath(dir: string): string {
  return join(STAMP_DIR, `${createHash("sha256").update(resolve(dir)).digest("hex").slice(0, 32)}.json`);
}

interface SpecIdentity {
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string;
}

/** The spec's hash, from the stamp when the file's size and mtime say it was not touched. */
function specIdentity(spec: string, known: SpecIdentity | undefined): SpecIdentity | undefined {
  try {
    const { size, mtimeMs } = statSync(spec);
    if (known !== undefined && known.size === size && known.mtimeMs === mtimeMs) return known;
    return { size, mtimeMs, sha256: createHash("sha256").update(readFileSync(spec)).digest("hex") };
  } catch {
    return undefined; // unreadable: let the pipeline report it
  }
}

function keyFor(identity: SpecIdentity, dir: string): string {
  return createHash("sha256").update(`${generatorFingerprint()}\0${identity.sha256}\0${resolve(dir)}`).digest("hex");
}

/** Every file under dir with its size and mtime, sorted by path; undefined when dir is missing. */
function snapshot(dir: string): [string, number, number][] | undefined {
  if (!existsSync(dir)) return undefined;
  const files: [string, number, number][] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const stat = statSync(full);
        files.push([relative(dir, full).split(sep).join("/"), stat.size, stat.mtimeMs]);
      }
    }
  };
  walk(dir);
  return files.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Whether `dir` holds, untouched, what the last run generated from this very spec and generator. */
export function isFresh(spec: string, dir: string): boolean {
  if (!enabled()) return false;
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(stampPath(dir), "utf8")) as Stamp;
  } catch {
    return false;
  }
  const identity = specIdentity(spec, stamp.spec);
  if (identity === undefined || stamp.key !== keyFor(identity, dir)) return false;
  const now = snapshot(dir);
  if (now === undefined || now.length !== stamp.files.length) return false;
  return now.every((file, i) => {
    const recorded = stamp.files[i];
    return recorded !== undefined && file[0] === recorded[0] && file[1] === recorded[1] && file[2] === recorded[2];
  });
}

/** Records the package now on disk in `dir` as generated from `spec`. Best effort. */
export function recordStamp(spec: string, dir: string): void {
  if (!enabled()) return;
  try {
    const identity = specIdentity(spec, undefined);
    const files = snapshot(dir);
    if (identity === undefined || files === undefined) return;
    const key = keyFor(identity, dir);
    mkdirSync(STAMP_DIR, { recursive: true });
    const path = stampPath(dir);
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ key, spec: identity, files, dir: resolve(dir) }));
    renameSync(temp, path);
    prune();
  } catch {
    // A read-only cache only makes the next run slower.
  }
}

function prune(): void {
  const entries = readdirSync(STAMP_DIR);
  if (entries.length <= MAX_STAMPS) return;
  for (const entry of entries) {
    const path = join(STAMP_DIR, entry);
    try {
      const { dir } = JSON.parse(readFileSync(path, "utf8")) as { dir?: string };
      if (typeof dir !== "string" || !existsSync(dir)) rmSync(path, { force: true });
    } catch {
      rmSync(path, { force: true });
    }
  }
}
