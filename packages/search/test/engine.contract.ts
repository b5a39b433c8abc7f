// The behaviour every SearchEngine must have, as one suite the engine runners share
// (tests/int/search-engine.postgres.int.test.ts and .pglite.int.test.ts, which need the db package's
// migrations, and test/meilisearch.engine.int.test.ts). Exported as `@nongsan/search/testing`.
// Expectations name documents, not scores: engines may rank differently inside a tier, never across.
import {
  type SearchDocument,
  type SearchQueryInput,
  SearchQuerySchema,
  type SearchResult,
  SuggestQuerySchema,
} from '@nongsan/contracts';
import { findProvinceById, foldVietnamese, ONE_WAY_SYNONYMS, SYNONYM_GROUPS } from '@nongsan/vn';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search-engine.ts';
import { foldedWords } from '../src/search-text.ts';

export type EngineUnderTest = { engine: SearchEngine; close(): Promise<void> };

const THAI_NGUYEN_CITY = { lat: 21.5942, lng: 105.8482 };
const TAN_CUONG = { lat: 21.578, lng: 105.769 };
const DAI_TU = { lat: 21.63, lng: 105.64 };
const LA_BANG = { lat: 21.72, lng: 105.61 };
const HA_NOI = { lat: 21.0285, lng: 105.8542 };

type Fixture = Omit<SearchDocument, 'provinceName' | 'status' | 'description' | 'unit' | 'sellerKind'> &
  Partial<Pick<SearchDocument, 'description' | 'unit' | 'sellerKind'>>;

function document(fixture: Fixture): SearchDocument {
  const province = findProvinceById(fixture.provinceId);
  if (!province) throw new Error(`contract fixture: unknown province ${fixture.provinceId}`);
  return {
    description: '',
    unit: 'kg',
    sellerKind: 'farmer',
    ...fixture,
    provinceName: province.name,
    status: fixture.inStock ? 'active' : 'sold_out',
  };
}

