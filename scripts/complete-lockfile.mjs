#!/usr/bin/env node
/**
 * Adds lockfile entries for optional platform packages the reachable registry does not serve.
 *
 * Native tools (oxfmt) ship one optional package per platform. `npm install` skips the ones the
 * registry here lacks and leaves them out of package-lock.json, after which `npm ci` refuses the
 * lockfile as out of sync. An entry with the package's os/cpu (and libc) is all `npm ci` needs:
 * it never downloads a package built for another platform. Run after `npm install` when `npm ci`
 * reports "Missing: <package> from lock file".
 */
import { readFileSync, writeFileSync } from "node:fs";

const path = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(path, "utf8"));
const PLATFORM = /binding-(android|darwin|freebsd|linux|openharmony|win32)-(arm64|arm|x64|ia32|ppc64|riscv64|s390x)(?:-(gnu|gnueabihf|musl|musleabihf|msvc|eabi))?$/;

let added = 0;
for (const info of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(info.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key] !== undefined) continue;
    const match = PLATFORM.exec(name);
    if (match === null) {
      console.error(`complete-lockfile: ${name} is missing but names no platform; install it or remove it`);
      process.exitCode = 1;
      continue;
    }
    const [, os, cpu, abi] = match;
    const entry = { version, cpu: [cpu], os: [os], optional: true };
    if (abi === "gnu" || abi === "gnueabihf") entry.libc = ["glibc"];
    if (abi === "musl" || abi === "musleabihf") entry.libc = ["musl"];
    lock.packages[key] = entry;
    added++;
  }
}
// npm keeps package entries sorted by path.
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entr${added === 1 ? "y" : "ies"}`);
