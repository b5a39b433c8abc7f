// What the search page says about the filters in force: the removable chips ("Đang lọc: … ✕"),
// how many of them sit in the filter panel, which typed prices are wrong, and a message for each
// field the API refused. Pure: the page gives it the words (labels and the translator).
import type { MessageKey, Translate } from '../i18n/index.ts';
import {
  type FacetField,
  type PriceFilter,
  type SearchFilters,
  searchHref,
  withFilters,
  withoutNear,
} from './search-params.ts';

/** One filter in force, with the link that drops it. `inPanel`: set from the filter panel. */
export type Removable = { key: string; label: string; href: string; inPanel: boolean };

export type FilterWords = {
  t: Translate;
  /** A facet value's name (a category, a province, a certificate) in the reader's language. */
  facetLabel: (field: FacetField, value: string) => string;
  /** đồng as the storefront writes them ("45.000 ₫"). */
  formatVnd: (vnd: number) => string;
};

const FACET_FIELDS = ['category', 'province', 'certification'] as const;

/** "Từ 20.000 ₫", "Đến 50.000 ₫", "20.000 ₫ – 50.000 ₫", or null; a wrong price is not a filter. */
export function priceLabel(min: PriceFilter, max: PriceFilter, words: Pick<FilterWords, 't' | 'formatVnd'>) {
  const from = min && 'vnd' in min ? words.formatVnd(min.vnd) : null;
  const to = max && 'vnd' in max ? words.formatVnd(max.vnd) : null;
  if (from && to) return words.t('search.priceBetween', { min: from, max: to });
  if (from) return words.t('search.priceFrom', { min: from });
  if (to) return words.t('search.priceTo', { max: to });
  return null;
}

/**
 * The filters in force, each with its ✕ link. The chosen category is already a chip (with its ✕)
 * in the row above the panel, unless no category chips could be shown (`categoryChipsShown`).
 */
export function removableFilters(f: SearchFilters, categoryChipsShown: boolean, words: FilterWords): Removable[] {
  const { t } = words;
  const list: Removable[] = [];
  const fields = categoryChipsShown ? (['province', 'certification'] as const) : FACET_FIELDS;
  for (const field of fields) {
    const value = f[field];
    if (value) {
      list.push({
        key: field,
        label: words.facetLabel(field, value),
        href: searchHref(withFilters(f, { [field]: null })),
        inPanel: field !== 'category',
      });
    }
  }
  const price = priceLabel(f.minPrice, f.maxPrice, words);
  if (price) {
    list.push({
      key: 'price',
      label: price,
      href: searchHref(withFilters(f, { minPrice: null, maxPrice: null })),
      inPanel: true,
    });
  }
  if (f.inStock !== null) {
    list.push({
      key: 'inStock',
      label: t(f.inStock ? 'search.inStockOnly' : 'search.soldOutOnly'),
      href: searchHref(withFilters(f, { inStock: null })),
      inPanel: true,
    });
  }
  if (f.delivers) {
    list.push({
      key: 'delivers',
      label: t('search.delivers'),
      href: searchHref(withFilters(f, { delivers: false })),
      inPanel: true,
    });
  }
  if (f.near) {
    list.push({
      key: 'near',
      label: f.radiusKm ? t('search.nearWithin', { km: t('search.radiusKm', { n: f.radiusKm }) }) : t('search.near'),
      href: searchHref(withoutNear(f)),
      inPanel: false,
    });
  }
  return list;
}

/** Typed prices that are not prices: shown back in their fields with a message, not sent. */
export function invalidPrices(f: SearchFilters): { min: boolean; max: boolean } {
  return {
    min: f.minPrice !== null && 'invalid' in f.minPrice,
    max: f.maxPrice !== null && 'invalid' in f.maxPrice,
  };
}

const INVALID_FIELDS: Readonly<Record<string, MessageKey>> = {
  minPrice: 'search.invalid.minPrice',
  maxPrice: 'search.invalid.maxPrice',
  province: 'search.invalid.province',
  category: 'search.invalid.category',
  certification: 'search.invalid.certification',
  sort: 'search.invalid.sort',
  near: 'search.invalid.near',
  radiusKm: 'search.invalid.radiusKm',
  page: 'search.invalid.page',
  q: 'search.invalid.q',
};

/** A message for each field the API's 422 named, in its order; fields it does not know are left out. */
export function invalidFieldMessages(fields: readonly string[]): { field: string; key: MessageKey }[] {
  return fields.flatMap((field) => {
    const key = Object.hasOwn(INVALID_FIELDS, field) ? INVALID_FIELDS[field] : undefined;
    return key ? [{ field, key }] : [];
  });
}
