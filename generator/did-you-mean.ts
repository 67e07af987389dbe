/**
 * "Did you mean …?" for a misspelt flag or key: the known word closest to what was typed, when it
 * is close enough to be the likely intent rather than a different word altogether.
 */

/** Levenshtein distance: the fewest single-character insertions, deletions and substitutions turning `a` into `b`. */
export function editDistance(a: string, b: string): number {
  // One row of the classic table at a time: previous[j] is the distance between a[0..i) and b[0..j).
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/** The candidate nearest to `word`, if it is within a third of its length (at least 1, at most 3 edits). */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean "x"?)`, or nothing when no candidate is close. */
export function didYouMean(word: string, candidates: Iterable<string>, quote: (s: string) => string = (s) => `"${s}"`): string {
  const match = closest(word, candidates);
  return match === undefined ? "" : ` (did you mean ${quote(match)}?)`;
}
