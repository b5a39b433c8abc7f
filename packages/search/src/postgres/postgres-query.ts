// tsvector and tsquery text for the PostgreSQL engine, built from folded words. Pure functions: no
// database. Words come from search-text.ts (runs of letters and digits), so nothing in them is
// tsvector or tsquery syntax.
import { FIELD_WEIGHTS, type FieldWeight } from '../search-text.ts';

/** The last word is matched as a prefix (as-you-type) from this many letters: shorter prefixes match most of the index. */
export const MIN_PREFIX_LENGTH = 3;

export type QueryTerms = {
  /** The query's folded words, as typed. */
  words: readonly string[];
  /** Synonym alternatives, each as its folded words. */
  alternatives: readonly (readonly string[])[];
  /** Per query word, the indexed words it is probably a typo of. */
  corrections: ReadonlyMap<string, readonly string[]>;
  /**
   * Whether the last word also matches as a prefix (the buyer may still be typing it). Only for a word
   * that is not a word of the index itself: "trà" is complete, and as a prefix would also bring every
   * "trang trại" (farm) and "Trần" (a family name).
   */
  lastIsPrefix: boolean;
};

function term(word: string, options: { prefix: boolean }): string {
  return options.prefix ? `${word}:*` : word;
}

function conjunction(
  words: readonly string[],
  corrections: QueryTerms['corrections'],
  options: { lastIsPrefix: boolean },
): string {
  return words
    .map((word, i) => {
      const prefix = options.lastIsPrefix && i === words.length - 1;
      const variants = [
        term(word, { prefix }),
        ...(corrections.get(word) ?? []).map((correction) => term(correction, { prefix: false })),
      ];
      return variants.length === 1 ? variants[0] : `(${variants.join(' | ')})`;
    })
    .join(' & ');
}

/**
 * What a document must match to be a hit: every word (or a typo correction of it; the last word
 * perhaps as a prefix), or every word of a synonym alternative (whole names, never prefixes).
 */
export function matchQuery(terms: QueryTerms): string {
  const none = new Map<string, readonly string[]>();
  return [
    conjunction(terms.words, terms.corrections, { lastIsPrefix: terms.lastIsPrefix }),
    ...terms.alternatives.map((words) => conjunction(words, none, { lastIsPrefix: false })),
  ]
    .map((part) => `(${part})`)
    .join(' | ');
}

/**
 * Any one word of the query (or a correction, a prefix, a synonym's word): a title holding one of
 * them is about what was asked for. "che thai nguyen" finds both "Chè Tân Cương" and a pumpkin sold by
 * "Chè La Bằng" farm in Thái Nguyên; only the tea's title says "chè". Null when the query is one
 * word: then it is the same test as `matchQuery` on the title.
 */
export function anyWordQuery(terms: QueryTerms): string | null {
  // One word (and one-word synonyms): "any word" is the whole query, already tested as the title
  // match; testing it again would cost a second check on every hit of the broadest searches.
  if (terms.words.length === 1 && terms.alternatives.every((words) => words.length === 1)) return null;
  const variants = new Set<string>();
  terms.words.forEach((word, i) => {
    variants.add(term(word, { prefix: terms.lastIsPrefix && i === terms.words.length - 1 }));
    for (const correction of terms.corrections.get(word) ?? []) variants.add(correction);
  });
  for (const words of terms.alternatives) for (const word of words) variants.add(word);
  return [...variants].join(' | ');
}

/** Every word exactly as typed (no prefix, no correction, no synonym): the top relevance tiers. */
export function typedQuery(words: readonly string[]): string {
  return words.join(' & ');
}

/**
 * The document's words as a tsvector literal, each word once with one position per field it is in,
 * carrying that field's weight: `'mat':1A,4D 'ong':1A,4D`. Positions are otherwise meaningless (no
 * phrase search); a word in several places of one field needs only one.
 */
export function weightedVector(weighted: Readonly<Record<FieldWeight, readonly string[]>>): string {
  const positions = new Map<string, string[]>();
  FIELD_WEIGHTS.forEach((weight, i) => {
    for (const word of weighted[weight]) positions.set(word, [...(positions.get(word) ?? []), `${i + 1}${weight}`]);
  });
  return [...positions].map(([word, at]) => `'${word}':${at.join(',')}`).join(' ');
}

/** Words as a tsvector literal without positions: `'che' 'tan'`. */
export function plainVector(words: readonly string[]): string {
  return [...new Set(words)].map((word) => `'${word}'`).join(' ');
}

/**
 * The same tsquery with every term restricted to the given weights: `inFields('(mat & ong:*)', 'AB')`
 * is `(mat:AB & ong:*AB)`. Terms are runs of letters and digits, perhaps followed by `:*`.
 */
export function inFields(query: string, weights: string): string {
  return query.replace(/([\p{L}\p{N}]+)(:\*)?/gu, (_, word: string, prefix: string | undefined) =>
    prefix ? `${word}:*${weights}` : `${word}:${weights}`,
  );
}

/** Any one word as typed in the title or the category's names: the listing is about what was asked. */
export function aboutQuery(words: readonly string[]): string {
  return [...new Set(words)].map((word) => `${word}:AB`).join(' | ');
}
