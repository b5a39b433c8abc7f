// The search page keeps its whole state in its URL: a search can be shared, the back button
// works, and the page works as a plain GET form without JavaScript. The page URL uses the API's
// own parameter names (GET /api/v1/search), so what is in the address bar is what is asked.
// Isomorphic and free of zod: the server load, the page while typing and the unit tests use it.
import { parseWholeNumber } from '../numbers.ts';

export const SEARCH_PATH = '/tim-kiem';
export const SEARCH_PER_PAGE = 20;
/** The API's MAX_SEARCH_WINDOW (a unit test keeps them equal): hits beyond it cannot be paged to. */
export const SEARCH_WINDOW = 10_000;
export const SEARCH_SORTS = ['relevance', 'price_asc', 'price_desc', 'newest', 'distance'] as const;
export type SearchSortChoice = (typeof SEARCH_SORTS)[number];
export const RADIUS_CHOICES_KM = [5, 10, 25, 50, 100] as const;

/** A price bound: a whole number of đồng, or the text typed when it is not one (shown back to fix). */
export type PriceFilter = { vnd: number } | { invalid: string } | null;

export type FacetField = 'category' | 'province' | 'certification';

export type SearchFilters = {
  q: string;
  category: string | null;
  province: string | null;
  certification: string | null;
  minPrice: PriceFilter;
  maxPrice: PriceFilter;
  /** true: in stock only; false: sold out only; null: both. */
  inStock: boolean | null;
  /** Only sellers who deliver ("Giao tận nơi"); false: every seller (pickup is always offered). */
  delivers: boolean;
  /** "lat,lng" as the API takes it. */
  near: string | null;
  radiusKm: string | null;
  /**
   * As given: a hand-edited URL may carry a sort the API does not know, and the API's 422 is what
   * the page explains. The select shows `relevance` for it.
   */
  sort: string;
  page: number;
};

export const EMPTY_FILTERS: SearchFilters = Object.freeze({
  q: '',
  category: null,
  province: null,
  certification: null,
  minPrice: null,
  maxPrice: null,
  inStock: null,
  delivers: false,
  near: null,
  radiusKm: null,
  sort: 'relevance',
  page: 1,
});

const MAX_QUERY_CHARS = 200;

function text(params: URLSearchParams, name: string): string | null {
  const value = params.get(name)?.trim();
  return value ? value : null;
}

/** The filters in a URL's query (or a submitted form's fields: the same names). */
export function parseSearchParams(params: URLSearchParams): SearchFilters {
  const inStock = params.get('inStock');
  const page = params.get('page')?.trim() ?? '';
  return {
    // Spaces collapsed; over-long text is cut rather than refused: it is only ever a search.
    q: (params.get('q') ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_CHARS),
    category: text(params, 'category'),
    province: text(params, 'province'),
    certification: text(params, 'certification'),
    minPrice: readPrice(params.get('minPrice')),
    maxPrice: readPrice(params.get('maxPrice')),
    // A checkbox sends "true" (its value) or, in some hand-made forms, "on".
    inStock:
      inStock === 'true' || inStock === '1' || inStock === 'on'
        ? true
        : inStock === 'false' || inStock === '0'
          ? false
          : null,
    delivers: ['true', '1', 'on'].includes(params.get('delivers') ?? ''),
    near: text(params, 'near'),
    radiusKm: text(params, 'radiusKm'),
    sort: text(params, 'sort') ?? 'relevance',
    // A page that is not a number is the first page; a page too deep is the API's to refuse.
    page: /^\d{1,6}$/.test(page) && Number(page) >= 1 ? Number(page) : 1,
  };
}

/** The canonical query string: empty and default values left out, always in the same order. */
export function toSearchParams(filters: SearchFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.category) params.set('category', filters.category);
  if (filters.province) params.set('province', filters.province);
  if (filters.certification) params.set('certification', filters.certification);
  const min = priceParam(filters.minPrice);
  if (min) params.set('minPrice', min);
  const max = priceParam(filters.maxPrice);
  if (max) params.set('maxPrice', max);
  if (filters.inStock !== null) params.set('inStock', String(filters.inStock));
  if (filters.delivers) params.set('delivers', 'true');
  if (filters.near) params.set('near', filters.near);
  if (filters.radiusKm) params.set('radiusKm', filters.radiusKm);
  if (filters.sort !== 'relevance') params.set('sort', filters.sort);
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

