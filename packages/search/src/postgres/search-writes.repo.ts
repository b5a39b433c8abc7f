// Writes to the PostgreSQL engine's index (search-tables.ts): documents, their payloads, the
// vocabulary and the facet counts, kept in step in the writer's transaction.
import { inArray, sql } from 'drizzle-orm';
import type { SearchDb } from './search-db.ts';
import { rowsOf } from './search-sql.ts';
import { searchDocuments, searchFacetCounts, searchTerms } from './search-tables.ts';

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
  /** tsvector literals (postgres-query.ts weightedVector, plainVector). */
  searchVector: string;
  titleVector: string;
  payload: unknown;
  terms: string[];
};

type FacetKey = { category: string; provinceId: string; certificationMask: number; inStock: boolean };

const facetKeyOf = (key: FacetKey) =>
  JSON.stringify([key.category, key.provinceId, key.certificationMask, key.inStock]);

async function lockWrites(tx: SearchDb): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY}::bigint)`);
}

/**
 * Inserts or replaces documents and keeps the facet counts and vocabulary in step. Call inside a
 * transaction. Set-based: the documents travel as one JSON parameter and are written by two
 * statements whatever their number (row-by-row VALUES lists cost more to build in JavaScript than
 * PostgreSQL spent writing them).
 */
export async function writeDocuments(tx: SearchDb, documents: IndexedDocument[]): Promise<void> {
  if (documents.length === 0) return;
  await lockWrites(tx);
  const facetIds = await facetCombinationIds(tx, documents);
  const input = documents.map(({ row, titleFolded, bodyFolded, searchVector, titleVector, payload }) => {
    const facetId = facetIds.get(facetKeyOf(row as FacetKey));
    if (facetId === undefined) throw new Error('search: facet combination missing after upsert');
    return {
      id: row.id,
      category: row.category,
      province_id: row.provinceId,
      certification_mask: row.certificationMask,
      facet_id: facetId,
      in_stock: row.inStock,
      offers_delivery: row.offersDelivery ?? false,
      price_vnd: row.priceVnd,
      seller_id: row.sellerId,
      lat: row.lat ?? null,
      lng: row.lng ?? null,
      created_at: row.createdAt,
      title_marks: row.titleMarks,
      // tsvector literals of the folded words: one position per field a word is in, carrying the
      // field's weight (title A … seller and place D), which ranking asks about; no other positions.
      search_vector: searchVector,
      title_vector: titleVector,
      title_folded: titleFolded,
      body_folded: bodyFolded,
      payload,
    };
  });
  // Words are runs of letters and digits, so one space-separated text carries them all.
  const terms = [...new Set(documents.flatMap((document) => document.terms))].sort().join(' ');
  // Every part reads the statement's one snapshot: `replaced` sees the rows before they are
  // replaced, which is what the facet deltas need. The payloads' foreign key is checked at the
  // statement's end, when the documents are in.
  const result = await tx.execute(sql`
    WITH input AS MATERIALIZED (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS x(
        id text, category text, province_id text, certification_mask smallint, facet_id int,
        in_stock boolean, offers_delivery boolean, price_vnd int, seller_id text, lat float8, lng float8,
        created_at timestamptz, title_marks text[], search_vector tsvector, title_vector tsvector,
        title_folded text, body_folded text, payload jsonb)
    ),
    replaced AS (SELECT d.facet_id FROM search_documents d JOIN input i ON i.id = d.id),
    written AS (
      INSERT INTO search_documents (id, category, province_id, certification_mask, facet_id, in_stock,
        offers_delivery, price_vnd, seller_id, lat, lng, created_at, title_marks, search_vector, title_vector)
      SELECT id, category, province_id, certification_mask, facet_id, in_stock,
        offers_delivery, price_vnd, seller_id, lat, lng, created_at, title_marks, search_vector, title_vector
      FROM input
      ON CONFLICT (id) DO UPDATE SET category = excluded.category, province_id = excluded.province_id,
        certification_mask = excluded.certification_mask, facet_id = excluded.facet_id,
        in_stock = excluded.in_stock, offers_delivery = excluded.offers_delivery,
        price_vnd = excluded.price_vnd, seller_id = excluded.seller_id, lat = excluded.lat,
        lng = excluded.lng, created_at = excluded.created_at, title_marks = excluded.title_marks,
        search_vector = excluded.search_vector, title_vector = excluded.title_vector
      RETURNING 1
    ),
    payloads AS (
      INSERT INTO search_document_payloads (id, title_folded, body_folded, payload)
      SELECT id, title_folded, body_folded, payload FROM input
      ON CONFLICT (id) DO UPDATE SET title_folded = excluded.title_folded,
        body_folded = excluded.body_folded, payload = excluded.payload
      RETURNING 1
    ),
    vocabulary AS (
      INSERT INTO search_terms (term)
      SELECT unnest(string_to_array(${terms}::text, ' ')) ON CONFLICT (term) DO NOTHING
      RETURNING 1
    ),
    deltas AS (
      SELECT facet_id AS id, sum(delta)::int AS delta
      FROM (SELECT facet_id, -1 AS delta FROM replaced UNION ALL SELECT facet_id, 1 FROM input) c
      GROUP BY 1 HAVING sum(delta) <> 0
    ),
    counted AS (
      UPDATE search_facet_counts c SET documents = c.documents + v.delta
      FROM deltas v WHERE c.id = v.id
      RETURNING c.id
    )
    SELECT (SELECT count(*) FROM deltas)::int AS changed, (SELECT count(*) FROM counted)::int AS counted`);
  const [row] = rowsOf<{ changed: number; counted: number }>(result);
  // Every combination row exists (a document was counted when written, and new ones were created
  // above); the CHECK (documents >= 0) turns any drift into an error instead of a wrong facet.
  if (!row || row.counted !== row.changed) {
    throw new Error('search_facet_counts lost a combination row: rebuild the index');
  }
}

/**
 * The ids of the facet combination rows the documents belong to, those not yet there created with
 * no documents. Existing rows are only read, not touched: a no-op update would leave a dead row
 * version per combination and batch. Writers hold the write lock, so no other can insert between.
 */
async function facetCombinationIds(tx: SearchDb, documents: IndexedDocument[]): Promise<Map<string, number>> {
  const keys = [...new Map(documents.map(({ row }) => [facetKeyOf(row as FacetKey), row as FacetKey])).values()].map(
    (key) => ({
      category: key.category,
      province_id: key.provinceId,
      certification_mask: key.certificationMask,
      in_stock: key.inStock,
    }),
  );
  const result = await tx.execute(sql`
    WITH k AS MATERIALIZED (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(keys)}::jsonb)
        AS x(category text, province_id text, certification_mask smallint, in_stock boolean)
    ),
    created AS (
      INSERT INTO search_facet_counts (category, province_id, certification_mask, in_stock, documents)
      SELECT category, province_id, certification_mask, in_stock, 0 FROM k
      ON CONFLICT (category, province_id, certification_mask, in_stock) DO NOTHING
      RETURNING id, category, province_id, certification_mask, in_stock
    )
    SELECT * FROM created
    UNION ALL
    SELECT c.id, c.category, c.province_id, c.certification_mask, c.in_stock
    FROM search_facet_counts c JOIN k USING (category, province_id, certification_mask, in_stock)`);
  return new Map(
    rowsOf<{ id: number; category: string; province_id: string; certification_mask: number; in_stock: boolean }>(
      result,
    ).map((row) => [
      facetKeyOf({
        category: row.category,
        provinceId: row.province_id,
        certificationMask: row.certification_mask,
        inStock: row.in_stock,
      }),
      row.id,
    ]),
  );
}

/** Removes documents by id; unknown ids are ignored. Call inside a transaction. */
export async function removeDocuments(tx: SearchDb, listingIds: readonly string[]): Promise<void> {
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
export async function removeAllDocuments(tx: SearchDb): Promise<void> {
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
async function addToFacetCounts(tx: SearchDb, changes: { facetId: number; delta: number }[]): Promise<void> {
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
