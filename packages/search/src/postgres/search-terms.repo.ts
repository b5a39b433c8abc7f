// The vocabulary of the PostgreSQL engine's index (search_terms): which query words it knows, and
// which indexed words an unknown one is probably a typo of.
import { sql } from 'drizzle-orm';
import type { SearchDb } from './search-db.ts';
import { rowsOf, textArray } from './search-sql.ts';

export type WordLookup = {
  /** Query words that are words of the index. */
  known: Set<string>;
  /** For unknown words of at least `minTypoLength` letters: indexed words close to them, most similar first. */
  candidates: { word: string; term: string }[];
  /** Which `exact` candidates of words the index does not hold are words of it (short-syllable typos). */
  held: Set<string>;
};

/**
 * Which query words the index knows, and for the others (probable typos) the closest indexed words by
 * trigram similarity. The caller keeps the candidates within the edit distance it allows.
 */
export async function lookUpWords(
  db: SearchDb,
  words: readonly string[],
  options: { minTypoLength: number; perWord: number; exact?: readonly { word: string; term: string }[] },
): Promise<WordLookup> {
  const lookup: WordLookup = { known: new Set(), candidates: [], held: new Set() };
  if (words.length === 0) return lookup;
  const exact = options.exact ?? [];
  const exactWords = exact.map((candidate) => candidate.word);
  const exactTerms = exact.map((candidate) => candidate.term);
  // `%` uses pg_trgm.similarity_threshold (default 0.3), loose enough for one wrong letter in a
  // five-letter word; the explicit similarity() floor keeps that if a server changes the default.
  const result = await db.execute(sql`
    SELECT q.word, e.term IS NOT NULL AS known, t.term
    FROM unnest(${textArray(words)}) AS q(word)
    LEFT JOIN search_terms e ON e.term = q.word
    LEFT JOIN LATERAL (
      SELECT s.term FROM search_terms s
      WHERE e.term IS NULL AND length(q.word) >= ${options.minTypoLength}::int
        AND s.term % q.word AND similarity(s.term, q.word) >= 0.25
      ORDER BY similarity(s.term, q.word) DESC, s.term
      LIMIT ${options.perWord}::int
    ) t ON true
    ${
      exact.length > 0
        ? // Only the candidates of words the index does not hold, each probed by its key. Two text
          // parameters, split in SQL: a few hundred separate parameters cost ~15 ms to send and plan.
          sql`UNION ALL
    SELECT NULL, false, c.term
    FROM unnest(string_to_array(${exactWords.join(' ')}::text, ' '), string_to_array(${exactTerms.join(' ')}::text, ' '))
      AS c(word, term)
    WHERE NOT EXISTS (SELECT 1 FROM search_terms e WHERE e.term = c.word)
      AND EXISTS (SELECT 1 FROM search_terms h WHERE h.term = c.term)`
        : sql``
    }`);
  for (const row of rowsOf<{ word: string | null; known: boolean; term: string | null }>(result)) {
    if (row.word === null) {
      if (row.term !== null) lookup.held.add(row.term);
      continue;
    }
    if (row.known) lookup.known.add(row.word);
    if (row.term !== null) lookup.candidates.push({ word: row.word, term: row.term });
  }
  return lookup;
}