/** A small catalogue, each listing there for a case below. Times are distinct: `newest` has one order. */
export const CATALOGUE: readonly SearchDocument[] = [
  document({
    id: 'lst_c_tea_tancuong',
    title: 'Chè Tân Cương Thái Nguyên loại 1',
    description: 'Chè búp sao tay, hái một tôm hai lá.',
    category: 'tea',
    priceVnd: 250_000,
    sellerId: 'sel_c_tancuong',
    sellerName: 'HTX Chè Tân Cương',
    sellerKind: 'cooperative',
    provinceId: 'thai-nguyen',
    certifications: ['vietgap', 'ocop'],
    inStock: true,
    location: TAN_CUONG,
    harvestedAt: '2026-09-28',
    createdAt: '2026-10-01T02:00:00.000Z',
    delivery: { feeVnd: 30_000, freeOverVnd: 500_000 },
    photo: {
      mediaId: '0123456789abcdef0123456789abcdef',
      width: 1600,
      height: 1200,
      variants: [{ width: 400, format: 'webp', url: '/media/0123456789abcdef0123456789abcdef/400.webp' }],
      placeholder: 'data:image/webp;base64,UklGRg==',
    },
  }),
  document({
    id: 'lst_c_tea_shan',
    title: 'Trà Shan tuyết cổ thụ Hà Giang',
    description: 'Búp trà phủ lông trắng, hái trên cây cổ thụ.',
    category: 'tea',
    priceVnd: 600_000,
    sellerId: 'sel_c_vang',
    sellerName: 'Vàng A Dơ',
    provinceId: 'tuyen-quang',
    certifications: ['organic'],
    inStock: true,
    location: { lat: 22.82, lng: 104.98 },
    createdAt: '2026-09-15T02:00:00.000Z',
    delivery: { feeVnd: 50_000, freeOverVnd: null },
  }),
  document({
    id: 'lst_c_sugar',
    title: 'Đường phèn Quảng Ngãi',
    description: 'Nấu thủ công từ mía.',
    category: 'dried',
    unit: 'pack_500g',
    priceVnd: 45_000,
    sellerId: 'sel_c_ngot',
    sellerName: 'Lê Văn Ngọt',
    provinceId: 'quang-ngai',
    certifications: [],
    inStock: true,
    location: { lat: 15.12, lng: 108.8 },
    createdAt: '2026-08-01T02:00:00.000Z',
  }),
  // Newer than the sugar and "dương" in its description as well: only the diacritics the buyer
  // typed can put the sugar first for "đường".
  document({
    id: 'lst_c_fern',
    title: 'Rau dương xỉ rừng',
    description: 'Dương xỉ non hái trên đồi, xào tỏi rất ngon.',
    category: 'vegetables',
    unit: 'bunch',
    priceVnd: 20_000,
    sellerId: 'sel_c_son',
    sellerName: 'Lò Văn Sơn',
    provinceId: 'lao-cai',
    certifications: [],
    inStock: true,
    location: { lat: 22.34, lng: 104.15 },
    createdAt: '2026-10-20T02:00:00.000Z',
  }),
  document({
    id: 'lst_c_peanut_lac',
    title: 'Lạc đỏ Nghệ An',
    category: 'dried',
    priceVnd: 60_000,
    sellerId: 'sel_c_hanh',
    sellerName: 'Vườn nhà bà Hạnh',
    provinceId: 'nghe-an',
    certifications: [],
    inStock: true,
    location: { lat: 18.79, lng: 105.6 },
    createdAt: '2026-07-01T02:00:00.000Z',
  }),
  document({
    id: 'lst_c_peanut_dauphong',
    title: 'Đậu phộng rang muối Tây Ninh',
    category: 'dried',
    unit: 'pack_500g',
    priceVnd: 55_000,
    sellerId: 'sel_c_hien',
    sellerName: 'Cơ sở Út Hiền',
    provinceId: 'tay-ninh',
    certifications: ['vietgap'],
    inStock: true,
    location: { lat: 11.31, lng: 106.1 },
    createdAt: '2026-07-10T02:00:00.000Z',
  }),
  document({
    id: 'lst_c_rice_st25',
    title: 'Gạo ST25 Sóc Trăng',
    category: 'rice',
    priceVnd: 35_000,
    sellerId: 'sel_c_soctrang',
    sellerName: 'HTX Gạo Sóc Trăng',
    sellerKind: 'cooperative',
    provinceId: 'can-tho',
    certifications: ['organic', 'vietgap'],
    inStock: true,
    location: { lat: 9.6, lng: 105.97 },
    createdAt: '2026-06-01T02:00:00.000Z',
  }),
  document({
    id: 'lst_c_rice_nep',
    title: 'Gạo nếp cái hoa vàng',
    category: 'rice',
    priceVnd: 40_000,
    sellerId: 'sel_c_nam',
    sellerName: 'Nguyễn Văn Nam',
    provinceId: 'ninh-binh',
    certifications: [],
    inStock: false,
    location: { lat: 20.25, lng: 105.97 },
    createdAt: '2026-05-01T02:00:00.000Z',
  }),
  // Written without diacritics by its seller, as many are.
  document({
    id: 'lst_c_honey',
    title: 'Mat ong rung U Minh',
    description: 'Mat ong nguyen chat, lay tu rung tram.',
    category: 'honey',
    unit: 'bottle',
    priceVnd: 300_000,
    sellerId: 'sel_c_tu',
    sellerName: 'Tu Ong',
    provinceId: 'ca-mau',
    certifications: [],
    inStock: true,
    location: { lat: 9.18, lng: 105.15 },
    createdAt: '2026-09-01T02:00:00.000Z',
  }),
  document({
    id: 'lst_c_mango',
    title: 'Xoài cát Hòa Lộc',
    category: 'fruit',
    priceVnd: 70_000,
    sellerId: 'sel_c_sau',
    sellerName: 'Vườn xoài chú Sáu',
    provinceId: 'dong-thap',
    certifications: ['vietgap'],
    inStock: true,
    location: { lat: 10.29, lng: 105.76 },
    createdAt: '2026-09-20T02:00:00.000Z',
  }),
  document({
    id: 'lst_c_pomelo',
    title: 'Bưởi da xanh Bến Tre',
    category: 'fruit',
    priceVnd: 65_000,
    sellerId: 'sel_c_cholach',
    sellerName: 'HTX Bưởi Chợ Lách',
    sellerKind: 'cooperative',
    provinceId: 'vinh-long',
    certifications: ['vietgap', 'globalgap'],
    inStock: true,
    location: { lat: 10.24, lng: 106.13 },
    createdAt: '2026-08-20T02:00:00.000Z',
  }),
  document({
    id: 'lst_c_veg_daitu',
    title: 'Rau cải ngọt hữu cơ',
    category: 'vegetables',
    unit: 'bunch',
    priceVnd: 15_000,
    sellerId: 'sel_c_thu',
    sellerName: 'Vườn rau chị Thu',
    provinceId: 'thai-nguyen',
    certifications: ['organic'],
    inStock: true,
    location: DAI_TU,
    createdAt: '2026-10-10T02:00:00.000Z',
  }),
  document({
    id: 'lst_c_veg_hanoi',
    title: 'Rau muống sạch',
    category: 'vegetables',
    unit: 'bunch',
    priceVnd: 10_000,
    sellerId: 'sel_c_vanduc',
    sellerName: 'HTX Rau Văn Đức',
    sellerKind: 'cooperative',
    provinceId: 'ha-noi',
    certifications: ['vietgap'],
    inStock: true,
    location: HA_NOI,
    createdAt: '2026-10-05T02:00:00.000Z',
  }),
  // No location: never within a radius, last by distance.
  document({
    id: 'lst_c_mushroom',
    title: 'Nấm hương rừng khô',
    category: 'mushrooms',
    unit: 'pack_500g',
    priceVnd: 180_000,
    sellerId: 'sel_c_caobang',
    sellerName: 'Cơ sở Nấm Cao Bằng',
    provinceId: 'cao-bang',
    certifications: ['ocop'],
    inStock: true,
    location: null,
    createdAt: '2026-04-01T02:00:00.000Z',
  }),
  document({
    id: 'lst_c_tea_mocCau',
    title: 'Chè móc câu Thái Nguyên',
    category: 'tea',
    priceVnd: 400_000,
    sellerId: 'sel_c_labang',
    sellerName: 'Chè La Bằng nhà anh Hưng',
    provinceId: 'thai-nguyen',
    certifications: ['vietgap'],
    inStock: false,
    location: LA_BANG,
    createdAt: '2026-09-25T02:00:00.000Z',
  }),
];

