import { MAX_SEARCH_WINDOW } from '@nongsan/contracts';
import { foldVietnamese, ONE_WAY_SYNONYMS, SYNONYM_GROUPS } from '@nongsan/vn';
import type { Settings } from 'meilisearch';

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
  return synonyms;
}

export function meilisearchSettings(): Settings {
  return {
    // Ranking order of attributes: a title match beats a seller or description match. The folded
    // copies come last: Meilisearch already folds Latin marks itself, and they keep queries without
    // diacritics matching should its normaliser ever differ from foldVietnamese.
    searchableAttributes: [
      'title',
      'titleFolded',
      'categoryName',
      'sellerName',
      'provinceName',
      'description',
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
      'titleMarkKeys',
    ],
    sortableAttributes: ['priceVnd', 'createdAtMs', '_geo', 'id'],
    // `sort` first: a buyer who sorts by price wants prices in order, not relevance buckets sorted within.
    // Without a sort parameter the rule does nothing and the text rules rank.
    rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
    typoTolerance: {
      enabled: true,
      // Meilisearch's defaults: a typo from 5 letters, two from 9. Most Vietnamese syllables are
      // shorter than 5 letters folded, and one letter changes the word ("che"/"cha"/"chi").
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnNumbers: true,
    },
    synonyms: meilisearchSynonyms(),
    // Exhaustive totals and pages up to the same window the API allows (SearchQuerySchema).
    pagination: { maxTotalHits: MAX_SEARCH_WINDOW },
    // 34 provinces and 12 categories: every value fits.
    faceting: { maxValuesPerFacet: 100 },
  };
}
