// Typo tolerance, decided once for both engines (docs/decisions/0022-search-relevance.md):
// - A query word the index holds as typed is never read as a typo of another word: "duong" finds
//   "đường" and "dương", never "Đồng Tháp" (dong). Vietnamese is dense with short words one letter
//   apart ("che", "cha", "chi"), so a real word is taken at its word.
// - A word it does not hold may be one typo away from 5 letters and two from 9 (any insertion,
//   deletion, substitution or swap of neighbours).
// - A 3–4 letter word it does not hold may be one swap of neighbours or one changed letter away
//   (same length: "ogn" → "ong", "mta" → "mat"), but only in a query of two words or more whose
//   other words are all held as typed. The rest of the query anchors the guess; alone, a short
//   slip has too many neighbours to guess from, and one-word queries would flood.

export const ONE_TYPO_MIN_LENGTH = 5;
export const TWO_TYPOS_MIN_LENGTH = 9;
export const SHORT_TYPO_MIN_LENGTH = 3;
/** Corrections kept per query word, closest first. */
export const MAX_CORRECTIONS = 3;

export function allowedTypos(word: string): number {
  if (word.length >= TWO_TYPOS_MIN_LENGTH) return 2;
  if (word.length >= ONE_TYPO_MIN_LENGTH) return 1;
  return 0;
}

/** Whether the word is short enough for the short-syllable rule (3–4 letters). */
export function isShortTypoLength(word: string): boolean {
  return word.length >= SHORT_TYPO_MIN_LENGTH && word.length < ONE_TYPO_MIN_LENGTH;
}

/**
 * Whether the short word at `index` may be corrected: it is unknown, the query has other words, and
 * every one of them is a word of the index as typed.
 */
export function mayCorrectShort(words: readonly string[], index: number, known: ReadonlySet<string>): boolean {
  const word = words[index];
  if (word === undefined || !isShortTypoLength(word) || known.has(word) || words.length < 2) return false;
  return words.every((other, i) => i === index || known.has(other));
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * The words one swap of neighbours or one changed letter away from a short word, swaps first (the
 * commoner slip on a phone keyboard), each once: `shortTypoCandidates('ogn')` starts `gon`, `ong`.
 */
export function shortTypoCandidates(word: string): string[] {
  const candidates = new Set<string>();
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] === word[i + 1]) continue;
    candidates.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  for (let i = 0; i < word.length; i++) {
    for (const letter of LETTERS) {
      if (letter !== word[i]) candidates.add(word.slice(0, i) + letter + word.slice(i + 1));
    }
  }
  candidates.delete(word);
  return [...candidates];
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

/**
 * Adds the short-syllable corrections to `corrections`: for each short word allowed one
 * (mayCorrectShort), the candidates of shortTypoCandidates the index holds, in that order, at most
 * MAX_CORRECTIONS. `held` is the set of candidates found in the index.
 */
export function addShortCorrections(
  corrections: Map<string, string[]>,
  words: readonly string[],
  known: ReadonlySet<string>,
  held: ReadonlySet<string>,
): Map<string, string[]> {
  words.forEach((word, i) => {
    if (!mayCorrectShort(words, i, known)) return;
    const found = shortTypoCandidates(word)
      .filter((candidate) => held.has(candidate))
      .slice(0, MAX_CORRECTIONS);
    if (found.length > 0) corrections.set(word, found);
  });
  return corrections;
}
