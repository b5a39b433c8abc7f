import { foldVietnamese, ONE_WAY_SYNONYMS, SYNONYM_GROUPS } from '@nongsan/vn';
import { describe, expect, it } from 'vitest';
import { FACET_ATTRIBUTES, meilisearchSettings, meilisearchSynonyms } from './meilisearch-settings.ts';

describe('meilisearchSynonyms', () => {
  const synonyms = meilisearchSynonyms();

  it('maps every name of every group to all the other names, folded', () => {
    for (const group of SYNONYM_GROUPS) {
      for (const name of group) {
        const others = group.filter((other) => other !== name).map(foldVietnamese);
        expect(synonyms[foldVietnamese(name)]?.sort()).toEqual(others.sort());
      }
    }
  });

  it('maps one-way terms to their alternatives only, and leaves kept names out', () => {
    expect(synonyms.man).toEqual(['roi']);
    expect(synonyms.roi).toBeUndefined();
    for (const { term, alternatives } of ONE_WAY_SYNONYMS) {
      if (alternatives.length === 0) expect(synonyms[foldVietnamese(term)]).toBeUndefined();
    }
  });
});

describe('meilisearchSettings', () => {
  const settings = meilisearchSettings();

  it('can filter on every facet and filter the API offers, and sort on every sort', () => {
    for (const attribute of [
      ...Object.values(FACET_ATTRIBUTES),
      'inStock',
      'offersDelivery',
      'priceVnd',
      '_geo',
      'terms',
      'titleMarkKeys',
    ]) {
      expect(settings.filterableAttributes).toContain(attribute);
    }
    expect(settings.sortableAttributes).toEqual(expect.arrayContaining(['priceVnd', 'createdAtMs', '_geo']));
  });

  it('searches titles first and the folded copies too', () => {
    expect(settings.searchableAttributes?.[0]).toBe('title');
    expect(settings.searchableAttributes).toEqual(expect.arrayContaining(['titleFolded', 'bodyFolded']));
  });

  it('puts an explicit sort before relevance', () => {
    expect(settings.rankingRules?.[0]).toBe('sort');
  });
});
