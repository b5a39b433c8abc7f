import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_PER_PAGE, SearchDocumentSchema, SearchQuerySchema, SuggestQuerySchema } from './search.ts';

const parse = (input: unknown) => SearchQuerySchema.safeParse(input);
const failedPaths = (input: unknown) => {
  const result = parse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.') || '(root)');
};

describe('SearchQuerySchema', () => {
  it('defaults to page 1 of 20 by relevance, and drops an empty q', () => {
    expect(SearchQuerySchema.parse({ q: '  ' })).toEqual({ q: undefined, sort: 'relevance', page: 1, perPage: 20 });
  });

  it('parses query-string values', () => {
    expect(
      SearchQuerySchema.parse({
        q: ' chè ',
        category: 'tea',
        province: 'tinh thai nguyen',
        certification: 'ocop',
        minPrice: '10000',
        maxPrice: '50000',
        inStock: 'true',
        near: '21.59, 105.85',
        radiusKm: '25',
        sort: 'distance',
        page: '2',
        perPage: '50',
      }),
    ).toEqual({
      q: 'chè',
      category: 'tea',
      province: 'thai-nguyen',
      certification: 'ocop',
      minPrice: 10_000,
      maxPrice: 50_000,
      inStock: true,
      near: { lat: 21.59, lng: 105.85 },
      radiusKm: 25,
      sort: 'distance',
      page: 2,
      perPage: 50,
    });
    expect(SearchQuerySchema.parse({ inStock: 'false' }).inStock).toBe(false);
    expect(SearchQuerySchema.parse({ inStock: false, near: { lat: 1, lng: 2 } }).near).toEqual({ lat: 1, lng: 2 });
  });

  it('maps a former province name to the province it is part of', () => {
    expect(SearchQuerySchema.parse({ province: 'Bắc Kạn' }).province).toBe('thai-nguyen');
  });

  it.each([
    [{ extra: 1 }, '(root)'],
    [{ category: 'cars' }, 'category'],
    [{ province: 'Atlantis' }, 'province'],
    [{ certification: 'iso9001' }, 'certification'],
    [{ minPrice: '-1' }, 'minPrice'],
    [{ minPrice: '1.5' }, 'minPrice'],
    [{ minPrice: 'cheap' }, 'minPrice'],
    [{ minPrice: 50, maxPrice: 10 }, 'maxPrice'],
    [{ inStock: 'yes please' }, 'inStock'],
    [{ near: '91,0' }, 'near'],
    [{ near: 'here' }, 'near'],
    [{ near: { lat: 1 } }, 'near'],
    [{ radiusKm: '5' }, 'near'],
    [{ near: '1,2', radiusKm: '0' }, 'radiusKm'],
    [{ sort: 'distance' }, 'near'],
    [{ sort: 'cheapest' }, 'sort'],
    [{ page: '0' }, 'page'],
    [{ perPage: String(MAX_SEARCH_PER_PAGE + 1) }, 'perPage'],
    [{ page: '201', perPage: '50' }, 'page'],
    [{ q: 'x'.repeat(201) }, 'q'],
    [{ q: 42 }, 'q'],
  ])('refuses %j (at %s)', (input, path) => {
    expect(failedPaths(input)).toContain(path);
  });
});

describe('SuggestQuerySchema', () => {
  it('needs some text and caps the limit', () => {
    expect(SuggestQuerySchema.parse({ q: 'xoà' })).toEqual({ q: 'xoà', limit: 5 });
    expect(SuggestQuerySchema.safeParse({ q: ' ' }).success).toBe(false);
    expect(SuggestQuerySchema.safeParse({ q: 'x', limit: '11' }).success).toBe(false);
    expect(SuggestQuerySchema.safeParse({ q: 'x', other: 1 }).success).toBe(false);
  });
});

describe('SearchDocumentSchema', () => {
  const valid = {
    id: 'lst_1',
    title: 'Chè Tân Cương',
    description: '',
    category: 'tea',
    unit: 'kg',
    priceVnd: 250_000,
    sellerId: 'sel_1',
    sellerName: 'HTX Chè',
    sellerKind: 'cooperative',
    provinceId: 'thai-nguyen',
    provinceName: 'Thái Nguyên',
    certifications: ['vietgap'],
    inStock: true,
    status: 'active',
    location: null,
    createdAt: '2026-10-01T02:00:00.000Z',
  };

  it('accepts a listing buyers can see', () => {
    expect(SearchDocumentSchema.parse(valid)).toMatchObject(valid);
  });

  it('refuses drafts and archived listings, which are deleted from the index instead', () => {
    expect(SearchDocumentSchema.safeParse({ ...valid, status: 'archived' }).success).toBe(false);
    expect(SearchDocumentSchema.safeParse({ ...valid, status: 'draft' }).success).toBe(false);
  });
});
