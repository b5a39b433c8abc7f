// The PostgreSQL engine's set-based bulk write, on PostgreSQL and PGlite: a batch of several write
// statements, half of it replacing documents already there with other facet values, leaves the
// counter table equal to a count of the documents, every payload and every word in place.
import { type SearchDocument, SearchQuerySchema } from '@nongsan/contracts';
import { createDb } from '@nongsan/db';
import { createTestDb } from '@nongsan/db/testing';
import { createSearchEngine } from '@nongsan/search';
import { describe, expect, inject, it } from 'vitest';

const PROVINCES = [
  ['thai-nguyen', 'Thái Nguyên'],
  ['lam-dong', 'Lâm Đồng'],
  ['ha-noi', 'Hà Nội'],
] as const;
const CERTIFICATIONS: SearchDocument['certifications'][] = [[], ['vietgap'], ['organic', 'ocop']];

function listing(i: number, version: number): SearchDocument {
  const [provinceId, provinceName] = PROVINCES[(i + version) % PROVINCES.length] ?? PROVINCES[0];
  const inStock = (i + version) % 4 !== 0;
  return {
    id: `lst_bulk_${i}`,
    title: version === 0 ? `Chè búp lô ${i}` : `Gạo tám thơm vụ${version} lô ${i}`,
    description: `Thu hái tại ${provinceName}.`,
    category: version === 0 ? 'tea' : 'rice',
    unit: 'kg',
    priceVnd: 50_000 + i * 1000 + version,
    sellerId: `sel_bulk_${i % 30}`,
    sellerName: `Nhà vườn số ${i % 30}`,
    sellerKind: 'farmer',
    provinceId,
    provinceName,
    certifications: CERTIFICATIONS[(i + version) % CERTIFICATIONS.length] ?? [],
    inStock,
    status: inStock ? 'active' : 'sold_out',
    location: i % 3 === 0 ? null : { lat: 21 + i / 10_000, lng: 105.8 },
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  };
}

/** Every query read whole and counted exactly, so totals can be compared. */
const EXACT = { probeMatches: 1_000_000_000 };

type Db = { execute(query: string): Promise<unknown> };
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

async function check(
  open: () => Promise<{ db: Db; engine: ReturnType<typeof createSearchEngine>; close(): Promise<void> }>,
) {
  const { db, engine, close } = await open();
  try {
    const COUNT = 2_600;
    await engine.apply(Array.from({ length: COUNT }, (_, i) => listing(i, 0)));
    // A second batch: 1,400 replacements (other category, province, certifications, stock) and 200 new.
    await engine.apply(Array.from({ length: 1_600 }, (_, k) => listing(1_200 + k + (k >= 1_400 ? 1_400 : 0), 1)));

    const drift = rowsOf(
      await db.execute(`
        SELECT * FROM (
          SELECT category, province_id, certification_mask, in_stock, count(*)::int AS n
          FROM search_documents GROUP BY 1, 2, 3, 4) d
        FULL JOIN (SELECT * FROM search_facet_counts WHERE documents > 0) c
          USING (category, province_id, certification_mask, in_stock)
        WHERE d.n IS DISTINCT FROM c.documents`),
    );
    expect(drift).toEqual([]);
    const [counts] = rowsOf<{ documents: number; payloads: number; teas: number; facets_mismatched: number }>(
      await db.execute(`SELECT
        (SELECT count(*)::int FROM search_documents) AS documents,
        (SELECT count(*)::int FROM search_document_payloads) AS payloads,
        (SELECT count(*)::int FROM search_documents d JOIN search_facet_counts c ON c.id = d.facet_id
          WHERE (c.category, c.province_id, c.certification_mask, c.in_stock)
            IS DISTINCT FROM (d.category, d.province_id, d.certification_mask, d.in_stock)) AS facets_mismatched,
        (SELECT count(*)::int FROM search_document_payloads WHERE body_folded LIKE 'che bup %') AS teas`),
    );
    expect(counts).toEqual({ documents: COUNT + 200, payloads: COUNT + 200, facets_mismatched: 0, teas: 1_200 });
    const terms = rowsOf<{ term: string }>(
      await db.execute(`SELECT term FROM search_terms WHERE term IN ('che', 'bup', 'gao', 'tam', 'thom', 'vu1')`),
    ).map((row) => row.term);
    expect(terms.sort()).toEqual(['bup', 'che', 'gao', 'tam', 'thom', 'vu1']);

    const replaced = await engine.search(SearchQuerySchema.parse({ q: 'gao tam thom' }));
    expect(replaced.total).toBe(1_600);
    const tea = await engine.search(SearchQuerySchema.parse({ q: 'che bup' }));
    expect(tea.total).toBe(COUNT - 1_400);
  } finally {
    await close();
  }
}

describe('PostgreSQL engine bulk writes', () => {
  it('keeps counts, payloads and vocabulary exact across a large replacing batch (PostgreSQL)', async () => {
    await check(async () => {
      const database = await createTestDb(inject('testDbRun'));
      return {
        db: database.db as unknown as Db,
        engine: createSearchEngine({ engine: 'postgres', db: database.db, scale: EXACT }),
        close: () => database.close(),
      };
    });
  });

  it('does the same on PGlite', async () => {
    await check(async () => {
      const database = createDb({ dataDir: 'memory://' });
      await database.migrate();
      return {
        db: database.db as unknown as Db,
        engine: createSearchEngine({ engine: 'postgres', db: database.db, scale: EXACT }),
        close: () => database.close(),
      };
    });
  });
});
