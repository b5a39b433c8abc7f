import { SearchQuerySchema } from '@nongsan/contracts';
import { describe, expect, it } from 'vitest';
import { markKey } from '../search-text.ts';
import { filtersFor, pageSlices, quote, relevanceTiers, sortFor } from './meilisearch.engine.ts';

const query = (input: Parameters<typeof SearchQuerySchema.parse>[0]) => SearchQuerySchema.parse(input);

describe('filtersFor', () => {
  it('turns every filter into Meilisearch filter syntax', () => {
    expect(
      filtersFor(
        query({
          category: 'tea',
          province: 'Thái Nguyên',
          certification: 'ocop',
          minPrice: 1000,
          maxPrice: 5000,
          inStock: 'false',
          delivers: 'true',
          near: '21.59,105.85',
          radiusKm: 2.5,
        }),
      ),
    ).toEqual([
      'category = "tea"',
      'provinceId = "thai-nguyen"',
      'certifications = "ocop"',
      'priceVnd >= 1000',
      'priceVnd <= 5000',
      'inStock = false',
      'offersDelivery = true',
      '_geoRadius(21.59, 105.85, 2500)',
    ]);
    expect(filtersFor(query({}))).toEqual([]);
  });

  it('escapes quotes and backslashes in values', () => {
    expect(quote('a "b" \\c')).toBe('"a \\"b\\" \\\\c"');
  });
});

describe('sortFor', () => {
  it('sorts as asked, newest when browsing, with the id to break ties', () => {
    expect(sortFor(query({ sort: 'price_asc' }))).toEqual(['priceVnd:asc', 'createdAtMs:desc', 'id:asc']);
    expect(sortFor(query({ sort: 'distance', near: { lat: 1, lng: 2 } }))).toEqual(['_geoPoint(1, 2):asc', 'id:asc']);
    expect(sortFor(query({}))).toEqual(['createdAtMs:desc', 'id:asc']);
  });
});

describe('relevanceTiers', () => {
  it('orders typed-with-diacritics, typed, then the rest, as disjoint filters', () => {
    expect(relevanceTiers({ words: ['duong', 'phen'], marked: ['đường'] })).toEqual([
      `(terms = "duong" AND terms = "phen") AND (titleMarkKeys = "${markKey('đường')}")`,
      `(terms = "duong" AND terms = "phen") AND NOT (titleMarkKeys = "${markKey('đường')}")`,
      'NOT (terms = "duong" AND terms = "phen")',
    ]);
    expect(relevanceTiers({ words: ['gao'], marked: [] })).toEqual(['terms = "gao"', 'NOT (terms = "gao")']);
  });
});

describe('pageSlices', () => {
  it('takes a page from one tier', () => {
    expect(pageSlices([30, 10], 1, 20)).toEqual([{ tier: 0, offset: 0, limit: 20 }]);
  });

  it('takes a page across tiers, skipping empty ones', () => {
    expect(pageSlices([25, 0, 10], 2, 20)).toEqual([
      { tier: 0, offset: 20, limit: 5 },
      { tier: 2, offset: 0, limit: 10 },
    ]);
  });

  it('takes nothing past the last hit', () => {
    expect(pageSlices([5, 5], 2, 20)).toEqual([]);
  });
});
