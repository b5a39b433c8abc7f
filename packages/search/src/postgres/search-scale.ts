// A broad text query ("chè" matches a tenth of the catalogue) read without reading every match:
// its page from a window of the sort key's most promising range, its total and facets estimated.
// Every other query is read whole and counted exactly. See docs/decisions/0023.
import type { SearchFacets, SearchQuery } from '@nongsan/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { SearchDb } from './search-db.ts';
import { type SearchRows, searchRows, type TextPlan } from './search-reads.repo.ts';
import { rowsOf } from './search-sql.ts';

export type ScaleOptions = {
  /**
   * The probe: a query matching at most this many listings is read whole in the same statement;
   * past it, how far into the table these first matches reached estimates how many there are.
   */
  probeMatches: number;
  /**
   * About how many matches the window is sized to hold. A query estimated at more than twice this
   * is broad (read from a window, counts estimated); below that, a window saves too little.
   */
  windowMatches: number;
  /** How long the planner's histograms of the sort keys are reused; they change only with ANALYZE. */
  histogramTtlMs: number;
};

// Reading a match costs a few µs (its heap row). A probe of 300 estimates a total within ~6 %, and
// adds at most 300 rows to a query read whole after it; a window of 1,000 serves a page and facets.
export const DEFAULT_SCALE: ScaleOptions = { probeMatches: 300, windowMatches: 1_000, histogramTtlMs: 300_000 };

export type ScaledRows = SearchRows & { totalIsExact: boolean; facetsAreExact: boolean };

type WindowKey = { column: 'created_at' | 'price_vnd'; from: 'top' | 'bottom' };

/**
 * The sort key a window can be cut along, or null when none can: the window must hold the first hits
 * of the order, so it runs along the order's own key (newest: the latest listings; relevance: also
 * the latest, its tie-break, checked below; price: the cheapest or dearest). Distance has no such key.
 */
function windowKey(query: SearchQuery): WindowKey | null {
  if (query.near) return null;
  switch (query.sort) {
    case 'relevance':
    case 'newest':
      return { column: 'created_at', from: 'top' };
    case 'price_asc':
      return { column: 'price_vnd', from: 'bottom' };
    case 'price_desc':
      return { column: 'price_vnd', from: 'top' };
    case 'distance':
      return null;
    default: {
      const unknown: never = query.sort;
      throw new Error(`unknown sort ${String(unknown)}`);
    }
  }
}

/**
 * The planner's histogram of a column (ANALYZE: ~100 buckets of equal row counts), read through a
 * short cache, or null where there is none (the embedded PGlite runs no ANALYZE: it reads whole).
 */
export function histograms(db: SearchDb, ttlMs: number) {
  const cache = new Map<string, { bounds: string[] | null; at: number }>();
  return async (column: WindowKey['column']): Promise<string[] | null> => {
    const cached = cache.get(column);
    if (cached && performance.now() - cached.at < ttlMs) return cached.bounds;
    const [row] = rowsOf<{ bounds: string | null }>(
      await db.execute(sql`SELECT histogram_bounds::text AS bounds FROM pg_stats
        WHERE schemaname = current_schema() AND tablename = 'search_documents' AND attname = ${column}`),
    );
    // `{"2026-10-01 02:00:00+00",…}` or `{1000,2000,…}`: no value holds a comma.
    const bounds = row?.bounds
      ? row.bounds
          .slice(1, -1)
          .split(',')
          .map((bound) => bound.replaceAll('"', ''))
      : null;
    cache.set(column, { bounds: bounds && bounds.length >= 3 ? bounds : null, at: performance.now() });
    return cache.get(column)?.bounds ?? null;
  };
}

/**
 * A text search's rows, exact unless it is broad. The probe (the first probeMatches + 1 matches in
 * heap order) is the whole read of a query matching fewer; otherwise how far into the table they
 * reached says about how many match. A query estimated at more than twice `windowMatches` reads only
 * the matches inside a window of the sort key holding about `windowMatches` of them. The page comes from the window only when no
 * match outside it could rank above its hits (the window holds a whole page of them; for relevance,
 * a whole page at the best score there is); otherwise the query is read whole after all. The total is
 * estimated from the probe, the facets are the window's counts scaled to it; both are marked so.
 */
export async function scaledSearchRows(
  db: SearchDb,
  query: SearchQuery,
  text: TextPlan,
  options: ScaleOptions,
  histogram: (column: WindowKey['column']) => Promise<string[] | null>,
): Promise<ScaledRows> {
  const exact = (rows: SearchRows): ScaledRows => ({ ...rows, totalIsExact: true, facetsAreExact: true });
  const key = windowKey(query);
  if (!key) return exact(await searchRows(db, query, text));

  const probed = await searchRows(db, query, text, { probeAbove: options.probeMatches });
  if (!probed.probe || probed.probe.matches <= options.probeMatches) return exact(probed);
  const { matches, lastBlock, blocks } = probed.probe;
  const estimated = Math.round((matches * Math.max(blocks, lastBlock + 1)) / (lastBlock + 1));

  const bounds = await histogram(key.column);
  const buckets = bounds ? bounds.length - 1 : 0;
  const taken = Math.ceil((options.windowMatches / estimated) * buckets);
  // A window of half the table or more saves too little over reading the matches whole.
  if (!bounds || taken * 2 >= buckets) return exact(await searchRows(db, query, text));
  const window: SQL =
    key.column === 'created_at'
      ? sql`d.created_at >= ${bounds[buckets - taken]}::timestamptz`
      : key.from === 'bottom'
        ? sql`d.price_vnd <= ${bounds[taken]}::int`
        : sql`d.price_vnd >= ${bounds[buckets - taken]}::int`;

  const windowed = await searchRows(db, query, text, { window });
  const pageEnd = query.page * query.perPage;
  const ranked = query.sort === 'relevance' ? (windowed.bestScored ?? 0) : windowed.total;
  if (ranked < pageEnd) return exact(await searchRows(db, query, text));
  return {
    hits: windowed.hits,
    total: Math.max(estimated, windowed.total),
    facets: scaleFacets(windowed.facets, windowed.total > 0 ? estimated / windowed.total : 1),
    totalIsExact: false,
    facetsAreExact: false,
  };
}

/** Counts scaled to the estimated total, rounded; a value seen in the window counts at least 1. */
export function scaleFacets(facets: SearchFacets, factor: number): SearchFacets {
  const scale = (counts: Record<string, number>) =>
    Object.fromEntries(Object.entries(counts).map(([value, n]) => [value, Math.max(1, Math.round(n * factor))]));
  return {
    category: scale(facets.category),
    province: scale(facets.province),
    certification: scale(facets.certification),
  };
}
