/** The command line driven in-process, temporary folders removed after the file's tests, and snapshots of what is on disk. */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { afterAll } from "vitest";
import { main } from "../../generator/cli.js";

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** `main(argv)` with stdout and stderr captured. */
export async function run(...argv: string[]): Promise<CliResult> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** A maker of fresh folders under the system's temp folder, all removed when the test file ends. */
export function tempDirs(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

/** Every file, folder and link under dir (folders as `name/`, links by target, files by content hash): equal snapshots mean nothing was touched. */
export function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      const key = relative(dir, full).split(sep).join("/");
      if (entry.isSymbolicLink()) result[key] = `-> ${readlinkSync(full)}`;
      else if (entry.isDirectory()) {
        result[`${key}/`] = "dir";
        walk(full);
      } else result[key] = createHash("sha256").update(readFileSync(full)).digest("hex");
    }
  };
  if (existsSync(dir)) walk(dir);
  return result;
}
