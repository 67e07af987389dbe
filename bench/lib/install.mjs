/**
 * The peers live in bench/'s own package and lockfile, never in the project's dependencies.
 * `npm ci` runs in bench/ when its node_modules is missing or was installed from another lockfile.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BENCH = fileURLToPath(new URL("../", import.meta.url));

export function ensureInstalled() {
  const lock = createHash("sha256").update(readFileSync(join(BENCH, "package-lock.json"))).digest("hex");
  const marker = join(BENCH, "node_modules", ".bench-lockfile-sha256");
  if (existsSync(marker) && readFileSync(marker, "utf8") === lock) return;
  process.stderr.write("[bench] installing the peers: npm ci in bench/\n");
  const npm = process.env.npm_execpath;
  const [command, args] = npm?.endsWith(".js") ? [process.execPath, [npm]] : ["npm", []];
  execFileSync(command, [...args, "ci", "--no-audit", "--no-fund"], { cwd: BENCH, stdio: "inherit" });
  writeFileSync(marker, lock);
}
