import {
  type Listing,
  MAX_SEARCH_WINDOW,
  type SearchApiHit,
  type SearchResponse,
  SearchSortSchema,
} from '@nongsan/contracts';
import { describe, expect, it } from 'vitest';
import { activeNav, NAV_ITEMS } from '../../web/src/lib/components/nav.ts';
import { cardFromHit, toCardView } from '../../web/src/lib/listings/card-view.ts';
import {
  countIn,
  EMPTY_FILTERS,
  formatKm,
  hintQueries,
  pageCount,
  pageLinks,
  parsePriceText,
  parseSearchParams,
  priceFieldText,
  SEARCH_PER_PAGE,
  SEARCH_SORTS,
  SEARCH_WINDOW,
  type SearchFilters,
  searchHref,
  sortChoice,
  toApiQuery,
  toggleFacet,
  toSearchParams,
  withFilters,
  withoutFilters,
  withoutNear,
} from '../../web/src/lib/search/search-params.ts';
import {
  facetChips,
  problemOf,
  roundedDownTotal,
  runSearch,
  type SearchPorts,
  toSearchView,
} from '../../web/src/lib/search/search-view.ts';

// Pure helpers of the search page (web/src/lib/search): the URL is the page's state.

const parse = (query: string) => parseSearchParams(new URLSearchParams(query));
const filters = (change: Partial<SearchFilters>): SearchFilters => ({ ...EMPTY_FILTERS, ...change });

describe('the search URL <-> filters', () => {
  it('reads every parameter the API takes', () => {
    expect(
      parse(
        'q=%20che%20%20thai++nguyen%20&category=tea&province=thai-nguyen&certification=vietgap&minPrice=20.000&maxPrice=50k&inStock=true&delivers=true&near=21.59,105.85&radiusKm=25&sort=price_asc&page=3',
      ),
    ).toEqual({
      q: 'che thai nguyen',
      category: 'tea',
      province: 'thai-nguyen',
      certification: 'vietgap',
      minPrice: { vnd: 20_000 },
      maxPrice: { vnd: 50_000 },
      inStock: true,
      delivers: true,
      near: '21.59,105.85',
      radiusKm: '25',
      sort: 'price_asc',
      page: 3,
    });
  });

  it('an empty URL (or empty form fields) is a plain browse', () => {
    expect(parse('')).toEqual(EMPTY_FILTERS);
    expect(parse('q=&category=&minPrice=&maxPrice=&sort=&radiusKm=')).toEqual(EMPTY_FILTERS);
  });

  it.each([
    ['true', true],
    ['on', true],
    ['1', true],
    ['false', false],
    ['0', false],
    ['yes', null],
    ['', null],
  ])('inStock=%j is %j', (value, expected) => {
    expect(parse(`inStock=${value}`).inStock).toBe(expected);
  });

  it.each(['0', '-2', 'abc', '1.5', '9999999'])('page=%j falls back to the first page', (page) => {
    expect(parse(`page=${page}`).page).toBe(1);
  });

  it('keeps an unreadable price as typed, so the page can show it back', () => {
    expect(parse('minPrice=abc').minPrice).toEqual({ invalid: 'abc' });
    expect(priceFieldText({ invalid: 'abc' })).toBe('abc');
    expect(priceFieldText({ vnd: 1_250_000 })).toBe('1.250.000');
    expect(priceFieldText(null)).toBe('');
  });

  it('writes a canonical query: defaults left out, one order', () => {
    expect(searchHref(EMPTY_FILTERS)).toBe('/tim-kiem');
    expect(searchHref(filters({ page: 2, sort: 'newest', q: 'mật ong', category: 'honey' }))).toBe(
      '/tim-kiem?q=m%E1%BA%ADt+ong&category=honey&sort=newest&page=2',
    );
    expect(searchHref(parse('maxPrice=50.000&minPrice=20k&sort=relevance&page=1'))).toBe(
      '/tim-kiem?minPrice=20000&maxPrice=50000',
    );
  });

  it('parse ∘ write is the identity on filters', () => {
    const samples: SearchFilters[] = [
      EMPTY_FILTERS,
      filters({ q: 'chè', category: 'tea', inStock: true, sort: 'price_desc', page: 4 }),
      filters({ minPrice: { vnd: 0 }, maxPrice: { invalid: '12kg' }, inStock: false }),
      filters({ near: '21.58,105.77', radiusKm: '10', sort: 'distance', province: 'bac-ninh', certification: 'ocop' }),
    ];
    for (const sample of samples) expect(parseSearchParams(toSearchParams(sample))).toEqual(sample);
  });

  it('asks the API with its own names, a fixed page size, and no unreadable price', () => {
    expect(toApiQuery(filters({ q: 'gạo', minPrice: { invalid: 'x' }, maxPrice: { vnd: 40_000 }, page: 2 }))).toEqual({
      q: 'gạo',
      maxPrice: '40000',
      page: '2',
      perPage: String(SEARCH_PER_PAGE),
    });
    // A sort the API does not know is passed on: its 422 is what the page explains.
    expect(toApiQuery(filters({ sort: 'cheapest' })).sort).toBe('cheapest');
    expect(sortChoice('cheapest')).toBe('relevance');
    expect(sortChoice('price_asc')).toBe('price_asc');
  });

  it('offers exactly the sorts the API has', () => {
    expect([...SEARCH_SORTS]).toEqual(SearchSortSchema.options);
    expect(SEARCH_WINDOW).toBe(MAX_SEARCH_WINDOW);
  });
});

