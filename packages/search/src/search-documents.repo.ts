// Every query on the PostgreSQL engine's tables (db/src/schema/search.ts): the engine's only SQL.
import type { SearchFacets, SearchQuery } from '@nongsan/contracts';
import { type Db, type DbOrTx, schema } from '@nongsan/db';
import { inArray, type SQL, sql } from 'drizzle-orm';
import { CERTIFICATION_BITS } from './certification-bits.ts';
import { EARTH_RADIUS_KM } from './search-text.ts';

const { searchDocuments, searchDocumentPayloads, searchTerms, searchFacetCounts } = schema;

/**
 * Writers take this transaction-level advisory lock first. Facet counts are kept by deltas computed
 * from the rows a write replaces; two writers interleaving on the same listing would both read the
 * old row and count it twice. One relay writes at a time anyway, so serialising costs nothing.
 */
const WRITE_LOCK_KEY = 0x6e_73_73_72; // "nssr": nongsan search

export type IndexedDocument = {
  row: Omit<typeof searchDocuments.$inferInsert, 'searchVector' | 'titleVector' | 'facetId'>;
  titleFolded: string;
  bodyFolded: string;
  payload: unknown;
  terms: string[];
};

type FacetKey = { category: string; provinceId: string; certificationMask: number; inStock: boolean };

const facetKeyOf = (key: FacetKey) =>
  JSON.stringify([key.category, key.provinceId, key.certificationMask, key.inStock]);