/** The search page's address for these filters. */
export function searchHref(filters: SearchFilters): string {
  const query = toSearchParams(filters).toString();
  return query ? `${SEARCH_PATH}?${query}` : SEARCH_PATH;
}

/**
 * What GET /api/v1/search is asked. A price that could not be read is left out (the page shows
 * it next to its field instead); everything else is passed on for the API to judge.
 */
export function toApiQuery(filters: SearchFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of toSearchParams(filters)) {
    if ((name === 'minPrice' || name === 'maxPrice') && !isVnd(filters[name])) continue;
    query[name] = value;
  }
  query.perPage = String(SEARCH_PER_PAGE);
  return query;
}

function isVnd(price: PriceFilter): price is { vnd: number } {
  return price !== null && 'vnd' in price;
}

function priceParam(price: PriceFilter): string | null {
  if (price === null) return null;
  return 'vnd' in price ? String(price.vnd) : price.invalid;
}

// Changing anything but the page starts again from page 1.
export function withFilters(filters: SearchFilters, change: Partial<SearchFilters>): SearchFilters {
  return { ...filters, page: 1, ...change };
}

/** A facet chip's link: chooses the value, or drops it when it is the one chosen. */
export function toggleFacet(filters: SearchFilters, field: FacetField, value: string): SearchFilters {
  return withFilters(filters, { [field]: filters[field] === value ? null : value });
}

/**
 * No longer near the person: the place, its radius and the distance sort go. (Near me itself is
 * set by the storefront's script, web/static/enhance.js: two decimals, about 1 km, plenty for a
 * distance in km, so the URL can be shared without giving away the house.)
 */
export function withoutNear(filters: SearchFilters): SearchFilters {
  return withFilters(filters, {
    near: null,
    radiusKm: null,
    sort: filters.sort === 'distance' ? 'relevance' : filters.sort,
  });
}

/** Every filter dropped; the words and the order stay (distance only while a place is known). */
export function withoutFilters(filters: SearchFilters): SearchFilters {
  return { ...EMPTY_FILTERS, q: filters.q, sort: filters.sort === 'distance' ? 'relevance' : filters.sort };
}

export function hasFilters(filters: SearchFilters): boolean {
  return (
    filters.category !== null ||
    filters.province !== null ||
    filters.certification !== null ||
    filters.minPrice !== null ||
    filters.maxPrice !== null ||
    filters.inStock !== null ||
    filters.delivers ||
    filters.near !== null ||
    filters.radiusKm !== null
  );
}

/** The sort the select shows: an unknown one shows as the default. */
export function sortChoice(sort: string): SearchSortChoice {
  return (SEARCH_SORTS as readonly string[]).includes(sort) ? (sort as SearchSortChoice) : 'relevance';
}

// Prices ------------------------------------------------------------------------------------

const MULTIPLIERS: Record<string, number> = { k: 1_000, nghìn: 1_000, ngàn: 1_000, tr: 1_000_000, triệu: 1_000_000 };
const UNIT = '(k|nghìn|ngàn|tr|triệu)';
/** "45k", "1,5tr", "1.250 nghìn", "2 triệu". */
const WITH_UNIT = new RegExp(`^(\\d{1,9})(?:[.,](\\d{1,3}))?\\s*${UNIT}$`);
/** "1tr2" (1,2 triệu), "2k5" (2.500): the way prices are said at the market. */
const SPOKEN = new RegExp(`^(\\d{1,9})\\s*${UNIT}\\s*(\\d{1,3})$`);

/**
 * A price as a buyer types it, in đồng: "45.000", "45 000 ₫", "45k", "1,5tr", "1tr2". Null when it
 * is not a whole number of đồng. After a unit, a separator before exactly three digits groups
 * thousands ("1.250k" is 1.250.000 ₫); before one or two digits it is a decimal ("1,5tr").
 */
