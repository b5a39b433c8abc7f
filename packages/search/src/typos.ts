// Typo tolerance rules, shared in spirit with Meilisearch's defaults so both engines forgive the same
// mistakes: none in words under 5 letters (one letter changes a Vietnamese syllable into another
// word: "che", "cha", "chi"), one from 5 letters, two from 9.

export const ONE_TYPO_MIN_LENGTH = 5;
export const TWO_TYPOS_MIN_LENGTH = 9;
/** Corrections kept per query word, closest first. */
export const MAX_CORRECTIONS = 3;

export function allowedTypos(word: string): number {
  if (word.length >= TWO_TYPOS_MIN_LENGTH) return 2;
  if (word.length >= ONE_TYPO_MIN_LENGTH) return 1;
  return 0;
}

/**
 * Edit distance counting an insertion, deletion, substitution or swap of two neighbouring letters as
 * one edit (optimal string alignment): "nguyen" → "nguen" is 1, "xnah" → "xanh" is 1.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = best;
    }
  }
  return (d[rows - 1] as number[])[cols - 1] as number;
}

/**
 * From trigram candidates (most similar first), the indexed words each query word may be a typo of:
 * within the word's allowed edit distance, at most MAX_CORRECTIONS per word.
 */
export function pickCorrections(candidates: readonly { word: string; term: string }[]): Map<string, string[]> {
  const corrections = new Map<string, string[]>();
  for (const { word, term } of candidates) {
    const kept = corrections.get(word) ?? [];
    if (kept.length >= MAX_CORRECTIONS || term === word) continue;
    if (editDistance(word, term) <= allowedTypos(word)) corrections.set(word, [...kept, term]);
  }
  return corrections;
}
