// Reads of the PostgreSQL engine's index for GET /search: a page of hits, the total and the facets.
import type { SearchFacets, SearchQuery } from '@nongsan/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { CERTIFICATION_BITS } from '../certification-bits.ts';
import { EARTH_RADIUS_KM } from '../search-text.ts';
import type { SearchDb } from './search-db.ts';
import { json, rowsOf, textArray } from './search-sql.ts';

export type TextPlan = {
  /** A document must match this (tsquery text) to be a hit; matched against title_vector, a title match. */
  match: string;
  /** `match` with every term in the title or the category's names (weights A, B). */
  matchTitleOrCategory: string;
  /** `match` with every term in the listing's own text: title, category, description, unit (A, B, C). */
  matchOwnText: string;
  /** Any one word of the query: a title holding it earns points (see anyWordQuery); null for one word. */
  anyWord: string | null;
  /** Every word as typed. */
  typed: string;
  /** Any one word as typed in the title or the category's names (aboutQuery). */
  about: string;
  /** Words the buyer wrote with diacritics, lower-cased NFC. */
  marked: string[];
  /** No synonym, typo correction or prefix: `match` and `typed` are the same query. */
  isTypedOnly: boolean;
};

export type SearchRows = {
  total: number;
  facets: SearchFacets;
  hits: { payload: unknown; distanceKm: number | null }[];
};

/**
 * How searchRows reads a broad query (search-scale.ts): `probeAbove` reads the first that many + 1
 * matches only, and reads no more when there are more (`probe` then says how many and where the last
 * lay); `window` keeps only the matches within a range of the sort key, and counts those holding the
 * best score relevance can give.
 */
export type ReadPlan = {
  probeAbove?: number;
  window?: SQL;
  /**
   * Read the window along its sort key's B-tree, testing the text on each row, instead of reading
   * every text match (GIN bitmap) and keeping those inside: fewer heap rows when the range is narrow.
   */
  byKey?: boolean;
};

export type ProbedRows = SearchRows & {
  /**
   * With probeAbove: the matches read (at most probeAbove + 1), the heap block of the last, the
   * table's blocks, and the sort keys of the matches read (creation times as epoch seconds, newest
   * first; prices, cheapest first): a sample of where the query's matches lie along each key.
   */
  probe: { matches: number; lastBlock: number; blocks: number; newest: number[]; cheapest: number[] } | null;
  /** With window: the hits within it that have the best possible relevance score. */
  bestScored: number | null;
};

/**
 * The total and the three facets, summed in SQL from facet combinations `(category, province_id,
 * certification_mask, n)`, so a few dozen numbers travel instead of every combination.
 */
function facetsOf(combinations: SQL): SQL {
  const certifications = sql.join(
    Object.entries(CERTIFICATION_BITS).map(
      ([type, bit]) =>
        sql`${type}::text, (SELECT sum(n)::int FROM g WHERE (g.certification_mask & ${bit}::smallint) <> 0)`,
    ),
    sql`, `,
  );
  return sql`(WITH g AS MATERIALIZED (${combinations})
    SELECT jsonb_build_object(
      'total', (SELECT coalesce(sum(n), 0)::int FROM g),
      'category', (SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM (SELECT category AS k, sum(n)::int AS n FROM g GROUP BY 1) x),
      'province', (SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM (SELECT province_id AS k, sum(n)::int AS n FROM g GROUP BY 1) x),
      'certification', jsonb_strip_nulls(jsonb_build_object(${certifications}))))`;
}

function filterConditions(query: SearchQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.category) conditions.push(sql`d.category = ${query.category}`);
  if (query.province) conditions.push(sql`d.province_id = ${query.province}`);
  if (query.certification) {
    conditions.push(sql`(d.certification_mask & ${CERTIFICATION_BITS[query.certification]}::smallint) <> 0`);
  }
  if (query.inStock !== undefined) conditions.push(sql`d.in_stock = ${query.inStock}`);
  return conditions;
}

const and = (conditions: SQL[]) => (conditions.length > 0 ? sql.join(conditions, sql` AND `) : sql`true`);

/**
 * Browsing (no text, price or place): the counts come from search_facet_counts, the page from an
 * index on the sort column. Nothing here grows with the number of matching documents.
 */
