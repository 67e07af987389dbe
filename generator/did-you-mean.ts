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

/** ` (did you mean --x?)` for a misspelt flag, or nothing when no flag is close. */
export function didYouMeanFlag(flag: string, flags: Iterable<string>): string {
  const match = closest(flag, flags);
  return match === undefined ? "" : ` (did you mean ${match}?)`;
}

/** `did you mean "x"? known: a, b, x` for a misspelt key, or only the list when no key is close. */
export function knownKeysHint(key: string, known: readonly string[], label: string): string {
  const match = closest(key, known);
  return `${match === undefined ? "" : `did you mean "${match}"? `}${label}: ${known.join(", ")}`;
}
