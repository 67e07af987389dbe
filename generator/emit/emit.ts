/**
 * The emit stage: writes whole packages atomically. Every package is staged in full beside its
 * target first; only when all are staged are they swapped in by rename, so a run that fails
 * for any reason leaves the output directory exactly as it was.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import type { RenderedFile } from "../render/render.js";

export interface PackageOutput {
  /** The package directory, e.g. `generated/jodo`. */
  readonly dir: string;
  readonly files: readonly RenderedFile[];
}

/**
 * The disk refused a write (full, read-only, a path through a file): the user's environment, not
 * the spec or the generator, so the CLI reports it in one line. Nothing is left behind.
 */
export class CannotWriteError extends Error {
  constructor(
    readonly dir: string,
    override readonly cause: Error,
  ) {
    super(`cannot write ${dir}: ${cause.message}`);
    this.name = "CannotWriteError";
  }
}

/** Test seam: a write that can be made to fail part-way. */
export type WriteFile = (path: string, content: string) => void;

const defaultWrite: WriteFile = (path, content) => writeFileSync(path, content);

export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

/** Whether a package on disk is byte-identical to the one in memory. */
export function isUpToDate(output: PackageOutput): boolean {
  const onDisk = listFiles(output.dir);
  if (onDisk.length !== output.files.length) return false;
  return output.files.every((f) => {
    const path = join(output.dir, f.path);
    return existsSync(path) && readFileSync(path, "utf8") === f.content;
  });
}

/** Writes the packages that changed; returns their directories. */
export function emitPackages(outputs: readonly PackageOutput[], write: WriteFile = defaultWrite): string[] {
  const changed = outputs.filter((o) => !isUpToDate(o));
  const staged: { output: PackageOutput; staging: string }[] = [];
  // Folders made for a new target's parent (`--out new/deeper/pkg`), removed again on failure.
  const created: string[] = [];
  let current = "";
  try {
    for (const output of changed) {
      current = output.dir;
      const staging = `${output.dir}.clientsmith-staging`;
      rmSync(staging, { recursive: true, force: true });
      const made = mkdirSync(dirname(output.dir), { recursive: true });
      if (made !== undefined) created.push(made);
      staged.push({ output, staging });
      for (const file of output.files) {
        const path = join(staging, file.path);
        mkdirSync(dirname(path), { recursive: true });
        write(path, file.content);
      }
    }
    swapIn(staged);
  } catch (error) {
    for (const { staging } of staged) rmSync(staging, { recursive: true, force: true });
    for (const dir of created.reverse()) rmSync(dir, { recursive: true, force: true });
    throw isFsError(error) ? new CannotWriteError(current, error) : error;
  }
  return changed.map((o) => o.dir);
}

function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && "code" in error && typeof error.code === "string";
}

function swapIn(staged: readonly { output: PackageOutput; staging: string }[]): void {
  const swapped: { dir: string; backup: string | undefined }[] = [];
  let current = "";
  try {
    for (const { output, staging } of staged) {
      current = output.dir;
      const backup = existsSync(output.dir) ? `${output.dir}.clientsmith-previous` : undefined;
      if (backup !== undefined) {
        rmSync(backup, { recursive: true, force: true });
        renameSync(output.dir, backup);
      }
      swapped.push({ dir: output.dir, backup });
      renameSync(staging, output.dir);
    }
  } catch (error) {
    for (const { dir, backup } of swapped.reverse()) {
      rmSync(dir, { recursive: true, force: true });
      if (backup !== undefined) renameSync(backup, dir);
    }
    for (const { staging } of staged) rmSync(staging, { recursive: true, force: true });
    throw isFsError(error) ? new CannotWriteError(current, error) : error;
  }
  for (const { backup } of swapped) if (backup !== undefined) rmSync(backup, { recursive: true, force: true });
}
