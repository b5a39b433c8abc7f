import { beforeAll, describe, expect, it } from 'vitest';
import { loadMessages, translate } from '../../web/src/lib/i18n/index.ts';
import {
  invalidFieldMessages,
  invalidPrices,
  priceLabel,
  removableFilters,
} from '../../web/src/lib/search/active-filters.ts';
import { EMPTY_FILTERS, type SearchFilters } from '../../web/src/lib/search/search-params.ts';

// The search page's filter logic (web/src/lib/search/active-filters.ts): which filters are in
// force and how each is dropped, wrong prices, and the API's refused fields.

beforeAll(() => loadMessages('vi', 'storefront'));

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('vi', key, params);
const words = {
  t,
  facetLabel: (field: string, value: string) => `${field}:${value}`,
  formatVnd: (vnd: number) => `${vnd} ₫`,
};
const f = (change: Partial<SearchFilters>): SearchFilters => ({ ...EMPTY_FILTERS, q: 'chè', ...change });

describe('removableFilters', () => {
  it('lists nothing when only words are searched', () => {
    expect(removableFilters(f({}), false, words)).toEqual([]);
  });

  it('each filter drops itself and keeps the rest (the words included)', () => {
    const list = removableFilters(
      f({ category: 'tea', province: '01', minPrice: { vnd: 20000 }, inStock: true }),
      false,
      words,
    );
    expect(list.map((r) => [r.key, r.label, r.inPanel])).toEqual([
      ['category', 'category:tea', false],
      ['province', 'province:01', true],
      ['price', t('search.priceFrom', { min: '20000 ₫' }), true],
      ['inStock', t('search.inStockOnly'), true],
    ]);
    const province = list.find((r) => r.key === 'province');
    expect(province?.href).toContain('category=tea');
    expect(province?.href).not.toContain('province=');
    expect(province?.href).toContain(`q=${encodeURIComponent('chè')}`);
  });

  it('the category is left out when its chip (with ✕) is already in the row', () => {
    const list = removableFilters(f({ category: 'tea' }), true, words);
    expect(list).toEqual([]);
  });

  it('near me, with or without a radius, is removable but not in the panel', () => {
    const near = removableFilters(f({ near: '21.03,105.85', radiusKm: '10' }), false, words);
    expect(near).toEqual([
      expect.objectContaining({ key: 'near', inPanel: false, label: expect.stringContaining('10') }),
    ]);
    expect(near[0]?.href).not.toContain('near=');
  });
});

describe('prices', () => {
  it('says a range, a floor or a ceiling; a wrong price is no filter', () => {
    expect(priceLabel({ vnd: 1 }, { vnd: 2 }, words)).toBe(t('search.priceBetween', { min: '1 ₫', max: '2 ₫' }));
    expect(priceLabel(null, { vnd: 2 }, words)).toBe(t('search.priceTo', { max: '2 ₫' }));
    expect(priceLabel({ invalid: 'abc' }, null, words)).toBeNull();
  });

  it('marks the wrong ones', () => {
    expect(invalidPrices(f({ minPrice: { invalid: 'abc' }, maxPrice: { vnd: 5 } }))).toEqual({ min: true, max: false });
  });
});

describe('invalidFieldMessages', () => {
  it('a message for each known field, in order; unknown ones are left out', () => {
    expect(invalidFieldMessages(['maxPrice', 'toString', 'sort'])).toEqual([
      { field: 'maxPrice', key: 'search.invalid.maxPrice' },
      { field: 'sort', key: 'search.invalid.sort' },
    ]);
  });
});