export async function browseRows(db: SearchDb, query: SearchQuery): Promise<SearchRows> {
  const filters = and(filterConditions(query));
  const sort = query.sort === 'relevance' ? 'newest' : query.sort;
  const result = await db.execute(sql`
    SELECT
      ${facetsOf(sql`SELECT d.category, d.province_id, d.certification_mask, d.documents AS n
                     FROM search_facet_counts d WHERE ${filters} AND d.documents > 0`)} AS facets,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('payload', p.payload, 'distanceKm', NULL) ORDER BY ${orderBy(sort, 'm')}), '[]'::jsonb)
         FROM (SELECT d.id, d.price_vnd, d.created_at FROM search_documents d WHERE ${filters}
               ORDER BY ${orderBy(sort, 'd')} LIMIT ${query.perPage}::int OFFSET ${(query.page - 1) * query.perPage}::int) m
         JOIN search_document_payloads p ON p.id = m.id) AS hits`);
  return searchRowsOf(result);
}

/**
 * Any other search, in one statement: the matching rows read once (MATERIALIZED, narrow columns),
 * counted by facet combination, and the page joined to its payloads. (Two statements on two
 * connections were measured too: no faster on two busy cores, and twice the reading.)
 *
 * Relevance (docs/decisions/0022-search-relevance.md), highest first:
 * 1. the tier: every word as typed and at least one of them in the title or the category's names
 *    (the listing is about it, not only sold by a farm named so), with every word the buyer wrote
 *    with diacritics in the title above (`đường` ranks sugar above `dương` ferns); then every other
 *    hit (synonyms, English names, typos, and words found only in the seller's name or place);
 * 2. inside a tier, where the words were found: the title holding every word, some of them (the
 *    others in the category, the description, or the seller and place, in that order), then every
 *    word in the category, the description, the seller and place;
 * 3. newest first.
 * Term-frequency ranking (ts_rank) was measured and dropped: it reads every matching vector again,
 * and listing titles are too short for frequencies to say much.
 */