describe('changing the filters', () => {
  it('a chip toggles its value and goes back to page 1', () => {
    const start = filters({ q: 'che', page: 3 });
    const chosen = toggleFacet(start, 'category', 'tea');
    expect(chosen).toEqual({ ...start, category: 'tea', page: 1 });
    expect(toggleFacet(chosen, 'category', 'tea')).toEqual({ ...start, page: 1 });
    expect(toggleFacet(chosen, 'category', 'rice').category).toBe('rice');
    expect(withFilters(chosen, { inStock: true }).page).toBe(1);
    expect(withFilters(chosen, { page: 5 }).page).toBe(5);
  });

  // Near me itself (the place rounded to about a kilometre, sorted by distance) is the storefront
  // script's: tests/e2e/search.spec.ts "near me".
  it('leaving near me drops the place, its radius and the distance sort', () => {
    const away = withoutNear(filters({ q: 'che', near: '21.58,105.77', radiusKm: '25', sort: 'distance' }));
    expect(away).toMatchObject({ near: null, radiusKm: null, sort: 'relevance' });
    expect(withoutNear(filters({ near: '1,1', sort: 'price_asc' })).sort).toBe('price_asc');
  });

  it('clearing filters keeps the words', () => {
    const busy = filters({ q: 'mien dong', category: 'dried', inStock: true, near: '1,2', sort: 'distance', page: 2 });
    expect(withoutFilters(busy)).toEqual({ ...EMPTY_FILTERS, q: 'mien dong' });
  });
});

describe('parsePriceText: prices as buyers type them', () => {
  it.each([
    ['45000', 45_000],
    ['45.000', 45_000],
    ['45 000 ₫', 45_000],
    ['45k', 45_000],
    ['45 K', 45_000],
    ['2k5', 2_500],
    ['1,5tr', 1_500_000],
    ['1.5 triệu', 1_500_000],
    ['1tr2', 1_200_000],
    ['1.250k', 1_250_000],
    ['50 nghìn', 50_000],
    ['0', 0],
  ])('%j is %d đồng', (text, vnd) => {
    expect(parsePriceText(text)).toBe(vnd);
  });

  it.each(['', 'abc', '-5', '12kg', '1,2345tr', '4e5'])('%j is not a price', (text) => {
    expect(parsePriceText(text)).toBeNull();
  });
});

describe('display helpers', () => {
  it('formats distances the reader’s way', () => {
    expect(formatKm(2.44, 'vi')).toBe('2,4\u00a0km');
    expect(formatKm(2.44, 'en')).toBe('2.4\u00a0km');
    expect(formatKm(0.05, 'vi')).toBe('0,1\u00a0km');
    expect(formatKm(126.6, 'vi')).toBe('127\u00a0km');
  });

  it('counts pages within the API’s window', () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(41, 20)).toBe(3);
    expect(pageCount(1_000_000, 20)).toBe(500);
  });

  it.each([
    [1, 1, [1]],
    [1, 4, [1, 2, 3, 4]],
    [1, 9, [1, 2, null, 9]],
    [2, 4, [1, 2, 3, 4]],
    [5, 10, [1, null, 4, 5, 6, null, 10]],
    [3, 10, [1, 2, 3, 4, null, 10]],
    [10, 10, [1, null, 9, 10]],
  ])('page %d of %d shows %j', (page, count, links) => {
    expect(pageLinks(page, count)).toEqual(links);
  });

  it('tries shorter and shorter queries for spelling hints', () => {
    expect(hintQueries('mat ogn')).toEqual(['mat ogn', 'mat', 'ogn']);
    expect(hintQueries('  cam  ')).toEqual(['cam']);
    expect(hintQueries('a')).toEqual([]);
    expect(hintQueries('che thai nguyen xyz')).toEqual(['che thai nguyen xyz', 'che thai nguyen', 'che thai', 'che']);
  });
});

