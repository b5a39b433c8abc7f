// One search, run by the search page's server load (the page has no client of its own, decision
// 28; its script fetches the page again as the buyer types): the answer as the page shows it, with
// spelling hints when nothing is found. Types only from the contracts.
import type { SearchFacets, SearchResponse, SearchSuggestion } from '@nongsan/contracts';
import { cardFromHit, type ListingCardView } from '../listings/card-view.ts';
import {
  type FacetField,
  hintQueries,
  pageCount,
  type SearchFilters,
  searchHref,
  toApiQuery,
  toggleFacet,
} from './search-params.ts';

export type SearchView = {
  cards: ListingCardView[];
  total: number;
  page: number;
  perPage: number;
  pageCount: number;
  tookMs: number;
  /** false: `total` is the engine's estimate of a broad query ("khoảng 1.000+"). */
  totalIsExact: boolean;
  facets: SearchFacets;
  /** false: the facet counts are estimates too (shown as "≈"). */
  facetsAreExact: boolean;
  /** The fallback engine answered (Meilisearch is down): a quiet note, the results still stand. */
  degraded: boolean;
};

/** Why there are no results to show. */
export type SearchProblem =
  /** 422: the fields the API named (`maxPrice`, `province`, `sort`…), for a message about each. */
  | { kind: 'invalid'; fields: string[] }
  /** The API could not be reached or is overloaded: try again. */
  | { kind: 'unavailable' }
  | { kind: 'failed' };

export type SearchOutcome =
  | {
      ok: true;
      view: SearchView;
      /** Titles to suggest when nothing was found ("did you mean"); empty otherwise. */
      hints: string[];
    }
  | { ok: false; problem: SearchProblem };

export type SearchAnswer =
  | { ok: true; data: SearchResponse }
  | { ok: false; status: number; code: string; details: unknown };

/** How one side reaches the API. `suggest` answers [] when it fails: hints are a nicety. */
export type SearchPorts = {
  search(query: Record<string, string>): Promise<SearchAnswer>;
  suggest(q: string): Promise<SearchSuggestion[]>;
};

export const MAX_HINTS = 5;

export async function runSearch(filters: SearchFilters, ports: SearchPorts): Promise<SearchOutcome> {
  const answer = await ports.search(toApiQuery(filters));
  if (!answer.ok) return { ok: false, problem: problemOf(answer) };
  const view = toSearchView(answer.data);
  const hints = view.total === 0 && filters.q ? await findHints(filters.q, ports) : [];
  return { ok: true, view, hints };
}

export function toSearchView(response: SearchResponse): SearchView {
  return {
    cards: response.hits.map(cardFromHit),
    total: response.total,
    page: response.page,
    perPage: response.perPage,
    pageCount: pageCount(response.total, response.perPage),
    tookMs: Math.round(response.tookMs),
    totalIsExact: response.totalIsExact,
    facets: response.facets,
    facetsAreExact: response.facetsAreExact,
    degraded: response.degraded,
  };
}

/**
 * An estimated total as the page says it: rounded down to its leading digit (1.234 → 1.000,
 * 56.789 → 50.000), so "khoảng 1.000+" never promises more results than there are. Exact totals
 * are shown as they are.
 */
export function roundedDownTotal(total: number): number {
  if (total < 10) return total;
  const step = 10 ** Math.floor(Math.log10(total));
  return Math.floor(total / step) * step;
}

// One suggest call at a time, most specific query first; a search that found nothing is rare
// enough for the extra round trips.
async function findHints(q: string, ports: SearchPorts): Promise<string[]> {
  for (const candidate of hintQueries(q)) {
    const suggestions = await ports.suggest(candidate);
    if (suggestions.length > 0) return [...new Set(suggestions.map((s) => s.text))].slice(0, MAX_HINTS);
  }
  return [];
}

export function problemOf(answer: { status: number; code: string; details: unknown }): SearchProblem {
  if (answer.code === 'VALIDATION_FAILED') return { kind: 'invalid', fields: failingFields(answer.details) };
  if (
    answer.code === 'NETWORK' ||
    answer.code === 'SERVICE_UNAVAILABLE' ||
    answer.code === 'SEARCH_UNAVAILABLE' ||
    answer.status >= 500
  ) {
    return { kind: 'unavailable' };
  }
  return { kind: 'failed' };
}

function failingFields(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  const fields = details
    .map((d: unknown) => (typeof d === 'object' && d !== null && 'path' in d ? String(d.path).split('.')[0] : ''))
    .filter((field): field is string => Boolean(field));
  return [...new Set(fields)];
}

// Facet chips ---------------------------------------------------------------------------------

export type FacetChip = {
  value: string;
  count: number;
  /** The count is the engine's estimate (a broad query): shown as "≈ n". */
  isApproximate: boolean;
  isActive: boolean;
  href: string;
};

/**
 * The chips of one facet: counts are over the filtered result (the API's), the chosen value first
 * (with 0 when nothing matches, so it can still be removed), then the most common.
 */
export function facetChips(
  filters: SearchFilters,
  field: FacetField,
  counts: Record<string, number>,
  isApproximate = false,
): FacetChip[] {
  const active = filters[field];
  const chips = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([value, count]) => ({ value, count, isActive: value === active }));
  if (active !== null && !chips.some((chip) => chip.isActive)) chips.push({ value: active, count: 0, isActive: true });
  chips.sort((a, b) => Number(b.isActive) - Number(a.isActive) || b.count - a.count || a.value.localeCompare(b.value));
  return chips.map((chip) => ({ ...chip, isApproximate, href: searchHref(toggleFacet(filters, field, chip.value)) }));
}