export async function searchRows(
  db: SearchDb,
  query: SearchQuery,
  text: TextPlan | null,
  plan: ReadPlan = {},
): Promise<ProbedRows> {
  const conditions = filterConditions(query);
  if (text) conditions.unshift(sql`d.search_vector @@ to_tsquery('simple', ${text.match})`);
  if (query.delivers) conditions.push(sql`d.offers_delivery`);
  if (query.minPrice !== undefined) conditions.push(sql`d.price_vnd >= ${query.minPrice}::int`);
  if (query.maxPrice !== undefined) conditions.push(sql`d.price_vnd <= ${query.maxPrice}::int`);

  const near = query.near;
  // Haversine, as search-text.ts distanceKm. least() clamps rounding just above 1; it also skips
  // NULLs, hence the explicit NULL for a listing without a place.
  const distance = near
    ? sql`(CASE WHEN d.lat IS NULL THEN NULL ELSE 2 * ${EARTH_RADIUS_KM}::float8 * asin(least(1, sqrt(
        power(sin(radians(d.lat - ${near.lat}::float8) / 2), 2)
        + cos(radians(${near.lat}::float8)) * cos(radians(d.lat)) * power(sin(radians(d.lng - ${near.lng}::float8) / 2), 2)))) END)`
    : sql`NULL::float8`;
  if (near && query.radiusKm !== undefined) {
    // Bounding box first (indexed, cheap), exact distance after. A degree of latitude is ~111.2 km; a
    // degree of longitude shrinks with cos(latitude). Near a pole or across the antimeridian the box
    // would be wrong, so it is left out there and only the exact test applies.
    const latDelta = query.radiusKm / 111.19;
    conditions.push(sql`d.lat BETWEEN ${near.lat - latDelta}::float8 AND ${near.lat + latDelta}::float8`);
    const cosLat = Math.cos((Math.min(90, Math.abs(near.lat) + latDelta) * Math.PI) / 180);
    const lngDelta = cosLat > 0.01 ? query.radiusKm / (111.19 * cosLat) : Number.POSITIVE_INFINITY;
    if (near.lng - lngDelta > -180 && near.lng + lngDelta < 180) {
      conditions.push(sql`d.lng BETWEEN ${near.lng - lngDelta}::float8 AND ${near.lng + lngDelta}::float8`);
    }
    conditions.push(sql`${distance} <= ${query.radiusKm}::float8`);
  }

  // Only relevance reads the score; the other sorts skip evaluating it on every matching row.
  const score = text && query.sort === 'relevance' ? relevanceScore(text) : sql`0`;
  const sort = query.sort === 'relevance' && !text ? 'newest' : query.sort;
  const where = and(conditions);

  // The probe reads the first matches in heap order and stops; the full read below runs only when
  // the probe found them all (a one-time filter: PostgreSQL does not start the scan otherwise).
  const probeAbove = plan.probeAbove;
  const probe =
    probeAbove === undefined
      ? sql``
      : sql`probe_rows AS MATERIALIZED (SELECT d.ctid, d.created_at, d.price_vnd FROM search_documents d WHERE ${where} LIMIT ${probeAbove + 1}::int),`;
  const gate = probeAbove === undefined ? sql`` : sql` AND (SELECT count(*) FROM probe_rows) <= ${probeAbove}::int`;
  const window = plan.window ? sql` AND ${plan.window}` : sql``;
  const probeColumns =
    probeAbove === undefined
      ? sql``
      : sql`, (SELECT count(*)::int FROM probe_rows) AS probed,
             (SELECT max((ctid::text::point)[0])::int FROM probe_rows) AS last_block,
             (SELECT json_agg(extract(epoch FROM created_at)::float8 ORDER BY created_at DESC) FROM probe_rows) AS newest,
             (SELECT json_agg(price_vnd ORDER BY price_vnd) FROM probe_rows) AS cheapest,
             (pg_relation_size('search_documents') / current_setting('block_size')::int)::int AS blocks`;
  const bestColumn =
    plan.window && text
      ? sql`, (SELECT count(*)::int FROM m WHERE m.score >= ${bestScore(text)}::int) AS best_scored`
      : sql``;

  const statement = sql`
    WITH ${probe} m AS MATERIALIZED (
      SELECT d.id, d.facet_id, d.price_vnd, d.created_at, ${distance} AS distance_km, ${score} AS score
      FROM search_documents d
      WHERE ${where}${window}${gate}
    )
    SELECT
      ${facetsOf(sql`SELECT c.category, c.province_id, c.certification_mask, g.n
                     FROM (SELECT facet_id, count(*) AS n FROM m GROUP BY 1) g
                     JOIN search_facet_counts c ON c.id = g.facet_id`)} AS facets,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('payload', p.payload, 'distanceKm', m.distance_km) ORDER BY ${orderBy(sort, 'm')}), '[]'::jsonb)
         FROM (SELECT * FROM m ORDER BY ${orderBy(sort, 'm')} LIMIT ${query.perPage}::int OFFSET ${(query.page - 1) * query.perPage}::int) m
         JOIN search_document_payloads p ON p.id = m.id) AS hits${probeColumns}${bestColumn}`;
  // The `@@` filter always runs on the GIN index: search_vector has no planner statistics
  // (db/src/custom-sql/search-documents-planner.sql explains why).
  // The planner cannot tell how many rows the text matches (search_vector has no statistics), so
  // it would read every match from the heap and test the window on each. A GIN index is read by
  // bitmap scans only: with them off for this statement (SET LOCAL ends with the transaction) the
  // range is read along its B-tree. Statements are prepared (db's client.ts), and after five runs
  // PostgreSQL may keep a generic plan made without the window's bound: planned afresh instead.
  const result = plan.byKey
    ? await db.transaction(async (tx) => {
        await tx.execute(
          sql`SELECT set_config('plan_cache_mode', 'force_custom_plan', true), set_config('enable_bitmapscan', 'off', true)`,
        );
        return tx.execute(statement);
      })
    : await db.execute(statement);
  const [row] = rowsOf<{
    probed?: number;
    last_block?: number | null;
    blocks?: number;
    best_scored?: number;
    newest?: unknown;
    cheapest?: unknown;
  }>(result);
  return {
    ...searchRowsOf(result),
    probe:
      row?.probed === undefined
        ? null
        : {
            matches: row.probed,
            lastBlock: row.last_block ?? 0,
            blocks: row.blocks ?? 0,
            newest: (json<number[] | null>(row.newest) ?? []).map(Number),
            cheapest: (json<number[] | null>(row.cheapest) ?? []).map(Number),
          },
    bestScored: row?.best_scored ?? null,
  };
}

