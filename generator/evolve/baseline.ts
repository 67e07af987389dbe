/**
 * The committed package a regeneration is compared with. Inside a git work tree that is the
 * package as git's HEAD has it, not whatever an earlier run left on disk: however often a
 * package is regenerated before a commit, the next commit carries one release, compared with
 * the last commit, and a clean checkout regenerates byte for byte. Outside git (a temporary
 * `--out` directory), or when git has no commit of the package (it is git-ignored, or not yet
 * committed), it is the package on disk: a package with a history is never taken for a new one.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { listFiles } from "../emit/emit.js";

export interface Baseline {
  /** Path (relative to the package) → content; empty when nothing is committed there. */
  readonly files: ReadonlyMap<string, string>;
  readonly source: "git" | "disk";
  /** Which baseline this is, for the report's first line: `git HEAD`, `the package on disk (…)`. */
  readonly description: string;
}

function git(cwd: string, args: readonly string[], input?: string): Buffer | undefined {
  try {
    return execFileSync("git", [...args], { cwd, input, stdio: ["pipe", "pipe", "ignore"], maxBuffer: 1024 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

function nearestExisting(path: string): string {
  let current = resolve(path);
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

/** The package at `dir` in git's HEAD, or undefined when `dir` is not inside a git work tree (or git is missing). */
function fromGit(dir: string): Map<string, string> | undefined {
  const cwd = nearestExisting(dir);
  const top = git(cwd, ["rev-parse", "--show-toplevel"])?.toString("utf8").trim();
  if (top === undefined || top === "") return undefined;
  const files = new Map<string, string>();
  const real = (p: string): string => (existsSync(p) ? realpathSync(p) : p);
  const tail = relative(cwd, resolve(dir));
  const rel = relative(real(top), join(real(cwd), tail)).split(sep).join("/");
  // Whether there is a commit at all is asked only when the listing cannot be had (one process less per run).
  const noCommit = (): boolean => git(top, ["rev-parse", "--verify", "--quiet", "HEAD"]) === undefined;
  if (rel.startsWith("..")) return noCommit() ? files : undefined;
  const listing = git(top, ["ls-tree", "-r", "-z", "--name-only", "HEAD", "--", `${rel}/`]);
  if (listing === undefined) return noCommit() ? files : undefined; // no commit yet: nothing committed
  const paths = listing.toString("utf8").split("\0").filter((p) => p !== "" && !p.includes("\n"));
  if (paths.length === 0) return files;
  const batch = git(top, ["cat-file", "--batch"], paths.map((p) => `HEAD:${p}\n`).join(""));
  if (batch === undefined) return undefined;
  let at = 0;
  for (const path of paths) {
    const end = batch.indexOf(0x0a, at);
    if (end < 0) return undefined;
    const header = batch.subarray(at, end).toString("utf8").split(" ");
    at = end + 1;
    if (header[1] === "missing") continue;
    const size = Number(header[2]);
    files.set(path.slice(rel.length + 1), batch.subarray(at, at + size).toString("utf8"));
    at += size + 1;
  }
  return files;
}

function fromDisk(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const path of listFiles(dir)) files.set(path, readFileSync(join(dir, path), "utf8"));
  return files;
}

export function committedPackage(dir: string): Baseline {
  if (process.env["CLIENTSMITH_BASELINE"] === "disk") return { files: fromDisk(dir), source: "disk", description: "the package on disk (CLIENTSMITH_BASELINE=disk)" };
  const committed = fromGit(dir);
  if (committed === undefined) return { files: fromDisk(dir), source: "disk", description: "the package on disk (not in a git work tree)" };
  if (committed.size > 0) return { files: committed, source: "git", description: "git HEAD" };
  const onDisk = fromDisk(dir);
  if (onDisk.size > 0) return { files: onDisk, source: "disk", description: "the package on disk (git has no commit of it: git-ignored or never committed)" };
  return { files: committed, source: "git", description: "git HEAD" };
}
