/**
 * What a run prints about API evolution: the report of every package that changed, notes about
 * acceptances that accept nothing, and the gate's refusals with how to accept the breaking
 * changes (`--accept-breaking`, accept.ts). Kept apart from evolve.ts so the CLI loads it without ts-morph.
 */
import type { Evolution } from "./evolve.js";
import { shortDetail } from "./detail.js";
import { specMajor } from "./history.js";

const LEVEL_WORD = { breaking: "major", additive: "minor", none: "patch" } as const;

/** The report as printed after `generate` (and by `--check` for a package that would change). */
export function formatReport(evolution: Evolution): string {
  const { release, report } = evolution;
  if (!evolution.recorded || release.level === "initial") return "";
  const counts = (["breaking", "additive", "none"] as const)
    .map((level) => [level, release.changes.filter((c) => c.level === level).length] as const)
    .filter(([, n]) => n > 0)
    .map(([level, n]) => `${n} ${level === "none" ? "without effect" : level}`);
  const summary = counts.length === 0 ? "no API change" : counts.join(", ");
  const lines = [`${evolution.output.dir}: ${report.package} ${release.previous ?? "?"} → ${release.version} (${LEVEL_WORD[release.level]}: ${summary}), compared with ${evolution.baseline}`];
  for (const c of release.changes) lines.push(`  ${c.level.padEnd(10)}${c.id}  ${shortDetail(c.detail)}`);
  return `${lines.join("\n")}\n`;
}

/** Why the gate refuses this package, and how to accept its breaking changes; "" when it passes. */
export function formatGate(evolution: Evolution): string {
  const { unacknowledged, release, report, spec } = evolution;
  if (unacknowledged.length === 0) return "";
  const n = unacknowledged.length;
  const lines = [
    `${evolution.output.dir}: ${report.package} ${release.version} has ${n} breaking change${n === 1 ? "" : "s"} that ${spec.file} does not accept:`,
    ...unacknowledged.map((c) => `  ${c.id}`),
    `Code that calls ${report.package} ${release.previous ?? ""} may stop compiling or behave differently. If ${n === 1 ? "the change is" : "the changes are"} intended,`,
    `accept ${n === 1 ? "it" : "them"} by running again with \`--accept-breaking\` (\`npm run generate -- --accept-breaking\`), which adds ${n === 1 ? "its id" : "their ids"} to`,
  ];
  const previousMajor = specMajor(evolution.previousSpecVersion);
  lines.push(`x-conventions.client.accept-breaking in ${spec.file}, keeping the file's comments and layout (keep the list until the next release replaces this one)${previousMajor === undefined ? "." : ","}`);
  if (previousMajor !== undefined) {
    lines.push(`or raise the major version in info.version to ${previousMajor + 1} or more (the previous release came from info.version "${evolution.previousSpecVersion ?? ""}").`);
  }
  return `${lines.join("\n")}\n`;
}

/** A note for `accept-breaking` entries that accept nothing in the current release. */
export function formatStale(evolution: Evolution): string {
  if (evolution.staleAcceptances.length === 0) return "";
  const list = evolution.staleAcceptances.map((id) => `  ${id}`).join("\n");
  return `note: ${evolution.spec.file}: x-conventions.client.accept-breaking names changes that are not breaking changes of ${evolution.report.package} ${evolution.release.version}; they accept nothing and can go:\n${list}\n`;
}

/**
 * Everything a run prints about its packages' API changes, and how many packages the gate
 * refuses. Reports are printed for the packages the run changes (or, with --check, would change):
 * `changed` says which.
 */
export function summarize(evolutions: readonly Evolution[], changed: (dir: string) => boolean): { readonly text: string; readonly refused: number } {
  const reports = evolutions.map((e) => (changed(e.output.dir) ? formatReport(e) : "") + formatStale(e)).filter((t) => t !== "");
  const refusals = evolutions.map(formatGate).filter((t) => t !== "");
  const text = [...reports, ...refusals].join("\n");
  return { text, refused: refusals.length };
}