export function parsePriceText(input: string): number | null {
  const value = input
    .trim()
    .toLowerCase()
    .replace(/\u00a0/g, ' ');
  const withUnit = WITH_UNIT.exec(value);
  if (withUnit) {
    const [, whole = '', part = '', unit = ''] = withUnit;
    return scaled(whole, part, MULTIPLIERS[unit] ?? 1, part.length === 3);
  }
  const spoken = SPOKEN.exec(value);
  if (spoken) {
    const [, whole = '', unit = '', part = ''] = spoken;
    return scaled(whole, part, MULTIPLIERS[unit] ?? 1, false);
  }
  return parseWholeNumber(input);
}

function scaled(whole: string, part: string, multiplier: number, partIsThousands: boolean): number | null {
  if (partIsThousands) {
    const amount = Number(whole + part) * multiplier;
    return Number.isSafeInteger(amount) ? amount : null;
  }
  // In whole đồng: "1,5tr" is (15 × 1.000.000) / 10, exact in integers.
  const scale = 10 ** part.length;
  const numerator = Number(whole + part) * multiplier;
  if (!Number.isSafeInteger(numerator) || numerator % scale !== 0) return null;
  return numerator / scale;
}

function readPrice(raw: string | null): PriceFilter {
  const typed = raw?.trim();
  if (!typed) return null;
  const vnd = parsePriceText(typed);
  return vnd === null ? { invalid: typed.slice(0, 40) } : { vnd };
}

/** "45.000": what a price field shows (the ₫ is beside the field). */
export function priceFieldText(price: PriceFilter): string {
  if (price === null) return '';
  return 'vnd' in price ? groupThousands(price.vnd) : price.invalid;
}

export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A count as the reader writes it: 1.000 in Vietnamese, 1,000 in English. */
export function countIn(n: number, locale: 'vi' | 'en'): string {
  return locale === 'en' ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : groupThousands(n);
}

// Display -----------------------------------------------------------------------------------

/** "2,4 km" in Vietnamese, "2.4 km" in English; whole km from 10 km on. */
export function formatKm(km: number, locale: 'vi' | 'en'): string {
  const text = km < 10 ? km.toFixed(1) : String(Math.round(km));
  return `${locale === 'vi' ? text.replace('.', ',') : text}\u00a0km`;
}

/** Pages reachable for a total (the API pages through the first SEARCH_WINDOW hits only). */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.min(Math.ceil(total / perPage), Math.floor(SEARCH_WINDOW / perPage)));
}

/**
 * The page links to show: the first, the last, and the current one with its neighbours; null
 * marks a gap ("…"). A gap of one page shows that page instead.
 */
export function pageLinks(page: number, count: number): (number | null)[] {
  const shown = new Set([1, count, page - 1, page, page + 1].filter((n) => n >= 1 && n <= count));
  const sorted = [...shown].sort((a, b) => a - b);
  const links: (number | null)[] = [];
  for (const n of sorted) {
    const previous = links.at(-1);
    if (typeof previous === 'number' && n - previous === 2) links.push(n - 1);
    else if (typeof previous === 'number' && n - previous > 2) links.push(null);
    links.push(n);
  }
  return links;
}

// Empty results -----------------------------------------------------------------------------

export const MAX_HINT_QUERIES = 4;

/**
 * What to ask /search/suggest when a search finds nothing, most specific first: the whole text,
 * then shorter and shorter beginnings ("mat ogn" → "mat" finds "Mật ong…"), then later words on
 * their own. The first that suggests anything gives the "did you mean" links.
 */
export function hintQueries(q: string): string[] {
  const words = q.trim().split(/\s+/).filter(Boolean);
  const candidates: string[] = [];
  for (let n = words.length; n >= 1; n--) candidates.push(words.slice(0, n).join(' '));
  candidates.push(...words.slice(1));
  return [...new Set(candidates)].filter((c) => c.length >= 2).slice(0, MAX_HINT_QUERIES);
}