describe('facet chips', () => {
  it('put the chosen value first, then the most common, each linking to its toggle', () => {
    const chips = facetChips(filters({ q: 'che', category: 'tea' }), 'category', {
      plants: 2,
      tea: 10,
      dried: 0,
      fruit: 3,
    });
    expect(chips.map((c) => [c.value, c.count, c.isActive])).toEqual([
      ['tea', 10, true],
      ['fruit', 3, false],
      ['plants', 2, false],
    ]);
    expect(chips[0]?.href).toBe('/tim-kiem?q=che');
    expect(chips[1]?.href).toBe('/tim-kiem?q=che&category=fruit');
  });

  it('keep a chosen value that matches nothing, so it can be removed', () => {
    const chips = facetChips(filters({ certification: 'organic' }), 'certification', {});
    expect(chips).toEqual([{ value: 'organic', count: 0, isApproximate: false, isActive: true, href: '/tim-kiem' }]);
  });
});

describe('search outcomes', () => {
  it('names the fields of a 422 and tells an outage from other failures', () => {
    expect(
      problemOf({
        status: 422,
        code: 'VALIDATION_FAILED',
        details: [
          { path: 'maxPrice', code: 'custom' },
          { path: 'near', code: 'custom' },
          { path: 'near', code: 'custom' },
        ],
      }),
    ).toEqual({ kind: 'invalid', fields: ['maxPrice', 'near'] });
    expect(problemOf({ status: 503, code: 'NETWORK', details: undefined })).toEqual({ kind: 'unavailable' });
    expect(problemOf({ status: 502, code: 'INTERNAL', details: undefined })).toEqual({ kind: 'unavailable' });
    expect(problemOf({ status: 404, code: 'NOT_FOUND', details: undefined })).toEqual({ kind: 'failed' });
  });

  const answer = (total: number): SearchResponse => ({
    hits: [],
    total,
    totalIsExact: true,
    page: 1,
    perPage: 20,
    facets: { category: {}, province: {}, certification: {} },
    facetsAreExact: true,
    tookMs: 4.6,
    degraded: false,
  });

  it('looks for spelling hints only when nothing was found, most specific query first', async () => {
    const asked: string[] = [];
    const ports = (total: number): SearchPorts => ({
      search: async () => ({ ok: true, data: answer(total) }),
      suggest: async (q) => {
        asked.push(q);
        return q === 'mat' ? [{ text: 'Mật ong rừng', category: 'honey' }] : [];
      },
    });
    const found = await runSearch(filters({ q: 'mat ogn' }), ports(0));
    expect(found).toEqual({
      ok: true,
      view: expect.objectContaining({ total: 0, tookMs: 5 }),
      hints: ['Mật ong rừng'],
    });
    expect(asked).toEqual(['mat ogn', 'mat']);

    asked.length = 0;
    expect(await runSearch(filters({ q: 'mat ong' }), ports(3))).toMatchObject({ ok: true, hints: [] });
    expect(asked).toEqual([]);
  });
});

