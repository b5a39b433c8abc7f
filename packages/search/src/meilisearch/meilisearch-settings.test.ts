import { foldVietnamese, ONE_WAY_SYNONYMS, SYNONYM_GROUPS } from '@nongsan/vn';
import { describe, expect, it } from 'vitest';
import { ONE_TYPO_MIN_LENGTH, TWO_TYPOS_MIN_LENGTH } from '../typos.ts';
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

  it('maps English names, plurals too, one way to their Vietnamese names', () => {
    expect(synonyms.honey).toEqual(['mat ong']);
    expect(synonyms.lychees).toEqual(['vai', 'vai thieu']);
    expect(synonyms['sticky rice']).toEqual(['gao nep', 'nep']);
    expect(synonyms['mat ong']).toBeUndefined();
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

  it('searches the fields in the PostgreSQL engine’s weight order: title, category, description, seller and place', () => {
    const order = settings.searchableAttributes ?? [];
    const rank = (attribute: string) => order.indexOf(attribute);
    expect(order[0]).toBe('title');
    expect(rank('titleFolded')).toBeLessThan(rank('categoryNames'));
    expect(rank('categoryNames')).toBeLessThan(rank('description'));
    expect(rank('description')).toBeLessThan(rank('unitNames'));
    expect(rank('unitNames')).toBeLessThan(rank('sellerName'));
    expect(rank('sellerName')).toBeLessThan(rank('provinceName'));
    expect(order.at(-1)).toBe('bodyFolded');
    expect(settings.filterableAttributes).toContain('aboutTerms');
  });

  it('puts an explicit sort first, then where the words were found before typos and proximity', () => {
    const rules = settings.rankingRules ?? [];
    expect(rules[0]).toBe('sort');
    expect(rules.indexOf('attribute')).toBeGreaterThan(rules.indexOf('words'));
    expect(rules.indexOf('attribute')).toBeLessThan(rules.indexOf('typo'));
    expect(rules.indexOf('attribute')).toBeLessThan(rules.indexOf('proximity'));
  });

  it('forgives typos from the lengths typos.ts decides', () => {
    expect(settings.typoTolerance?.minWordSizeForTypos).toEqual({
      oneTypo: ONE_TYPO_MIN_LENGTH,
      twoTypos: TWO_TYPOS_MIN_LENGTH,
    });
  });
});
