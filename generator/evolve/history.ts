/**
 * A package's release history: `api-changes.json` (the machine-readable report, newest release
 * first) and `CHANGELOG.md`, which is rendered from it. Both live in the package; together with
 * the committed `dist/*.d.ts` they are everything the next regeneration needs to decide the next
 * version, so generation stays a pure function of (spec, committed package).
 */
import { createHash } from "node:crypto";
import type { Level } from "./change-kinds.js";
import { shortDetail } from "./detail.js";
import type { Change } from "./diff.js";
import { markdownCode, markdownText } from "../render/escape.js";

export const REPORT_FILE = "api-changes.json";
export const CHANGELOG_FILE = "CHANGELOG.md";
/** Files this stage owns: left out of the fingerprint and rewritten from the history. */
export const MANAGED_FILES: ReadonlySet<string> = new Set([REPORT_FILE, CHANGELOG_FILE]);
export const INITIAL_VERSION = "0.1.0";

export type ReleaseLevel = Level | "initial";

export interface Release {
  readonly version: string;
  /** The version this one was compared with; null for the first recorded version. */
  readonly previous: string | null;
  readonly level: ReleaseLevel;
  /** The spec that produced it (file name and `info.version`); null when not known. */
  readonly spec: { readonly file: string; readonly version: string } | null;
  readonly changes: readonly Change[];
}

export interface ApiReport {
  readonly package: string;
  readonly version: string;
  /** sha256 of the package's files without the version and the managed files: "did anything change?" */
  readonly fingerprint: string;
  readonly releases: readonly Release[];
}

const NOTE = "Written by clientsmith at every regeneration that changes the package: newest release first, each with the API changes since the one before. Do not edit; CHANGELOG.md is rendered from this file.";

/** package.json with its `version` replaced; the manifest is serialised, so this round-trips. */
export function withVersion(manifest: string, version: string): string {
  const data = JSON.parse(manifest) as Record<string, unknown>;
  if (!("version" in data)) return manifest;
  return `${JSON.stringify({ ...data, version }, null, 2)}\n`;
}

export function manifestField(manifest: string | undefined, field: "name" | "version"): string | undefined {
  if (manifest === undefined) return undefined;
  try {
    const value = (JSON.parse(manifest) as Record<string, unknown>)[field];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The fingerprint of a package's content: every file but the managed ones, package.json without its version. */
export function fingerprint(files: ReadonlyMap<string, string>): string {
  const hash = createHash("sha256");
  for (const path of [...files.keys()].sort()) {
    if (MANAGED_FILES.has(path)) continue;
    let content = files.get(path) ?? "";
    if (path === "package.json") {
      try {
        content = withVersion(content, "0.0.0");
      } catch {
        // an unreadable manifest simply fingerprints as it is
      }
    }
    hash.update(`${path}\u0000${content}\u0000`);
  }
  return `sha256:${hash.digest("hex")}`;
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/;

export function isVersion(value: string | undefined): value is string {
  return value !== undefined && SEMVER.test(value);
}

/** The next version: major for breaking, minor for additive, patch for none. */
export function bump(version: string, level: Level): string {
  const match = SEMVER.exec(version);
  if (match === null) return INITIAL_VERSION;
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (level === "breaking") return `${major + 1}.0.0`;
  if (level === "additive") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** The major number of a spec's `info.version` when it is semver-like (`2.1.0`, `v3.0`), else undefined. */
export function specMajor(version: string | undefined): number | undefined {
  const match = version === undefined ? null : /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+][0-9A-Za-z.-]+)?$/.exec(version);
  return match === null ? undefined : Number(match[1]);
}

export function serializeReport(report: ApiReport): string {
  return `${JSON.stringify({ "//": NOTE, ...report }, null, 2)}\n`;
}

/** The committed report, or undefined when there is none or it is not one (then the package is treated as unrecorded). */
export function parseReport(text: string | undefined): ApiReport | undefined {
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== "object" || data === null) return undefined;
  const r = data as Record<string, unknown>;
  if (typeof r["package"] !== "string" || !isVersion(r["version"] as string | undefined) || typeof r["fingerprint"] !== "string" || !Array.isArray(r["releases"])) return undefined;
  const releases = r["releases"] as unknown[];
  const valid = releases.every((x) => {
    if (typeof x !== "object" || x === null) return false;
    const rel = x as Record<string, unknown>;
    return isVersion(rel["version"] as string | undefined) && Array.isArray(rel["changes"]) && typeof rel["level"] === "string";
  });
  if (!valid || releases.length === 0) return undefined;
  return { package: r["package"], version: r["version"] as string, fingerprint: r["fingerprint"], releases: releases as Release[] };
}

const HEADINGS: readonly [Level, string][] = [
  ["breaking", "Breaking"],
  ["additive", "Additive"],
  ["none", "No effect on callers"],
];

function releaseTitle(release: Release): string {
  switch (release.level) {
    case "initial":
      return "first recorded version";
    case "breaking":
      return "breaking changes";
    case "additive":
      return "additions";
    case "none":
      return "no API change";
  }
}

function specLine(release: Release): string {
  const from = release.spec === null ? "" : `generated from ${markdownCode(release.spec.file)} (info.version ${markdownCode(release.spec.version)})`;
  if (release.previous === null) return from === "" ? "" : `${from[0]?.toUpperCase()}${from.slice(1)}.`;
  return `From ${release.previous}${from === "" ? "" : `; ${from}`}.`;
}

/** CHANGELOG.md, newest release first, all of it from the report. */
export function renderChangelog(report: ApiReport): string {
  const lines = [
    `# Changelog: ${report.package}`,
    "",
    `Written by clientsmith from [\`${REPORT_FILE}\`](${REPORT_FILE}) at every regeneration that changes the package; do not edit.`,
    "Versions follow the API report: major for a breaking change, minor for an addition, patch when the",
    "package changed but its API did not.",
  ];
  for (const release of report.releases) {
    lines.push("", `## ${release.version} — ${releaseTitle(release)}`, "");
    const spec = specLine(release);
    if (spec !== "") lines.push(spec);
    if (release.level === "none" && release.changes.length === 0) lines.push("", "The package's code or documentation changed; its API did not.");
    for (const [level, heading] of HEADINGS) {
      const changes = release.changes.filter((c) => c.level === level);
      if (changes.length === 0) continue;
      lines.push("", `### ${heading}`, "");
      for (const c of changes) lines.push(`- ${markdownCode(c.id)}: ${markdownText(shortDetail(c.detail))}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
