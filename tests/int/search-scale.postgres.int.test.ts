// A broad query on the PostgreSQL engine is read from a window of its matches, its total and facets
// estimated and marked so; a narrow one is counted exactly. Thresholds are lowered to fit a test.
import { type SearchDocument, type SearchQueryInput, SearchQuerySchema } from '@nongsan/contracts';
import { createTestDb, type TestDb } from '@nongsan/db/testing';
import { createSearchEngine, type SearchEngine } from '@nongsan/search';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const PROVINCES = [
  ['thai-nguyen', 'Thái Nguyên'],
  ['tuyen-quang', 'Tuyên Quang'],
  ['lam-dong', 'Lâm Đồng'],
] as const;

function listing(i: number, title: string, category: SearchDocument['category']): SearchDocument {
  const [provinceId, provinceName] = PROVINCES[i % PROVINCES.length] ?? PROVINCES[0];
  return {
    id: `lst_scale_${i}`,
    title,
    description: '',
    category,
    unit: 'kg',
    priceVnd: 100_000 + ((i * 7919) % 500) * 1000,
    sellerId: `sel_scale_${i % 40}`,
    sellerName: `Nhà vườn ${i % 40}`,
    sellerKind: 'farmer',
    provinceId,
    provinceName,
    certifications: i % 4 === 0 ? ['vietgap'] : [],
    inStock: i % 5 !== 0,
    status: i % 5 !== 0 ? 'active' : 'sold_out',
    location: null,
    // Creation times shuffled against insertion order, as the bench corpus has them.
    createdAt: new Date(Date.UTC(2026, 0, 1) + ((i * 104_729) % 400) * 3_600_000).toISOString(),
  };
}

const TEAS = 400;
const CATALOGUE: SearchDocument[] = [
  ...Array.from({ length: TEAS }, (_, i) => listing(i, `Chè búp Thái Nguyên lô ${i}`, 'tea')),
  ...Array.from({ length: 6 }, (_, i) => listing(TEAS + i, `Gạo ST25 ruộng ${i}`, 'rice')),
];

let database: TestDb;
let scaled: SearchEngine;
let whole: SearchEngine;
beforeAll(async () => {
  database = await createTestDb(inject('testDbRun'));
  scaled = createSearchEngine({ engine: 'postgres', db: database.db, scale: { probeMatches: 40, windowMatches: 50 } });
  whole = createSearchEngine({
    engine: 'postgres',
    db: database.db,
    scale: { probeMatches: 1_000_000_000 },
  });
  await scaled.apply(CATALOGUE);
  // What autovacuum does after a load: the window is cut along the planner's histograms.
  await database.db.execute('ANALYZE search_documents');
});
afterAll(async () => {
  await database.close();
});

const search = (engine: SearchEngine, input: SearchQueryInput) => engine.search(SearchQuerySchema.parse(input));

describe('a broad query', () => {
  it('marks its total and facets as estimates, close to the counts', async () => {
    const result = await search(scaled, { q: 'chè' });
    expect(result).toMatchObject({ totalIsExact: false, facetsAreExact: false });
    expect(result.total).toBeGreaterThan(TEAS * 0.6);
    expect(result.total).toBeLessThan(TEAS * 1.5);
    expect(Object.keys(result.facets.category)).toEqual(['tea']);
    expect(result.facets.category.tea).toBe(result.total);
    for (const [provinceId] of PROVINCES) expect(result.facets.province[provinceId]).toBeGreaterThan(0);
  });

  it('shows the same page as reading every match, in every sort a window serves', async () => {
    for (const input of [
      { q: 'chè' },
      { q: 'che thai nguyen', page: 2 },
      { q: 'chè', sort: 'newest' },
      // A page ending past windowMatches: the window is sized to it instead of reading every match.
      { q: 'chè', sort: 'newest', page: 3 },
      { q: 'chè', sort: 'price_asc' },
      { q: 'chè', sort: 'price_desc', inStock: true },
    ] as SearchQueryInput[]) {
      const [fromWindow, fromAll] = [await search(scaled, input), await search(whole, input)];
      expect(fromAll).toMatchObject({ totalIsExact: true, facetsAreExact: true });
      expect(fromWindow.facetsAreExact).toBe(false);
      expect(fromWindow.hits.map((hit) => hit.id)).toEqual(fromAll.hits.map((hit) => hit.id));
    }
  });

  it('is read whole when a window cannot serve its sort (distance)', async () => {
    const result = await search(scaled, { q: 'chè', near: '21.59,105.85', sort: 'distance' });
    expect(result).toMatchObject({ total: TEAS, totalIsExact: true, facetsAreExact: true });
  });
});

describe('a narrow query', () => {
  it('is counted exactly', async () => {
    const result = await search(scaled, { q: 'gạo' });
    expect(result).toMatchObject({ total: 6, totalIsExact: true, facetsAreExact: true });
    expect(result.facets.category).toEqual({ rice: 6 });
  });
});