describe('cards', () => {
  const media = {
    mediaId: '0123456789abcdef0123456789abcdef',
    width: 1200,
    height: 900,
    variants: [
      { width: 800, format: 'webp' as const, url: '/m/800.webp' },
      { width: 400, format: 'webp' as const, url: '/m/400.webp' },
    ],
    placeholder: 'data:image/webp;base64,AAAA',
  };

  it('a search hit shows seller, province, verified badges, distance and the sold-out state', () => {
    const hit: SearchApiHit = {
      id: 'lst_1',
      title: 'Chè Tân Cương',
      category: { id: 'tea', vi: 'Chè, trà', en: 'Tea' },
      categoryName: 'Chè, trà',
      unit: { id: 'kg', vi: 'kg', en: 'kg' },
      priceVnd: 450_000,
      sellerId: 'sel_1',
      sellerName: 'HTX Chè Tân Cương',
      sellerKind: 'cooperative',
      provinceId: 'thai-nguyen',
      provinceName: 'Thái Nguyên',
      certifications: ['vietgap', 'ocop'],
      inStock: false,
      status: 'sold_out',
      location: { lat: 21.5, lng: 105.7 },
      harvestedAt: null,
      createdAt: '2026-11-27T00:00:00.000Z',
      photo: media,
      delivery: { feeVnd: 30_000, freeOverVnd: 1_000_000 },
      distanceKm: 3.2,
    };
    expect(cardFromHit(hit)).toEqual({
      id: 'lst_1',
      title: 'Chè Tân Cương',
      priceVnd: 450_000,
      unit: { id: 'kg', vi: 'kg', en: 'kg' },
      isSoldOut: true,
      photo: expect.objectContaining({ src: '/m/400.webp', srcset: '/m/400.webp 400w, /m/800.webp 800w' }),
      sellerName: 'HTX Chè Tân Cương',
      provinceName: 'Thái Nguyên',
      certifications: [
        { type: 'vietgap', stars: null },
        { type: 'ocop', stars: null },
      ],
      distanceKm: 3.2,
      handover: { provinceName: 'Thái Nguyên', delivery: { feeVnd: 30_000, freeOverVnd: 1_000_000 } },
    });
    expect(cardFromHit({ ...hit, inStock: true, photo: null }).isSoldOut).toBe(false);
    // A document indexed before sellers' terms were says nothing rather than "pickup only".
    const { delivery: _, ...older } = hit;
    expect(cardFromHit(older).handover).toBeNull();
    expect(cardFromHit({ ...hit, delivery: null }).handover).toEqual({ provinceName: 'Thái Nguyên', delivery: null });
  });

  it('a seller’s own page never badges a certificate still waiting for an operator', () => {
    const cert = {
      sellerId: 'sel_1',
      certificateNumber: 'x',
      issuer: 'y',
      validFrom: '2026-01-01',
      validTo: '2028-01-01',
      verifiedAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    const listing = {
      id: 'lst_1',
      title: 'Chè',
      priceVnd: 1000,
      unit: { id: 'kg', vi: 'kg', en: 'kg' },
      availableStock: 0,
      seller: { province: { id: 'thai-nguyen', name: 'Thái Nguyên' }, delivery: null },
      photos: [],
      certifications: [
        { ...cert, id: 'crt_1', type: 'vietgap', stars: null, isVerified: false },
        { ...cert, id: 'crt_2', type: 'ocop', stars: 4, isVerified: true },
      ],
    } as unknown as Listing;
    expect(toCardView(listing)).toMatchObject({
      isSoldOut: true,
      sellerName: null,
      certifications: [{ type: 'ocop', stars: 4 }],
    });
  });
});

describe('navigation', () => {
  it('the search place is live and marked on its page', () => {
    expect(NAV_ITEMS.find((item) => item.id === 'search')?.href).toBe('/tim-kiem');
    expect(activeNav('/tim-kiem')).toBe('search');
  });
});

describe('estimated totals and a degraded engine (issue 21)', () => {
  const response = (over: Partial<SearchResponse>): SearchResponse => ({
    hits: [],
    total: 12_345,
    totalIsExact: false,
    page: 1,
    perPage: 20,
    facets: { category: { tea: 4_321 }, province: {}, certification: {} },
    facetsAreExact: false,
    tookMs: 3,
    degraded: true,
    ...over,
  });

  it('carries whether the total and the facet counts are estimates, and whether the fallback answered', () => {
    expect(toSearchView(response({}))).toMatchObject({ totalIsExact: false, facetsAreExact: false, degraded: true });
    expect(toSearchView(response({ totalIsExact: true, facetsAreExact: true, degraded: false }))).toMatchObject({
      totalIsExact: true,
      facetsAreExact: true,
      degraded: false,
    });
  });

  it('says an estimated total rounded down to its leading digit, never more than there are', () => {
    expect(roundedDownTotal(1_234)).toBe(1_000);
    expect(roundedDownTotal(56_789)).toBe(50_000);
    expect(roundedDownTotal(10_000)).toBe(10_000);
    expect(roundedDownTotal(99)).toBe(90);
    expect(roundedDownTotal(7)).toBe(7);
    expect(countIn(roundedDownTotal(1_234), 'vi')).toBe('1.000');
    expect(countIn(roundedDownTotal(1_234), 'en')).toBe('1,000');
    expect(countIn(1_234_567, 'en')).toBe('1,234,567');
  });

  it('marks the facet chips of an estimate', () => {
    const view = toSearchView(response({}));
    const [tea] = facetChips(filters({}), 'category', view.facets.category, !view.facetsAreExact);
    expect(tea).toMatchObject({ value: 'tea', count: 4_321, isApproximate: true });
    expect(facetChips(filters({}), 'category', { tea: 3 })[0]?.isApproximate).toBe(false);
  });
});