async function lockWrites(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY}::bigint)`);
}

/** Inserts or replaces documents and keeps the facet counts and vocabulary in step. Call inside a transaction. */
export async function writeDocuments(tx: DbOrTx, documents: IndexedDocument[]): Promise<void> {
  if (documents.length === 0) return;
  await lockWrites(tx);
  const replaced = await tx
    .select({ facetId: searchDocuments.facetId })
    .from(searchDocuments)
    .where(
      inArray(
        searchDocuments.id,
        documents.map((document) => document.row.id),
      ),
    );

  // The facet combination rows the documents belong to, created (with no documents yet) when new.
  const keys = new Map(documents.map(({ row }) => [facetKeyOf(row as FacetKey), row as FacetKey]));
  const combinations = await tx
    .insert(searchFacetCounts)
    .values([...keys.values()].map((key) => ({ ...pickFacetKey(key), documents: 0 })))
    .onConflictDoUpdate({
      target: [
        searchFacetCounts.category,
        searchFacetCounts.provinceId,
        searchFacetCounts.certificationMask,
        searchFacetCounts.inStock,
      ],
      // A no-op update, so that RETURNING also gives the ids of combinations that already exist.
      set: { documents: sql`${searchFacetCounts.documents}` },
    })
    .returning();
  const facetIds = new Map(combinations.map((row) => [facetKeyOf(row), row.id]));
  const facetIdOf = (row: IndexedDocument['row']) => {
    const id = facetIds.get(facetKeyOf(row as FacetKey));
    if (id === undefined) throw new Error('search: facet combination missing after upsert');
    return id;
  };

  await tx
    .insert(searchDocuments)
    .values(
      documents.map(({ row, titleFolded, bodyFolded }) => ({
        ...row,
        facetId: facetIdOf(row),
        // strip(): positions and weights are never read (no phrase search, no ts_rank; title matches
        // are asked of title_vector), and without them the vector, most of the row, is half the size.
        searchVector: sql`strip(to_tsvector('simple'::regconfig, ${bodyFolded}::text))`,
        titleVector: sql`strip(to_tsvector('simple'::regconfig, ${titleFolded}::text))`,
      })),
    )
    .onConflictDoUpdate({ target: searchDocuments.id, set: excludedColumns(searchDocuments, 'id') });
  await tx
    .insert(searchDocumentPayloads)
    .values(
      documents.map(({ row, titleFolded, bodyFolded, payload }) => ({ id: row.id, titleFolded, bodyFolded, payload })),
    )
    .onConflictDoUpdate({ target: searchDocumentPayloads.id, set: excludedColumns(searchDocumentPayloads, 'id') });

  const terms = [...new Set(documents.flatMap((document) => document.terms))].sort();
  if (terms.length > 0) {
    await tx.execute(
      sql`INSERT INTO search_terms (term) SELECT unnest(${textArray(terms)}) ON CONFLICT (term) DO NOTHING`,
    );
  }
  await addToFacetCounts(tx, [
    ...replaced.map(({ facetId }) => ({ facetId, delta: -1 })),
    ...documents.map(({ row }) => ({ facetId: facetIdOf(row), delta: 1 })),
  ]);
}

function pickFacetKey(key: FacetKey): FacetKey {
  return {
    category: key.category,
    provinceId: key.provinceId,
    certificationMask: key.certificationMask,
    inStock: key.inStock,
  };
}

/** Removes documents by id; unknown ids are ignored. Call inside a transaction. */
export async function removeDocuments(tx: DbOrTx, listingIds: readonly string[]): Promise<void> {
  if (listingIds.length === 0) return;
  await lockWrites(tx);
  // search_document_payloads rows go with them (ON DELETE CASCADE).
  const removed = await tx
    .delete(searchDocuments)
    .where(inArray(searchDocuments.id, [...listingIds]))
    .returning({ facetId: searchDocuments.facetId });
  await addToFacetCounts(
    tx,
    removed.map(({ facetId }) => ({ facetId, delta: -1 })),
  );
}

/** Empties the index, vocabulary and counts included. Call inside a transaction. */
export async function removeAllDocuments(tx: DbOrTx): Promise<void> {
  await lockWrites(tx);
  await tx.delete(searchDocuments);
  await tx.delete(searchFacetCounts);
  await tx.delete(searchTerms);
}

/**
 * Adds the deltas to the combinations' counts, in one statement. Every combination row exists (a
 * document was counted when written, and new ones were created above); the CHECK (documents >= 0)
 * turns any drift into an error instead of a wrong facet.
 */
async function addToFacetCounts(tx: DbOrTx, changes: { facetId: number; delta: number }[]): Promise<void> {
  const deltas = new Map<number, number>();
  for (const { facetId, delta } of changes) deltas.set(facetId, (deltas.get(facetId) ?? 0) + delta);
  const changed = [...deltas].filter(([, delta]) => delta !== 0);
  if (changed.length === 0) return;
  const values = sql.join(
    changed.map(([facetId, delta]) => sql`(${facetId}::int, ${delta}::int)`),
    sql`, `,
  );
  const updated = await tx.execute(sql`
    UPDATE search_facet_counts c SET documents = c.documents + v.delta
    FROM (VALUES ${values}) AS v(id, delta)
    WHERE c.id = v.id
    RETURNING c.id`);
  if (rowsOf(updated).length !== changed.length) {
    throw new Error('search_facet_counts lost a combination row: rebuild the index');
  }
}

/** `SET column = excluded.column` for every column but the key. */
function excludedColumns(table: typeof searchDocuments | typeof searchDocumentPayloads, key: string) {
  const set: Record<string, SQL> = {};
  for (const [name, column] of Object.entries(table)) {
    if (name === key || typeof column !== 'object' || column === null || !('columnType' in column)) continue;
    set[name] = sql.raw(`excluded.${snakeCase(name)}`);
  }
  return set;
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const textArray = (values: readonly string[]) =>
  sql`ARRAY[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;

type Rows<T> = T[] | { rows: T[] };
/** postgres.js answers raw queries with an array of rows, PGlite with `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  const rows = result as Rows<T>;
  return Array.isArray(rows) ? rows : rows.rows;
}

/** jsonb arrives parsed from both drivers; a string (a driver configured otherwise) is parsed here. */
function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export type WordLookup = {
  /** Query words that are words of the index. */
  known: Set<string>;
  /** For unknown words of at least `minTypoLength` letters: indexed words close to them, most similar first. */
  candidates: { word: string; term: string }[];
};

/**
 * Which query words the index knows, and for the others (probable typos) the closest indexed words by
 * trigram similarity. The caller keeps the candidates within the edit distance it allows.
 */
export async function lookUpWords(
  db: Db,
  words: readonly string[],
  options: { minTypoLength: number; perWord: number },
): Promise<WordLookup> {
  const lookup: WordLookup = { known: new Set(), candidates: [] };
  if (words.length === 0) return lookup;
  // `%` uses pg_trgm.similarity_threshold (default 0.3), loose enough for one wrong letter in a
  // five-letter word; the explicit similarity() floor keeps that if a server changes the default.
  const result = await db.execute(sql`
    SELECT q.word, e.term IS NOT NULL AS known, t.term
    FROM unnest(${textArray(words)}) AS q(word)
    LEFT JOIN search_terms e ON e.term = q.word
    LEFT JOIN LATERAL (
      SELECT s.term FROM search_terms s
      WHERE e.term IS NULL AND length(q.word) >= ${options.minTypoLength}::int
        AND s.term % q.word AND similarity(s.term, q.word) >= 0.25
      ORDER BY similarity(s.term, q.word) DESC, s.term
      LIMIT ${options.perWord}::int
    ) t ON true`);
  for (const row of rowsOf<{ word: string; known: boolean; term: string | null }>(result)) {
    if (row.known) lookup.known.add(row.word);
    if (row.term !== null) lookup.candidates.push({ word: row.word, term: row.term });
  }
  return lookup;
}

export type TextPlan = {
  /** A document must match this (tsquery text) to be a hit; matched against title_vector, a title match. */
  match: string;
  /** Any one word of the query: a title holding it earns a point (see anyWordQuery); null for one word. */
  anyWord: string | null;
  /** Every word as typed. */
  typed: string;
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
export async function browseRows(db: Db, query: SearchQuery): Promise<SearchRows> {
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
 * Relevance comes in tiers, so a hit of the query as typed always comes before a synonym or typo
 * hit: 4 for every word present as typed, +2 when the title also has every word the buyer wrote with
 * diacritics ("đường" ranks sugar above "dương" ferns), +1 for a match in the title; newest first
 * within a tier. Term-frequency ranking (ts_rank) was measured and dropped: it reads every matching
 * vector again, and listing titles are too short for frequencies to say much.
 */
export async function searchRows(db: Db, query: SearchQuery, text: TextPlan | null): Promise<SearchRows> {
  const conditions = filterConditions(query);
  if (text) conditions.unshift(sql`d.search_vector @@ to_tsquery('simple', ${text.match})`);
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

  let score = sql`0`;
  // Only relevance reads the score; the other sorts skip evaluating it on every matching row.
  if (text && query.sort === 'relevance') {
    const marks =
      text.marked.length > 0 ? sql` + CASE WHEN d.title_marks @> ${textArray(text.marked)} THEN 2 ELSE 0 END` : sql``;
    // When the query has no alternatives (no synonym, typo or prefix) every hit matches it as typed.
    const typed = text.isTypedOnly ? sql`true` : sql`d.search_vector @@ to_tsquery('simple', ${text.typed})`;
    score = sql`(CASE WHEN ${typed} THEN 4${marks} ELSE 0 END
      + ${titlePoints(text)})`;
  }
  const sort = query.sort === 'relevance' && !text ? 'newest' : query.sort;
  const where = and(conditions);

  const statement = sql`
    WITH m AS MATERIALIZED (
      SELECT d.id, d.facet_id, d.price_vnd, d.created_at, ${distance} AS distance_km, ${score} AS score
      FROM search_documents d
      WHERE ${where}
    )
    SELECT
      ${facetsOf(sql`SELECT c.category, c.province_id, c.certification_mask, g.n
                     FROM (SELECT facet_id, count(*) AS n FROM m GROUP BY 1) g
                     JOIN search_facet_counts c ON c.id = g.facet_id`)} AS facets,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('payload', p.payload, 'distanceKm', m.distance_km) ORDER BY ${orderBy(sort, 'm')}), '[]'::jsonb)
         FROM (SELECT * FROM m ORDER BY ${orderBy(sort, 'm')} LIMIT ${query.perPage}::int OFFSET ${(query.page - 1) * query.perPage}::int) m
         JOIN search_document_payloads p ON p.id = m.id) AS hits`;
  // The `@@` filter always runs on the GIN index: search_vector has no planner statistics
  // (db/src/custom-sql/search-documents-planner.sql explains why).
  return searchRowsOf(await db.execute(statement));
}

/** +1 for every word in the title, +1 for any one of them: 2 at once when the query is one word. */
function titlePoints(text: TextPlan): SQL {
  const all = sql`d.title_vector @@ to_tsquery('simple', ${text.match})`;
  if (text.anyWord === null) return sql`CASE WHEN ${all} THEN 2 ELSE 0 END`;
  return sql`CASE WHEN ${all} THEN 1 ELSE 0 END
      + CASE WHEN d.title_vector @@ to_tsquery('simple', ${text.anyWord}) THEN 1 ELSE 0 END`;
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

export type SuggestionRow = { title: string; category: string };

/**
 * Distinct titles matching the words so far in the title (the last word as a prefix, typos
 * corrected). Candidates are capped before ranking: a short prefix matches much of the index, and a
 * suggestion list needs only the best few.
 */
export async function suggestionRows(
  db: Db,
  options: { match: string; folded: string; limit: number; candidates: number },
): Promise<SuggestionRow[]> {
  // The body vector (indexed) finds candidates; the title vector keeps those matching in the title.
  const result = await db.execute(sql`
    WITH c AS (
      SELECT p.title_folded, p.payload->>'title' AS title, d.category, d.created_at
      FROM search_documents d JOIN search_document_payloads p ON p.id = d.id
      WHERE d.search_vector @@ to_tsquery('simple', ${options.match})
        AND d.title_vector @@ to_tsquery('simple', ${options.match})
      LIMIT ${options.candidates}::int
    )
    SELECT (array_agg(title ORDER BY created_at DESC))[1] AS title,
           (array_agg(category ORDER BY created_at DESC))[1] AS category
    FROM c
    GROUP BY title_folded
    ORDER BY bool_or(title_folded LIKE ${`${options.folded}%`}) DESC, count(*) DESC, title_folded
    LIMIT ${options.limit}::int`);
  return rowsOf<SuggestionRow>(result);
}
