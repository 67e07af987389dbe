/** Medians with their spread, and the number formats of the report. */
export function summary(values) {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

export const seconds = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);
export const mb = (kb) => `${Math.round(kb / 1024)} MB`;
export const kB = (bytes) => (bytes >= 10_240 ? `${(bytes / 1024).toFixed(0)} kB` : `${(bytes / 1024).toFixed(1)} kB`);
export const int = (n) => n.toLocaleString("en-US");
export const ratio = (r) => (r === undefined || !Number.isFinite(r) ? "–" : `${r.toFixed(2)}×`);

/** "1.23 s (1.10–1.40)" */
export function spread(s, format) {
  if (s === undefined) return "–";
  return s.n > 1 ? `${format(s.median)} (${format(s.min)}–${format(s.max)})` : format(s.median);
}
