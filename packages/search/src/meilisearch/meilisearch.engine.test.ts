import { SearchQuerySchema } from '@nongsan/contracts';
import { describe, expect, it } from 'vitest';
import { markKey } from '../search-text.ts';
import { filtersFor, pageSlices, quote, relevanceTiers, sortFor, versionProblem } from './meilisearch.engine.ts';

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

  it('escapes quotes, and refuses backslashes, which Meilisearch keeps as they are', () => {
    expect(quote('a "b"')).toBe('"a \\"b\\""');
    expect(() => quote('a \\c')).toThrow(/backslash/);
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
  const about = (...words: string[]) => `aboutTerms IN [${words.map((w) => `"${w}"`).join(', ')}]`;

  it('orders typed-with-diacritics, typed, then the rest, as disjoint filters', () => {
    const typed = `terms = "duong" AND terms = "phen" AND ${about('duong', 'phen')}`;
    expect(relevanceTiers({ words: ['duong', 'phen'], marked: ['đường'], alternatives: [] })).toEqual([
      `(${typed}) AND (titleMarkKeys = "${markKey('đường')}")`,
      `(${typed}) AND NOT (titleMarkKeys = "${markKey('đường')}")`,
      `NOT (${typed}) AND terms = "duong" AND terms = "phen"`,
    ]);
  });

  it('puts a hit whose typed words are only in the seller name or place with the rest', () => {
    // "mat ong": the top tier needs a typed word in the title or category names (aboutTerms).
    const [top, rest] = relevanceTiers({ words: ['mat', 'ong'], marked: [], alternatives: [] });
    expect(top).toBe(`(terms = "mat" AND terms = "ong" AND ${about('mat', 'ong')})`);
    expect(rest).toBe(
      `NOT (terms = "mat" AND terms = "ong" AND ${about('mat', 'ong')}) AND terms = "mat" AND terms = "ong"`,
    );
  });

  it('never lets a word the index holds match as a typo of another ("duong" is not "dong")', () => {
    const known = new Set(['duong']);
    expect(relevanceTiers({ words: ['duong'], marked: [], alternatives: [] }, { known, correction: null })).toEqual([
      `(terms = "duong" AND ${about('duong')})`,
      `NOT (terms = "duong" AND ${about('duong')}) AND terms = "duong"`,
    ]);
  });

  it('leaves unknown words to typo tolerance and synonym-replaced words to the synonym', () => {
    const lookup = { known: new Set(['che', 'thai', 'nguyen']), correction: null };
    const [, rest] = relevanceTiers(
      { words: ['che', 'thai', 'nguyen'], marked: [], alternatives: [['tra', 'thai', 'nguyen']] },
      lookup,
    );
    expect(rest).toMatch(/AND terms = "thai" AND terms = "nguyen"$/);
    expect(rest).not.toMatch(/\) AND terms = "che"/);
    const [, typo] = relevanceTiers(
      { words: ['che', 'tan', 'cuongg'], marked: [], alternatives: [] },
      { known: new Set(['che', 'tan']), correction: null },
    );
    expect(typo).toMatch(/AND terms = "che" AND terms = "tan"$/);
  });

  it('requires a corrected short word as corrected', () => {
    const [, rest] = relevanceTiers(
      { words: ['mat', 'ogn'], marked: [], alternatives: [] },
      { known: new Set(['mat']), correction: { word: 'ogn', term: 'ong' } },
    );
    expect(rest).toMatch(/AND terms = "mat" AND terms = "ong"$/);
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

describe('versionProblem', () => {
  it('accepts v1.15 and later, and says what is needed otherwise', () => {
    expect(versionProblem('1.15.0')).toBeNull();
    expect(versionProblem('1.16.0-rc.1')).toBeNull();
    expect(versionProblem('2.0.0')).toBeNull();
    expect(versionProblem('1.3.4')).toMatch(/v1\.3\.4; needs v1\.15 or later/);
    expect(versionProblem('nightly')).toMatch(/not a version number/);
  });
});