const byId = new Map(CATALOGUE.map((d) => [d.id, d]));
const ids = (result: SearchResult) => result.hits.map((hit) => hit.id);
const newestFirst = (documents: readonly SearchDocument[]) =>
  [...documents].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((d) => d.id);

/** Facet counts as the contract defines them, computed from documents: the oracle for filter cases. */
function expectedFacets(documents: readonly SearchDocument[]): SearchResult['facets'] {
  const facets: SearchResult['facets'] = { category: {}, province: {}, certification: {} };
  for (const d of documents) {
    facets.category[d.category] = (facets.category[d.category] ?? 0) + 1;
    facets.province[d.provinceId] = (facets.province[d.provinceId] ?? 0) + 1;
    for (const c of new Set(d.certifications)) facets.certification[c] = (facets.certification[c] ?? 0) + 1;
  }
  return facets;
}

/** Great-circle distance by the spherical law of cosines: a formula independent of the engines' haversine. */
function kmBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const cos =
    Math.sin(a.lat * rad) * Math.sin(b.lat * rad) +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.cos((b.lng - a.lng) * rad);
  return 6371.0088 * Math.acos(Math.min(1, cos));
}

/** Registers the contract suite for one engine. `open` runs once; the catalogue is re-applied before each case. */
export function describeSearchEngineContract(name: string, open: () => Promise<EngineUnderTest>): void {
  describe(`${name}: search engine contract`, () => {
    let subject: EngineUnderTest;
    const search = (input: SearchQueryInput) => subject.engine.search(SearchQuerySchema.parse(input));

    beforeAll(async () => {
      subject = await open();
      await subject.engine.setUp();
    });
    afterAll(async () => {
      await subject?.close();
    });

    describe('catalogue', () => {
      beforeEach(async () => {
        await subject.engine.clear();
        await subject.engine.apply(CATALOGUE);
      });

      describe('text', () => {
        it('finds text written with diacritics from a query without them', async () => {
          const result = await search({ q: 'che tan cuong' });
          expect(ids(result)[0]).toBe('lst_c_tea_tancuong');
          expect(ids(await search({ q: 'dau phong rang muoi' }))).toEqual(['lst_c_peanut_dauphong']);
          expect(ids(await search({ q: 'CHÈ TÂN CƯƠNG' }))[0]).toBe('lst_c_tea_tancuong');
        });

        it('finds text written without diacritics from a query with them', async () => {
          expect(ids(await search({ q: 'mật ong rừng' }))).toEqual(['lst_c_honey']);
        });

        it('searches the description and the seller name, not only the title', async () => {
          expect(ids(await search({ q: 'lông trắng' }))).toEqual(['lst_c_tea_shan']);
          expect(ids(await search({ q: 'út hiền' }))).toEqual(['lst_c_peanut_dauphong']);
        });

        it('requires every word of the query', async () => {
          expect(ids(await search({ q: 'gạo nếp' }))).toEqual(['lst_c_rice_nep']);
          expect((await search({ q: 'gạo xoài' })).total).toBe(0);
        });

        it('forgives one typo in a word of five letters or more', async () => {
          expect(ids(await search({ q: 'che tan cuongg' }))[0]).toBe('lst_c_tea_tancuong');
          expect(ids(await search({ q: 'shan tuyeet' }))).toContain('lst_c_tea_shan');
          expect(ids(await search({ q: 'xoaii cat' }))).toContain('lst_c_mango');
        });

        it('forgives a swapped or changed letter in a short word when the rest of the query is as typed', async () => {
          expect(ids(await search({ q: 'mat ogn' }))).toContain('lst_c_honey');
          expect(ids(await search({ q: 'mta ong rung' }))).toContain('lst_c_honey');
          expect(ids(await search({ q: 'gạo nwp' }))).toContain('lst_c_rice_nep');
          // Alone, or with another slip beside it, a short slip is not guessed at.
          expect((await search({ q: 'ogn' })).total).toBe(0);
          expect((await search({ q: 'mta ogn' })).total).toBe(0);
        });

        it('finds Vietnamese listings from English names and the catalogue’s English category names', async () => {
          expect(ids(await search({ q: 'honey' }))).toEqual(['lst_c_honey']);
          expect(ids(await search({ q: 'wild honey' }))).toEqual(['lst_c_honey']);
          expect(ids(await search({ q: 'mangoes' }))).toEqual(['lst_c_mango']);
          expect(ids(await search({ q: 'sticky rice' }))).toEqual(['lst_c_rice_nep']);
          // "nấm" also folds into a seller's name (Nguyễn Văn Nam): that listing comes after.
          expect(ids(await search({ q: 'mushrooms' }))[0]).toBe('lst_c_mushroom');
        });

        it('matches the last word as a prefix while it is being typed', async () => {
          expect(ids(await search({ q: 'xoà' }))).toContain('lst_c_mango');
          expect(ids(await search({ q: 'bưởi da xan' }))).toContain('lst_c_pomelo');
        });

        it('finds nothing for words that are nowhere', async () => {
          const result = await search({ q: 'quantum entanglement' });
          expect(result.total).toBe(0);
          expect(result.hits).toEqual([]);
          expect(result.facets).toEqual({ category: {}, province: {}, certification: {} });
        });

        it('ranks the diacritics the buyer typed above the same letters without them', async () => {
          // Folded, both titles hold "duong"; the fern is newer and says "dương" twice.
          const sugar = ids(await search({ q: 'đường' }));
          expect(sugar.slice(0, 2)).toEqual(['lst_c_sugar', 'lst_c_fern']);
          const fern = ids(await search({ q: 'dương xỉ' }));
          expect(fern[0]).toBe('lst_c_fern');
          // Without diacritics neither is preferred for its marks: both are found.
          expect(ids(await search({ q: 'duong' })).sort()).toEqual(['lst_c_fern', 'lst_c_sugar']);
        });

        it('puts title matches above matches elsewhere', async () => {
          // Newer than both rice listings, with "gạo" only in its description.
          const ricePaper = document({
            id: 'lst_c_ricepaper',
            title: 'Bánh đa nem Thái Bình',
            description: 'Tráng từ gạo tẻ, phơi nắng.',
            category: 'other',
            priceVnd: 30_000,
            sellerId: 'sel_c_banhda',
            sellerName: 'Lò bánh đa cô Hoa',
            provinceId: 'hung-yen',
            certifications: [],
            inStock: true,
            location: null,
            createdAt: '2026-11-01T02:00:00.000Z',
          });
          await subject.engine.apply([ricePaper]);
          // Without diacritics, so the title's "Gạo" wins as a title match, not for its marks.
          const result = ids(await search({ q: 'gao' }));
          expect(result.slice(0, 2).sort()).toEqual(['lst_c_rice_nep', 'lst_c_rice_st25']);
          expect(result[2]).toBe('lst_c_ricepaper');
        });

        it('puts a title holding one of the words above a listing matching only elsewhere', async () => {
          // Both match every word; only the tea's title has "chè". The pumpkin is newer and its farm
          // is named after tea, which must not carry it above the tea.
          const tea = document({
            id: 'lst_c_tea_labang',
            title: 'Chè búp La Bằng',
            description: 'Hái tay, sao chảo gang.',
            category: 'tea',
            priceVnd: 300_000,
            sellerId: 'sel_c_labang_tea',
            sellerName: 'HTX chè La Bằng',
            provinceId: 'thai-nguyen',
            certifications: [],
            inStock: true,
            location: null,
            createdAt: '2026-11-01T01:00:00.000Z',
          });
          const pumpkin = document({
            id: 'lst_c_pumpkin_labang',
            title: 'Bí đỏ hồ lô',
            description: 'Bí ruột vàng, bở.',
            category: 'vegetables',
            priceVnd: 20_000,
            sellerId: 'sel_c_labang_farm',
            sellerName: 'Trang trại Chè La Bằng',
            provinceId: 'thai-nguyen',
            certifications: [],
            inStock: true,
            location: null,
            createdAt: '2026-11-02T01:00:00.000Z',
          });
          await subject.engine.apply([tea, pumpkin]);
          const result = ids(await search({ q: 'che thai nguyen' }));
          expect(result.indexOf('lst_c_tea_labang')).toBeGreaterThanOrEqual(0);
          expect(result.indexOf('lst_c_tea_labang')).toBeLessThan(result.indexOf('lst_c_pumpkin_labang'));
        });

        it('puts every listing whose title matches above one whose seller only is named so', async () => {
          // Newer than the honey, and its farm is named after honey: it must still come after it.
          const greens = document({
            id: 'lst_c_greens_honeyfarm',
            title: 'Rau rừng hái sáng',
            category: 'vegetables',
            priceVnd: 15_000,
            sellerId: 'sel_c_honeyfarm',
            sellerName: 'Trại mật ong Út Tư',
            provinceId: 'ca-mau',
            certifications: [],
            inStock: true,
            location: null,
            createdAt: '2026-11-03T01:00:00.000Z',
          });
          await subject.engine.apply([greens]);
          const result = ids(await search({ q: 'mật ong' }));
          expect(result).toEqual(['lst_c_honey', 'lst_c_greens_honeyfarm']);
          expect(ids(await search({ q: 'mat ong rung' }))[0]).toBe('lst_c_honey');
        });

        it('puts listings named as typed above listings found through a synonym', async () => {
          // The Shan tea is "trà", found for "chè" only as its synonym, and it is newer than the móc câu tea.
          const result = ids(await search({ q: 'chè' }));
          expect(result.slice(0, 2).sort()).toEqual(['lst_c_tea_mocCau', 'lst_c_tea_tancuong']);
          expect(result[2]).toBe('lst_c_tea_shan');
        });
      });

      describe('filters', () => {
        const cases: { name: string; input: SearchQueryInput; keep: (d: SearchDocument) => boolean }[] = [
          { name: 'category', input: { category: 'tea' }, keep: (d) => d.category === 'tea' },
          { name: 'province by id', input: { province: 'thai-nguyen' }, keep: (d) => d.provinceId === 'thai-nguyen' },
          // A former province name (merged in 2025) still finds the province's listings.
          {
            name: 'province by a former name',
            input: { province: 'Hà Giang' },
            keep: (d) => d.provinceId === 'tuyen-quang',
          },
          {
            name: 'certification',
            input: { certification: 'organic' },
            keep: (d) => d.certifications.includes('organic'),
          },
          { name: 'minimum price', input: { minPrice: 60_000 }, keep: (d) => d.priceVnd >= 60_000 },
          { name: 'maximum price', input: { maxPrice: 40_000 }, keep: (d) => d.priceVnd <= 40_000 },
          {
            name: 'price range',
            input: { minPrice: 40_000, maxPrice: 65_000 },
            keep: (d) => d.priceVnd >= 40_000 && d.priceVnd <= 65_000,
          },
          { name: 'in stock', input: { inStock: true }, keep: (d) => d.inStock },
          { name: 'delivers (giao tận nơi)', input: { delivers: true }, keep: (d) => Boolean(d.delivery) },
          {
            name: 'delivers, with another filter',
            input: { delivers: true, province: 'thai-nguyen' },
            keep: (d) => Boolean(d.delivery) && d.provinceId === 'thai-nguyen',
          },
          { name: 'sold out', input: { inStock: false }, keep: (d) => !d.inStock },
          {
            name: 'several at once',
            input: { category: 'vegetables', certification: 'vietgap', inStock: true },
            keep: (d) => d.category === 'vegetables' && d.certifications.includes('vietgap') && d.inStock,
          },
          {
            name: 'text and filters',
            input: { q: 'rau', province: 'thai-nguyen' },
            keep: (d) => d.id === 'lst_c_veg_daitu',
          },
        ];

        it.each(cases)(
          '$name: exactly the matching listings, newest first, with their facets',
          async ({ input, keep }) => {
            const expected = CATALOGUE.filter(keep);
            expect(expected.length).toBeGreaterThan(0);
            const result = await search({ ...input, perPage: 50 });
            expect(result.total).toBe(expected.length);
            expect(input.q ? ids(result).sort() : ids(result)).toEqual(
              input.q ? expected.map((d) => d.id).sort() : newestFirst(expected),
            );
            expect(result.facets).toEqual(expectedFacets(expected));
          },
        );

        it('counts the same facets whether the search reads text, a price or neither', async () => {
          // Engines may count a browse and a text search in different ways (the PostgreSQL engine keeps
          // running totals for browsing): all must agree.
          const browse = await search({ category: 'tea' });
          const priced = await search({ category: 'tea', minPrice: 0 });
          expect(browse.facets).toEqual(priced.facets);
          expect(browse.total).toBe(priced.total);
          expect(browse.facets).toEqual(expectedFacets(CATALOGUE.filter((d) => d.category === 'tea')));
        });

        it('counts facets over the whole filtered result, not the page', async () => {
          const result = await search({ perPage: 2 });
          expect(result.hits).toHaveLength(2);
          expect(result.total).toBe(CATALOGUE.length);
          expect(result.facets).toEqual(expectedFacets(CATALOGUE));
        });

        it('counts facets of a text query over its hits', async () => {
          const result = await search({ q: 'chè', province: 'thai-nguyen' });
          expect(ids(result).sort()).toEqual(['lst_c_tea_mocCau', 'lst_c_tea_tancuong']);
          expect(result.facets).toEqual({
            category: { tea: 2 },
            province: { 'thai-nguyen': 2 },
            certification: { vietgap: 2, ocop: 1 },
          });
        });
      });

      describe('place', () => {
        it('keeps only listings within the radius, with their distances', async () => {
          const within25 = await search({ near: THAI_NGUYEN_CITY, radiusKm: 25, sort: 'distance' });
          expect(ids(within25)).toEqual(['lst_c_tea_tancuong', 'lst_c_veg_daitu']);
          for (const hit of within25.hits) {
            const at = byId.get(hit.id)?.location;
            if (!at) throw new Error('fixture without location');
            expect(hit.distanceKm).toBeCloseTo(kmBetween(THAI_NGUYEN_CITY, at), 1);
          }
          const within30 = await search({ near: THAI_NGUYEN_CITY, radiusKm: 30 });
          expect(ids(within30).sort()).toEqual(['lst_c_tea_mocCau', 'lst_c_tea_tancuong', 'lst_c_veg_daitu']);
          expect(within30.facets.province).toEqual({ 'thai-nguyen': 3 });
        });

        it('sorts by distance, listings without a place last', async () => {
          const result = await search({ near: THAI_NGUYEN_CITY, sort: 'distance', perPage: 50 });
          const located = CATALOGUE.filter((d) => d.location)
            .map((d) => ({ id: d.id, km: kmBetween(THAI_NGUYEN_CITY, d.location as { lat: number; lng: number }) }))
            .sort((a, b) => a.km - b.km)
            .map((d) => d.id);
          expect(ids(result)).toEqual([...located, 'lst_c_mushroom']);
          expect(result.hits.at(-1)?.distanceKm).toBeNull();
        });

        it('combines a radius with text and sorts', async () => {
          const result = await search({ q: 'rau', near: THAI_NGUYEN_CITY, radiusKm: 100, sort: 'distance' });
          expect(ids(result)).toEqual(['lst_c_veg_daitu', 'lst_c_veg_hanoi']);
        });

        it('reports no distance without a place to measure from', async () => {
          const result = await search({ q: 'chè tân cương' });
          expect(result.hits[0]?.distanceKm).toBeNull();
        });
      });

      describe('sorts and pages', () => {
        it('sorts by price, both ways', async () => {
          const ascending = ids(await search({ sort: 'price_asc', perPage: 50 }));
          const byPrice = [...CATALOGUE].sort((a, b) => a.priceVnd - b.priceVnd).map((d) => d.id);
          expect(ascending).toEqual(byPrice);
          expect(ids(await search({ sort: 'price_desc', perPage: 50 }))).toEqual([...byPrice].reverse());
        });

        it('sorts the hits of a text query by price', async () => {
          const result = await search({ q: 'rau', sort: 'price_asc' });
          expect(ids(result)).toEqual(['lst_c_veg_hanoi', 'lst_c_veg_daitu', 'lst_c_fern']);
        });

        it('sorts by newest, and browses newest first', async () => {
          expect(ids(await search({ sort: 'newest', perPage: 50 }))).toEqual(newestFirst(CATALOGUE));
          expect(ids(await search({ perPage: 50 }))).toEqual(newestFirst(CATALOGUE));
          expect(ids(await search({ q: 'gạo', sort: 'newest' }))).toEqual(['lst_c_rice_st25', 'lst_c_rice_nep']);
        });

        it('pages without gaps or repeats, with the same total on every page', async () => {
          const seen: string[] = [];
          for (let page = 1; page <= 4; page++) {
            const result = await search({ page, perPage: 4 });
            expect(result.total).toBe(CATALOGUE.length);
            expect(result.page).toBe(page);
            expect(result.perPage).toBe(4);
            seen.push(...ids(result));
          }
          expect(seen).toEqual(newestFirst(CATALOGUE));
          const beyond = await search({ page: 5, perPage: 4 });
          expect(beyond.hits).toEqual([]);
          expect(beyond.total).toBe(CATALOGUE.length);
        });

        it('pages through relevance in a stable order', async () => {
          const all = ids(await search({ q: 'rau', perPage: 50 }));
          const pages = [
            ...ids(await search({ q: 'rau', page: 1, perPage: 2 })),
            ...ids(await search({ q: 'rau', page: 2, perPage: 2 })),
          ];
          expect(pages).toEqual(all);
        });
      });

      describe('hits', () => {
        it('carry the card fields and the photo as given, without the description', async () => {
          const [hit] = (await search({ q: 'chè tân cương' })).hits;
          const source = byId.get('lst_c_tea_tancuong');
          expect(hit).toEqual({
            id: source?.id,
            title: source?.title,
            category: 'tea',
            unit: 'kg',
            priceVnd: 250_000,
            sellerId: 'sel_c_tancuong',
            sellerName: 'HTX Chè Tân Cương',
            sellerKind: 'cooperative',
            provinceId: 'thai-nguyen',
            provinceName: 'Thái Nguyên',
            certifications: ['vietgap', 'ocop'],
            inStock: true,
            status: 'active',
            location: TAN_CUONG,
            harvestedAt: '2026-09-28',
            createdAt: '2026-10-01T02:00:00.000Z',
            photo: source?.photo,
            delivery: { feeVnd: 30_000, freeOverVnd: 500_000 },
            distanceKm: null,
          });
          expect(hit).not.toHaveProperty('description');
        });

        it('report how long the search took', async () => {
          const result = await search({ q: 'gạo' });
          expect(result.tookMs).toBeGreaterThanOrEqual(0);
          expect(Number.isFinite(result.tookMs)).toBe(true);
        });
      });

      describe('changes', () => {
        it('shows sold-out listings unless only listings in stock are asked for', async () => {
          const all = await search({ q: 'gạo' });
          expect(ids(all).sort()).toEqual(['lst_c_rice_nep', 'lst_c_rice_st25']);
          const soldOut = all.hits.find((hit) => hit.id === 'lst_c_rice_nep');
          expect(soldOut).toMatchObject({ inStock: false, status: 'sold_out' });
          expect(ids(await search({ q: 'gạo', inStock: true }))).toEqual(['lst_c_rice_st25']);
        });

        it('removes a deleted (archived) listing from hits, totals and facets', async () => {
          await subject.engine.delete(['lst_c_mango', 'lst_does_not_exist']);
          expect((await search({ q: 'xoài' })).total).toBe(0);
          const browse = await search({ perPage: 50 });
          const remaining = CATALOGUE.filter((d) => d.id !== 'lst_c_mango');
          expect(browse.total).toBe(remaining.length);
          expect(ids(browse)).not.toContain('lst_c_mango');
          expect(browse.facets).toEqual(expectedFacets(remaining));
          expect((await search({ category: 'fruit', minPrice: 0 })).facets).toEqual(
            expectedFacets(remaining.filter((d) => d.category === 'fruit')),
          );
        });

        it('replaces a listing applied again instead of adding it twice', async () => {
          await subject.engine.apply([byId.get('lst_c_sugar') as SearchDocument]);
          const browse = await search({ perPage: 50 });
          expect(browse.total).toBe(CATALOGUE.length);
          expect(ids(browse).filter((id) => id === 'lst_c_sugar')).toHaveLength(1);
          expect(browse.facets).toEqual(expectedFacets(CATALOGUE));
        });

        it('propagates a seller rename when the seller’s listings are applied again', async () => {
          const renamed = CATALOGUE.filter((d) => d.sellerId === 'sel_c_tancuong').map((d) => ({
            ...d,
            sellerName: 'Hợp tác xã Trà Xanh Hồng Thái',
          }));
          expect(renamed).toHaveLength(1);
          await subject.engine.apply(renamed);
          expect((await search({ q: 'htx chè tân cương' })).total).toBe(0);
          const result = await search({ q: 'hồng thái' });
          expect(ids(result)).toEqual(['lst_c_tea_tancuong']);
          expect(result.hits[0]?.sellerName).toBe('Hợp tác xã Trà Xanh Hồng Thái');
          expect((await search({ perPage: 50 })).total).toBe(CATALOGUE.length);
        });

        it('moves facet counts when a listing changes category, province, certifications or stock', async () => {
          const before = byId.get('lst_c_pomelo') as SearchDocument;
          const after: SearchDocument = {
            ...before,
            category: 'plants',
            provinceId: 'thai-nguyen',
            provinceName: 'Thái Nguyên',
            certifications: ['organic'],
            inStock: false,
            status: 'sold_out',
          };
          await subject.engine.apply([after]);
          const catalogue = CATALOGUE.map((d) => (d.id === after.id ? after : d));
          expect((await search({ perPage: 50 })).facets).toEqual(expectedFacets(catalogue));
          expect((await search({ inStock: true })).facets).toEqual(expectedFacets(catalogue.filter((d) => d.inStock)));
          expect((await search({ certification: 'vietgap' })).total).toBe(
            catalogue.filter((d) => d.certifications.includes('vietgap')).length,
          );
        });

        it('applies a batch where the same listing appears twice: the last one wins', async () => {
          const sugar = byId.get('lst_c_sugar') as SearchDocument;
          await subject.engine.apply([
            { ...sugar, priceVnd: 1_000 },
            { ...sugar, priceVnd: 2_000 },
          ]);
          const [hit] = (await search({ q: 'đường phèn' })).hits;
          expect(hit?.priceVnd).toBe(2_000);
        });

        it('clears everything', async () => {
          await subject.engine.clear();
          const result = await search({});
          expect(result.total).toBe(0);
          expect(result.facets).toEqual({ category: {}, province: {}, certification: {} });
          expect((await search({ q: 'chè' })).total).toBe(0);
        });
      });

      describe('suggestions', () => {
        const suggest = (q: string, limit?: number) =>
          subject.engine.suggest(SuggestQuerySchema.parse(limit === undefined ? { q } : { q, limit }));

        it('completes the word being typed from titles', async () => {
          const suggestions = await suggest('xoà');
          expect(suggestions).toContainEqual({ text: 'Xoài cát Hòa Lộc', category: 'fruit' });
          expect((await suggest('bưởi da')).map((s) => s.text)).toEqual(['Bưởi da xanh Bến Tre']);
        });

        it('suggests a title shared by several listings once, and no more than asked', async () => {
          const sugar = byId.get('lst_c_sugar') as SearchDocument;
          await subject.engine.apply([
            { ...sugar, id: 'lst_c_sugar_2', createdAt: '2026-08-02T02:00:00.000Z' },
            { ...sugar, id: 'lst_c_sugar_3', title: 'Đường phèn vàng', createdAt: '2026-08-03T02:00:00.000Z' },
          ]);
          const texts = (await suggest('đường phèn')).map((s) => s.text);
          expect(texts.filter((t) => t === 'Đường phèn Quảng Ngãi')).toHaveLength(1);
          expect(texts).toContain('Đường phèn vàng');
          expect(await suggest('đường phèn', 1)).toHaveLength(1);
        });

        it('suggests nothing for words that are nowhere', async () => {
          expect(await suggest('quantum')).toEqual([]);
        });
      });
    });

    describe('regional names (SYNONYM_GROUPS and ONE_WAY_SYNONYMS)', () => {
      // One listing per name, titled with the name alone and a neutral word ("tươi", fresh).
      const names = [
        ...new Set([...SYNONYM_GROUPS.flat(), ...ONE_WAY_SYNONYMS.map((s) => s.term), 'khoai mì', 'roi', 'heo']),
      ];
      const idOf = (name: string) => `lst_syn_${foldedWords(name).join('_')}`;
      const synonymCatalogue = names.map((name, i) =>
        document({
          id: idOf(name),
          title: `${name[0]?.toUpperCase()}${name.slice(1)} tươi`,
          category: 'other',
          priceVnd: 10_000 + i,
          sellerId: 'sel_syn',
          // Not "Chợ quê": "quê" folds to "que", a word of "đậu que".
          sellerName: 'Phiên chợ sáng',
          provinceId: 'ha-noi',
          certifications: [],
          inStock: true,
          location: null,
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
        }),
      );

      beforeAll(async () => {
        await subject.engine.clear();
        await subject.engine.apply(synonymCatalogue);
      });

      const pairs = SYNONYM_GROUPS.flatMap((group) =>
        group.flatMap((name) => group.filter((other) => other !== name).map((other) => [name, other] as const)),
      );

      it.each(pairs)('"%s" finds the listing named "%s", below listings named as typed', async (name, other) => {
        const found = ids(await search({ q: name, perPage: 50 }));
        expect(found).toContain(idOf(other));
        expect(found).toContain(idOf(name));
        // A listing whose title holds every word as typed ranks above one found only through a synonym.
        const otherHasTypedWords = foldedWords(name).every((word) => foldedWords(other).includes(word));
        if (!otherHasTypedWords) expect(found.indexOf(idOf(name))).toBeLessThan(found.indexOf(idOf(other)));
      });

      const oneWay = ONE_WAY_SYNONYMS.flatMap((entry) => entry.alternatives.map((alt) => [entry.term, alt] as const));

      it.each(oneWay)('"%s" also finds "%s", which does not find it back', async (term, alternative) => {
        expect(ids(await search({ q: term, perPage: 50 }))).toContain(idOf(alternative));
        const back = ids(await search({ q: alternative, perPage: 50 }));
        const termWords = foldedWords(term);
        // Only the named listing is checked: "củ đậu" finds "củ sắn" through its own group entry.
        const isAlsoGrouped = SYNONYM_GROUPS.some(
          (group) =>
            group.map(foldVietnamese).includes(foldVietnamese(alternative)) &&
            group.some((n) => foldVietnamese(n) === foldVietnamese(term)),
        );
        if (!isAlsoGrouped && !foldedWords(alternative).some((w) => termWords.includes(w))) {
          expect(back).not.toContain(idOf(term));
        }
      });

      it.each(ONE_WAY_SYNONYMS.filter((entry) => entry.alternatives.length === 0))(
        '"$term" keeps its words: it does not find what its words would mean alone',
        async ({ term }) => {
          const found = ids(await search({ q: term, perPage: 50 }));
          expect(found).toContain(idOf(term));
          // "bắp cải" (cabbage) must not find "ngô" (corn) through "bắp".
          const strays = synonymCatalogue.filter((d) => !foldedWords(d.title).includes(foldedWords(term)[0] ?? ''));
          for (const stray of strays) expect(found).not.toContain(stray.id);
        },
      );
    });
  });
}
