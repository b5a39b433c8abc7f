import { MAX_SEARCH_WINDOW } from '@nongsan/contracts';
import { englishSynonyms, foldVietnamese, ONE_WAY_SYNONYMS, SYNONYM_GROUPS } from '@nongsan/vn';
import type { Settings } from 'meilisearch';
import { ONE_TYPO_MIN_LENGTH, TWO_TYPOS_MIN_LENGTH } from '../typos.ts';

/** Facets the API reports, by the document attribute that holds them. */
export const FACET_ATTRIBUTES = {
  category: 'category',
  province: 'provinceId',
  certification: 'certifications',
} as const;

/**
 * Meilisearch synonyms from the shared lists (packages/vn/src/synonyms.ts), folded as queries are
 * (the engine sends folded queries). A group maps each name to every other name; a one-way entry
 * maps its term to its alternatives only, and names kept as they are (bắp cải) get no entry.
 * English names (packages/vn english-terms.ts) map one way to their Vietnamese names, as the
 * PostgreSQL engine expands them.
 */
export function meilisearchSynonyms(): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const group of SYNONYM_GROUPS) {
    const folded = group.map(foldVietnamese);
    for (const name of folded) synonyms[name] = folded.filter((other) => other !== name);
  }
  for (const { term, alternatives } of ONE_WAY_SYNONYMS) {
    if (alternatives.length > 0) synonyms[foldVietnamese(term)] = alternatives.map(foldVietnamese);
  }
  for (const { term, alternatives } of englishSynonyms()) synonyms[term] = alternatives.map(foldVietnamese);
  return synonyms;
}

export function meilisearchSettings(): Settings {
  return {
    // Ranking order of attributes, the PostgreSQL engine's field weights (search-text.ts
    // FIELD_WEIGHTS): the title, the category's names, the description and unit, then the seller's
    // name and the place. The folded copies: the title's beside it; the body last, where a word
    // found nowhere else ranks least. Meilisearch folds Latin marks itself; they keep queries without
    // diacritics matching should its normaliser ever differ from foldVietnamese.
    searchableAttributes: [
      'title',
      'titleFolded',
      'categoryNames',
      'description',
      'unitNames',
      'sellerName',
      'provinceName',
      'bodyFolded',
    ],
    filterableAttributes: [
      'category',
      'provinceId',
      'certifications',
      'sellerId',
      'inStock',
      'offersDelivery',
      'status',
      'priceVnd',
      '_geo',
      // Relevance tiers (meilisearch.engine.ts): the folded words of each document, and the
      // hex keys of its title's words written with diacritics.
      'terms',
      'aboutTerms',
      'titleMarkKeys',
    ],
    sortableAttributes: ['priceVnd', 'createdAtMs', '_geo', 'id'],
    // `sort` first: a buyer who sorts by price wants prices in order, not relevance buckets sorted within.
    // Without a sort parameter the rule does nothing and the text rules rank. `attribute` next (after
    // `words`, which Meilisearch applies first anyway): where the words were found outranks typos and
    // proximity, so a title match comes before a farm named after the product, as on PostgreSQL.
    rankingRules: ['sort', 'words', 'attribute', 'typo', 'proximity', 'exactness'],
    typoTolerance: {
      enabled: true,
      // typos.ts's lengths: a typo from 5 letters, two from 9. Its other rules Meilisearch cannot
      // express, so the engine applies them (meilisearch.engine.ts relevanceTiers, lookUpWords):
      // a word the index holds is matched as typed, and a short word is corrected by the engine.
      minWordSizeForTypos: { oneTypo: ONE_TYPO_MIN_LENGTH, twoTypos: TWO_TYPOS_MIN_LENGTH },
      disableOnNumbers: true,
    },
    synonyms: meilisearchSynonyms(),
    // Exhaustive totals and pages up to the same window the API allows (SearchQuerySchema).
    pagination: { maxTotalHits: MAX_SEARCH_WINDOW },
    // 34 provinces and 12 categories: every value fits.
    faceting: { maxValuesPerFacet: 100 },
  };
}