/**
 * The highest score the relevance expression above can give a hit: every word as typed (4), every
 * marked word in the title (2, when the buyer wrote any), and the title points (2). Keep in step with
 * `score` and titlePoints: a broad query's page is read from a window of recent matches only when it
 * holds a page of hits with this score (search-scale.ts), since no hit outside can rank above them.
 */
export function bestScore(text: TextPlan): number {
  return 4 + (text.marked.length > 0 ? 2 : 0) + 2;
}

const tsquery = (query: string) => sql`to_tsquery('simple', ${query})`;

/**
 * The relevance score: 10 per tier (0, 10 or 20) plus the field points (0–7), so a tier is never
 * crossed. Field points: 7 when the title holds every word as typed, 6 when it holds every word
 * through a synonym or typo; otherwise 3 when it holds any word of the query, plus 2 when every
 * word is in the title or category, 1 when every word is in the listing's own text. Each
 * CASE stops at its first true branch: a title hit is tested once, the weighted vector only after.
 */
function relevanceScore(text: TextPlan): SQL {
  const titleAll = sql`d.title_vector @@ ${tsquery(text.match)}`;
  const everyWordLevel = sql`CASE WHEN d.search_vector @@ ${tsquery(text.matchTitleOrCategory)} THEN 2
      WHEN d.search_vector @@ ${tsquery(text.matchOwnText)} THEN 1 ELSE 0 END`;
  const anyInTitle =
    text.anyWord === null ? sql`0` : sql`CASE WHEN d.title_vector @@ ${tsquery(text.anyWord)} THEN 3 ELSE 0 END`;
  const marks =
    text.marked.length > 0 ? sql`CASE WHEN d.title_marks @> ${textArray(text.marked)} THEN 10 ELSE 0 END` : sql`0`;
  // When the query has no alternatives (no synonym, typo or prefix) every hit matches it as typed.
  const typed = text.isTypedOnly ? sql`true` : sql`d.search_vector @@ ${tsquery(text.typed)}`;
  const about = sql`d.search_vector @@ ${tsquery(text.about)}`;
  const tier = sql`CASE WHEN ${typed} AND ${about} THEN 10 + ${marks} ELSE 0 END`;
  // A title holding every word as typed is in the top tiers already (typed, and about the query),
  // and closer than one holding them through a synonym or typo ("trà": "Trà xanh" before "Chè búp",
  // a tea through the synonym chè).
  const topTierTitle = sql`7 + 10 + ${marks}`;
  const titleHit = text.isTypedOnly
    ? topTierTitle
    : sql`CASE WHEN d.title_vector @@ ${tsquery(text.typed)} THEN ${topTierTitle} ELSE 6 + ${tier} END`;
  return sql`(CASE WHEN ${titleAll} THEN ${titleHit}
    ELSE ${anyInTitle} + ${everyWordLevel} + ${tier} END)`;
}

function searchRowsOf(result: unknown): SearchRows {
  const [row] = rowsOf<{ facets: unknown; hits: unknown }>(result);
  if (!row) throw new Error('search returned no row');
  const { total, ...facets } = json<SearchFacets & { total: number }>(row.facets);
  return { total, facets, hits: json(row.hits) };
}

/**
 * ORDER BY over the columns of the matched rows. Every order ends with the id, so equal keys still
 * page deterministically (no hit on two pages, none skipped).
 */
function orderBy(sort: SearchQuery['sort'], alias?: 'm' | 'd'): SQL {
  // Without an alias the names are the select list's own (score and distance_km are computed there).
  const m = sql.raw(alias ? `${alias}.` : '');
  switch (sort) {
    case 'relevance':
      return sql`${m}score DESC, ${m}created_at DESC, ${m}id`;
    case 'price_asc':
      return sql`${m}price_vnd ASC, ${m}created_at DESC, ${m}id`;
    case 'price_desc':
      return sql`${m}price_vnd DESC, ${m}created_at DESC, ${m}id`;
    case 'newest':
      return sql`${m}created_at DESC, ${m}id`;
    case 'distance':
      return sql`${m}distance_km ASC NULLS LAST, ${m}id`;
    default: {
      const unknown: never = sort;
      throw new Error(`unknown sort ${String(unknown)}`);
    }
  }
}
