// A broad text query ("chè" matches a tenth of the catalogue) read without reading every match:
// its page from a window of the sort key's most promising range, its total and facets estimated.
// Every other query is read whole and counted exactly. See docs/decisions/0023.
import type { SearchFacets, SearchQuery } from '@nongsan/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { SearchDb } from './search-db.ts';
import { type ProbedRows, type SearchRows, searchRows, type TextPlan } from './search-reads.repo.ts';
import { json, rowsOf } from './search-sql.ts';

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
// adds at most 300 rows to a query read whole after it; a window of 500 serves a page and facets
// (1,000 read twice the rows at a million listings for facet estimates hardly closer).
export const DEFAULT_SCALE: ScaleOptions = { probeMatches: 300, windowMatches: 500, histogramTtlMs: 300_000 };

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
  const cache = new Map<string, { histogram: Histogram | null; at: number }>();
  return async (column: WindowKey['column']): Promise<Histogram | null> => {
    const cached = cache.get(column);
    if (cached && performance.now() - cached.at < ttlMs) return cached.histogram;
    // Bounds as numbers: creation times as epoch seconds, as the probe gives them.
    const bounds =
      column === 'created_at'
        ? sql`(SELECT json_agg(extract(epoch FROM b)::float8) FROM unnest(s.histogram_bounds::text::timestamptz[]) b)`
        : sql`(SELECT json_agg(b) FROM unnest(s.histogram_bounds::text::int[]) b)`;
    // Values ANALYZE found common (prices are round: 25,000 đồng is a fifth of the vegetables) are
    // left out of the histogram, which then spreads only the other rows.
    const commonValues =
      column === 'created_at'
        ? sql`(SELECT json_agg(json_build_array(extract(epoch FROM v)::float8, f))
            FROM unnest(s.most_common_vals::text::timestamptz[], s.most_common_freqs) AS x(v, f))`
        : sql`(SELECT json_agg(json_build_array(v, f))
            FROM unnest(s.most_common_vals::text::int[], s.most_common_freqs) AS x(v, f))`;
    const [row] = rowsOf<{ bounds: unknown; common: unknown; rows: number | null }>(
      await db.execute(sql`SELECT ${bounds} AS bounds, ${commonValues} AS common, c.reltuples::float8 AS rows
        FROM pg_class c
        LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = 'search_documents' AND s.attname = ${column}
        WHERE c.oid = 'search_documents'::regclass`),
    );
    const parsed = (json<number[] | null>(row?.bounds) ?? []).map(Number);
    const common = (json<[number, number][] | null>(row?.common) ?? []).map(
      ([value, share]) => [Number(value), Number(share)] as const,
    );
    const histogram = parsed.length >= 3 ? { bounds: parsed, common, rows: Math.max(0, Number(row?.rows ?? 0)) } : null;
    cache.set(column, { histogram, at: performance.now() });
    return histogram;
  };
}

/** A sort key's histogram bounds (equal row counts between them) and the table's rows when analysed. */
export type Histogram = {
  bounds: number[];
  /** The most common values and the share of rows holding each, which the bounds leave out. */
  common: (readonly [value: number, share: number])[];
  rows: number;
};

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
  histogram: (column: WindowKey['column']) => Promise<Histogram | null>,
): Promise<ScaledRows> {
  const exact = (rows: SearchRows): ScaledRows => ({ ...rows, totalIsExact: true, facetsAreExact: true });
  const key = windowKey(query);
  if (!key) return exact(await searchRows(db, query, text));

  const probed = await searchRows(db, query, text, { probeAbove: options.probeMatches });
  if (!probed.probe || probed.probe.matches <= options.probeMatches) return exact(probed);
  const probe = probed.probe;
  const { matches, lastBlock, blocks } = probe;
  const estimated = Math.round((matches * Math.max(blocks, lastBlock + 1)) / (lastBlock + 1));

  // PGlite runs no ANALYZE: without the table's histogram a window cannot be sized against the
  // table, and its catalogues are small: read whole.
  const stats = await histogram(key.column);
  if (!stats) return exact(await searchRows(db, query, text));
  const pageEnd = query.page * query.perPage;
  // Where along the key the matches lie. Creation time: as the table's rows do (what is listed
  // does not depend on when), read from the planner's histogram; the probe's matches would not do,
  // as they are the first in heap order, which follows creation. Price: as the probe's matches do
  // (they are a sample of the matches in heap order, which does not follow price), since price
  // depends on the text: teas are dear and vegetables cheap, the table's spread says nothing of them.
  const buckets = stats.bounds.length - 1;
  const sample = key.from === 'bottom' ? probe.cheapest : [...probe.cheapest].reverse();
  const boundFor = (wanted: number): number | undefined => {
    if (key.column === 'created_at') {
      const taken = Math.ceil((wanted / estimated) * buckets);
      return taken * 2 >= buckets ? undefined : stats.bounds[buckets - taken];
    }
    const k = Math.ceil((wanted / estimated) * sample.length);
    return k * 2 >= sample.length ? undefined : sample[k - 1];
  };
  // Sized to hold the page's end twice over (a deep page of a broad query needs more than the first
  // windowMatches); when the window still holds too few of the best-ranked hits, once more at eight
  // times the size before reading the query whole.
  let windowed: ProbedRows | null = null;
  for (const growth of [1, 8]) {
    const bound = boundFor(growth * Math.max(options.windowMatches, 2 * pageEnd));
    // A window of half the matches or more saves too little over reading them whole.
    if (bound === undefined) return exact(await searchRows(db, query, text));
    const window: SQL =
      key.column === 'created_at'
        ? sql`d.created_at >= to_timestamp(${bound}::float8)`
        : key.from === 'bottom'
          ? sql`d.price_vnd <= ${bound}::int`
          : sql`d.price_vnd >= ${bound}::int`;
    // The share of the whole table inside the window, from the planner's histogram (equal row
    // counts between bounds).
    const isInside = (value: number) =>
      key.column === 'created_at' || key.from === 'top' ? value >= bound : value <= bound;
    const commonShare = stats.common.reduce((sum, [, share]) => sum + share, 0);
    const share =
      stats.common.reduce((sum, [value, part]) => sum + (isInside(value) ? part : 0), 0) +
      (1 - commonShare) * (stats.bounds.filter(isInside).length / buckets);
    // A narrow window holding fewer rows than the text matches is read along the sort key's
    // B-tree, not from the matches: at a million listings a word matching 100,000 has ~5,000 rows
    // in its window, ~500 of them matches (measured at load 20: 33 ms instead of 275 ms). Only up
    // to 1 % of the table: past that, told not to use the GIN index, the planner may scan the whole
    // table rather than the range (a price window of 8 %: 840 ms, against 620 ms from the matches).
    const byKey = share <= 0.01 && share * stats.rows < estimated;
    const rows = await searchRows(db, query, text, { window, byKey });
    const ranked = query.sort === 'relevance' ? (rows.bestScored ?? 0) : rows.total;
    if (ranked >= pageEnd) {
      windowed = rows;
      break;
    }
  }
  if (!windowed) return exact(await searchRows(db, query, text));
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
