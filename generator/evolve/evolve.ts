/**
 * The evolve stage, between generation and emit: it compares the package just generated (in
 * memory) with the one committed at its directory, and
 *
 *   - versions it: the committed version when nothing changed, else a semver bump from the API
 *     report (patch: no API change, minor: additive, major: breaking); 0.1.0 for a new package;
 *   - records the release in `api-changes.json` and `CHANGELOG.md` inside the package;
 *   - gates it: a release with breaking changes must be accepted by the spec
 *     (`x-conventions.client.accept-breaking`, or a raised major `info.version`).
 *
 * "Committed" means git's HEAD when the package is in a git work tree, else the package on disk
 * (baseline.ts). "Nothing changed" is decided by the fingerprint the committed report holds, so a
 * regeneration with no change (or one that only repairs a hand edit) bumps nothing and adds no entry.
 */
import { basename } from "node:path";
import type { PackageOutput } from "../emit/emit.js";
import type { RenderedFile } from "../render/render.js";
import { committedPackage } from "./baseline.js";
import { type Change, overallLevel } from "./diff.js";
import {
  type ApiReport,
  CHANGELOG_FILE,
  INITIAL_VERSION,
  MANAGED_FILES,
  REPORT_FILE,
  type Release,
  bump,
  fingerprint,
  isVersion,
  manifestField,
  parseReport,
  renderChangelog,
  serializeReport,
  specMajor,
  withVersion,
} from "./history.js";
import { apiChanges } from "./surface-cache.js";

/** What the evolve stage needs to know about the spec a package came from. */
export interface SpecFacts {
  /** The path as given, for messages (`specs/dojo.yaml`). */
  readonly file: string;
  /** `info.version`. */
  readonly version: string;
  /** `x-conventions.client.accept-breaking`. */
  readonly acceptBreaking: readonly string[];
}

export interface Evolution {
  readonly output: PackageOutput;
  readonly report: ApiReport;
  /** The package's current release: new when `recorded`, else the committed one. */
  readonly release: Release;
  /** Whether this run records a new release (the package changed since the committed one). */
  readonly recorded: boolean;
  readonly spec: SpecFacts;
  /** Breaking changes of the current release that the spec does not accept. */
  readonly unacknowledged: readonly Change[];
  /** Entries of `accept-breaking` that name no breaking change of the current release. */
  readonly staleAcceptances: readonly string[];
  /** The `info.version` of the spec the previous release came from, when known. */
  readonly previousSpecVersion: string | undefined;
  /** What the package was compared with (baseline.ts): `git HEAD`, `the package on disk (…)`. */
  readonly baseline: string;
}

/** The committed state: its report, or what can be read without one (a package from before reports). */
function committedState(files: ReadonlyMap<string, string>): { version: string; fingerprint: string; releases: readonly Release[] } | undefined {
  const report = parseReport(files.get(REPORT_FILE));
  if (report !== undefined) return report;
  const version = manifestField(files.get("package.json"), "version");
  if (!isVersion(version)) return undefined;
  return { version, fingerprint: fingerprint(files), releases: [] };
}

export function evolvePackage(dir: string, generated: readonly RenderedFile[], spec: SpecFacts): Evolution {
  const fresh = new Map(generated.filter((f) => !MANAGED_FILES.has(f.path)).map((f) => [f.path, f.content]));
  const packageName = manifestField(fresh.get("package.json"), "name") ?? basename(dir);
  const print = fingerprint(fresh);
  const baseline = committedPackage(dir);
  const committedFiles = baseline.files;
  const committed = committedState(committedFiles);
  const specRef = { file: basename(spec.file), version: spec.version };

  let releases: readonly Release[];
  let recorded = true;
  if (committed === undefined) {
    releases = [{ version: INITIAL_VERSION, previous: null, level: "initial", spec: specRef, changes: [] }];
  } else if (committed.fingerprint === print) {
    recorded = false;
    releases = committed.releases.length > 0 ? committed.releases : [{ version: committed.version, previous: null, level: "initial", spec: specRef, changes: [] }];
  } else {
    const changes = apiChanges(committedFiles, fresh);
    const level = overallLevel(changes);
    const earlier = committed.releases.length > 0 ? committed.releases : [{ version: committed.version, previous: null, level: "initial" as const, spec: null, changes: [] }];
    releases = [{ version: bump(committed.version, level), previous: committed.version, level, spec: specRef, changes }, ...earlier];
  }
  const release = releases[0] as Release;
  const report: ApiReport = { package: packageName, version: release.version, fingerprint: print, releases };

  const files: RenderedFile[] = [...fresh].map(([path, content]) => ({ path, content: path === "package.json" ? withVersion(content, release.version) : content }));
  files.push({ path: REPORT_FILE, content: serializeReport(report) }, { path: CHANGELOG_FILE, content: renderChangelog(report) });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const previousSpecVersion = releases[1]?.spec?.version;
  const breaking = release.level === "breaking" ? release.changes.filter((c) => c.level === "breaking") : [];
  const raisedMajor = (specMajor(spec.version) ?? -1) > (specMajor(previousSpecVersion) ?? Number.POSITIVE_INFINITY);
  const accepted = new Set(spec.acceptBreaking);
  return {
    output: { dir, files },
    report,
    release,
    recorded,
    spec,
    unacknowledged: raisedMajor ? [] : breaking.filter((c) => !accepted.has(c.id)),
    staleAcceptances: spec.acceptBreaking.filter((id) => !breaking.some((c) => c.id === id)),
    previousSpecVersion,
    baseline: baseline.description,
  };
}
