// Writes to the PostgreSQL engine's index (search-tables.ts): documents, their payloads, the
// vocabulary and the facet counts, kept in step in the writer's transaction.
import { inArray, type SQL, sql } from 'drizzle-orm';
import type { SearchDb } from './search-db.ts';
import { rowsOf, textArray } from './search-sql.ts';
import { searchDocumentPayloads, searchDocuments, searchFacetCounts, searchTerms } from './search-tables.ts';

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

/** Inserts or replaces documents and keeps the facet counts and vocabulary in step. Call inside a transaction. */
export async function writeDocuments(tx: SearchDb, documents: IndexedDocument[]): Promise<void> {
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
      documents.map(({ row, searchVector, titleVector }) => ({
        ...row,
        facetId: facetIdOf(row),
        // Written as literals of the folded words: one position per field a word is in, carrying the
        // field's weight (title A … seller and place D), which ranking asks about; no other positions.
        searchVector: sql`${searchVector}::tsvector`,
        titleVector: sql`${titleVector}::tsvector`,
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
